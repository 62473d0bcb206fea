import Foundation
import Testing
@testable import Incremental
import ContentReader
import Linking

/// Everything a build reuses is keyed by the program's version as well as by its inputs: the
/// plan cache's keys and the regions' fingerprints of another plansite never match.
@Suite struct ProgramVersionTests {
    static let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sites/minimal/Content").path

    @Test func keysAndFingerprintsChangeWithTheProgram() throws {
        let inputs = InputScan.hashes(contentDirectory: Self.content, templatesDirectory: nil, threads: 1)
        let one = PlanCache.Keys(inputs: inputs, contentDirectory: Self.content, display: "Content", tool: 1)
        let two = PlanCache.Keys(inputs: inputs, contentDirectory: Self.content, display: "Content", tool: 2)
        #expect(one["demo-2020"] != nil)
        #expect(one["demo-2020"] != two["demo-2020"])
        #expect(one["demo-2020"] == PlanCache.Keys(inputs: inputs, contentDirectory: Self.content, display: "Content", tool: 1)["demo-2020"])

        let folder = ContentLoader.open(Self.content)
        let context = Linker.Context(regions: folder.regions, contentRoot: folder.display)
        let plan = try #require(folder.readPlan(at: 0).0)
        let content = try #require(folder.finish(.init(results: [plan], diagnostics: [])).0)
        let site = Linker.assemble(content, links: [Linker.linkPlan(plan, context: context)], context: context).0
        let first = PageDependencies.regionFingerprints(site: site, inputs: inputs, tool: 1, explicitIndicatorPlans: [:])
        let second = PageDependencies.regionFingerprints(site: site, inputs: inputs, tool: 2, explicitIndicatorPlans: [:])
        #expect(first["demo"] != nil && first["demo"] != second["demo"])
    }
}

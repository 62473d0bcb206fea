import Foundation
import Testing
import ContentReader
import Linking
@testable import Pipeline
import PlanModel

/// The plan cache (`PlanCache`): a plan and its links read back from an entry are the ones
/// that were written, and an entry is used only under the key it was written with, intact.
@Suite struct PlanCacheTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Each plan of the bundled content and of the minimal fixture, as a build holds it, with
    /// its links and the plans its text links to.
    static let entries: [PlanCache.Entry] = {
        var result: [PlanCache.Entry] = []
        for content in ["Content", "Tests/Fixtures/sites/minimal/Content"] {
            let folder = ContentLoader.open(root.appendingPathComponent(content).path)
            let context = Linker.Context(regions: folder.regions, contentRoot: folder.display)
            for index in folder.planIDs.indices {
                let (plan, diagnostics) = folder.readPlan(at: index)
                guard let plan else { continue }
                result.append(PlanCache.Entry(plan: plan.withoutBody(), links: Linker.linkPlan(plan, context: context),
                                              explicitIndicatorPlans: PageDependencies.explicitIndicatorPlans(in: plan),
                                              diagnostics: diagnostics))
            }
        }
        return result
    }()

    @Test func everyPlanReadsBackAsWritten() throws {
        #expect(Self.entries.count >= 5)
        for entry in Self.entries {
            let bytes = PlanCache.encode(entry, key: 42)
            let back = try #require(PlanCache.decode(Data(bytes), key: 42), "\(entry.plan.id)")
            let (a, b) = (entry.plan, back.plan)
            // Compared as Bools: a failing comparison of two whole plans prints both.
            let same = (chapters: a.chapters == b.chapters, units: a.units == b.units, indicators: a.indicators == b.indicators,
                        reports: a.reports == b.reports, all: a == b)
            #expect(same.chapters && same.units && same.indicators && same.reports, "\(a.id): \(same)")
            #expect(a.bodyDigest == b.bodyDigest, "\(a.id)")
            #expect(same.all, "\(a.id)")
            #expect(back.diagnostics == entry.diagnostics)
            #expect(back.explicitIndicatorPlans == entry.explicitIndicatorPlans)
            #expect(back.links.unitCount == entry.links.unitCount)
            for u in 0..<entry.links.unitCount {
                #expect(back.links.unit(u).assignments == entry.links.unit(u).assignments)
                #expect(back.links.unit(u).indicators == entry.links.unit(u).indicators)
            }
            // Encoding the decoded entry gives the same bytes: nothing was lost or added.
            #expect(PlanCache.encode(back, key: 42) == bytes, "\(a.id)")
        }
    }
}

import Foundation
import Testing
import Incremental
import Linking
import Progress
@testable import Pipeline
import PlanModel
@testable import SiteRender

/// A build holds every plan without its text once the plan is linked (`Plan.withoutBody`)
/// and reads a plan again for its own page. The site it renders must be the one rendered
/// from the whole plans, byte for byte.
@Suite struct PlansWithoutBodyTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let templates = root.appendingPathComponent("Templates").path

    /// Every file as `SiteRenderer` renders it, by path.
    func render(_ outcome: ContentCheck.Outcome, bodies: (@Sendable (Plan) throws -> Plan)?) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let site = try #require(outcome.site)
        let (templates, labels) = try SiteRenderer.loadTemplates(Self.templates).get()
        let evaluations = SiteEvaluations(site: site, evaluator: ProgressEvaluator(asOf: site.content.config.dataAsOf))
        let renderer = SiteRenderer(site: site, evaluations: evaluations, templates: templates, labels: labels, bodies: bodies)
        try renderer.render(threads: 2) { path, data in files[path] = data }
        return files
    }

    /// The minimal fixture plus a second plan that links to the first plan's indicator
    /// (`indicator:demo-2020/pm25`; `Tests/Fixtures/plans/demo-2021`), in a temporary folder.
    func contentWithTwoPlans() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-nobody-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Tests/Fixtures/sites/minimal/Content"), to: dir)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Tests/Fixtures/plans/demo-2021"),
                                         to: dir.appendingPathComponent("plans/demo-2021"))
        return dir
    }

    /// Every file under `folder`, by path relative to it.
    func files(in folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [:] }
        for case let relative as String in walker {
            var isDirectory: ObjCBool = false
            let path = base + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    /// A build (plans linked as read, held without text, listings written while reading,
    /// pages from the text read again) gives the files a render of the whole plans gives.
    @Test func aBuildWithoutBodiesWritesTheSameFiles() throws {
        let sites = [try contentWithTwoPlans().path, Self.root.appendingPathComponent("Content").path]
        for content in sites {
            let whole = ContentCheck.run(contentDirectory: content, threads: 2)
            let slim = ContentCheck.run(contentDirectory: content, threads: 2, keepBodies: false)
            #expect(whole.diagnostics == slim.diagnostics)
            #expect(whole.errors.isEmpty, "\(whole.errors)")
            let slimPlans = try #require(slim.site).content.plans
            // The slim site really holds no text: otherwise this test would compare nothing.
            #expect(slimPlans.allSatisfy { !$0.hasBody && $0.blocks.isEmpty })
            #expect(slimPlans.flatMap(\.units).allSatisfy { $0.text.isEmpty && $0.annotations.isEmpty })
            #expect(try #require(whole.site).content.plans.allSatisfy { $0.hasBody && !$0.blocks.isEmpty })

            let expected = try render(whole, bodies: nil)
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-nobody-out-\(UUID().uuidString)")
            let result = SiteBuild.run(contentDirectory: content, templatesDirectory: Self.templates, outputDirectory: output.path,
                                       threads: 2, incremental: false)
            guard case .success = result else { Issue.record("\(result)"); continue }
            let actual = try files(in: output)
            #expect(expected.count > 10)
            #expect(Set(actual.keys) == Set(expected.keys))
            for (path, data) in expected where actual[path] != data {
                Issue.record("\(content): \(path) differs when the plans are held without their text")
            }
        }
    }

    /// A site held without text cannot make the files that list every unit's text.
    @Test func listingsOfASiteWithoutTextAreAnError() throws {
        let slim = ContentCheck.run(contentDirectory: try contentWithTwoPlans().path, threads: 1, keepBodies: false)
        let folder = slim.folder
        #expect(throws: SiteRenderer.Failure.self) {
            _ = try render(slim, bodies: { try SiteBuild.readAgain($0, from: folder) })
        }
    }

    @Test func crossPlanLinksAreFoundInTheText() throws {
        let whole = ContentCheck.run(contentDirectory: try contentWithTwoPlans().path, threads: 2)
        let plan = try #require(whole.site?.content.plan("demo-2021"))
        #expect(PageDependencies.explicitIndicatorPlans(in: plan) == ["demo-2020"])
        let slim = ContentCheck.run(contentDirectory: try contentWithTwoPlans().path, threads: 2, keepBodies: false)
        let site = try #require(slim.site)
        #expect(site.indicatorUnits["demo-2020/pm25"]?.contains("demo-2021/c1-t1") == true)
    }

    @Test func aPlanPageWithoutAWayToReadTheTextIsAnError() throws {
        let slim = ContentCheck.run(contentDirectory: try contentWithTwoPlans().path, threads: 1, keepBodies: false)
        #expect(throws: SiteRenderer.Failure.self) { _ = try render(slim, bodies: nil) }
    }

    @Test func aPlanEditedDuringTheBuildFailsIt() throws {
        let content = try contentWithTwoPlans()
        let slim = ContentCheck.run(contentDirectory: content.path, threads: 1, keepBodies: false)
        let plan = try #require(slim.site?.content.plan("demo-2020"))
        let again = try SiteBuild.readAgain(plan, from: slim.folder)
        #expect(again.hasBody && !again.blocks.isEmpty)
        // The text as read at first; what linking resolved (the indicators' departments as
        // written) is not read again.
        let full = try #require(ContentCheck.run(contentDirectory: content.path, threads: 1).site?.content.plan("demo-2020"))
        #expect(again.blocks == full.blocks && again.units == full.units && again.chapters == full.chapters)
        #expect(again.withoutBody() == full.withoutBody())

        let file = content.appendingPathComponent("plans/demo-2020/plan.md")
        let original = try String(contentsOf: file, encoding: .utf8)
        // A changed task title, and a change in the middle of a task's text only.
        for (old, new) in [("推进工业废气治理", "推进工业废气深度治理"), ("全面实施清洁排放", "全面实施超低排放")] {
            #expect(original.contains(old))
            try Data(original.replacingOccurrences(of: old, with: new).utf8).write(to: file)
            do {
                _ = try SiteBuild.readAgain(plan, from: slim.folder)
                Issue.record("a plan changed after it was linked (\(old) → \(new)) was read again without complaint")
            } catch let failure as SiteBuild.ReadAgainFailure {
                #expect("\(failure)".contains("plans/demo-2020/plan.md changed while the site was being built"))
            }
        }
    }

    /// `bodyDigest` is how a build tells that a plan's text changed after it was linked: any
    /// change to a block's bytes, role or line, or text moved from one block to the next,
    /// must change it.
    @Test func theBodyDigestChangesWithEveryChangeToTheText() {
        func blocks(_ texts: [String], role: PlanBlock.Role = .unitBody("c1-t1"), line: Int = 3) -> [PlanBlock] {
            texts.enumerated().map { PlanBlock(role: $0.offset == 0 ? role : .text, html: $0.element, line: line + $0.offset) }
        }
        let text = "<p>到2025年，全市PM2.5年均浓度下降到35微克/立方米以下 (牵头单位:市生态环境局)</p>"
        let digest = Plan.digest(of: blocks([text, "<p>tail</p>"]))
        // The same text made anew gives the same digest.
        let again = ["<p>到2025年，", "全市PM2.5年均浓度下降到35微克/立方米以下 (牵头单位:市生态环境局)</p>"].joined()
        #expect(Plan.digest(of: blocks([again, "<p>tail</p>"])) == digest)
        var seen: Set<UInt64> = [digest]
        // One byte changed at every position (within and across 8-byte words and in the tail).
        let bytes = Array(text.utf8)
        for i in bytes.indices where bytes[i] < 0x80 {
            var changed = bytes
            changed[i] = bytes[i] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
            let d = Plan.digest(of: blocks([String(decoding: changed, as: UTF8.self), "<p>tail</p>"]))
            #expect(!seen.contains(d), "byte \(i)")
            seen.insert(d)
        }
        // é written precomposed and decomposed: equal Strings, different bytes, different digests.
        #expect(Plan.digest(of: blocks(["caf\u{E9}"])) != Plan.digest(of: blocks(["cafe\u{301}"])))
        // Text moved across a block boundary, a block's role, its line.
        #expect(Plan.digest(of: blocks(["ab", "c"])) != Plan.digest(of: blocks(["a", "bc"])))
        #expect(Plan.digest(of: blocks([text])) != Plan.digest(of: blocks([text], role: .unitStart("c1-t1"))))
        #expect(Plan.digest(of: blocks([text])) != Plan.digest(of: blocks([text], role: .unitBody("c1-t2"))))
        #expect(Plan.digest(of: blocks([text])) != Plan.digest(of: blocks([text], line: 4)))
        #expect(Plan.digest(of: []) != Plan.digest(of: blocks([""])))
    }
}

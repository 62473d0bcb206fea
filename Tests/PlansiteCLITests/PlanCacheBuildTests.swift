import Foundation
import Testing

/// The plan cache in real builds (`PlanCache` in Pipeline): after an edit, the plans whose
/// inputs did not change are decoded from `.Output.plansite-cache/` instead of being read, with
/// their parts of the search index and task tables. Every
/// result is compared with a full build of the same content, byte for byte. Run on a copy of
/// the bundled content (four plans in three regions).
@Suite struct PlanCacheBuildTests {
    static let bundled = CLI.repoRoot.appendingPathComponent("Content")

    /// Builds, checks the output is a full build's, and returns how many plans the build says
    /// it took from the cache (0 when it says nothing) with its stderr.
    static func build(_ dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> (fromCache: Int, stderr: String) {
        let result = try CLI.buildMatchesFull(dir, sourceLocation: sourceLocation)
        guard let range = result.stderr.range(of: #"(\d+) of 4 plans from the cache"#, options: .regularExpression) else {
            return (0, result.stderr)
        }
        return (Int(result.stderr[range].prefix { $0.isNumber }) ?? 0, result.stderr)
    }

    static func edit(_ relative: String, in dir: URL, _ change: (String) -> String) throws {
        let text = CLI.read(relative, in: dir)
        let changed = change(text)
        #expect(changed != text, "the edit of \(relative) changed nothing")
        try CLI.write(changed, to: relative, in: dir)
    }

    static func entries(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(".Output.plansite-cache").path)) ?? []).sorted()
    }

    @Test func aPlanEditReadsOnlyThatPlan() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        #expect(try Self.build(dir).fromCache == 0)   // nothing cached yet
        #expect(Self.entries(dir) == ["huzhou-14th.plan", "huzhou-2018.plan", "shengzhou-2024.plan", "zhejiang-2020.plan"])
        try Self.edit("Content/plans/shengzhou-2024/plan.md", in: dir) { $0.replacingOccurrences(of: "推进", with: "推动") }
        #expect(try Self.build(dir).fromCache == 3)
        // huzhou-2018 is taken from the cache while its region's pages are rendered again: its
        // page reads its text and checks it is the plan the cache gave.
        try Self.edit("Content/plans/huzhou-14th/plan.md", in: dir) { $0.replacingOccurrences(of: "推进", with: "推行") }
        #expect(try Self.build(dir).fromCache == 3)
        try Self.edit("Content/plans/huzhou-14th/indicators.csv", in: dir) { $0 + "\n" }
        #expect(try Self.build(dir).fromCache == 3)
    }

    @Test func aRegionOrSettingsEditReadsEveryPlan() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        _ = try Self.build(dir)
        // Every plan's links depend on the regions' registries (departments, metrics): here a
        // department's name, which the task tables show for each task it is assigned.
        try Self.edit("Content/regions/shengzhou/departments.csv", in: dir) {
            $0.replacingOccurrences(of: ",嵊州市住房和城乡建设局,", with: ",嵊州市住房和城乡建设局(新),")
        }
        #expect(try Self.build(dir).fromCache == 0)
        try Self.edit("Content/site.yaml", in: dir) { $0 + "\n" }
        #expect(try Self.build(dir).fromCache == 0)
        // A template edit changes no plan: every plan comes from the cache.
        try Self.edit("Templates/style.css", in: dir) { $0 + "\n/* changed */\n" }
        #expect(try Self.build(dir).fromCache == 4)
    }

    @Test func warningsOfACachedPlanAreShownAgain() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        // An annotation in a chapter's introduction: a warning of reading the plan.
        try Self.edit("Content/plans/zhejiang-2020/plan.md", in: dir) { text in
            let heading = text.range(of: "\n## 一、")!
            let lineEnd = text[heading.upperBound...].firstIndex(of: "\n")!
            return String(text[..<lineEnd]) + "\n\n(牵头单位:省生态环境厅)\n" + String(text[lineEnd...])
        }
        let first = try Self.build(dir)
        #expect(first.stderr.contains("warning: this annotation stands in a chapter's introduction"), "\(first.stderr)")
        try Self.edit("Content/plans/shengzhou-2024/plan.md", in: dir) { $0.replacingOccurrences(of: "推进", with: "推动") }
        let second = try Self.build(dir)
        #expect(second.fromCache == 3)
        #expect(second.stderr.contains("zhejiang-2020/plan.md:"), "\(second.stderr)")
        #expect(second.stderr.contains("warning: this annotation stands in a chapter's introduction"), "\(second.stderr)")
        #expect(second.stderr.contains(", 1 warnings,"), "\(second.stderr)")
    }

    @Test func aDamagedOrForeignEntryIsNotUsed() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        _ = try Self.build(dir)
        let cache = dir.appendingPathComponent(".Output.plansite-cache")
        // One byte changed in one entry, another entry replaced by a third plan's.
        let damaged = cache.appendingPathComponent("huzhou-2018.plan")
        var bytes = try Data(contentsOf: damaged)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: damaged)
        try FileManager.default.removeItem(at: cache.appendingPathComponent("zhejiang-2020.plan"))
        try FileManager.default.copyItem(at: cache.appendingPathComponent("huzhou-14th.plan"),
                                         to: cache.appendingPathComponent("zhejiang-2020.plan"))
        try Self.edit("Content/plans/shengzhou-2024/plan.md", in: dir) { $0.replacingOccurrences(of: "推进", with: "推动") }
        #expect(try Self.build(dir).fromCache == 1)   // huzhou-14th only
        // Both were read and written again.
        try Self.edit("Content/plans/shengzhou-2024/plan.md", in: dir) { $0.replacingOccurrences(of: "推动", with: "推行") }
        #expect(try Self.build(dir).fromCache == 3)
    }

    /// A hand-edited file made with a cached plan's page (its task table, its search
    /// documents) is made again from the plan, though the plan's region did not change.
    @Test func anEditedListingFileIsMadeAgain() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        _ = try Self.build(dir)
        let tasks = "Output/data/tasks/huzhou-2018.csv"
        try CLI.write(CLI.read(tasks, in: dir).replacingOccurrences(of: "湖州", with: "HUZHOU-EDITED"), to: tasks, in: dir)
        let documents = "Output/assets/search/p/huzhou-2018.js"
        try CLI.write(CLI.read(documents, in: dir).replacingOccurrences(of: "湖州", with: "HUZHOU-EDITED"), to: documents, in: dir)
        try Self.edit("Content/plans/shengzhou-2024/plan.md", in: dir) { $0.replacingOccurrences(of: "推进", with: "推动") }
        #expect(try Self.build(dir).fromCache == 3)
        #expect(!CLI.read(tasks, in: dir).contains("HUZHOU-EDITED"))
        #expect(CLI.read(documents, in: dir).contains("湖州") && !CLI.read(documents, in: dir).contains("HUZHOU-EDITED"))
    }

    @Test func entriesOfRemovedPlansAreRemoved() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        _ = try Self.build(dir)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("Content/plans/huzhou-2018"))
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("3 of 3 plans from the cache"), "\(result.stderr)")
        #expect(Self.entries(dir) == ["huzhou-14th.plan", "shengzhou-2024.plan", "zhejiang-2020.plan"])
    }

    /// A cached plan's links to another plan's indicator are checked against the plans of
    /// this build: when the indicator goes, the build fails at the cached plan's line.
    @Test func aCachedPlansLinkToARemovedIndicatorIsAnError() throws {
        let dir = try CLI.workspace()   // the minimal site: plan demo-2020, indicator pm25
        try FileManager.default.copyItem(at: CLI.fixtures.appendingPathComponent("plans/demo-2021"),
                                         to: dir.appendingPathComponent("Content/plans/demo-2021"))
        let first = try CLI.run(["build"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        try Self.edit("Content/plans/demo-2020/indicators.csv", in: dir) { $0.replacingOccurrences(of: "\npm25,", with: "\npm10,") }
        let second = try CLI.run(["build"], in: dir)
        #expect(second.status == 1, "\(second.stderr)")
        #expect(second.stderr.contains("Content/plans/demo-2021/plan.md:11:"), "\(second.stderr)")
        #expect(second.stderr.contains("no indicator 'demo-2020/pm25'"), "\(second.stderr)")
        #expect(second.stderr.contains("Output/ was not changed"), "\(second.stderr)")
        // demo-2021 is the cached one in these builds: with the indicator back (and a line
        // added, so that this is not the first build's content), only demo-2020 is read.
        try Self.edit("Content/plans/demo-2020/indicators.csv", in: dir) { $0.replacingOccurrences(of: "\npm10,", with: "\npm25,") + "\n" }
        let third = try CLI.run(["build"], in: dir)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("1 of 2 plans from the cache"), "\(third.stderr)")
    }
}

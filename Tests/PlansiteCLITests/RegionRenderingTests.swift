import Foundation
import Testing

/// An incremental build renders again only the pages of regions whose inputs changed (and of
/// regions linked with them); the other regions' plan, indicator and department pages are
/// taken from the previous build. Run on a copy of the bundled content: three regions
/// (huzhou with two plans, shengzhou, zhejiang), each result compared with a full build.
@Suite struct RegionRenderingTests {
    static let bundled = CLI.repoRoot.appendingPathComponent("Content")

    /// Builds again and checks the result is byte-identical to `build --full`; returns the
    /// pages the build says it did not render again (0 when it says nothing).
    static func rebuildMatchesFull(_ dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let result = try CLI.buildMatchesFull(dir, sourceLocation: sourceLocation)
        guard let range = result.stderr.range(of: #"\d+ of them not rendered again"#, options: .regularExpression) else { return 0 }
        return Int(result.stderr[range].prefix { $0.isNumber }) ?? 0
    }

    /// Pages (.html) whose bytes differ between two snapshots of the output.
    static func changedPages(_ before: [String: Data], _ after: [String: Data]) -> Int {
        after.filter { $0.key.hasSuffix(".html") && before[$0.key] != $0.value }.count
    }

    /// Output files of a region: its plans' pages (with their task tables and search
    /// documents), progress pages and indicator pages, its department pages.
    static func regionPages(_ dir: URL, plans: [String], region: String) -> Int {
        let output = CLI.snapshot(dir.appendingPathComponent("Output")).keys
        return output.filter { path in
            plans.contains { plan in
                ["plans/\(plan).html", "progress/\(plan).html", "data/tasks/\(plan).csv", "data/tasks/\(plan).json", "assets/search/p/\(plan).js"]
                    .contains(path) || path.hasPrefix("indicators/\(plan)/")
            }
                || path.hasPrefix("departments/\(region)/")
        }.count
    }

    @Test func aPlanEditRendersOnlyItsRegionAgain() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let plan = "Content/plans/shengzhou-2024/plan.md"
        let text = CLI.read(plan, in: dir)
        guard let stop = text.range(of: "。", range: text.index(text.startIndex, offsetBy: 3000)..<text.endIndex) else {
            Issue.record("no sentence end in \(plan)")
            return
        }
        let others = Self.regionPages(dir, plans: ["huzhou-2018", "huzhou-14th"], region: "huzhou")
            + Self.regionPages(dir, plans: ["zhejiang-2020"], region: "zhejiang")
        let allPages = CLI.snapshot(dir.appendingPathComponent("Output")).keys.filter { $0.hasSuffix(".html") }.count
        #expect(others > 30)
        #expect(allPages > others)
        for insert in ["（测试增补）", "（再次增补）"] {
            var edited = text
            edited.insert(contentsOf: insert, at: stop.lowerBound)
            try CLI.write(edited, to: plan, in: dir)
            // Every page of huzhou and zhejiang unmade; shengzhou's and the site-wide ones made.
            #expect(try Self.rebuildMatchesFull(dir) == others)
            #expect(CLI.read("Output/plans/shengzhou-2024.html", in: dir).contains(insert))
        }
    }

    @Test func aRegistryEditRendersItsRegionAgain() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let registry = "Content/regions/huzhou/observations.csv"
        let text = CLI.read(registry, in: dir)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 3)
        // Drop one observation: evaluations and charts of huzhou's indicators change.
        try CLI.write(lines.enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: "\n"), to: registry, in: dir)
        let before = CLI.snapshot(dir.appendingPathComponent("Output"))
        #expect(try Self.rebuildMatchesFull(dir) == Self.regionPages(dir, plans: ["shengzhou-2024"], region: "shengzhou")
            + Self.regionPages(dir, plans: ["zhejiang-2020"], region: "zhejiang"))
        #expect(Self.changedPages(before, CLI.snapshot(dir.appendingPathComponent("Output"))) > 1)
    }

    /// A task of zhejiang's plan links an indicator of a huzhou plan: the chip on zhejiang's
    /// page shows that indicator's name, so renaming it in huzhou renders zhejiang again.
    @Test func aLinkBetweenRegionsRendersBothAgain() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        let plan = "Content/plans/zhejiang-2020/plan.md"
        let text = CLI.read(plan, in: dir)
        let task = "1.强化美丽浙江建设的总体协调。"
        #expect(text.contains(task))
        try CLI.write(text.replacingOccurrences(of: task, with: task + "见[湖州PM2.5](indicator:huzhou-2018/pm25)。"), to: plan, in: dir)
        let first = try CLI.run(["build"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(CLI.read("Output/plans/zhejiang-2020.html", in: dir).contains("PM2.5年均浓度"))

        let indicators = "Content/plans/huzhou-2018/indicators.csv"
        let table = CLI.read(indicators, in: dir)
        #expect(table.contains(",PM2.5年均浓度,"))
        try CLI.write(table.replacingOccurrences(of: ",PM2.5年均浓度,", with: ",细颗粒物(PM2.5)年均浓度,"), to: indicators, in: dir)
        let notRendered = try Self.rebuildMatchesFull(dir)
        #expect(CLI.read("Output/plans/zhejiang-2020.html", in: dir).contains("细颗粒物(PM2.5)年均浓度"))
        // Only shengzhou, linked with neither, was left as it was.
        #expect(notRendered == Self.regionPages(dir, plans: ["shengzhou-2024"], region: "shengzhou"))
    }

    @Test func aRemovedPlanAndATemplateEditGiveAFullBuildsBytes() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("Content/plans/huzhou-14th"))
        _ = try Self.rebuildMatchesFull(dir)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("Output/plans/huzhou-14th.html").path))

        let template = "Templates/indicator.mustache"
        let text = CLI.read(template, in: dir)
        try CLI.write(text + "\n", to: template, in: dir)
        #expect(try Self.rebuildMatchesFull(dir) == 0)
    }
}

import Foundation
import Testing

/// An incremental build renders again only the pages of regions whose inputs changed (and of
/// regions linked with them); the other regions' plan, indicator and department pages are
/// taken from the previous build. Run on a copy of the bundled content: three regions
/// (huzhou with two plans, shengzhou, zhejiang), each result compared with a full build.
@Suite struct RegionRenderingTests {
    static let bundled = CLI.repoRoot.appendingPathComponent("Content")

    /// What a build says it did not render: pages of unchanged regions (taken without their
    /// view being made), pages whose view was made and was as before, and the pages it did render.
    struct NotRendered {
        var byRegion = 0
        var byView = 0
        var rendered = 0
    }

    /// Builds again and checks the result is byte-identical to `build --full`; returns the
    /// pages the build says it did not render again (0 when it says nothing).
    static func rebuildMatchesFull(_ dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        try rebuild(dir, sourceLocation: sourceLocation).byRegion
    }

    static func rebuild(_ dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws -> NotRendered {
        let result = try CLI.buildMatchesFull(dir, sourceLocation: sourceLocation)
        func number(_ pattern: String) -> Int? {
            guard let range = result.stderr.range(of: pattern, options: .regularExpression) else { return nil }
            return Int(result.stderr[range].prefix { $0.isNumber })
        }
        let pages = number(#"\d+ pages"#) ?? 0
        let total = number(#"\d+ of them not rendered again"#) ?? 0
        let byRegion = number(#"\d+ of unchanged regions"#) ?? 0
        let byView = number(#"\d+ with an unchanged view"#) ?? 0
        #expect(byRegion + byView == total, "\(result.stderr)", sourceLocation: sourceLocation)
        return NotRendered(byRegion: byRegion, byView: byView, rendered: pages - total)
    }

    /// A build after a change to `site.yaml` renders every page again, and records every
    /// page's view (the first build does not): later builds can then leave pages whose view
    /// did not change unrendered.
    static func recordViews(_ dir: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try CLI.write(CLI.read("Content/site.yaml", in: dir) + "\n# views\n", to: "Content/site.yaml", in: dir)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0 && result.stderr.contains("unchanged)"), "\(result.stderr)", sourceLocation: sourceLocation)
    }

    /// Pages (.html) whose bytes differ between two snapshots of the output.
    static func changedPages(_ before: [String: Data], _ after: [String: Data]) -> Int {
        after.filter { $0.key.hasSuffix(".html") && before[$0.key] != $0.value }.count
    }

    /// Output pages of a region: its plans' pages, progress pages and indicator pages, its
    /// department pages.
    static func regionPages(_ dir: URL, plans: [String], region: String) -> Int {
        let output = CLI.snapshot(dir.appendingPathComponent("Output")).keys
        return output.filter { path in
            plans.contains { path == "plans/\($0).html" || path == "progress/\($0).html" || path.hasPrefix("indicators/\($0)/") }
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
        for (round, insert) in ["（测试增补）", "（再次增补）"].enumerated() {
            var edited = text
            edited.insert(contentsOf: insert, at: stop.lowerBound)
            try CLI.write(edited, to: plan, in: dir)
            let before = CLI.snapshot(dir.appendingPathComponent("Output"))
            let notRendered = try Self.rebuild(dir)
            // Every page of huzhou and zhejiang unmade.
            #expect(notRendered.byRegion == others)
            #expect(CLI.read("Output/plans/shengzhou-2024.html", in: dir).contains(insert))
            if round == 0 {
                // The first build after the first one: no view recorded yet, so shengzhou's
                // pages and the site-wide ones are rendered, and their views recorded.
                #expect(notRendered.byView == 0)
                #expect(notRendered.rendered == allPages - others)
            } else {
                // Their views are made, and only those that changed are rendered: the plan's page.
                let changed = Self.changedPages(before, CLI.snapshot(dir.appendingPathComponent("Output")))
                #expect(changed == 1)
                #expect(notRendered.rendered == changed)
                #expect(notRendered.byView > 30)
            }
        }
    }

    /// The open data tables' parts of unchanged regions are copied from the previous output's
    /// files, but only while those files are as the last build wrote them.
    @Test func tablePartsAreNotCopiedFromAHandEditedFile() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        let manifest = CLI.read(".Output.plansite-manifest", in: dir)
        #expect(manifest.contains("\tindicators/huzhou-2018\n") && manifest.contains("\tdepartments/zhejiang\n"))
        // Same size, same inode, other bytes inside huzhou's part.
        let table = dir.appendingPathComponent("Output/data/indicators.csv")
        let text = try String(contentsOf: table, encoding: .utf8)
        let at = try #require(text.range(of: "\nhuzhou-2018,")).lowerBound
        let handle = try FileHandle(forWritingTo: table)
        try handle.seek(toOffset: UInt64(text.utf8.distance(from: text.startIndex, to: at)) + 1)
        try handle.write(contentsOf: Data("HUZHOU".utf8))
        try handle.close()
        let plan = "Content/plans/shengzhou-2024/plan.md"
        try CLI.write(CLI.read(plan, in: dir).replacingOccurrences(of: "。", with: "。 ", options: [], range: nil), to: plan, in: dir)
        _ = try Self.rebuildMatchesFull(dir)
    }

    @Test func aRegistryEditRendersItsRegionAgain() throws {
        let dir = try CLI.workspace(content: Self.bundled)
        #expect(try CLI.run(["build"], in: dir).status == 0)
        try Self.recordViews(dir)
        let registry = "Content/regions/huzhou/observations.csv"
        let text = CLI.read(registry, in: dir)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 3)
        // Drop one observation: evaluations and charts of huzhou's indicators change.
        try CLI.write(lines.enumerated().filter { $0.offset != 2 }.map(\.element).joined(separator: "\n"), to: registry, in: dir)
        let before = CLI.snapshot(dir.appendingPathComponent("Output"))
        let notRendered = try Self.rebuild(dir)
        #expect(notRendered.byRegion == Self.regionPages(dir, plans: ["shengzhou-2024"], region: "shengzhou")
            + Self.regionPages(dir, plans: ["zhejiang-2020"], region: "zhejiang"))
        let changed = Self.changedPages(before, CLI.snapshot(dir.appendingPathComponent("Output")))
        #expect(changed > 1)
        #expect(notRendered.rendered == changed)
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

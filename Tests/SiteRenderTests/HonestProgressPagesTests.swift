import Foundation
import Testing
@testable import SiteRender

/// How statuses reach the pages of the bundled site (issue 19): one method page that every
/// status links to, the previous period's review apart from the plan's own targets, charts
/// that show what the definition table says, and no repository file named to a reader.
@Suite(.serialized) struct HonestProgressPagesTests {
    static let pages: [String: String] = {
        var pages: [String: String] = [:]
        guard let renderer = try? RenderFixture.bundled() else { return pages }
        try? renderer.render(threads: 1) { path, data in pages[path] = String(decoding: data, as: UTF8.self) }
        return pages
    }()

    func page(_ path: String) throws -> String { try #require(Self.pages[path], "\(path) was not rendered") }

    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// 湖州 2020 优良天数比率 87.7 is reported by two sources (two rows of the observations
    /// table); the chart and its text alternative show it once.
    @Test func aValueReportedTwiceIsOnePointOfTheChart() throws {
        let page = try page("indicators/huzhou-14th/t2-air-good-rate.html")
        let desc = try #require(page.range(of: "<desc id=\"line-t2-air-good-rate-desc\">"))
        let end = try #require(page.range(of: "</desc>", range: desc.upperBound..<page.endIndex))
        let text = String(page[desc.upperBound..<end.lowerBound])
        #expect(Self.count("2020年 87.7", in: text) == 1, "\(text)")
        #expect(text.contains("2022年 77.8"))
    }

    @Test func everyStatusChipLinksToTheMethodPage() throws {
        #expect(Self.pages.count > 100)
        var chips = 0
        for (path, html) in Self.pages where path.hasSuffix(".html") {
            let depth = path.filter { $0 == "/" }.count
            let all = Self.count("class=\"status status-", in: html)
            let linked = Self.count("href=\"\(String(repeating: "../", count: depth))method.html#status-", in: html)
            #expect(all == linked, "\(path): \(all) status chips, \(linked) linking to the method page")
            chips += all
            // Nothing on a page points the reader to a file of the repository.
            #expect(!html.contains("docs/"), "\(path)")
            #expect(!html.contains("progress.md"), "\(path)")
        }
        #expect(chips > 100)
        for path in ["progress.html", "progress/huzhou-14th.html", "indicators/huzhou-14th/t2-pm25.html", "plans/huzhou-14th.html"] {
            #expect(try page(path).contains("method.html\">方法说明</a>"), "\(path)")
        }
    }

    @Test func theMethodPageExplainsEveryStatusWithTheSitesOwnExamples() throws {
        let method = try page("method.html")
        for key in ["met", "not-met", "target-year-unreported", "met-early", "on-track", "behind", "qualitative", "no-data"] {
            #expect(method.contains("id=\"status-\(key)\""), "\(key)")
        }
        // The thresholds are those the evaluator uses.
        #expect(method.contains("进度 ≥ 90% × 时间进度"))
        #expect(method.contains("5% 以内"))
        // Examples are real evaluations: 表1's 重金属 reduction is met (6.18 against 较2013年削减4%以上).
        #expect(method.contains("href=\"indicators/"))
        #expect(method.contains("目标年数值未报告"))
        // A status no target has today is shown with the same data evaluated as of an earlier
        // date, using only the values reported up to that date.
        let sections = method.components(separatedBy: "<section id=\"status-").dropFirst()
        var earlier = 0
        for section in sections {
            guard let asOf = section.range(of: #"按 (\d{4})-12-31 评估"#, options: .regularExpression),
                  let compared = section.range(of: #"比较值</dt><dd>[^<]*（(\d{4})，"#, options: .regularExpression) else { continue }
            let asOfYear = Int(section[asOf].dropFirst(2).prefix(4)) ?? 0
            let comparedYear = Int(section[compared].suffix(5).prefix(4)) ?? 9999
            #expect(comparedYear <= asOfYear, "\(section.prefix(40))")
            earlier += 1
        }
        #expect(earlier >= 1)
        for column in ["增长率比", "时间进度", "比较值", "原文未列明"] {
            #expect(method.contains(column), "\(column)")
        }
    }

    @Test func thePreviousPeriodsReviewIsItsOwnGroup() throws {
        let plan = try page("plans/huzhou-14th.html")
        // The plan text links indicators of both tables; the indicator tables come after it.
        let tables = try #require(plan.range(of: "id=\"indicator-table\""))
        let review = try #require(plan.range(of: "id=\"review\""))
        let before = plan[tables.upperBound..<review.lowerBound]
        let after = plan[review.upperBound...]
        #expect(before.contains("indicators/huzhou-14th/t2-pm25.html"))
        // 表1 rows (t1-) only after the review heading, 表2 rows (t2-) only before it.
        #expect(!before.contains("indicators/huzhou-14th/t1-"))
        #expect(after.contains("indicators/huzhou-14th/t1-heavy-metal.html"))
        #expect(!after.contains("indicators/huzhou-14th/t2-"))
        // The home card counts the plan's own targets apart from the review: none of the
        // 十四五 plan's own targets is met; the review's 12 rows are counted on their own.
        let home = try page("index.html")
        let card = try #require(home.components(separatedBy: "<article class=\"card\">").first { $0.contains("plans/huzhou-14th.html") })
        let parts = card.components(separatedBy: "上一规划期回顾（表1）：")
        #expect(parts.count == 2)
        #expect(!parts[0].contains("status-met\""))
        #expect(parts[1].contains("status-met\""))
        #expect(card.contains("<dd>12（表1）</dd>"))
        // The open data says which group each row belongs to.
        let csv = try page("data/indicators.csv")
        #expect(csv.contains("huzhou-14th,t1-heavy-metal,review,"))
        #expect(csv.contains("huzhou-14th,t2-pm25,plan,"))
    }

    @Test func chartsShowTheDefinitionTablesBaselineFromZero() throws {
        // t2-pm25: the table's baseline is 36 (“十三五”均值), on another basis than the annual
        // values; the chart does not draw 26 as if it were the baseline, and starts at 0.
        let pm25 = try page("indicators/huzhou-14th/t2-pm25.html")
        #expect(!pm25.contains("○ 基期"))
        #expect(pm25.contains(">0</text>"))
        // An indicator with nothing to compare has no chart, and says so.
        let cells = try page("indicators/huzhou-14th/t2-zero-waste-cells.html")
        #expect(!cells.contains("<svg"))
        #expect(cells.contains("不作图"))
        // Nature and departments the source does not give are 原文未列明, not 未报告.
        let t1 = try page("indicators/huzhou-14th/t1-pm25.html")
        #expect(t1.contains("<dt>性质</dt><dd>原文未列明</dd>"))
    }

    @Test func theNewestReportedYearIsShownApartFromTheEvaluationDate() throws {
        let home = try page("index.html").replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        #expect(home.contains("数据更新至：20"))
        #expect(home.contains("评估日期：2026-11-24"))
    }
}

import Foundation
import Testing

/// progress.html and indicators/index.html list one row per plan; each plan's indicators are
/// on its own progress page (progress/PLAN.html), on its plan page and, all of them, below the
/// rows of indicators/index.html. Built from the bundled
/// content and checked against the site's own open data (data/indicators.json), so the
/// counts come from a second path through the build, not from this test.
@Suite struct OverviewPagesTests {
    struct Row: Decodable {
        let plan: String
        let indicator: String
        let scope: String
        let status: String
    }

    static func build() throws -> (URL, [Row]) {
        let dir = try CLI.workspace(content: RegionRenderingTests.bundled)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try JSONDecoder().decode([Row].self, from: Data(CLI.read("Output/data/indicators.json", in: dir).utf8))
        return (dir, rows)
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (1..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    @Test func eachPlansProgressPageListsEachOfItsIndicatorsOnceUnderItsStatus() throws {
        let (dir, rows) = try Self.build()
        let plans = Set(rows.map(\.plan))
        #expect(plans.count == 4)
        let overview = CLI.read("Output/progress.html", in: dir)
        // The columns of the overview, in order, are the statuses.
        // (Plain marks, not links: tables.js makes each header a sort button, and a link in a
        // button is a nested control.)
        let columns = Self.matches(#"<th scope="col"><span class="status header status-([a-z-]+)">"#, in: overview).map { $0[0] }
        // The statuses, in the table of plans and again in the table of reviews.
        #expect(columns.count == 16)
        #expect(Array(columns.prefix(8)) == ["met", "not-met", "target-year-unreported", "met-early", "on-track", "behind",
                                             "qualitative", "no-data"])
        for plan in plans.sorted() {
            let own = rows.filter { $0.plan == plan }
            let page = CLI.read("Output/progress/\(plan).html", in: dir)
            for row in own {
                #expect(Self.count("href=\"../indicators/\(plan)/\(row.indicator).html\"", in: page) == 1, "\(plan)/\(row.indicator)")
            }
            // One status mark per indicator row, as many of each status as the open data has.
            for status in Set(own.map(\.status)) {
                #expect(Self.count("class=\"status status-\(status)\"", in: page) == own.filter { $0.status == status }.count,
                        "\(plan): \(status)")
            }
            #expect(page.contains("href=\"../plans/\(plan).html\""))
            #expect(page.contains("href=\"../progress.html\""))
            // The plan's row in the overview links that page and counts the same.
            let row = Self.matches(#"(<tr><th scope="row"><a href="progress/\#(plan)\.html">.*?</tr>)"#, in: overview)
            #expect(row.count == 1, "\(plan) in progress.html")
            // The plan's own targets only: a review of the previous period has a row of its own.
            let targets = own.filter { $0.scope == "plan" }
            let review = own.filter { $0.scope == "review" }
            let cells = Self.matches(#"<td>(\d+)</td>"#, in: row.first?.first ?? "").map { Int($0[0]) ?? -1 }
            #expect(cells == [targets.count] + columns.prefix(8).map { c in targets.filter { $0.status == c }.count }, "\(plan)")
            let reviewRow = Self.matches(#"(<tr><th scope="row"><a href="progress/\#(plan)\.html#review">.*?</tr>)"#, in: overview)
            #expect(reviewRow.count == (review.isEmpty ? 0 : 1), "\(plan) review in progress.html")
            if let reviewRow = reviewRow.first?.first {
                let cells = Self.matches(#"<td>(\d+)</td>"#, in: reviewRow).map { Int($0[0]) ?? -1 }
                #expect(cells == [review.count] + columns.prefix(8).map { c in review.filter { $0.status == c }.count }, "\(plan)")
            }
            // The plan page links its progress page.
            #expect(CLI.read("Output/plans/\(plan).html", in: dir).contains("href=\"../progress/\(plan).html\""))
        }
        // The overview lists plans, not indicators: it links no indicator page.
        #expect(Self.matches(#"href="(indicators/[^"]+/[^"]+)""#, in: overview).isEmpty)
    }

    @Test func theIndicatorIndexLinksEachPlansIndicatorTable() throws {
        let (dir, rows) = try Self.build()
        let index = CLI.read("Output/indicators/index.html", in: dir)
        for plan in Set(rows.map(\.plan)).sorted() {
            let link = "../plans/\(plan).html#indicator-table"
            #expect(Self.count("href=\"\(link)\"", in: index) == 1, "\(plan)")
            let row = Self.matches(#"(<tr><th scope="row"><a href="\.\./plans/\#(plan)\.html#indicator-table">.*?</tr>)"#, in: index)
            let count = Self.matches(#"<td>(\d+)</td>"#, in: row.first?.first ?? "").first.flatMap { Int($0[0]) }
            #expect(count == rows.filter { $0.plan == plan }.count, "\(plan)")
            #expect(CLI.read("Output/plans/\(plan).html", in: dir).contains("id=\"indicator-table\""))
        }
        // Below the rows per plan, every indicator of the site once, with its status and the
        // keys the filters use.
        for row in rows {
            #expect(Self.count("href=\"../indicators/\(row.plan)/\(row.indicator).html\"", in: index) == 1, "\(row.plan)/\(row.indicator)")
            let status = Self.matches(#"<tr data-status="([a-z-]+)" data-region="[a-z0-9-]+" data-plan="\#(row.plan)"><th scope="row"><a href="\.\./indicators/\#(row.plan)/\#(row.indicator)\.html">"#, in: index)
            #expect(status.map { $0[0] } == [row.status], "\(row.plan)/\(row.indicator)")
        }
        #expect(Self.matches(#"(<tr data-status=)"#, in: index).count == rows.count)
    }
}

/// The home page's plan cards have no status chart in the default templates, so none is made
/// for them; publishing staff who add `{{{statusChart}}}` to a card get it.
@Suite struct HomeChartsTests {
    @Test func aChartAddedToTheHomeTemplateIsRendered() throws {
        let dir = try CLI.workspace()
        #expect(try CLI.run(["build"], in: dir).status == 0)
        #expect(!CLI.read("Output/index.html", in: dir).contains("<svg"))
        let index = CLI.read("Templates/index.mustache", in: dir)
        let card = "<h3><a href=\"{{url}}\">{{shortTitle}}</a></h3>"
        #expect(index.contains(card))
        try CLI.write(index.replacingOccurrences(of: card, with: card + "\n{{{statusChart}}}"), to: "Templates/index.mustache", in: dir)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let home = CLI.read("Output/index.html", in: dir)
        #expect(home.contains("<svg") && home.contains("id=\"status-demo-2020"))
    }
}

import Foundation
import Testing

/// What every page of a built site gives its reader, checked over the bundled content and the
/// minimal fixture: breadcrumbs below the home page, the page's own date, the footer fields of
/// site.yaml, and nothing internal (repository paths, file names, unit IDs, private-use
/// markers) in the text a reader sees.
@Suite struct ReaderPagesTests {
    /// Every HTML page of `Output/`, by path.
    static func pages(_ dir: URL) -> [(String, String)] {
        CLI.snapshot(dir.appendingPathComponent("Output")).filter { $0.key.hasSuffix(".html") }
            .map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }.sorted { $0.0 < $1.0 }
    }

    /// The text a reader sees: scripts, tags and their attributes (anchors and hrefs) removed.
    static func visibleText(_ html: String) -> String {
        html.replacingOccurrences(of: #"<script\b.*?</script>"#, with: " ", options: [.regularExpression])
            .replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static let internals: [(String, String)] = [
        ("a unit ID", #"(?<![A-Za-z0-9-])c\d+(?:-[st]\d+)+(?![A-Za-z0-9-])"#),
        ("a repository path", #"(?:shared|seeds|Content|Sources|Templates|Tests|docs)/"#),
        ("a file name", #"[A-Za-z0-9_-]+\.(?:csv|json|md|yaml|txt|swift)\b"#),
        ("a private-use marker", #"⟨U\+[0-9A-F]+⟩|[\x{E000}-\x{F8FF}]"#),
        ("a maintainer's note on linking", "按名称自动关联"),
    ]

    /// The problems of one page: what a reader should have and does not, and what they should
    /// not see and do.
    static func problems(path: String, html: String, dataAsOf: String, footer: [String]) -> [String] {
        var found: [String] = []
        let depth = path.filter { $0 == "/" }.count
        let root = String(repeating: "../", count: depth)
        if path != "index.html" {
            let crumbs = #"<nav class="breadcrumb" aria-label="[^"]+"><ol><li><a href="\#(root)index.html">[^<]+</a></li>.*?<li aria-current="page">[^<]+</li></ol></nav>"#
            if html.range(of: crumbs, options: .regularExpression) == nil { found.append("\(path): no breadcrumbs") }
        } else if html.contains("class=\"breadcrumb\"") {
            found.append("\(path): breadcrumbs on the home page")
        }
        let date = #"<p class="page-date">(发布日期|更新日期)：<time>(\d{4}(?:-\d{2}){0,2})</time></p>"#
        if let range = html.range(of: date, options: .regularExpression) {
            let shown = String(html[range])
            if shown.contains("更新日期"), !shown.contains(dataAsOf) { found.append("\(path): 更新日期 is not the data date") }
        } else {
            found.append("\(path): no date")
        }
        for field in footer where !html.contains(field) { found.append("\(path): the footer lacks \(field)") }
        let text = visibleText(html)
        for (what, pattern) in internals {
            if let range = text.range(of: pattern, options: .regularExpression) {
                found.append("\(path): \(what) in the text: \(text[range])")
            }
        }
        return found
    }

    @Test func bundledSitePagesHaveBreadcrumbsDatesFooterAndNothingInternal() throws {
        let dir = try CLI.workspace(content: RegionRenderingTests.bundled)
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let pages = Self.pages(dir)
        #expect(pages.count > 150)
        for (path, html) in pages {
            let problems = Self.problems(path: path, html: html, dataAsOf: "2026-11-24", footer: ["主办单位：plansite 示例站", "承办单位："])
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
        // A plan with an issue date shows it as the page's 发布日期.
        #expect(CLI.read("Output/plans/huzhou-2018.html", in: dir).contains("<p class=\"page-date\">发布日期：<time>2018-07-20</time></p>"))
        // The garbled character of the 2018 plan is shown as 〓, and the page says what it means.
        let plan = CLI.read("Output/plans/huzhou-2018.html", in: dir)
        #expect(plan.contains("4〓78万公顷") && plan.contains("文中“〓”表示原文此处有一个无法显示的字符"))
    }

    @Test func minimalSitePagesHaveBreadcrumbsDatesFooterAndNothingInternal() throws {
        let dir = try CLI.workspace()
        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let pages = Self.pages(dir)
        #expect(pages.contains { $0.0 == "sitemap.html" })
        let footer = ["主办单位：示例市人民政府办公室", "纠错：<a href=\"https://www.example.gov.cn/jiucuo\">"]
        for (path, html) in pages {
            let problems = Self.problems(path: path, html: html, dataAsOf: "2021-06-30", footer: footer)
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        }
    }

    /// The checks find what they look for: a page without breadcrumbs or date, with a unit ID
    /// in its text or a path in a note, is reported; the same ID in an anchor is not.
    @Test func theChecksFindWhatTheyLookFor() {
        let good = """
            <nav class="breadcrumb" aria-label="当前位置"><ol><li><a href="../index.html">首页</a></li><li aria-current="page">规划</li></ol></nav>
            <p class="page-date">更新日期：<time>2021-06-30</time></p><div id="c2-s1-t3"><a href="#c2-s1-t3">#</a></div>
            """
        #expect(Self.problems(path: "plans/a.html", html: good, dataAsOf: "2021-06-30", footer: []).isEmpty)
        #expect(Self.problems(path: "plans/a.html", html: good.replacingOccurrences(of: "breadcrumb", with: "crumbs"),
                              dataAsOf: "2021-06-30", footer: []).count == 1)
        #expect(Self.problems(path: "plans/a.html", html: good.replacingOccurrences(of: "page-date", with: "date"),
                              dataAsOf: "2021-06-30", footer: []).count == 1)
        #expect(Self.problems(path: "plans/a.html", html: good + "<li>见第6条(c2-s2-t6)</li>", dataAsOf: "2021-06-30", footer: []).count == 1)
        #expect(Self.problems(path: "plans/a.html", html: good + "<dd>网页转载文本 shared/seeds/000_x.txt</dd>", dataAsOf: "2021-06-30", footer: []).count == 2)
        #expect(Self.problems(path: "plans/a.html", html: good, dataAsOf: "2021-06-30", footer: ["主办单位："]).count == 1)
    }
}

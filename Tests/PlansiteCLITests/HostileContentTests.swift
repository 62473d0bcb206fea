import Foundation
import Testing

/// Content is untrusted: nothing from a hostile plan, CSV or front matter reaches a page as markup.
@Suite struct HostileContentTests {
    static let payload = "<script>alert(1)</script>"

    @Test func hostileContentIsEscapedEverywhere() throws {
        let dir = try CLI.workspace()
        let planPath = "Content/plans/demo-2020/plan.md"
        var plan = CLI.read(planPath, in: dir)
        plan = plan.replacingOccurrences(of: "title: 示例市生态环境保护行动计划(2018-2022)",
                                         with: "title: '\"><script>alert(1)</script>计划'")
        plan = plan.replacingOccurrences(of: "source: https://example.org/plan.html", with: "source: javascript:alert(1)")
        plan += """

        \(Self.payload)

        <img src=x onerror=alert(1)> [点我](javascript:alert(1)) [再点](JAVASCRIPT:alert(1)) ![图](data:image/svg+xml;base64,PHN2Zz4=) [v](vbscript:msgbox)

        <iframe src="https://evil.example"></iframe>
        """
        try CLI.write(plan, to: planPath, in: dir)
        let indicatorsPath = "Content/plans/demo-2020/indicators.csv"
        try CLI.write(CLI.read(indicatorsPath, in: dir).replacingOccurrences(
            of: "生态保护红线制度,,", with: "\"<script>alert(1)</script>,x\",,"), to: indicatorsPath, in: dir)
        let departmentsPath = "Content/regions/demo/departments.csv"
        try CLI.write(CLI.read(departmentsPath, in: dir).replacingOccurrences(
            of: "中共示例市委办公室", with: "<b onmouseover=alert(1)>市委办</b>"), to: departmentsPath, in: dir)
        let observationsPath = "Content/regions/demo/observations.csv"
        try CLI.write(CLI.read(observationsPath, in: dir) + "sewage,2019,91,annual,\"<svg onload=alert(1)>\",\"</textarea><script>x</script>\"\n",
                      to: observationsPath, in: dir)

        let result = try CLI.run(["build"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let pages = CLI.snapshot(dir.appendingPathComponent("Output")).filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 10)
        for (path, data) in pages {
            // The site's own scripts are the only ones allowed.
            let html = String(decoding: data, as: UTF8.self).lowercased()
                .replacingOccurrences(of: #"<script src="(\.\./)*assets/(tables|search|search-index|filters)\.js"></script>"#,
                                      with: "", options: .regularExpression)
                .replacingOccurrences(of: #"<script type="application/json" id="search-(kinds|index)">"#, with: "", options: .regularExpression)
            #expect(!html.contains("<script"), "\(path) contains a script tag")
            #expect(!html.contains("href=\"javascript"), "\(path) links to a javascript: URL")
            #expect(!html.contains("src=\"javascript"), "\(path) loads a javascript: URL")
            #expect(!html.contains("vbscript:"), "\(path) contains a vbscript: URL")
            #expect(!html.contains("data:image"), "\(path) contains a data: URL")
            #expect(!html.contains("<iframe"), "\(path) contains an iframe")
            #expect(!html.contains("<img src=x"), "\(path) contains raw HTML")
            #expect(!html.contains("<b onmouseover"), "\(path) contains a raw department name")
            #expect(!html.contains("<svg onload"), "\(path) contains a raw source")
        }
        // The hostile texts are shown, escaped, where they belong.
        let plan2 = CLI.read("Output/plans/demo-2020.html", in: dir)
        #expect(plan2.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;计划"))
        let department = CLI.read("Output/departments/demo/swb.html", in: dir)
        // Names are compared and shown without spaces; the markup stays text.
        #expect(department.contains("<h1>&lt;bonmouseover=alert(1)&gt;市委办&lt;/b&gt;<span class=\"h1-context\">"))
    }
}

import Foundation
import Testing
@testable import SiteRender
import Mustache

/// Templates are user-edited: errors must name the template file and line, and a missing
/// partial or label must not render silently as empty text.
@Suite struct TemplateTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates")

    func copyTemplates() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.templates, to: dir)
        return dir
    }

    @Test func defaultTemplatesLoadCleanly() throws {
        let result = SiteRenderer.loadTemplates(Self.templates.path)
        if case .failure(let list) = result { Issue.record("\(list.diagnostics)") }
        let (set, labels) = try result.get()
        #expect(labels["status-met"] == "已达标")
        #expect(set.render(["page": ["language": "zh-CN"]], template: "status").contains("status-"))
    }

    /// Placeholders are filled in one pass: values (from content) are not searched for
    /// placeholders, and an unknown or unclosed `{` stays as written.
    @Test func labelPlaceholdersAreFilledOnce() {
        let labels = Labels(values: ["k": "{year}年 {value}/{target} {unknown} {year", "plain": "无"], path: "labels.yaml")
        #expect(labels.format("k", ["year": "2020", "value": "{target}", "target": "≥95%"]) == "2020年 {target}/≥95% {unknown} {year")
        #expect(labels.format("plain", ["year": "2020"]) == "无")
        #expect(labels.format("missing", [:]) == "missing")
    }

    @Test func syntaxErrorNamesFileAndLine() throws {
        let dir = try copyTemplates()
        try Data("<p>\n{{#a}}\nx\n{{/b}}\n".utf8).write(to: dir.appendingPathComponent("index.mustache"))
        guard case .failure(let list) = SiteRenderer.loadTemplates(dir.path) else {
            Issue.record("a broken template loaded")
            return
        }
        let d = try #require(list.diagnostics.first { $0.code == "template-syntax" })
        #expect(d.location.path.hasSuffix("/index.mustache"))
        #expect(d.location.line == 4)
    }

    @Test func missingPartialAndLabelAreErrors() throws {
        let dir = try copyTemplates()
        try Data("{{> head}}\n{{labels.nope}}\n{{> nothere}}\n{{> footer}}\n".utf8).write(to: dir.appendingPathComponent("progress.mustache"))
        guard case .failure(let list) = SiteRenderer.loadTemplates(dir.path) else {
            Issue.record("templates with a missing partial loaded")
            return
        }
        #expect(list.diagnostics.contains { $0.code == "template-partial" && $0.location.line == 3 && $0.message.contains("nothere") })
        #expect(list.diagnostics.contains { $0.code == "template-label" && $0.location.line == 2 && $0.message.contains("nope") })
    }

    @Test func missingLabelsFileAndRequiredLabel() throws {
        let dir = try copyTemplates()
        let labels = String(decoding: try Data(contentsOf: dir.appendingPathComponent("labels.yaml")), as: UTF8.self)
        try Data(labels.replacingOccurrences(of: "status-met:", with: "status-mett:").utf8).write(to: dir.appendingPathComponent("labels.yaml"))
        guard case .failure(let list) = SiteRenderer.loadTemplates(dir.path) else {
            Issue.record("labels without status-met loaded")
            return
        }
        #expect(list.diagnostics.first?.message.contains("status-met") == true)
    }

    @Test func valuesAreEscapedByDefault() throws {
        let (set, _) = try SiteRenderer.loadTemplates(Self.templates.path).get()
        let html = set.render(["key": "met\"><script>", "symbol": "<b>", "label": "<i>x</i>"], template: "status")
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;i&gt;x&lt;/i&gt;"))
        #expect(html.contains("met&quot;&gt;&lt;script&gt;"))
    }

    /// swift-mustache compares Characters: `"` + U+0301 is one Character, not `"`, and would
    /// stay raw inside an attribute value. plansite's escaping works on bytes.
    @Test func quoteFollowedByCombiningMarkIsEscapedToo() throws {
        let (set, _) = try SiteRenderer.loadTemplates(Self.templates.path).get()
        let hostile = "met\"\u{301} onmouseover=alert(1) x='\u{301}<\u{301}b>"
        let html = set.render(["key": hostile, "symbol": "s", "label": "l"], template: "status")
        #expect(html.contains("met&quot;\u{301} onmouseover=alert(1) x=&#39;\u{301}&lt;\u{301}b&gt;"))
        // The class attribute holds the whole value: no raw quote from the value ends it.
        let start = try #require(html.range(of: "class=\"")).upperBound
        let end = try #require(html[start...].firstIndex(of: "\""))
        #expect(html[start..<end] == "status status-met&quot;\u{301} onmouseover=alert(1) x=&#39;\u{301}&lt;\u{301}b&gt;")
    }

    @Test func escapingMatchesSwiftMustacheOnOrdinaryText() throws {
        // swift-mustache's own HTML escaping: a template without plansite's pragma.
        var library = MustacheLibrary()
        library.register(try MustacheTemplate(string: "{{v}}"), named: "t")
        for text in ["", "plain", "规划<b>&amp;</b>", "a\"b'c", "<<>>&&", "x & y", "👩‍👩‍👧 & \"引号\"", "\n<\t>"] {
            #expect(HTMLEscaping.escape(text) == library.render(["v": text], withTemplate: "t"), "\(text)")
        }
    }
}

import Foundation
import Testing
@testable import SiteRender

/// Labels written into the templates when they are loaded render what the tags render.
@Suite struct TemplateLabelsTests {
    static let labels: [String: String] = ["plain": "规划", "markup": "<b>&\"'</b>", "blank": "  ", "brace": "a{b}",
                                           "lines": "第一行\n第二行"]

    static let edge = """
        {{labels.plain}}|{{ labels.plain }}|{{{labels.markup}}}|{{&labels.markup}}|{{labels.markup}}|{{labels.lines}}
        {{#labels.plain}}[{{.}}]{{/labels.plain}}{{^labels.plain}}none{{/labels.plain}}
        {{! {{labels.plain}} }}
        {{labels.blank}}{{#flag}}
        x
        {{/flag}}
        {{#flag}}{{labels.blank}}
        y
        {{/flag}}
          {{labels.brace}} {{uppercased(labels.plain)}}
          {{> edge-part}}
        {{#items}}<i>{{labels.plain}}{{name}}</i>{{/items}}

        """
    static let part = "{{labels.plain}}\n{{labels.markup}} {{labels.plain}}\n"

    /// The default templates with `edge` and its partial added, and the default labels with
    /// those above.
    static func load() throws -> (TemplateSet, [String: String]) {
        let directory = TemplateTests.templates.path
        var files = try #require(TemplateSet.files(in: directory))
        files["edge.mustache"] = Data(edge.utf8)
        files["edge-part.mustache"] = Data(part.utf8)
        let defaults = try Labels.parse(files["labels.yaml"], path: "labels.yaml").get()
        let labels = Labels(values: defaults.values.merging(Self.labels) { _, new in new }, path: "labels.yaml")
        return (try TemplateSet.load(files: files, directory: directory, labels: labels).get(), labels.values)
    }

    @Test func filledTemplatesRenderWhatTheTagsRender() throws {
        let (set, labels) = try Self.load()
        let view: [String: Any] = ["labels": labels, "flag": true, "items": [["name": "甲"], ["name": "<乙>"]]]
        let filled = set.render(view, template: "edge", labelsFilled: true)
        #expect(filled == set.render(view, template: "edge", labelsFilled: false))
        #expect(filled.contains("规划|规划|<b>&\"'</b>|<b>&\"'</b>|&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;|第一行\n第二行"))
        #expect(filled.contains("  规划\n  &lt;b&gt;"))
    }

    @Test func onlyPlainLabelTagsAreWrittenIn() {
        let filled = TemplateLabels.fillIn(Self.edge, labels: Self.labels)
        #expect(filled.hasPrefix("规划|规划|<b>&\"'</b>|<b>&\"'</b>|&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;|{{labels.lines}}\n"))
        for kept in ["{{#labels.plain}}", "{{! {{labels.plain}} }}", "{{labels.blank}}", "{{labels.brace}}", "{{uppercased(labels.plain)}}"] {
            #expect(filled.contains(kept), "\(kept)")
        }
        #expect(filled.contains("<i>规划{{name}}</i>"))
        // Other delimiters: the template is left whole.
        #expect(TemplateLabels.fillIn("{{=<% %>=}}{{labels.plain}}", labels: Self.labels) == "{{=<% %>=}}{{labels.plain}}")
    }
}

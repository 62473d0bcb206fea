import Foundation
import Mustache
import Testing
@testable import SiteRender

/// A page rendered in pieces (`TemplatePieces`: before the list, the list's section once per
/// run of rows, after it) is the same text as the whole template rendered at once, however
/// the list's tags sit on their lines.
@Suite struct TemplatePiecesTests {
    static let templates = [
        // the section's tags inline, as in the default indicators.mustache
        "<h1>{{title}}</h1>\n<ul>\n{{#indicators}}<li>{{name}} {{title}}</li>\n{{/indicators}}\n</ul>\n<p>{{title}}</p>\n",
        // both tags alone on their lines, indented
        "<ul>\n  {{#indicators}}\n  <li>{{name}}</li>\n  {{/indicators}}\n</ul>\n",
        // Windows line breaks, a partial and an inverted section after the list
        "<ul>\r\n{{#indicators}}\r\n<li>{{> item}}</li>\r\n{{/indicators}}\r\n</ul>\r\n{{^indicators}}none{{/indicators}}\r\n",
        // the list first and last in the file
        "{{#indicators}}{{name}},{{/indicators}}",
        // the list's name also before and after it
        "<p>{{#indicators.count}}{{indicators.count}}{{/indicators.count}}</p>\n{{#indicators}}{{name}}\n{{/indicators}}{{^indicators}}–{{/indicators}}",
    ]

    static func render(_ template: MustacheTemplate, rows: ArraySlice<String>, library: MustacheLibrary) -> String {
        template.render(["title": "T&C", "indicators": rows.map { ["name": $0] }] as [String: Any], library: library)
    }

    @Test(arguments: templates)
    func piecesRenderAsTheWholeTemplate(_ text: String) throws {
        HTMLEscaping.register
        var library = MustacheLibrary()
        try library.register("{{name}}", named: "item")
        let whole = try MustacheTemplate(string: HTMLEscaping.pragma + text)
        let pieces = try #require(TemplatePieces(text, section: "indicators"))
        let rows = (1...7).map { "指标\($0)" }
        for run in [1, 2, 3, 7] {
            var text = Self.render(pieces.before, rows: rows[...], library: library)
            for first in stride(from: 0, to: rows.count, by: run) {
                text += Self.render(pieces.list, rows: rows[first ..< min(first + run, rows.count)], library: library)
            }
            text += Self.render(pieces.after, rows: rows[...], library: library)
            #expect(text == Self.render(whole, rows: rows[...], library: library), "runs of \(run)")
        }
    }

    /// A list inside another section, or one that uses its rows' places (which would start
    /// again in each run), is rendered whole.
    @Test func aListThatCannotBeCutIsRenderedWhole() {
        HTMLEscaping.register
        #expect(TemplatePieces("<ul>{{#indicators}}<li>{{name}}</li>{{/indicators}}</ul>", section: "indicators") != nil)
        #expect(TemplatePieces("{{#show}}<ul>{{#indicators}}<li>{{name}}</li>{{/indicators}}</ul>{{/show}}", section: "indicators") == nil)
        #expect(TemplatePieces("<ul>{{#indicators}}<li>{{index()}} {{name}}</li>{{/indicators}}</ul>", section: "indicators") == nil)
        #expect(TemplatePieces("<ul>{{^indicators}}none{{/indicators}}</ul>", section: "indicators") == nil)
        #expect(TemplatePieces("<ol>{{#indicators}}<li>{{name}}{{#indicators}}!{{/indicators}}</li>{{/indicators}}</ol>", section: "indicators") == nil)
        #expect(TemplatePieces("<ol>{{#indicators}}<li>{{name}} / {{indicators.count}}</li>{{/indicators}}</ol>", section: "indicators") == nil)
        #expect(TemplatePieces("<ul></ul>", section: "indicators") == nil)
    }
}

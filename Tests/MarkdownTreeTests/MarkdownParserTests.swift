import Foundation
import Testing
@testable import MarkdownTree

@Suite struct MarkdownParserTests {
    @Test func headingsAndParagraphsCarryKindTextAndLines() {
        let blocks = MarkdownParser.parse("## 一、总体要求\n\n1.严格落实生态保护红线管控。全面建立\n生态保护红线制度。\n")
        #expect(blocks.count == 2)
        #expect(blocks[0].kind == .heading(level: 2))
        #expect(blocks[0].text == "一、总体要求")
        #expect(blocks[1].kind == .paragraph)
        #expect(blocks[1].startLine == 3)
        #expect(blocks[1].endLine == 4)
        // A soft break stays visible in the text so positions map back to lines.
        #expect(blocks[1].text == "1.严格落实生态保护红线管控。全面建立\n生态保护红线制度。")
    }

    @Test func extensionsAreActive() {
        let md = "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~删除~~ www.example.org\n\n- [x] 完成\n"
        let blocks = MarkdownParser.parse(md)
        #expect(blocks[0].kind == .table)
        #expect(blocks[0].html.contains("<table>"))
        #expect(blocks[1].html.contains("<del>删除</del>"))
        #expect(blocks[1].html.contains("<a href=\"http://www.example.org\">"))
        #expect(blocks[2].html.contains("type=\"checkbox\""))
    }

    @Test func rawHTMLIsDroppedUnlessAllowed() {
        let md = "<script>alert(1)</script>\n\n文字<b onclick=\"x\">粗</b>\n"
        let safe = MarkdownParser.parse(md).map(\.html).joined()
        #expect(!safe.contains("<script"))
        #expect(!safe.contains("onclick"))
        let unsafe = MarkdownParser.parse(md, options: .init(allowRawHTML: true)).map(\.html).joined()
        // tagfilter still disarms <script> when raw HTML is allowed.
        #expect(unsafe.contains("&lt;script>"))
        #expect(unsafe.contains("<b onclick"))
    }

    @Test func dangerousURLsAreNeutralisedButReported() {
        let md = "[a](javascript:alert(1)) [b](JaVaScRiPt:x) ![c](data:image/png;base64,AAAA) [d](indicator:pm25)\n"
        let blocks = MarkdownParser.parse(md)
        #expect(!blocks[0].html.lowercased().contains("javascript"))
        #expect(!blocks[0].html.contains("data:"))
        #expect(blocks[0].html.contains("href=\"indicator:pm25\""))
        #expect(blocks[0].links.map(\.url) == ["javascript:alert(1)", "JaVaScRiPt:x", "data:image/png;base64,AAAA", "indicator:pm25"])
        #expect(URLPolicy.isDangerous(" java\tscript:x"))
        #expect(!URLPolicy.isDangerous("https://example.org"))
    }

    @Test func orderedListsExposeStartAndItems() {
        let blocks = MarkdownParser.parse("3. 第三\n4. 第四\n")
        #expect(blocks[0].kind == .list(ordered: true, start: 3))
        #expect(blocks[0].items.map(\.text) == ["第三", "第四"])
    }

    @Test func footnotesStayInOneNumberedList() {
        let blocks = MarkdownParser.parse("正文[^n]和[^m]\n\n[^n]: 注释一\n\n[^m]: 注释二\n")
        #expect(blocks[0].html.contains("href=\"#fn-n\""))
        #expect(blocks.count == 2)
        #expect(blocks.last?.kind == .footnotes)
        let html = blocks.last?.html ?? ""
        #expect(html.components(separatedBy: "<ol>").count == 2)
        #expect(html.contains("id=\"fn-n\"") && html.contains("id=\"fn-m\""))
        #expect(html.contains("注释一") && html.contains("注释二"))
    }

    @Test func parsingIsSafeFromSeveralThreads() async {
        // cmark-gfm's parser shares global state; MarkdownParser serialises it.
        let md = "~~x~~ www.example.org\n"
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    let html = MarkdownParser.parse(md)[0].html
                    return html.contains("<del>") && html.contains("<a href")
                }
            }
            var all: [Bool] = []
            for await ok in group { all.append(ok) }
            return all
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 })
    }
}

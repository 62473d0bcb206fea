import Foundation
@testable import Importer
import Testing

/// Web-page clutter and the second copy of the document (excerpts of seeds 003, 000, 002).
@Suite struct CleaningTests {
    @Test func clutterIsRemovedAndListedWithItsLineNumber() throws {
        let name = "zhejiang-2020-excerpt.txt"
        let result = Importing.fixture(name)
        let clutter = ["当前位置: 首页", "放大字体", "核心提示:", "全文如下:", "[ 最新资讯搜索 ]", "0相关评论",
                       "推荐图文", "手机网站: m.cntfj.com", "18264179969", "周一至周五", "24小时在线客服"]
        for text in clutter {
            let line = Fixture.line(of: text, in: name)
            #expect(line > 0, "fixture has \(text)")
            #expect(result.report.has(.clutter, line: line), "line \(line) (\(text)) is listed as removed")
            #expect(!result.planMarkdown.contains(text), "\(text) is not in the draft")
        }
        // The reprint's page title (before the notice) is removed and listed; the document's
        // own title and the notice stay.
        let pageTitle = Fixture.line(of: "2020年浙江省生态环境工作要点", in: name)
        #expect(result.report.has(.clutter, line: pageTitle, containing: "网页标题"))
        #expect(Importing.body(result).contains("## 浙江省生态环境厅关于印发2020年全省生态环境工作要点的通知"))
        #expect(Importing.body(result).contains("## 2020年全省生态环境工作要点"))
    }

    @Test func shareAndLinkLinesOfAnotherSiteAreRemoved() {
        let name = "huzhou-2018-excerpt.txt"
        let result = Importing.fixture(name)
        for text in ["浏览量:", "扫描二维码 关注我们", "微信公众号", "本文链接:", "本文关键词:"] {
            let line = Fixture.line(of: text, in: name)
            #expect(result.report.has(.clutter, line: line), "\(text) at line \(line)")
        }
        // Both web-page title lines (…的通》) are listed; the 文号 line after them is kept.
        for line in Fixture.lines(containing: "的通》", in: name) {
            #expect(result.report.has(.clutter, line: line, containing: "网页标题"))
        }
        #expect(Importing.body(result).contains("湖政发〔2018〕18号"))
    }

    @Test func clutterWordsInsideTheDocumentAreKept() {
        // A sentence that mentions a 微信公众号 is text, not a share button.
        let text = """
        一、总体要求

        (一)强化宣传。通过报纸、电视台、网络、政务微博、微信公众号等媒介对生态环保知识及生态文明建设进行广泛宣传,不断增强全社会参与生态文明建设的自觉性主动性。
        """
        let result = Importing.run(text)
        #expect(result.report.items(.clutter).isEmpty)
        #expect(result.planMarkdown.contains("微信公众号等媒介"))
    }

    @Test func theSecondCopyOfTheDocumentIsDetectedAndRemoved() throws {
        let name = "shengzhou-2024-excerpt.txt"
        let result = Importing.fixture(name)
        let salutations = Fixture.lines(containing: "各乡镇(街道)、部门(单位):", in: name)
        try #require(salutations.count == 2)
        let duplicate = try #require(result.report.items(.duplicate).first)
        #expect(duplicate.line == salutations[1], "the second copy starts at the second salutation")
        #expect(duplicate.message.contains("第\(salutations[0])"), "and repeats the first copy from the first salutation")
        // Every task and indicator row is in the draft once.
        let body = Importing.body(result).joined(separator: "\n")
        #expect(body.components(separatedBy: "1.提高生态文明建设工作占党政实绩考核的比例").count == 2)
        #expect(try Importing.indicators(result).filter { $0["number"] == "1" }.count == 1)
        #expect(try Importing.plan(result).tasks.count == 11)
    }

    @Test func aLineThatDiffersInTheSecondCopyIsKeptAndMarked() throws {
        let name = "shengzhou-2024-excerpt.txt"
        var lines = Fixture.lines(name)
        let second = Fixture.lines(containing: "3.落实领导干部自然资源资产离任审计制度", in: name)
        try #require(second.count == 2)
        lines[second[1] - 1] = lines[second[1] - 1].replacingOccurrences(of: "探索创新大数据审计工作模式", with: "探索创新审计工作模式")
        let result = Importing.run(lines.joined(separator: "\n"), region: "shengzhou")
        #expect(result.report.has(.duplicate, line: second[1], containing: "不同"))
        #expect(result.planMarkdown.contains("> 【待核】重复登载的第二遍中与第一遍不同的一行(源文件第\(second[1])行)"))
        #expect(result.planMarkdown.contains("探索创新审计工作模式"))
    }

    @Test func noTextIsDroppedSilently() {
        // Every line with Chinese text is either in the draft or listed in review.md.
        for name in ["huzhou-2018-excerpt.txt", "zhejiang-2020-excerpt.txt", "shengzhou-2024-excerpt.txt", "huzhou-14th-excerpt.txt"] {
            let result = Importing.fixture(name)
            let draftHan = String(result.planMarkdown.unicodeScalars.filter(TextPatterns.isHan).map(Character.init))
            var listed = Set<Int>()
            for item in result.report.items where item.kind == .clutter || item.kind == .duplicate {
                if let line = item.line { listed.formUnion(line...(item.endLine ?? line)) }
            }
            for (i, line) in Fixture.lines(name).enumerated() where TextPatterns.hanCount(line) > 0 {
                let han = String(line.unicodeScalars.filter(TextPatterns.isHan).map(Character.init))
                #expect(draftHan.contains(han) || listed.contains(i + 1), "\(name):\(i + 1) is neither in the draft nor in review.md")
            }
            #expect(!result.report.items(.note).contains { $0.message.contains("少了") })
        }
    }
}

import Foundation
@testable import Importer
import Testing

/// GBK/GB18030 input, undecodable bytes, garbled and private-use characters.
@Suite struct EncodingTests {
    @Test func gbkInputGivesTheSameDraftAsUTF8() throws {
        let gbk = Fixture.data("huzhou-2018-excerpt.gbk.txt")
        try #require(String(validating: [UInt8](gbk), as: UTF8.self) == nil, "the fixture is not UTF-8")
        let fromGBK = Importing.fixture("huzhou-2018-excerpt.gbk.txt", region: "huzhou")
        let fromUTF8 = Importing.fixture("huzhou-2018-excerpt.txt", region: "huzhou")
        #expect(fromGBK.encoding == .gb18030)
        #expect(fromUTF8.encoding == .utf8)
        #expect(Importing.body(fromGBK) == Importing.body(fromUTF8))
        #expect(Importing.frontMatter(fromGBK, "title") == "湖州市生态文明示范创建行动计划(2018-2022)")
        #expect(fromGBK.report.items(.note).contains { $0.message.contains("GB18030") })
        #expect(fromGBK.report.items(.garbled).count == fromUTF8.report.items(.garbled).count)
    }

    @Test func gb18030FourByteCharactersDecode() {
        // 𠀀 (U+20000) and € are four- and two-byte sequences in GB18030.
        let bytes: [UInt8] = [0xD2, 0xBB, 0xA1, 0xA2, 0x95, 0x32, 0x82, 0x36, 0xA2, 0xE3, 0x0A]
        let source = SourceText.decode(Data(bytes))
        #expect(source.encoding == .gb18030)
        #expect(source.lines.first?.text == "一、\u{20000}€")
    }

    @Test func undecodableBytesAreReplacedAndReported() {
        // 一、 in GBK, an empty line, a lead byte without its trail byte, then 二.
        let gbk: [UInt8] = [0xD2, 0xBB, 0xA1, 0xA2, 0x0A, 0x0A, 0xCE, 0x0A, 0xB6, 0xFE, 0x0A]
        let source = SourceText.decode(Data(gbk))
        #expect(source.encoding == .gb18030)
        #expect(source.lines.map(\.text) == ["一、", "", "\u{FFFD}", "二"])
        #expect(source.undecodableLines == [3])
        let result = PlanImporter.run(source: source, options: .init(region: "demo", planID: "draft", sourceName: "gbk.txt"))
        #expect(result.report.has(.garbled, line: 3, containing: "无法解码"))
    }

    @Test func privateUseCharactersAreReportedAndKept() throws {
        let name = "huzhou-2018-excerpt.txt"
        let result = Importing.fixture(name)
        let line = Fixture.line(of: "湿地面积不低于4", in: name)
        try #require(line > 0)
        let column = try #require(Fixture.lines(name)[line - 1].unicodeScalars.firstIndex { $0.value == 0xE010 }
            .map { Fixture.lines(name)[line - 1].unicodeScalars.distance(from: Fixture.lines(name)[line - 1].unicodeScalars.startIndex, to: $0) + 1 })
        #expect(result.report.has(.garbled, line: line, containing: "U+E010"))
        #expect(result.report.has(.garbled, line: line, containing: "第\(column)列"))
        #expect(result.planMarkdown.contains("湿地面积不低于4\u{E010}78万公顷"), "kept as written")
    }

    @Test func mojibakeAndReplacementCharactersAreReported() {
        let text = "2021年某市环境保护工作要点\n\n一、总体要求\n\n1.加强组织领导。锟斤拷各地要把生态文明建设摆上重要位置。\n\n2.加强宣传。广泛开展\u{FFFD}宣传。\n"
        let result = Importing.run(text)
        #expect(result.report.has(.garbled, line: 5, containing: "锟斤拷"))
        #expect(result.report.has(.garbled, line: 7, containing: "U+FFFD"))
    }
}

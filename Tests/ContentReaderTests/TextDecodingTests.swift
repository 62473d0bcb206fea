import Foundation
import Testing
import PlanModel
@testable import ContentReader

@Suite struct TextDecodingTests {
    /// GBK encodings of a few characters, written by hand (checked against the GBK code table).
    static let gbk: [String: [UInt8]] = [
        "生态": [0xC9, 0xFA, 0xCC, 0xAC],
        "环境": [0xBB, 0xB7, 0xBE, 0xB3],
        "保护": [0xB1, 0xA3, 0xBB, 0xA4],
        "规划": [0xB9, 0xE6, 0xBB, 0xAE],
    ]

    func decodeError(_ bytes: [UInt8], path: String = "plans/p/plan.md",
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        switch TextDecoding.decode(Data(bytes), path: path) {
        case .success(let text):
            Issue.record("expected an encoding error, decoded \(text.debugDescription)", sourceLocation: sourceLocation)
            return nil
        case .failure(let d): return d
        }
    }

    @Test func plainUTF8IsUnchanged() throws {
        let text = "标题: 生态环境保护规划\n第二行\n"
        #expect(try TextDecoding.decode(Data(text.utf8), path: "a").get() == text)
    }

    @Test func utf8BOMIsStripped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,name\n".utf8)
        let text = try TextDecoding.decode(Data(bytes), path: "a").get()
        #expect(text == "id,name\n")
        #expect(text.unicodeScalars.first == "i")
    }

    @Test func crlfAndLoneCRBecomeLF() throws {
        let text = try TextDecoding.decode(Data("a\r\nb\r\n\r\nc\rd".utf8), path: "a").get()
        #expect(text == "a\nb\n\nc\nd")
        #expect(!text.contains("\r"))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 5)
    }

    @Test func gbkIsDetectedWithOffsetAndConversionCommand() throws {
        // "title: 生态环境保护规划\n" in GBK, after an ASCII first line.
        var bytes = Array("---\ntitle: ".utf8)
        let offset = bytes.count  // 11: the first GBK byte
        for word in ["生态", "环境", "保护", "规划"] { bytes += Self.gbk[word]! }
        bytes += Array("\n".utf8)
        let d = try #require(decodeError(bytes))
        #expect(d.code == "encoding")
        #expect(d.message.contains("GB18030"))
        #expect(d.message.contains("byte offset \(offset)"))
        #expect(d.hint?.contains("iconv") == true)
        #expect(d.hint?.contains("GB18030") == true)
        #expect(d.hint?.contains("plans/p/plan.md") == true)
        #expect(d.location == SourceLocation(path: "plans/p/plan.md", line: 2, column: 8))
    }

    @Test func gbkFromTheFirstByte() throws {
        let bytes = Self.gbk["生态"]! + Self.gbk["环境"]!
        let d = try #require(decodeError(bytes))
        #expect(d.message.contains("GB18030"))
        #expect(d.message.contains("byte offset 0"))
        #expect(d.location.line == 1)
        #expect(d.location.column == 1)
    }

    @Test func gbkAfterValidUTF8Chinese() throws {
        // The offset counts bytes (生态 in UTF-8 is 6 bytes); the column counts characters.
        var bytes = Array("生态\n环境".utf8)
        let offset = bytes.count
        bytes += Self.gbk["保护"]! + Self.gbk["规划"]!
        let d = try #require(decodeError(bytes))
        #expect(d.message.contains("byte offset \(offset)"))
        #expect(offset == 13)
        #expect(d.location.line == 2)
        #expect(d.location.column == 3)
    }

    @Test func loneInvalidByteIsInvalidUTF8NotGBK() throws {
        let bytes = Array("ab\ncd".utf8) + [0xFF] + Array("e\n".utf8)
        let d = try #require(decodeError(bytes, path: "x.csv"))
        #expect(d.code == "encoding")
        #expect(d.message.contains("invalid UTF-8"))
        #expect(d.message.contains("byte offset 5"))
        #expect(!d.message.contains("GB18030"))
        #expect(d.location == SourceLocation(path: "x.csv", line: 2, column: 3))
    }

    @Test func truncatedUTF8SequenceAtTheEnd() throws {
        // The first two bytes of 生 (E7 94 9F) with the file ending.
        let bytes = Array("ok".utf8) + [0xE7, 0x94]
        let d = try #require(decodeError(bytes))
        #expect(d.message.contains("byte offset 2"))
    }

    @Test func overlongAndSurrogateEncodingsAreInvalid() throws {
        // C0 80 is an overlong NUL, ED A0 80 a UTF-16 surrogate: neither is valid UTF-8.
        #expect(try #require(decodeError([0x41, 0xC0, 0x80])).message.contains("byte offset 1"))
        #expect(try #require(decodeError([0x41, 0x42, 0xED, 0xA0, 0x80])).message.contains("byte offset 2"))
    }

    @Test func nulByte() throws {
        let bytes = Array("ab\nc".utf8) + [0x00] + Array("d".utf8)
        let d = try #require(decodeError(bytes))
        #expect(d.code == "encoding")
        #expect(d.message.contains("NUL"))
        #expect(d.message.contains("byte offset 4"))
        #expect(d.location.line == 2)
        #expect(d.location.column == 2)
    }

    @Test(arguments: [[UInt8]([0xFF, 0xFE, 0x61, 0x00]), [0xFE, 0xFF, 0x00, 0x61]])
    func utf16BOM(bytes: [UInt8]) throws {
        let d = try #require(decodeError(bytes))
        #expect(d.code == "encoding")
        #expect(d.message.contains("UTF-16"))
        #expect(d.hint?.contains("iconv -f UTF-16") == true)
    }

    @Test func readReportsAMissingFile() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/plan.md")
        switch TextDecoding.read(url, displayPath: "plans/x/plan.md") {
        case .success: Issue.record("a missing file must not read")
        case .failure(let d):
            #expect(d.code == "unreadable")
            #expect(d.location.path == "plans/x/plan.md")
        }
    }
}

@Suite struct ContentFileLimitTests {
    @Test func firstLongLineCountsBytesPerLine() {
        #expect(ContentFiles.firstLongLine("短\n短", limit: 3) == nil)                 // 3 bytes each: at the limit
        #expect(ContentFiles.firstLongLine("ab\n\n生态\nabc", limit: 3) == 3)          // line 3: 生态 is 6 bytes
        #expect(ContentFiles.firstLongLine("abcd", limit: 3) == 1)
        #expect(ContentFiles.firstLongLine("", limit: 0) == nil)
    }

    @Test func aFileWithALineOverTheLimitIsAnErrorAtThatLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-longline-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("plan.md")
        let long = String(repeating: "生", count: ContentFiles.maxLineLength / 3 + 1)
        try Data("# 标题\n\n\(long)\n".utf8).write(to: url)
        var log = DiagnosticLog()
        #expect(ContentFiles.text(url, "plans/p/plan.md", log: &log) == nil)
        let error = try #require(log.all.first)
        #expect(error.code == "line-too-long")
        #expect(error.location.line == 3)
        #expect(error.location.path == "plans/p/plan.md")
    }
}

@Suite struct FrontMatterSplitTests {
    /// The line-array implementation the byte scan replaced, kept as the reference.
    static func reference(_ text: String) -> (yaml: String, body: String, offset: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else { return nil }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" }) else { return nil }
        return (lines[1..<end].joined(separator: "\n"), lines[(end + 1)...].joined(separator: "\n"), end + 1)
    }

    @Test func agreesWithTheLineSplit() {
        let fixed = ["---", "---\n---", "---\n---\n", "---\na: 1\n---\nbody\n", "---\n\n---\n", " --- \ntitle: 生态\n ---\n# 一、\n\n正文",
                     "no front matter", "", "\n---\n---", "---\na\nb", "---\n---\n---\nx"]
        var generator = SystemRandomNumberGenerator()
        let pool = ["---", " --- ", "\n", "a: 1", "生态", "", "-- -", "\t---"]
        let random = (0..<2000).map { _ in (0..<Int.random(in: 0...7, using: &generator)).map { _ in pool.randomElement(using: &generator)! }.joined() }
        for text in fixed + random {
            let ours: (yaml: String, body: String, offset: Int)? = switch FrontMatter.split(text, path: "p.md") {
            case .success(let s): (s.yaml, s.body, s.bodyLineOffset)
            case .failure: nil
            }
            let expected = Self.reference(text)
            #expect(ours?.yaml == expected?.yaml && ours?.body == expected?.body && ours?.offset == expected?.offset, "\(text.debugDescription)")
        }
    }
}

/// The standard library's validation (which decoding now relies on) and `firstInvalidUTF8`
/// (which gives the offset in the error) must accept exactly the same bytes.
@Suite struct UTF8ValidationAgreementTests {
    @Test func bothAcceptTheSameBytes() {
        var generator = SystemRandomNumberGenerator()
        // Pieces of valid and invalid UTF-8: overlong forms, surrogates, beyond U+10FFFF,
        // truncated and stray continuation bytes, GBK pairs.
        let pieces: [[UInt8]] = [[0x61], [0xE8, 0xA7, 0x84], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],
                                 [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE8, 0xA7], [0x80], [0xBF], [0xFF], [0xC1, 0x81],
                                 [0xB9, 0xE6], [0xF5, 0x80, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0x0A], [0xEF, 0xBF, 0xBF]]
        var invalidSeen = 0
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...6, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator)! }
            let ours = TextDecoding.firstInvalidUTF8(bytes) == nil
            let library = String(validating: bytes, as: UTF8.self) != nil
            #expect(ours == library, "\(bytes.map { String($0, radix: 16) })")
            if !ours { invalidSeen += 1 }
        }
        #expect(invalidSeen > 1000)
    }
}

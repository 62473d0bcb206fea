import Foundation
import Testing
import PlanModel
@testable import ContentReader

/// The byte path of `AnnotationParser.find` (`AnnotationParser.ByteScan`) against the Character
/// implementation that defines it (`findReference`): the same annotations (raw text, offset),
/// the same lists (names, roles, offsets) and, where the byte path counts them, line starts that
/// place every reported offset on the same line and column, for many generated texts.
@Suite struct AnnotationParserDifferentialTests {
    typealias Entry = (name: String, role: AssignmentRole, offset: Int)

    /// SplitMix64: the same texts on every run and platform.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let keys = AnnotationParser.allKeys
    static let names = ["市经信委", "环保局", "市发改委", "科技局", "县(市、区)生态环境分局", "市委办", "组织部",
                        "区（县）政府", "a", "EQI", "市环保局 ", " 市水利局", "　各区县", "。市林业局", "公安局。"]
    /// Pieces of text the byte path reads as the Character path does.
    static let simplePieces = ["(", ")", "（", "）", ":", "：", " ", "　", "  ", "、", "，", ",", "/", ";", "；", "。",
                               "\n", "\n\n", "\t", "加强饮用水源保护", "推进", "市", "县", "区", "单位", "部门", "牵头", "责任",
                               "牵头单", "abc", "2020", "EQI", "“两山”", "《规划》", "——", "…", "·", "×", "℃", "㎡", "≥",
                               "Ⅳ", "①", "μg/m³", "％", "～", "é", "😀", "\u{E010}", "𠀀", "ア", "ㄅ"]
    /// Pieces that send a text to the Character path (combining marks, CR, emoji sequences, …)
    /// or, before a bracket or separator, change what it is as a Character.
    static let oddPieces = ["\u{301}", "e\u{301}", "(\u{301}", ")\u{20DD}", "、\u{301}", ":\u{308}", "\r\n", "\r",
                            "\u{37E}", "👍🏽", "👨‍👩‍👧", "🇨🇳", "❤\u{FE0F}", "\u{200D}", "한", "\u{1100}\u{1161}",
                            "\u{F9B4}", "\u{FEFF}", "\u{3099}", "\u{FF9E}", "\u{2028}", "\u{0E33}", "\u{0600}"]

    static func annotation(_ g: inout Generator, odd: Bool) -> String {
        var s = g.pick(["(", "（", "(", "（ ", "(　"])
        let lists = 1 + g.below(3)
        for l in 0..<lists {
            if l > 0 { s += g.pick([";", "；", "，", ",", " ", "　", ""]) }
            s += g.pick(keys) + g.pick(["", "", " ", "  ", "　", " 　"]) + g.pick(Array([":", "：", ":", "", "：\u{301}"].dropLast(odd ? 0 : 1)))
            let count = g.below(4)
            for n in 0..<count {
                if n > 0 { s += g.pick(["、", "，", ",", "/", ";", "；", "、 ", " 、"]) }
                s += g.pick(names)
                if odd && g.chance(10) { s += g.pick(oddPieces) }
            }
        }
        if g.chance(85) { s += g.pick([")", "）", "。)", " ）"]) }
        return s
    }

    static func text(_ g: inout Generator, odd: Bool) -> String {
        var s = ""
        let pieces = g.below(40)
        for _ in 0..<pieces {
            switch g.below(100) {
            case 0..<30: s += annotation(&g, odd: odd)
            case 30..<33: s += String(repeating: g.pick(["长", "a", "（", "("]), count: 380 + g.below(50))
            case 33..<40 where odd: s += g.pick(oddPieces)
            case 40..<45: s += g.pick(keys)
            default: s += g.pick(simplePieces)
            }
        }
        return s
    }

    /// The line and column of a Character offset, as `PlanStructureReader.position` finds them.
    static func lineAndColumn(_ offset: Int, _ starts: [Int]) -> (Int, Int) {
        let line = starts.lastIndex { $0 <= offset } ?? 0
        return (line, offset - starts[line])
    }

    static func referenceLineStarts(_ text: String) -> [Int] {
        var starts = [0]
        for (i, ch) in text.enumerated() where ch == "\n" { starts.append(i + 1) }
        return starts
    }

    /// Compares everything `find` reports; true when the byte path answered (with annotations).
    @discardableResult
    static func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> (bytes: Bool, found: Bool) {
        let reference = AnnotationParser.findReference(in: text)
        // `find` is the byte path's answer when there is one, else the reference's.
        let bytePath = AnnotationParser.findOnBytes(text)
        let onBytes = bytePath != nil
        let (found, starts) = bytePath ?? (reference, nil)
        let shown = String(text.prefix(80)).debugDescription
        guard found.count == reference.count else {
            Issue.record("\(found.count) annotations, the reference finds \(reference.count) in \(shown)", sourceLocation: sourceLocation)
            return (onBytes, !reference.isEmpty)
        }
        // Plain comparisons, an issue only for a difference (an #expect for each of the
        // thousands of values would take most of the test's time).
        let referenceStarts = referenceLineStarts(text)
        for (a, b) in zip(found, reference) {
            if a.raw != b.raw || a.offset != b.offset {
                Issue.record("\(a.raw.debugDescription) at \(a.offset), the reference \(b.raw.debugDescription) at \(b.offset), in \(shown)", sourceLocation: sourceLocation)
            }
            let mine: [[Entry]] = a.lists
            let theirs: [[Entry]] = b.lists
            let same = mine.count == theirs.count && zip(mine, theirs).allSatisfy { x, y in
                x.map(\.name) == y.map(\.name) && x.map(\.role) == y.map(\.role) && x.map(\.offset) == y.map(\.offset)
            }
            if !same {
                Issue.record("lists \(mine), the reference \(theirs), in \(shown)", sourceLocation: sourceLocation)
            }
            if let starts {
                for o in [a.offset] + a.lists.flatMap({ $0.map(\.offset) }) where lineAndColumn(o, starts) != lineAndColumn(o, referenceStarts) {
                    Issue.record("offset \(o) at \(lineAndColumn(o, starts)), the reference \(lineAndColumn(o, referenceStarts)), in \(shown)", sourceLocation: sourceLocation)
                }
            }
        }
        return (onBytes, !reference.isEmpty)
    }

    @Test func generatedSimpleTextsAgreeWithTheReference() {
        var g = Generator(state: 20_240_601)
        var onBytesWithAnnotations = 0
        for _ in 0..<2_000 {
            let text = Self.text(&g, odd: false)
            let (bytes, found) = Self.expectSame(text)
            if !bytes { Issue.record("a simple text went to the Character path: \(text.prefix(80).debugDescription)") }
            if bytes && found { onBytesWithAnnotations += 1 }
        }
        // The comparison is not vacuous: most texts have annotations the byte path read.
        #expect(onBytesWithAnnotations > 1_300)
    }

    @Test func generatedOddTextsAgreeWithTheReference() {
        var g = Generator(state: 7)
        var onBytesWithAnnotations = 0
        var onCharacters = 0
        for _ in 0..<2_000 {
            let text = Self.text(&g, odd: true)
            let (bytes, found) = Self.expectSame(text)
            if bytes && found { onBytesWithAnnotations += 1 }
            if !bytes { onCharacters += 1 }
        }
        #expect(onBytesWithAnnotations > 30)
        #expect(onCharacters > 700)
    }

    @Test func edgeCasesAgreeWithTheReference() {
        let long = String(repeating: "长", count: 410)
        let samples = [
            "", "(", "（", ")", "(责任单位", "(责任单位:", "(责任单位:)", "（责任单位：）", "(责任单位 :a)", "(责任单位　:a)",
            "( 　责任单位:a)", "(责任单位: 市环保局 、 市水利局 )", "(牵头单位:a;责任单位:b)(配合部门:c)",
            "(x(牵头单位:a)y)", "(牵头单位:县(市、区)分局、b)", "(牵头单位:(a、b)", "(牵头单位:a(b、c)",
            "(牵头单位:;；,，。)", "(牵头单位:。a。)", "(牵头单位:a、、b)", "(牵头单位:a)" + long + ")",
            "(牵头单位:a\n" + long + "\nb)", "(牵头单位:a" + long + "\nb)", "(牵头单位:a\n" + long + "b)",
            "(x(牵头单位:a)\n" + long + "\n)", "(牵头单位:a" + String(repeating: "长", count: 399) + "\nb)",
            "(牵头单位:a" + String(repeating: "长", count: 400) + "\nb)", "(牵头单位:a" + String(repeating: "长", count: 401) + "\nb)",
            "(\u{301}责任单位:a)", "(责任单位:a、\u{301}b)", "(责任单位:a)\u{301}", "(责任单位:a\r\nb)", "\r(责任单位:a)",
            "(责任单位:a\u{37E}b)", "(责任单位\u{301}:a)", "(责任单位:\u{301}a)", "e\u{301}(责任单位:a、b)",
            "👨‍👩‍👧(责任单位:a、b)", "🇨🇳(责任单位:a、b)", "(责任单位:😀、👍🏽)", "(\u{F9B4}任单位:a)",
            "(牵头单位：市经信委、环保局；责任单位：市发改委、科技局)\n（责任单位：市委办、组织部）",
            String(repeating: "(牵头单位:a", count: 2_000), String(repeating: "(牵头单位:a)", count: 2_000),
            String(repeating: "(牵头单位:a\n", count: 2_000) + String(repeating: ")", count: 2_000),
        ]
        for sample in samples {
            Self.expectSame(sample)
            #expect(AnnotationParser.find(in: sample) == AnnotationParser.findReference(in: sample), "\(sample.prefix(40).debugDescription)")
        }
        // The 400-character rule at its edge: the line break at 400 or 401 characters after the
        // opening bracket, with characters of 1, 3 and 4 bytes in between.
        for filler in ["长", "a", "𠀀", "a长"] {
            for n in 385...405 {
                for prefix in ["", "前文", "（x"] {
                    let run = String(String(repeating: filler, count: n).prefix(n))
                    Self.expectSame(prefix + "(牵头单位:a" + run + "\nb)")
                    Self.expectSame(prefix + "（牵头单位：a(c)" + run + "\n\nb）d)")
                }
            }
        }
    }

    /// Every paragraph of the bundled plans (Content/plans/*/plan.md), and each file as a whole.
    @Test func bundledPlansAgreeWithTheReference() throws {
        let content = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content/plans")
        let plans = try FileManager.default.contentsOfDirectory(atPath: content.path)
        var annotated = 0
        for plan in plans {
            guard let text = try? String(contentsOf: content.appendingPathComponent(plan).appendingPathComponent("plan.md"), encoding: .utf8) else { continue }
            // The whole file as one text too: many annotations on many lines.
            for paragraph in text.components(separatedBy: "\n\n") + [text] {
                if Self.expectSame(paragraph).found { annotated += 1 }
            }
        }
        #expect(annotated > 10)
    }

    /// 30,000 unclosed `(牵头单位:a` in one paragraph, and the same with a combining mark that
    /// sends it to the Character path: no annotation either way.
    @Test func manyUnclosedAnnotations() {
        let text = String(repeating: "(牵头单位:a", count: 30_000)
        #expect(AnnotationParser.findOnBytes(text)?.found.isEmpty == true)
        #expect(AnnotationParser.find(in: text + "\u{301}").isEmpty)
        #expect(AnnotationParser.findOnBytes(text + "\u{301}") == nil)
    }

    /// The byte path declines texts it cannot prove the same and reads the others.
    @Test func fallbackIsTakenOnlyWhenNeeded() {
        #expect(AnnotationParser.findOnBytes("(责任单位:市环保局)") != nil)
        #expect(AnnotationParser.findOnBytes("“两山”理念(责任单位:市环保局、\u{E010})") != nil)
        #expect(AnnotationParser.findOnBytes("(责任单位:市环保局)\r\n") == nil)
        #expect(AnnotationParser.findOnBytes("(责任单位:市环保局\u{301})") == nil)
        #expect(AnnotationParser.findOnBytes("(责任单位:市环保局;\u{37E})") == nil)
        // No candidate at all: answered on bytes even with a combining mark.
        #expect(AnnotationParser.findOnBytes("e\u{301}(注:无)")?.found.isEmpty == true)
    }

    /// The scalars `ByteScan.isSimple` accepts are Characters of their own next to any other
    /// (none extends, is prepended, joins a Hangul syllable, pairs as a regional indicator or is
    /// CR), and equal as Characters only to themselves among those `find` compares with.
    @Test func simpleScalarsAreCharactersOfTheirOwn() {
        let compared: [Character] = ["(", ")", "（", "）", ":", "：", " ", "　", "、", "，", ",", "/", ";", "；", "。", "\n"]
            + Set(AnnotationParser.allKeys.joined()).sorted()
        let neighbours: [Unicode.Scalar] = ["a", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}", "\n"]
        var checked = 0
        var failures: [String] = []
        for range in AnnotationParser.ByteScan.simpleRanges + [0x00...0x7F] {
            for value in range where value != 0x0D {
                guard let x = Unicode.Scalar(value) else { continue }
                checked += 1
                var view = String.UnicodeScalarView()
                for y in neighbours + [x] {
                    view.removeAll(keepingCapacity: true)
                    view.append(x)
                    view.append(y)
                    if String(view).count != 2 { failures.append(String(value, radix: 16) + " before " + String(y.value, radix: 16)) }
                    view.removeAll(keepingCapacity: true)
                    view.append(y)
                    view.append(x)
                    if String(view).count != 2 { failures.append(String(value, radix: 16) + " after " + String(y.value, radix: 16)) }
                }
                let character = Character(x)
                for c in compared where c == character && c.unicodeScalars.first != x {
                    failures.append(String(value, radix: 16) + " equals " + String(c))
                }
            }
            #expect(AnnotationParser.ByteScan.isSimple(range.lowerBound) || range.lowerBound < 0x80)
        }
        #expect(failures.isEmpty, "\(failures.prefix(20))")
        #expect(checked > 90_000)
        // The byte-level check (with its shortcuts for frequent first bytes) agrees with the list.
        var mismatches: [String] = []
        for value in Array(0...0x3FFFF) + Array(stride(from: 0x40000, through: 0x10FFFF, by: 0x101)) {
            guard let x = Unicode.Scalar(value) else { continue }
            let expected = value < 0x80 ? value != 0x0D : AnnotationParser.ByteScan.isSimple(UInt32(value))
            let bytes = Array(String(x).utf8)
            if bytes.withUnsafeBufferPointer({ AnnotationParser.ByteScan.isSimple($0) }) != expected {
                mismatches.append(String(value, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(20))")
        #expect(!AnnotationParser.ByteScan.isSimple(0x037E))
        #expect(!AnnotationParser.ByteScan.isSimple(0x0301))
    }
}

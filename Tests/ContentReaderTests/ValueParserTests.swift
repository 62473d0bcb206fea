import Foundation
import Testing
import PlanModel
@testable import ContentReader

/// Every form of docs/content-format.md, "Values".
@Suite struct ValueParserTests {
    /// Parses or records an issue; returns nil on failure.
    func parsed(_ raw: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ValueExpression? {
        switch ValueParser.parse(raw) {
        case .success(let value): return value
        case .failure(let failure):
            Issue.record("'\(raw)' did not parse: \(failure)", sourceLocation: sourceLocation)
            return nil
        }
    }

    // MARK: Plain numbers

    @Test(arguments: [("95", 95.0), ("48.15", 48.15), ("-1.2", -1.2), ("0", 0.0), (" 26 ", 26.0)])
    func plainNumbers(raw: String, number: Double) throws {
        let v = try #require(parsed(raw))
        #expect(v.form == .number(number))
        #expect(v.number == number)
        #expect(v.inlineUnit == nil)
        #expect(v.cumulative == false)
        #expect(v.label == nil)
        #expect(v.isGiven)
        #expect(v.raw == raw.trimmingCharacters(in: .whitespaces))
    }

    @Test func numberWithUnitKeepsTheUnit() throws {
        let v = try #require(parsed("95%"))
        #expect(v.form == .number(95))
        #expect(v.inlineUnit == "%")
    }

    // MARK: At least

    @Test(arguments: [
        ("≥95", 95.0, nil as String?),
        (">=95", 95.0, nil),
        ("≧95", 95.0, nil),
        ("≥95%", 95.0, "%"),
        ("95%以上", 95.0, "%"),
        ("95以上", 95.0, nil),
        ("不低于90", 90.0, nil),
        ("达到95%以上", 95.0, "%"),
        ("达到85%", 85.0, "%"),
        ("90%及以上", 90.0, "%"),
        ("不少于12", 12.0, nil),
    ])
    func atLeast(raw: String, number: Double, unit: String?) throws {
        let v = try #require(parsed(raw))
        #expect(v.form == .comparison(.atLeast, number), "\(raw)")
        #expect(v.inlineUnit == unit, "\(raw)")
        #expect(v.cumulative == false)
        #expect(v.label == nil)
        #expect(v.raw == raw)
    }

    // MARK: At most

    @Test(arguments: [
        ("≤42", 42.0, nil as String?),
        ("<=42", 42.0, nil),
        ("≦42", 42.0, nil),
        ("25以下", 25.0, nil),
        ("不高于42", 42.0, nil),
        ("不超过42", 42.0, nil),
        ("控制在35以内", 35.0, nil),
        ("控制在35微克/立方米以内", 35.0, "微克/立方米"),
        ("≤0.5%", 0.5, "%"),
    ])
    func atMost(raw: String, number: Double, unit: String?) throws {
        let v = try #require(parsed(raw))
        #expect(v.form == .comparison(.atMost, number), "\(raw)")
        #expect(v.inlineUnit == unit, "\(raw)")
        #expect(v.label == nil)
    }

    // MARK: Strict comparisons and about

    @Test func strictComparisons() throws {
        #expect(try #require(parsed(">5")).form == .comparison(.greater, 5))
        #expect(try #require(parsed("<5")).form == .comparison(.less, 5))
        #expect(try #require(parsed("低于50")).form == .comparison(.less, 50))
        #expect(try #require(parsed("高于50")).form == .comparison(.greater, 50))
        // Full-width comparator signs.
        #expect(try #require(parsed("＞5")).form == .comparison(.greater, 5))
        #expect(try #require(parsed("＜5")).form == .comparison(.less, 5))
    }

    @Test func longerPrefixWinsOverItsSuffix() throws {
        // 不低于 contains 低于, 不超过 contains 超过: the longer phrase decides the meaning.
        #expect(try #require(parsed("不低于50")).form == .comparison(.atLeast, 50))
        #expect(try #require(parsed("不超过50")).form == .comparison(.atMost, 50))
        #expect(try #require(parsed("超过50")).form == .comparison(.greater, 50))
    }

    @Test func about() throws {
        let v = try #require(parsed("10左右"))
        #expect(v.form == .comparison(.about, 10))
        #expect(v.inlineUnit == nil)
        let p = try #require(parsed("10%左右"))
        #expect(p.form == .comparison(.about, 10))
        #expect(p.inlineUnit == "%")
    }

    // MARK: Cumulative, labels, ranges

    @Test func cumulativeValue() throws {
        let v = try #require(parsed("〔31.79〕"))
        #expect(v.form == .number(31.79))
        #expect(v.cumulative)
        #expect(v.raw == "〔31.79〕")
        let c = try #require(parsed("〔≥15〕"))
        #expect(c.form == .comparison(.atLeast, 15))
        #expect(c.cumulative)
    }

    @Test func notCumulativeWithoutBrackets() throws {
        #expect(try #require(parsed("31.79")).cumulative == false)
    }

    @Test func comparatorWithLabel() throws {
        let v = try #require(parsed("△EQI>-1"))
        #expect(v.form == .comparison(.greater, -1))
        #expect(v.label == "△EQI")
        #expect(v.number == -1)
        #expect(v.inlineUnit == nil)
    }

    @Test func range() throws {
        let v = try #require(parsed("10-15"))
        #expect(v.form == .range(10, 15))
        #expect(v.number == 12.5)
        #expect(v.label == nil)
        let swapped = try #require(parsed("15~10%"))
        #expect(swapped.form == .range(10, 15))
        #expect(swapped.inlineUnit == "%")
    }

    @Test func trailingBracketNoteDoesNotChangeTheValue() throws {
        // observations.csv writes e.g. 36(“十三五”均值).
        let v = try #require(parsed("36(“十三五”均值)"))
        #expect(v.form == .number(36))
        #expect(v.raw == "36(“十三五”均值)")
    }

    // MARK: Qualitative

    @Test(arguments: ["建立", "开展", "有效保障", "完成省下达指标", "完成上级规定的考核任务"])
    func qualitativeWithoutDirection(raw: String) throws {
        let v = try #require(parsed(raw))
        #expect(v.form == .qualitative(nil), "\(raw)")
        #expect(v.number == nil)
        #expect(v.isGiven)
        #expect(v.raw == raw)
    }

    @Test func qualitativeDirectionFromTheWords() throws {
        #expect(try #require(parsed("保持稳定或持续改善")).form == .qualitative(.higher))
        #expect(try #require(parsed("持续下降")).form == .qualitative(.lower))
        #expect(try #require(parsed("完成上级规定的考核任务,且保持稳定或持续下降")).form == .qualitative(.lower))
        #expect(try #require(parsed("逐步提高")).form == .qualitative(.higher))
        #expect(try #require(parsed("逐年减少")).form == .qualitative(.lower))
    }

    @Test func conflictingDirectionWordsGiveNoDirection() {
        #expect(ValueParser.qualitativeDirection("能耗下降、效率提高") == nil)
        #expect(ValueParser.qualitativeDirection("实现零增长") == .lower)
    }

    // MARK: Redacted and not given

    @Test(arguments: ["(略)", "（略）"])
    func redacted(raw: String) throws {
        let v = try #require(parsed(raw))
        #expect(v.form == .redacted)
        #expect(v.number == nil)
        #expect(v.isGiven)
    }

    @Test(arguments: ["", "-", "/", "  ", "—"])
    func notGiven(raw: String) throws {
        let v = try #require(parsed(raw))
        #expect(v.form == .notGiven)
        #expect(!v.isGiven)
        #expect(v.number == nil)
    }

    // MARK: Full-width digits and unreadable numbers

    @Test func fullWidthDigits() throws {
        let v = try #require(parsed("９５％以上"))
        #expect(v.form == .comparison(.atLeast, 95))
        #expect(v.inlineUnit == "%")
        #expect(v.raw == "９５％以上")
        #expect(try #require(parsed("４８．１５")).form == .number(48.15))
        #expect(try #require(parsed("≤４２")).form == .comparison(.atMost, 42))
    }

    /// Statistical tables write thousands with commas; the text stays as written.
    @Test func thousandsSeparators() throws {
        let v = try #require(parsed("13,200"))
        #expect(v.form == .number(13200) && v.raw == "13,200")
        #expect(try #require(parsed("≤12,540.5")).form == .comparison(.atMost, 12540.5))
        #expect(try #require(parsed("1,200公里以上")).form == .comparison(.atLeast, 1200))
        if case .success(let odd) = ValueParser.parse("3,5") { Issue.record("'3,5' read as \(odd.form)") }
    }

    @Test(arguments: ["9５.x", "12abc34", "95.5.5", "1.2.3以上", "3,5", "12,34"])
    func unreadableNumericIsAFailure(raw: String) {
        switch ValueParser.parse(raw) {
        case .success(let v):
            Issue.record("'\(raw)' should be unreadable, parsed as \(v.form) unit \(v.inlineUnit ?? "nil")")
        case .failure(let f):
            #expect(f == .unreadable(raw))
        }
    }
}

/// Plain numbers skip the regular expressions; they must read exactly as through them.
@Suite struct ValueParserFastPathTests {
    @Test func plainNumbersReadAsThroughThePatterns() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "00.50", "95", "48.15", "-3", "1234567890123456789012", "0.000001", "5.", ".5", "-", "--1",
                     "1.2.3", "1-2", "95%", "３５", "1e5", "+5", " 7 ", "-.5", "0x10", "٣"]
        for _ in 0..<3000 {
            let digits = "0123456789"
            let whole = String((0..<Int.random(in: 1...6, using: &generator)).map { _ in digits.randomElement(using: &generator)! })
            let fraction = String((0..<Int.random(in: 0...4, using: &generator)).map { _ in digits.randomElement(using: &generator)! })
            texts.append((Bool.random(using: &generator) ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction))
        }
        var fast = 0
        for text in texts {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(ValueParser.parse(text) == ValueParser.parsePatterns(trimmed), "\(text)")
            if ValueParser.plainNumber(trimmed) != nil { fast += 1 }
        }
        #expect(fast >= 3000)
        #expect(ValueParser.plainNumber("5.") == nil && ValueParser.plainNumber(".5") == nil && ValueParser.plainNumber("３５") == nil)
    }
}

/// Each `ValueParser.Prefilter` test is a condition of its pattern: no text that the pattern
/// matches is turned away, for the values of the bundled indicator and observation tables
/// and for generated texts made of the pieces the patterns look for.
@Suite struct ValueParserPrefilterTests {
    @Test func noPrefilterTurnsAwayATextItsPatternMatches() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content")
        var texts: [String] = []
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".csv") } ?? []
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") { texts += line.split(separator: ",").map(String.init) }
        }
        let pieces = ["较", "2020", "年", "下降", "提高", "≥", "≤", ">", "<", "=", "≈", "-", "１", "٣", "5", "3.5", ".", "%",
                      "万吨", "以上", "以下", "左右", "~", "至", "(", "（", ")", "）", "注", " ", "\n", "\u{3000}", "△EQI", "达到",
                      "不低于", "控制在", "建立", "é", "\u{301}"]
        var generator = AnnotationParserDifferentialTests.Generator(state: 61)
        for _ in 0..<20_000 {
            // A third start as a change over a base year or a range does, to reach those patterns.
            var text = ["", "较2020年下降", "较2015年提高 ", "10-", "3.5~", "-2至", "下降", "削减 "][generator.chance(33) ? 1 + generator.below(7) : 0]
            for _ in 0..<(1 + generator.below(7)) { text += generator.pick(pieces) }
            texts.append(text)
        }
        var matched = [0, 0, 0, 0, 0, 0]
        for raw in texts {
            let text = ValueParser.normalise(raw.trimmingCharacters(in: .whitespacesAndNewlines))
            if ValueParser.match(ValueParser.changePattern, text) != nil {
                matched[0] += 1
                #expect(ValueParser.Prefilter.change(text), "\(text)")
            }
            if ValueParser.match(ValueParser.comparisonPattern, text) != nil {
                matched[1] += 1
                #expect(ValueParser.Prefilter.comparison(text), "\(text)")
            }
            if ValueParser.match(ValueParser.phrasedPattern, text) != nil {
                matched[2] += 1
                #expect(ValueParser.Prefilter.startsWithNumber(text[...]), "\(text)")
            }
            if ValueParser.match(ValueParser.rangePattern, text) != nil {
                matched[3] += 1
                #expect(ValueParser.Prefilter.startsWithNumber(text[...]), "\(text)")
            }
            if ValueParser.match(ValueParser.changeVerbPattern, text) != nil {
                matched[5] += 1
                #expect(ValueParser.Prefilter.changeVerb(text), "\(text)")
            }
            if text.range(of: ValueParser.trailingNotePattern, options: .regularExpression) != nil {
                matched[4] += 1
                #expect(ValueParser.Prefilter.trailingNote(text), "\(text)")
            }
        }
        // Every pattern matched many texts, so each condition was put to the test.
        #expect(matched.allSatisfy { $0 >= 50 }, "\(matched)")
    }
}

/// CSV cells are trimmed without Foundation when their ends are surely not white space.
@Suite struct CellTrimTests {
    @Test func trimmedEqualsFoundationTrimming() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "字", " ", "\u{3000}", "\t", "\n", "\r\n", "\u{00A0}", "\u{2003}", "\u{200B}", "\u{FEFF}", "。", "９", "é",
                      "\u{0301}", "\u{1680}", "\u{2028}", "\u{205F}", "\u{85}", "~", "\u{7F}"]
        var texts = ["", " ", "a", " a ", "字", "\u{3000}字\u{3000}"]
        for _ in 0..<5000 {
            texts.append((0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(ContentFiles.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
        }
        // Every scalar the fast path trusts is one Foundation does not trim.
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), ContentFiles.isSurelyNotSpace(scalar) else { continue }
            let text = String(scalar)
            #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == text, "U+\(String(value, radix: 16))")
        }
    }
}

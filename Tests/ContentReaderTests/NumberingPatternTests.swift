import Foundation
import Testing
@testable import ContentReader

/// `PlanStructureReader.NumberingPattern.match` reads chapter, section and task numbers scalar
/// by scalar. NSRegularExpression with the pattern's `pattern` did it before and defines it:
/// the same match or none, the same groups, for every line of the bundled plans and for many
/// generated texts built to probe the edges (digits of other scripts, more than three digits,
/// a digit after the mark, every kind of white space, combining marks after the mark).
@Suite struct NumberingPatternTests {
    typealias Pattern = PlanStructureReader.NumberingPattern
    static let patterns: [(String, Pattern)] = [("chapter", PlanStructureReader.chapterPattern),
                                                 ("section", PlanStructureReader.sectionPattern),
                                                 ("task", PlanStructureReader.taskPattern)]

    /// What the reader did before: NSRegularExpression over the whole text.
    static func regexMatch(_ regex: NSRegularExpression, _ text: String) -> [String]? {
        guard let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
    }

    static func compare(_ texts: [String]) -> (compared: Int, matched: Int) {
        var matched = 0
        for (name, pattern) in patterns {
            let regex = try! NSRegularExpression(pattern: pattern.pattern, options: [.dotMatchesLineSeparators])
            for text in texts {
                let expected = regexMatch(regex, text)
                let actual = pattern.match(text)
                #expect(actual == expected, "\(name) pattern on \(text.unicodeScalars.map { String($0.value, radix: 16) })")
                if expected != nil { matched += 1 }
            }
        }
        return (texts.count * patterns.count, matched)
    }

    @Test func agreesWithTheRegexOnEveryLineOfTheBundledPlans() throws {
        let plans = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Content/plans")
        var lines: [String] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: plans.path) {
            let text = try String(contentsOf: plans.appendingPathComponent("\(folder)/plan.md"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                // As a block's text: without the Markdown heading marks.
                lines.append(String(line))
                lines.append(String(line.drop { $0 == "#" || $0 == " " }))
            }
        }
        let (compared, matched) = Self.compare(lines)
        #expect(compared > 1_000)
        #expect(matched > 100)   // real chapters, sections and tasks among them
    }

    @Test func agreesWithTheRegexOnGeneratedTexts() {
        var generator = AnnotationParserDifferentialTests.Generator(state: 20261124)
        let pieces = ["1", "2", "9", "0", "12", "123", "1234", "１", "９", "٣", "𝟙", "߁", ".", "．", "、", ",", "。",
                      "(", "（", ")", "）", "一", "十", "百", "零", "〇", "二十", "十一", "千", " ", "  ", "\t", "\u{0B}",
                      "\u{0C}", "\r", "\u{85}", "\u{A0}", "\u{3000}", "\u{2028}", "\u{200B}", "\n", "a", "汉", "推进治理",
                      "\u{301}", "\u{20DD}", "e\u{301}", "é", "😀", "\u{FEFF}"]
        // Half of the texts start as a number does, most of those with a closing mark after it,
        // so that many get past the number and the mark.
        let starts = ["1", "12", "123", "１", "一", "二十", "（一", "(十", "(", "（二十"]
        var texts: [String] = []
        for _ in 0..<30_000 {
            var text = generator.chance(50) ? generator.pick(starts) : ""
            if !text.isEmpty && generator.chance(70) { text += generator.pick([".", "．", "、", ")", "）"]) }
            for _ in 0..<generator.below(9) { text += generator.pick(pieces) }
            texts.append(text)
        }
        let (_, matched) = Self.compare(texts)
        #expect(matched > 3_000)   // the generated texts reach the matching paths, not only the early exits
    }
}

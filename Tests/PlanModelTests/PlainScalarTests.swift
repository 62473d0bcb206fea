import Foundation
import Testing
@testable import PlanModel

/// `prefix(charactersOtherThanLineFeeds:)` counts on UTF-8 bytes where the text allows it; it
/// must cut exactly where counting Characters cuts.
@Suite struct PlainScalarTests {
    static let pieces = ["推进", "污水", "\n", "\r\n", "\r", "e\u{0301}", "\u{0301}", "👩‍👩‍👧", "🇨🇳", "a", " ", "\n\n", "。",
                         "가", "\u{1100}\u{1161}", "か\u{3099}", "\u{200D}", "①", "—", "\u{0600}", "ﾊﾞ", "\u{FE0F}", "Ⅻ"]

    @Test func bytePrefixEqualsCharacterPrefix() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["", "短", String(repeating: "\n", count: 50), String(repeating: "字", count: 20) + "\n\n\n",
                     String(repeating: "字", count: 19) + "e\u{0301}", String(repeating: "字", count: 20) + "\u{0301}x"]
        for _ in 0..<5000 {
            let length = Int.random(in: 0...60, using: &generator)
            // Mostly plain text (the fast path), sometimes one odd piece anywhere.
            texts.append((0..<length).map { _ in
                Int.random(in: 0..<10, using: &generator) == 0 ? Self.pieces.randomElement(using: &generator)!
                    : ["推进", "污水", "\n", "a", "。", "①"].randomElement(using: &generator)!
            }.joined())
        }
        for text in texts {
            for count in [0, 1, 5, 20, 40] {
                #expect(text.prefix(charactersOtherThanLineFeeds: count) == text.characterPrefix(otherThanLineFeeds: count),
                        "\(text.debugDescription) \(count)")
            }
        }
    }

    /// Every BMP scalar the test calls plain is a Character of its own beside ordinary text on
    /// either side (so it neither extends what comes before nor is a prepend mark).
    @Test func plainScalarsAreCharactersOfTheirOwn() {
        var plain = 0
        for value in UInt32(0x20)...0xFFFD {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            guard Array(text.utf8).withUnsafeBufferPointer({ PlainScalar.at($0, 0) }) else { continue }
            plain += 1
            for other in ["a", "字", "。", "é"] {
                #expect((other + text).count == 2, "\(other) + U+\(String(value, radix: 16))")
                #expect((text + other).count == 2, "U+\(String(value, radix: 16)) + \(other)")
            }
        }
        #expect(plain > 20_000)
        for odd in ["\u{0301}", "\r", "\n", "\u{302A}", "\u{3099}", "\u{200D}", "\u{0600}", "가", "👩"] {
            #expect(Array(odd.utf8).withUnsafeBufferPointer { !PlainScalar.at($0, 0) }, "\(odd.debugDescription)")
        }
    }
}

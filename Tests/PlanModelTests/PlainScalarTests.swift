import Foundation
import Testing
@testable import PlanModel

/// `PlainScalar`: the scalars that are a Character of their own (the commitment extractor
/// counts on bytes through them).
@Suite struct PlainScalarTests {
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

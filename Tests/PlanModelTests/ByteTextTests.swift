import Foundation
import PlanModel
import Testing
import TestSupport

/// `replacingBytes` against Foundation's `replacingOccurrences`, which it replaced, on text
/// where both must agree, and on the one case where they differ on purpose.
@Suite struct ByteTextTests {
    @Test func agreesWithFoundationOnOrdinaryText() {
        let texts = ["", "\n", "a\nb", "\n\n规划\n", "no line feed", "到2025年，\n全市PM2.5\n控制在35以内。", "a\r\nb\rc",
                     "<h4 id=\"c2-s1-t1\">1. 标题</h4>", "id=\"x\" id=\"x\"", "👩‍👩‍👧\n😀", "x id=\"t1\"y id=\"t11\""]
        let pairs = [("\n", ""), ("\r\n", "\n"), ("\r", "\n"), (" id=\"c2-s1-t1\"", ""), ("id=\"x\"", "I"), (" id=\"t1\"", "")]
        for text in texts {
            for (needle, replacement) in pairs {
                #expect(text.replacingBytes(of: needle, with: replacement) == text.replacingOccurrences(of: needle, with: replacement),
                        "\(text.debugDescription) \(needle.debugDescription)")
            }
            #expect(text.removingLineFeeds == text.replacingOccurrences(of: "\n", with: ""))
        }
    }

    @Test func replacesEveryOccurrenceWithoutOverlap() {
        #expect("aaaa".replacingBytes(of: "aa", with: "b") == "bb")
        #expect("aaa".replacingBytes(of: "aa", with: "b") == "ba")
        #expect("abc".replacingBytes(of: "", with: "x") == "abc")
        #expect("规划规划".replacingBytes(of: "规划", with: "计划") == "计划计划")
    }

    /// A line feed followed by a combining mark is one grapheme cluster: Foundation does not
    /// find "\n" in it; bytes do, so the line feed goes like every other.
    @Test func lineFeedBeforeCombiningMarkIsRemovedToo() {
        #expect("a\n\u{301}b".removingLineFeeds == "a\u{301}b")
    }
}

/// The `memchr` search against the byte loop it replaced (kept here as the reference), for
/// every start offset of many generated haystacks and needles over a small alphabet (so that
/// partial matches, overlaps and matches at both ends are frequent).
@Suite struct ByteSearchTests {
    /// `ByteSearch.firstIndex` as it was before `memchr`.
    static func reference(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let head = needle.first else { return nil }
        var i = max(from, 0)
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == head {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    @Test func bufferSearchAgreesWithTheGenericLoop() {
        var generator = SplitMix(state: 9)
        var found = 0
        for _ in 0..<3_000 {
            let haystack = (0..<generator.below(40)).map { _ in [UInt8(ascii: "a"), UInt8(ascii: "b"), 0, 0xE5][generator.below(4)] }
            let needle = (0..<(1 + generator.below(4))).map { _ in [UInt8(ascii: "a"), UInt8(ascii: "b"), 0, 0xE5][generator.below(4)] }
            haystack.withUnsafeBufferPointer { buffer in
                for from in 0...(haystack.count + 1) {
                    let expected = Self.reference(needle, in: haystack, from: from)
                    #expect(ByteSearch.firstIndex(of: needle, in: buffer, from: from) == expected)
                    if expected != nil { found += 1 }
                }
            }
        }
        #expect(found > 1_000)
        #expect([UInt8]().withUnsafeBufferPointer { ByteSearch.firstIndex(of: [1], in: $0, from: 0) } == nil)
    }
}


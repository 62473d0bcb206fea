import Foundation
import Testing
@testable import Charts

@Suite struct SVGTextTests {
    @Test func escapesMarkupCharacters() {
        #expect(SVGText.escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&#39;")
        #expect(SVGText.escape("PM2.5 < 35 & ≥ 95%") == "PM2.5 &lt; 35 &amp; ≥ 95%")
        #expect(SVGText.escape("湖州市生态环境局") == "湖州市生态环境局")
        // An already escaped text is escaped again, not passed through.
        #expect(SVGText.escape("&lt;") == "&amp;lt;")
    }

    @Test func dropsControlCharactersButKeepsNewlineAndTab() {
        #expect(SVGText.escape("a\u{1}b\u{7}c\u{1B}d") == "abcd")
        #expect(SVGText.escape("a\nb\tc") == "a\nb\tc")
        #expect(SVGText.escape("\u{0}") == "")
    }

    @Test func dropsNoncharactersThatXMLForbids() {
        // XML 1.0 allows neither U+FFFE nor U+FFFF; a label containing them must not break the SVG.
        #expect(SVGText.escape("a\u{FFFE}b\u{FFFF}c") == "abc")
    }

    @Test func fixedAgreesWithPrintf() {
        // The direct formatting against C's vsnprintf: chart-sized values, values on or near
        // rounding ties (0.125, 2.675, 1.005), negatives, zeros and large values.
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.125, 10, 100, 1000.5, 0.1, 0.01, 20.05, -10, -0.1, 7e-7, 1.000001, 2.675, 1.005, 0.5, 1.5, 2.5, -0.004, -2.5, 0.045, 1e14 + 0.5, 123456789.125,
                                99.995, 0.1 + 0.2, 48.15, -1e-9, 1e15, 3.999999999]
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -3...9, using: &generator)
            let value = Double.random(in: -1...1, using: &generator) * pow(10, magnitude)
            values.append(value)
            values.append((value * 1000).rounded() / 1000)   // three decimals, where ties are common
            values.append((value * 8).rounded() / 8)         // exact binary ties
        }
        var fast = 0
        for value in values {
            for digits in 0...6 {
                #expect(SVGText.fixed(value, digits: digits) == SVGText.printfFixed(value, digits: digits), "\(value) \(digits)")
                #expect(SVGText.number(value, digits: digits) == SVGText.trimmed(SVGText.printfFixed(value, digits: digits)), "\(value) \(digits)")
                if SVGText.fastFixed(value, digits: digits) != nil { fast += 1 }
            }
        }
        #expect(fast > values.count * 5)  // the direct path is the common one
    }

    @Test func numbersAreFormattedWithoutLocaleOrTrailingZeros() {
        #expect(SVGText.number(1.5) == "1.5")
        #expect(SVGText.number(2) == "2")
        #expect(SVGText.number(10) == "10")
        #expect(SVGText.number(100) == "100")
        #expect(SVGText.number(1.234) == "1.23")
        #expect(SVGText.number(1.10, digits: 3) == "1.1")
        #expect(SVGText.number(0.1 + 0.2) == "0.3")
        #expect(SVGText.number(-1.5) == "-1.5")
        #expect(SVGText.number(2.6, digits: 0) == "3")
        // No grouping separator, a dot as decimal separator.
        #expect(SVGText.number(1234567.891) == "1234567.89")
    }

    /// `fixed` (vsnprintf) gives the digits of Foundation's `String(format:)`, which it replaced.
    @Test func fixedAgreesWithStringFormat() {
        var values: [Double] = [0, -0.0, 0.005, 0.015, 1.005, 2.675, 0.125, 0.375, -0.0001, 1e20, -1e21, 123456789.125,
                                .ulpOfOne, .leastNormalMagnitude, 1e300, -1e300, 35, 26.5, 95.45]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let mantissa = Double(state >> 11) / Double(1 << 53)
            let exponent = Int(state % 13) - 4
            values.append((state & 1 == 0 ? 1 : -1) * mantissa * pow(10, Double(exponent)))
        }
        for value in values {
            for digits in [0, 1, 2, 3] {
                #expect(SVGText.fixed(value, digits: digits) == String(format: "%.\(digits)f", value), "\(value) \(digits)")
            }
        }
    }

    @Test func negativeZeroIsZero() {
        #expect(SVGText.number(-0.0) == "0")
        #expect(SVGText.number(-0.001) == "0")
        #expect(SVGText.number(-0.004, digits: 2) == "0")
        #expect(SVGText.number(-0.4, digits: 0) == "0")
    }

    @Test func nonFiniteNumbersAreZero() {
        #expect(SVGText.number(.nan) == "0")
        #expect(SVGText.number(.infinity) == "0")
        #expect(SVGText.number(-.infinity) == "0")
    }

    @Test func widthCountsWideCharactersAsOne() {
        #expect(SVGText.width("") == 0)
        #expect(SVGText.width("生态环境") == 4)
        #expect(abs(SVGText.width("PM2.5") - 2.75) < 1e-9)
        #expect(abs(SVGText.width("PM2.5浓度") - 4.75) < 1e-9)
        #expect(SVGText.width("ＰＭ") == 2)     // full-width Latin
        #expect(SVGText.width("，。") == 2)     // CJK punctuation
    }

    @Test func fitShortensLongNamesWithAnEllipsis() {
        let name = "湖州市发展和改革委员会南太湖新区分局"   // 18 characters
        let shown = SVGText.fit(name, maxWidth: 12.5)
        #expect(shown == "湖州市发展和改革委员会…")
        #expect(SVGText.width(shown) <= 12.5)
        #expect(shown.hasSuffix("…"))
        #expect(name.hasPrefix(String(shown.dropLast())))
    }

    @Test func fitRespectsTheWidthForLatinText() {
        let shown = SVGText.fit("Environment Bureau of Huzhou", maxWidth: 6)
        #expect(shown == "Environme…")
        #expect(SVGText.width(shown) <= 6)
    }

    @Test func fitKeepsTextThatFits() {
        #expect(SVGText.fit("市科技局", maxWidth: 12.5) == "市科技局")
        #expect(SVGText.fit("一二三", maxWidth: 3) == "一二三")
        #expect(SVGText.fit("", maxWidth: 1) == "")
    }

    @Test func fitAlwaysRespectsTheWidth() {
        for maxWidth in stride(from: 2.0, through: 20, by: 0.5) {
            for text in ["湖州市发展和改革委员会南太湖新区分局", "PM2.5年均浓度(微克/立方米)控制目标", "abcdefghijklmnopqrstuvwxyz"] {
                let shown = SVGText.fit(text, maxWidth: maxWidth)
                #expect(SVGText.width(shown) <= maxWidth, "\(text) at \(maxWidth): \(shown)")
            }
        }
    }

    @Test func wrapSplitsIntoLinesAndShortensTheLast() {
        #expect(SVGText.wrap("一二三四五六七八九十", maxWidth: 4, maxLines: 3) == ["一二三四", "五六七八", "九十"])
        #expect(SVGText.wrap("一二三四五六七八九十", maxWidth: 4, maxLines: 2) == ["一二三四", "五六七…"])
        #expect(SVGText.wrap("短", maxWidth: 4, maxLines: 2) == ["短"])
        #expect(SVGText.wrap("", maxWidth: 4, maxLines: 2) == [])
    }

    @Test func wrappedLinesRespectTheWidth() {
        let text = "湖州市生态环境局会同市发展和改革委员会、市经济和信息化局推进PM2.5和臭氧协同控制"
        for lines in [1, 2, 3, 10] {
            let wrapped = SVGText.wrap(text, maxWidth: 8, maxLines: lines)
            #expect(wrapped.count <= lines)
            #expect(wrapped.allSatisfy { SVGText.width($0) <= 8 }, "\(wrapped)")
        }
        // Without a limit that bites, nothing is lost.
        #expect(SVGText.wrap(text, maxWidth: 8, maxLines: 10).joined() == text)
    }
}

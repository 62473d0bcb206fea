import Foundation
import Testing
@testable import Linking

/// NameMatcher must answer exactly as Foundation's `String.contains` (issue 6 replaced one by
/// the other in the linker for speed).
@Suite struct NameMatcherTests {
    static let texts = [
        "到2025年,全市PM2.5年均浓度控制在30微克/立方米以内,空气质量优良天数比率达到90%以上。",
        "推进森林覆盖率稳定提升（牵头单位：市林业局）",
        "",
        "森林",
        "Cafe\u{301} au lait, café noir",            // decomposed and precomposed é
        "\u{F900} and \u{8C48}",                      // U+F900 and its canonical equivalent U+8C48
        "\u{2126} ohm sign, \u{03A9} omega",           // U+2126 and U+03A9
        "line one\r\nline two",
        "a\u{20DD} enclosed",
        "湿地保护率👩‍👩‍👧达到60%",
    ]
    static let names = [
        "PM2.5年均浓度", "空气质量优良天数比率", "森林覆盖率", "湿地保护率", "森林", "全市PM",
        "café", "Cafe\u{301}", "\u{F900} and", "\u{8C48} and", "\u{03A9} ohm", "\u{2126} omega", "one\r", "\nline", "a enclosed", "a\u{20DD}",
        "年均浓度控制在30微克", "不存在的指标名称",
    ]

    @Test func answersAsFoundationContains() {
        let matcher = NameMatcher(Self.names)
        for text in Self.texts {
            let found = matcher.matches(in: text)
            for (i, name) in Self.names.enumerated() {
                #expect(found[i] == text.contains(name), "\(name) in \(text)")
            }
        }
    }

    @Test func plainCharacters() {
        #expect(NameMatcher.isPlain("到2025年,全市PM2.5年均浓度（≥90%）“两山”〔31.79〕Ⅲ类★"))
        #expect(!NameMatcher.isPlain("Cafe\u{301}"))
        #expect(!NameMatcher.isPlain("\u{F900}"))
        #expect(!NameMatcher.isPlain("a\r\nb"))
    }
}

import Foundation
import Testing
import TestSupport
import PlanModel
@testable import ContentReader

/// `AnnotationParser.scan` on many generated texts: every annotation's raw text stands at its
/// offset, every name at its offset, keyed groups are always read, and nothing is both found
/// and unreadable.
@Suite struct AnnotationParserGeneratedTests {
    typealias Generator = SplitMix

    static let names = ["市经信委", "环保局", "市发改委", "县(市、区)生态环境分局", "区农业农村委", "各街镇", "市交通委科技信息处",
                        "国网某某供电公司", "EQI", "2020年", "e\u{301}", "\u{E010}局"]
    static let pieces = ["(", ")", "（", "）", ":", "：", " ", "　", "、", "，", ",", "/", ";", "；", "。", "\n", "\r\n",
                         "牵头", "配合", "负责", "按职责分工负责", "单位", "推进", "试行", "👍🏽", "\u{301}"]

    static func group(_ g: inout Generator) -> String {
        var s = g.pick(["(", "（"])
        switch g.below(3) {
        case 0: s += g.pick(AnnotationParser.allKeys) + g.pick([":", "：", ""])
        case 1: break
        default: s += g.pick(["由", ""])
        }
        for n in 0..<(1 + g.below(3)) {
            if n > 0 { s += g.pick(["、", "，", ",", "；"]) }
            s += g.pick(names)
            if g.chance(40) { s += g.pick(AnnotationParser.leadPhrases + AnnotationParser.coPhrases) }
        }
        if g.chance(85) { s += g.pick([")", "）"]) }
        return s
    }

    /// The scalars of `text` stand at scalar offset `offset` (compared as scalars: as Strings a
    /// combining mark after a bracket would make another Character of it).
    static func stands(_ text: String, at offset: Int, in chars: [Unicode.Scalar]) -> Bool {
        let s = Array(text.unicodeScalars)
        return offset >= 0 && offset + s.count <= chars.count && Array(chars[offset..<(offset + s.count)]) == s
    }

    @Test func offsetsPointAtWhatIsReported() {
        var g = Generator(state: 22)
        var forms: Set<AnnotationParser.Form> = []
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<g.below(12) { text += g.chance(40) ? Self.group(&g) : g.pick(Self.pieces) }
            let chars = Array(text.unicodeScalars)
            let (found, unreadable) = AnnotationParser.scan(text)
            for f in found {
                forms.insert(f.form)
                #expect(Self.stands(f.raw, at: f.offset, in: chars), "\(text.debugDescription)")
                for entry in f.lists.joined() {
                    #expect(Self.stands(entry.name, at: entry.offset, in: chars), "\(entry.name) in \(text.debugDescription)")
                }
            }
            for u in unreadable {
                #expect(Self.stands(u.raw, at: u.offset, in: chars))
                #expect(!found.contains { $0.offset == u.offset })
            }
        }
        #expect(forms == [.keyed, .phrased, .bare], "the generator reaches every form")
    }
}

/// The generator under the name ValueParserTests uses.
enum AnnotationParserDifferentialTests {
    typealias Generator = AnnotationParserGeneratedTests.Generator
}

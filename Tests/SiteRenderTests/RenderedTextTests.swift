import Foundation
import Mustache
import Testing
@testable import SiteRender

/// Views hand strings to swift-mustache as `RenderedText` (faster to render); template
/// authors must not see any difference from a plain String.
@Suite struct RenderedTextTests {
    @Test func rendersExactlyAsAString() throws {
        let template = try MustacheTemplate(string: """
            [{{s}}][{{{s}}}][{{#s}}in:{{.}}{{/s}}][{{^s}}none{{/s}}][{{uppercased(s)}}][{{lowercased(s)}}]\
            [{{capitalized(s)}}][{{reversed(s)}}][{{empty(s)}}][{{#empty(s)}}E{{/empty(s)}}]
            """)
        for text in ["", "a<b & \"c\"", "规划 Plan", "x"] {
            let plain = template.render(["s": text])
            let wrapped = template.render(["s": RenderedText(renderText: text)])
            #expect(plain == wrapped, "\(text)")
        }
        // The wrapping really happens in the views.
        let chip = DepartmentChip(name: "市环保局", url: "d.html", written: "环保局", differs: true)
        #expect(chip.child(named: "name") is RenderedText)
        #expect(chip.child(named: "differs") as? Bool == true)
        let segment = SegmentView(unit: nil, html: "<p>")
        #expect(segment.child(named: "unit") == nil)
    }
}

/// A value and its unit as pages show them: the unit goes where it is read, before a closing
/// word such as 以上, and never between a comparator's words and the number.
@Suite struct UnitStyleTests {
    @Test func theUnitGoesBeforeAClosingWord() {
        #expect(UnitStyle.join("61.5以上", "%") == "61.5%以上")
        #expect(UnitStyle.join("25以下", "μg/m3") == "25\u{00A0}微克/立方米以下")
        #expect(UnitStyle.join("6左右", "%") == "6%左右")
        #expect(UnitStyle.join("≥92", "%") == "≥92%")
        #expect(UnitStyle.join("1.32", "万吨") == "1.32\u{00A0}万吨")
        #expect(UnitStyle.join("以上", "%") == "以上%", "no number: nothing to move")
    }
}

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

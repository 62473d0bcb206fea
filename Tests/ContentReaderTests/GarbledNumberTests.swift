import Foundation
import Testing
import PlanModel
@testable import ContentReader

/// A private-use character inside a number (huzhou-2018: `湿地面积不低于4\u{E010}78万公顷`,
/// `年用水总量控制在19\u{E010}7亿立方米以内`): read as a number only where the content declares
/// what the character stands for; otherwise left as written, with a warning.
@Suite struct GarbledNumberTests {
    let wetland = "不低于4\u{E010}78万公顷"
    let waterUse = "控制在19\u{E010}7亿立方米以内"
    let declared: [Unicode.Scalar: String] = ["\u{E010}": "."]

    @Test func aDeclaredCharacterIsReadAsItsReading() throws {
        let v = try ValueParser.parse(wetland, garbled: declared).get()
        #expect(v.form == .comparison(.atLeast, 4.78))
        #expect(v.inlineUnit == "万公顷")
        #expect(v.raw == "不低于4.78万公顷")
        #expect(v.repair?.written == wetland)
        #expect(v.repair?.note == "原文“4”与“78”之间为一个乱码字符，编者按小数点读作4.78。")

        let w = try ValueParser.parse(waterUse, garbled: declared).get()
        #expect(w.form == .comparison(.atMost, 19.7))
        #expect(w.inlineUnit == "亿立方米")
        #expect(w.repair?.note == "原文“19”与“7”之间为一个乱码字符，编者按小数点读作19.7。")
    }

    @Test func anUndeclaredCharacterIsNotGuessed() throws {
        let v = try ValueParser.parse(wetland).get()
        #expect(v.number == nil)
        #expect(v.repair == nil)
        #expect(v.raw == wetland)
        // Declaring another character does not read this one.
        let other = try ValueParser.parse(wetland, garbled: ["\u{E011}": "."]).get()
        #expect(other.number == nil)
    }

    @Test func theDamageIsFoundOnlyBetweenDigits() {
        #expect(ValueParser.damagedNumber(in: wetland) == .init(scalar: "\u{E010}", before: "4", after: "78"))
        #expect(ValueParser.damagedNumber(in: "达到12\u{F8FF}345") == .init(scalar: "\u{F8FF}", before: "12", after: "345"))
        #expect(ValueParser.damagedNumber(in: "湿地\u{E010}面积") == nil)
        #expect(ValueParser.damagedNumber(in: "\u{E010}78") == nil)
        #expect(ValueParser.damagedNumber(in: "4.78") == nil)
        // Outside U+E000…U+F8FF a character between digits is not this kind of damage.
        #expect(ValueParser.damagedNumber(in: "4\u{FFFD}78") == nil)
    }

    @Test func theDeclarationIsRead() {
        #expect(ValueParser.garbledReadings("") == [:])
        #expect(ValueParser.garbledReadings("U+E010=.") == ["\u{E010}": "."])
        #expect(ValueParser.garbledReadings("u+e010 = . ; U+E011=,") == ["\u{E010}": ".", "\u{E011}": ","])
        #expect(ValueParser.garbledReadings("E010=.") == nil)
        #expect(ValueParser.garbledReadings("U+0041=.") == nil, "not a private-use character")
        #expect(ValueParser.garbledReadings("U+E010=") == nil)
        #expect(ValueParser.garbledReadings("U+E010") == nil)
    }

    /// Through the content reader, as `plansite check` reads a plan's indicators.csv.
    @Test func theReaderWarnsUnlessTheRowDeclaresTheDamage() throws {
        let (content, diagnostics) = ContentLoader.load(from: try Fixture.root("garbled"))
        let warnings = diagnostics.filter { $0.code == "garbled-number" }
        try #require(warnings.count == 1, "\(diagnostics)")
        #expect(warnings[0].severity == .warning)
        #expect(warnings[0].location.path.hasSuffix("undeclared/indicators.csv"))
        #expect(warnings[0].message.contains("U+E010"))
        #expect(diagnostics.filter { $0.severity == .error }.isEmpty, "\(diagnostics)")

        let declaredTarget = try #require(content?.plan("declared")?.indicators.first?.targets.first)
        #expect(declaredTarget.value.form == .comparison(.atLeast, 4.78))
        #expect(declaredTarget.value.repair?.written == wetland)
        let undeclaredTarget = try #require(content?.plan("undeclared")?.indicators.first?.targets.first)
        #expect(undeclaredTarget.value.number == nil)
    }
}

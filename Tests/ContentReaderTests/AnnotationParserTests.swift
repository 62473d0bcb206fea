import Testing
import PlanModel
@testable import ContentReader

@Suite struct AnnotationParserTests {
    typealias Name = (name: String, role: AssignmentRole, offset: Int)

    func names(_ list: [Name]) -> [String] { list.map(\.name) }
    func roles(_ list: [Name]) -> [AssignmentRole] { list.map(\.role) }

    /// The text at `offset` in `text` starts with `name`: offsets point at the names as written.
    func expectOffsets(_ found: AnnotationParser.Found, in text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let chars = Array(text)
        #expect(found.offset < chars.count && String(chars[found.offset...]).hasPrefix(found.raw), sourceLocation: sourceLocation)
        for list in found.lists {
            for entry in list {
                let start = entry.offset
                let ok = start >= 0 && start < chars.count && String(chars[start...]).hasPrefix(entry.name)
                #expect(ok, "offset \(start) of '\(entry.name)' does not point at the name", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func leadAndCoInOrder() throws {
        let text = "(牵头单位:市经信委、环保局;责任单位:市发改委、科技局、公安局)"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        let a = found[0]
        #expect(a.raw == text)
        #expect(a.offset == 0)
        try #require(a.lists.count == 2)
        #expect(names(a.lists[0]) == ["市经信委", "环保局"])
        #expect(roles(a.lists[0]) == [.lead, .lead])
        #expect(names(a.lists[1]) == ["市发改委", "科技局", "公安局"])
        #expect(roles(a.lists[1]) == [.co, .co, .co])
        expectOffsets(a, in: text)
        // 市经信委 starts right after "(牵头单位:" (6 characters).
        #expect(a.lists[0][0].offset == 6)
    }

    @Test func fullWidthBracketsAndColonOnlyResponsible() throws {
        let text = "（责任单位：市委办、组织部、生态环境分局）"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        try #require(found[0].lists.count == 1)
        #expect(names(found[0].lists[0]) == ["市委办", "组织部", "生态环境分局"])
        // No lead is invented when only 责任单位 is given.
        #expect(roles(found[0].lists[0]) == [.co, .co, .co])
        expectOffsets(found[0], in: text)
    }

    @Test func mixedSeparators() throws {
        let text = "（牵头单位：市发改委，市经信委；责任单位：市财政局,市环保局/市水利局、市林业局）"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        try #require(found[0].lists.count == 2)
        #expect(names(found[0].lists[0]) == ["市发改委", "市经信委"])
        #expect(roles(found[0].lists[0]) == [.lead, .lead])
        #expect(names(found[0].lists[1]) == ["市财政局", "市环保局", "市水利局", "市林业局"])
        expectOffsets(found[0], in: text)
    }

    @Test func otherKeysAreLeadOrCo() throws {
        let text = "(牵头部门:市发改委;配合单位:市科技局;参与单位:市公安局;协同单位:市财政局;责任部门:市农业局)"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        #expect(found[0].lists.map(names) == [["市发改委"], ["市科技局"], ["市公安局"], ["市财政局"], ["市农业局"]])
        #expect(found[0].lists.map(roles) == [[.lead], [.co], [.co], [.co], [.co]])
    }

    @Test func nestedBracketsStayInTheName() throws {
        let text = "(责任单位:县(市、区)生态环境分局、市发改委)"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        #expect(found[0].raw == text)
        try #require(found[0].lists.count == 1)
        #expect(names(found[0].lists[0]) == ["县(市、区)生态环境分局", "市发改委"])
        expectOffsets(found[0], in: text)
    }

    @Test func textAroundTheAnnotation() throws {
        let text = "加强饮用水源保护。(责任单位:市环保局、市水利局)后续文字。"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        #expect(found[0].raw == "(责任单位:市环保局、市水利局)")
        #expect(found[0].offset == 9)
        #expect(found[0].lists.map(names) == [["市环保局", "市水利局"]])
        expectOffsets(found[0], in: text)
    }

    @Test func twoAnnotationsInOneText() throws {
        let text = "淘汰落后产能(牵头单位:市经信委)。推进清洁生产（责任单位：市环保局）。"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 2)
        #expect(found[0].raw == "(牵头单位:市经信委)")
        #expect(found[1].raw == "（责任单位：市环保局）")
        #expect(found[0].offset < found[1].offset)
        #expect(found[0].lists.map(names) == [["市经信委"]])
        #expect(found[0].lists.map(roles) == [[.lead]])
        #expect(found[1].lists.map(names) == [["市环保局"]])
        #expect(found[1].lists.map(roles) == [[.co]])
        for f in found { expectOffsets(f, in: text) }
    }

    @Test func keyWithoutNamesGivesEmptyLists() throws {
        let found = AnnotationParser.find(in: "(责任单位:)")
        try #require(found.count == 1)
        #expect(found[0].lists.allSatisfy { $0.isEmpty })
    }

    @Test func bracketsThatAreNotAnnotationsAreIgnored() {
        #expect(AnnotationParser.find(in: "(一)指导思想").isEmpty)
        #expect(AnnotationParser.find(in: "生态环境质量(EQI)保持稳定(注:按2015年口径)").isEmpty)
        #expect(AnnotationParser.find(in: "责任单位:市环保局").isEmpty)  // no brackets
        #expect(AnnotationParser.find(in: "").isEmpty)
    }

    @Test func nonAnnotationBracketBeforeAnAnnotation() throws {
        let text = "(一)强化监管(责任单位:市环保局)"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        #expect(found[0].raw == "(责任单位:市环保局)")
        #expect(found[0].offset == 7)
    }

    @Test func spacesAroundNamesAreDropped() throws {
        let found = AnnotationParser.find(in: "(责任单位: 市环保局 、 市水利局 )")
        try #require(found.count == 1)
        #expect(found[0].lists.map(names) == [["市环保局", "市水利局"]])
    }
}

import Testing
import PlanModel
@testable import ContentReader

@Suite struct AnnotationParserTests {
    typealias Name = (name: String, role: AssignmentRole, offset: Int)

    func names(_ list: [Name]) -> [String] { list.map(\.name) }
    func roles(_ list: [Name]) -> [AssignmentRole] { list.map(\.role) }

    /// The text at `offset` in `text` starts with `name`: offsets point at the names as written.
    func expectOffsets(_ found: AnnotationParser.Found, in text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let chars = Array(text.unicodeScalars)
        #expect(found.offset < chars.count && String(String.UnicodeScalarView(chars[found.offset...])).hasPrefix(found.raw), sourceLocation: sourceLocation)
        for list in found.lists {
            for entry in list {
                let start = entry.offset
                let ok = start >= 0 && start < chars.count && String(String.UnicodeScalarView(chars[start...])).hasPrefix(entry.name)
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
        #expect(AnnotationParser.find(in: "明确责任单位:市环保局").isEmpty)  // no brackets, and the key does not start the line
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

    // MARK: forms without a key

    @Test func leadPhraseAndCoPhrase() throws {
        let text = "推进农业面源污染治理。(区农业农村委、区规划资源局、区生态环境局牵头，各街镇、开发区配合实施)"
        let (found, unreadable) = AnnotationParser.scan(text)
        try #require(found.count == 1)
        #expect(unreadable.isEmpty)
        #expect(found[0].form == .phrased)
        #expect(found[0].lists.map(names) == [["区农业农村委", "区规划资源局", "区生态环境局"], ["各街镇", "开发区"]])
        #expect(found[0].lists.map(roles) == [[.lead, .lead, .lead], [.co, .co]])
        expectOffsets(found[0], in: text)
    }

    @Test func halfWidthCommaBetweenClauses() throws {
        let found = AnnotationParser.find(in: "(区农业农村委牵头,区规划资源局配合)")
        try #require(found.count == 1)
        #expect(found[0].lists.map(names) == [["区农业农村委"], ["区规划资源局"]])
        #expect(found[0].lists.map(roles) == [[.lead], [.co]])
    }

    @Test func dividedResponsibilityHasNoLead() throws {
        let found = AnnotationParser.find(in: "实行河长制。（区生态环境局、区农业农村委、区水务局按职责分工负责）")
        try #require(found.count == 1)
        #expect(found[0].lists.map(names) == [["区生态环境局", "区农业农村委", "区水务局"]])
        #expect(found[0].lists.map(roles) == [[.co, .co, .co]])
    }

    @Test func leadingYouIsNotPartOfTheName() throws {
        let found = AnnotationParser.find(in: "(由市交通委科技信息处牵头负责，国网某某供电公司、各区县配合)")
        try #require(found.count == 1)
        #expect(found[0].lists.map(names) == [["市交通委科技信息处"], ["国网某某供电公司", "各区县"]])
        #expect(found[0].lists.map(roles) == [[.lead], [.co, .co]])
    }

    @Test func bareNamesCloseAParagraph() throws {
        let text = "建设高标准农田1.2万亩。(区农业农村委)"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        #expect(found[0].form == .bare)
        #expect(found[0].lists.map(names) == [["区农业农村委"]])
        #expect(found[0].lists.map(roles) == [[.co]])
        expectOffsets(found[0], in: text)
        // In the middle of a sentence a bracketed name is text, not an annotation.
        #expect(AnnotationParser.find(in: "由区农业农村委(以下简称农业农村委)统筹推进。").isEmpty)
        #expect(AnnotationParser.find(in: "会同(区农业农村委)开展检查。").isEmpty)
    }

    @Test func bracketedWordsThatAreNoDepartment() {
        for text in ["实施办法(试行)", "建设3个开发区(园区)", "水质达到Ⅲ类(EQI)", "完成整改(略)", "规划(2021-2025年)",
                     "推广清洁能源(天然气、光伏)", "提高覆盖率(按常住人口计)"] {
            #expect(AnnotationParser.scan(text).found.isEmpty, "\(text)")
        }
    }

    @Test func keysOfOtherDocuments() throws {
        let found = AnnotationParser.find(in: "（牵头部门：市发改委；实施部门：市经信局、各县区政府）")
        try #require(found.count == 1)
        #expect(found[0].lists.map(names) == [["市发改委"], ["市经信局", "各县区政府"]])
        #expect(found[0].lists.map(roles) == [[.lead], [.co, .co]])
        let units = AnnotationParser.find(in: "(牵头单位:市住建局 配合单位:市城管局)")
        #expect(units.first?.lists.map(names) == [["市住建局"], ["市城管局"]])
        #expect(units.first?.lists.map(roles) == [[.lead], [.co]])
    }

    /// `区交通运输局（牵头）` in a list marks the lead, as many documents write it.
    @Test func aLeadMarkAfterANameMakesItTheLead() throws {
        let text = "（责任单位：区交通运输局（牵头）、区公安分局、区生态环境分局）"
        let found = AnnotationParser.find(in: text)
        try #require(found.count == 1)
        #expect(found[0].lists.map(names) == [["区交通运输局", "区公安分局", "区生态环境分局"]])
        #expect(found[0].lists.map(roles) == [[.lead, .co, .co]])
        expectOffsets(found[0], in: text)
        let phrased = AnnotationParser.find(in: "(区城管局(牵头)、各街道配合)")
        #expect(phrased.first?.lists.map(names) == [["区城管局", "各街道"]])
        #expect(phrased.first?.lists.map(roles) == [[.lead, .co]])
        let bare = AnnotationParser.find(in: "完成整治。(区城管局（牵头）、各街镇)")
        #expect(bare.first?.form == .bare && bare.first?.lists.map(roles) == [[.lead, .co]])
    }

    /// A deadline in an annotation is not a department: a keyed 完成时限, a clause after the
    /// departments. The departments are read; the deadline stays in the text only.
    @Test func deadlinesInAnAnnotationAreNoDepartments() throws {
        let keyed = AnnotationParser.find(in: "（责任单位：区生态环境分局；完成时限：2025年12月）")
        #expect(keyed.first?.lists.map(names) == [["区生态环境分局"]])
        let clause = AnnotationParser.find(in: "（牵头单位：区住建局；责任单位：区城管局，2025年底前完成）")
        #expect(clause.first?.lists.map(names) == [["区住建局"], ["区城管局"]])
        let text = "（区经信局牵头，区生态环境分局、区发改局配合，2025年10月底前完成）"
        let phrased = AnnotationParser.scan(text)
        #expect(phrased.unreadable.isEmpty)
        try #require(phrased.found.count == 1)
        #expect(phrased.found[0].form == .phrased)
        #expect(phrased.found[0].lists.map(names) == [["区经信局"], ["区生态环境分局", "区发改局"]])
        #expect(phrased.found[0].lists.map(roles) == [[.lead], [.co, .co]])
        expectOffsets(phrased.found[0], in: text)
        let ongoing = AnnotationParser.find(in: "(区水务局牵头，各街镇配合，长期坚持)")
        #expect(ongoing.first?.lists.map(names) == [["区水务局"], ["各街镇"]])
        #expect(AnnotationParser.find(in: "(2025年底前完成)").isEmpty, "a deadline alone is no annotation")
    }

    /// Wordings of real documents: 等部门 after the last name, 会同 between a lead and a
    /// department taking part, 具体实施.
    @Test func etcTogetherWithAndCarryingOut() throws {
        let cases: [(String, [[String]], [[AssignmentRole]])] = [
            ("（区住建局、区水务局等部门按职责分工负责）", [["区住建局", "区水务局"]], [[.co, .co]]),
            ("（牵头单位：区发改委；配合单位：区财政局等）", [["区发改委"], ["区财政局"]], [[.lead], [.co]]),
            ("（区生态环境局会同区水务局负责）", [["区生态环境局", "区水务局"]], [[.lead, .co]]),
            ("（由区农业农村局牵头负责，各镇人民政府具体实施）", [["区农业农村局"], ["各镇人民政府"]], [[.lead], [.co]]),
        ]
        for (text, expectedNames, expectedRoles) in cases {
            let found = AnnotationParser.find(in: text)
            try #require(found.count == 1, "\(text)")
            #expect(found[0].lists.map(names) == expectedNames, "\(text)")
            #expect(found[0].lists.map(roles) == expectedRoles, "\(text)")
            expectOffsets(found[0], in: text)
        }
    }

    @Test func keyedLinesWithoutBrackets() throws {
        let text = "推进污水管网建设。\n牵头单位：县住建局；配合单位：县发改局、县(市、区)财政局。\n责任单位：各乡镇人民政府"
        let found = AnnotationParser.find(in: text)
        #expect(found.map(\.raw) == ["牵头单位：县住建局；配合单位：县发改局、县(市、区)财政局", "责任单位：各乡镇人民政府"])
        #expect(found.map { $0.lists.map(names) } == [[["县住建局"], ["县发改局", "县(市、区)财政局"]], [["各乡镇人民政府"]]])
        #expect(found.allSatisfy { $0.form == .keyed })
        for f in found { expectOffsets(f, in: text) }
        #expect(AnnotationParser.find(in: "责任单位：要切实履行职责，加强协调").isEmpty, "not every name is a department")
        #expect(AnnotationParser.find(in: "落实责任单位：县住建局").isEmpty, "the key starts the line")
        #expect(AnnotationParser.find(in: "（注）责任单位：县住建局").isEmpty, "a line with other text before it")
    }

    @Test func annotationLikeButUnreadable() throws {
        let (found, unreadable) = AnnotationParser.scan("落实监管责任(2025年底前由属地牵头，完成验收)。")
        #expect(found.isEmpty)
        try #require(unreadable.count == 1)
        #expect(unreadable[0].raw == "(2025年底前由属地牵头，完成验收)")
    }
}

@testable import Importer
import Testing

/// The header words of indicator tables (`HeaderWords.table`): every wording met in plans,
/// with the meaning and year it must get. A new wording is one line in the table and one here.
@Suite struct TableHeaderWordsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let title: String
        let meaning: ColumnMeaning
        let year: Int?
        init(_ title: String, _ meaning: ColumnMeaning, _ year: Int? = nil) {
            self.title = title
            self.meaning = meaning
            self.year = year
        }
        var testDescription: String { title }
    }

    static let cases: [Case] = [
        Case("序号", .number),
        Case("指标名称", .name), Case("指标", .name), Case("名称", .name),
        Case("单位", .unit), Case("计量单位", .unit),
        Case("类目", .domain), Case("类别", .domain), Case("板块", .domain), Case("领域", .domain), Case("指标类别", .domain),
        Case("属性", .nature), Case("指标属性", .nature), Case("指标类型", .nature), Case("性质", .nature), Case("指标性质", .nature),
        Case("完成情况", .verdict), Case("进展评价", .verdict), Case("实施情况", .verdict), Case("2025年完成情况", .verdict, 2025),
        Case("“十四五”目标完成情况", .verdict, 2025), Case("2025年规划目标", .target, 2025),
        Case("“十四五”规划目标", .target, 2025), Case("2020年现状值", .current, 2020), Case("现状(2020年)", .current, 2020),
        Case("基期(2020年)", .baseline, 2020), Case("预期目标", .target),
        Case("2025年(基期)", .baseline, 2025), Case("2030年（目标）", .target, 2030), Case("2025年（预计）", .current, 2025),
        Case("2025年预计", .current, 2025), Case("预计2025年", .current, 2025),
        Case("“十四五”目标值", .target, 2025), Case("\"十四五\"目标值", .target, 2025), Case("“十三五”目标", .target, 2020),
        Case("目标值(2030年)", .target, 2030), Case("目标值（2030年）", .target, 2030), Case("2025年目标", .target, 2025),
        Case("2025年目标值", .target, 2025), Case("目标值", .target), Case("目标", .target),
        Case("现状值(2025年)", .current, 2025), Case("现状值", .current), Case("完成值", .current), Case("实际值", .current),
        Case("2020年完成值", .current, 2020), Case("“十三五”完成值", .current, 2020),
        Case("基期值", .baseline), Case("基准值", .baseline), Case("2020年基期值", .baseline, 2020),
        Case("2025年", .year, 2025), Case("2015年值", .year, 2015), Case("2020", .year, 2020),
        Case("指标值", .indicatorValue),
        Case("责任部门(标*为牵头单位)", .departments), Case("牵头单位", .departments),
        Case("任务", .action), Case("备注", .remark), Case("说明", .remark), Case("具体要求", .other),
    ]

    @Test(arguments: cases) func headerWordHasItsMeaningAndYear(_ c: Case) {
        #expect(HeaderWords.meaning(of: c.title) == c.meaning)
        #expect(HeaderWords.year(in: c.title) == c.year)
    }

    @Test func wordsOfTextAreNotHeaders() {
        for text in ["地区生产总值", "约束性", "超额完成", "1", "%", "指导思想"] {
            #expect(HeaderWords.meaning(of: text) == nil, "\(text)")
        }
    }

    @Test func fragmentsWrappedOverTwoLinesAreMerged() {
        let merged = TableParser.mergeHeader(["指标", "类别", "序号", "“十四五”", "目标值", "2025年", "现状值", "(2025年)", "完成", "情况"])
        #expect(merged == ["指标类别", "序号", "“十四五”目标值", "2025年", "现状值(2025年)", "完成情况"])
        #expect(TableParser.mergeHeader(["序号", "指标名称", "2025年", "(基期)", "2030年", "（目标）"]) == ["序号", "指标名称", "2025年(基期)", "2030年（目标）"])
        // `指标` is a name column by itself, not the start of `指标单位`.
        #expect(TableParser.mergeHeader(["序号", "指标", "单位", "2020年", "2025年", "目标"]) == ["序号", "指标", "单位", "2020年", "2025年目标"])
    }

    /// A year alone, and values without a year, take their meaning from the table around them.
    @Test func yearsAreReadByTheTable() {
        func roles(_ titles: [String], caption: String = "表1", plan: (Int, Int) = (2026, 2030)) -> [FlattenedTable.Role] {
            FlattenedTable.columns(titles: titles, caption: caption, planStart: plan.0, planEnd: plan.1).columns.map(\.role)
        }
        // A review table: the year of the target is the actual value, not a baseline.
        #expect(roles(["序号", "指标名称", "“十四五”目标值", "2025年", "完成情况"]).suffix(3) == [.target(2025), .actual(2025), .reported])
        // A forward table: a year before the target's is the baseline.
        #expect(roles(["序号", "指标名称", "2025年", "2030年目标", "属性"])[2] == .baseline(2025))
        #expect(roles(["序号", "指标名称", "2020年", "2025年"], plan: (2021, 2025)).suffix(2) == [.baseline(2020), .target(2025)])
        // A current value before the target's year is the forward table's baseline, and observed.
        let forward = FlattenedTable.columns(titles: ["指标", "现状值(2025年)", "目标值(2030年)"], caption: "表2", planStart: 2026, planEnd: 2030).columns
        #expect(forward[1].role == .baseline(2025) && forward[1].observedYear == 2025 && forward[2].observedYear == nil)
        // 现状值 in the year of the target: a review; the actual value is observed.
        let status = FlattenedTable.columns(titles: ["指标名称", "指标属性", "目标值(2025年)", "现状值(2025年)", "进展评价"], caption: "表1",
                                            planStart: 2021, planEnd: 2025)
        #expect(status.isReview && status.columns[3].role == .actual(2025) && status.columns[3].observedYear == 2025)
        // No baseline column: none is made up.
        #expect(!roles(["序号", "指标名称", "单位", "属性", "目标"]).contains { if case .baseline = $0 { return true } else { return false } })
        #expect(roles(["序号", "指标名称", "目标"])[2] == .target(nil))
        // A review whose years nothing tells: the actual value is not observed in a guessed year.
        let unknown = FlattenedTable.columns(titles: ["序号", "指标名称", "目标值", "完成值", "完成情况"], caption: "表1 主要指标完成情况",
                                             planStart: 2026, planEnd: 2030).columns
        #expect(unknown[2].role == .target(nil) && unknown[3].role == .actual(nil) && unknown[3].observedYear == nil)
        let fromCaption = FlattenedTable.columns(titles: ["序号", "指标名称", "目标值", "完成值", "完成情况"], caption: "表1 “十四五”主要指标完成情况",
                                                 planStart: 2026, planEnd: 2030).columns
        #expect(fromCaption[2].role == .target(2025) && fromCaption[3].observedYear == 2025)
    }
}

import ContentReader
import Foundation
@testable import Importer
import Testing

/// The importer on the real-shapes fixtures: clutter of how the copy was obtained, the period
/// from the text, lists that are not tasks, parts, and the drafted registry.
@Suite struct RealShapesImportTests {
    static let dir = "real-shapes/"

    func lineOf(_ needle: String, _ file: String) -> Int { Fixture.line(of: needle, in: Self.dir + file) }

    @Test func siteHeaderDisclaimerAndFooterAreRemovedWithTheirLines() throws {
        let name = "district-annotations.txt"
        let result = Importing.fixture(Self.dir + name)
        let clutter = result.report.items(.clutter)
        for line in 1...6 { #expect(clutter.contains { $0.line == line && $0.message.contains("YAML 头") }, "line \(line)") }
        #expect(result.report.has(.clutter, line: lineOf("免责声明", name), containing: "免责声明"))
        #expect(result.report.has(.clutter, line: lineOf("扫一扫", name)))
        #expect(!result.planMarkdown.contains("layout:") && !result.planMarkdown.contains("如有侵权"))
    }

    @Test func periodFromTheTextAndTasksAfterDigits() throws {
        let name = "district-annotations.txt"
        let result = Importing.fixture(Self.dir + name)
        #expect(Importing.frontMatter(result, "period") == "2021-2023")
        #expect(result.report.has(.metadata, line: lineOf("实施期为2021年至2023年", name), containing: "2021-2023"))
        let plan = try Importing.plan(result)
        #expect(plan.tasks.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(plan.tasks.last?.title == "15分钟收运服务圈建设")
        #expect(result.report.has(.numbering, line: lineOf("6.15分钟", name), containing: "紧跟数字"))
    }

    @Test func notesListsAndGlossaryAreNoTasks() throws {
        let result = Importing.fixture(Self.dir + "district-annotations.txt")
        let body = Importing.body(result)
        #expect(body.contains("> 注：1、化肥使用量以农业部门统计口径为准。"))
        #expect(body.contains("> 2.规模养殖场指年出栏生猪500头以上的养殖场。"))
        let rule = try #require(body.firstIndex(of: "***"))
        #expect(body[rule + 2] == "> 附表：1.重点任务分工表")
        #expect(Importing.diagnostics(result).filter { $0.severity == .error }.isEmpty, "\(Importing.diagnostics(result))")
        #expect(result.summary.tasks == 6 && result.summary.sections == 4 && result.summary.annotations == 8)
    }

    @Test func gbkWithHTMLRemainsAndParts() throws {
        let name = "parts.gbk.txt"
        let result = Importing.fixture(Self.dir + name)
        #expect(result.encoding == .gb18030)
        #expect(!result.planMarkdown.contains("/P>") && !result.planMarkdown.contains("o:p>") && !result.planMarkdown.contains("<P>"))
        // GBK bytes: lines are found by counting the source's line breaks.
        let source = SourceText.decode(Fixture.data(Self.dir + name))
        let remains = source.lines.filter { $0.text.contains("/P>") && !$0.text.contains("</P>") }.map(\.number)
        try #require(!remains.isEmpty)
        for line in remains { #expect(result.report.has(.clutter, line: line, containing: "HTML")) }
        let body = Importing.body(result)
        #expect(body.contains("# 第二部分　重点任务"))
        let plan = try #require(ReaderEntryPoints.readStructure(markdown: body.joined(separator: "\n")).chapters.map(\.id) as [String]?)
        #expect(plan == ["p1-c1", "p1-c2", "p2-c1", "p2-c2", "p3-c1"])
    }

    @Test func anSQLInsertAroundTheText() throws {
        let result = Importing.fixture(Self.dir + "sql-wrapped.txt")
        #expect(result.report.has(.clutter, line: 1, containing: "SQL INSERT"))
        #expect(!result.planMarkdown.contains("INSERT") && !result.planMarkdown.contains("3310"))
        #expect(Importing.frontMatter(result, "period") == "2026-2030")
        #expect(result.summary.tasks == 3)
    }

    @Test func theSummaryCountsTheDraftWhenTheFrontMatterIsIncomplete() {
        let result = Importing.run("一、任务\n1.甲。(区水务局)\n2.乙。(区财政局)\n")
        #expect(Importing.frontMatter(result, "period") == "待核")
        #expect(result.summary.chapters == 1 && result.summary.tasks == 2)
    }

    @Test func draftRegistryGroupsSureAliasesAndCarriesPrefixes() {
        let draft = DepartmentsDraft(lists: [
            [("市环保局", 3), ("科技局", 3), ("各区县", 3)],
            [("环保局", 7)],
            [("区财政局", 9), ("市财政局", 9)],
            [("财政局", 11)],
        ])
        let rows = draft.rows.map { "\($0.name)|\($0.aliases.joined(separator: ";"))|\($0.kind)" }
        #expect(rows == ["市环保局|环保局|government", "市科技局|科技局|government", "各区县||other",
                         "区财政局||government", "市财政局||government", "财政局||government"])
        #expect(draft.ambiguous == ["财政局"])
        #expect(draft.rows.map(\.id) == ["d01", "d02", "d03", "d04", "d05", "d06"])
        #expect(DepartmentsDraft.regionYAML(issuer: "青溪区人民政府办公室") == "name: \"青溪区\"\nlevel: 县\n")
        let groups = DepartmentsDraft(lists: [[("区级有关部门", 2), ("领导小组成员单位", 2), ("区发改局", 2)]])
        #expect(groups.rows.map(\.kind) == ["other", "other", "government"], "a group of departments is no bureau")
    }

    @Test func taskTableNamesAreCheckedAgainstAnExistingRegistry() {
        let name = "task-table.txt"
        let registry = DepartmentRegistry(region: "qx", names: ["区城管局", "各街镇", "区市场监管局"])
        let result = Importing.fixture(Self.dir + name, region: "qx", registry: registry)
        let unknown = result.report.items(.edit).filter { $0.message.contains("任务分解表中的部门") }
        // Each at the line of its row's 序号.
        let row2 = Fixture.line(equal: "2", in: Self.dir + name)
        let row5 = Fixture.line(equal: "5", in: Self.dir + name)
        #expect(unknown.map(\.line) == [row2, row5, row5])
        #expect(unknown.contains { $0.message.contains("“区商务局”") } && unknown.contains { $0.message.contains("“区政府督查室”") })
        #expect(result.departmentsCSV == nil)
    }

    /// A 完成时限 column after the departments: each row's deadline stays in its row and the
    /// table goes on to its last row.
    @Test func aDeadlineColumnAfterTheDepartments() throws {
        let text = "南川区河湖治理工作方案\n一、重点任务\n1．推进河道综合整治。完成整治15公里。\n2．加强排污口监管。完成排查。\n"
            + "附件\n重点任务分解表\n序号\n重点任务\n牵头单位\n完成时限\n1\n推进河道综合整治\n区水务局\n2025年12月\n"
            + "2\n加强排污口监管\n区生态环境局\n2025年10月\n"
        let result = Importing.run(text)
        let rows = DraftRegionFiles.records(result.assignmentsCSV)
        #expect(rows.map { $0["lead"] ?? "" } == ["区水务局", "区生态环境局"])
        #expect(result.planMarkdown.contains("| 序号 | 重点任务 | 牵头单位 | 完成时限 |\n"))
        #expect(result.planMarkdown.contains("| 2 | 加强排污口监管 | 区生态环境局 | 2025年10月 |"))
        #expect(!result.planMarkdown.contains("【待核】"))
        #expect(result.summary.missingHanCharacters == 0)
    }

    /// 具体措施 between the task and its departments, and a 完成时限 after them, copied with tabs.
    @Test func aMeasureColumnBetweenTheTaskAndItsDepartments() throws {
        let text = "南川区河湖治理工作方案\n一、重点任务\n1．推进河道综合整治。完成整治15公里。\n2．加强排污口监管。完成排查。\n"
            + "附件\n重点任务分解表\n序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n"
            + "1\t推进河道综合整治\t完成河道整治15公里\t区水务局\t区生态环境局、各镇街\t2025年12月\n"
            + "2\t加强排污口监管\t完成排污口排查整治\t区生态环境局\t区水务局\t2025年10月\n"
        let result = Importing.run(text)
        let rows = DraftRegionFiles.records(result.assignmentsCSV)
        #expect(rows.map { $0["task"] ?? "" } == ["c1-t1", "c1-t2"])
        #expect(rows.map { $0["co"] ?? "" } == ["区生态环境局、各镇街", "区水务局"])
        #expect(result.planMarkdown.contains("| 序号 | 重点任务 | 具体措施 | 牵头单位 | 配合单位 | 完成时限 |\n"))
        #expect(result.planMarkdown.contains("| 1 | 推进河道综合整治 | 完成河道整治15公里 | 区水务局 | 区生态环境局、各镇街 | 2025年12月 |"))
        #expect(result.report.items(.table).contains { $0.message.contains("“具体措施”列") })
        #expect(!result.planMarkdown.contains("【待核】") && result.summary.missingHanCharacters == 0)
    }

    @Test func taskTableRowsBecomeAssignments() throws {
        let name = "task-table.txt"
        let result = Importing.fixture(Self.dir + name)
        let csv = try #require(result.assignmentsCSV)
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows.first == "task,number,title,lead,co,source,note")
        // A task cell over two lines, a repeated header row, a merged department cell.
        #expect(rows.contains { $0.hasPrefix("c1-t1,1,推进垃圾分类全覆盖,区城管局,各街镇,") })
        #expect(rows.contains { $0.hasPrefix("c1-t2,2,整治农贸市场环境,区市场监管局,区商务局,") })
        #expect(rows.contains { $0.hasPrefix("c1-t4,4,规范户外广告设置,,区城管局,") })
        #expect(rows.count == 6)
        let row4 = Fixture.line(equal: "4", in: Self.dir + name)
        #expect(result.report.has(.table, line: row4, containing: "合并单元格"))
        #expect(Importing.body(result).contains("| 5 | 强化督查考核 | 区委督查室 区政府督查室 |"))
        // The repeated header row is left out, said so at its lines, and not counted as lost text.
        let repeated = try #require(Fixture.lines(containing: "序号", in: Self.dir + name).dropFirst().first)
        #expect(result.report.has(.table, line: repeated, containing: "表头在表中重复"))
        #expect(result.summary.missingHanCharacters == 0)
        #expect(!result.reviewMarkdown.contains("导入程序有误"))
    }
}

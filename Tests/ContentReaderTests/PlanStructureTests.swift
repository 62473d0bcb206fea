import Foundation
import Testing
import PlanModel
import MarkdownTree
@testable import ContentReader

/// Small fixture sites under Fixtures/, read through ContentLoader as `plansite check` reads Content/.
enum Fixture {
    static func root(_ name: String) throws -> String {
        let base = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return base.appendingPathComponent(name).path
    }

    /// 1-based number of the first line of `file` that starts with `prefix` (found in the
    /// fixture's text, so that tests do not depend on hand-counted line numbers).
    static func line(startingWith prefix: String, in file: String) throws -> Int {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.hasPrefix(prefix) }, "no line starting with \(prefix) in \(file)")
        return index + 1
    }

    /// 1-based character column of `needle` in line `line` of `file`.
    static func column(of needle: String, line: Int, in file: String) throws -> Int {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lineText = String(text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1])
        let range = try #require(lineText.range(of: needle))
        return lineText.distance(from: lineText.startIndex, to: range.lowerBound) + 1
    }
}

@Suite struct StructureSiteTests {
    let root: String
    let content: SiteContent
    let diagnostics: [Diagnostic]

    init() throws {
        root = try Fixture.root("structure")
        let (content, diagnostics) = ContentLoader.load(from: root)
        self.content = try #require(content)
        self.diagnostics = diagnostics
    }

    func plan(_ id: String) throws -> Plan { try #require(content.plan(id)) }
    func unit(_ plan: Plan, _ id: String) throws -> WorkUnit { try #require(plan.units.first { $0.id == id }, "no unit \(id)") }
    func file(_ plan: String) -> String { "\(root)/plans/\(plan)/plan.md" }

    @Test func loadsWithoutDiagnostics() {
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        #expect(content.config.title == "测试站点")
        #expect(content.config.dataAsOf == SimpleDate(year: 2024, month: 12, day: 31))
        #expect(content.regions.map(\.id) == ["r"])
        #expect(content.region("r")?.level == "市")
        #expect(content.region("r")?.departments.map(\.id) == ["fgw", "jxw", "kjj", "hbj", "slj"])
        #expect(content.region("r")?.departments.first?.aliases == ["市发改委", "发改委"])
        #expect(content.plans.map(\.id) == ["chapter-tasks", "continuous", "restart"])
    }

    @Test func frontMatter() throws {
        let p = try plan("continuous")
        #expect(p.title == "测试市生态环境保护规划(2021-2025)")
        #expect(p.docNumber == "测政发〔2021〕1号")
        #expect(p.issuer == "测试市人民政府")
        #expect(p.issueDate == SimpleDate(year: 2021, month: 6))
        #expect(p.startYear == 2021 && p.endYear == 2025)
        #expect(p.regionID == "r")
        #expect(p.notes == ["第3条原文缺字。"])
        let single = try plan("restart")
        #expect(single.startYear == 2022 && single.endYear == 2022)
        #expect(single.periodText == "2022")
        #expect(single.docNumber == "")
    }

    @Test func continuousNumberingAcrossSections() throws {
        let p = try plan("continuous")
        #expect(p.chapters.map(\.id) == ["c1", "c2", "c3"])
        #expect(p.chapters[1].sections.map(\.id) == ["c2-s1", "c2-s2", "c2-s3", "c2-s4"])
        #expect(p.units.map(\.id) == ["c1-s1", "c2-s1-t1", "c2-s1-t2", "c2-s2-t3", "c2-s2-t4",
                                      "c2-s3-t5", "c2-s3-t6", "c2-s4-t7", "c2-s4-t8", "c3-s1", "c3-s2"])
        #expect(p.tasks.map(\.number) == [1, 2, 3, 4, 5, 6, 7, 8])
        let t3 = try unit(p, "c2-s2-t3")
        #expect(t3.kind == .task)
        #expect(t3.label == "3.")
        #expect(t3.title == "治理大气污染")
        #expect(t3.chapterID == "c2")
        #expect(t3.sectionID == "c2-s2")
        // A paragraph without a number after a task belongs to it.
        #expect(t3.text.contains("补充段落属于任务3。"))
        #expect(t3.location == SourceLocation(path: file("continuous"), line: try Fixture.line(startingWith: "3.治理", in: file("continuous"))))
    }

    @Test func taskLessSectionsBecomeUnits() throws {
        let p = try plan("continuous")
        let s = try unit(p, "c1-s1")
        #expect(s.kind == .section)
        #expect(s.label == "(一)")
        #expect(s.title == "指导思想")
        #expect(s.sectionID == "c1-s1")
        #expect(s.text.contains("以生态文明思想为指导"))
        let guarantee = try unit(p, "c3-s1")
        #expect(guarantee.kind == .section)
        #expect(guarantee.annotations.count == 1)
        #expect(guarantee.annotations.first?.scope == .unit)
        #expect(guarantee.annotations.first?.lists.map { $0.map(\.name) } == [["市发改委"]])
        #expect(try unit(p, "c3-s2").annotations.isEmpty)
        // Sections that hold tasks are not units themselves.
        #expect(!p.units.contains { $0.id == "c2-s1" || $0.id == "c2" })
    }

    @Test func annotationInsideATaskParagraph() throws {
        let p = try plan("continuous")
        let t1 = try unit(p, "c2-s1-t1")
        try #require(t1.annotations.count == 1)
        let a = t1.annotations[0]
        #expect(a.scope == .unit)
        #expect(a.raw == "(牵头单位:市发改委、经信局;责任单位:市科技局)")
        #expect(a.lists.map { $0.map(\.name) } == [["市发改委", "经信局"], ["市科技局"]])
        #expect(a.lists.map { $0.map(\.role) } == [[.lead, .lead], [.co]])
        // Locations point at the annotation and at each name in the file.
        let line = try Fixture.line(startingWith: "1.调整", in: file("continuous"))
        #expect(a.location == SourceLocation(path: file("continuous"), line: line,
                                              column: try Fixture.column(of: "(牵头单位", line: line, in: file("continuous"))))
        #expect(a.lists[0][1].location == SourceLocation(path: file("continuous"), line: line,
                                                          column: try Fixture.column(of: "经信局", line: line, in: file("continuous"))))
        #expect(try unit(p, "c2-s1-t2").annotations.isEmpty)
    }

    @Test func closingAnnotationAppliesToTheWholeSection() throws {
        let p = try plan("continuous")
        let t3 = try unit(p, "c2-s2-t3")
        let t4 = try unit(p, "c2-s2-t4")
        for t in [t3, t4] {
            try #require(t.annotations.count == 1, "\(t.id)")
            #expect(t.annotations[0].scope == .section)
            #expect(t.annotations[0].raw == "(责任单位:市环保局、市水利局)")
            #expect(t.annotations[0].lists.map { $0.map(\.name) } == [["市环保局", "市水利局"]])
        }
        let line = try Fixture.line(startingWith: "(责任单位:市环保局、市水利局)", in: file("continuous"))
        #expect(t3.annotations[0].location == SourceLocation(path: file("continuous"), line: line, column: 1))
    }

    @Test func standaloneAnnotationAfterAMiddleTaskAppliesToThatTask() throws {
        let p = try plan("continuous")
        let t5 = try unit(p, "c2-s3-t5")
        try #require(t5.annotations.count == 1)
        #expect(t5.annotations[0].scope == .unit)
        #expect(t5.annotations[0].lists.map { $0.map(\.name) } == [["市环保局"]])
        #expect(try unit(p, "c2-s3-t6").annotations.isEmpty)
    }

    @Test func closingAnnotationWhenAnotherTaskHasItsOwnAppliesToTheLastTask() throws {
        let p = try plan("continuous")
        let t7 = try unit(p, "c2-s4-t7")
        let t8 = try unit(p, "c2-s4-t8")
        #expect(t7.annotations.map { $0.lists.map { $0.map(\.name) } } == [[["市环保局"]]])
        #expect(t8.annotations.map { $0.lists.map { $0.map(\.name) } } == [[["市科技局"]]])
        #expect((t7.annotations + t8.annotations).allSatisfy { $0.scope == .unit })
    }

    @Test func blockQuotesAreNotStructure() throws {
        let p = try plan("continuous")
        // The 1. and 2. inside 专栏1 neither became tasks nor broke the numbering (no diagnostics).
        #expect(!p.units.contains { $0.title.contains("不是任务") })
        let quoteLine = try Fixture.line(startingWith: "> **专栏1", in: file("continuous"))
        let block = try #require(p.blocks.first { $0.line == quoteLine })
        #expect(block.role == .unitBody("c2-s1-t2"))
        #expect(block.html.contains("<blockquote>"))
    }

    @Test func unnumberedHeadingEndsTheStructure() throws {
        let p = try plan("continuous")
        let file = file("continuous")
        let appendixLine = try Fixture.line(startingWith: "## 附件", in: file)
        let afterLine = try Fixture.line(startingWith: "1.附件里", in: file)
        let appendix = try #require(p.blocks.first { $0.line == appendixLine })
        let after = try #require(p.blocks.first { $0.line == afterLine })
        #expect(appendix.role == .text)
        #expect(after.role == .text)
        #expect(p.units.last?.id == "c3-s2")
        #expect(!(p.units.last?.text.contains("附件") ?? true))
    }

    @Test func blocksCarryTheirRolesAndFileLines() throws {
        let p = try plan("continuous")
        let file = file("continuous")
        let preamble = try #require(p.blocks.first)
        #expect(preamble.role == .text)
        #expect(preamble.line == (try Fixture.line(startingWith: "前言", in: file)))
        let c2 = try #require(p.blocks.first { $0.role == .chapterHeading("c2") })
        #expect(c2.line == (try Fixture.line(startingWith: "## 二、", in: file)))
        #expect(c2.html.contains("id=\"c2\""))
        let s = try #require(p.blocks.first { $0.role == .sectionHeading("c2-s2") })
        #expect(s.html.contains("id=\"c2-s2\""))
        let start = try #require(p.blocks.first { $0.role == .unitStart("c2-s2-t3") })
        #expect(start.line == (try Fixture.line(startingWith: "3.治理", in: file)))
        #expect(p.blocks.contains { $0.role == .unitBody("c2-s2-t3") && $0.html.contains("补充段落") })
    }

    @Test func indicatorTable() throws {
        let p = try plan("continuous")
        #expect(p.indicators.map(\.id) == ["wsclv", "pm25"])
        let w = try #require(p.indicators.first)
        #expect(w.key == "continuous/wsclv")
        #expect(w.name == "城市污水处理率")
        #expect(w.aliases == ["污水处理率"])
        #expect(w.nature == .binding)
        #expect(w.baselineYear == 2020)
        #expect(w.baseline?.form == .number(90))
        #expect(w.targets.map(\.year) == [2022, 2025])
        #expect(w.targets.map(\.value.form) == [.comparison(.atLeast, 95), .comparison(.atLeast, 97)])
        #expect(w.departments.map(\.name) == ["市环保局", "市水利局"])
        #expect(w.departments.map(\.role) == [.lead, .co])
        let file = "\(root)/plans/continuous/indicators.csv"
        #expect(w.location == SourceLocation(path: file, line: 2))
        let pm = try #require(p.indicators.last)
        // An empty or '-' target cell is no target.
        #expect(pm.targets.map(\.year) == [2025])
        #expect(pm.targets.first?.value.form == .comparison(.atMost, 30))
        #expect(pm.finalTarget?.year == 2025)
        #expect(pm.departments.isEmpty)
        #expect(pm.source.hasPrefix("工作目标"))
    }

    @Test func numberingRestartingPerSectionWithHeadingTasks() throws {
        let p = try plan("restart")
        #expect(p.units.map(\.id) == ["c1-s1-t1", "c1-s1-t2", "c1-s2-t1", "c1-s2-t2"])
        let t = try unit(p, "c1-s1-t1")
        #expect(t.title == "推进产业结构绿色升级")
        #expect(t.label == "1.")
        // The paragraphs after a task heading belong to the task, with their annotations.
        #expect(t.text.contains("依法淘汰落后产能"))
        #expect(t.annotations.map { $0.lists.map { $0.map(\.name) } } == [[["市经信委"]]])
        #expect(try unit(p, "c1-s1-t2").annotations.isEmpty)
        #expect(try unit(p, "c1-s2-t1").title == "打好蓝天保卫战")
    }

    @Test func tasksDirectlyUnderAChapter() throws {
        let p = try plan("chapter-tasks")
        #expect(p.units.map(\.id) == ["c1-t1", "c1-t2", "c2-t3"])
        let t1 = try unit(p, "c1-t1")
        #expect(t1.sectionID == nil)
        #expect(t1.chapterID == "c1")
        #expect(t1.label == "1、")
        #expect(t1.title == "完善制度体系")
        #expect(p.chapters.allSatisfy { $0.sections.isEmpty })
        let t2 = try unit(p, "c1-t2")
        #expect(t2.annotations.map { $0.lists.map { $0.map(\.name) } } == [[["市环保局"]]])
        #expect(t2.annotations.first?.scope == .unit)
    }
}

@Suite struct InvalidSiteTests {
    let root: String
    let content: SiteContent?
    let diagnostics: [Diagnostic]

    init() throws {
        root = try Fixture.root("invalid")
        (content, diagnostics) = ContentLoader.load(from: root)
    }

    func file(_ plan: String) -> String { "\(root)/plans/\(plan)/plan.md" }
    func diagnostics(for plan: String) -> [Diagnostic] { diagnostics.filter { $0.location.path == file(plan) } }

    @Test func everyProblemIsReportedInOneRun() {
        #expect(Set(diagnostics.map(\.location.path)) == Set(["gap", "repeat", "unknown-field", "missing-field", "bad-period", "empty-annotation"].map(file)))
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(content != nil)
    }

    @Test func numberingGap() throws {
        let d = diagnostics(for: "gap")
        try #require(d.count == 1, "\(d)")
        #expect(d[0].code == "numbering")
        #expect(d[0].location == SourceLocation(path: file("gap"), line: try Fixture.line(startingWith: "4.", in: file("gap"))))
        #expect(d[0].message.contains("task 4 follows task 2"))
    }

    @Test func numberingRepeat() throws {
        let d = diagnostics(for: "repeat")
        try #require(d.count == 1, "\(d)")
        #expect(d[0].code == "numbering")
        #expect(d[0].location == SourceLocation(path: file("repeat"), line: try Fixture.line(startingWith: "2.重复", in: file("repeat"))))
        #expect(d[0].message.contains("task 2 follows task 2"))
    }

    @Test func unknownFrontMatterField() throws {
        let d = diagnostics(for: "unknown-field")
        try #require(d.count == 1, "\(d)")
        #expect(d[0].code == "unknown-field")
        #expect(d[0].message.contains("'titel'"))
        #expect(d[0].location.line == (try Fixture.line(startingWith: "titel:", in: file("unknown-field"))))
        #expect(d[0].location.column == 1)
        #expect(d[0].hint?.contains("title") == true)
    }

    @Test func missingRequiredField() throws {
        let d = diagnostics(for: "missing-field")
        try #require(d.count == 1, "\(d)")
        #expect(d[0].code == "missing-field")
        #expect(d[0].message.contains("'issuer'"))
    }

    @Test func badPeriod() throws {
        let d = diagnostics(for: "bad-period")
        try #require(d.count == 1, "\(d)")
        #expect(d[0].code == "invalid-value")
        #expect(d[0].message.contains("2025-2021"))
        #expect(d[0].location.line == (try Fixture.line(startingWith: "period:", in: file("bad-period"))))
        // A plan without a readable period is not published.
        #expect(content?.plan("bad-period") == nil)
    }

    @Test func annotationWithoutNames() throws {
        let d = diagnostics(for: "empty-annotation")
        try #require(d.count == 1, "\(d)")
        #expect(d[0].code == "annotation-empty")
        let line = try Fixture.line(startingWith: "1.任务", in: file("empty-annotation"))
        #expect(d[0].location == SourceLocation(path: file("empty-annotation"), line: line,
                                                column: try Fixture.column(of: "(责任单位", line: line, in: file("empty-annotation"))))
        #expect(content?.plan("empty-annotation")?.units.first?.annotations.isEmpty == true)
    }
}

@Suite struct PlanStructureReaderTests {
    /// The structure reader on Markdown text directly (lineOffset 0).
    func read(_ markdown: String) -> PlanStructureReader.Result {
        PlanStructureReader(path: "p.md", lineOffset: 0).read(MarkdownParser.parse(markdown))
    }

    @Test func chapterNumberingGapIsAnError() throws {
        let r = read("## 一、甲\n\n正文。\n\n## 三、丙\n\n正文。\n")
        try #require(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].code == "numbering")
        #expect(r.diagnostics[0].location == SourceLocation(path: "p.md", line: 5))
    }

    @Test func sectionNumberingRepeatIsAnError() throws {
        let r = read("## 一、甲\n\n### (一)子\n\n正文。\n\n### (一)又一个\n\n正文。\n")
        try #require(r.diagnostics.count == 1)
        #expect(r.diagnostics[0].code == "numbering")
        #expect(r.diagnostics[0].location.line == 7)
        // Both sections still get distinct IDs.
        #expect(Set(r.units.map(\.id)).count == r.units.count)
    }

    @Test func fullWidthSectionBracketsAndTaskPunctuation() {
        let r = read("## 十二、第十二章\n\n### （二）第二节\n\n1．任务一。正文。\n")
        // 十二 and (二) with nothing before them are numbering errors, but IDs still follow the numbers.
        #expect(r.diagnostics.map(\.code) == ["numbering", "numbering"])
        #expect(r.units.map(\.id) == ["c12-s2-t1"])
        #expect(r.units.first?.label == "1．")
    }

    /// Departments on a line of their own under the task, without brackets, as 工作方案 write
    /// them: in the task's paragraph (a soft line break) or as paragraphs after it.
    @Test func keyedLinesWithoutBracketsAssignTheTask() throws {
        let r = read("## 一、任务\n\n1．推进污水管网建设。\n牵头单位：县住建局\n\n配合单位：县发改局、县财政局\n\n"
                     + "2．开展河道清淤。\n\n责任单位：县水利局，各乡镇人民政府\n\n3．责任单位：要压实责任，加强督查。\n")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        let names = r.units.map { $0.annotations.flatMap { $0.lists.joined().map { "\($0.name)\($0.role == .lead ? "*" : "")" } } }
        #expect(r.units.map(\.id) == ["c1-t1", "c1-t2", "c1-t3"])
        #expect(names == [["县住建局*", "县发改局", "县财政局"], ["县水利局", "各乡镇人民政府"], []], "a sentence after a key is text")
        let lead = try #require(r.units.first?.annotations.first?.lists.first?.first)
        #expect(lead.location.line == 4 && lead.location.column == 6)
    }

    /// A 纲要: 第X章, 第X节, and under them the items 一、 二、: tasks in a 第X节, sections in a
    /// 第X章 without 节. In a plan whose chapters are 一、, an 一、 paragraph stays text.
    @Test func itemsOfAGangyaoAreTasksOrSections() {
        let r = read("## 第一章 大气\n\n### 第一节 工业源\n\n#### 一、推进超低排放\n\n完成改造。\n\n二、淘汰落后产能。关停3家。\n\n"
                     + "### 第二节 移动源\n\n#### 一、推广新能源车\n\n## 第二章 保障措施\n\n### 一、加强组织领导\n\n建立机制。\n")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.units.map(\.id) == ["c1-s1-t1", "c1-s1-t2", "c1-s2-t1", "c2-s1"])
        #expect(r.units.map(\.label) == ["一、", "二、", "一、", "一、"])
        #expect(r.units.map(\.title) == ["推进超低排放", "淘汰落后产能", "推广新能源车", "加强组织领导"])
        #expect(r.units.map(\.kind) == [.task, .task, .task, .section])
        let plain = read("## 一、任务\n\n### (一)大气\n\n一、推进超低排放。\n\n### 二、乙\n")
        #expect(plain.units.map(\.id) == ["c1-s1"], "一、 is a task or section only in a 纲要")
    }

    /// A title line that ends with its departments: the title is the task, the departments
    /// are read from the annotation and shown apart.
    @Test func aTitleDoesNotHoldItsAnnotation() {
        let r = read("## 一、任务\n\n1．推进污水管网建设（牵头单位：县住建局；责任单位：各乡镇人民政府）\n\n新建管网50公里。\n\n"
                     + "#### 2．加强河道保洁（县水利局负责）\n\n3．实施办法(试行)。正文。\n")
        #expect(r.units.map(\.title) == ["推进污水管网建设", "加强河道保洁", "实施办法(试行)"])
        #expect(r.units.map { $0.annotations.flatMap { $0.lists.joined().map(\.name) } } == [["县住建局", "各乡镇人民政府"], ["县水利局"], []])
    }

    @Test func decimalNumbersAreNotTasks() {
        let r = read("## 一、甲\n\n### (一)子\n\n1.5万吨的减排量已完成。\n")
        #expect(r.units.map(\.id) == ["c1-s1"])
        #expect(r.units.first?.kind == .section)
    }

    @Test func thematicBreakEndsTheStructure() throws {
        let r = read("## 一、甲\n\n1.任务一。正文。\n\n***\n\n2.抄送：市发改委。\n")
        #expect(r.units.map(\.id) == ["c1-t1"])
        #expect(r.diagnostics.isEmpty)
        #expect(!(r.units.first?.text.contains("抄送") ?? true))
        let last = try #require(r.blocks.last)
        #expect(last.role == .text)
        #expect(last.line == 7)
    }

    @Test func taskTitleIsTheTextUpToTheFirstFullStop() {
        #expect(PlanStructureReader.title(of: "严格落实生态保护红线管控。全面建立") == "严格落实生态保护红线管控")
        #expect(PlanStructureReader.title(of: "没有句号的\n标题") == "没有句号的标题")
    }

    @Test func indicatorReferencesAreCollected() throws {
        let r = read("## 一、甲\n\n1.降低浓度。使[PM2.5浓度](indicator:pm25)下降，见[其他](indicator:other-plan/x)。\n")
        let unit = try #require(r.units.first)
        #expect(unit.indicatorReferences.map(\.target) == ["pm25", "other-plan/x"])
        #expect(unit.indicatorReferences.first?.location.line == 3)
    }
}

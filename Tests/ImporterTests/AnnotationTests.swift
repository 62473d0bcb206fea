import Foundation
@testable import Importer
import PlanModel
import Testing

/// Department annotations (责任单位/牵头单位) as the documents write them.
@Suite struct AnnotationTests {
    @Test func annotationsAtTheEndOfTaskParagraphsAttachToTheirTasks() throws {
        let result = Importing.fixture("shengzhou-2024-excerpt.txt", region: "shengzhou")
        let plan = try Importing.plan(result)
        let tasks = plan.tasks.filter { $0.chapterID == "c2" }
        #expect(tasks.count == 7)
        #expect(tasks.allSatisfy { $0.annotations.count == 1 })
        #expect(result.summary.annotations == 7)
        let first = try #require(tasks.first?.annotations.first)
        #expect(first.raw == "(责任单位:市委办、市府办、组织部、宣传部、生态环境分局)")
        #expect(first.lists.flatMap { $0 }.map(\.name) == ["市委办", "市府办", "组织部", "宣传部", "生态环境分局"])
        #expect(first.lists.flatMap { $0 }.allSatisfy { $0.role == .co }, "only 责任单位: no lead is invented")
        // Task 5 is cut in two by the page; its annotation is in the second half and still
        // belongs to task 5.
        let five = try #require(tasks.first { $0.number == 5 })
        #expect(five.annotations.first?.raw.hasPrefix("(责任单位:治水办") == true)
    }

    @Test func leadAndStandaloneAnnotations() throws {
        let text = """
        2021年某市环境保护工作要点

        一、重点任务

        (一)深化治气

        1.推进清洁能源替代。加快推进燃煤锅炉淘汰。(牵头单位:市发改委;责任单位:市经信局、生态环境局)

        2.推进工业废气治理。开展挥发性有机物专项治理。

        3.推进扬尘治理。全面推行绿色施工。

        (责任单位:市住建局、综合执法局)

        (二)深化治水

        (牵头单位:市治水办)

        4.推进污水零直排区建设。
        """
        let result = Importing.run(text)
        let plan = try Importing.plan(result)
        let t1 = try #require(plan.tasks.first)
        #expect(t1.annotations.first?.lists.first?.map(\.role) == [.lead])
        #expect(t1.annotations.first?.lists.last?.map(\.name) == ["市经信局", "生态环境局"])
        #expect(result.report.has(.annotation, line: 13, containing: "单独成段"))
        #expect(result.report.has(.annotation, line: 17, containing: "单独成段"))
        #expect(result.summary.annotations == 3)
    }

    @Test func annotationsThatCannotBeReadOrPlacedAreReported() {
        let text = """
        2021年某市环境保护工作要点

        为推进生态文明建设,制定本要点。(责任单位:市生态环境局)

        一、重点任务

        1.推进清洁能源替代。加快推进燃煤锅炉淘汰(牵头单位 市发改委。

        2.推进工业废气治理。开展挥发性有机物专项治理。(责任单位:)
        """
        let result = Importing.run(text)
        #expect(result.report.has(.annotation, line: 3, containing: "第一章之前"))
        #expect(result.report.has(.annotation, line: 7, containing: "读不出"))
        #expect(result.report.requiredEdits.contains { $0.line == 9 && $0.message.contains("读不出任何部门") })
    }

    @Test func departmentsMissingFromTheRegistryAreEdits() {
        let registry = DepartmentRegistry(region: "shengzhou", names: ["市委办", "市府办", "组织部", "宣传部", "生态环境分局"])
        let result = Importing.fixture("shengzhou-2024-excerpt.txt", region: "shengzhou", registry: registry)
        let edits = result.report.requiredEdits.map(\.message)
        #expect(edits.contains { $0.contains("“市纪委监委”不在") })
        #expect(edits.contains { $0.contains("“审计局”不在") })
        #expect(!edits.contains { $0.contains("“组织部”不在") })
        // Names from indicators.csv too (the `*` lead mark is not part of the name).
        #expect(edits.contains { $0.contains("责任部门“考核办”不在") })
        #expect(!edits.contains { $0.contains("“生态环境分局”不在") })
    }
}

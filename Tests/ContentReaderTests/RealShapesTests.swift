import Foundation
import Testing
import PlanModel
@testable import ContentReader

/// Fixtures/real-shapes: plans shaped like real documents nobody here wrote the rules for
/// (annotations without keys, task numbers followed by digits, sections numbered through the
/// plan, parts above chapters, 第一章/第一节, three plans as 附件 of one notice, a numbering
/// defect of the source published as written).
@Suite struct RealShapesTests {
    let root: String
    let content: SiteContent
    let diagnostics: [Diagnostic]

    init() throws {
        root = try Fixture.root("real-shapes")
        let (content, diagnostics) = ContentLoader.load(from: root)
        self.content = try #require(content)
        self.diagnostics = diagnostics
    }

    func plan(_ id: String) throws -> Plan { try #require(content.plan(id), "no plan \(id)") }
    func file(_ plan: String) -> String { "\(root)/plans/\(plan)/plan.md" }
    func unit(_ plan: Plan, _ id: String) throws -> WorkUnit { try #require(plan.units.first { $0.id == id }, "no unit \(id) in \(plan.units.map(\.id))") }

    /// The unit's departments as (name, role) lists, in order.
    func assignments(_ unit: WorkUnit) -> [[String]] {
        unit.annotations.map { $0.lists.joined().map { "\($0.name)/\($0.role == .lead ? "lead" : "co")" } }
    }

    @Test func noErrorsAndOnlyTheExpectedWarnings() {
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.description))")
        #expect(Set(diagnostics.map(\.code)) == ["annotation-unreadable", "numbering-as-written"], "\(diagnostics.map(\.description))")
    }

    @Test func everyAnnotationFormReadsWithLeadAndCo() throws {
        let p = try plan("annotation-forms")
        #expect(assignments(try unit(p, "c1-s1-t1")) == [["区农业农村委/lead", "区规划资源局/lead", "区生态环境局/lead", "各街镇/co", "开发区/co"]])
        #expect(assignments(try unit(p, "c1-s1-t2")) == [["区农业农村委/lead", "区规划资源局/co"]])
        #expect(assignments(try unit(p, "c1-s1-t3")) == [["区生态环境局/co", "区农业农村委/co", "区水务局/co"]])
        #expect(assignments(try unit(p, "c1-s1-t4")) == [["区农业农村委/co"]])
        #expect(assignments(try unit(p, "c1-s2-t5")) == [["区农业农村委/lead", "区财政局/co", "各街镇/co"]])
        #expect(assignments(try unit(p, "c1-s2-t6")) == [["市交通委科技信息处/lead", "国网青溪供电公司/co", "各区县/co"]])
        #expect(assignments(try unit(p, "c1-s2-t7")) == [["区财政局/co"]])
        #expect(try unit(p, "c1-s2-t8").annotations.isEmpty)
    }

    @Test func anUnreadableAnnotationIsAWarningWithFileAndLine() throws {
        let warnings = diagnostics.filter { $0.code == "annotation-unreadable" }
        try #require(warnings.count == 1, "\(warnings)")
        let line = try Fixture.line(startingWith: "8.落实河长巡河制度", in: file("annotation-forms"))
        #expect(warnings[0].location.path == file("annotation-forms"))
        #expect(warnings[0].location.line == line)
        #expect(warnings[0].location.column == (try Fixture.column(of: "(2022", line: line, in: file("annotation-forms"))))
        #expect(warnings[0].message.contains("(2022年底前由属地牵头，完成验收)"))
    }

    @Test func taskNumbersFollowedByDigits() throws {
        let p = try plan("digits-after-number")
        #expect(p.tasks.map(\.number) == Array(1...12))
        #expect(try unit(p, "c1-t6").title == "15分钟出海服务圈建设")
        #expect(try unit(p, "c2-t11").title == "121人才梯队项目")
        #expect(try unit(p, "c2-t12").title == "2024年起每年开展航运技能竞赛")
        #expect(assignments(try unit(p, "c2-t11")) == [["区财政局/co"]])
    }

    @Test func sectionsNumberedThroughThePlan() throws {
        let p = try plan("sections-continuous")
        #expect(p.chapters.map { $0.sections.map(\.id) } == [[], ["c2-s1", "c2-s2"], ["c3-s3", "c3-s4"]])
        #expect(assignments(try unit(p, "c3-s3")) == [["区生态环境局/co"]])
    }

    @Test func partsAboveChapters() throws {
        let p = try plan("parts")
        #expect(p.chapters.map(\.id) == ["p1-c1", "p1-c2", "p2-c1", "p2-c2"])
        #expect(p.tasks.map(\.id) == ["p2-c1-s1-t1", "p2-c2-s1-t1"])
        #expect(assignments(try unit(p, "p2-c2-s1-t1")) == [["区生态环境局/co"]])
    }

    @Test func outlineChaptersAndSections() throws {
        let p = try plan("outline")
        #expect(p.chapters.map(\.id) == ["p1-c1", "p2-c2"])
        #expect(p.chapters.map(\.heading) == ["第一章 发展环境", "第二章 推进绿色低碳发展"])
        #expect(p.chapters[1].sections.map(\.id) == ["p2-c2-s1", "p2-c2-s2"])
        #expect(assignments(try unit(p, "p2-c2-s2")) == [["区水务局/co"]])
    }

    @Test func annexesArePartsOfOnePlan() throws {
        let p = try plan("annexes")
        #expect(p.chapters.map(\.id) == ["p1-c1", "p1-c2", "p2-c1", "p2-c2", "p3-c1"])
        #expect(p.tasks.map(\.id) == ["p1-c2-s1-t1", "p2-c2-s1-t1", "p3-c1-t1"])
        #expect(assignments(try unit(p, "p3-c1-t1")) == [["区农业农村委/lead", "各街镇/co"]])
    }

    @Test func aDefectOfTheSourcePublishedAsWritten() throws {
        let p = try plan("as-written")
        #expect(p.tasks.map(\.id) == ["c1-t1", "c1-t2", "c1-t3", "c1-t5"])
        let warnings = diagnostics.filter { $0.code == "numbering-as-written" }
        try #require(warnings.count == 1)
        #expect(warnings[0].severity == .warning)
        #expect(warnings[0].location.line == (try Fixture.line(startingWith: "5.推进智慧河道", in: file("as-written"))))
    }

    @Test func withoutTheAcknowledgementTheDefectIsAnError() throws {
        let text = try String(contentsOfFile: file("as-written"), encoding: .utf8)
        let without = text.replacingOccurrences(of: "numbering_as_written:\n  - c1-t5\n", with: "")
        let d = ReaderEntryPoints.readPlanText(without).diagnostics
        #expect(d.map(\.code) == ["numbering"])
        #expect(d.first?.message.contains("(c1-t5)") == true)
        let wrong = text.replacingOccurrences(of: "  - c1-t5\n", with: "  - c1-t3\n")
        let codes = ReaderEntryPoints.readPlanText(wrong).diagnostics.map(\.code)
        #expect(codes.sorted() == ["numbering", "numbering-as-written"])
    }

    @Test func assignmentsFromATaskBreakdownTable() throws {
        let p = try plan("table-assignments")
        #expect(assignments(try unit(p, "c1-t1")) == [["区水务局/lead", "各街镇/co"]])
        #expect(assignments(try unit(p, "c1-t2")) == [["区水务局/lead", "区规划资源局/co"]])
        #expect(assignments(try unit(p, "c2-s1")) == [["区财政局/co"]])
        let csv = "\(root)/plans/table-assignments/assignments.csv"
        let row = try Fixture.line(startingWith: "c2-s1,", in: csv)
        #expect(try unit(p, "c2-s1").annotations.first?.lists.first?.first?.location.path == csv)
        #expect(try unit(p, "c2-s1").annotations.first?.location.line == row)
    }

    @Test func aTableRowForAnUnknownUnitIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assignments-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(atPath: root, toPath: dir.path)
        let csv = dir.appendingPathComponent("plans/table-assignments/assignments.csv")
        try Data("task,lead,co,source\nc9-t9,区水务局,,表 序号1\nc1-t1,,,表 序号2\n".utf8).write(to: csv)
        let (_, diagnostics) = ContentLoader.load(from: dir.path)
        let here = diagnostics.filter { $0.location.path.hasSuffix("assignments.csv") }
        #expect(here.map(\.code) == ["unknown-task", "annotation-empty"])
        #expect(here.map(\.location.line) == [2, 3])
    }
}

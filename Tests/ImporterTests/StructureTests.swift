import Foundation
@testable import Importer
import PlanModel
import Testing

/// Chapters 一、, sections (一), tasks 1., 专栏 boxes, the 附件 list and the 抄送/印发 lines.
@Suite struct StructureTests {
    @Test func continuousNumberingAcrossSections() throws {
        let result = Importing.fixture("huzhou-2018-excerpt.txt")
        let plan = try Importing.plan(result)
        #expect(plan.chapters.map(\.heading) == ["一、总体要求", "二、重点任务", "三、加强领导"])
        #expect(plan.chapters.map(\.sections.count) == [2, 2, 2])
        // Tasks 1–4 in 二(一), 5–7 in 二(二): one run through the plan.
        #expect(plan.tasks.map(\.number) == [1, 2, 3, 4, 5, 6, 7])
        #expect(plan.tasks.map(\.id) == ["c2-s1-t1", "c2-s1-t2", "c2-s1-t3", "c2-s1-t4", "c2-s2-t5", "c2-s2-t6", "c2-s2-t7"])
        #expect(plan.tasks[0].title == "严格落实生态保护红线管控")
        #expect(result.report.items(.numbering).contains { $0.message.contains("全文连续编号") })
        #expect(Importing.diagnostics(result).filter { $0.severity == .error }.isEmpty)
    }

    @Test func numberingThatRestartsInEachSectionAndTaskTitleLines() throws {
        let name = "huzhou-14th-excerpt.txt"
        let result = Importing.fixture(name)
        let plan = try Importing.plan(result)
        let body = Importing.body(result)
        // "1. 推进产业结构绿色升级" is a title line of its own: a level-4 heading.
        #expect(body.contains("#### 1.\u{00A0}推进产业结构绿色升级"))
        let c3 = try #require(plan.chapters.first { $0.heading.hasPrefix("三、") })
        let tasks = plan.tasks.filter { $0.chapterID == c3.id }
        #expect(tasks.map(\.id) == ["c3-s1-t1", "c3-s1-t2", "c3-s1-t3", "c3-s1-t4", "c3-s2-t1", "c3-s2-t2"])
        #expect(result.report.items(.numbering).contains { $0.message.contains("每节重新从1编号") })
    }

    @Test func aGapInTheNumberingIsReportedAtItsSourceLine() throws {
        // The excerpt leaves out 二、(二), so (三)主要目标 follows (一).
        let name = "huzhou-14th-excerpt.txt"
        let result = Importing.fixture(name)
        let line = Fixture.line(of: "(三)主要目标", in: name)
        #expect(result.report.has(.numbering, line: line, containing: "缺号"))
        #expect(result.report.requiredEdits.contains { $0.line == line && $0.message.contains("section") })

        // A task number that skips: 5 is written 7.
        let zhejiang = Fixture.text("zhejiang-2020-excerpt.txt").replacingOccurrences(of: "5.推进四大结构调整", with: "7.推进四大结构调整")
        let gap = Importing.run(zhejiang)
        let taskLine = Fixture.line(of: "5.推进四大结构调整", in: "zhejiang-2020-excerpt.txt")
        #expect(gap.report.has(.numbering, line: taskLine, containing: "任务 7 接在任务 4 之后"))
        #expect(gap.report.requiredEdits.contains { $0.line == taskLine })
    }

    @Test func inlineSectionTitlesAreSplit() throws {
        let name = "huzhou-2018-excerpt.txt"
        let result = Importing.fixture(name)
        let body = Importing.body(result)
        let heading = try #require(body.firstIndex(of: "### (一)指导思想"))
        #expect(body[heading + 2].hasPrefix("以习近平新时代中国特色社会主义思想为指导"))
        #expect(result.report.has(.heading, line: Fixture.line(of: "(一)指导思想。以", in: name), containing: "同一行"))
        let plan = try Importing.plan(result)
        #expect(plan.chapters[0].sections.map(\.heading) == ["(一)指导思想", "(二)工作目标"])
        // A section heading without text after it stays whole.
        #expect(body.contains("### (一)深入推进“两山”理念实践创新行动,促进人与自然和谐共生"))
    }

    @Test func boxesAreBlockQuotesAndTheirItemsAreNotTasks() throws {
        let name = "huzhou-14th-excerpt.txt"
        let result = Importing.fixture(name)
        let body = Importing.body(result)
        #expect(body.contains("> **专栏1 \u{00A0}碳达峰行动方案**"), "as written: a space and a no-break space")
        #expect(body.contains { $0.hasPrefix("> 1.能源领域。") })
        #expect(body.contains { $0.hasPrefix("> 3大气治理数字化转型工程。") })
        #expect(result.report.has(.numbering, line: Fixture.line(of: "3大气治理数字化转型工程", in: name), containing: "没有“.”"))
        let plan = try Importing.plan(result)
        #expect(!plan.tasks.contains { $0.title.hasPrefix("能源领域") })
        // The task after the box continues the section's numbering.
        #expect(plan.tasks.contains { $0.id == "c3-s2-t2" && $0.title == "增强自然生态系统碳汇能力" })
        #expect(result.summary.boxes == 2)
    }

    @Test func attachmentListAndCopyLinesComeAfterAThematicBreak() throws {
        let result = Importing.fixture("huzhou-2018-excerpt.txt")
        let body = Importing.body(result)
        let rule = try #require(body.firstIndex(of: "***"))
        #expect(body[rule + 2] == "> 附件:1.湖州市生态文明示范创建行动计划工作任务责任分解表")
        #expect(body.contains("> 2.湖州市生态文明示范创建行动计划重点项目表"))
        let copy = try #require(body.firstIndex { $0.hasPrefix("抄送:") })
        #expect(copy > rule)
        // "2." and "3." of the list are no tasks of 三、(二).
        let plan = try Importing.plan(result)
        #expect(plan.tasks.count == 7)
        #expect(body.filter { $0 == "***" }.count == 1)
    }

    @Test func aParagraphCutInTwoIsReported() {
        let name = "shengzhou-2024-excerpt.txt"
        let result = Importing.fixture(name)
        let first = Fixture.line(of: "地表水断面水质不反弹、国考", in: name)
        #expect(result.report.items(.order).contains { $0.line == first && $0.endLine == first + 2 })
        // A sentence without a full stop before the next task is a different doubt.
        let zhejiang = Importing.fixture("zhejiang-2020-excerpt.txt")
        let line = Fixture.line(of: "启动实施27个重点区域生物多样性保护调查项目", in: "zhejiang-2020-excerpt.txt")
        #expect(zhejiang.report.has(.order, line: line, containing: "没有句末标点"))
    }

    /// 第X章 / 第X节 / 一、: the 节's items are tasks; a 章 without 节 has its 一、 as sections.
    @Test func itemsOfAGangyao() {
        let text = """
        某市生态环境保护“十五五”规划

        第一章 主要任务

        第一节 深化大气污染防治

        一、推进工业源治理

        完成钢铁企业超低排放改造。

        二、深化移动源污染防治。推广新能源汽车。

        第二章 保障措施

        一、加强组织领导

        建立工作推进机制。
        """
        let result = Importing.run(text)
        let body = Importing.body(result)
        #expect(body.contains("#### 一、推进工业源治理") && body.contains("二、深化移动源污染防治。推广新能源汽车。"))
        #expect(body.contains("### 一、加强组织领导"))
        #expect(result.report.items(.numbering).allSatisfy { !$0.message.contains("章的编号") }, "\(result.report.items(.numbering))")
        #expect(result.summary.chapters == 2 && result.summary.sections == 2 && result.summary.tasks == 2)
        #expect(Importing.diagnostics(result).filter { $0.severity == .error }.isEmpty)
    }

    @Test func chaptersWrittenAsDiYiZhangAreChapters() {
        let text = """
        2021年某市环境保护工作要点

        一、总体要求

        第一章 主要目标

        (一)加强组织领导。各地要把生态文明建设摆上重要位置,切实加强领导。
        """
        let result = Importing.run(text)
        // 第一章 is a chapter heading; after 一、 its number is a repeat, reported where it stands.
        #expect(Importing.body(result).contains("## 第一章 主要目标"))
        #expect(result.report.has(.numbering, line: 5, containing: "章的编号有缺号或重号"))
    }
}

/// The review report names the Han characters a draft lost: the same ones, in the same order,
/// in every run (a dictionary's order changes from one process to the next).
@Suite struct MissingCharactersTests {
    @Test func theSampleIsTheMostFrequentInCodePointOrderOfTies() {
        var counts = PlanImporter.HanCounts()
        let text = "甲乙丙丁戊己庚辛壬癸子丑"
        for (n, scalar) in text.unicodeScalars.enumerated() { counts.counts[scalar] = n < 4 ? 5 : 1 }
        counts.counts["丑"] = 9
        // 丑 most often, then 甲乙丙丁 (5 each) and 5 of the 1s, each group by code point.
        let ones = text.unicodeScalars.dropFirst(4).filter { $0 != "丑" }.sorted { $0.value < $1.value }.prefix(5)
        let fives = text.unicodeScalars.prefix(4).sorted { $0.value < $1.value }
        #expect(counts.sample == String(String.UnicodeScalarView(["丑"] + fives + ones)))
        #expect(counts.total == 9 + 20 + 7)
    }
}

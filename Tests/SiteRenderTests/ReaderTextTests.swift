import Testing
import PlanModel
@testable import SiteRender

/// Notes and sources written for the people who keep the content, as pages show them.
@Suite struct ReaderTextTests {
    static let plan: Plan = {
        let location = SourceLocation(path: "Content/plans/p/plan.md")
        let chapter = Chapter(id: "c2", number: 2, heading: "二、主要任务",
                              sections: [Section(id: "c2-s2", number: 2, heading: "(二)实施环境质量改善行动", location: location)], location: location)
        let task = WorkUnit(id: "c2-s2-t6", kind: .task, number: 6, label: "6.", title: "坚持系统治废", text: "", chapterID: "c2",
                            sectionID: "c2-s2", location: location)
        let indicator = Indicator(id: "wetland-area", planID: "p", name: "湿地面积", source: "表1", location: location)
        return Plan(id: "p", title: "测试规划", issuer: "测试市人民政府", startYear: 2021, endYear: 2025, regionID: "r",
                    source: "x", chapters: [chapter], units: [task], indicators: [indicator], location: location)
    }()
    static let text = ReaderText(planTitles: ["huzhou-14th": "湖州市生态环境保护“十四五” 规划"],
                                 metricNames: ["r": ["air-good-rate": "空气质量优良天数比率"]])

    @Test func unitIDsBecomeTheDocumentsNumbering() {
        #expect(Self.text.clean("第6条(c2-s2-t6)逗号位置有误；见 c2-s2 与 c2。", plan: Self.plan) == "第6条(二(二)6)逗号位置有误；见 二(二) 与 二。")
        // Without the plan an ID cannot be named: it is left out.
        #expect(Self.text.clean("见 c9-s1-t1。", plan: nil) == "见。")
    }

    @Test func pathsFileNamesAndFieldsBecomeWords() {
        #expect(Self.text.clean("《通知》，网页转载文本 shared/seeds/000_1751c3c416aff1e8.txt", plan: nil) == "《通知》，网页转载文本")
        #expect(Self.text.clean("附件1同时整理为 indicators.csv。", plan: nil) == "附件1同时整理为指标表。")
        #expect(Self.text.clean("数据见本规划指标表(indicators.csv)，正文保留表题", plan: nil) == "数据见本规划指标表，正文保留表题")
        #expect(Self.text.clean("数据整理为 indicators.csv(表1 各行 ID 以 t1- 开头)，issue_date 取此时间", plan: nil)
                == "数据整理为指标表，发布日期取此时间")
        #expect(Self.text.clean("按列序视为 target_2025，indicators.csv 的 wetland-area 目标值亦照录", plan: Self.plan)
                == "按列序视为 2025年目标值，指标表的“湿地面积”目标值亦照录")
        #expect(Self.text.clean("huzhou-14th 表1 第3行 2020年完成值", plan: nil) == "《湖州市生态环境保护“十四五” 规划》表1 第3行 2020年完成值")
        #expect(Self.text.clean("网页标题行即规划标题，作 title，不在正文重复", plan: nil) == "网页标题行即规划标题，作标题，不在正文重复")
        #expect(Self.text.clean("(种子第67行)有1处“(略)”", plan: nil) == "(原网页文本第67行)有1处“(略)”")
        #expect(Self.text.clean("“4”与“78”之间有一个私用区字符 U+E010(网页乱码)", plan: nil) == "“4”与“78”之间有一个无法显示的字符“〓”(网页乱码)")
        #expect(Self.text.clean("照录，见正文 notes。", plan: nil) == "照录，见正文编辑说明。")
        #expect(Self.text.clean("同一度量(统计口径 air-good-rate)", plan: Self.plan) == "同一度量(统计口径“空气质量优良天数比率”)")
        // A web address is kept whole.
        #expect(Self.text.clean("https://www.example.gov.cn/plan.html", plan: nil) == "https://www.example.gov.cn/plan.html")
        #expect(Self.text.clean("https://www.example.gov.cn/source/title.html", plan: nil) == "https://www.example.gov.cn/source/title.html")
    }

    @Test func planIDsAreReplacedOnlyWhole() {
        let text = ReaderText(planTitles: ["huzhou-14th": "湖州规划", "huzhou-14th-water": "湖州水规划"])
        // Part of a longer word: left as it is.
        #expect(text.clean("见 huzhou-14th_2 与 xhuzhou-14th", plan: nil) == "见 huzhou-14th_2 与 xhuzhou-14th")
        #expect(text.clean("见 huzhou-14th/附件", plan: nil) == "见 huzhou-14th/附件")
        // Next to Chinese, with or without a space.
        #expect(text.clean("见huzhou-14th第3行", plan: nil) == "见《湖州规划》第3行")
        #expect(text.clean("见 huzhou-14th 第3行", plan: nil) == "见《湖州规划》第3行")
        // One ID begins the other.
        #expect(text.clean("huzhou-14th-water 与 huzhou-14th 均引用", plan: nil) == "《湖州水规划》与《湖州规划》均引用")
        #expect(text.clean("huzhou-14th-waterx 与 huzhou-14th", plan: nil) == "huzhou-14th-waterx 与《湖州规划》")
    }

    @Test func notesAboutTheContentFormatAreNotForReaders() {
        let notes = ["节标题与正文在原文同一行；按格式写作节标题。", "plan.md 表格照录。", "第6条(c2-s2-t6)中逗号位置有误。"]
        #expect(Self.text.readerNotes(notes, plan: Self.plan) == ["第6条(二(二)6)中逗号位置有误。"])
    }
}

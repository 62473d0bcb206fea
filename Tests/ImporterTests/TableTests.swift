import ContentReader
import Foundation
@testable import Importer
import Testing

/// Tables whose cells the web page flattened one per line → Markdown tables and indicators.csv.
@Suite struct TableTests {
    func row(_ rows: [[String: String]], _ id: String) throws -> [String: String] {
        try #require(rows.first { $0["id"] == id }, "no row \(id)")
    }

    @Test func wrappedHeaderAndCellsAndSubRowsUnderOneNumber() throws {
        let name = "huzhou-14th-excerpt.txt"
        let result = Importing.fixture(name)
        let rows = try Importing.indicators(result)
        let t1 = rows.filter { $0["id"]!.hasPrefix("t1-") }
        #expect(t1.count == 12, "9 numbers, 4 sub-rows under 4")
        // Header fragments 指标/类别, 2015/年值, “十三五”/目标 … were merged into columns.
        #expect(result.report.items(.table).contains { $0.message.contains("指标类别 | 指标性质 | 序号 | 指标名称 | 2015年值 | “十三五”目标 | 2020年完成值 | 完成情况") })
        let first = try row(rows, "t1-1")
        #expect(first["name"] == "市控以上地表水监测断面Ⅲ类及以上水质比例", "a name wrapped over two lines")
        #expect(first["unit"] == "%")
        #expect(first["domain"] == "环境质量", "a category wrapped over two lines")
        #expect(first["baseline_year"] == "2015" && first["baseline"] == "94.3")
        #expect(first["target_2020"] == "≥95")
        #expect(first["reported"] == "超额完成")
        #expect(first["note"] == "2020年完成值：100(记入 observations.csv 草稿)")
        let pm = try row(rows, "t1-2")
        #expect(pm["name"] == "细颗粒物(PM2.5)浓度" && pm["unit"] == "µg/m3" && pm["target_2020"] == "≦42")
        // 序号4: a group heading over two lines and four sub-rows, each with the first two value
        // columns only: aligned from the right, the 2015 value left empty.
        let so2 = try row(rows, "t1-4-1")
        #expect(so2["number"] == "4")
        #expect(so2["group"] == "表1 “十三五”总量控制指标", "two indicator tables: the label leads the group")
        #expect(so2["name"] == "二氧化硫减排比例")
        #expect(so2["domain"] == "总量控制")
        #expect(so2["baseline"] == "" && so2["target_2020"] == "较2015年减少23%")
        #expect(so2["note"] == "2020年完成值：〔31.79〕(记入 observations.csv 草稿)")
        #expect(try row(rows, "t1-4-4")["name"] == "氨氮减排比例")
        let metal = try row(rows, "t1-5-1")
        #expect(metal["group"] == "表1 “十三五”重金属总量控制指标" && metal["target_2020"] == "较2013年削减4%以上")
        #expect(first["group"] == "表1")
        #expect(try row(rows, "t1-6")["domain"] == "污染防治")
        let line = Fixture.line(of: "二氧化硫减排比例(%)", in: name)
        #expect(result.report.items(.table).contains { $0.line == line + 2 && $0.message.contains("右对齐") })
    }

    @Test func mergedCellsShareTheFirstSubRowsValuesAndSlashesSplitRows() throws {
        let result = Importing.fixture("huzhou-14th-excerpt.txt")
        let rows = try Importing.indicators(result)
        #expect(rows.filter { $0["id"]!.hasPrefix("t2-") }.count == 22)
        #expect(result.report.items(.table).contains { $0.line == Fixture.line(equal: "指标", in: "huzhou-14th-excerpt.txt") && $0.message.contains("源表数据行 9 行，indicators.csv 草稿 12 行(其中 5 行") })
        let nox = try row(rows, "t2-5-1")
        #expect(nox["group"] == "表2 主要污染物排放削减量" && nox["unit"] == "吨" && nox["nature"] == "约束性")
        #expect(nox["baseline"] == "完成目标" && nox["target_2025"] == "完成省下达指标")
        let voc = try row(rows, "t2-5-2")
        #expect(voc["name"] == "挥发性有机物" && voc["target_2025"] == "完成省下达指标" && voc["note"]!.contains("合并单元格"))
        #expect(try row(rows, "t2-6")["domain"] == "风险防控", "the category after the sub-rows")
        // One value where the header has two: the target (right-aligned).
        let groundwater = try row(rows, "t2-4")
        #expect(groundwater["baseline"] == "" && groundwater["target_2025"] == "完成省下达指标")
        #expect(try row(rows, "t2-1")["baseline"] == "77.5(“十三五”均值)")
        let villages = try row(rows, "t2-17-3")
        #expect(villages["target_2025"] == "100" && villages["unit"] == "个")
        #expect(villages["name"] == "低(零)碳村(社区)", "建设数量 belongs to all three parts")
        #expect(villages["group"] == "表2 低碳县/低(零)碳乡镇(街道)/低(零)碳村(社区)建设数量")
        #expect(try row(rows, "t2-17-1")["name"] == "低碳县")
        // The 序号 column has no title in this table.
        #expect(result.report.items(.table).contains { $0.message.contains("没有“序号”列名") })
        // Every value reads.
        #expect(!result.report.requiredEdits.contains { $0.message.contains("indicators.csv") })
    }

    @Test func leadMarksDepartmentsDomainsAndActions() throws {
        let name = "shengzhou-2024-excerpt.txt"
        let result = Importing.fixture(name, region: "shengzhou")
        let rows = try Importing.indicators(result)
        #expect(rows.count == 13, "序号 1–7 of 附件1: 1–4, four sub-rows under 5, three under 6, two under 7")
        let pm = try row(rows, "t1-4")
        #expect(pm["departments"] == "生态环境分局*、经信局、发改局、交通运输局、商务局、住建局", "one department a line, * kept")
        #expect(pm["domain"] == "生态安全" && pm["action"] == "(二)环境质量改善")
        #expect(pm["target_2025"] == "完成上级规定的考核任务,且保持稳定或持续下降")
        #expect(try row(rows, "t1-1")["departments"] == "组织部、考核办")
        #expect(try row(rows, "t1-1")["domain"] == "目标责任")
        #expect(try row(rows, "t1-1")["group"] == "", "one indicator table: no label in the group")
        let sewage = try row(rows, "t1-5-2")
        #expect(sewage["group"] == "水环境质量" && sewage["name"] == "县城污水处理率" && sewage["unit"] == "")
        #expect(sewage["departments"] == "住建局*、水投集团")
        #expect(try row(rows, "t1-5-4")["name"] == "较大面积农村黑臭水体整治率*", "a * in a name is kept")
        #expect(try row(rows, "t1-6-1")["action"] == "(三)生态质量提升")
        #expect(result.report.has(.table, line: Fixture.line(equal: "县城污水处理率", in: name), containing: "没有“单位”格"))
        // The Markdown table in plan.md keeps the cells as written.
        let body = Importing.body(result)
        #expect(body.contains("| 目标责任 | (一)目标责任落实 | 1 | 生态文明建设工作占党政实绩考核的比例 | % | ≥20 | 组织部 (考核办) |"))
        #expect(body.contains("|   |   | 5 | 水环境质量 |   |   |   |"))
    }

    @Test func cellsThatCannotBeAlignedAreMarked() throws {
        let text = """
        2021年某市环境保护工作要点

        一、主要指标

        表1 主要指标

        序号

        指标名称

        单位

        目标值

        1

        空气质量优良天数比率

        %

        90

        2

        森林覆盖率

        %

        48.15

        约束性

        预期性

        注:表中数值为2025年目标。
        """
        let result = Importing.run(text)
        let rows = try Importing.indicators(result)
        #expect(rows.count == 2)
        #expect(result.planMarkdown.contains("> 【待核】表1 主要指标中未能对齐的单元格"))
        #expect(result.planMarkdown.contains("> 第31行：约束性"))
        #expect(result.report.items(.table).contains { $0.message.contains("未能对齐") })
        // Each cell that could not be placed is listed with its line; the rows are counted.
        #expect(result.report.has(.table, line: 31, containing: "未能放入任何一列的单元格“约束性”"))
        #expect(result.report.has(.table, line: 33, containing: "未能放入任何一列的单元格“预期性”"))
        #expect(result.report.items(.table).contains { $0.message.contains("源表数据行 2 行，indicators.csv 草稿 2 行") })
    }
}

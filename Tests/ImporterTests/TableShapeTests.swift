import Foundation
@testable import Importer
import Testing

/// Indicator tables shaped like those of plans not in this repository (fixtures table-*.txt:
/// our own words and numbers, laid out as pages and Word copies flatten them): every column
/// lands where it means, and nothing is dropped.
@Suite struct TableShapeTests {
    func row(_ rows: [[String: String]], _ id: String) throws -> [String: String] {
        try #require(rows.first { $0["id"] == id }, "no row \(id)")
    }

    func tableItems(_ result: PlanImporter.Result) -> [ReviewItem] { result.report.items(.table) }

    /// 序号 / 类目 / 指标名称 / 单位 / “十四五”目标值 / 2025年 / 指标类型 / 完成情况, the 类目
    /// spanning rows, the header repeated after a page break, a footnote digit.
    @Test func aReviewTableDraftsActualValuesAsObservations() throws {
        let name = "table-review.txt"
        let result = Importing.fixture(name)
        let rows = try Importing.indicators(result)
        #expect(rows.count == 8, "rows 1–8, the repeated header is not a row")
        let gdp = try row(rows, "t1-1")
        #expect(gdp["domain"] == "经济发展" && gdp["name"] == "地区生产总值" && gdp["unit"] == "亿元")
        #expect(gdp["target_2025"] == "680" && gdp["nature"] == "预期性" && gdp["reported"] == "超额完成")
        #expect(gdp["baseline"] == "" && gdp["baseline_year"] == "", "an actual value is not a baseline")
        #expect(gdp["metric"] == "draft-t1-1")
        #expect(try row(rows, "t1-2")["domain"] == "经济发展", "the 类目 spans the rows below it")
        #expect(try row(rows, "t1-2")["reported"] == "基本完成")
        #expect(try row(rows, "t1-3")["unit"] == "万元/人")
        #expect(try row(rows, "t1-5")["domain"] == "创新驱动")
        #expect(try row(rows, "t1-6")["domain"] == "绿色生态" && row(rows, "t1-6")["target_2025"] == "完成市下达目标")
        #expect(try row(rows, "t1-8")["target_2025"] == "<5")

        let observations = DraftRegionFiles.records(result.observationsCSV)
        #expect(observations.count == 7, "8 rows, one of them “—”")
        let first = try #require(observations.first)
        #expect(first["metric"] == "draft-t1-1" && first["year"] == "2025" && first["value"] == "702.4")
        #expect(first["source"] == "draft 表1 序号1 地区生产总值 2025年(源文件第\(Fixture.line(equal: "702.4", in: name))行)")
        let rd = try #require(observations.first { $0["metric"] == "draft-t1-4" })
        #expect(rd["value"] == "3.35%" && rd["note"]!.contains("脚注标记“1”"))
        #expect(observations.first { $0["metric"] == "draft-t1-6" }?["basis"] == "cumulative")
        #expect(!observations.contains { $0["metric"] == "draft-t1-5" }, "“—” reports no value")
        #expect(try row(rows, "t1-5")["note"] == "2025年：—", "the cell still lands in the draft")
        let metrics = DraftRegionFiles.records(result.metricsCSV)
        #expect(metrics.count == 7 && metrics.first?["name"] == "地区生产总值" && metrics.first?["unit"] == "亿元")

        let repeated = Fixture.lines(containing: "完成情况", in: name).dropFirst(2).first ?? 0
        #expect(tableItems(result).contains { $0.endLine == repeated && $0.message.contains("表头在表中重复出现") })
        #expect(tableItems(result).contains { $0.message.contains("源表数据行 8 行，indicators.csv 草稿 8 行") })
        #expect(result.report.has(.table, line: Fixture.line(equal: "3.35%1", in: name), containing: "脚注标记"))
        #expect(result.summary.missingHanCharacters == 0, "the repeated header stays in plan.md")
        #expect(result.planMarkdown.contains("| 3 |   | 全员劳动生产率 | 万元/人 | ≥21 | 23.5 | 预期性 | 完成 |"))
    }

    /// 指标名称 / 指标属性 / 目标值(2025年) / 现状值(2025年) / 进展评价, no 序号, no blank lines.
    @Test func aStatusTableWithoutRowNumbers() throws {
        let result = Importing.fixture("table-status.txt")
        let rows = try Importing.indicators(result)
        #expect(rows.count == 6)
        let urban = try row(rows, "t1-1")
        #expect(urban["number"] == "" && urban["name"] == "常住人口城镇化率" && urban["unit"] == "%")
        #expect(urban["nature"] == "预期性" && urban["target_2025"] == "75" && urban["reported"] == "达到预期" && urban["baseline"] == "")
        #expect(try row(rows, "t1-2")["target_2025"] == "与经济增长同步")
        #expect(try row(rows, "t1-4")["reported"] == "滞后")
        #expect(try row(rows, "t1-5")["unit"] == "万人")
        // A cell saying there is no value is not a name (a row of its own) nor an observation.
        let park = try row(rows, "t1-6")
        #expect(park["name"] == "人均公园绿地面积" && park["unit"] == "平方米" && park["target_2025"] == "15")
        #expect(park["note"]!.contains("现状值(2025年)：受统计口径调整影响暂无数据") && park["metric"] == "")
        let observations = DraftRegionFiles.records(result.observationsCSV)
        #expect(observations.map { $0["value"] ?? "" } == ["76.2", "6.8", "27", "36.1", "3.4"])
        #expect(observations.allSatisfy { $0["year"] == "2025" })
        #expect(tableItems(result).contains { $0.message.contains("源表数据行 6 行(没有序号，按名称切出，请对照原表核对行数)，indicators.csv 草稿 6 行") })
        #expect(try row(rows, "t1-4")["note"]!.contains("备注：受新增造林空间限制"), "free text after a row is its 备注")
        #expect(Importing.indicatorsSource(result, "t1-1") == "表1 主要指标进展情况 第1行(源文件第\(Fixture.line(equal: "常住人口城镇化率(%)", in: "table-status.txt"))行)")
    }

    /// 类别 (before 序号, spanning rows) / 序号 / 指标 / 单位 / 现状值(2025年) / 目标值(2030年) / 属性.
    @Test func aForwardTableTakesTheCurrentValueAsBaseline() throws {
        let result = Importing.fixture("table-forward.txt")
        let rows = try Importing.indicators(result)
        #expect(rows.count == 6)
        let growth = try row(rows, "t1-1")
        #expect(growth["domain"] == "经济发展" && growth["baseline_year"] == "2025" && growth["baseline"] == "6.1")
        #expect(growth["target_2030"] == "6左右" && growth["nature"] == "预期性")
        #expect(try row(rows, "t1-2")["domain"] == "经济发展" && row(rows, "t1-2")["nature"] == "预期性", "预期性 is a nature, not the next category")
        #expect(try row(rows, "t1-3")["domain"] == "创新驱动")
        #expect(try row(rows, "t1-5")["unit"] == "岁" && row(rows, "t1-6")["domain"] == "民生福祉")
        #expect(DraftRegionFiles.records(result.observationsCSV).count == 5, "the current values, “—” left out")
    }

    /// Units glued to the names with the unit column empty; a target broken over two lines;
    /// a long name broken over two lines; 板块 after 序号; a footnote digit.
    @Test func gluedUnitsAndBrokenCells() throws {
        let name = "table-glued.txt"
        let result = Importing.fixture(name)
        let rows = try Importing.indicators(result)
        #expect(rows.count == 5, "the broken target is not a row of its own")
        let gdp = try row(rows, "t1-1")
        #expect(gdp["name"] == "地区生产总值年均增速" && gdp["unit"] == "%" && gdp["domain"] == "经济实力")
        #expect(gdp["target_2030"] == "与全市经济增速保持同步" && gdp["baseline"] == "6.2" && gdp["baseline_year"] == "2025")
        #expect(try row(rows, "t1-2")["name"] == "全员劳动生产率" && row(rows, "t1-2")["unit"] == "万元/人")
        #expect(try row(rows, "t1-3")["name"] == "重点楼宇单位面积产税" && row(rows, "t1-3")["unit"] == "元/平方米")
        let rd = try row(rows, "t1-4")
        #expect(rd["name"] == "规模以上工业企业研发费用占营业收入比重" && rd["domain"] == "产业创新" && rd["target_2030"] == "≥3.2")
        let hightech = try row(rows, "t1-5")
        #expect(hightech["baseline"] == "62.5%" && hightech["note"]!.contains("“62.5%2”"))
        #expect(result.report.has(.table, line: Fixture.line(equal: "全员劳动生产率万元/人", in: name), containing: "读作单位"))
        #expect(result.report.has(.table, line: Fixture.line(equal: "与全市经济增速", in: name), containing: "与全市经济增速保持同步"))
        #expect(result.observationsCSV == nil, "a forward table's year column is a baseline")
        #expect(result.planMarkdown.contains("| 2 |   | 全员劳动生产率万元/人 |   | 21.3 | 26 | 预期性 |"), "plan.md keeps the cells as written")
    }

    /// 序号 / 指标名称 / 单位 / 属性 / 目标: no baseline column; the nature before the target.
    @Test func aTableWithoutBaseline() throws {
        let result = Importing.fixture("table-no-baseline.txt")
        let rows = try Importing.indicators(result)
        #expect(rows.count == 5)
        let pm = try row(rows, "t1-1")
        #expect(pm["unit"] == "微克/立方米" && pm["nature"] == "约束性" && pm["target_2030"] == "≤28" && pm["baseline"] == "")
        #expect(try row(rows, "t1-3")["target_2030"] == "≥7.82")
        #expect(try row(rows, "t1-4")["target_2030"] == "完成市下达目标")
        #expect(try row(rows, "t1-4")["note"] == "备注：以市级考核口径为准")
        #expect(result.planMarkdown.contains("| 4 | 土壤污染重点监管单位隐患排查完成率 | % | 约束性 | 完成市下达目标 | 以市级考核口径为准 |"))
        #expect(try row(rows, "t1-5")["target_2030"] == "—")
        #expect(!rows.contains { $0["baseline_year"] != "" })
        #expect(result.observationsCSV == nil && result.metricsCSV == nil)
        #expect(!result.report.requiredEdits.contains { $0.message.contains("indicators.csv") }, "every value reads")
    }

    /// Tables copied from a web page or Word as text, a tab between cells: the 类别 written in
    /// the first row of its group only, an empty baseline cell; a task breakdown table with
    /// 牵头单位 and 责任单位 apart. Numbered tasks copied as `1.<tab>text` and a signature
    /// with its date after one tab stay lines of text.
    @Test func tabSeparatedTablesAreReadCellByCell() throws {
        let name = "table-tabbed.txt"
        let result = Importing.fixture(name)
        let rows = try Importing.indicators(result)
        #expect(rows.count == 5)
        let first = try row(rows, "t1-1")
        #expect(first["domain"] == "农业面源" && first["name"] == "主要农作物化肥利用率" && first["unit"] == "%")
        #expect(first["baseline_year"] == "2024" && first["baseline"] == "41.2" && first["target_2025"] == "≥43" && first["nature"] == "预期性")
        #expect(try row(rows, "t1-2")["domain"] == "农业面源" && row(rows, "t1-2")["target_2025"] == "较上年下降3%")
        let film = try row(rows, "t1-3")
        #expect(film["baseline"] == "" && film["target_2025"] == "≥90" && film["nature"] == "约束性", "the empty cell is the baseline")
        #expect(try row(rows, "t1-4")["domain"] == "农村环境" && row(rows, "t1-5")["target_2025"] == "≥98")

        let header = Fixture.line(of: "类别\t序号", in: name)
        #expect(result.report.has(.table, line: header, containing: "以制表符分隔各格的表(6行"))
        #expect(result.report.has(.table, line: header, containing: "1 个空单元格略去"))
        #expect(result.report.has(.table, line: Fixture.line(of: "农膜回收率\t", in: name), containing: "“2024年”留空"))

        #expect(result.summary.tasks == 3 && result.summary.annotations == 3)
        let assignments = DraftRegionFiles.records(result.assignmentsCSV)
        #expect(assignments.map { $0["co"] ?? "" } == ["各乡镇人民政府", "县供销社、各乡镇人民政府", "县卫生健康局、各乡镇人民政府"])
        #expect(assignments.allSatisfy { $0["lead"] == "县农业农村局" })
        #expect(result.planMarkdown.contains("| 序号 | 工作任务 | 牵头单位 | 责任单位 |\n"))
        #expect(result.planMarkdown.contains("| 2 | 推进农膜回收处置 | 县农业农村局 | 县供销社、各乡镇人民政府 |"))
        #expect(result.planMarkdown.contains("东溪县人民政府办公室\t2025年2月20日"), "one tab: a line of text")
        #expect(result.summary.missingHanCharacters == 0)
    }

    @Test func aRowNeedsTwoTabsBetweenItsText() {
        #expect(TabbedRows.cells(of: "1.\t深化化肥农药减量增效。") == nil)
        #expect(TabbedRows.cells(of: "\t\t深化化肥农药减量增效。\t") == nil)
        #expect(TabbedRows.cells(of: "\t3\t农膜回收率\t%\t\t≥90") == ["3", "农膜回收率", "%", "", "≥90"])
    }

    /// A line between the header and row 1 of a table without a category column fits no
    /// column: it is listed, not taken as a category.
    @Test func aCellBeforeTheFirstRowWithoutCategoryColumnIsListed() throws {
        let text = """
        2021年某县生态环境工作要点

        一、主要指标

        表1 主要指标

        序号

        指标名称

        单位

        2025年目标

        按可比价计算

        1

        单位地区生产总值能耗降低

        %

        14

        """
        let result = Importing.run(text)
        let rows = try Importing.indicators(result)
        #expect(rows.count == 1 && rows[0]["domain"] == "" && rows[0]["target_2025"] == "14")
        let line = try #require(text.components(separatedBy: "\n").firstIndex(of: "按可比价计算")) + 1
        #expect(result.report.has(.table, line: line, containing: "未能放入任何一列的单元格“按可比价计算”"))
        #expect(result.planMarkdown.contains("> 第\(line)行：按可比价计算"))
    }

    /// Rows grouped under headings that span the table (`一、经济发展`), numbering running on:
    /// the headings are the rows' domain, not chapters that end the table.
    @Test func groupHeadingRowsAreDomains() throws {
        let name = "table-group-rows.txt"
        let result = Importing.fixture(name)
        let rows = try Importing.indicators(result)
        #expect(rows.count == 4)
        #expect(try row(rows, "t1-1")["domain"] == "经济发展" && row(rows, "t1-2")["domain"] == "经济发展")
        #expect(try row(rows, "t1-3")["domain"] == "绿色生态" && row(rows, "t1-4")["target_2030"] == "25")
        #expect(try row(rows, "t1-1")["baseline_year"] == "2025" && row(rows, "t1-1")["baseline"] == "6.1")
        #expect(result.report.has(.table, line: Fixture.line(equal: "二、绿色生态", in: name), containing: "分组标题"))
        #expect(result.planMarkdown.contains("| 二、绿色生态 |   |   |   |   |   |"))
        #expect(try Importing.plan(result).chapters.map(\.heading) == ["一、发展目标", "二、主要任务"])
        #expect(result.summary.missingHanCharacters == 0)
    }
}

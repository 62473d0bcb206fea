import Foundation
import PlanModel
import Progress

/// What every column of every open data table means: the data dictionary page
/// (`data/index.html`) and the Frictionless `data/datapackage.json` (a Table Schema per CSV
/// file) are both made from it. The column names are `DataExport`'s.
struct OpenDataSchema {
    struct Column {
        let name: String
        /// Table Schema type: `string`, `integer` or `number`.
        var type = "string"
        let meaning: String
        var unit = ""
        /// Allowed values with what each means (empty: any text).
        var values: [(code: String, meaning: String)] = []
        /// Whether only `values` are allowed; false when other text may appear too (a basis
        /// the content names in its own words).
        var closed = true
        /// Bounds of a number (Table Schema `minimum`, `maximum`).
        var range: ClosedRange<Double>? = nil
    }

    struct Table {
        let name: String
        let title: String
        let description: String
        let columns: [Column]
        let primaryKey: [String]
    }

    let labels: Labels

    /// Values that hold lists separate their items with this.
    static let listSeparator = ";"

    var tables: [Table] { [tasks, indicators, departments, observations] }

    private func coded(_ prefix: String, _ codes: [String]) -> [(code: String, meaning: String)] {
        codes.map { ($0, labels["\(prefix)\($0)"]) }
    }

    var tasks: Table {
        Table(name: "tasks", title: "任务", description: "每个规划一个任务表（tasks/规划编号.csv），每个任务一行；没有编号任务的节本身作为一个工作单元，也占一行。各规划的任务表列相同，可以首尾相接合并。", columns: [
            Column(name: "plan", meaning: "规划编号（本站规划页面的文件名）"),
            Column(name: "task", meaning: "任务在规划内的编号，也是规划页面上该任务的锚点：c 加章序号、s 加节序号、t 加任务序号，以连字符相连（第二章第一节第三项为 c2、s1、t3 相连）"),
            Column(name: "kind", meaning: "单元类型", values: [("task", "编号任务"), ("section", "没有编号任务的节")]),
            Column(name: "number", meaning: "原文中的序号，如 15. 或 (三)"),
            Column(name: "title", meaning: "任务标题（原文第一句或小标题）"),
            Column(name: "text", meaning: "任务全文（换行以空格代替）"),
            Column(name: "url", meaning: "任务在本站的地址，相对于网站根目录"),
            Column(name: "lead", meaning: "牵头单位，多个以分号分隔"),
            Column(name: "co", meaning: "配合单位，多个以分号分隔"),
            Column(name: "indicators", meaning: "与任务关联的指标（规划编号/指标编号），多个以分号分隔"),
            Column(name: "annotation", meaning: "原文中的责任单位括注，照录，多个以分号分隔"),
            Column(name: "status", meaning: "最近一期报告的任务进展；空表示未报告",
                   values: coded("report-", TaskStatus.allCases.map(\.rawValue))),
            Column(name: "status_period", meaning: "该进展报告所属的期间，如 2021 或 2021-H1"),
        ], primaryKey: ["plan", "task"])
    }

    var indicators: Table {
        let share = 0.0...1.0
        return Table(name: "indicators", title: "指标", description: "每个规划指标一行，含评估所用的基期值、目标值、最新报告值和评估结果（方法见进展页面）。", columns: [
            Column(name: "plan", meaning: "规划编号"),
            Column(name: "indicator", meaning: "指标在规划内的编号"),
            Column(name: "scope", meaning: "plan 为本规划的目标；review 为规划对上一期目标完成情况的回顾，与本规划的目标分开统计",
                   values: [("plan", "本规划的目标"), ("review", "上一期目标的回顾")]),
            Column(name: "number", meaning: "原文指标表中的序号"),
            Column(name: "name", meaning: "指标名称（照录原文）"),
            Column(name: "unit", meaning: "计量单位（照录原文）"),
            Column(name: "nature", meaning: "指标属性；空表示原文未列明",
                   values: IndicatorNature.allCases.map { ($0.rawValue, $0.rawValue + "指标") }),
            Column(name: "metric", meaning: "所属地区的统计口径编号（与报告值表的 metric 列对应）"),
            Column(name: "baseline_year", type: "integer", meaning: "基期年份", unit: "年"),
            Column(name: "baseline", meaning: "基期值，照录原文（可含 ≥、≤、约 等）", unit: "见 unit 列"),
            Column(name: "target_year", type: "integer", meaning: "评估所针对的目标年份", unit: "年"),
            Column(name: "target", meaning: "该目标年份的目标值，照录原文", unit: "见 unit 列"),
            Column(name: "targets", meaning: "全部目标，格式为 年份:目标值，多个以分号分隔"),
            Column(name: "latest_year", type: "integer", meaning: "用于评估的最新报告值的年份", unit: "年"),
            Column(name: "latest", meaning: "最新报告值，照录来源", unit: "见 unit 列"),
            Column(name: "latest_basis", meaning: "最新报告值的统计口径；也可能是来源的其他表述",
                   values: coded("basis-", ["annual", "five-year-mean", "cumulative"]), closed: false),
            Column(name: "status", meaning: "评估结果",
                   values: coded("status-", ProgressStatus.allCases.map(\.rawValue))),
            Column(name: "progress", type: "number", meaning: "完成进度：（最新值 − 基期值）/（目标值 − 基期值），限定在 0 至 1 之间",
                   unit: "比例（0–1）", range: share),
            Column(name: "elapsed", type: "number", meaning: "截至数据日期，从基期年到目标年已过去的时间比例",
                   unit: "比例（0–1）", range: share),
            Column(name: "growth_ratio", type: "number",
                   meaning: "实际年均变化率与达标所需年均变化率之比（需两个以上数据点）；1 及以上表示按此速度可以达标",
                   unit: "倍数"),
            Column(name: "explanation", meaning: "评估结果的文字说明"),
            Column(name: "reported", meaning: "原文或报告对该指标现状的表述"),
            Column(name: "lead", meaning: "牵头单位，多个以分号分隔"),
            Column(name: "co", meaning: "配合单位，多个以分号分隔"),
            Column(name: "source", meaning: "指标数据的出处"),
        ], primaryKey: ["plan", "indicator"])
    }

    var departments: Table {
        Table(name: "departments", title: "部门", description: "每个地区的每个责任单位一行。", columns: [
            Column(name: "region", meaning: "地区编号"),
            Column(name: "department", meaning: "部门在地区内的编号"),
            Column(name: "name", meaning: "部门全称"),
            Column(name: "kind", meaning: "部门类别", values: coded("kind-", DepartmentKind.allCases.map(\.rawValue))),
            Column(name: "aliases", meaning: "原文中出现的简称和别名，多个以分号分隔"),
            Column(name: "lead_tasks", meaning: "该部门牵头的任务（规划编号/任务编号），多个以分号分隔"),
            Column(name: "co_tasks", meaning: "该部门配合的任务，多个以分号分隔"),
            Column(name: "indicators", meaning: "该部门负责的指标（规划编号/指标编号），多个以分号分隔"),
        ], primaryKey: ["region", "department"])
    }

    var observations: Table {
        Table(name: "observations", title: "报告值", description: "每个地区各统计口径的历年报告值，每个值注明出处。", columns: [
            Column(name: "region", meaning: "地区编号"),
            Column(name: "metric", meaning: "统计口径编号"),
            Column(name: "year", type: "integer", meaning: "数值所属年份", unit: "年"),
            Column(name: "value", meaning: "报告值，照录来源", unit: "见 unit 列"),
            Column(name: "unit", meaning: "计量单位（该统计口径的单位）"),
            Column(name: "basis", meaning: "统计口径；也可能是来源的其他表述",
                   values: coded("basis-", ["annual", "five-year-mean", "cumulative"]), closed: false),
            Column(name: "source", meaning: "数值出处"),
            Column(name: "note", meaning: "备注"),
        ], primaryKey: [])
    }

    // MARK: the page

    /// The tables as the data dictionary page shows them.
    /// The tables as the data dictionary shows them; the task tables, one per plan, are
    /// listed under their plans' titles (`plans`: ID and title in site order).
    func views(plans: [(id: String, title: String)]) -> [DataTableView] {
        tables.map { table in
            let perPlan = table.name == "tasks"
            return DataTableView(name: table.name, title: table.title, description: table.description,
                          csv: perPlan ? nil : "\(table.name).csv", json: perPlan ? nil : "\(table.name).json",
                          planFiles: perPlan ? plans.map { DataFileView(title: $0.title, csv: "tasks/\($0.id).csv", json: "tasks/\($0.id).json") } : [],
                          key: table.primaryKey.joined(separator: " + "),
                          columns: table.columns.map { c in
                              DataColumnView(name: c.name, type: c.type, meaning: c.meaning, unit: c.unit,
                                             values: c.values.map { "\($0.code)：\($0.meaning)" }.joined(separator: "；")
                                                + (c.closed || c.values.isEmpty ? "" : "；" + labels["data-other-values"]))
                          })
        }
    }

    // MARK: datapackage.json

    /// The Frictionless data package of the CSV files: a tabular data resource per table
    /// (UTF-8 with a byte-order mark, CRLF, a header row), its Table Schema with each column's
    /// type, meaning, unit and allowed values, and its primary key.
    /// The task tables are a resource per plan (`tasks-PLAN`, `planIDs` in site order), all
    /// with the Table Schema of `tasksSchema` (the file `URLs.tasksSchema`).
    func dataPackage(config: SiteConfig, sources: [(title: String, issuer: String)], planIDs: [String]) -> Data {
        var package: [String: Any] = [
            "profile": "tabular-data-package",
            "name": "plansite-open-data",
            "title": config.title,
            "description": "\(config.organisation)。数据日期：\(config.dataAsOf)。各列的含义见 index.html（数据说明）。",
            "sources": sources.map { ["title": "\($0.issuer)《\($0.title)》"] },
            "resources": tables.flatMap { table in
                table.name == "tasks"
                    ? planIDs.map { resource(table, name: "tasks-\($0)", path: "tasks/\($0).csv", schema: Self.tasksSchemaFile) }
                    : [resource(table, name: table.name, path: "\(table.name).csv", schema: schema(table))]
            },
        ]
        if !config.dataLicence.isEmpty { package["licenses"] = [["name": "other", "title": config.dataLicence]] }
        return Self.json(package)
    }

    /// The Table Schema of the task tables, shared by every plan's resource.
    var tasksSchema: Data { Self.json(schema(tasks)) }
    /// Where it is, relative to the data package.
    static let tasksSchemaFile = "tasks.schema.json"

    private static func json(_ object: Any) -> Data {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }

    private func schema(_ table: Table) -> [String: Any] {
        var schema: [String: Any] = ["fields": table.columns.map(field), "missingValues": [""]]
        if !table.primaryKey.isEmpty { schema["primaryKey"] = table.primaryKey }
        return schema
    }

    /// `schema`: the Table Schema, or the path of its file.
    private func resource(_ table: Table, name: String, path: String, schema: Any) -> [String: Any] {
        [
            "name": name, "path": path, "profile": "tabular-data-resource", "title": table.title,
            "description": table.description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            "dialect": ["delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "doubleQuote": true, "header": true],
            "schema": schema,
        ]
    }

    private func field(_ column: Column) -> [String: Any] {
        var description = column.meaning
        if !column.values.isEmpty {
            description += "。取值：" + column.values.map { "\($0.code)（\($0.meaning)）" }.joined(separator: "、")
        }
        var field: [String: Any] = ["name": column.name, "type": column.type, "description": description]
        if !column.unit.isEmpty { field["unit"] = column.unit }
        var constraints: [String: Any] = [:]
        if column.closed && !column.values.isEmpty { constraints["enum"] = column.values.map(\.code) }
        if let range = column.range {
            constraints["minimum"] = range.lowerBound
            constraints["maximum"] = range.upperBound
        }
        if !constraints.isEmpty { field["constraints"] = constraints }
        return field
    }
}

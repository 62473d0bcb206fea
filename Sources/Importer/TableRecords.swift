import ContentReader
import Foundation

/// The draft rows made from a plan's indicator tables: indicators.csv; the observations
/// that actual and current values become (rows for regions/REGION/observations.csv, the
/// table cell as source); and a draft metric for each indicator observed (rows for
/// regions/REGION/metrics.csv), which the indicator's `metric` names.
struct IndicatorDraft: Sendable {
    var indicators: [[String: String]] = []
    var observations: [[String: String]] = []
    var metrics: [[String: String]] = []

    static let observationColumns = ["metric", "year", "value", "basis", "source", "note"]
    static let metricColumns = ["id", "name", "unit", "direction", "note"]

    /// `groupLabel`: with several indicator tables, each table's label (表1) leads the group,
    /// so that rows with the same 序号 in two tables stay apart.
    static func make(tables: [FlattenedTable], planID: String, planEnd: Int) -> IndicatorDraft {
        var draft = IndicatorDraft()
        let indicatorTables = tables.filter { $0.kind == .indicators }
        for (k, table) in indicatorTables.enumerated() {
            let groupLabel = indicatorTables.count > 1 ? table.label : nil
            for (position, row) in table.rows.enumerated() {
                let id = "t\(k + 1)-" + (row.number.isEmpty ? String(position + 1) : row.number) + (row.subIndex.map { "-\($0)" } ?? "")
                draft.add(row, id: id, table: table, planID: planID, planEnd: planEnd, groupLabel: groupLabel)
            }
        }
        return draft
    }

    var observationsCSV: String? {
        observations.isEmpty ? nil : DraftWriter.csv([Self.observationColumns] + observations.map { r in Self.observationColumns.map { r[$0] ?? "" } })
    }

    var metricsCSV: String? {
        metrics.isEmpty ? nil : DraftWriter.csv([Self.metricColumns] + metrics.map { r in Self.metricColumns.map { r[$0] ?? "" } })
    }

    /// Values that say the source gives none.
    static func isGiven(_ value: String) -> Bool {
        !["", "-", "—", "－", "/", "——", "(略)", "（略）"].contains(value) && !TableCells.reportsNoValue(value)
    }

    mutating func add(_ row: FlattenedTable.Row, id: String, table: FlattenedTable, planID: String, planEnd: Int, groupLabel: String?) {
        var r = Self.describe(row, table: table)
        r["id"] = id
        r["group"] = [groupLabel, row.group.isEmpty ? nil : row.group].compactMap { $0 }.joined(separator: " ")
        var notes = row.notes
        if r["nature"] == "", let m = TextPatterns.match(#"^(约束性|预期性|参考性)指标$"#, row.domain) {
            r["nature"] = m[1]
            notes.append("类别格为“\(row.domain)”，nature 据此填写")
        }
        let place = "\(table.label ?? table.caption) " + (row.number.isEmpty ? "第\(id.split(separator: "-").last ?? "")行" : "序号\(row.number)")
            + (row.subIndex.map { "(第\($0)项)" } ?? "")
        let metric = "\(planID)-\(id)"
        var baselineTaken = false
        for (c, column) in table.columns.enumerated() {
            guard let cell = row.values[c], !cell.text.isEmpty else { continue }
            let (value, mark) = TableCells.footnote(cell.text).map { ($0.value, $0.mark) } ?? (cell.text, nil)
            if let mark { notes.append("“\(column.title)”格原文“\(cell.text)”，末尾的“\(mark)”为脚注标记") }
            switch column.role {
            case .baseline(let year) where !baselineTaken:
                r["baseline"] = value
                if let year { r["baseline_year"] = String(year) }
                baselineTaken = true
            case .target(let year):
                r["target_\(year ?? planEnd)"] = value
            default:
                notes.append("\(column.title)：\(value)")
            }
            guard !row.copiedFromFirst, let year = column.observedYear, Self.isGiven(value) else { continue }
            if case .actual = column.role { notes[notes.count - 1] += "(记入 observations.csv 草稿)" }
            observations.append(["metric": metric, "year": String(year), "value": value, "basis": value.hasPrefix("〔") ? "cumulative" : "",
                                 "source": "\(planID) \(place) \(r["name"] ?? "") \(column.title)(源文件第\(cell.line)行)",
                                 "note": mark.map { "原表值后有脚注标记“\($0)”" } ?? ""])
            r["metric"] = metric
        }
        if r["metric"] != nil {
            metrics.append(["id": metric, "name": r["name"] ?? "", "unit": r["unit"] ?? "",
                            "note": "plansite import 据 \(planID) \(place) 起草；本区已有同一度量时改用其 ID，并删去此行"])
        }
        if !row.remark.isEmpty, !row.copiedFromFirst { notes.append("备注：\(row.remark)") }
        if row.copiedFromFirst { notes.append("原表此项没有自己的数值格(合并单元格)，数值沿用本序号第一项") }
        r["source"] = "\(table.caption) " + (row.number.isEmpty ? "第\(id.split(separator: "-").last ?? "")行" : "序号\(row.number)")
            + (row.subIndex.map { "(第\($0)项)" } ?? "") + "(源文件第\(row.name.line)行)"
        r["note"] = notes.joined(separator: "；")
        indicators.append(r)
    }

    /// Number, name and unit (from the unit cell, from brackets after the name, or glued to
    /// its end), domain, action, nature, verdict, departments.
    static func describe(_ row: FlattenedTable.Row, table: FlattenedTable) -> [String: String] {
        var name = row.name.text
        var unit = row.unit
        if !table.columns.contains(where: { $0.role == .unit }) {
            (name, unit) = TableCells.splitUnit(name)
        }
        if unit.isEmpty, !row.gluedUnit.isEmpty, name.hasSuffix(row.gluedUnit) {
            name = String(name.dropLast(row.gluedUnit.count))
            unit = row.gluedUnit
        }
        if unit.isEmpty { unit = row.groupUnit }
        return ["number": row.number, "name": name, "unit": unit, "domain": TableCells.groupName(row.domain), "action": row.action, "nature": row.nature,
                "reported": row.reported, "departments": row.departments.joined(separator: "、")]
    }
}

extension IndicatorDraft {
    /// Where the drafted observations and metrics go, in review.md.
    func report(region: String, into report: inout ReviewReport) {
        guard !observations.isEmpty else { return }
        let lines = observations.compactMap { Self.sourceLine($0) }
        for o in observations {
            guard let value = o["value"], case .failure = ValueParser.parse(value) else { continue }
            report.add(.edit, line: Self.sourceLine(o), "observations.csv \(o["metric"] ?? "") \(o["year"] ?? "") 年的值“\(value)”plansite 读不出(以数字开头却不是可读的数值)：请改写，或删去此行")
        }
        for (name, ids) in Dictionary(grouping: metrics, by: { TextPatterns.compact($0["name"] ?? "") }).filter({ $0.value.count > 1 }).sorted(by: { $0.key < $1.key }) {
            report.add(.table, line: lines.min(), "“\(name)”在表中出现 \(ids.count) 次，各起草了一个度量(\(ids.compactMap { $0["id"] }.joined(separator: "、")))：若是同一度量，请合并为一个 ID")
        }
        report.add(.table, line: lines.min(), endLine: lines.max(),
                   "表中的实际值(完成值、现状值)起草为 \(observations.count) 条观测值(observations.csv，出处为表格单元格)和 \(metrics.count) 个度量(metrics.csv)；"
                   + "把两个文件的行并入 regions/\(region)/observations.csv 和 regions/\(region)/metrics.csv，否则 indicators.csv 的 metric 列引用的度量不存在。"
                   + "度量 ID 是草稿起的：本区已有同一度量(如 PM2.5 年均浓度)时，把 metric 改为已有的 ID 并删去草稿度量；basis 只在值加〔〕时填 cumulative，其余请按口径核对")
    }
}

extension IndicatorDraft {
    static func sourceLine(_ record: [String: String]) -> Int? {
        record["source"].flatMap { TextPatterns.match(#"源文件第(\d+)行"#, $0)?[1] }.flatMap { Int($0) }
    }
}

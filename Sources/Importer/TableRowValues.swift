import Foundation

extension TableParser {
    /// A row filled from its run: unit (or a unit glued to the name), nature, verdict,
    /// departments, values aligned to the value columns, footnote marks.
    func makeRow(_ start: FlattenedTable.Row, run r: TableRun, layout: TableLayout, report: inout ReviewReport) -> FlattenedTable.Row {
        var row = start
        let where_ = "\(layout.caption) " + (row.number.isEmpty ? "" : "序号\(row.number)")
        row.unit = r.unit?.text ?? ""
        row.nature = r.nature
        row.reported = r.reported.joined()
        row.remark = r.remark?.text ?? ""
        row.departmentCells = r.departments.map(\.text)
        row.departments = r.departments.flatMap { cell in
            TableCells.departmentParts(cell.text).map { part -> String in
                let stripped = part.trimmingCharacters(in: CharacterSet(charactersIn: "()（）"))
                if stripped != part {
                    report.add(.table, line: cell.line, "\(where_)：责任部门“\(part)”带括号，indicators.csv 去掉括号录为“\(stripped)”")
                }
                return stripped
            }
        }
        if row.unit.isEmpty, !row.copiedFromFirst {
            reportMissingUnit(&row, layout: layout, where_: where_, report: &report)
        }
        assignValues(&row, r.values, layout: layout, where_: where_, report: &report)
        return row
    }

    /// No unit cell: a unit glued to the end of the name is split off (`全员劳动生产率万元/人`);
    /// otherwise, in a table with a unit column, the unit stays empty and review.md says so.
    func reportMissingUnit(_ row: inout FlattenedTable.Row, layout: TableLayout, where_: String, report: inout ReviewReport) {
        let name = layout.hasUnit ? row.name.text : TableCells.splitUnit(row.name.text).0
        if layout.hasUnit || TableCells.splitUnit(row.name.text).1.isEmpty, let glued = TableCells.gluedUnit(name) {
            row.gluedUnit = glued.unit
            report.add(.table, line: row.name.line, "\(where_)“\(row.name.text)”：单位格为空，名称末尾的“\(glued.unit)”读作单位，name 录为“\(glued.name)”；请核对")
        } else if layout.hasUnit {
            report.add(.table, line: row.name.line, "\(where_)“\(row.name.text)”：没有“单位”格(可能是合并单元格)，单位留空")
        }
    }

    /// Values aligned to the value columns from the right when some are missing; surplus
    /// values go to the note; footnote marks glued to a value are reported.
    func assignValues(_ row: inout FlattenedTable.Row, _ values: [FlattenedTable.Cell], layout: TableLayout, where_: String,
                      report: inout ReviewReport) {
        let valueColumns = layout.valueColumns
        let offset = max(0, valueColumns.count - values.count)
        for (k, v) in values.prefix(valueColumns.count).enumerated() { row.values[valueColumns[offset + k]] = v }
        if values.count < valueColumns.count, !values.isEmpty, !row.copiedFromFirst {
            let skipped = valueColumns.prefix(offset).map { layout.columns[$0].title }.joined(separator: "、")
            report.add(.table, line: values[0].line, "\(where_)“\(row.name.text)”：只有 \(values.count) 个数值格，少于表头的 \(valueColumns.count) 个；按列序右对齐，“\(skipped)”留空，请核对")
        }
        if values.count > valueColumns.count {
            let extra = values.dropFirst(valueColumns.count)
            row.notes.append("多出的数值格：" + extra.map(\.text).joined(separator: "；"))
            report.add(.table, line: extra.first!.line, "\(where_)：数值格多于表头的 \(valueColumns.count) 列，多出的“\(extra.map(\.text).joined(separator: "；"))”记入 note")
        }
        guard !row.copiedFromFirst else { return }
        for (c, cell) in row.values.sorted(by: { $0.key < $1.key }) {
            guard let f = TableCells.footnote(cell.text) else { continue }
            report.add(.table, line: cell.line, "\(where_)“\(row.name.text)”：“\(layout.columns[c].title)”格“\(cell.text)”末尾的“\(f.mark)”读作脚注标记，草稿录为“\(f.value)”，标记记入 note；请对照表注核对")
        }
    }

    /// `低碳县/低(零)碳乡镇(街道)/低(零)碳村(社区)建设数量(个)` with target `1/10/100`: one row per part.
    func splitSlashes(_ rows: [FlattenedTable.Row], caption: String, report: inout ReviewReport) -> [FlattenedTable.Row] {
        var out: [FlattenedTable.Row] = []
        for row in rows {
            let (name, unit) = TableCells.splitUnit(row.name.text)
            let parts = name.split(separator: "/").map(String.init)
            let slashed = row.values.filter { $0.value.text.split(separator: "/").count == parts.count && $0.value.text.split(separator: "/").allSatisfy { Double($0) != nil } }
            guard parts.count >= 2, slashed.count == 1, let (column, value) = slashed.first else {
                out.append(row)
                continue
            }
            let values = value.text.split(separator: "/").map(String.init)
            report.add(.table, line: row.name.line, "\(caption) 序号\(row.number)：名称和目标值都以“/”分隔 \(parts.count) 项，拆为 \(parts.count) 行")
            let names = measureSharedByAll(parts, row: row, caption: caption, report: &report)
            for (k, part) in names.enumerated() {
                var sub = row
                sub.group = name
                sub.groupUnit = unit
                sub.name = FlattenedTable.Cell(text: part, line: row.name.line, endLine: row.name.endLine)
                sub.subIndex = k + 1
                sub.values[column] = FlattenedTable.Cell(text: values[k], line: value.line, endLine: value.endLine)
                out.append(sub)
            }
        }
        return out
    }

    /// `…/低(零)碳村(社区)建设数量`: the measure after the last part belongs to all parts.
    func measureSharedByAll(_ parts: [String], row: FlattenedTable.Row, caption: String, report: inout ReviewReport) -> [String] {
        var names = parts
        for suffix in ["建设数量", "创建数量", "数量", "个数"] where names.last!.hasSuffix(suffix) && names.last! != suffix
            && !names.dropLast().contains(where: { $0.hasSuffix(suffix) }) {
            names[names.count - 1] = String(names.last!.dropLast(suffix.count))
            report.add(.table, line: row.name.line, "\(caption) 序号\(row.number)：末项名称后的“\(suffix)”属于全部各项，拆行时从末项名称中去掉")
            break
        }
        return names
    }
}

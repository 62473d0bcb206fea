import Foundation

extension TableParser {
    /// Cells at the end of a row that belong to the next one: its 任务 ((二)…) and, when the
    /// category column stands before the 序号, its category (as wide as the first one).
    func takeNextRowContext(_ tokens: inout [FlattenedTable.Cell], context: RowContext, layout: TableLayout, nextNumber: String,
                            report: inout ReviewReport) -> RowContext.Carried {
        var carried = RowContext.Carried()
        if layout.hasAction, let last = tokens.last, TableCells.isActionCell(last.text) {
            carried.action = last.text
            tokens.removeLast()
        }
        if let last = tokens.last, tokens.count > 1, TableCells.isGroupHeading(last.text) {
            carried.domain = last.text
            tokens.removeLast()
            report.add(.table, line: last.line, "\(layout.caption)：“\(last.text)”是跨整行的分组标题，读作以下各行(从序号\(nextNumber)起)的类别")
            return carried
        }
        guard layout.hasCategory, !layout.categoryAfterNumber else { return carried }
        var taken: [FlattenedTable.Cell] = []
        if context.categoryCount <= 1 {
            if let last = tokens.last, tokens.count > 1,
               TableCells.isCategoryLike(last.text) || TextPatterns.matches(#"^(约束性|预期性|参考性)指标$"#, last.text) {
                taken = [last]
            }
        } else {
            let width = context.categoryWidth
            var k = tokens.count - 1
            var length = 0
            while k > 0, taken.count < context.categoryCount, tokens[k].text.count <= width,
                  TableCells.isCategoryLike(tokens[k].text), length + tokens[k].text.count <= width * context.categoryCount {
                taken.insert(tokens[k], at: 0)
                length += tokens[k].text.count
                k -= 1
            }
        }
        guard !taken.isEmpty else { return carried }
        tokens.removeLast(taken.count)
        carried.domain = taken.map(\.text).joined()
        if taken.count > 1 {
            report.add(.table, line: taken[0].line, endLine: taken.last!.line,
                       "\(layout.caption)：第\(taken[0].line)–\(taken.last!.line)行读作下一行(序号\(nextNumber))的类别“\(carried.domain!)”，请核对它们不是本行的子项")
        }
        return carried
    }

    /// What review.md says after a table: columns no row fills, targets without a year, every
    /// cell that could not be placed (with its line), and the rows of the source against the
    /// rows drafted.
    func reportCompleteness(_ table: FlattenedTable, layout: TableLayout, report: inout ReviewReport) {
        for (c, column) in table.columns.enumerated() where ![.number, .name, .category, .action, .other].contains(column.role) {
            let filled = table.rows.contains { row in
                switch column.role {
                case .unit: return !row.unit.isEmpty
                case .nature: return !row.nature.isEmpty
                case .reported: return !row.reported.isEmpty
                case .departments: return !row.departments.isEmpty
                case .remark: return !row.remark.isEmpty
                default: return row.values[c] != nil
                }
            }
            if !filled, !table.rows.isEmpty {
                report.add(.table, line: table.firstLine, "\(table.caption)：表头有“\(column.title)”列，但各行都没有这一列的值(网页文本缺失或原表该列为空)")
            }
        }
        for c in layout.valueColumns where table.columns[c].role == .target(nil) && table.rows.contains(where: { $0.values[c] != nil }) {
            report.add(.table, line: table.firstLine, "\(table.caption)：“\(table.columns[c].title)”列没有年份，indicators.csv 按规划期末 \(planEnd) 年列为 target_\(planEnd)")
        }
        if !table.leftovers.isEmpty {
            report.add(.table, line: table.leftovers.first!.line, endLine: table.leftovers.last!.endLine,
                       "\(table.caption)：\(table.leftovers.count) 格未能对齐到任何行，已作为【待核】文字放在表后")
            for cell in table.leftovers {
                report.add(.table, line: cell.line, endLine: cell.endLine, "\(table.caption)：未能放入任何一列的单元格“\(cell.text)”，请核对应属哪一行哪一列")
            }
        }
        reportRowCount(table, report: &report)
    }

    func reportRowCount(_ table: FlattenedTable, report: inout ReviewReport) {
        let drafted = table.rows.count
        let source = table.sourceRows
        var message = "\(table.caption)：源表数据行 \(source) 行\(table.unnumbered ? "(没有序号，按名称切出，请对照原表核对行数)" : "")，indicators.csv 草稿 \(drafted) 行"
        if drafted != source {
            let subRows = table.rows.filter { $0.subIndex != nil }.count
            message += drafted > source ? "(其中 \(subRows) 行是同一序号下的子项或按“/”拆出的行)" : "，少了 \(source - drafted) 行：请对照原表补齐"
        }
        report.add(.table, line: table.firstLine, endLine: table.lastLine, message)
    }
}

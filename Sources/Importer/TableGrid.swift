import Foundation

/// Rows of a flattened table cut at the row numbers, and the grid of a table that is not an
/// indicator table (a 重点工作任务清单): cells as written, for plan.md.
extension TableParser {
    /// Splits cells at the row numbers 1, 2, 3 … (each a cell of its own).
    func segments(_ cells: [FlattenedTable.Cell]) -> (pre: [FlattenedTable.Cell], rows: [(number: FlattenedTable.Cell, cells: [FlattenedTable.Cell])]) {
        var pre: [FlattenedTable.Cell] = []
        var rows: [(FlattenedTable.Cell, [FlattenedTable.Cell])] = []
        var expected = 1
        for (k, cell) in cells.enumerated() {
            let next = k + 1 < cells.count ? cells[k + 1].text : ""
            if cell.text == String(expected), Int(next) == nil {
                rows.append((cell, []))
                expected += 1
            } else if rows.isEmpty {
                pre.append(cell)
            } else {
                rows[rows.count - 1].1.append(cell)
            }
        }
        return (pre, rows)
    }

    func parseGrid(_ table: inout FlattenedTable, cells: [FlattenedTable.Cell], report: inout ReviewReport) {
        let width = table.columns.count
        let numberFirst = table.columns.first?.role == .number
        let (pre, rows) = segments(cells)
        guard numberFirst, !rows.isEmpty else {
            // No numbered rows: cut the cells into rows of the header's width.
            var row: [String] = []
            for cell in cells {
                row.append(cell.text)
                if row.count == width { table.grid.append(row); row = [] }
            }
            if !row.isEmpty {
                table.leftovers += cells.suffix(row.count)
                report.add(.table, line: cells[cells.count - row.count].line, endLine: cells.last?.line,
                           "\(table.caption)：最后 \(row.count) 格凑不满一行(表头 \(width) 列)，已作为【待核】文字放在表后")
            }
            if !cells.isEmpty {
                report.add(.table, line: cells.first?.line, endLine: cells.last?.line,
                           "\(table.caption)：没有序号，按表头 \(width) 列逐格切行，请核对每行是否错位")
            }
            return
        }
        // Cells before row 1 (e.g. the first section row "(一)…") span the whole row.
        for cell in pre { table.grid.append([cell.text] + Array(repeating: "", count: width - 1)) }
        for (number, rowCells) in rows {
            var cells = rowCells
            var spanning: [FlattenedTable.Cell] = []
            while let last = cells.last, TableCells.isActionCell(last.text), cells.count > width - 1 {
                spanning.insert(last, at: 0)
                cells.removeLast()
            }
            if cells.count == width - 1 {
                table.grid.append([number.text] + cells.map(\.text))
            } else if cells.count > width - 1 {
                let extra = cells.dropFirst(width - 1)
                table.grid.append([number.text] + cells.prefix(width - 1).map(\.text))
                table.leftovers += extra
                report.add(.table, line: extra.first!.line, endLine: extra.last!.line,
                           "\(table.caption) 序号\(number.text)：有 \(cells.count) 格，多于表头的 \(width - 1) 列；多出的“\(extra.map(\.text).joined(separator: " "))”未放入表格，作为【待核】文字放在表后")
            } else {
                table.grid.append([number.text] + cells.map(\.text) + Array(repeating: "", count: width - 1 - cells.count))
                report.add(.table, line: number.line, endLine: cells.last?.line ?? number.line,
                           "\(table.caption) 序号\(number.text)：只有 \(cells.count) 格，少于表头的 \(width - 1) 列(可能是合并单元格)，请核对")
            }
            for cell in spanning { table.grid.append([cell.text] + Array(repeating: "", count: width - 1)) }
        }
    }
}

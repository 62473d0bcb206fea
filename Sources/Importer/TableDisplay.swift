import Foundation

extension FlattenedTable {
    /// The table as a grid for plan.md, cells as written: the header, then one line per row;
    /// a group heading gets a line of its own with its 序号, its sub-rows follow without one.
    func displayGrid() -> [[String]] {
        var grid = [columns.map(\.title)]
        guard kind == .indicators else { return grid + self.grid.map { $0 + Array(repeating: "", count: max(0, columns.count - $0.count)) } }
        var last = DisplayContext()
        var repeatedHeaders = repeatedHeaderLines[...]
        for row in rows {
            while let line = repeatedHeaders.first, line < row.name.line {
                grid.append(columns.map(\.title))
                repeatedHeaders = repeatedHeaders.dropFirst()
            }
            if row.domain != last.heading, TableCells.isGroupHeading(row.domain), !columns.contains(where: { $0.role == .category }) {
                // A group heading row (一、经济发展) spans the table: written in its first cell.
                grid.append([row.domain] + Array(repeating: "", count: columns.count - 1))
                last.heading = row.domain
            }
            let groupKey = row.number + "|" + row.group
            if !row.group.isEmpty, groupKey != last.group {
                var cells = Array(repeating: "", count: columns.count)
                context(&cells, row, &last)
                for (c, column) in columns.enumerated() {
                    if column.role == .number { cells[c] = row.number }
                    if column.role == .name { cells[c] = row.group + (row.groupUnit.isEmpty ? "" : "(\(row.groupUnit))") }
                }
                grid.append(cells)
                last.group = groupKey
            }
            var cells = Array(repeating: "", count: columns.count)
            context(&cells, row, &last)
            for (c, column) in columns.enumerated() { cells[c] = displayCell(row, column: c, role: column.role) ?? cells[c] }
            grid.append(cells)
        }
        return grid
    }

    struct DisplayContext {
        var domain: String?
        var action: String?
        var group: String?
        var heading: String?
    }

    /// The category and 任务 cells, written where they change.
    func context(_ cells: inout [String], _ row: Row, _ last: inout DisplayContext) {
        for (c, column) in columns.enumerated() {
            if column.role == .category, row.domain != last.domain { cells[c] = row.domain }
            if column.role == .action, row.action != last.action { cells[c] = row.action }
        }
        last.domain = row.domain
        last.action = row.action
    }

    /// A row's cell as written (nil: the column's cell is set elsewhere). A sub-row without
    /// cells of its own shows none (the CSV repeats the first's).
    func displayCell(_ row: Row, column c: Int, role: Role) -> String? {
        let copied = row.copiedFromFirst
        switch role {
        case .number: return row.group.isEmpty ? row.number : ""
        case .name: return row.name.text
        case .unit: return copied ? "" : row.unit
        case .nature: return copied ? "" : row.nature
        case .reported: return copied ? "" : row.reported
        case .departments: return copied ? "" : row.departmentCells.joined(separator: " ")
        case .baseline, .target, .actual: return copied ? "" : (row.values[c]?.text ?? "")
        case .remark: return copied ? "" : row.remark
        case .category, .action, .other: return nil
        }
    }

    /// The table's label as the document numbers it: `表1`, `附件1` (nil when it has none).
    var label: String? {
        TextPatterns.match(#"^(表\s*\d+|附件\s*\d+)"#, caption).map { TextPatterns.compact($0[1]) }
    }
}

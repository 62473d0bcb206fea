import Foundation

/// The cells of one indicator as the page wrote them: name-like cells first (a wrapped name,
/// or a group heading and its first sub-row, or the row's category), then the unit, values,
/// nature, verdict and departments in the order of the table's header.
struct TableRun {
    typealias Cell = FlattenedTable.Cell

    var names: [Cell] = []
    var unit: Cell?
    var values: [Cell] = []
    var nature = ""
    var reported: [String] = []
    var departments: [Cell] = []
    var remark: Cell?
    var isEmpty: Bool { unit == nil && values.isEmpty && nature.isEmpty && reported.isEmpty && departments.isEmpty && remark == nil }

    static func join(_ cells: ArraySlice<Cell>) -> Cell? {
        guard let first = cells.first, let last = cells.last else { return nil }
        return Cell(text: cells.map(\.text).joined(), line: first.line, endLine: last.endLine)
    }

    /// Takes the cells of one step from `tokens` at `i`.
    mutating func take(_ step: TableLayout.Step, from tokens: [Cell], at i: inout Int, layout: TableLayout) {
        func next(_ test: (String) -> Bool) -> Cell? {
            guard i < tokens.count, test(tokens[i].text) else { return nil }
            defer { i += 1 }
            return tokens[i]
        }
        switch step {
        case .unit:
            if layout.hasUnit, let cell = next(TableCells.isUnit) { unit = cell }
        case .values:
            while !layout.valueColumns.isEmpty, let cell = next(TableCells.isValue) { values.append(cell) }
        case .nature:
            if let cell = next(TableCells.isNature) { nature = cell.text }
        case .reported:
            while let cell = next(TableCells.isReported) { reported.append(cell.text) }
        case .departments:
            while let cell = next(TableCells.isDepartment) { departments.append(cell) }
        case .remark:
            guard !isEmpty, i < tokens.count, !TableCells.isActionCell(tokens[i].text) else { return }
            // Where the next 序号 ends the row, the cell left is the 备注. Without row numbers
            // it may be the next name: a 备注 only when a one-line name follows it.
            let isName = { (k: Int) in k < tokens.count && TableCells.isNameLike(tokens[k].text) }
            if layout.numbered || !isName(i) || i + 1 == tokens.count || isName(i + 1) && !isName(i + 2) {
                remark = tokens[i]
                i += 1
            }
        }
    }
}

extension TableParser {
    /// Cuts cells into runs: each starts with a name (whatever the first cell looks like) and
    /// takes the name-like cells after it, then the cells of the header's other columns.
    /// Cells that fit nothing after a run is complete are leftovers.
    func readRuns(_ tokens: [FlattenedTable.Cell], layout: TableLayout, leftovers: inout [FlattenedTable.Cell]) -> [TableRun] {
        var runs: [TableRun] = []
        var i = 0
        while i < tokens.count {
            if !runs.isEmpty, !TableCells.isNameLike(tokens[i].text) || TableCells.isActionCell(tokens[i].text) {
                leftovers.append(tokens[i])
                i += 1
                continue
            }
            var run = TableRun()
            run.names.append(tokens[i])
            i += 1
            while i < tokens.count, TableCells.isNameLike(tokens[i].text) {
                run.names.append(tokens[i])
                i += 1
            }
            for step in layout.steps { run.take(step, from: tokens, at: &i, layout: layout) }
            runs.append(run)
        }
        return runs
    }
}

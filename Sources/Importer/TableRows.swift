import Foundation

/// What the rows of one indicator table share: its columns by meaning, and in which order a
/// row's cells after the name come (the header's order).
struct TableLayout {
    enum Step: Equatable { case unit, values, nature, reported, departments, remark }

    let caption: String
    let columns: [FlattenedTable.Column]
    let valueColumns: [Int]
    let steps: [Step]
    let hasUnit: Bool
    let hasCategory: Bool
    let hasAction: Bool
    /// The category column stands after the 序号 (序号 / 类目 / 指标名称): its cell opens a row.
    let categoryAfterNumber: Bool
    /// Rows are cut at the 序号, so a free-text cell after the others is the row's 备注.
    let numbered: Bool

    init(_ table: FlattenedTable) {
        let columns = table.columns
        caption = table.caption
        self.columns = columns
        valueColumns = columns.indices.filter { columns[$0].role.isValue }
        hasUnit = columns.contains { $0.role == .unit }
        hasCategory = columns.contains { $0.role == .category }
        hasAction = columns.contains { $0.role == .action }
        let number = columns.firstIndex { $0.role == .number }
        let category = columns.firstIndex { $0.role == .category }
        categoryAfterNumber = category.map { c in number.map { c > $0 } ?? true } ?? false
        numbered = number != nil
        steps = Self.steps(columns)
    }

    /// The cells after the name in the header's order; columns written before the name (a
    /// 指标性质 column at the left) come last.
    static func steps(_ columns: [FlattenedTable.Column]) -> [Step] {
        let nameIndex = columns.firstIndex { $0.role == .name } ?? 0
        let ordered = columns[(nameIndex + 1)...] + columns[..<nameIndex]
        var steps: [Step] = []
        for column in ordered {
            let step: Step?
            switch column.role {
            case .unit: step = .unit
            case .baseline, .target, .actual: step = .values
            case .nature: step = .nature
            case .reported: step = .reported
            case .departments: step = .departments
            case .remark: step = .remark
            default: step = nil
            }
            if let step, !steps.contains(step) { steps.append(step) }
        }
        return steps
    }
}

extension TableParser {
    func parseIndicatorRows(_ table: inout FlattenedTable, cells rawCells: [FlattenedTable.Cell], report: inout ReviewReport) {
        let cells = TableCells.joinCells(rawCells)
        for cell in cells where cell.endLine != cell.line {
            report.add(.table, line: cell.line, endLine: cell.endLine, "\(table.caption)：一格被网页断成多行，已合为“\(cell.text)”")
        }
        let layout = TableLayout(table)
        let (pre, segments) = self.segments(cells)
        if segments.isEmpty, !layout.columns.contains(where: { $0.role == .number }) {
            parseUnnumberedRows(&table, cells: cells, layout: layout, report: &report)
        } else if segments.isEmpty {
            table.leftovers = cells
            report.add(.table, line: cells.first?.line ?? table.firstLine, endLine: cells.last?.line,
                       "\(table.caption)：找不到序号 1、2、3…，未能拆出行；全部单元格作为【待核】文字放在表后")
        } else {
            parseNumberedRows(&table, pre: pre, segments: segments, layout: layout, report: &report)
        }
        reportCompleteness(table, layout: layout, report: &report)
    }

    /// Rows cut at the 序号. Category (and 任务) cells written before a row's number belong to
    /// it: before row 1 they show how wide the category column wraps.
    func parseNumberedRows(_ table: inout FlattenedTable, pre: [FlattenedTable.Cell], segments: [(number: FlattenedTable.Cell, cells: [FlattenedTable.Cell])],
                           layout: TableLayout, report: inout ReviewReport) {
        var pre = pre
        if !layout.hasCategory || layout.categoryAfterNumber {
            // No category column before the 序号: cells before row 1 fit no column, unless
            // they head the rows (一、经济发展).
            let fits = { (cell: FlattenedTable.Cell) in TableCells.isActionCell(cell.text) || TableCells.isGroupHeading(cell.text) }
            table.leftovers += pre.filter { !fits($0) }
            pre.removeAll { !fits($0) }
        }
        var context = RowContext(pre: pre)
        for heading in pre where TableCells.isGroupHeading(heading.text) {
            report.add(.table, line: heading.line, "\(table.caption)：“\(heading.text)”是跨整行的分组标题，读作以下各行(从序号1起)的类别")
        }
        if context.categoryCount > 1 {
            report.add(.table, line: context.preCategory[0].line, endLine: context.preCategory.last!.line,
                       "\(table.caption)：类别格“\(context.domain)”被网页断成 \(context.categoryCount) 行；以后各行的类别按同样宽度(每行不超过 \(context.categoryWidth) 字)识别")
        }
        table.sourceRows = segments.count
        for (s, segment) in segments.enumerated() {
            var tokens = segment.cells
            let next = s + 1 < segments.count ? segments[s + 1].number.text : nil
            let carried = next.map { takeNextRowContext(&tokens, context: context, layout: layout, nextNumber: $0, report: &report) }
            let result = parseSegment(number: segment.number, tokens: tokens, layout: layout, domain: context.domain,
                                      leftovers: &table.leftovers, report: &report)
            for var row in result.rows {
                row.domain = result.domain ?? context.domain
                row.action = context.action
                table.rows.append(row)
            }
            if let d = result.domain { context.domain = d }
            if let carried { context.carry(carried) }
        }
    }

    /// A table without row numbers (指标名称 / 指标属性 / 目标值 / 现状值 / 进展评价): a row
    /// starts at each name after the cells of the row before.
    func parseUnnumberedRows(_ table: inout FlattenedTable, cells: [FlattenedTable.Cell], layout: TableLayout, report: inout ReviewReport) {
        let runs = readRuns(cells, layout: layout, leftovers: &table.leftovers)
        guard let first = cells.first else { return }
        report.add(.table, line: first.line, endLine: cells.last?.line,
                   "\(table.caption)：表中没有序号，按“名称在前、数值在后”切行，number 留空；请核对每行是否错位")
        var domain = ""
        let hasRemark = layout.steps.contains(.remark)
        for run in runs {
            if hasRemark, run.isEmpty, let last = table.rows.indices.last, table.rows[last].remark.isEmpty, let text = TableRun.join(run.names[...]) {
                // Free text without cells of its own after a row: that row's 备注.
                table.rows[last].remark = text.text
                report.add(.table, line: text.line, endLine: text.endLine, "\(table.caption)：“\(text.text)”没有数值格，读作上一行的备注")
                continue
            }
            var names = run.names[...]
            if let category = categoryCell(opening: names, layout: layout) {
                domain = category.text
                names = names.dropFirst()
                report.add(.table, line: category.line, "\(table.caption)：“\(category.text)”读作类别(跨行的类别格)，用于此行及以下各行")
            }
            guard let name = TableRun.join(names) else { continue }
            if names.count > 1 {
                report.add(.table, line: name.line, endLine: name.endLine, "\(table.caption)：指标名称跨 \(names.count) 行，已合为“\(name.text)”")
            }
            var row = makeRow(FlattenedTable.Row(number: "", name: name), run: run, layout: layout, report: &report)
            row.domain = domain
            table.rows.append(row)
        }
        table.sourceRows = table.rows.count
        table.unnumbered = true
    }

    /// The first of several name-like cells of a row is its category when the category column
    /// stands before the name and the cell reads as one (short, no digits).
    func categoryCell(opening names: ArraySlice<FlattenedTable.Cell>, layout: TableLayout) -> FlattenedTable.Cell? {
        guard layout.hasCategory, layout.categoryAfterNumber, names.count >= 2, let first = names.first,
              first.text.count <= 6, TableCells.isCategoryLike(first.text) else { return nil }
        return first
    }
}

/// The category and 任务 in force while the rows are read.
struct RowContext {
    var domain = ""
    var action = ""
    let preCategory: [FlattenedTable.Cell]
    var categoryCount: Int { max(1, preCategory.count) }
    var categoryWidth: Int { preCategory.map(\.text.count).max() ?? 8 }

    init(pre: [FlattenedTable.Cell]) {
        preCategory = pre.filter { !TableCells.isActionCell($0.text) }
        if let a = pre.last(where: { TableCells.isActionCell($0.text) }) { action = a.text }
        domain = preCategory.map(\.text).joined()
    }

    struct Carried {
        var domain: String?
        var action: String?
    }

    mutating func carry(_ c: Carried) {
        if let d = c.domain {
            domain = d
            if c.action == nil { action = "" }
        }
        if let a = c.action { action = a }
    }
}

import Foundation

extension TableParser {
    struct SegmentRows {
        var rows: [FlattenedTable.Row]
        /// The category cell that opened the row (序号 / 类目 / 指标名称), in force from here on.
        var domain: String?
    }

    typealias Entry = (name: FlattenedTable.Cell, run: TableRun?)

    /// The cells after one 序号: the indicator, or a group heading and its sub-rows.
    func parseSegment(number: FlattenedTable.Cell, tokens: [FlattenedTable.Cell], layout: TableLayout, domain: String,
                      leftovers: inout [FlattenedTable.Cell], report: inout ReviewReport) -> SegmentRows {
        var runs = readRuns(tokens, layout: layout, leftovers: &leftovers)
        guard !runs.isEmpty else {
            report.add(.table, line: number.line, "\(layout.caption) 序号\(number.text)：序号后没有单元格")
            return SegmentRows(rows: [], domain: nil)
        }
        var newDomain: String?
        if let category = categoryCell(opening: runs[0].names[...], layout: layout) {
            newDomain = category.text
            runs[0].names.removeFirst()
            if category.text != domain {
                report.add(.table, line: category.line, "\(layout.caption) 序号\(number.text)：“\(category.text)”读作类别(跨行的类别格)，用于此行及以下各行，直到下一个类别")
            }
        }
        let (group, entries) = self.entries(runs, number: number.text, caption: layout.caption, report: &report)
        var rows: [FlattenedTable.Row] = []
        var firstRun: TableRun?
        let subRows = entries.count > 1 || group != nil
        for (k, entry) in entries.enumerated() {
            var row = FlattenedTable.Row(number: number.text, subIndex: subRows ? k + 1 : nil, name: entry.name)
            if let g = group {
                (row.group, row.groupUnit) = TableCells.splitUnit(g.text)
            }
            var run = entry.run
            if run == nil, let f = firstRun {
                run = f
                row.copiedFromFirst = true
                report.add(.table, line: entry.name.line, "\(layout.caption) 序号\(number.text)：子项“\(entry.name.text)”没有自己的数值格(合并单元格？)，indicators.csv 沿用第一项的值，请核对")
            }
            guard let r = run else { rows.append(row); continue }
            if firstRun == nil { firstRun = r }
            rows.append(makeRow(row, run: r, layout: layout, report: &report))
        }
        return SegmentRows(rows: splitSlashes(rows, caption: layout.caption, report: &report), domain: newDomain)
    }

    /// The names of a segment's runs: one indicator (its name wrapped over lines), or a group
    /// heading (`…指标`, or the names before the last of the first run) and its sub-rows.
    func entries(_ runs: [TableRun], number: String, caption: String, report: inout ReviewReport) -> (group: FlattenedTable.Cell?, entries: [Entry]) {
        var group: FlattenedTable.Cell?
        var entries: [Entry] = []
        if runs.count == 1 {
            let names = runs[0].names
            if names.count >= 2, let k = names.dropLast().lastIndex(where: { $0.text.hasSuffix("指标") }) {
                group = TableRun.join(names[...k])
                entries.append((TableRun.join(names[(k + 1)...])!, runs[0]))
            } else if let name = TableRun.join(names[...]) {
                entries.append((name, runs[0]))
                if names.count > 1 {
                    report.add(.table, line: names[0].line, endLine: names.last!.line,
                               "\(caption) 序号\(number)：指标名称跨 \(names.count) 行，已合为“\(name.text)”")
                }
            }
            return (group, entries)
        }
        for (r, run) in runs.enumerated() {
            if r == 0 {
                if run.names.count >= 2 {
                    group = TableRun.join(run.names.dropLast()[...])
                    entries.append((run.names.last!, run))
                } else if let name = run.names.first {
                    entries.append((name, run))
                }
            } else if run.isEmpty, run.names.count >= 1 {
                // Names without cells of their own: merged cells shared with the row above.
                for name in run.names { entries.append((name, nil)) }
            } else {
                for name in run.names.dropLast() { entries.append((name, nil)) }
                if let last = run.names.last { entries.append((last, run)) }
            }
        }
        return (group, entries)
    }
}

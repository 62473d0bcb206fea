import Foundation

/// Table rows copied as text with a tab between cells (what a browser or a word processor
/// puts on the clipboard for a table), cut into one cell per line: the shape pandoc gives a
/// .docx or .html table (`DocumentConversion`) and many web pages give theirs, so that one
/// reader (`TableParser`, `TaskTable`) reads them all. Each cell keeps its row's line number.
///
/// A line is a row when it has at least two tabs between its first and last character
/// (three cells or more): a numbered item copied from Word (`1.<tab>text`) or a signature
/// and its date have one and stay lines of text. Empty cells are left out, as pandoc and the
/// web pages leave them out; review.md says where and how many, since the values of such a
/// row are then placed by the table's reader and must be checked.
enum TabbedRows {
    static func split(_ lines: [SourceLine], report: inout ReviewReport) -> [SourceLine] {
        var out: [SourceLine] = []
        out.reserveCapacity(lines.count)
        var block: (first: Int, last: Int, rows: Int, empty: Int)?
        func close() {
            guard let b = block else { return }
            report.add(.table, line: b.first, endLine: b.last == b.first ? nil : b.last,
                       "以制表符分隔各格的表(\(b.rows)行，从网页或 Word 复制的表格)：已按每格一行读取"
                       + (b.empty > 0 ? "；其中 \(b.empty) 个空单元格略去，这些行的数值按表头列序对齐，请逐格核对" : ""))
            block = nil
        }
        for line in lines {
            guard let cells = cells(of: line.text) else {
                close()
                out.append(line)
                continue
            }
            let present = cells.filter { !$0.isEmpty }
            if block == nil { block = (line.number, line.number, 0, 0) }
            block!.last = line.number
            block!.rows += 1
            block!.empty += cells.count - present.count
            out += present.map { SourceLine(number: line.number, text: $0) }
        }
        close()
        return out
    }

    /// The cells of a tab-separated row (trimmed; empty ones included), nil for a line that
    /// is not one.
    static func cells(of text: String) -> [String]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.filter({ $0 == "\t" }).count >= 2 else { return nil }
        return trimmed.split(separator: "\t", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }
}

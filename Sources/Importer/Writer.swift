import Foundation

/// Writes the draft: plan.md (front matter + Markdown in the content format), indicators.csv
/// and review.md. Keeps, for every line of plan.md, the source line it comes from, so that
/// what `plansite check` says about the draft can be reported against the source.
struct DraftWriter {
    struct FrontMatter {
        var title: String
        var docNumber: String?
        var issuer: String
        var issueDate: String?
        var period: String
        var region: String
        var source: String
        var sourceNote: String
    }

    struct Markdown {
        var lines: [String] = []
        /// Source line of each line of `lines` (nil for front matter and blank lines).
        var sourceLines: [Int?] = []
        /// Text the writer added (markers, labels) rather than copied from the source.
        var generated: [String] = []

        var text: String { lines.joined(separator: "\n") + "\n" }

        mutating func add(_ line: String, _ source: Int?) {
            lines.append(line)
            sourceLines.append(source)
        }

        mutating func blank() {
            if let last = lines.last, !last.isEmpty { add("", nil) }
        }

        /// Source line for a line of plan.md (1-based), or the nearest one before it.
        func sourceLine(forDraftLine line: Int) -> Int? {
            var k = min(line - 1, sourceLines.count - 1)
            while k >= 0 {
                if let s = sourceLines[k] { return s }
                k -= 1
            }
            return nil
        }
    }

    // MARK: plan.md

    static func planMarkdown(front: FrontMatter, blocks: [DraftBlock], tableColumns: (FlattenedTable) -> [[String]]) -> Markdown {
        var md = Markdown()
        md.add("---", nil)
        md.add("title: \(yaml(front.title))", nil)
        if let d = front.docNumber { md.add("doc_number: \(yaml(d))", nil) }
        md.add("issuer: \(yaml(front.issuer))", nil)
        if let d = front.issueDate { md.add("issue_date: \(yaml(d))", nil) }
        md.add("period: \(yaml(front.period))", nil)
        md.add("region: \(yaml(front.region))", nil)
        md.add("source: \(yaml(front.source))", nil)
        md.add("source_note: \(yaml(front.sourceNote))", nil)
        md.add("---", nil)
        for block in blocks {
            md.blank()
            switch block {
            case .heading(let level, let text, let line):
                md.add(String(repeating: "#", count: level) + " " + escapeInline(text), line)
            case .paragraph(let text, let line, _):
                md.add(escapeLeading(escapeInline(text)), line)
            case .quote(let lines):
                for (k, q) in lines.enumerated() {
                    if k > 0 { md.add(">", q.line) }
                    let text = escapeLeading(escapeInline(q.text))
                    md.add(q.bold ? "> **\(text)**" : "> \(text)", q.line)
                }
            case .thematicBreak(let line):
                md.add("***", line)
            case .pending(let note, let text, let line):
                let marker = "【待核】\(note)："
                md.generated.append(marker)
                md.add("> \(marker)" + escapeInline(text), line)
            case .table(let table):
                let grid = tableColumns(table)
                guard let header = grid.first else { continue }
                md.add("| " + header.map(escapeCell).joined(separator: " | ") + " |", table.firstLine)
                md.add("|" + String(repeating: "---|", count: header.count), table.firstLine)
                for row in grid.dropFirst() {
                    md.add("| " + row.map(escapeCell).joined(separator: " | ") + " |", table.firstLine)
                }
                if !table.leftovers.isEmpty {
                    md.blank()
                    let marker = "【待核】\(table.caption)中未能对齐的单元格(源文件第\(table.leftovers.first!.line)–\(table.leftovers.last!.endLine)行)："
                    md.generated.append(marker)
                    md.add("> " + escapeInline(marker), table.leftovers.first!.line)
                    for cell in table.leftovers {
                        md.add(">", cell.line)
                        let label = "第\(cell.line)行："
                        md.generated.append(label)
                        md.add("> " + label + escapeInline(cell.text), cell.line)
                    }
                }
            }
        }
        return md
    }

    /// A double-quoted YAML scalar.
    static func yaml(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Characters Markdown would read as markup are escaped; the reader's text is unchanged.
    static func escapeInline(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\*_`<[]~#&|".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// A line that would start a list, quote, heading or setext underline is escaped.
    static func escapeLeading(_ text: String) -> String {
        guard let first = text.first else { return text }
        if ">-+=".contains(first) { return "\\" + text }
        if let m = TextPatterns.match(#"^(\d{1,9})([.)])([ \t]|$)"#, text) {
            return m[1] + "\\" + String(text.dropFirst(m[1].count))
        }
        return text
    }

    static func escapeCell(_ text: String) -> String {
        let escaped = escapeInline(text.replacingOccurrences(of: "\n", with: " "))
        return escaped.isEmpty ? " " : escaped
    }

    // MARK: indicators.csv

    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                if field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r") {
                    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                return field
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }
}

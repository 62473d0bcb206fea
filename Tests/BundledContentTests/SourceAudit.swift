import Foundation
import PlanModel

/// Resolves a row's `source` to its place in a source text and looks for the row's values
/// there, as written. The citation forms it reads are those of docs/content-format.md,
/// "Citations": a table row (`表2 … 序号5`, `(第2项)` for a sub-item), a line of the source
/// text (`第167行`) or a quotation after a colon (`…段：“到2020年,……”`).
struct SourceAudit {
    /// One row of Content/ to check: an indicator or an observation.
    struct Row {
        let label: String
        /// The text it cites, or nil when the source names no text the audit has.
        let text: SourceText?
        let citation: String
        /// Values as the row writes them (for a declared damaged character, as the source has it).
        let values: [String]
        /// The indicator's name, or the document's words for an editorial name.
        let name: String?
    }

    enum Verdict: Equatable {
        case checked
        case unresolved(String)
        case failed(String)
    }

    /// A source text, by lines.
    final class SourceText {
        let name: String
        let lines: [String]
        /// Lines cited by `第N行` in this text, so that a cited line's place ends at the next one.
        var citedLines: [Int] = []

        init(name: String, text: String) {
            self.name = name
            lines = text.components(separatedBy: "\n")
        }
    }

    /// Without spaces and line breaks: table cells of the source texts run over several lines.
    static func compact(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    static func verdict(_ row: Row) -> Verdict {
        guard let text = row.text else { return .unresolved("cites no source text the audit has") }
        let place: String
        switch self.place(of: row.citation, in: text) {
        case .success(let p): place = p
        case .failure(let error): return error.verdict
        }
        var missing = row.values.filter { !place.contains(compact($0)) }.map { "value “\($0)”" }
        if let name = row.name, !place.contains(compact(name)) { missing.append("name “\(name)”") }
        return missing.isEmpty ? .checked : .failed("not found at the cited place: " + missing.joined(separator: ", "))
    }

    /// The cited part of the text, compacted; or the verdict when it cannot be found.
    static func place(of citation: String, in text: SourceText) -> Result<String, VerdictError> {
        if let table = firstNumber(after: "表", in: citation), let number = firstNumber(after: "序号", in: citation) {
            guard let lines = tableRow(table: table, number: number, in: text) else {
                return .failure(VerdictError(.failed("表\(table) 序号\(number) is not in \(text.name)")))
            }
            return .success(compact(lines.joined()))
        }
        if let line = firstNumber(after: "第", in: citation, before: "行") {
            guard line >= 1, line <= text.lines.count else {
                return .failure(VerdictError(.failed("line \(line) is beyond the end of \(text.name)")))
            }
            let end = min(text.citedLines.first { $0 > line } ?? line + 20, line + 20, text.lines.count + 1)
            return .success(compact(text.lines[(line - 1)..<(end - 1)].joined()))
        }
        if let quote = quotation(in: citation) {
            let whole = compact(text.lines.joined())
            guard whole.contains(compact(quote)) else {
                return .failure(VerdictError(.failed("the quoted sentence is not in \(text.name): “\(quote)”")))
            }
            return .success(compact(quote))
        }
        return .failure(VerdictError(.unresolved("no table row, line or quotation in “\(citation)”")))
    }

    struct VerdictError: Error {
        let verdict: Verdict
        init(_ verdict: Verdict) { self.verdict = verdict }
    }

    /// The digits right after the first `marker` (and before `end`, when given) in the text.
    static func firstNumber(after marker: String, in text: String, before end: String? = nil) -> Int? {
        var rest = Substring(text)
        while let r = rest.range(of: marker) {
            let digits = rest[r.upperBound...].prefix { $0.isASCII && $0.isNumber }
            let after = rest[r.upperBound...].dropFirst(digits.count)
            if !digits.isEmpty, end.map({ after.hasPrefix($0) }) ?? true { return Int(digits) }
            rest = rest[r.upperBound...]
        }
        return nil
    }

    /// The lines of row `number` of table `table`: from the line that is only the 序号 to the
    /// next 序号, the table's note (注:) or the next table.
    static func tableRow(table: Int, number: Int, in text: SourceText) -> ArraySlice<String>? {
        let trimmed = text.lines.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let head = trimmed.firstIndex(where: { $0.hasPrefix("表") && firstNumber(after: "表", in: $0) == table }),
              let start = trimmed[head...].firstIndex(of: String(number)) else { return nil }
        let limit = min(start + 60, trimmed.count)
        let end = trimmed[(start + 1)..<limit].firstIndex { $0 == String(number + 1) || $0.hasPrefix("注") || $0.hasPrefix("表") } ?? limit
        return text.lines[start..<end]
    }

    /// The first quotation after a colon (`：“…”` or `:“…”`), with the quotation marks nested inside it.
    static func quotation(in citation: String) -> String? {
        let scalars = Array(citation)
        guard let open = scalars.indices.first(where: { i in
            scalars[i] == "“" && i > 0 && (scalars[i - 1] == "：" || scalars[i - 1] == ":")
        }) else { return nil }
        var depth = 0
        for i in open..<scalars.count {
            if scalars[i] == "“" { depth += 1 }
            if scalars[i] == "”" {
                depth -= 1
                if depth == 0 { return String(scalars[(open + 1)..<i]) }
            }
        }
        return nil
    }
}

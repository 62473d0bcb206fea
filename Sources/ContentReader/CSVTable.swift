import Foundation
import PlanModel

/// A CSV file read with RFC 4180 rules, every field keeping its line and column.
public struct CSVTable: Sendable {
    public struct Field: Sendable {
        public let value: String
        public let location: SourceLocation
    }

    public struct Row: Sendable {
        public let fields: [Field]
        public let location: SourceLocation
    }

    public let path: String
    public let header: [Field]
    public let rows: [Row]
    /// Column name → index (the first, though parse refuses a name given twice).
    private let columns: [String: Int]

    init(path: String, header: [Field], rows: [Row]) {
        self.path = path
        self.header = header
        self.rows = rows
        columns = Dictionary(header.enumerated().map { ($1.value, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Parses CSV text. Errors: empty file, unbalanced quotes, text after a closing quote,
    /// a row whose number of fields differs from the header's, an empty or repeated column name.
    public static func parse(_ text: String, path: String) -> Result<CSVTable, Diagnostic> {
        var scanner = CSVScanner(path: path)
        for ch in text {
            if let problem = scanner.take(ch) { return .failure(problem) }
        }
        switch scanner.finish() {
        case .failure(let problem): return .failure(problem)
        case .success(let records): return table(records, path: path)
        }
    }

    /// The table of the records read: the first is the header.
    private static func table(_ records: [Row], path: String) -> Result<CSVTable, Diagnostic> {
        guard let headerRow = records.first else {
            return .failure(.error("csv-empty", at: SourceLocation(path: path), "the CSV file is empty",
                                   hint: "the first line must be the header row; see docs/content-format.md"))
        }
        var seen: Set<String> = []
        for field in headerRow.fields {
            let name = field.value.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                return .failure(.error("csv-header", at: field.location, "empty column name in the header",
                                       hint: "every column needs a name"))
            }
            if !seen.insert(name).inserted {
                return .failure(.error("csv-header", at: field.location, "column '\(name)' appears twice in the header"))
            }
        }
        let header = headerRow.fields.map { Field(value: $0.value.trimmingCharacters(in: .whitespaces), location: $0.location) }
        let body = Array(records.dropFirst())
        for row in body where row.fields.count != header.count {
            return .failure(.error("csv-columns", at: row.location,
                                   "the row has \(row.fields.count) fields, the header has \(header.count)",
                                   hint: "check for a missing or extra comma; quote fields that contain commas"))
        }
        return .success(CSVTable(path: path, header: header, rows: body))
    }

    public func index(of column: String) -> Int? { columns[column] }

    /// Reports columns that are neither known nor accepted by `isExtra`.
    public func unknownColumns(known: Set<String>, isExtra: (String) -> Bool = { _ in false }) -> [Diagnostic] {
        header.filter { !known.contains($0.value) && !isExtra($0.value) }.map {
            .error("csv-unknown-column", at: $0.location, "unknown column '\($0.value)'",
                   hint: "known columns: \(known.sorted().joined(separator: ", ")); see docs/content-format.md")
        }
    }

    public func missingColumns(_ required: [String]) -> [Diagnostic] {
        required.filter { index(of: $0) == nil }.map {
            .error("csv-missing-column", at: SourceLocation(path: path, line: 1, column: 1),
                   "required column '\($0)' is missing", hint: "add a '\($0)' column to the header row")
        }
    }
}

extension CSVTable.Row {
    /// The trimmed value of a column, empty when the column does not exist.
    public func value(_ column: String, in table: CSVTable) -> String {
        guard let i = table.index(of: column), i < fields.count else { return "" }
        return ContentFiles.trimmed(fields[i].value)
    }

    public func location(_ column: String, in table: CSVTable) -> SourceLocation {
        guard let i = table.index(of: column), i < fields.count else { return location }
        return fields[i].location
    }
}

/// Reads CSV text character by character with RFC 4180 rules: fields, quoted fields with
/// doubled quotes, records; each field with the line and column it starts at.
struct CSVScanner {
    let path: String
    private var records: [CSVTable.Row] = []
    private var fields: [CSVTable.Field] = []
    private var value = ""
    private var inQuotes = false
    private var afterQuote = false
    private var line = 1
    private var column = 1
    private var fieldStart: SourceLocation
    private var quoteOpened: SourceLocation
    private var atFieldStart = true

    init(path: String) {
        self.path = path
        fieldStart = SourceLocation(path: path, line: 1, column: 1)
        quoteOpened = fieldStart
    }

    /// The next character; a problem that ends the reading.
    mutating func take(_ ch: Character) -> Diagnostic? {
        if atFieldStart {
            fieldStart = SourceLocation(path: path, line: line, column: column)
            atFieldStart = false
            if ch == "\"" {
                inQuotes = true
                quoteOpened = fieldStart
                column += 1
                return nil
            }
        }
        if let problem = place(ch) { return problem }
        if ch == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        return nil
    }

    private mutating func place(_ ch: Character) -> Diagnostic? {
        if inQuotes {
            if ch == "\"" {
                inQuotes = false
                afterQuote = true
            } else {
                value.append(ch)
            }
        } else if afterQuote && ch == "\"" {
            // A doubled quote inside a quoted field.
            value.append("\"")
            inQuotes = true
            afterQuote = false
        } else if ch == "," {
            endField()
        } else if ch == "\n" {
            endRecord()
        } else if afterQuote {
            let started = quoteOpened.line == line ? "" : " (the quoted field starts at line \(quoteOpened.line), column \(quoteOpened.column))"
            return .error("csv-quote", at: SourceLocation(path: path, line: line, column: column),
                          "unexpected text after a closing quote" + started,
                          hint: "a field that contains a quote must be written \"like \"\"this\"\"\"; put the whole field in quotes")
        } else if ch == "\"" {
            return .error("csv-quote", at: SourceLocation(path: path, line: line, column: column),
                          "a quote inside an unquoted field",
                          hint: "put the whole field in quotes and double the quote: \"say \"\"hello\"\"\"")
        } else {
            value.append(ch)
        }
        return nil
    }

    /// After the last character: every record, blank lines left out.
    mutating func finish() -> Result<[CSVTable.Row], Diagnostic> {
        if inQuotes {
            return .failure(.error("csv-quote", at: quoteOpened, "a quoted field is never closed (unbalanced quotes)",
                                   hint: "add the closing \" of the field that starts here"))
        }
        if !(atFieldStart && fields.isEmpty && value.isEmpty) || !fields.isEmpty { endRecord() }
        return .success(records)
    }

    private mutating func endField() {
        fields.append(CSVTable.Field(value: value, location: fieldStart))
        value = ""
        afterQuote = false
        atFieldStart = true
    }

    private mutating func endRecord() {
        endField()
        let isBlank = fields.count == 1 && fields[0].value.isEmpty
        if !isBlank { records.append(CSVTable.Row(fields: fields, location: fields[0].location)) }
        fields = []
    }
}

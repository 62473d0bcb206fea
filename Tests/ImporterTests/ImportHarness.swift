import ContentReader
import Foundation
@testable import Importer
import PlanModel
import Testing

/// Fixture files (excerpts of the seed documents, copied verbatim), read through #filePath.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func data(_ name: String) -> Data {
        FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) ?? Data()
    }

    static func text(_ name: String) -> String { String(decoding: data(name), as: UTF8.self) }

    static func lines(_ name: String) -> [String] { text(name).components(separatedBy: "\n") }

    /// 1-based number of the first line of the fixture that contains `needle` (0 when none),
    /// so that tests name lines by their text rather than by hard-coded numbers.
    static func line(of needle: String, in name: String, after: Int = 0) -> Int {
        for (i, line) in lines(name).enumerated() where i + 1 > after && line.contains(needle) { return i + 1 }
        return 0
    }

    /// 1-based number of the first line that is exactly `text` (spaces at the ends ignored).
    static func line(equal text: String, in name: String) -> Int {
        for (i, line) in lines(name).enumerated() where line.trimmingCharacters(in: .whitespaces) == text { return i + 1 }
        return 0
    }

    static func lines(containing needle: String, in name: String) -> [Int] {
        lines(name).enumerated().filter { $0.element.contains(needle) }.map { $0.offset + 1 }
    }
}

/// Runs the importer on a text or a fixture.
enum Importing {
    static func run(_ text: String, region: String = "demo", registry: DepartmentRegistry? = nil) -> PlanImporter.Result {
        PlanImporter.run(data: Data(text.utf8), options: .init(region: region, planID: "draft", sourceName: "test.txt", registry: registry))
    }

    static func fixture(_ name: String, region: String = "demo", registry: DepartmentRegistry? = nil) -> PlanImporter.Result {
        PlanImporter.run(data: Fixture.data(name), options: .init(region: region, planID: "draft", sourceName: name, registry: registry))
    }

    /// The draft as `plansite check` reads plan.md.
    static func plan(_ result: PlanImporter.Result) throws -> Plan {
        let (plan, diagnostics) = ReaderEntryPoints.readPlanText(result.planMarkdown, path: "plan.md")
        return try #require(plan, "the draft does not read: \(diagnostics)")
    }

    static func diagnostics(_ result: PlanImporter.Result) -> [Diagnostic] {
        ReaderEntryPoints.readPlanText(result.planMarkdown, path: "plan.md").diagnostics
    }

    /// indicators.csv as records (column → value).
    static func indicators(_ result: PlanImporter.Result) throws -> [[String: String]] {
        let csv = try #require(result.indicatorsCSV)
        guard case .success(let table) = CSVTable.parse(csv, path: "indicators.csv") else {
            Issue.record("indicators.csv does not parse")
            return []
        }
        return table.rows.map { row in
            var record: [String: String] = [:]
            for (i, field) in table.header.enumerated() where i < row.fields.count { record[field.value] = row.fields[i].value }
            return record
        }
    }

    /// The `source` of a row of indicators.csv.
    static func indicatorsSource(_ result: PlanImporter.Result, _ id: String) -> String? {
        (try? indicators(result))?.first { $0["id"] == id }?["source"]
    }

    /// The front matter field `key` of plan.md (unquoted).
    static func frontMatter(_ result: PlanImporter.Result, _ key: String) -> String? {
        for line in result.planMarkdown.components(separatedBy: "\n").prefix(20) where line.hasPrefix(key + ": ") {
            var value = String(line.dropFirst(key.count + 2))
            if value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }

    /// The lines of plan.md after the front matter.
    static func body(_ result: PlanImporter.Result) -> [String] {
        let lines = result.planMarkdown.components(separatedBy: "\n")
        guard let end = lines.dropFirst().firstIndex(of: "---") else { return lines }
        return Array(lines[(end + 1)...])
    }
}

extension ReviewReport: CustomTestStringConvertible {
    public var testDescription: String {
        "review (\(items.count) items):\n" + items.map { "  \($0.kind) \($0.lineText) \($0.message)" }.joined(separator: "\n")
    }
}

extension PlanImporter.Result: CustomTestStringConvertible {
    public var testDescription: String { "import result" }
}

extension ReviewReport {
    func lines(_ kind: ReviewItem.Kind) -> [Int] { items(kind).compactMap(\.line) }
    func has(_ kind: ReviewItem.Kind, line: Int, containing text: String = "") -> Bool {
        items(kind).contains { $0.line == line && (text.isEmpty || $0.message.contains(text)) }
    }
}

/// Adds the rows of a drafted region file (observations.csv, metrics.csv) to the region's own
/// file, as a user does after reading review.md.
enum DraftRegionFiles {
    static func append(_ csv: String?, to url: URL) throws {
        guard let csv else { return }
        guard let existing = FileManager.default.contents(atPath: url.path) else {
            try Data(csv.utf8).write(to: url)
            return
        }
        var text = String(decoding: existing, as: UTF8.self)
        if !text.hasSuffix("\n") { text += "\n" }
        text += csv.components(separatedBy: "\n").dropFirst().joined(separator: "\n")
        try Data(text.utf8).write(to: url)
    }

    /// The rows of a CSV text as records (column → value).
    static func records(_ csv: String?) -> [[String: String]] {
        guard let csv, case .success(let table) = CSVTable.parse(csv, path: "draft.csv") else { return [] }
        return table.rows.map { row in
            var record: [String: String] = [:]
            for (i, field) in table.header.enumerated() where i < row.fields.count { record[field.value] = row.fields[i].value }
            return record
        }
    }
}

import Foundation
import Testing
import ContentReader
@testable import SiteRender

/// The open data files as their readers open them: Excel, a CSV reader, a JSON reader, and
/// Frictionless through data/datapackage.json.
@Suite struct OpenDataTests {
    static let tables = ["tasks", "indicators", "departments", "observations"]
    /// The bundled plans, whose task tables are `data/tasks/PLAN.csv`.
    static let plans = ["huzhou-14th", "huzhou-2018", "shengzhou-2024", "zhejiang-2020"]

    /// The CSV files of a table (under data/): one per plan for the tasks.
    static func csvFiles(_ table: String) -> [String] {
        table == "tasks" ? plans.map { "tasks/\($0).csv" } : ["\(table).csv"]
    }

    /// The bundled site's files, rendered once.
    static let files: [String: Data] = {
        var files: [String: Data] = [:]
        try? RenderFixture.bundled().render(threads: 2) { path, data in files[path] = data }
        return files
    }()

    /// The text of a CSV as Excel opens it: UTF-8 when the file starts with the UTF-8 byte-order
    /// mark, otherwise the system code page (GBK on Chinese Windows), which is refused here.
    static func decodeAsExcel(_ data: Data, _ name: String) -> String? {
        guard data.starts(with: [0xEF, 0xBB, 0xBF]) else {
            Issue.record("\(name) has no byte-order mark: Excel on Chinese Windows would read it as GBK")
            return nil
        }
        guard let text = String(data: data.dropFirst(3), encoding: .utf8) else {
            Issue.record("\(name) is not UTF-8 after its byte-order mark")
            return nil
        }
        return text
    }

    /// A CSV file of the bundled site as Excel decodes it.
    static func excelText(_ path: String) throws -> String {
        let data = try #require(files[path])
        return try #require(decodeAsExcel(data, path))
    }

    /// A file of the bundled site.
    static func file(_ path: String) throws -> Data { try #require(files[path]) }

    /// A CSV's header and rows as they are written (untrimmed).
    static func read(_ text: String, _ name: String) throws -> (header: [String], rows: [[String: String]], cells: [[String]]) {
        // (CSVTable reads content files, whose line ends are made LF first.)
        let table = try CSVTable.parse(text.replacingOccurrences(of: "\r\n", with: "\n"), path: name).get()
        let header = table.header.map(\.value)
        let cells = table.rows.map { $0.fields.map(\.value) }
        return (header, cells.map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }, cells)
    }

    /// Every CSV opens as UTF-8 in Excel, and holds the same records as its JSON twin.
    @Test func everyCSVDecodesAsExcelReadsItAndAgreesWithItsJSON() throws {
        let schema = OpenDataSchema(labels: try RenderFixture.bundled().labels)
        #expect(Self.files.keys.filter { $0.hasPrefix("data/tasks/") }.count == 2 * Self.plans.count)
        for (tableName, described) in zip(Self.tables, schema.tables) {
          for name in Self.csvFiles(tableName).map({ String($0.dropLast(4)) }) {
            let text = try Self.excelText("data/\(name).csv")
            #expect(!text.hasPrefix("\u{FEFF}"))
            let table = try Self.read(text, name)
            #expect(table.header == described.columns.map(\.name), "\(name)")
            let json = try #require(Self.files["data/\(name).json"])
            let records = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: String]])
            #expect(table.rows.count == records.count && !records.isEmpty, "\(name)")
            #expect(table.cells.allSatisfy { $0.count == table.header.count }, "\(name)")
            for (row, record) in zip(table.rows, records) { #expect(row == record, "\(name)") }
          }
        }
        // Chinese text survives: a task's whole text, its URL and its reported status.
        let tasks = try Self.read(try Self.excelText("data/tasks/huzhou-14th.csv"), "tasks").rows
        let task = try #require(tasks.first { $0["text", default: ""].contains("消耗臭氧层物质") })
        #expect(task["url"] == "plans/huzhou-14th.html#c3-s3-t1")
        let observationsCSV = try #require(Self.files["data/observations.csv"])
        let observations = try Self.read(try #require(Self.decodeAsExcel(observationsCSV, "observations")), "o").rows
        #expect(observations.contains { $0["unit"] == "微克/立方米" })
    }

    /// Every column has a meaning; coded columns hold only their codes; the data package
    /// describes each CSV with its columns, types and key.
    @Test func theDataPackageDescribesEveryColumnOfEveryFile() throws {
        let package = try #require(try JSONSerialization.jsonObject(with: try Self.file("data/datapackage.json")) as? [String: Any])
        let resources = try #require(package["resources"] as? [[String: Any]])
        #expect(resources.compactMap { $0["path"] as? String } == Self.tables.flatMap(Self.csvFiles))
        #expect(resources.compactMap { $0["name"] as? String }.first == "tasks-huzhou-14th")
        #expect((package["licenses"] as? [[String: String]])?.first?["title"]?.contains("湖州市人民政府") == true)
        for resource in resources {
            let path = try #require(resource["path"] as? String)
            let text = try Self.excelText("data/\(path)")
            let table = try Self.read(text, path)
            // The task tables share one schema file, named by its path.
            let schemaFile = resource["schema"] as? String
            #expect(schemaFile == nil || (path.hasPrefix("tasks/") && schemaFile == "tasks.schema.json"), "\(path)")
            let shared = try schemaFile.map { try JSONSerialization.jsonObject(with: try Self.file("data/\($0)")) as? [String: Any] }
            let schema: [String: Any] = try #require(shared ?? resource["schema"] as? [String: Any])
            let fields = try #require(schema["fields"] as? [[String: Any]])
            #expect(fields.compactMap { $0["name"] as? String } == table.header, "\(path)")
            for field in fields {
                let name = try #require(field["name"] as? String)
                #expect(!((field["description"] as? String) ?? "").isEmpty, "\(path) \(name)")
                let values = table.rows.map { $0[name, default: ""] }.filter { !$0.isEmpty }
                if let allowed = (field["constraints"] as? [String: Any])?["enum"] as? [String] {
                    #expect(values.allSatisfy(allowed.contains), "\(path) \(name): \(Set(values).subtracting(allowed))")
                }
                switch field["type"] as? String {
                case "integer": #expect(values.allSatisfy { Int($0) != nil }, "\(path) \(name)")
                case "number": #expect(values.allSatisfy { Double($0) != nil }, "\(path) \(name)")
                default: break
                }
            }
            if let key = schema["primaryKey"] as? [String] {
                let keys = table.rows.map { row in key.map { row[$0, default: ""] } }
                #expect(Set(keys).count == keys.count, "\(path): duplicate \(key)")
            }
        }
    }

    /// data/index.html names every column of every file, the licence and the date.
    @Test func theDataDictionaryPageNamesEveryColumn() throws {
        let page = String(decoding: try Self.file("data/index.html"), as: UTF8.self)
        let schema = OpenDataSchema(labels: try RenderFixture.bundled().labels)
        for table in schema.tables {
            for file in Self.csvFiles(table.name) { #expect(page.contains("href=\"\(file)\""), "\(file)") }
            for column in table.columns { #expect(page.contains("<code>\(column.name)</code>"), "\(table.name).\(column.name)") }
        }
        for code in ["on-track", "no-data", "five-year-mean", "in-progress"] { #expect(page.contains(code)) }
        #expect(page.contains("2026-11-24"))
        #expect(page.contains("浙江省生态环境厅"))
        #expect(page.contains("BOM"))
    }

    /// An indicator page offers its observations as a CSV download: the rows of
    /// observations.csv for its metric, with the byte-order mark.
    @Test func anIndicatorPageOffersItsRowsAsCSV() throws {
        let page = String(decoding: try Self.file("indicators/huzhou-14th/t2-pm25.html"), as: UTF8.self)
        let start = try #require(page.range(of: "href=\"data:text/csv;charset=utf-8,"))
        let end = try #require(page.range(of: "\"", range: start.upperBound..<page.endIndex))
        // Decoded by hand: Foundation's removingPercentEncoding drops a leading byte-order mark.
        var bytes = Data()
        var encoded = Substring(page[start.upperBound..<end.lowerBound]).utf8[...]
        while let byte = encoded.popFirst() {
            if byte == UInt8(ascii: "%") {
                bytes.append(try #require(UInt8(String(decoding: encoded.prefix(2), as: UTF8.self), radix: 16)))
                encoded = encoded.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        let text = try #require(Self.decodeAsExcel(bytes, "pm25.csv"))
        let rows = try Self.read(text, "pm25.csv")
        #expect(rows.header == DataExport.observationColumns)
        let observationsCSV = try #require(Self.files["data/observations.csv"])
        let all = try Self.read(try #require(Self.decodeAsExcel(observationsCSV, "o")), "o")
        let expected = all.rows.filter { $0["metric"] == "pm25" && $0["region"] == "huzhou" }
        // The page lists them by year.
        func ordered(_ rows: [[String: String]]) -> [String] {
            rows.map { row in DataExport.observationColumns.map { row[$0] ?? "" }.joined(separator: "|") }.sorted()
        }
        #expect(ordered(rows.rows) == ordered(expected) && !expected.isEmpty)
    }

    /// Every byte but letters, digits and `-._~` as `%XX` in upper case, as RFC 3986 and
    /// `String(format: "%%%02X")` write it.
    @Test func percentEncodingOfEveryByte() {
        let bytes = (0...255).map(UInt8.init)
        let expected = "data:," + bytes.map { b in
            let kept = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || "-._~".utf8.contains(b)
            return kept ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
        }.joined()
        #expect(DataExport.percentEncoded(bytes, after: "data:,") == expected)
        #expect(DataExport.percentEncoded(Array("a b".utf8), after: "") == "a%20b")
    }
}

import Foundation
import PlanModel

/// Reads `regions/ID/`: region.yaml, departments.csv, metrics.csv, observations.csv.
struct RegionReader {
    let directory: URL
    let displayPath: String
    let id: String

    func read(log: inout DiagnosticLog) -> Region {
        let yamlPath = "\(displayPath)/region.yaml"
        var region = Region(id: id, name: id, level: "", location: SourceLocation(path: yamlPath))
        if let text = ContentFiles.text(directory.appendingPathComponent("region.yaml"), yamlPath, log: &log),
           let fields = YAMLFields.parse(text, path: yamlPath, known: ["name", "level"], required: ["name"], log: &log) {
            region.name = fields.string("name")
            region.level = fields.string("level")
        }
        region.departments = readDepartments(log: &log)
        region.metrics = readMetrics(log: &log)
        region.observations = readObservations(metrics: Set(region.metrics.map(\.id)), log: &log)
        return region
    }

    func table(_ name: String, required: Bool, columns: Set<String>, requiredColumns: [String], log: inout DiagnosticLog) -> CSVTable? {
        let url = directory.appendingPathComponent(name)
        let path = "\(displayPath)/\(name)"
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required {
                log.add(.error("missing-file", at: SourceLocation(path: path), "the region has no \(name)",
                               hint: "create it with the header row: \(requiredColumns.joined(separator: ","))"))
            }
            return nil
        }
        guard let text = ContentFiles.text(url, path, log: &log) else { return nil }
        switch CSVTable.parse(text, path: path) {
        case .failure(let d):
            log.add(d)
            return nil
        case .success(let table):
            let problems = table.unknownColumns(known: columns) + table.missingColumns(requiredColumns)
            log.add(contentsOf: problems)
            return problems.isEmpty ? table : nil
        }
    }

    func readDepartments(log: inout DiagnosticLog) -> [Department] {
        guard let t = table("departments.csv", required: false, columns: ["id", "name", "kind", "aliases", "note"],
                            requiredColumns: ["id", "name", "kind"], log: &log) else { return [] }
        var result: [Department] = []
        var ids: [String: SourceLocation] = [:]
        for row in t.rows {
            let id = row.value("id", in: t)
            if let d = Identifiers.check(id, what: "department id", at: row.location("id", in: t)) { log.add(d); continue }
            if let first = ids[id] {
                log.add(.error("duplicate-id", at: row.location("id", in: t), "department id '\(id)' is used twice (first at line \(first.line))"))
                continue
            }
            ids[id] = row.location
            let kindText = row.value("kind", in: t)
            guard let kind = DepartmentKind(rawValue: kindText) else {
                log.add(.error("invalid-value", at: row.location("kind", in: t), "unknown department kind '\(kindText)'",
                               hint: "use one of: \(DepartmentKind.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let name = ContentFiles.normalisedName(row.value("name", in: t))
            if name.isEmpty {
                log.add(.error("missing-value", at: row.location("name", in: t), "the department has no name"))
                continue
            }
            let aliases = ContentFiles.list(row.value("aliases", in: t)).map(ContentFiles.normalisedName)
            result.append(Department(id: id, regionID: self.id, name: name, kind: kind, aliases: aliases,
                                     note: row.value("note", in: t), location: row.location))
        }
        return result
    }

    func readMetrics(log: inout DiagnosticLog) -> [Metric] {
        guard let t = table("metrics.csv", required: false, columns: ["id", "name", "unit", "direction", "note"],
                            requiredColumns: ["id", "name"], log: &log) else { return [] }
        var result: [Metric] = []
        var ids: [String: SourceLocation] = [:]
        for row in t.rows {
            let id = row.value("id", in: t)
            if let d = Identifiers.check(id, what: "metric id", at: row.location("id", in: t)) { log.add(d); continue }
            if let first = ids[id] {
                log.add(.error("duplicate-id", at: row.location("id", in: t), "metric id '\(id)' is used twice (first at line \(first.line))"))
                continue
            }
            ids[id] = row.location
            let directionText = row.value("direction", in: t)
            var direction: Direction?
            if !directionText.isEmpty {
                direction = Direction(rawValue: directionText)
                if direction == nil {
                    log.add(.error("invalid-value", at: row.location("direction", in: t), "direction must be 'higher' or 'lower', not '\(directionText)'"))
                }
            }
            result.append(Metric(id: id, regionID: self.id, name: row.value("name", in: t), unit: row.value("unit", in: t),
                                 direction: direction, note: row.value("note", in: t), location: row.location))
        }
        return result
    }

    func readObservations(metrics: Set<String>, log: inout DiagnosticLog) -> [Observation] {
        guard let t = table("observations.csv", required: false, columns: ["metric", "year", "value", "basis", "source", "note"],
                            requiredColumns: ["metric", "year", "value", "source"], log: &log) else { return [] }
        var result: [Observation] = []
        for row in t.rows {
            let metric = row.value("metric", in: t)
            guard metrics.contains(metric) else {
                log.add(.error("unknown-metric", at: row.location("metric", in: t), "unknown metric '\(metric)'",
                               hint: "add it to \(displayPath)/metrics.csv or correct the ID"))
                continue
            }
            guard let year = ContentFiles.year(row.value("year", in: t)) else {
                log.add(.error("invalid-value", at: row.location("year", in: t), "year must be a four-digit year, not '\(row.value("year", in: t))'"))
                continue
            }
            guard let value = ContentFiles.value(row.value("value", in: t), at: row.location("value", in: t), log: &log) else { continue }
            if !value.isGiven {
                log.add(.error("missing-value", at: row.location("value", in: t), "an observation needs a value",
                               hint: "remove the row if the source reports no value"))
                continue
            }
            let source = row.value("source", in: t)
            if source.isEmpty {
                log.add(.error("missing-source", at: row.location("source", in: t), "every observation must cite its source"))
                continue
            }
            result.append(Observation(metricID: metric, regionID: id, year: year, value: value,
                                      basis: Basis(parsing: row.value("basis", in: t)), source: source,
                                      note: row.value("note", in: t), location: row.location))
        }
        return result
    }
}

/// Small helpers shared by the readers.
enum ContentFiles {
    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`, without calling it when the
    /// first and the last scalar are certainly not white space (printable ASCII other than
    /// the space, or CJK, kana and full-width forms from U+3001 on): most CSV cells.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last, isSurelyNotSpace(first), isSurelyNotSpace(last) else {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }

    static func isSurelyNotSpace(_ s: Unicode.Scalar) -> Bool {
        (0x21...0x7E).contains(s.value) || (0x3001...0x9FFF).contains(s.value) || (0xFF01...0xFFEF).contains(s.value)
    }

    static func text(_ url: URL, _ path: String, log: inout DiagnosticLog) -> String? {
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber,
           size.intValue > maxFileSize {
            log.add(.error("file-too-large", at: SourceLocation(path: path),
                           "the file is \(size.intValue / 1_000_000) MB; content files are limited to \(maxFileSize / 1_000_000) MB",
                           hint: "split the plan or table into smaller files"))
            return nil
        }
        switch TextDecoding.read(url, displayPath: path) {
        case .success(let text):
            if let long = firstLongLine(text) {
                log.add(.error("line-too-long", at: SourceLocation(path: path, line: long),
                               "the line is longer than \(maxLineLength / 1000) KB", hint: "break it into paragraphs or rows"))
                return nil
            }
            return text
        case .failure(let d):
            log.add(d)
            return nil
        }
    }

    /// The 1-based number of the first line longer than `maxLineLength` bytes, found on
    /// UTF-8 bytes (a Character split of every file was 4 % of a build).
    static func firstLongLine(_ text: String, limit: Int = maxLineLength) -> Int? {
        var copy = text
        return copy.withUTF8 { bytes -> Int? in
            guard let base = bytes.baseAddress else { return nil }
            var line = 1
            var start = 0
            while start <= bytes.count {
                let rest = bytes.count - start
                let end = memchr(base + start, 0x0A, rest).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
                if end - start > limit { return line }
                line += 1
                start = end + 1
            }
            return nil
        }
    }

    static let maxFileSize = 20_000_000
    static let maxLineLength = 200_000

    /// NFC, no surrounding or inner spaces: the form in which names are compared.
    static func normalisedName(_ name: String) -> String { NameNormalisation.normalise(name) }

    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "；" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func year(_ text: String) -> Int? {
        guard text.count == 4, let y = Int(text), (1900...2100).contains(y) else { return nil }
        return y
    }

    /// `garbled`: the row's declared readings of damaged characters (see `ValueParser.parse`).
    /// A private-use character inside a number that the row does not declare is a warning.
    static func value(_ text: String, at location: SourceLocation, garbled: [Unicode.Scalar: String] = [:],
                      log: inout DiagnosticLog) -> ValueExpression? {
        if let damage = ValueParser.damagedNumber(in: text), garbled[damage.scalar] == nil {
            let code = "U+" + String(damage.scalar.value, radix: 16, uppercase: true)
            log.add(.warning("garbled-number", at: location,
                             "the value '\(text)' has a private-use character \(code) between \(damage.before) and \(damage.after): the source is garbled here",
                             hint: "keep the source's text and say what the character stands for in the row's garbled column (\(code)=.), with the evidence in the note; see docs/content-format.md"))
        }
        switch ValueParser.parse(text, garbled: garbled) {
        case .success(let value): return value
        case .failure:
            log.add(.error("invalid-value", at: location, "cannot read the value '\(text)'",
                           hint: "write a number (95), a comparison (≥95, 95%以上, 不低于90), a cumulative value (〔31.79〕) or words (建立); see docs/content-format.md"))
            return nil
        }
    }
}

import Foundation
import PlanModel

/// Reads a plan's `indicators.csv`. See docs/content-format.md, "plans/ID/indicators.csv".
struct IndicatorTableReader {
    let directory: URL
    let displayPath: String
    let planID: String
    let planEnd: Int

    static let columns: Set<String> = ["id", "number", "group", "domain", "action", "name", "aliases", "unit", "nature",
                                       "metric", "baseline_year", "baseline", "reported", "departments", "source", "note",
                                       "name_source", "garbled"]

    static func targetYear(_ column: String) -> Int? {
        guard column.hasPrefix("target_") else { return nil }
        return ContentFiles.year(String(column.dropFirst("target_".count)))
    }

    func read(log: inout DiagnosticLog) -> [Indicator] {
        let url = directory.appendingPathComponent("indicators.csv")
        let path = "\(displayPath)/indicators.csv"
        guard FileManager.default.fileExists(atPath: url.path), let text = ContentFiles.text(url, path, log: &log) else { return [] }
        let t: CSVTable
        switch CSVTable.parse(text, path: path) {
        case .failure(let d): log.add(d); return []
        case .success(let table): t = table
        }
        let problems = t.unknownColumns(known: Self.columns, isExtra: { Self.targetYear($0) != nil })
            + t.missingColumns(["id", "name", "source"])
        log.add(contentsOf: problems)
        guard problems.isEmpty else { return [] }
        let targetColumns = t.header.compactMap { f in Self.targetYear(f.value).map { (f.value, $0) } }

        var indicators: [Indicator] = []
        var seen: [String: Int] = [:]
        for row in t.rows {
            let id = row.value("id", in: t)
            if let d = Identifiers.check(id, what: "indicator id", at: row.location("id", in: t)) { log.add(d); continue }
            if let first = seen[id] {
                log.add(.error("duplicate-id", at: row.location("id", in: t), "indicator id '\(id)' is used twice (first at line \(first))",
                               hint: "sub-indicators under one number each need their own id"))
                continue
            }
            seen[id] = row.location.line
            if let indicator = indicator(id, row, in: t, targetColumns: targetColumns, log: &log) { indicators.append(indicator) }
        }
        return indicators
    }

    /// The indicator of one row (its id checked); nil when it has no name.
    private func indicator(_ id: String, _ row: CSVTable.Row, in t: CSVTable, targetColumns: [(String, Int)],
                           log: inout DiagnosticLog) -> Indicator? {
        let name = row.value("name", in: t)
        if name.isEmpty {
            log.add(.error("missing-value", at: row.location("name", in: t), "the indicator has no name"))
            return nil
        }
        let source = row.value("source", in: t)
        if source.isEmpty {
            log.add(.error("missing-source", at: row.location("source", in: t), "indicator '\(id)' does not cite its source",
                           hint: "name the table and row, or quote the sentence the indicator comes from"))
        }
        let nature = Self.nature(row, in: t, log: &log)
        let baselineYear = Self.baselineYear(row, in: t, log: &log)
        let garbled = Self.garbled(row, in: t, log: &log)
        let baselineText = row.value("baseline", in: t)
        let baseline = baselineText.isEmpty ? nil
            : ContentFiles.value(baselineText, at: row.location("baseline", in: t), garbled: garbled, log: &log)
        var targets: [Target] = []
        for (column, year) in targetColumns {
            let cell = row.value(column, in: t)
            guard !cell.isEmpty, let value = ContentFiles.value(cell, at: row.location(column, in: t), garbled: garbled, log: &log), value.isGiven else { continue }
            targets.append(Target(year: year, value: value))
        }
        return Indicator(
            id: id, planID: planID, number: row.value("number", in: t), group: row.value("group", in: t),
            domain: row.value("domain", in: t), action: row.value("action", in: t), name: name,
            nameSource: row.value("name_source", in: t),
            aliases: ContentFiles.list(row.value("aliases", in: t)), unit: row.value("unit", in: t), nature: nature,
            metricID: row.value("metric", in: t), baselineYear: baselineYear, baseline: baseline, targets: targets,
            reported: row.value("reported", in: t), departments: Self.departments(row.value("departments", in: t), at: row.location("departments", in: t)),
            source: source, note: row.value("note", in: t), location: row.location)
    }

    /// 约束性, 预期性, 参考性, or nil when the cell is empty (the document does not say) or wrong.
    private static func nature(_ row: CSVTable.Row, in t: CSVTable, log: inout DiagnosticLog) -> IndicatorNature? {
        let text = row.value("nature", in: t)
        guard !text.isEmpty else { return nil }
        let nature = IndicatorNature(rawValue: text)
        if nature == nil {
            log.add(.error("invalid-value", at: row.location("nature", in: t), "unknown nature '\(text)'",
                           hint: "use 约束性, 预期性 or 参考性, or leave it empty when the document does not say"))
        }
        return nature
    }

    private static func baselineYear(_ row: CSVTable.Row, in t: CSVTable, log: inout DiagnosticLog) -> Int? {
        let text = row.value("baseline_year", in: t)
        guard !text.isEmpty else { return nil }
        let year = ContentFiles.year(text)
        if year == nil {
            log.add(.error("invalid-value", at: row.location("baseline_year", in: t), "baseline_year must be a year, not '\(text)'"))
        }
        return year
    }

    /// The row's readings of garbled private-use characters (`U+E010=.`).
    private static func garbled(_ row: CSVTable.Row, in t: CSVTable, log: inout DiagnosticLog) -> [Unicode.Scalar: String] {
        let text = row.value("garbled", in: t)
        guard let readings = ValueParser.garbledReadings(text) else {
            log.add(.error("invalid-value", at: row.location("garbled", in: t), "cannot read the garbled declaration '\(text)'",
                           hint: "write the private-use character's code and what it stands for, e.g. U+E010=. (several separated by ;)"))
            return [:]
        }
        return readings
    }

    /// `生态环境分局*、经信局`: a trailing `*` marks the lead; without any `*` all are co.
    static func departments(_ cell: String, at location: SourceLocation) -> [DepartmentMention] {
        let names = cell.split(whereSeparator: { "、，,;；\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return names.map { raw in
            let isLead = raw.hasSuffix("*") || raw.hasSuffix("＊")
            let name = isLead ? String(raw.dropLast()).trimmingCharacters(in: .whitespaces) : raw
            return DepartmentMention(name: name, role: isLead ? .lead : .co, location: location)
        }
    }
}

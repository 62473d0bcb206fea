import Foundation
import Linking
import PlanModel
import Progress

/// Open data: tasks, indicators, departments and observations as CSV (UTF-8 with a
/// byte-order mark, header row, RFC 4180 quoting, CRLF) and the same records as JSON.
struct DataExport {
    let site: LinkedSite
    let evaluations: SiteEvaluations
    let labels: Labels

    /// A table's columns and its rows, produced one at a time (a part's `rows(emit)` calls `emit`
    /// for each row) so that no whole table is held in memory. The rows come in parts, each
    /// made from one region's content (a plan's rows, a region's rows).
    struct Table {
        let columns: [String]
        let parts: [Part]

        struct Part {
            /// Unique among every table's parts: `table/plan` or `table/region`.
            let name: String
            let region: String
            let rows: (([String]) -> Void) -> Void
        }

        init(columns: [String], parts: [Part]) {
            self.columns = columns
            self.parts = parts
        }

        /// What every CSV file starts with: the UTF-8 byte-order mark. Excel on Chinese Windows
        /// reads a CSV without it as GBK.
        public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

        /// One CSV line, CRLF included.
        static func appendCSVRow(_ row: [String], to out: inout ByteBuffer) {
            for (i, field) in row.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendCSVField(field, to: &out)
            }
            out.append(13)
            out.append(10)
        }

        /// The table as CSV and as JSON at once (either may be nil): its rows are made once.
        ///
        /// CSV: the byte-order mark, RFC 4180, a header row, CRLF line ends, a field quoted when it holds a comma, a
        /// quote, CR or LF (quotes doubled). JSON: an array of objects with the columns as keys,
        /// sorted, indented by two spaces, `"key" : "value"` — the layout of Foundation's
        /// `JSONSerialization` with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes`;
        /// every value a string. Both are written byte by byte as the rows come.
        func write(csv: ByteBuffer?, json: ByteBuffer?) {
            let layout = JSONLayout(columns)
            var csvOut = csv
            var jsonOut = json
            if csvOut != nil {
                csvOut!.append(contentsOf: Self.byteOrderMark)
                Self.appendCSVRow(columns, to: &csvOut!)
            }
            jsonOut?.append(JSONLayout.opening)
            var first = true
            for part in parts {
                part.rows { row in
                    if csvOut != nil { Self.appendCSVRow(row, to: &csvOut!) }
                    if jsonOut != nil {
                        if !first { jsonOut!.append(contentsOf: JSONLayout.separator) }
                        layout.appendRecord(row, to: &jsonOut!)
                    }
                    first = false
                }
            }
            jsonOut?.append(JSONLayout.closing)
        }

        /// How the records of a table are written as JSON: `opening`, the records separated by
        /// `separator`, `closing`.
        struct JSONLayout {
            static let opening = "[\n"
            static let separator = Array(",\n".utf8)
            static let closing = "\n]"
            let order: [Int]
            let keys: [[UInt8]]

            init(_ columns: [String]) {
                order = columns.indices.sorted { columns[$0] < columns[$1] }
                keys = columns.map { c in
                    var key: [UInt8] = []
                    JSONText.appendString(c, to: &key)
                    return key
                }
            }

            /// `  {\n    "key" : "value",\n …\n  }`
            func appendRecord(_ row: [String], to out: inout ByteBuffer) {
                out.append("  {\n")
                for (n, c) in order.enumerated() {
                    if n > 0 { out.append(contentsOf: [UInt8(ascii: ","), 10]) }
                    out.append(contentsOf: [32, 32, 32, 32])
                    out.append(contentsOf: keys[c])
                    out.append(" : ")
                    JSONText.appendString(c < row.count ? row[c] : "", to: &out)
                }
                out.append("\n  }")
            }
        }

        static func appendCSVField(_ field: String, to out: inout ByteBuffer) {
            let bytes = field.utf8
            guard bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }) else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(UInt8(ascii: "\""))
            for b in bytes {
                out.append(b)
                if b == UInt8(ascii: "\"") { out.append(b) }
            }
            out.append(UInt8(ascii: "\""))
        }
    }

    /// The tables of the whole site, each one file (`data/NAME.csv`, `.json`); the tasks are
    /// one table per plan (`planTasks`).
    static let siteTables = ["indicators", "departments", "observations"]

    func table(_ name: String) -> Table {
        switch name {
        case "indicators": return indicators
        case "departments": return departments
        default: return observations
        }
    }

    func names(_ assignments: [ResolvedAssignment], _ role: AssignmentRole) -> String {
        Self.names(assignments, role) { site.departments[$0]?.name }
    }

    /// The names of the departments with `role`, separated by semicolons.
    static func names(_ assignments: [ResolvedAssignment], _ role: AssignmentRole, departmentName: (String) -> String?) -> String {
        assignments.filter { $0.role == role }.compactMap { departmentName($0.departmentKey) }.joined(separator: ";")
    }

    static let taskColumns = ["plan", "task", "kind", "number", "title", "text", "url", "lead", "co", "indicators", "annotation",
                              "status", "status_period"]

    /// A plan's task table (`URLs.tasks`) as CSV and JSON: `plan` is the site's plan at index
    /// `p`, with its text.
    func planTasks(_ p: Int, _ plan: Plan) -> (csv: Data, json: Data) {
        let table = Table(columns: Self.taskColumns, parts: [Table.Part(name: "tasks/\(plan.id)", region: plan.regionID) { row in
            for (u, unit) in plan.units.enumerated() {
                let ref = UnitRef(plan: p, unit: u)
                row(Self.taskRow(plan, unit, assignments: site.unitAssignments[ref] ?? [],
                                 indicators: site.unitIndicators[ref] ?? [], departmentName: { site.departments[$0]?.name }))
            }
        }])
        let csv = ByteBuffer(), json = ByteBuffer()
        table.write(csv: csv, json: json)
        return (csv.data(), json.data())
    }

    /// One unit's row of the tasks table: its text with line breaks as spaces, its URL from
    /// the site root, and its latest reported status (the report of the latest period).
    static func taskRow(_ plan: Plan, _ unit: WorkUnit, assignments: [ResolvedAssignment], indicators: [IndicatorLink],
                        departmentName: (String) -> String?) -> [String] {
        func names(_ role: AssignmentRole) -> String { Self.names(assignments, role, departmentName: departmentName) }
        let report = plan.reports.filter { $0.taskID == unit.id }.max { $0.period < $1.period }
        return [plan.id, unit.id, unit.kind.rawValue, unit.label, unit.title, SearchIndex.singleLine(unit.text),
                URLs.unit(plan.id, unit.id), names(.lead), names(.co),
                indicators.map(\.indicatorKey).joined(separator: ";"), unit.annotations.map(\.raw).joined(separator: ";"),
                report?.status.rawValue ?? "", report?.period ?? ""]
    }

    var indicators: Table {
        Table(columns: ["plan", "indicator", "scope", "number", "name", "unit", "nature", "metric", "baseline_year", "baseline",
                               "target_year", "target", "targets", "latest_year", "latest", "latest_basis", "status", "progress",
                               "elapsed", "growth_ratio", "explanation", "reported", "lead", "co", "source"],
              parts: site.content.plans.map { plan in Table.Part(name: "indicators/\(plan.id)", region: plan.regionID) { row in
                for indicator in plan.indicators {
                    let e = evaluations[indicator.key]
                    let h = e?.headline
                    let latest = h?.observation ?? e?.latest
                    row([
                        plan.id, indicator.id, plan.isReview(indicator) ? "review" : "plan", indicator.number, indicator.name, indicator.unit, indicator.nature?.rawValue ?? "",
                        indicator.metricID, indicator.baselineYear.map(String.init) ?? "", indicator.baseline?.raw ?? "",
                        h.map { String($0.target.year) } ?? "", h?.target.value.raw ?? "",
                        indicator.targets.map { "\($0.year):\($0.value.raw)" }.joined(separator: ";"),
                        latest.map { String($0.year) } ?? "", latest?.value.raw ?? "", latest.map { "\($0.basis)" } ?? "",
                        (h?.status ?? .noData).rawValue, h?.progress.map { String(format: "%.3f", $0) } ?? "",
                        h?.elapsed.map { String(format: "%.3f", $0) } ?? "", h?.growthRatio.map { String(format: "%.3f", $0) } ?? "",
                        h.map { labels.reason($0.reason) } ?? "", indicator.reported,
                        names(site.indicatorAssignments[indicator.key] ?? [], .lead), names(site.indicatorAssignments[indicator.key] ?? [], .co),
                        indicator.source,
                    ])
                }
              } })
    }

    var departments: Table {
        Table(columns: ["region", "department", "name", "kind", "aliases", "lead_tasks", "co_tasks", "indicators"],
              parts: site.content.regions.map { region in Table.Part(name: "departments/\(region.id)", region: region.id) { row in
                for d in region.departments {
                    row([region.id, d.id, d.name, d.kind.rawValue, d.aliases.joined(separator: ";"),
                                 (site.departmentLeadUnits[d.key] ?? []).joined(separator: ";"),
                                 (site.departmentCoUnits[d.key] ?? []).joined(separator: ";"),
                                 (site.departmentIndicators[d.key] ?? []).joined(separator: ";")])
                }
              } })
    }

    static let observationColumns = ["region", "metric", "year", "value", "unit", "basis", "source", "note"]

    /// One row of the observations table; `unit` is the metric's.
    static func observationRow(_ o: Observation, region: String, unit: String) -> [String] {
        [region, o.metricID, String(o.year), o.value.raw, unit, "\(o.basis)", o.source, o.note]
    }

    /// Observations as a CSV file (the columns and rows of observations.csv, with the
    /// byte-order mark) in a `data:` URL, for a page to offer as a download without a file of
    /// its own.
    static func observationsDataURL(_ observations: [Observation], unit: String) -> String {
        var out = ByteBuffer()
        out.append(contentsOf: Table.byteOrderMark)
        Table.appendCSVRow(observationColumns, to: &out)
        for o in observations { Table.appendCSVRow(observationRow(o, region: o.regionID, unit: unit), to: &out) }
        return percentEncoded(out.data(), after: "data:text/csv;charset=utf-8,")
    }

    /// `prefix` followed by `bytes` with every byte but the unreserved ones of RFC 3986
    /// (letters, digits, `-._~`) as `%XX` (upper-case hexadecimal).
    static func percentEncoded(_ bytes: some Sequence<UInt8>, after prefix: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var url = Array(prefix.utf8)
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                url.append(byte)
            default:
                url += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: url, as: UTF8.self)
    }

    var observations: Table {
        Table(columns: Self.observationColumns,
              parts: site.content.regions.map { region in Table.Part(name: "observations/\(region.id)", region: region.id) { row in
                let units = Dictionary(region.metrics.map { ($0.id, $0.unit) }, uniquingKeysWith: { a, _ in a })
                for o in region.observations { row(Self.observationRow(o, region: region.id, unit: units[o.metricID] ?? "")) }
              } })
    }
}

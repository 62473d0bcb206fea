import Foundation
import MarkdownTree
import PlanModel

/// Reads `plans/ID/`: plan.md (front matter, structure, text), indicators.csv, reports.csv.
struct PlanReader {
    let directory: URL
    let displayPath: String
    let id: String
    let allowRawHTML: Bool

    static let frontMatterFields: Set<String> = ["title", "doc_number", "issuer", "issue_date", "period", "region",
                                                 "source", "source_note", "notes", "review_groups", "short_title", "numbering_as_written"]

    func read(log: inout DiagnosticLog) -> Plan? {
        let path = "\(displayPath)/plan.md"
        let url = directory.appendingPathComponent("plan.md")
        guard FileManager.default.fileExists(atPath: url.path) else {
            log.add(.error("missing-file", at: SourceLocation(path: path), "the plan folder has no plan.md",
                           hint: "every folder under plans/ holds a plan.md; see docs/content-format.md"))
            return nil
        }
        guard let text = ContentFiles.text(url, path, log: &log) else { return nil }
        let split: FrontMatter.Split
        switch FrontMatter.split(text, path: path) {
        case .failure(let d): log.add(d); return nil
        case .success(let s): split = s
        }
        guard let fields = YAMLFields.parse(split.yaml, path: path, lineOffset: 1, known: Self.frontMatterFields,
                                            required: ["title", "issuer", "period", "region", "source"], log: &log) else { return nil }
        guard let (start, end) = period(fields, log: &log) else { return nil }
        var issueDate: SimpleDate?
        let dateText = fields.string("issue_date")
        if !dateText.isEmpty {
            issueDate = SimpleDate(parsing: dateText)
            if issueDate == nil {
                log.add(.error("invalid-value", at: fields.location("issue_date"), "issue_date '\(dateText)' is not a date",
                               hint: "write YYYY-MM-DD, YYYY-MM or YYYY"))
            }
        }
        var plan = Plan(id: id, title: fields.string("title"), docNumber: fields.string("doc_number"),
                        issuer: fields.string("issuer"), issueDate: issueDate, startYear: start, endYear: end,
                        regionID: fields.string("region"), source: fields.string("source"),
                        sourceNote: fields.string("source_note"), notes: fields.strings("notes", log: &log),
                        shortTitle: fields.string("short_title"), location: SourceLocation(path: path))

        let acknowledged = fields.strings("numbering_as_written", log: &log)
        readBody(split, path: path, into: &plan, log: &log,
                 acknowledged: acknowledged, acknowledgedAt: fields.location("numbering_as_written"))
        AssignmentsReader(directory: directory, displayPath: displayPath).read(into: &plan.units, log: &log)
        plan.indicators = IndicatorTableReader(directory: directory, displayPath: displayPath, planID: id,
                                               planEnd: end).read(log: &log)
        plan.reports = readReports(units: Set(plan.units.map(\.id)), log: &log)
        plan.reviewGroups = fields.strings("review_groups", log: &log)
        for group in plan.reviewGroups where !plan.indicators.contains(where: { Plan.group($0.group, isIn: group) }) {
            log.add(.error("invalid-value", at: fields.location("review_groups"),
                           "review group '\(group)' is not the group of any indicator in indicators.csv",
                           hint: "write the group as its indicators' group column has it (e.g. 表1)"))
        }
        return plan
    }

    /// The text after the front matter: chapters, sections, units and blocks.
    /// `acknowledged`: the units whose numbering defects the front matter publishes as written.
    func readBody(_ split: FrontMatter.Split, path: String, into plan: inout Plan, log: inout DiagnosticLog,
                  acknowledged: [String] = [], acknowledgedAt: SourceLocation? = nil) {
        let blocks = MarkdownParser.parse(split.body, options: MarkdownOptions(allowRawHTML: allowRawHTML))
        var structure = PlanStructureReader(path: path, lineOffset: split.bodyLineOffset).read(blocks)
        structure.acknowledge(acknowledged, at: acknowledgedAt ?? SourceLocation(path: path))
        log.add(contentsOf: structure.diagnostics)
        plan.chapters = structure.chapters
        plan.units = structure.units
        plan.blocks = structure.blocks
    }

    /// `plan` (as `read` made it, perhaps `withoutBody` since) with its text read again from
    /// plan.md: only the text after the front matter is parsed again, not the front matter's
    /// fields nor the CSV files. Nil when plan.md cannot be read.
    func readBodyAgain(of plan: Plan) -> Plan? {
        var log = DiagnosticLog()
        let path = "\(displayPath)/plan.md"
        guard let text = ContentFiles.text(directory.appendingPathComponent("plan.md"), path, log: &log),
              case .success(let split) = FrontMatter.split(text, path: path) else { return nil }
        var read = plan
        readBody(split, path: path, into: &read, log: &log)
        return plan.withBody(chapters: read.chapters, units: read.units, blocks: read.blocks)
    }

    func period(_ fields: YAMLFields, log: inout DiagnosticLog) -> (Int, Int)? {
        let text = fields.string("period")
        let parts = text.split(whereSeparator: { "-–—~～至".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 1, let y = ContentFiles.year(parts[0]) { return (y, y) }
        if parts.count == 2, let a = ContentFiles.year(parts[0]), let b = ContentFiles.year(parts[1]), a <= b { return (a, b) }
        if !text.isEmpty {
            log.add(.error("invalid-value", at: fields.location("period"), "period '\(text)' is not START-END years",
                           hint: "write e.g. 2018-2022, or a single year 2020"))
        }
        return nil
    }

    func readReports(units: Set<String>, log: inout DiagnosticLog) -> [TaskReport] {
        let url = directory.appendingPathComponent("reports.csv")
        let path = "\(displayPath)/reports.csv"
        guard FileManager.default.fileExists(atPath: url.path), let text = ContentFiles.text(url, path, log: &log) else { return [] }
        let t: CSVTable
        switch CSVTable.parse(text, path: path) {
        case .failure(let d): log.add(d); return []
        case .success(let table): t = table
        }
        let problems = t.unknownColumns(known: ["task", "period", "status", "note", "source"]) + t.missingColumns(["task", "period", "status", "source"])
        log.add(contentsOf: problems)
        guard problems.isEmpty else { return [] }
        var reports: [TaskReport] = []
        for row in t.rows {
            let task = row.value("task", in: t)
            guard units.contains(task) else {
                log.add(.error("unknown-task", at: row.location("task", in: t), "no task '\(task)' in this plan",
                               hint: "task IDs look like c2-s1-t3; the plan page shows each task's ID as its anchor"))
                continue
            }
            let statusText = row.value("status", in: t)
            guard let status = TaskStatus(rawValue: statusText) else {
                log.add(.error("invalid-value", at: row.location("status", in: t), "unknown status '\(statusText)'",
                               hint: "use one of: \(TaskStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let source = row.value("source", in: t)
            if source.isEmpty {
                log.add(.error("missing-source", at: row.location("source", in: t), "every report must cite its source"))
                continue
            }
            reports.append(TaskReport(taskID: task, period: row.value("period", in: t), status: status,
                                      note: row.value("note", in: t), source: source, location: row.location))
        }
        return reports
    }
}

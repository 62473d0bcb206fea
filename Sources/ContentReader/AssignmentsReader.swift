import Foundation
import PlanModel

/// Reads `plans/ID/assignments.csv`: a plan's assignments taken from a task breakdown table
/// (重点任务分解表, 任务分工表) instead of annotations in the text. Each row names a unit of the
/// plan and its lead and co departments; it becomes an annotation of that unit, so the linker
/// resolves its names as it resolves the text's. See docs/content-format.md.
struct AssignmentsReader {
    let directory: URL
    let displayPath: String

    static let columns = ["task", "number", "title", "lead", "co", "source", "note"]
    static let separators: Set<Character> = ["、", ";", "；", "，", ","]

    func read(into units: inout [WorkUnit], log: inout DiagnosticLog) {
        let url = directory.appendingPathComponent("assignments.csv")
        let path = "\(displayPath)/assignments.csv"
        guard FileManager.default.fileExists(atPath: url.path), let text = ContentFiles.text(url, path, log: &log) else { return }
        let table: CSVTable
        switch CSVTable.parse(text, path: path) {
        case .failure(let d): log.add(d); return
        case .success(let t): table = t
        }
        let problems = table.unknownColumns(known: Set(Self.columns)) + table.missingColumns(["task", "source"])
        log.add(contentsOf: problems)
        guard problems.isEmpty else { return }
        let index = Dictionary(units.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for row in table.rows {
            let task = row.value("task", in: table)
            guard let u = index[task] else {
                log.add(.error("unknown-task", at: row.location("task", in: table), "no unit '\(task)' in this plan",
                               hint: "write the ID of a task or section, e.g. c2-s1-t3 (plansite outline PLAN-ID lists them)"))
                continue
            }
            if row.value("source", in: table).isEmpty {
                log.add(.error("missing-source", at: row.location("source", in: table), "every assignment must cite the table row it comes from",
                               hint: "e.g. 附件2 重点任务分解表 第3行"))
                continue
            }
            let lists = [mentions(row, "lead", .lead, table), mentions(row, "co", .co, table)].filter { !$0.isEmpty }
            guard !lists.isEmpty else {
                log.add(.error("annotation-empty", at: row.location("task", in: table), "the row for '\(task)' names no department",
                               hint: "write the departments in the lead or co column, separated by 、"))
                continue
            }
            let raw = [row.value("lead", in: table), row.value("co", in: table)].filter { !$0.isEmpty }.joined(separator: "；")
            units[u].annotations.append(DepartmentAnnotation(raw: raw, lists: lists, scope: .unit, location: row.location))
        }
    }

    /// The names of one column; each at the cell's location.
    private func mentions(_ row: CSVTable.Row, _ column: String, _ role: AssignmentRole, _ table: CSVTable) -> [DepartmentMention] {
        row.value(column, in: table).split(whereSeparator: { Self.separators.contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .map { DepartmentMention(name: $0, role: role, location: row.location(column, in: table)) }
    }
}

import ContentReader
import Foundation
import PlanModel

/// Task breakdown tables (重点任务分解表, 任务分工表) that a page flattened one cell per line:
/// 序号 / 任务 / 责任单位 (or 牵头单位 and 配合单位). A task cell may run over several lines, a
/// header row may be repeated mid-table (a page break of the original), and a merged
/// department cell stands only in the first row it spans. Each row's departments become a row
/// of the draft's assignments.csv, linked to the plan's unit whose title the task cell repeats.
struct TaskTable: Sendable {
    struct Row: Sendable {
        var number: String
        var task: String = ""
        /// The 具体措施 cell, in a table that has one between the task and its departments.
        var measure: String = ""
        var lead: [String] = []
        var co: [String] = []
        /// The department cells as written.
        var departments: [String] = []
        var line: Int
        var endLine: Int
        /// The departments come from the row above (a merged cell).
        var merged = false
        /// Cells of the columns after the departments (完成时限, 备注), as written.
        var after: [String] = []
    }

    var caption: String
    var range: ClosedRange<Int>
    var columns: [String]
    var rows: [Row]
    /// Body indexes of the lines of header rows repeated mid-table: left out of the draft.
    var repeatedHeader: [Int] = []

    static let taskHeader = #"^(?:重点|主要|工作|具体)?(?:任务|工作)(?:名称|内容|事项)?$|^(?:工作|建设)内容$"#
    static let departmentHeader = #"^(?:责任|牵头|配合|协办|参与|实施)(?:单位|部门)$"#
    static let leadMark = #"[（(]牵头[)）]|[*＊]$"#
    static let afterHeader = #"^(?:完成时限|时间节点|完成时间|备注)$"#
    static let measureHeader = #"^(?:具体|工作|主要|推进)?措施$"#

    /// The task tables of the body, left to right; each reported in review.md.
    static func find(in body: [SourceLine], report: inout ReviewReport) -> [TaskTable] {
        var tables: [TaskTable] = []
        var i = 0
        while i < body.count {
            if let table = table(at: i, in: body) {
                report.add(.table, line: body[table.range.lowerBound].number, endLine: body[table.range.upperBound].number,
                           "任务分解表“\(table.caption)”：\(table.rows.count) 行，责任单位写入 assignments.csv(列：\(table.columns.joined(separator: " | ")))")
                if let first = table.repeatedHeader.first, let last = table.repeatedHeader.last {
                    report.add(.table, line: body[first].number, endLine: body[last].number,
                               "任务分解表的表头在表中重复(原文分页处)：重复的表头未写入草稿")
                }
                if table.measureTitle != nil {
                    report.add(.table, line: body[table.range.lowerBound].number,
                               "任务分解表有“具体措施”列：每行序号后的第一行读作任务，其后到责任单位之前读作措施；任务名称跨行时请核对")
                }
                for row in table.rows where row.merged {
                    report.add(.table, line: row.line, "任务分解表序号 \(row.number) 没有自己的责任单位，按合并单元格取上一行的“\(row.departments.joined(separator: "、"))”，请核对")
                }
                tables.append(table)
                i = table.range.upperBound + 1
            } else {
                i += 1
            }
        }
        return tables
    }

    /// A header (序号, a task column, department columns) at `start`, then its rows.
    static func table(at start: Int, in body: [SourceLine]) -> TaskTable? {
        guard TextPatterns.trim(body[start].text) == "序号" else { return nil }
        var columns = ["序号"]
        var k = start + 1
        while k < body.count, k - start <= 6, isHeader(body[k].text) {
            columns.append(TextPatterns.trim(body[k].text))
            k += 1
        }
        guard columns.contains(where: { TextPatterns.matches(taskHeader, $0) }),
              columns.contains(where: { TextPatterns.matches(departmentHeader, $0) }) else { return nil }
        let separateLead = columns.contains("牵头单位") || columns.contains("牵头部门")
        let afterColumns = columns.filter { TextPatterns.matches(afterHeader, $0) }.count
        let hasMeasure = columns.contains { TextPatterns.matches(measureHeader, $0) }
        var rows: [Row] = []
        var repeatedHeader: [Int] = []
        var end = k - 1
        while k < body.count {
            let t = TextPatterns.trim(body[k].text)
            if t == "序号", k + 1 < body.count, isHeader(body[k + 1].text) {
                // A repeated header row.
                repeatedHeader.append(k)
                k += 1
                while k < body.count, isHeader(body[k].text) {
                    repeatedHeader.append(k)
                    k += 1
                }
                continue
            }
            if TextPatterns.matches(#"^\d{1,3}$"#, t) {
                rows.append(Row(number: t, line: body[k].number, endLine: body[k].number))
            } else if !rows.isEmpty, isDepartmentCell(t) {
                rows[rows.count - 1].departments.append(t)
            } else if var row = rows.last, row.departments.isEmpty, !isTableEnd(t) {
                if hasMeasure, !row.task.isEmpty { row.measure += t } else { row.task += t }
                rows[rows.count - 1] = row
            } else if let row = rows.last, !row.departments.isEmpty, row.after.count < afterColumns, !isTableEnd(t) {
                rows[rows.count - 1].after.append(t)
            } else {
                break
            }
            rows[rows.count - 1].endLine = body[k].number
            end = k
            k += 1
        }
        guard !rows.isEmpty else { return nil }
        for r in rows.indices {
            if rows[r].departments.isEmpty, r > 0 {
                rows[r].departments = rows[r - 1].departments
                rows[r].merged = true
            }
            assign(&rows[r], separateLead: separateLead)
        }
        var caption = "任务分解表"
        if start > 0, TextPatterns.matches(#"(任务|分工|分解).{0,6}表$"#, body[start - 1].text) { caption = TextPatterns.trim(body[start - 1].text) }
        return TaskTable(caption: caption, range: start...end, columns: columns, rows: rows,
                         repeatedHeader: repeatedHeader.filter { $0 <= end })
    }

    static func isHeader(_ text: String) -> Bool {
        let t = TextPatterns.trim(text)
        return TextPatterns.matches(taskHeader, t) || TextPatterns.matches(departmentHeader, t) || TextPatterns.matches(afterHeader, t)
            || TextPatterns.matches(measureHeader, t)
    }

    static func isTableEnd(_ text: String) -> Bool {
        TextPatterns.chapter(text) != nil || TextPatterns.matches(#"^附件|^附表|^抄送|^注[:：]"#, text) || text.count > 80
    }

    /// A cell of department names: every part recognisably a department (a lead mark allowed).
    static func isDepartmentCell(_ text: String) -> Bool {
        let parts = names(text)
        return !parts.isEmpty && parts.allSatisfy { AnnotationParser.looksLikeDepartment($0) || $0.hasPrefix("各") }
    }

    static func names(_ text: String) -> [String] {
        text.split(whereSeparator: { "、，,；;".contains($0) || $0.isWhitespace })
            .map { TextPatterns.regex(leadMark).stringByReplacingMatches(in: String($0), range: NSRange(String($0).startIndex..., in: String($0)), withTemplate: "") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "等")) }
            .filter { !$0.isEmpty }
    }

    /// Lead and co: names marked （牵头） lead; with a 牵头单位 column its (first) cell leads.
    static func assign(_ row: inout Row, separateLead: Bool) {
        row.lead = []
        row.co = []
        for (c, written) in row.departments.enumerated() {
            // A lead mark the cell wrapped onto a line of its own: 区生态环境局 （牵头）.
            let cell = TextPatterns.regex(#"\s+(?=[（(]牵头[)）])"#).stringByReplacingMatches(in: written, range: NSRange(written.startIndex..., in: written), withTemplate: "")
            for part in cell.split(whereSeparator: { "、，,；;".contains($0) || $0.isWhitespace }).map(String.init) {
                guard let name = names(part).first else { continue }
                if TextPatterns.matches(leadMark, part) || (separateLead && c == 0) { row.lead.append(name) } else { row.co.append(name) }
            }
        }
    }

    /// The title of the 具体措施 column, if the table has one.
    var measureTitle: String? { columns.first { TextPatterns.matches(Self.measureHeader, $0) } }

    /// The table as plan.md shows it (a Markdown table through the draft writer), with the
    /// source's department columns (牵头单位 and 责任单位 apart) when every row has a cell for
    /// each; otherwise one column under their titles, its cells joined.
    func flattened(body: [SourceLine]) -> FlattenedTable {
        let departmentTitles = columns.filter { TextPatterns.matches(Self.departmentHeader, $0) }
        let apart = departmentTitles.count > 1 && rows.allSatisfy { $0.departments.count == departmentTitles.count }
        let afterTitles = columns.filter { TextPatterns.matches(Self.afterHeader, $0) }
        let titles = ["序号", columns.first { TextPatterns.matches(Self.taskHeader, $0) } ?? "任务"] + (measureTitle.map { [$0] } ?? [])
            + (apart ? departmentTitles : [departmentTitles.joined(separator: "、")]) + afterTitles
        var table = FlattenedTable(caption: caption, captionLine: nil, kind: .other,
                                   columns: titles.map { FlattenedTable.Column(title: $0, role: .other) },
                                   range: range, firstLine: body[range.lowerBound].number, lastLine: body[range.upperBound].number)
        table.grid = rows.map { row in
            [row.number, row.task] + (measureTitle == nil ? [] : [row.measure]) + (apart ? row.departments : [row.departments.joined(separator: " ")])
                + afterTitles.indices.map { $0 < row.after.count ? row.after[$0] : "" }
        }
        return table
    }

    /// assignments.csv rows: each table row linked to the unit whose title its task cell
    /// repeats (or, failing that, the only task with its number).
    static func assignments(_ tables: [TaskTable], units: [WorkUnit], report: inout ReviewReport) -> [[String]] {
        var out: [[String]] = [["task", "number", "title", "lead", "co", "source", "note"]]
        for table in tables {
            for row in table.rows {
                let key = TextPatterns.compact(row.task)
                var unit = units.first { TextPatterns.compact($0.title) == key }
                    ?? units.first { let t = TextPatterns.compact($0.title); return !t.isEmpty && (t.hasPrefix(key) || key.hasPrefix(t)) }
                var note = ""
                if unit == nil, let n = Int(row.number) {
                    let candidates = units.filter { $0.kind == .task && $0.number == n }
                    if candidates.count == 1 {
                        unit = candidates[0]
                        note = "按序号对应，任务名称不同，请核对"
                        report.add(.table, line: row.line, "任务分解表序号 \(row.number)“\(row.task)”与正文任务名称不同，按序号对应到 \(candidates[0].id)，请核对")
                    }
                }
                if unit == nil {
                    report.add(.edit, line: row.line, "任务分解表序号 \(row.number)“\(row.task)”找不到对应的任务：请在 assignments.csv 的 task 列填写任务 ID(plansite outline 可列出)")
                }
                out.append([unit?.id ?? "", row.number, row.task, row.lead.joined(separator: "、"), row.co.joined(separator: "、"),
                            "\(table.caption) 序号\(row.number)(源文件第\(row.line)行)", note])
            }
        }
        return out
    }
}

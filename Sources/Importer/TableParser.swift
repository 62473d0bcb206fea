import Foundation

/// Finds the flattened tables of a plan's body: the header (fragments that wrapped are
/// merged), where the cells end (a repeated header inside the table is skipped), the caption;
/// then reads the rows (`TableRows.swift`) or, for a table that is not an indicator table,
/// the grid (`TableGrid.swift`).
struct TableParser {
    let body: [SourceLine]
    let planStart: Int
    let planEnd: Int

    /// Every flattened table, in document order.
    func tables(report: inout ReviewReport) -> [FlattenedTable] {
        var found: [FlattenedTable] = []
        var i = 0
        while i < body.count {
            guard let headerEnd = Self.headerRun(at: i, in: body) else { i += 1; continue }
            let table = parse(headerStart: i, headerEnd: headerEnd, report: &report)
            found.append(table)
            i = table.range.upperBound + 1
        }
        return found
    }

    // MARK: header

    /// Header fragments merged into column titles: 指标/类别 → 指标类别, 2015/年值 → 2015年值,
    /// 现状值/(2025年) → 现状值(2025年).
    static func mergeHeader(_ fragments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < fragments.count {
            if i + 1 < fragments.count {
                let joined = fragments[i] + fragments[i + 1]
                // `2025年` / `现状值` / `(2025年)`: the fragment belongs with the one after it.
                let laterPair = HeaderWords.isStrong(fragments[i]) && i + 2 < fragments.count
                    && HeaderWords.isStrong(fragments[i + 1] + fragments[i + 2]) && !HeaderWords.isStrong(fragments[i + 2])
                if HeaderWords.isStrong(joined), !HeaderWords.isStrong(fragments[i]) || !HeaderWords.isStrong(fragments[i + 1]), !laterPair {
                    result.append(joined)
                    i += 2
                    continue
                }
            }
            result.append(fragments[i])
            i += 1
        }
        return result
    }

    /// A header run (at least three header fragments in a row, one of them the 序号 or the
    /// name column) at `index`: the index after the header.
    static func headerRun(at index: Int, in body: [SourceLine]) -> Int? {
        var j = index
        while j < body.count, HeaderWords.isFragment(body[j].text) { j += 1 }
        guard j - index >= 3 else { return nil }
        let titles = mergeHeader(body[index..<j].map(\.text))
        let useful = titles.contains { [.number, .name].contains(HeaderWords.meaning(of: $0)) || TextPatterns.matches(#"任务$"#, $0) }
        return useful && titles.count >= 3 ? j : nil
    }

    // MARK: extent

    struct Extent {
        /// Index after the table's last cell.
        var end: Int
        /// Repeats of the header inside the table (a page break of the source): skipped.
        var repeatedHeaders: [Range<Int>] = []
    }

    /// Where a table's cells end: a note, an annex heading, another caption, a chapter, prose,
    /// or a header that is not this table's own header repeated.
    func extent(from start: Int, titles: [String], kind: FlattenedTable.Kind, hasAction: Bool) -> Extent {
        var extent = Extent(end: start)
        var j = start
        while j < body.count {
            let t = body[j].text
            if TextPatterns.matches(#"^注\s*[:：]|^注\s*\d|^附件\s*[0-9一二三四五六七八九十]+\s*$|^表\s*[0-9]+"#, t) { break }
            // `一、经济发展` followed by a row number heads rows of the table; another 一、 is a chapter.
            let headsRows = kind == .indicators && TableCells.isGroupHeading(t) && j + 1 < body.count && Int(body[j + 1].text) != nil
            if TextPatterns.chapter(t) != nil, t.count > 2, !headsRows { break }
            if j > start, let headerEnd = Self.headerRun(at: j, in: body) {
                guard Self.mergeHeader(body[j..<headerEnd].map(\.text)) == titles else { break }
                extent.repeatedHeaders.append(j..<headerEnd)
                j = headerEnd
                continue
            }
            if kind == .indicators {
                if t.count > 60 && t.contains("。") { break }
                if !hasAction, TextPatterns.section(t) != nil, j + 1 < body.count, body[j + 1].text.count > 40 { break }
            }
            j += 1
        }
        extent.end = j
        return extent
    }

    func caption(before index: Int) -> (String, Int?) {
        guard index > 0 else { return ("表", nil) }
        let previous = body[index - 1]
        if TextPatterns.matches(#"^表\s*\d+"#, previous.text) { return (previous.text, previous.number) }
        if index > 1, TextPatterns.matches(#"^附件\s*\d+\s*$"#, body[index - 2].text) {
            return (TextPatterns.compact(body[index - 2].text) + " " + previous.text, previous.number)
        }
        if TextPatterns.matches(#"^附件\s*\d+\s*$"#, previous.text) { return (TextPatterns.compact(previous.text), previous.number) }
        return ("表(第\(body[index].number)行起)", nil)
    }

    // MARK: one table

    func parse(headerStart: Int, headerEnd: Int, report: inout ReviewReport) -> FlattenedTable {
        let titles = Self.mergeHeader(body[headerStart..<headerEnd].map(\.text))
        let (caption, captionLine) = self.caption(before: headerStart)
        var (columns, isReview) = FlattenedTable.columns(titles: titles, caption: caption, planStart: planStart, planEnd: planEnd)
        let isIndicatorTable = titles.contains { $0.contains("指标") && ($0.contains("名称") || $0 == "指标") }
            || titles.contains { $0.hasSuffix("名称") } && columns.contains { $0.role.isValue }
        let kind: FlattenedTable.Kind = isIndicatorTable ? .indicators : .other
        let extent = self.extent(from: headerEnd, titles: titles, kind: kind, hasAction: columns.contains { $0.role == .action })
        let lastIndex = max(headerStart, max(headerEnd, extent.end) - 1)
        var table = FlattenedTable(caption: caption, captionLine: captionLine, kind: kind, columns: columns,
                                   range: headerStart...lastIndex, firstLine: body[headerStart].number, lastLine: body[lastIndex].number)
        table.isReview = isReview
        reportHeader(table, titles: titles, headerStart: headerStart, headerEnd: headerEnd, report: &report)
        let skipped = Set(extent.repeatedHeaders.flatMap { Array($0) })
        table.repeatedHeaderLines = extent.repeatedHeaders.map { body[$0.lowerBound].number }
        for repeated in extent.repeatedHeaders {
            report.add(.table, line: body[repeated.lowerBound].number, endLine: body[repeated.upperBound - 1].number,
                       "\(caption)：表头在表中重复出现(原文分页)：表格接续，plan.md 的表格在此处照录一行表头，indicators.csv 不计")
        }
        let cells = (headerEnd..<max(headerEnd, extent.end)).filter { !skipped.contains($0) }
            .map { FlattenedTable.Cell(text: body[$0].text, line: body[$0].number, endLine: body[$0].number) }
        guard isIndicatorTable else {
            parseGrid(&table, cells: cells, report: &report)
            return table
        }
        if !columns.contains(where: { $0.role == .number }), cells.contains(where: { $0.text == "1" }) {
            // The 序号 column often has no title of its own (表2 of the 十四五 plan).
            let at = columns.firstIndex { $0.role == .name } ?? 0
            columns.insert(FlattenedTable.Column(title: "序号", role: .number), at: at)
            table.columns = columns
            report.add(.table, line: body[headerStart].number, "\(caption)：表头没有“序号”列名，按数据中的序号补出该列")
        }
        parseIndicatorRows(&table, cells: cells, report: &report)
        return table
    }

    func reportHeader(_ table: FlattenedTable, titles: [String], headerStart: Int, headerEnd: Int, report: inout ReviewReport) {
        let headerMerged = titles.count < headerEnd - headerStart
        report.add(.table, line: body[headerStart].number, endLine: body[headerEnd - 1].number,
                   "\(table.caption)：逐格分行的表，识别出表头 \(titles.count) 列(\(titles.joined(separator: " | ")))" + (headerMerged ? "，其中有跨两行的表头格已合并" : ""))
        guard table.kind == .indicators else { return }
        let meanings = table.columns.map { "\($0.title)→\(Self.describe($0, planEnd: planEnd))" }
        report.add(.table, line: body[headerStart].number, "\(table.caption)：各列按表头词义读作 " + meanings.joined(separator: "，")
                   + (table.isReview ? "；这是回顾(完成情况)表：实际值起草为观测值(observations.csv)，不作基期值" : ""))
    }

    /// What a column becomes in the draft, in words for review.md.
    static func describe(_ column: FlattenedTable.Column, planEnd: Int) -> String {
        let observed = column.observedYear.map { "，并起草为\($0)年观测值" } ?? ""
        switch column.role {
        case .number: return "序号"
        case .name: return "name"
        case .unit: return "unit"
        case .category: return "domain(跨行的类别)"
        case .action: return "action"
        case .nature: return "nature"
        case .reported: return "reported(文件自己的评价)"
        case .departments: return "departments"
        case .baseline(let y): return "baseline" + (y.map { "(\($0)年)" } ?? "") + observed
        case .target(let y): return y.map { "target_\($0)" } ?? "target_\(planEnd)(表头无年份，按规划期末)"
        case .actual(let y): return y == nil ? "实际值(年份不明，记入 note)" : "实际值\(observed)"
        case .remark: return "note(备注)"
        case .other: return "未识别(单元格按位置处理)"
        }
    }
}

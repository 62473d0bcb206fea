import ContentReader
import Foundation
import PlanModel

/// Turns a plain-text plan (copied from a government web page) into a draft content folder:
/// `plan.md`, `indicators.csv` (when the text holds flattened indicator tables) and
/// `review.md`, the list of every doubt with its source line. See docs/import.md.
public enum PlanImporter {
    public struct Options: Sendable {
        public var region: String
        /// The plan ID (the folder name under Content/plans/).
        public var planID: String
        /// Shown in review.md and written to the `source` field.
        public var sourceName: String
        /// The region's department registry, to flag names `plansite check` will not resolve.
        public var registry: DepartmentRegistry?

        public init(region: String, planID: String, sourceName: String, registry: DepartmentRegistry? = nil) {
            self.region = region
            self.planID = planID
            self.sourceName = sourceName
            self.registry = registry
        }
    }

    public struct Result: Sendable {
        public let planMarkdown: String
        /// nil when the text has no flattened indicator table.
        public let indicatorsCSV: String?
        /// Rows for regions/REGION/observations.csv and metrics.csv drafted from the actual
        /// values of the tables (nil when there are none).
        public var observationsCSV: String? = nil
        public var metricsCSV: String? = nil
        public let reviewMarkdown: String
        /// assignments.csv, when the text has task breakdown tables.
        public let assignmentsCSV: String?
        /// A draft registry and region.yaml, when the region has no registry yet.
        public let departmentsCSV: String?
        public let regionYAML: String?
        public let report: ReviewReport
        public let summary: ReviewReport.Summary
        public let encoding: SourceText.Encoding

        /// The files a draft may or may not have, by name (nil: not drafted this time).
        public var optionalFiles: [(name: String, text: String?)] {
            [("observations.csv", observationsCSV), ("metrics.csv", metricsCSV), ("assignments.csv", assignmentsCSV),
             ("departments.csv", departmentsCSV), ("region.yaml", regionYAML)]
        }
    }

    public static func run(data: Data, options: Options) -> Result {
        run(source: SourceText.decode(data), options: options)
    }

    public static func run(source: SourceText, options: Options) -> Result {
        var report = ReviewReport()
        if source.encoding == .gb18030 {
            report.add(.note, line: nil, "源文件不是 UTF-8，按 GB18030(兼容 GBK/GB2312)解码(iconv)后写出 UTF-8 草稿")
        }
        for line in source.undecodableLines {
            report.add(.garbled, line: line, "有无法解码的字节，已替换为“\u{FFFD}”", excerpt: source.lines[line - 1].text)
        }

        let (cleaned, cleanedBody) = clean(source, &report)
        let body = TabbedRows.split(cleanedBody, report: &report)
        let read = readStructure(body, cleaned, &report)
        let (meta, planEnd, taskTables, tables, structure) = (read.meta, read.planEnd, read.taskTables, read.tables, read.structure)
        let annotationCount = ParagraphReview.review(structure.blocks, report: &report)
        reviewCharacters(body, report: &report)
        // 3. plan.md
        let front = DraftWriter.FrontMatter(
            title: meta.title ?? "待核", docNumber: meta.docNumber, issuer: meta.issuer ?? "待核", issueDate: meta.issueDate,
            period: meta.period ?? "待核", region: options.region,
            source: "\(options.sourceName)(网页文本，由 plansite import 导入；请改为原文网址或出处)",
            sourceNote: "plansite import 自动生成的草稿(源文件 \(source.encoding.rawValue)，\(source.lines.count)行)，未经人工核对；疑点见 review.md。")
        let markdown = DraftWriter.planMarkdown(front: front, blocks: structure.blocks, tableColumns: { $0.displayGrid() })

        // 4. indicators.csv, and observations and metrics drafted from actual values
        let draft = IndicatorDraft.make(tables: tables, planID: options.planID, planEnd: planEnd)
        let records = draft.indicators
        let csv = records.isEmpty ? nil : indicatorsCSV(records, report: &report)
        if records.isEmpty {
            report.add(.table, line: nil, "文中没有逐格分行的指标表，未生成 indicators.csv；正文中的目标句(如“到2020年…达到…”)需人工整理为指标")
        }
        draft.report(region: options.region, into: &report)

        let (units, chapters) = readBack(markdown, &report)
        let assignments = taskTables.isEmpty ? nil : TaskTable.assignments(taskTables, units: units, report: &report)
        if let registry = options.registry {
            checkDepartments(units: units, records: records, registry: registry, markdown: markdown, report: &report)
            checkTableDepartments(taskTables, registry: registry, report: &report)
        }
        let departments = options.registry == nil
            ? draftDepartments(region: options.region, units: units, records: records, taskTables: taskTables, markdown: markdown, &report) : nil

        let missing = missingHan(body, taskTables, markdown, &report)

        let summary = ReviewReport.Summary(
            sourceName: options.sourceName, planID: options.planID, encoding: source.encoding.rawValue, sourceLines: source.lines.count,
            chapters: chapters.count, sections: chapters.reduce(0) { $0 + $1.sections.count },
            tasks: units.filter { $0.kind == .task }.count, annotations: annotationCount, boxes: structure.boxes,
            tables: tables.count, indicatorRows: records.count,
            sourceHanCharacters: countHan(source.lines.map(\.text)).total,
            removedHanCharacters: countHan(cleaned.removed.map(\.line.text)).total,
            keptHanCharacters: countHan(cleaned.body.map(\.text)).total, missingHanCharacters: missing.total)
        var result = Result(planMarkdown: markdown.text, indicatorsCSV: csv, reviewMarkdown: report.render(summary: summary),
                            assignmentsCSV: assignments.map(DraftWriter.csv), departmentsCSV: departments?.csv, regionYAML: departments.map { _ in DepartmentsDraft.regionYAML(issuer: meta.issuer) },
                            report: report, summary: summary, encoding: source.encoding)
        (result.observationsCSV, result.metricsCSV) = (draft.observationsCSV, draft.metricsCSV)
        return result

    }

    /// 1. Markup, clutter and the second copy removed: the cleaned lines, and the body (without
    /// the lines where the second copy differs, kept for the draft's end).
    static func clean(_ source: SourceText, _ report: inout ReviewReport) -> (Cleaner.Result, [SourceLine]) {
        let markup = MarkupCleaner().clean(source.lines)
        for change in markup.changes {
            report.add(.clutter, line: change.line, "已删除\(change.what)", excerpt: change.excerpt)
        }
        var cleaned = Cleaner().clean(markup.lines)
        cleaned.removed = (cleaned.removed + markup.removed.filter { $0.reason.hasPrefix("转载网站") }.map { Cleaner.Removed(line: $0.line, reason: $0.reason) })
            .sorted { $0.line.number < $1.line.number }
        for removed in cleaned.removed where !removed.reason.hasPrefix("重复登载") {
            report.add(.clutter, line: removed.line.number, "已删除(\(removed.reason))", excerpt: removed.line.text)
        }
        for copy in cleaned.duplicates {
            report.add(.duplicate, line: copy.removed.lowerBound, endLine: copy.removed.upperBound,
                       "网页重复登载了全文：第\(copy.removed.lowerBound)–\(copy.removed.upperBound)行重复第\(copy.kept.lowerBound)–\(copy.kept.upperBound)行(\(copy.matchedLines)行逐行相同)，已删除第二遍" + (copy.differing.isEmpty ? "；两遍没有不同的行" : "；两遍不同的 \(copy.differing.count) 行保留并标为【待核】"))
            for line in copy.differing {
                report.add(.duplicate, line: line.number, "第二遍中与第一遍不同的一行，保留在草稿末尾并标为【待核】", excerpt: line.text)
            }
        }
        let differing = Set(cleaned.duplicates.flatMap(\.differing).map(\.number))
        return (cleaned, cleaned.body.filter { !differing.contains($0.number) })
    }

    struct StructureRead {
        let meta: PlanMetadata
        let planEnd: Int
        let taskTables: [TaskTable]
        let tables: [FlattenedTable]
        let structure: StructureBuilder.Output
    }

    /// 2. Metadata, tables, structure.
    static func readStructure(_ body: [SourceLine], _ cleaned: Cleaner.Result, _ report: inout ReviewReport) -> StructureRead {
        let meta = MetadataDetector(body: body, pageTitles: cleaned.pageTitles, pageMetadata: cleaned.pageMetadata).detect(report: &report)
        let years = (meta.period ?? "").split(separator: "-").compactMap { Int($0) }
        let planStart = years.first ?? Int(meta.issueDate?.prefix(4) ?? "") ?? 2000
        let planEnd = years.last ?? planStart
        // Task breakdown tables are read here; the table parser's notes on their lines are left out.
        let taskTables = TaskTable.find(in: body, report: &report)
        let taskLines = taskTables.map { body[$0.range.lowerBound].number...body[$0.range.upperBound].number }
        var tableReport = ReviewReport()
        let parsed = TableParser(body: body, planStart: planStart, planEnd: planEnd).tables(report: &tableReport)
        report.items += tableReport.items.filter { item in !taskLines.contains { $0.contains(item.line ?? 0) } }
        let tables = (parsed.filter { t in !taskTables.contains { $0.range.overlaps(t.range) } } + taskTables.map { $0.flattened(body: body) })
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        var structure = StructureBuilder(body: body, meta: meta, tables: tables).build(report: &report)
        for line in cleaned.unplacedBeforeStart.reversed() {
            structure.blocks.insert(.pending(note: "文件开头之前的文字，不能确定是否属于文件(源文件第\(line.number)行)", text: line.text, line: line.number), at: 0)
            report.add(.clutter, line: line.number, "文件正文开始之前的文字(不是标题、也不像网页杂项)：未删除，在草稿开头标为【待核】", excerpt: line.text)
        }
        for line in cleaned.duplicates.flatMap(\.differing) {
            structure.blocks.append(.pending(note: "重复登载的第二遍中与第一遍不同的一行(源文件第\(line.number)行)", text: line.text, line: line.number))
        }
        return StructureRead(meta: meta, planEnd: planEnd, taskTables: taskTables, tables: tables, structure: structure)
    }

    /// 5. The draft read as `plansite check` reads it: its units and chapters (the structure
    /// also when the front matter still has 待核 fields), its diagnostics in review.md.
    static func readBack(_ markdown: DraftWriter.Markdown, _ report: inout ReviewReport) -> ([WorkUnit], [Chapter]) {
        let (plan, diagnostics) = ReaderEntryPoints.readPlanText(markdown.text, path: "plan.md")
        // The structure also when the front matter still has 待核 fields (blank lines keep the numbers).
        let frontLines = frontMatterLines(markdown)
        let bodyOnly = Array(repeating: "", count: frontLines) + markdown.lines.dropFirst(frontLines)
        let structureRead = ReaderEntryPoints.readStructure(markdown: bodyOnly.joined(separator: "\n"))
        for d in diagnostics {
            let sourceLine = d.location.line > 0 ? markdown.sourceLine(forDraftLine: d.location.line) : nil
            if d.severity == .error {
                report.add(.edit, line: sourceLine, "plansite check 将报错(plan.md 第\(d.location.line)行)：\(d.message)" + (d.hint.map { "；\($0)" } ?? ""))
            } else {
                report.add(d.code.hasPrefix("annotation") ? .annotation : .note, line: sourceLine, "plansite check 警告(plan.md 第\(d.location.line)行)：\(d.message)")
            }
        }
        return (plan?.units ?? structureRead.units, plan?.chapters ?? structureRead.chapters)
    }

    /// A departments.csv (and region.yaml) drafted from the departments the text names, for a
    /// region without a registry.
    static func draftDepartments(region: String, units: [WorkUnit], records: [[String: String]], taskTables: [TaskTable],
                                 markdown: DraftWriter.Markdown, _ report: inout ReviewReport) -> DepartmentsDraft {
        let tableLists = taskTables.flatMap(\.rows).flatMap { row in [row.lead, row.co].map { $0.map { ($0, Optional(row.line)) } } }
        let draft = DepartmentsDraft(lists: mentionLists(units: units, records: records, markdown: markdown) + tableLists)
        report.add(.edit, line: nil, "区域 \(region) 还没有部门登记表：已按文中的 \(draft.rows.count) 个部门起草 departments.csv(和 region.yaml)。请核对名称、kind 和别名，再放到 Content/regions/\(region)/")
        for k in draft.ambiguous {
            report.add(.annotation, line: nil, "“\(k)”既有不带级别的写法，又有不同级别前缀的写法(如区、市)：departments.csv 中各列一行，请判断不带前缀的写法指哪个部门")
        }
        return draft
    }

    /// 6. Nothing dropped: every Han character of the kept lines is in plan.md, except the
    /// header rows a task table repeats (reported with the table); what is missing.
    static func missingHan(_ body: [SourceLine], _ taskTables: [TaskTable], _ markdown: DraftWriter.Markdown,
                           _ report: inout ReviewReport) -> HanCounts {
        let repeatedHeaders = Set(taskTables.flatMap(\.repeatedHeader))
        let keptHan = countHan(body.indices.filter { !repeatedHeaders.contains($0) }.map { body[$0].text })
        let draftHan = countHan(markdown.lines.dropFirst(frontMatterLines(markdown))).subtracting(countHan(markdown.generated))
        let missing = keptHan.subtracting(draftHan)
        if missing.total > 0 {
            report.add(.note, line: nil, "草稿比源文件保留的行少了 \(missing.total) 个汉字(\(missing.sample))：导入程序有误，请对照源文件补齐")
        }
        return missing
    }

    /// Writes plan.md, indicators.csv (when there is one) and review.md into `directory`.
    /// Plan IDs are lower-case ASCII letters, digits and `-` (they appear in URLs).
    public static func isValidID(_ id: String) -> Bool { Identifiers.isValid(id) }

    public static func write(_ result: Result, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(result.planMarkdown.utf8).write(to: directory.appendingPathComponent("plan.md"), options: .atomic)
        let csvURL = directory.appendingPathComponent("indicators.csv")
        if let csv = result.indicatorsCSV {
            try Data(csv.utf8).write(to: csvURL, options: .atomic)
        }
        for (name, text) in result.optionalFiles {
            guard let text else { continue }
            try Data(text.utf8).write(to: directory.appendingPathComponent(name), options: .atomic)
        }
        try Data(result.reviewMarkdown.utf8).write(to: directory.appendingPathComponent("review.md"), options: .atomic)
    }

    // MARK: parts

    static let csvBaseColumns = ["id", "number", "group", "domain", "action", "name", "unit", "nature", "metric", "baseline_year", "baseline"]
    static let csvTailColumns = ["reported", "departments", "source", "note"]

    static func indicatorsCSV(_ records: [[String: String]], report: inout ReviewReport) -> String {
        let targets = Set(records.flatMap { $0.keys.filter { $0.hasPrefix("target_") } }).sorted()
        let header = csvBaseColumns + targets + csvTailColumns
        for r in records {
            let line = Int(r["source"].flatMap { TextPatterns.match(#"源文件第(\d+)行"#, $0)?[1] } ?? "")
            for column in ["baseline"] + targets {
                guard let value = r[column], !value.isEmpty else { continue }
                if case .failure = ValueParser.parse(value) {
                    report.add(.edit, line: line, "indicators.csv \(r["id"] ?? "") 的 \(column)“\(value)”plansite 读不出(以数字开头却不是可读的数值)：请改写或拆行")
                }
            }
        }
        return DraftWriter.csv([header] + records.map { r in header.map { r[$0] ?? "" } })
    }

    /// Private-use code points, replacement characters, control characters, mojibake, and
    /// the source's own redactions (略).
    static func reviewCharacters(_ body: [SourceLine], report: inout ReviewReport) {
        for line in body {
            for (offset, scalar) in line.text.unicodeScalars.enumerated() {
                let hex = String(format: "U+%04X", scalar.value)
                if TextPatterns.isPrivateUse(scalar) {
                    let column = line.text.unicodeScalars.prefix(offset).count + 1
                    let around = String(line.text.unicodeScalars.dropFirst(max(0, offset - 8)).prefix(17).map(Character.init))
                    report.add(.garbled, line: line.number, "第\(column)列有私用区字符 \(hex)(网页乱码，多数字体显示为方框)；草稿按原文保留，请对照原件核对", excerpt: around)
                } else if scalar.value == 0xFFFD || (scalar.value < 0x20 && scalar.value != 0x09) || (0x7F...0x9F).contains(scalar.value) {
                    report.add(.garbled, line: line.number, "有乱码字符 \(hex)", excerpt: line.text)
                }
            }
            if TextPatterns.matches(#"锟斤拷|烫烫烫|屯屯屯|鈥|銆|锛"#, line.text) {
                report.add(.garbled, line: line.number, "有典型的编码错乱文字(锟斤拷/鈥/銆 等)", excerpt: line.text)
            }
            if TextPatterns.matches(#"[\p{Han}]\?{1,}[\p{Han}]"#, line.text) {
                report.add(.garbled, line: line.number, "汉字之间有“?”(转码时丢失的字？)", excerpt: line.text)
            }
            let redactions = TextPatterns.allMatches(#"[(（]略[)）]"#, line.text).count
            if redactions > 0 {
                report.add(.redaction, line: line.number, "原文有 \(redactions) 处“(略)”删略，照录", excerpt: line.text)
            }
        }
    }

    /// Department names the registry does not know (annotations and indicators.csv).
    /// Every list of department names the draft holds, with source lines: annotations, then
    /// the departments column of indicators.csv.
    static func mentionLists(units: [WorkUnit], records: [[String: String]], markdown: DraftWriter.Markdown) -> [[(name: String, line: Int?)]] {
        var lists: [[(name: String, line: Int?)]] = []
        for unit in units {
            for annotation in unit.annotations {
                for list in annotation.lists {
                    lists.append(list.map { ($0.name, markdown.sourceLine(forDraftLine: $0.location.line)) })
                }
            }
        }
        for r in records {
            let line = Int(r["source"].flatMap { TextPatterns.match(#"源文件第(\d+)行"#, $0)?[1] } ?? "")
            lists.append(TableCells.departmentParts(r["departments"] ?? "").map {
                ($0.trimmingCharacters(in: CharacterSet(charactersIn: "*＊")), line)
            })
        }
        return lists
    }

    static func checkDepartments(units: [WorkUnit], records: [[String: String]], registry: DepartmentRegistry,
                                 markdown: DraftWriter.Markdown, report: inout ReviewReport) {
        var reported: Set<String> = []
        for unit in units {
            for annotation in unit.annotations {
                for list in annotation.lists {
                    var prefix = ""
                    for mention in list {
                        if let p = registry.levelPrefix(of: mention.name) { prefix = p }
                        guard !registry.resolves(mention.name, carriedPrefix: prefix), reported.insert(mention.name).inserted else { continue }
                        report.add(.edit, line: markdown.sourceLine(forDraftLine: mention.location.line),
                                   "部门“\(mention.name)”不在 regions/\(registry.region)/departments.csv 中：请在登记表中加入(名称或别名)，或更正写法")
                    }
                }
            }
        }
        for r in records {
            for raw in TableCells.departmentParts(r["departments"] ?? "") {
                let name = raw.trimmingCharacters(in: CharacterSet(charactersIn: "*＊"))
                guard !registry.resolves(name, carriedPrefix: ""), reported.insert(name).inserted else { continue }
                let line = Int(r["source"].flatMap { TextPatterns.match(#"源文件第(\d+)行"#, $0)?[1] } ?? "")
                report.add(.edit, line: line, "indicators.csv \(r["id"] ?? "") 的责任部门“\(name)”不在 regions/\(registry.region)/departments.csv 中：请在登记表中加入，或更正写法")
            }
        }
    }

    /// Department names of task breakdown tables the registry does not know.
    static func checkTableDepartments(_ tables: [TaskTable], registry: DepartmentRegistry, report: inout ReviewReport) {
        var reported: Set<String> = []
        for row in tables.flatMap(\.rows) {
            var prefix = ""
            for name in row.lead + row.co {
                if let p = registry.levelPrefix(of: name) { prefix = p }
                guard !registry.resolves(name, carriedPrefix: prefix), reported.insert(name).inserted else { continue }
                report.add(.edit, line: row.line, "任务分解表中的部门“\(name)”不在 regions/\(registry.region)/departments.csv 中：请在登记表中加入(名称或别名)，或更正写法")
            }
        }
    }

    static func frontMatterLines(_ md: DraftWriter.Markdown) -> Int {
        guard md.lines.first == "---", let end = md.lines.dropFirst().firstIndex(of: "---") else { return 0 }
        return end + 1
    }

    struct HanCounts {
        var counts: [Unicode.Scalar: Int] = [:]
        var total: Int { counts.values.reduce(0, +) }
        func subtracting(_ other: HanCounts) -> HanCounts {
            var result = HanCounts()
            for (k, v) in counts where v - (other.counts[k] ?? 0) > 0 { result.counts[k] = v - (other.counts[k] ?? 0) }
            return result
        }
        /// The ten characters missing most often (ties in code point order), the same in every run.
        var sample: String {
            let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key.value < $1.key.value }
            return String(ordered.prefix(10).map { Character($0.key) })
        }
    }

    static func countHan<S: Sequence>(_ lines: S) -> HanCounts where S.Element == String {
        var c = HanCounts()
        for line in lines {
            for s in line.unicodeScalars where TextPatterns.isHan(s) { c.counts[s, default: 0] += 1 }
        }
        return c
    }
}

/// The department names and aliases of a region, as `plansite check` resolves them
/// (Unicode NFC, spaces removed, the level prefix 省/市/县/区 carried over in a list).
public struct DepartmentRegistry: Sendable {
    public let region: String
    let names: Set<String>

    public init(region: String, names: [String]) {
        self.region = region
        self.names = Set(names.map(Self.normalise))
    }

    /// Reads `CONTENT/regions/REGION/departments.csv`; nil when there is none.
    public init?(contentDirectory: String, region: String) {
        let url = URL(fileURLWithPath: contentDirectory).appendingPathComponent("regions/\(region)/departments.csv")
        guard let data = FileManager.default.contents(atPath: url.path),
              case .success(let text) = TextDecoding.decode(data, path: url.path),
              case .success(let table) = CSVTable.parse(text, path: url.path) else { return nil }
        let nameIndex = table.header.firstIndex { $0.value == "name" }
        let aliasIndex = table.header.firstIndex { $0.value == "aliases" }
        var names: [String] = []
        for row in table.rows {
            if let i = nameIndex, i < row.fields.count { names.append(row.fields[i].value) }
            if let i = aliasIndex, i < row.fields.count {
                names += row.fields[i].value.split(separator: ";").map { String($0) }
            }
        }
        self.init(region: region, names: names)
    }

    static func normalise(_ name: String) -> String {
        TextPatterns.compact(name.precomposedStringWithCanonicalMapping)
    }

    func levelPrefix(of name: String) -> String? {
        guard let first = name.first, "省市县区".contains(first) else { return nil }
        return String(first)
    }

    func resolves(_ name: String, carriedPrefix: String) -> Bool {
        let n = Self.normalise(name)
        if names.contains(n) { return true }
        if !carriedPrefix.isEmpty, levelPrefix(of: n) == nil, names.contains(carriedPrefix + n) { return true }
        return false
    }
}

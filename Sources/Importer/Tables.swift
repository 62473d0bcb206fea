import Foundation

/// Tables whose cells the web page flattened one per line (表1/表2 of a 十四五 plan, 附件1 of a
/// 推进方案): finds the header, merges header and cell fragments that wrapped over two lines,
/// splits rows at the 序号, keeps sub-rows under one 序号, and drafts indicator rows.
struct FlattenedTable: Sendable {
    enum Kind: Sendable { case indicators, other }

    enum Role: Sendable, Equatable {
        case category, action, nature, number, name, unit, baseline(Int?), target(Int?), actual(Int?), reported, departments, other
        var isValue: Bool {
            switch self {
            case .baseline, .target, .actual: return true
            default: return false
            }
        }
    }

    struct Column: Sendable {
        let title: String
        let role: Role
    }

    /// A cell: the text of one or more consecutive source lines.
    struct Cell: Sendable, Equatable {
        var text: String
        var line: Int
        var endLine: Int
    }

    struct Row: Sendable {
        var number: String
        var subIndex: Int?          // 1-based when the row is one of several under one 序号
        var group: String = ""
        var groupUnit: String = ""
        var domain: String = ""
        var action: String = ""
        var name: Cell
        var unit: String = ""
        /// Values by column index (into `columns`).
        var values: [Int: String] = [:]
        var nature: String = ""
        var reported: String = ""
        var departments: [String] = []
        /// The department cells as written (for plan.md).
        var departmentCells: [String] = []
        var notes: [String] = []
        var copiedFromFirst = false
    }

    var caption: String
    var captionLine: Int?
    var kind: Kind
    var columns: [Column]
    var rows: [Row] = []
    /// Rows of a table that is not an indicator table: cells as written.
    var grid: [[String]] = []
    /// Cells the parser could not place in a row.
    var leftovers: [Cell] = []
    /// Body indexes covered (header to last cell).
    var range: ClosedRange<Int>
    var firstLine: Int
    var lastLine: Int

    // MARK: detection

    static let strongHeader: [String] = [
        #"^(指标)?(类别|领域|类型|分类)$"#, #"^指标(性质|属性)$"#, #"^(性质|属性)$"#, #"^序号$"#, #"^(指标)?名称$"#,
        #"^(计量)?单位$"#, #"^(指标值|目标值|现状值|基期值)$"#,
        #"^(?:19|20)\d{2}年?(值|目标|目标值|完成值|现状值|基期值|基准值|实际值)?$"#,
        #"^[“"]?十[一二三四五六七八九]五[”"]?(目标|目标值|期末)?$"#, #"^完成情况$"#, #"^(责任|牵头|配合)(部门|单位).*$"#,
        #"^(主要|重点|工作)?任务$"#, #"^具体(要求|内容|任务)$"#, #"^(主要|建设)内容$"#, #"^备注$"#, #"^(时间节点|完成时限|时间安排)$"#,
        #"^(项目名称|工作措施)$"#,
    ]
    static let weakHeader: Set<String> = ["指标", "类别", "性质", "属性", "年值", "目标", "完成值", "完成", "情况", "名称", "值"]

    static func isStrongHeader(_ text: String) -> Bool { strongHeader.contains { TextPatterns.matches($0, text) } }
    static func isHeaderFragment(_ text: String) -> Bool {
        isStrongHeader(text) || weakHeader.contains(text) || TextPatterns.matches(#"^[“"]十[一二三四五六七八九]五[”"]$|^(?:19|20)\d{2}$"#, text)
    }

    /// Header fragments merged into column titles: 指标/类别 → 指标类别, 2015/年值 → 2015年值.
    static func mergeHeader(_ fragments: [String]) -> [String] {
        var result: [String] = []
        var i = 0
        while i < fragments.count {
            if i + 1 < fragments.count {
                let joined = fragments[i] + fragments[i + 1]
                if isStrongHeader(joined), !isStrongHeader(fragments[i]) || !isStrongHeader(fragments[i + 1]) {
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

    static func role(of title: String, planStart: Int) -> Role {
        let t = TextPatterns.compact(title)
        if TextPatterns.matches(#"^(责任|牵头|配合)(部门|单位)"#, t) { return .departments }
        if t == "序号" { return .number }
        if TextPatterns.matches(#"类别|领域|类型|分类"#, t) { return .category }
        if TextPatterns.matches(#"性质|属性"#, t) { return .nature }
        if t == "任务" { return .action }
        if TextPatterns.matches(#"名称$"#, t) { return .name }
        if TextPatterns.matches(#"^(计量)?单位$"#, t) { return .unit }
        if t == "完成情况" { return .reported }
        if let m = TextPatterns.match(#"十([一二三四五六七八九])五"#, t), let n = TextPatterns.numeralValue("十" + m[1]) {
            let end = 1966 + 5 * (n - 3) + 4
            return t.contains("完成") ? .actual(end) : .target(end)
        }
        if let m = TextPatterns.match(#"^((?:19|20)\d{2})年?(.*)$"#, t), let year = Int(m[1]) {
            if m[2].contains("完成") || m[2].contains("实际") { return .actual(year) }
            if m[2].contains("目标") || year > planStart { return .target(year) }
            return .baseline(year)
        }
        if t == "指标值" || t == "目标值" { return .target(nil) }
        if t == "现状值" || t == "基期值" { return .baseline(nil) }
        return .other
    }

    /// Header runs (at least three header fragments in a row) in the body: start index and
    /// the index after the header.
    static func headerRun(at index: Int, in body: [SourceLine]) -> Int? {
        var j = index
        while j < body.count, isHeaderFragment(body[j].text) { j += 1 }
        guard j - index >= 3 else { return nil }
        let titles = mergeHeader(body[index..<j].map(\.text))
        let useful = titles.contains { ["序号", "指标名称", "名称"].contains($0) || TextPatterns.matches(#"任务$"#, $0) }
        return useful && titles.count >= 3 ? j : nil
    }

    /// Where a table's cells end: a note, an annex heading, another caption, a chapter, or prose.
    static func regionEnd(from start: Int, in body: [SourceLine], kind: Kind, hasAction: Bool) -> Int {
        var j = start
        while j < body.count {
            let t = body[j].text
            if TextPatterns.matches(#"^注\s*[:：]|^附件\s*[0-9一二三四五六七八九十]+\s*$|^表\s*[0-9]+"#, t) { break }
            if TextPatterns.chapter(t) != nil, t.count > 2 { break }
            if j > start, headerRun(at: j, in: body) != nil { break }
            if kind == .indicators {
                if t.count > 60 && t.contains("。") { break }
                if !hasAction, TextPatterns.section(t) != nil, j + 1 < body.count, body[j + 1].text.count > 40 { break }
            }
            j += 1
        }
        return j
    }

    // MARK: cell classes

    static let hanUnits: Set<String> = [
        "个", "吨", "万吨", "千吨", "亿吨", "万元", "亿元", "元", "公顷", "万公顷", "亩", "万亩", "天", "家", "座", "项", "处",
        "件", "人", "人次", "千米", "公里", "米", "年", "次", "户", "辆", "台", "套", "条", "万千瓦", "千瓦", "千瓦时", "万千瓦时",
        "亿千瓦时", "吨标准煤", "万吨标准煤", "吨标煤", "万吨标煤", "立方米", "万立方米", "亿立方米", "微克/立方米", "毫克/升",
        "毫克/立方米", "分贝", "百分点", "个百分点", "平方公里", "平方米", "万平方米", "蒸吨", "张", "所", "只", "株", "口", "倍",
    ]

    static func isUnit(_ s: String) -> Bool {
        if hanUnits.contains(s) || ["%", "‰", "-", "—", "－", "/"].contains(s) { return true }
        guard s.count <= 10, TextPatterns.hanCount(s) == 0, let first = s.unicodeScalars.first else { return false }
        return CharacterSet.letters.contains(first) || "µμ°℃".unicodeScalars.contains(first)
    }

    static let qualitativeStarts = ["完成", "保持", "持续", "建立", "开展", "有效", "达到", "不低于", "不高于", "不超过", "不少于",
                                    "控制在", "稳定", "逐年", "力争", "实现", "显著", "明显", "进一步", "下降", "降低", "提高", "提升",
                                    "减少", "增长", "高于", "低于", "全覆盖", "基本", "确保", "争取", "满足", "优于", "好于",
                                    "零增长", "负增长", "同比", "国家", "省下达"]

    static func isValue(_ s: String) -> Bool {
        if ["-", "—", "－", "/", "(略)", "（略）", "——"].contains(s) { return true }
        if isReported(s) { return false }
        if let first = s.first, "0123456789０１２３４５６７８９≥≤<>≦≧＞＜△〔[±+.−～~".contains(first) { return true }
        if s.hasPrefix("较"), s.contains(where: { $0.isNumber }) { return true }
        if s.contains("≥") || s.contains("≤") || s.contains("≦") || s.contains("≧") { return true }
        return qualitativeStarts.contains { s.hasPrefix($0) }
    }

    static func isReported(_ s: String) -> Bool {
        TextPatterns.matches(#"^(超额完成|完成|未完成|基本完成|超额|已完成|达标|未达标|基本达标)$"#, s)
    }

    static func isNature(_ s: String) -> Bool { TextPatterns.matches(#"^(约束性|预期性|参考性)$"#, s) }

    static let departmentSuffix = #"(局|办|部|委|委员会|分局|集团|中心|公司|院|所|站|处|厅|政府|办公室|队|会|馆|社|行|校|街道|乡镇)"#

    static func departmentParts(_ s: String) -> [String] {
        s.split(whereSeparator: { "、,，;；".contains($0) || $0.isWhitespace }).map { String($0) }.filter { !$0.isEmpty }
    }

    static func isDepartment(_ s: String) -> Bool {
        let parts = departmentParts(s)
        guard !parts.isEmpty else { return false }
        return parts.allSatisfy { part in
            var p = part.trimmingCharacters(in: CharacterSet(charactersIn: "*＊()（）"))
            p = p.trimmingCharacters(in: CharacterSet(charactersIn: "*＊"))
            return p.count >= 2 && p.count <= 16 && TextPatterns.matches(#"^[\p{Han}A-Za-z]+"# + departmentSuffix + "$", p)
        }
    }

    static func isCategoryLike(_ s: String) -> Bool {
        s.count <= 8 && !s.contains(where: { $0.isNumber }) && !s.contains("(") && !s.contains("（")
            && !isDepartment(s) && !isValue(s) && !isReported(s) && !isUnit(s)
    }

    static func isActionCell(_ s: String) -> Bool { TextPatterns.section(s) != nil }

    static func unbalanced(_ s: String) -> Bool {
        let pairs: [(Character, Character)] = [("(", ")"), ("（", "）"), ("“", "”"), ("〔", "〕"), ("[", "]"), ("《", "》")]
        return pairs.contains { pair in s.filter { $0 == pair.0 }.count > s.filter { $0 == pair.1 }.count }
    }

    static func isNameLike(_ s: String) -> Bool {
        !isValue(s) && !isUnit(s) && !isReported(s) && !isNature(s) && !isDepartment(s) && Int(s) == nil
    }

    /// Two consecutive lines that are one cell wrapped by the page.
    static func continues(_ a: String, _ b: String) -> Bool {
        if unbalanced(a) { return true }
        if TextPatterns.matches(#"^较(?:19|20)\d{2}年[^\d]*$"#, a) { return true }
        if ["超额", "基本", "未"].contains(a), b.hasPrefix("完成") { return true }
        if b.hasPrefix("下达") { return true }
        if isNameLike(a), Int(a) == nil {
            if b.hasPrefix("及") || b.hasPrefix("达标") || b.hasPrefix("和") || b.hasPrefix("与") { return true }
            if a.hasSuffix("/") || a.hasSuffix("、") || a.hasSuffix("和") || a.hasSuffix("及") { return true }
        }
        return false
    }

    static func joinCells(_ cells: [Cell]) -> [Cell] {
        var out: [Cell] = []
        var joins = 0
        for cell in cells {
            if let last = out.last, joins < 3, Int(last.text) == nil || unbalanced(last.text), continues(last.text, cell.text) {
                out[out.count - 1] = Cell(text: last.text + cell.text, line: last.line, endLine: cell.endLine)
                joins += 1
            } else {
                out.append(cell)
                joins = 0
            }
        }
        return out
    }

    /// `城市细颗粒物(PM2.5)浓度(µg/m3)` → (`城市细颗粒物(PM2.5)浓度`, `µg/m3`)
    static func splitUnit(_ name: String) -> (String, String) {
        if let m = TextPatterns.match(#"^(.+?)[(（]([^()（）]{1,12})[)）]$"#, name), isUnit(m[2]) || m[2] == "个" {
            return (m[1], m[2])
        }
        return (name, "")
    }
}

/// Parses the flattened tables of a plan's body.
struct TableParser {
    let body: [SourceLine]
    let planStart: Int
    let planEnd: Int

    /// Every flattened table, in document order.
    func tables(report: inout ReviewReport) -> [FlattenedTable] {
        var found: [FlattenedTable] = []
        var i = 0
        while i < body.count {
            guard let headerEnd = FlattenedTable.headerRun(at: i, in: body) else { i += 1; continue }
            let table = parse(headerStart: i, headerEnd: headerEnd, report: &report)
            found.append(table)
            i = table.range.upperBound + 1
        }
        return found
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

    func parse(headerStart: Int, headerEnd: Int, report: inout ReviewReport) -> FlattenedTable {
        let titles = FlattenedTable.mergeHeader(body[headerStart..<headerEnd].map(\.text))
        var columns = titles.map { FlattenedTable.Column(title: $0, role: FlattenedTable.role(of: $0, planStart: planStart)) }
        let isIndicatorTable = titles.contains { $0.contains("指标") && ($0.contains("名称") || $0 == "指标") }
            || titles.contains { $0.hasSuffix("名称") } && columns.contains { $0.role.isValue }
        let hasAction = columns.contains { $0.role == .action }
        let end = FlattenedTable.regionEnd(from: headerEnd, in: body, kind: isIndicatorTable ? .indicators : .other, hasAction: hasAction)
        let (caption, captionLine) = self.caption(before: headerStart)
        let lastIndex = max(headerEnd, end) - 1
        var table = FlattenedTable(caption: caption, captionLine: captionLine, kind: isIndicatorTable ? .indicators : .other,
                                   columns: columns, range: headerStart...max(headerStart, lastIndex),
                                   firstLine: body[headerStart].number, lastLine: body[max(headerStart, lastIndex)].number)
        let headerMerged = titles.count < headerEnd - headerStart
        report.add(.table, line: body[headerStart].number, endLine: body[headerEnd - 1].number,
                   "\(caption)：逐格分行的表，识别出表头 \(titles.count) 列(\(titles.joined(separator: " | ")))" + (headerMerged ? "，其中有跨两行的表头格已合并" : ""))
        let cells = body[headerEnd..<max(headerEnd, end)].map { FlattenedTable.Cell(text: $0.text, line: $0.number, endLine: $0.number) }
        if isIndicatorTable {
            if !columns.contains(where: { $0.role == .number }) {
                // The 序号 column often has no title of its own (表2 of the 十四五 plan).
                let at = columns.firstIndex { $0.role == .name } ?? 0
                columns.insert(FlattenedTable.Column(title: "序号", role: .number), at: at)
                table.columns = columns
                report.add(.table, line: body[headerStart].number, "\(caption)：表头没有“序号”列名，按数据中的序号补出该列")
            }
            parseIndicatorRows(&table, cells: cells, report: &report)
        } else {
            parseGrid(&table, cells: cells, report: &report)
        }
        return table
    }

    // MARK: rows by 序号

    /// Splits cells at the row numbers 1, 2, 3 … (each a cell of its own).
    func segments(_ cells: [FlattenedTable.Cell]) -> (pre: [FlattenedTable.Cell], rows: [(number: FlattenedTable.Cell, cells: [FlattenedTable.Cell])]) {
        var pre: [FlattenedTable.Cell] = []
        var rows: [(FlattenedTable.Cell, [FlattenedTable.Cell])] = []
        var expected = 1
        for (k, cell) in cells.enumerated() {
            let next = k + 1 < cells.count ? cells[k + 1].text : ""
            if cell.text == String(expected), Int(next) == nil {
                rows.append((cell, []))
                expected += 1
            } else if rows.isEmpty {
                pre.append(cell)
            } else {
                rows[rows.count - 1].1.append(cell)
            }
        }
        return (pre, rows)
    }

    func parseGrid(_ table: inout FlattenedTable, cells: [FlattenedTable.Cell], report: inout ReviewReport) {
        let width = table.columns.count
        let numberFirst = table.columns.first?.role == .number
        let (pre, rows) = segments(cells)
        guard numberFirst, !rows.isEmpty else {
            // No numbered rows: cut the cells into rows of the header's width.
            var row: [String] = []
            for cell in cells {
                row.append(cell.text)
                if row.count == width { table.grid.append(row); row = [] }
            }
            if !row.isEmpty {
                table.leftovers += cells.suffix(row.count)
                report.add(.table, line: cells[cells.count - row.count].line, endLine: cells.last?.line,
                           "\(table.caption)：最后 \(row.count) 格凑不满一行(表头 \(width) 列)，已作为【待核】文字放在表后")
            }
            if !cells.isEmpty {
                report.add(.table, line: cells.first?.line, endLine: cells.last?.line,
                           "\(table.caption)：没有序号，按表头 \(width) 列逐格切行，请核对每行是否错位")
            }
            return
        }
        // Cells before row 1 (e.g. the first section row "(一)…") span the whole row.
        for cell in pre { table.grid.append([cell.text] + Array(repeating: "", count: width - 1)) }
        for (number, rowCells) in rows {
            var cells = rowCells
            var spanning: [FlattenedTable.Cell] = []
            while let last = cells.last, FlattenedTable.isActionCell(last.text), cells.count > width - 1 {
                spanning.insert(last, at: 0)
                cells.removeLast()
            }
            if cells.count == width - 1 {
                table.grid.append([number.text] + cells.map(\.text))
            } else if cells.count > width - 1 {
                let extra = cells.dropFirst(width - 1)
                table.grid.append([number.text] + cells.prefix(width - 1).map(\.text))
                table.leftovers += extra
                report.add(.table, line: extra.first!.line, endLine: extra.last!.line,
                           "\(table.caption) 序号\(number.text)：有 \(cells.count) 格，多于表头的 \(width - 1) 列；多出的“\(extra.map(\.text).joined(separator: " "))”未放入表格，作为【待核】文字放在表后")
            } else {
                table.grid.append([number.text] + cells.map(\.text) + Array(repeating: "", count: width - 1 - cells.count))
                report.add(.table, line: number.line, endLine: cells.last?.line ?? number.line,
                           "\(table.caption) 序号\(number.text)：只有 \(cells.count) 格，少于表头的 \(width - 1) 列(可能是合并单元格)，请核对")
            }
            for cell in spanning { table.grid.append([cell.text] + Array(repeating: "", count: width - 1)) }
        }
    }

    // MARK: indicator rows

    enum Token: Equatable { case name, unit, value, nature, reported, department }

    func parseIndicatorRows(_ table: inout FlattenedTable, cells rawCells: [FlattenedTable.Cell], report: inout ReviewReport) {
        let cells = FlattenedTable.joinCells(rawCells)
        for cell in cells where cell.endLine != cell.line {
            report.add(.table, line: cell.line, endLine: cell.endLine, "\(table.caption)：一格被网页断成多行，已合为“\(cell.text)”")
        }
        let columns = table.columns
        let hasUnit = columns.contains { $0.role == .unit }
        let hasCategory = columns.contains { $0.role == .category }
        let hasAction = columns.contains { $0.role == .action }
        let valueColumns = columns.indices.filter { columns[$0].role.isValue }
        let (pre, segments) = self.segments(cells)
        guard !segments.isEmpty else {
            table.leftovers = cells
            report.add(.table, line: cells.first?.line ?? table.firstLine, endLine: cells.last?.line,
                       "\(table.caption)：找不到序号 1、2、3…，未能拆出行；全部单元格作为【待核】文字放在表后")
            return
        }

        // Category and action cells before the first row show how the category column wraps.
        var domain = ""
        var action = ""
        let preCategory = pre.filter { !FlattenedTable.isActionCell($0.text) }
        if let a = pre.last(where: { FlattenedTable.isActionCell($0.text) }) { action = a.text }
        domain = preCategory.map(\.text).joined()
        let categoryCount = max(1, preCategory.count)
        let categoryWidth = preCategory.map(\.text.count).max() ?? 8
        if preCategory.count > 1 {
            report.add(.table, line: preCategory[0].line, endLine: preCategory.last!.line,
                       "\(table.caption)：类别格“\(domain)”被网页断成 \(preCategory.count) 行；以后各行的类别按同样宽度(每行不超过 \(categoryWidth) 字)识别")
        }

        var targetWithoutYear = false
        for (s, segment) in segments.enumerated() {
            var tokens = segment.cells
            var nextDomain: String?
            var nextAction: String?
            if s + 1 < segments.count {
                // Trailing cells that belong to the next row: its action ((二)…) and category.
                if hasAction, let last = tokens.last, FlattenedTable.isActionCell(last.text) {
                    nextAction = last.text
                    tokens.removeLast()
                }
                if hasCategory {
                    var taken: [FlattenedTable.Cell] = []
                    if categoryCount <= 1 {
                        if let last = tokens.last, tokens.count > 1,
                           FlattenedTable.isCategoryLike(last.text) || TextPatterns.matches(#"^(约束性|预期性|参考性)指标$"#, last.text) {
                            taken = [last]
                        }
                    } else {
                        var k = tokens.count - 1
                        var length = 0
                        while k > 0, taken.count < categoryCount, tokens[k].text.count <= categoryWidth,
                              FlattenedTable.isCategoryLike(tokens[k].text), length + tokens[k].text.count <= categoryWidth * categoryCount {
                            taken.insert(tokens[k], at: 0)
                            length += tokens[k].text.count
                            k -= 1
                        }
                    }
                    if !taken.isEmpty {
                        tokens.removeLast(taken.count)
                        nextDomain = taken.map(\.text).joined()
                        if taken.count > 1 {
                            report.add(.table, line: taken[0].line, endLine: taken.last!.line,
                                       "\(table.caption)：第\(taken[0].line)–\(taken.last!.line)行读作下一行(序号\(segments[s + 1].number.text))的类别“\(nextDomain!)”，请核对它们不是本行的子项")
                        }
                    }
                }
            }
            let rows = parseSegment(number: segment.number, tokens: tokens, columns: columns, hasUnit: hasUnit,
                                    valueColumns: valueColumns, caption: table.caption, leftovers: &table.leftovers, report: &report)
            for var row in rows {
                row.domain = domain
                row.action = action
                if valueColumns.contains(where: { columns[$0].role == .target(nil) }), !row.values.isEmpty { targetWithoutYear = true }
                table.rows.append(row)
            }
            if let d = nextDomain {
                domain = d
                if nextAction == nil { action = "" }
            }
            if let a = nextAction { action = a }
        }
        for (c, column) in columns.enumerated() where column.role != .number && column.role != .name && column.role != .category && column.role != .action {
            let filled = table.rows.contains { row in
                switch column.role {
                case .unit: return !row.unit.isEmpty
                case .nature: return !row.nature.isEmpty
                case .reported: return !row.reported.isEmpty
                case .departments: return !row.departments.isEmpty
                case .baseline, .target, .actual: return row.values[c] != nil
                default: return true
                }
            }
            if !filled, !table.rows.isEmpty {
                report.add(.table, line: table.firstLine, "\(table.caption)：表头有“\(column.title)”列，但各行都没有这一列的值(网页文本缺失或原表该列为空)")
            }
        }
        if targetWithoutYear {
            report.add(.table, line: table.firstLine, "\(table.caption)：“指标值”列没有年份，indicators.csv 按规划期末 \(planEnd) 年列为 target_\(planEnd)")
        }
        if !table.leftovers.isEmpty {
            report.add(.table, line: table.leftovers.first!.line, endLine: table.leftovers.last!.endLine,
                       "\(table.caption)：\(table.leftovers.count) 格未能对齐到任何行，已作为【待核】文字放在表后")
        }
    }

    /// The cells after one 序号: the indicator, or a group heading and its sub-rows.
    func parseSegment(number: FlattenedTable.Cell, tokens: [FlattenedTable.Cell], columns: [FlattenedTable.Column], hasUnit: Bool,
                      valueColumns: [Int], caption: String, leftovers: inout [FlattenedTable.Cell], report: inout ReviewReport) -> [FlattenedTable.Row] {
        struct Run {
            var names: [FlattenedTable.Cell] = []
            var unit: String = ""
            var values: [FlattenedTable.Cell] = []
            var nature = ""
            var reported: [String] = []
            var departments: [FlattenedTable.Cell] = []
            var isEmpty: Bool { unit.isEmpty && values.isEmpty && nature.isEmpty && reported.isEmpty && departments.isEmpty }
        }
        let hasNature = columns.contains { $0.role == .nature }
        let hasReported = columns.contains { $0.role == .reported }
        let hasDepartments = columns.contains { $0.role == .departments }
        var runs: [Run] = []
        var i = 0
        while i < tokens.count {
            if !runs.isEmpty, !FlattenedTable.isNameLike(tokens[i].text) || FlattenedTable.isActionCell(tokens[i].text) {
                // A cell that fits no column of the header after the row is complete.
                leftovers.append(tokens[i])
                i += 1
                continue
            }
            var run = Run()
            // A run starts with a name (whatever the cell looks like) and takes the name-like
            // cells after it: a wrapped name, or a group heading and its first sub-row.
            run.names.append(tokens[i])
            i += 1
            while i < tokens.count, FlattenedTable.isNameLike(tokens[i].text) {
                run.names.append(tokens[i])
                i += 1
            }
            if hasUnit, i < tokens.count, FlattenedTable.isUnit(tokens[i].text) {
                run.unit = tokens[i].text
                i += 1
            }
            while !valueColumns.isEmpty, i < tokens.count, FlattenedTable.isValue(tokens[i].text) {
                run.values.append(tokens[i])
                i += 1
            }
            if hasNature, i < tokens.count, FlattenedTable.isNature(tokens[i].text) {
                run.nature = tokens[i].text
                i += 1
            }
            while hasReported, i < tokens.count, FlattenedTable.isReported(tokens[i].text) {
                run.reported.append(tokens[i].text)
                i += 1
            }
            while hasDepartments, i < tokens.count, FlattenedTable.isDepartment(tokens[i].text) {
                run.departments.append(tokens[i])
                i += 1
            }
            runs.append(run)
        }
        guard !runs.isEmpty else {
            report.add(.table, line: number.line, "\(caption) 序号\(number.text)：序号后没有单元格")
            return []
        }

        func join(_ cells: ArraySlice<FlattenedTable.Cell>) -> FlattenedTable.Cell? {
            guard let first = cells.first, let last = cells.last else { return nil }
            return FlattenedTable.Cell(text: cells.map(\.text).joined(), line: first.line, endLine: last.endLine)
        }

        var group: FlattenedTable.Cell?
        var entries: [(name: FlattenedTable.Cell, run: Run?)] = []
        if runs.count == 1 {
            let names = runs[0].names
            if names.count >= 2, let k = names.dropLast().lastIndex(where: { $0.text.hasSuffix("指标") }) {
                group = join(names[...k])
                entries.append((join(names[(k + 1)...])!, runs[0]))
            } else if let name = join(names[...]) {
                entries.append((name, runs[0]))
                if names.count > 1 {
                    report.add(.table, line: names[0].line, endLine: names.last!.line,
                               "\(caption) 序号\(number.text)：指标名称跨 \(names.count) 行，已合为“\(name.text)”")
                }
            }
        } else {
            for (r, run) in runs.enumerated() {
                if r == 0 {
                    if run.names.count >= 2 {
                        group = join(run.names.dropLast())
                        entries.append((run.names.last!, run))
                    } else if let name = run.names.first {
                        entries.append((name, run))
                    }
                } else if run.isEmpty, run.names.count >= 1 {
                    // Names without cells of their own: merged cells shared with the row above.
                    for name in run.names { entries.append((name, nil)) }
                } else {
                    for name in run.names.dropLast() { entries.append((name, nil)) }
                    if let last = run.names.last { entries.append((last, run)) }
                }
            }
        }

        var rows: [FlattenedTable.Row] = []
        var firstRun: Run?
        let subRows = entries.count > 1 || group != nil
        for (k, entry) in entries.enumerated() {
            var row = FlattenedTable.Row(number: number.text, subIndex: subRows ? k + 1 : nil, name: entry.name)
            if let g = group {
                let (groupName, groupUnit) = FlattenedTable.splitUnit(g.text)
                row.group = groupName
                row.groupUnit = groupUnit
            }
            var run = entry.run
            if run == nil, let f = firstRun {
                run = f
                row.copiedFromFirst = true
                report.add(.table, line: entry.name.line, "\(caption) 序号\(number.text)：子项“\(entry.name.text)”没有自己的数值格(合并单元格？)，indicators.csv 沿用第一项的值，请核对")
            }
            guard let r = run else { rows.append(row); continue }
            if firstRun == nil { firstRun = r }
            row.unit = r.unit
            row.nature = r.nature
            row.reported = r.reported.joined()
            row.departmentCells = r.departments.map(\.text)
            row.departments = r.departments.flatMap { cell in
                FlattenedTable.departmentParts(cell.text).map { part -> String in
                    let stripped = part.trimmingCharacters(in: CharacterSet(charactersIn: "()（）"))
                    if stripped != part {
                        report.add(.table, line: cell.line, "\(caption) 序号\(number.text)：责任部门“\(part)”带括号，indicators.csv 去掉括号录为“\(stripped)”")
                    }
                    return stripped
                }
            }
            if hasUnit, r.unit.isEmpty, !row.copiedFromFirst {
                report.add(.table, line: entry.name.line, "\(caption) 序号\(number.text)“\(entry.name.text)”：没有“单位”格(可能是合并单元格)，单位留空")
            }
            // Values: aligned to the value columns from the right when some are missing.
            let values = r.values
            if values.count == valueColumns.count {
                for (c, v) in zip(valueColumns, values) { row.values[c] = v.text }
            } else if values.count < valueColumns.count {
                let offset = valueColumns.count - values.count
                for (k, v) in values.enumerated() { row.values[valueColumns[offset + k]] = v.text }
                if !values.isEmpty, !row.copiedFromFirst {
                    let skipped = valueColumns.prefix(offset).map { columns[$0].title }.joined(separator: "、")
                    report.add(.table, line: values[0].line, "\(caption) 序号\(number.text)“\(entry.name.text)”：只有 \(values.count) 个数值格，少于表头的 \(valueColumns.count) 个；按列序右对齐，“\(skipped)”留空，请核对")
                }
            } else {
                for (c, v) in zip(valueColumns, values) { row.values[c] = v.text }
                let extra = values.dropFirst(valueColumns.count)
                row.notes.append("多出的数值格：" + extra.map(\.text).joined(separator: "；"))
                report.add(.table, line: extra.first!.line, "\(caption) 序号\(number.text)：数值格多于表头的 \(valueColumns.count) 列，多出的“\(extra.map(\.text).joined(separator: "；"))”记入 note")
            }
            rows.append(row)
        }
        return splitSlashes(rows, columns: columns, caption: caption, report: &report)
    }

    /// `低碳县/低(零)碳乡镇(街道)/低(零)碳村(社区)建设数量(个)` with target `1/10/100`: one row per part.
    func splitSlashes(_ rows: [FlattenedTable.Row], columns: [FlattenedTable.Column], caption: String,
                      report: inout ReviewReport) -> [FlattenedTable.Row] {
        var out: [FlattenedTable.Row] = []
        for row in rows {
            let (name, unit) = FlattenedTable.splitUnit(row.name.text)
            let parts = name.split(separator: "/").map(String.init)
            let slashed = row.values.filter { $0.value.split(separator: "/").count == parts.count && $0.value.split(separator: "/").allSatisfy { Double($0) != nil } }
            guard parts.count >= 2, slashed.count == 1, let (column, value) = slashed.first else {
                out.append(row)
                continue
            }
            let values = value.split(separator: "/").map(String.init)
            report.add(.table, line: row.name.line, "\(caption) 序号\(row.number)：名称和目标值都以“/”分隔 \(parts.count) 项，拆为 \(parts.count) 行")
            // `…/低(零)碳村(社区)建设数量`: the measure after the last part belongs to all parts.
            var names = parts
            for suffix in ["建设数量", "创建数量", "数量", "个数"] where names.last!.hasSuffix(suffix) && names.last! != suffix
                && !names.dropLast().contains(where: { $0.hasSuffix(suffix) }) {
                names[names.count - 1] = String(names.last!.dropLast(suffix.count))
                report.add(.table, line: row.name.line, "\(caption) 序号\(row.number)：末项名称后的“\(suffix)”属于全部各项，拆行时从末项名称中去掉")
                break
            }
            for (k, part) in names.enumerated() {
                var sub = row
                sub.group = name
                sub.groupUnit = unit
                sub.name = FlattenedTable.Cell(text: part, line: row.name.line, endLine: row.name.endLine)
                sub.subIndex = k + 1
                sub.values[column] = values[k]
                out.append(sub)
            }
        }
        return out
    }
}

extension FlattenedTable {
    /// The table as a grid for plan.md: the header, then one line per row; a group heading
    /// gets a line of its own with its 序号, its sub-rows follow without one.
    func displayGrid() -> [[String]] {
        var grid = [columns.map(\.title)]
        guard kind == .indicators else { return grid + self.grid.map { $0 + Array(repeating: "", count: max(0, columns.count - $0.count)) } }
        var lastDomain: String?
        var lastAction: String?
        var lastGroup: String?
        func context(_ cells: inout [String], _ row: Row) {
            for (c, column) in columns.enumerated() {
                if column.role == .category, row.domain != lastDomain { cells[c] = row.domain }
                if column.role == .action, row.action != lastAction { cells[c] = row.action }
            }
            lastDomain = row.domain
            lastAction = row.action
        }
        for row in rows {
            let groupKey = row.number + "|" + row.group
            if !row.group.isEmpty, groupKey != lastGroup {
                var cells = Array(repeating: "", count: columns.count)
                context(&cells, row)
                for (c, column) in columns.enumerated() {
                    if column.role == .number { cells[c] = row.number }
                    if column.role == .name { cells[c] = row.group + (row.groupUnit.isEmpty ? "" : "(\(row.groupUnit))") }
                }
                grid.append(cells)
                lastGroup = groupKey
            }
            var cells = Array(repeating: "", count: columns.count)
            context(&cells, row)
            for (c, column) in columns.enumerated() {
                switch column.role {
                case .number: cells[c] = row.group.isEmpty ? row.number : ""
                case .name: cells[c] = row.name.text
                // A sub-row without cells of its own shows none (the CSV repeats the first's).
                case .unit: cells[c] = row.copiedFromFirst ? "" : row.unit
                case .nature: cells[c] = row.copiedFromFirst ? "" : row.nature
                case .reported: cells[c] = row.copiedFromFirst ? "" : row.reported
                case .departments: cells[c] = row.copiedFromFirst ? "" : row.departmentCells.joined(separator: " ")
                case .baseline, .target, .actual: cells[c] = row.copiedFromFirst ? "" : (row.values[c] ?? "")
                case .category, .action, .other: break
                }
            }
            grid.append(cells)
        }
        return grid
    }

    /// The table's label as the document numbers it: `表1`, `附件1` (nil when it has none).
    var label: String? {
        TextPatterns.match(#"^(表\s*\d+|附件\s*\d+)"#, caption).map { TextPatterns.compact($0[1]) }
    }

    /// Rows of indicators.csv (column name → value) for this table.
    /// `groupLabel`: when a plan has several indicator tables, the table's label (表1) leads
    /// the group, so that rows with the same 序号 in two tables stay apart.
    func indicatorRecords(tableNumber: Int, planEnd: Int, groupLabel: String? = nil) -> [[String: String]] {
        guard kind == .indicators else { return [] }
        let hasUnitColumn = columns.contains { $0.role == .unit }
        var records: [[String: String]] = []
        for row in rows {
            var r: [String: String] = [:]
            r["id"] = "t\(tableNumber)-\(row.number)" + (row.subIndex.map { "-\($0)" } ?? "")
            r["number"] = row.number
            var name = row.name.text
            var unit = row.unit
            if !hasUnitColumn {
                let split = FlattenedTable.splitUnit(name)
                name = split.0
                unit = split.1
            }
            if unit.isEmpty { unit = row.groupUnit }
            r["name"] = name
            r["unit"] = unit
            r["group"] = [groupLabel, row.group.isEmpty ? nil : row.group].compactMap { $0 }.joined(separator: " ")
            r["domain"] = row.domain
            r["action"] = row.action
            var notes = row.notes
            var nature = row.nature
            if nature.isEmpty, let m = TextPatterns.match(#"^(约束性|预期性|参考性)指标$"#, row.domain) {
                nature = m[1]
                notes.append("类别格为“\(row.domain)”，nature 据此填写")
            }
            r["nature"] = nature
            r["reported"] = row.reported
            r["departments"] = row.departments.joined(separator: "、")
            var baselineTaken = false
            for (c, column) in columns.enumerated() {
                guard let value = row.values[c], !value.isEmpty else { continue }
                switch column.role {
                case .baseline(let year) where !baselineTaken:
                    r["baseline"] = value
                    if let year { r["baseline_year"] = String(year) }
                    baselineTaken = true
                case .target(let year):
                    r["target_\(year ?? planEnd)"] = value
                default:
                    notes.append("\(column.title)：\(value)")
                }
            }
            if row.copiedFromFirst { notes.append("原表此项没有自己的数值格(合并单元格)，数值沿用本序号第一项") }
            let item = row.subIndex.map { "(第\($0)项)" } ?? ""
            r["source"] = "\(caption) 序号\(row.number)\(item)(源文件第\(row.name.line)行)"
            r["note"] = notes.joined(separator: "；")
            records.append(r)
        }
        return records
    }
}

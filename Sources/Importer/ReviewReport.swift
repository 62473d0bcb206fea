import Foundation

/// One doubt of the importer, with the source line(s) it is about.
public struct ReviewItem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case edit            // the draft fails `plansite check` until this is fixed
        case metadata
        case clutter
        case duplicate
        case heading
        case numbering
        case annotation
        case table
        case garbled
        case order
        case redaction
        case note

        /// Section title in review.md.
        var title: String {
            switch self {
            case .edit: return "需修改(不改则 plansite check 不通过)"
            case .metadata: return "元数据(标题、文号、发文机关、日期、期限)"
            case .clutter: return "已删除的网页杂项"
            case .duplicate: return "重复登载的第二遍全文"
            case .heading: return "标题与层级"
            case .numbering: return "编号(缺号、重号、续编或每节重编)"
            case .annotation: return "责任单位注释"
            case .table: return "表格"
            case .garbled: return "乱码与私用区字符"
            case .order: return "段落断开与次序"
            case .redaction: return "原文删略“(略)”"
            case .note: return "其他"
            }
        }
    }

    public let kind: Kind
    /// Source line (1-based); nil when the doubt is about the whole document.
    public let line: Int?
    /// Last source line of a range, when the doubt covers several lines.
    public let endLine: Int?
    public let message: String
    /// The source text concerned, shortened.
    public let excerpt: String?

    public init(_ kind: Kind, line: Int?, endLine: Int? = nil, _ message: String, excerpt: String? = nil) {
        self.kind = kind
        self.line = line
        self.endLine = endLine
        self.message = message
        self.excerpt = excerpt
    }

    public var lineText: String {
        guard let line else { return "全文" }
        if let endLine, endLine != line { return "第\(line)–\(endLine)行" }
        return "第\(line)行"
    }
}

/// review.md: every doubt, grouped, each with its source line number.
public struct ReviewReport: Sendable {
    public var items: [ReviewItem] = []

    public init(items: [ReviewItem] = []) { self.items = items }

    public mutating func add(_ kind: ReviewItem.Kind, line: Int?, endLine: Int? = nil, _ message: String, excerpt: String? = nil) {
        items.append(ReviewItem(kind, line: line, endLine: endLine, message, excerpt: excerpt))
    }

    public func items(_ kind: ReviewItem.Kind) -> [ReviewItem] { items.filter { $0.kind == kind } }

    /// Edits the draft needs before `plansite check` accepts it.
    public var requiredEdits: [ReviewItem] { items(.edit) }

    public struct Summary: Sendable {
        public var sourceName: String
        public var planID: String
        public var encoding: String
        public var sourceLines: Int
        public var chapters: Int
        public var sections: Int
        public var tasks: Int
        public var annotations: Int
        public var boxes: Int
        public var tables: Int
        public var indicatorRows: Int
        /// Chinese characters: of the whole source, of the lines removed (clutter, page
        /// titles, the second copy), of the lines kept, and of kept text missing in plan.md.
        public var sourceHanCharacters: Int
        public var removedHanCharacters: Int
        public var keptHanCharacters: Int
        public var missingHanCharacters: Int
    }

    public func render(summary s: Summary) -> String {
        var out = "# 导入审核报告(review)\n\n"
        out += "源文件：`\(s.sourceName)`(\(s.encoding)，\(s.sourceLines)行)。本报告由 `plansite import` 生成，"
        out += "列出导入时的每一处疑点及其在源文件中的行号。草稿 `plan.md`、`indicators.csv` 未经人工核对，"
        out += "发布前请逐条核对；草稿中无法归位的文字以“> 【待核】”行标出。核对后把 plan.md(和 indicators.csv)"
        out += "放到 `Content/plans/\(s.planID)/`，运行 `plansite check`。\n\n"
        out += "| 项目 | 数量 |\n| --- | --- |\n"
        out += "| 章(一、) | \(s.chapters) |\n| 节((一)) | \(s.sections) |\n| 任务(1.) | \(s.tasks) |\n"
        out += "| 责任单位注释 | \(s.annotations) |\n| 专栏 | \(s.boxes) |\n| 表格 | \(s.tables) |\n"
        out += "| indicators.csv 行 | \(s.indicatorRows) |\n"
        out += "| 汉字：源文件 = 保留 + 删除(杂项、网页标题、重复全文) | \(s.sourceHanCharacters) = \(s.keptHanCharacters) + \(s.removedHanCharacters) |\n"
        out += "| 保留的汉字中草稿缺少的 | \(s.missingHanCharacters) |\n"
        out += "| 需修改 | \(requiredEdits.count) |\n| 疑点合计 | \(items.count) |\n\n"
        for kind in ReviewItem.Kind.allCases {
            let list = items(kind)
            guard !list.isEmpty || kind == .edit else { continue }
            out += "## \(kind.title)(\(list.count))\n\n"
            if list.isEmpty {
                out += "无。\n\n"
                continue
            }
            for item in list.sorted(by: { ($0.line ?? 0) < ($1.line ?? 0) }) {
                out += "- \(kind == .edit ? "[ ] " : "")\(item.lineText)：\(item.message)"
                if let excerpt = item.excerpt, !excerpt.isEmpty {
                    out += "　原文：“\(Self.shorten(excerpt))”"
                }
                out += "\n"
            }
            out += "\n"
        }
        return out
    }

    static func shorten(_ text: String, limit: Int = 60) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit)) + "…"
    }
}

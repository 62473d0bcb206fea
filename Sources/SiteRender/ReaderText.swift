import Foundation
import PlanModel

/// Free text from Content/ that was written for the people who keep the content (front matter
/// notes, sources, observation and indicator notes), made fit for readers at render time: the
/// content itself is left as it is.
///
/// - Notes about how the text was put into the content format (`按格式…`, `plan.md`) are not
///   for readers and are left out (`readerNotes`).
/// - Repository paths (`shared/seeds/…txt`) are dropped; file names become what they hold
///   (`indicators.csv` → 指标表).
/// - Unit IDs (`c2-s2-t6`) become the document's own numbering (`二(二)6`); plan IDs become the
///   plan's short title; an indicator ID of the plan, or a metric ID of its region, becomes its
///   name; the names of content
///   fields (`issue_date`, `target_2025`) become their labels.
/// - A parenthesis that only explains IDs (`(表1 各行 ID 以 t1- 开头)`) is dropped.
struct ReaderText: Sendable {
    /// Plan IDs, longest first, each with the title readers see for it.
    let planTitles: WordList
    /// Region ID → the IDs of its metrics that read as IDs, longest first, each with the metric's name.
    let metricNames: [String: WordList]

    /// `planTitles`: plan ID → the title readers see for it; `metricNames`: region ID → metric
    /// ID → the metric's name.
    init(planTitles: [String: String], metricNames: [String: [String: String]] = [:]) {
        self.planTitles = WordList(planTitles.sorted(by: Self.longestFirst).map { ($0.key, "《\($0.value)》") })
        self.metricNames = metricNames.mapValues { names in
            WordList(names.sorted(by: Self.longestFirst).filter { $0.key.count >= 4 && $0.key.contains("-") }.map { ($0.key, "“\($0.value)”") })
        }
    }

    /// Longer IDs are replaced first, so that one that begins another is not taken for it;
    /// IDs of the same length in their own order.
    static func longestFirst(_ a: (key: String, value: String), _ b: (key: String, value: String)) -> Bool {
        a.key.count != b.key.count ? a.key.count > b.key.count : a.key < b.key
    }

    static let fileNames: [(String, String)] = [
        ("indicators.csv", "指标表"), ("observations.csv", "报告值表"), ("departments.csv", "部门名录"),
        ("metrics.csv", "统计口径表"), ("reports.csv", "任务进展报告表"), ("plan.md", "正文"),
        ("site.yaml", "站点设置"), ("region.yaml", "地区设置"), ("review.md", "导入核对记录"),
    ]
    /// Words of the people who keep the content, in words readers use.
    static let terms: [(String, String)] = [("种子文件", "原网页文本"), ("种子", "原网页文本")]
    static let fieldNames: [(String, String)] = [
        ("source_note", "来源说明"), ("issue_date", "发布日期"), ("doc_number", "文号"), ("short_title", "简称"),
        ("five-year-mean", "五年均值"), ("baseline_year", "基期年"), ("issuer", "发布机关"), ("title", "标题"),
        ("nature", "性质"), ("annual", "年度值"), ("cumulative", "五年累计"), ("baseline", "基期值"),
        ("reported", "完成情况"), ("period", "规划期"), ("notes", "编辑说明"), ("source", "来源"), ("aliases", "别名"),
        ("metric", "统计口径"),
    ]
    /// Words that mark a note as one about the content format, not about the document.
    static let maintainerMarkers = ["按格式", "plan.md", "front matter"]

    static let path = try! NSRegularExpression(pattern: #"(?<![:/\w.])(?:[A-Za-z0-9_.\-]+/)+[A-Za-z0-9_.\-]+\.[A-Za-z0-9]{1,5}(?![\w/])"#)
    static let fileName = try! NSRegularExpression(pattern: #"(?<![:/\w.])[A-Za-z0-9_\-]+\.(?:csv|md|yaml|yml|json|txt)(?![\w/])"#)
    static let unitID = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9\-/#])c\d+(?:-s\d+)?(?:-t\d+)?(?![A-Za-z0-9\-])"#)
    static let targetColumn = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9_])target_(\d{4})(?![A-Za-z0-9_])"#)
    static let idParenthesis = try! NSRegularExpression(pattern: #"[(（][^()（）]*\bID\b[^()（）]*[)）]"#)
    /// A word of ASCII letters standing alone, with the space that sets it off from Chinese
    /// text on either side (the replacement is Chinese: no space is needed).
    static let word = #"(?:(?<=[\p{Han}，。；：、）)”])\s)?(?<![A-Za-z0-9_\-/.])%@(?![A-Za-z0-9_\-/.])(?:\s(?=[\p{Han}（(“]))?"#
    /// `私用区字符 U+E010` and a bare `U+E010`: pages show such a character as 〓.
    static let privateUse = try! NSRegularExpression(pattern: #"(?:私用区字符\s*)?U\+(?:E[0-9A-F]{3}|F[0-8][0-9A-F]{2})"#)

    /// The notes of `plan` that are for readers, each made fit for them.
    func readerNotes(_ notes: [String], plan: Plan?) -> [String] {
        notes.filter { note in !Self.maintainerMarkers.contains { note.contains($0) } }.map { clean($0, plan: plan) }
    }

    /// Each regular expression and word list below is tried only when the text holds what it
    /// needs (`U+` for a private-use code, `ID` for an ID parenthesis, a word of the list):
    /// a text without it comes out of the step unchanged.
    func clean(_ text: String, plan: Plan?) -> String {
        guard text.contains(where: { $0.isASCII && ($0.isLetter || $0 == "/") }) || Self.terms.contains(where: { text.contains($0.0) }) else {
            return text
        }
        var s = text
        if s.holdsBytes("U+") { s = Self.replace(Self.privateUse, in: s) { $0.hasPrefix("私用区") ? "无法显示的字符“〓”" : "“〓”" } }
        if s.holdsBytes("ID") { s = Self.replace(Self.idParenthesis, in: s) { _ in "" } }
        if s.holdsBytes("/") { s = Self.replace(Self.path, in: s) { _ in "" } }
        for (term, words) in Self.terms where s.contains(term) { s = s.replacingOccurrences(of: term, with: words) }
        // Every file name has a dot.
        if s.holdsBytes(".") {
            for (name, label) in Self.fileNames where s.contains(name) {
                s = Self.replaceWord(name, in: s, with: label)
                // "见指标表(indicators.csv)" would read 指标表(指标表).
                for (open, close) in [("(", ")"), ("（", "）")] { s = s.replacingOccurrences(of: label + open + label + close, with: label) }
            }
        }
        if Self.fileExtensions.contains(where: { s.holdsBytes($0) }) { s = Self.replace(Self.fileName, in: s) { _ in "" } }
        if let plan {
            if s.holdsBytes("c") {
                var references: [String: String]?
                s = Self.replace(Self.unitID, in: s) { id in
                    if references == nil { references = Self.references(of: plan) }
                    return references?[id] ?? ""
                }
            }
            s = WordList.replacing(plan.indicators.filter { $0.id.count >= 4 && $0.id.contains("-") }.map { ($0.id, "“\($0.name)”") }, in: s)
            s = metricNames[plan.regionID]?.apply(to: s) ?? s
        } else if s.holdsBytes("c") {
            s = Self.replace(Self.unitID, in: s) { _ in "" }
        }
        s = planTitles.apply(to: s)
        if s.holdsBytes("target_") {
            s = Self.replace(Self.targetColumn, in: s) { "\($0.trimmingCharacters(in: .whitespaces).dropFirst("target_".count))年目标值" }
        }
        s = Self.fields.apply(to: s)
        return Self.tidy(s)
    }

    static let fields = WordList(fieldNames)
    /// What `fileName` needs in a text.
    static let fileExtensions = [".csv", ".md", ".yaml", ".yml", ".json", ".txt"]

    /// Unit and chapter IDs of the plan → the document's numbering: 二(三)15, 一(二), 三.
    static func references(of plan: Plan) -> [String: String] {
        var result: [String: String] = [:]
        var chapterNumeral: [String: String] = [:]
        var sectionLabel: [String: String] = [:]
        for chapter in plan.chapters {
            let numeral = String(chapter.heading.prefix { $0 != "、" && $0 != "." && $0 != "．" })
            chapterNumeral[chapter.id] = numeral
            result[chapter.id] = numeral
            for section in chapter.sections {
                let label = section.heading.firstIndex { $0 == ")" || $0 == "）" }.map { String(section.heading[...$0]) } ?? ""
                sectionLabel[section.id] = label
                result[section.id] = numeral + label
            }
        }
        for unit in plan.units where unit.kind == .task {
            let number = unit.label.trimmingCharacters(in: CharacterSet(charactersIn: ".．、 "))
            result[unit.id] = (chapterNumeral[unit.chapterID] ?? "") + (unit.sectionID.flatMap { sectionLabel[$0] } ?? "") + number
        }
        return result
    }

    static func replace(_ regex: NSRegularExpression, in text: String, _ with: (String) -> String) -> String {
        let ns = text as NSString
        var out = ""
        var last = 0
        for m in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            out += with(ns.substring(with: m.range))
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    static func replaceWord(_ word: String, in text: String, with replacement: String) -> String {
        guard text.contains(word),
              let regex = try? NSRegularExpression(pattern: String(format: Self.word, NSRegularExpression.escapedPattern(for: word))) else { return text }
        return replace(regex, in: text) { _ in replacement }
    }

    /// Spaces left before punctuation or doubled by a removal, and empty brackets.
    static func tidy(_ text: String) -> String {
        var s = text
        for empty in ["()", "（）", "( )", "（ ）"] where s.holdsBytes(empty) { s = s.replacingOccurrences(of: empty, with: "") }
        while s.holdsBytes("  ") && s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        for mark in ["，", "。", "；", "、", "：", ")", "）"] where s.holdsBytes(" " + mark) { s = s.replacingOccurrences(of: " " + mark, with: mark) }
        for mark in ["(", "（"] where s.holdsBytes(mark + " ") { s = s.replacingOccurrences(of: mark + " ", with: mark) }
        return s.trimmingWhitespaces()
    }
}

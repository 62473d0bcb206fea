import Foundation

/// What the way a text was obtained left in it, taken out before anything else reads the
/// lines: a site's YAML header, an SQL `INSERT` wrapped around the text, raw HTML remains
/// (`<p>`, `/P>`, `o:p>`, `&nbsp;`); no-break spaces stay as written (trimming treats them as spaces). Every change is kept with its source
/// line, for review.md; a line that only held markup is removed and listed.
struct MarkupCleaner {
    struct Change: Sendable, Equatable {
        let line: Int
        let what: String
        let excerpt: String
    }

    struct Result: Sendable {
        var lines: [SourceLine]
        var changes: [Change]
        /// Lines that held nothing but markup or the header: removed.
        var removed: [(line: SourceLine, reason: String)]
    }

    static let insertPrefix = #"^\s*INSERT\s+INTO\s+\S+(?:\s*\([^)]*\))?\s*VALUES\s*\((?:\s*(?:'(?:[^'\\]|\\.){0,80}'|\d+|NULL)\s*,)*\s*'"#
    static let insertSuffix = #"'\s*(?:,\s*(?:'(?:[^'\\]|\\.){0,80}'|\d+|NULL)\s*)*\)\s*;?\s*$"#
    static let tag = #"</?[A-Za-z][A-Za-z0-9]*(?::[A-Za-z0-9]+)?(?:\s[^<>]*)?/?>|<!--.*?-->"#
    /// Broken tag remains whose `<` was lost: `/P>`, `o:p>`, `/SPAN>`, `p>` at a line's start.
    static let brokenTag = #"(?i)(?<![A-Za-z])/?(?:o:p|p|span|div|font|br|strong|td|tr|th|table|tbody|li|ul|section)>"#
    static let entities: [(String, String)] = [("&nbsp;", " "), ("&emsp;", " "), ("&ensp;", " "), ("&lt;", "<"), ("&gt;", ">"),
                                               ("&quot;", "\""), ("&ldquo;", "“"), ("&rdquo;", "”"), ("&mdash;", "—"),
                                               ("&hellip;", "…"), ("&middot;", "·"), ("&amp;", "&")]

    func clean(_ lines: [SourceLine]) -> Result {
        var result = Result(lines: [], changes: [], removed: [])
        let headerEnd = Self.yamlHeaderEnd(lines)
        for (k, line) in lines.enumerated() {
            if k <= headerEnd {
                result.removed.append((line, "转载网站的 YAML 头"))
                continue
            }
            var text = line.text
            var what: [String] = []
            if let m = TextPatterns.match(Self.insertPrefix, text) {
                text = String(text.dropFirst(m[0].count))
                what.append("SQL INSERT 语句的开头")
            }
            if text.contains("'"), let r = text.range(of: Self.insertSuffix, options: .regularExpression), k >= lines.count - 3 || what.count > 0 {
                text.removeSubrange(r)
                what.append("SQL 语句的结尾")
            }
            // Escaped line breaks of an SQL dump, paragraph and line-break tags: new lines.
            var pieces = [text]
            if what.contains(where: { $0.hasPrefix("SQL") }) || text.contains("\\r\\n") || text.contains("\\n") {
                pieces = pieces.flatMap { $0.replacingOccurrences(of: "\\r\\n", with: "\n").replacingOccurrences(of: "\\n", with: "\n").components(separatedBy: "\n") }
            }
            if TextPatterns.matches(#"(?i)</p>|<br\s*/?>"#, text) {
                pieces = pieces.flatMap { TextPatterns.regex(#"(?i)</p>|<br\s*/?>"#).stringByReplacingMatches(in: $0, range: NSRange($0.startIndex..., in: $0), withTemplate: "\n").components(separatedBy: "\n") }
                what.append("HTML 分段标记")
            }
            var kept: [String] = []
            for piece in pieces {
                var t = piece
                if TextPatterns.matches(Self.tag, t) {
                    t = TextPatterns.regex(Self.tag).stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: "")
                    if !what.contains("HTML 标记") { what.append("HTML 标记") }
                }
                if TextPatterns.matches(Self.brokenTag, t) {
                    t = TextPatterns.regex(Self.brokenTag).stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: "")
                    if !what.contains("残缺的 HTML 标记(如“/P>”“o:p>”)") { what.append("残缺的 HTML 标记(如“/P>”“o:p>”)") }
                }
                for (entity, character) in Self.entities where t.contains(entity) {
                    t = t.replacingOccurrences(of: entity, with: character)
                    if !what.contains("HTML 字符实体") { what.append("HTML 字符实体") }
                }
                kept.append(t)
            }
            if !what.isEmpty {
                result.changes.append(Change(line: line.number, what: what.joined(separator: "、"), excerpt: line.text))
                if kept.allSatisfy({ TextPatterns.trim($0).isEmpty }) {
                    result.removed.append((line, "只有网页标记(\(what.joined(separator: "、")))"))
                    continue
                }
            }
            for t in kept { result.lines.append(SourceLine(number: line.number, text: t)) }
        }
        return result
    }

    /// The index of the closing `---` of a YAML header (`---`, `key: value` lines, `---`) at the
    /// start of the file; -1 when there is none.
    static func yamlHeaderEnd(_ lines: [SourceLine]) -> Int {
        guard let first = lines.firstIndex(where: { !TextPatterns.trim($0.text).isEmpty }),
              TextPatterns.trim(lines[first].text) == "---" else { return -1 }
        for k in (first + 1)..<min(lines.count, first + 40) {
            let t = TextPatterns.trim(lines[k].text)
            if t == "---" || t == "..." { return k }
            if !t.isEmpty, !TextPatterns.matches(#"^[A-Za-z_][\w-]*\s*:|^-\s|^\s"#, lines[k].text) { return -1 }
        }
        return -1
    }
}

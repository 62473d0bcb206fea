import Foundation
import Mustache

/// A page template cut around the section of a list that grows with the site (the list of
/// every indicator, the plans on the home page, the regions of the department list): what
/// comes before the list, the list's section, and what comes after.
/// The page is rendered as `before`, then the section once for each run of rows, then
/// `after`, and written as it comes (`RenderJobs`), so that the runs can be rendered on
/// several threads and the page is never held whole. Rendering the pieces gives the same
/// text as rendering the whole template.
struct TemplatePieces: Sendable {
    let before: MustacheTemplate
    let list: MustacheTemplate
    let after: MustacheTemplate

    /// The pages rendered in pieces, with the section of their list.
    static let lists = ["indicators": "indicators", "index": "plans", "departments": "regions"]

    /// The pieces of a template's text (without the pragma line, which is added to each);
    /// nil when the text has no section `name` outside every other section, or when the
    /// section uses the sequence's place (`index()`, `first()`, …), which would start again
    /// in each run, or names the list again (it would find only the run's rows).
    init?(_ text: String, section name: String) {
        guard let (before, list, after) = Self.cut(text, aroundSection: name),
              list.range(of: #"\b(first|last|index|even|odd)\("#, options: .regularExpression) == nil,
              Self.tags(naming: name, in: list) == 2,
              let before = try? MustacheTemplate(string: HTMLEscaping.pragma + before),
              let list = try? MustacheTemplate(string: HTMLEscaping.pragma + list),
              let after = try? MustacheTemplate(string: HTMLEscaping.pragma + after) else { return nil }
        (self.before, self.list, self.after) = (before, list, after)
    }

    /// The tags whose name is or starts with `name` (`{{name}}`, `{{#name.count}}`, …).
    static func tags(naming name: String, in text: String) -> Int {
        let pattern = #"\{\{\{?\s*[#^/&>]?\s*"# + NSRegularExpression.escapedPattern(for: name) + #"(?![A-Za-z0-9_\-])"#
        return (try? NSRegularExpression(pattern: pattern))?.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text)) ?? 0
    }

    /// `text` cut around its first `{{#name}}…{{/name}}`. A tag alone on its line takes the
    /// line with it (Mustache renders such a line as nothing), so each piece renders as it
    /// does within the whole. Whether the section is inside another one is left to the
    /// parser: `before` or `after` then has an unclosed section.
    static func cut(_ text: String, aroundSection name: String) -> (String, String, String)? {
        let escaped = NSRegularExpression.escapedPattern(for: name)
        guard let tag = try? NSRegularExpression(pattern: #"\{\{\s*([#^/])\s*"# + escaped + #"\s*\}\}"#) else { return nil }
        let whole = NSRange(text.startIndex..., in: text)
        var depth = 0
        var open: Range<String.Index>?
        for match in tag.matches(in: text, range: whole) {
            guard let range = Range(match.range, in: text), let kind = Range(match.range(at: 1), in: text) else { return nil }
            if text[kind] == "/" {
                depth -= 1
                if depth == 0, let start = open {
                    let from = lineStart(ofStandalone: start, in: text) ?? start.lowerBound
                    let to = lineEnd(ofStandalone: range, in: text) ?? range.upperBound
                    return (String(text[..<from]), String(text[from..<to]), String(text[to...]))
                }
            } else {
                if depth == 0 {
                    guard text[kind] == "#" else { return nil }
                    open = range
                }
                depth += 1
            }
        }
        return nil
    }

    /// Where the line of `tag` starts, when nothing but spaces and tabs is on it besides it.
    static func lineStart(ofStandalone tag: Range<String.Index>, in text: String) -> String.Index? {
        guard lineEnd(ofStandalone: tag, in: text) != nil else { return nil }
        var start = tag.lowerBound
        while start > text.startIndex, " \t".contains(text[text.index(before: start)]) { start = text.index(before: start) }
        return start == text.startIndex || text[text.index(before: start)].isNewline ? start : nil
    }

    /// Where the line of `tag` ends (after its line break), when nothing but spaces and tabs
    /// is on it besides it. Line breaks are `Character.isNewline`, as swift-mustache reads them
    /// (CR LF is one character).
    static func lineEnd(ofStandalone tag: Range<String.Index>, in text: String) -> String.Index? {
        var start = tag.lowerBound
        while start > text.startIndex, " \t".contains(text[text.index(before: start)]) { start = text.index(before: start) }
        guard start == text.startIndex || text[text.index(before: start)].isNewline else { return nil }
        var end = tag.upperBound
        while end < text.endIndex, " \t".contains(text[end]) { end = text.index(after: end) }
        guard end < text.endIndex else { return end }
        return text[end].isNewline ? text.index(after: end) : nil
    }
}

import Foundation
import PlanModel
import Yams

/// A YAML mapping of settings (site.yaml, region.yaml, a plan's front matter), each key with
/// its source line, checked against the fields a file may have.
struct YAMLFields {
    struct Entry {
        let node: Node
        let location: SourceLocation
    }

    let path: String
    let entries: [String: Entry]
    let fileLocation: SourceLocation

    /// `lineOffset`: lines before the YAML text in the file (the `---` of front matter).
    static func parse(_ text: String, path: String, lineOffset: Int = 0, known: Set<String>,
                      required: [String], log: inout DiagnosticLog) -> YAMLFields? {
        let fileLocation = SourceLocation(path: path, line: lineOffset + 1)
        if let line = lineExceedingNesting(text) {
            log.add(.error("yaml", at: SourceLocation(path: path, line: line + lineOffset),
                           "the YAML is nested too deeply (more than \(maxNesting) levels of lists, mappings or brackets)",
                           hint: "settings are flat 'key: value' lines, with at most a list of notes; see docs/content-format.md"))
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            log.add(yamlDiagnostic(error, path: path, lineOffset: lineOffset))
            return nil
        } catch {
            log.add(.error("yaml", at: fileLocation, "cannot read YAML: \(error)"))
            return nil
        }
        guard let mapping = root?.mapping else {
            log.add(.error("yaml", at: fileLocation, "expected 'key: value' lines",
                           hint: "see docs/content-format.md for the fields of this file"))
            return nil
        }
        var entries: [String: Entry] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            let location = SourceLocation(path: path, line: (key.mark?.line ?? 1) + lineOffset, column: key.mark?.column ?? 1)
            if !known.contains(name) {
                log.add(.error("unknown-field", at: location, "unknown field '\(name)'",
                               hint: "known fields: \(known.sorted().joined(separator: ", ")) (a typo is not ignored)"))
                continue
            }
            entries[name] = Entry(node: value, location: location)
        }
        for name in required where entries[name] == nil || (entries[name]?.node.string ?? "x").isEmpty {
            log.add(.error("missing-field", at: fileLocation, "required field '\(name)' is missing",
                           hint: "add a line '\(name): …'; see docs/content-format.md"))
        }
        return YAMLFields(path: path, entries: entries, fileLocation: fileLocation)
    }

    /// Yams builds its node tree recursively, one stack frame chain per level: a front matter
    /// of 50,000 "[" overflowed the stack (found with the fuzz target). Deeper YAML than this
    /// is refused before Yams sees it.
    static let maxNesting = 200

    /// The first line (1-based, in `text`) at which an upper bound of the nesting depth
    /// passes `maxNesting`, or nil. The bound over-counts and never under-counts: every "[" or
    /// "{" so far (flow collections, quotes not excepted), plus for the line two levels per
    /// column of indentation (a block collection nests by indenting; a sequence may sit at its
    /// key's indentation) and one per "-", "?" or ":" followed by a space, tab or the line's end
    /// (compact nesting on one line: "- - - a"). YAML's other line breaks split lines too.
    static func lineExceedingNesting(_ text: String) -> Int? {
        var flow = 0
        var line = 1
        var indent = 0
        var atIndent = true
        var compact = 0
        var previous: Unicode.Scalar?
        func isIndicator(_ scalar: Unicode.Scalar?) -> Bool { scalar == "-" || scalar == "?" || scalar == ":" }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                if isIndicator(previous) { compact += 1 }
                if flow + 2 * (indent + 1) + compact > maxNesting { return line }
                line += scalar == "\n" ? 1 : 0
                indent = 0
                atIndent = true
                compact = 0
                previous = nil
                continue
            case " ", "\t":
                if atIndent { indent += 1 }
                if isIndicator(previous) { compact += 1 }
            case "[", "{":
                flow += 1
                atIndent = false
            default:
                atIndent = false
            }
            previous = scalar
        }
        if isIndicator(previous) { compact += 1 }
        return flow + 2 * (indent + 1) + compact > maxNesting ? line : nil
    }

    func string(_ key: String) -> String {
        guard let node = entries[key]?.node else { return "" }
        return (node.string ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func strings(_ key: String, log: inout DiagnosticLog) -> [String] {
        guard let entry = entries[key] else { return [] }
        if let sequence = entry.node.sequence {
            return sequence.compactMap { $0.string?.trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        if let single = entry.node.string, !single.isEmpty { return [single] }
        log.add(.error("field-type", at: entry.location, "'\(key)' must be a list (lines starting with '- ')"))
        return []
    }

    func bool(_ key: String, log: inout DiagnosticLog) -> Bool {
        guard let entry = entries[key] else { return false }
        switch entry.node.string?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            log.add(.error("field-type", at: entry.location, "'\(key)' must be true or false"))
            return false
        }
    }

    func location(_ key: String) -> SourceLocation { entries[key]?.location ?? fileLocation }

    static func yamlDiagnostic(_ error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return .error("yaml", at: SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column),
                          "YAML syntax error: \(problem)",
                          hint: "write one 'key: value' per line; quote values that contain ': ' or start with a special character")
        default:
            return .error("yaml", at: SourceLocation(path: path, line: lineOffset + 1), "YAML error: \(error)")
        }
    }
}

/// Splits `---\nYAML\n---\nbody` into the YAML, the body and the number of lines before the body.
enum FrontMatter {
    struct Split {
        let yaml: String
        let body: String
        /// Lines of the file before the body starts (both `---` lines and the YAML).
        let bodyLineOffset: Int
    }

    static func split(_ text: String, path: String) -> Result<Split, Diagnostic> {
        // Lines are found on UTF-8 bytes and only the front matter is cut into lines (cutting
        // and re-joining the whole plan was 3 % of a build).
        let utf8 = text.utf8
        func lineEnd(from start: String.Index) -> String.Index { utf8[start...].firstIndex(of: 0x0A) ?? text.endIndex }
        func isFence(_ line: Substring) -> Bool { line.trimmingCharacters(in: .whitespaces) == "---" }
        let firstEnd = lineEnd(from: text.startIndex)
        guard isFence(text[text.startIndex..<firstEnd]) else {
            return .failure(.error("front-matter", at: SourceLocation(path: path, line: 1),
                                   "the plan must start with front matter between two '---' lines",
                                   hint: "put '---' on the first line, then title:, issuer:, period:, region:, source:, then '---'"))
        }
        var lineNumber = 1  // 0-based index of the line starting at `start`
        var start = firstEnd == text.endIndex ? text.endIndex : utf8.index(after: firstEnd)
        let yamlStart = start
        var closing: (start: String.Index, end: String.Index)?
        while firstEnd != text.endIndex {
            let end = lineEnd(from: start)
            if isFence(text[start..<end]) { closing = (start, end); break }
            if end == text.endIndex { break }
            start = utf8.index(after: end)
            lineNumber += 1
        }
        guard let closing else {
            return .failure(.error("front-matter", at: SourceLocation(path: path, line: 1),
                                   "the front matter is never closed", hint: "add a line '---' after the last field"))
        }
        // The YAML is the lines between the fences without the line feed before the closing one.
        let yamlEnd = closing.start == yamlStart ? yamlStart : utf8.index(before: closing.start)
        let yaml = String(text[yamlStart..<yamlEnd])
        let body = closing.end == text.endIndex ? "" : String(text[utf8.index(after: closing.end)...])
        return .success(Split(yaml: yaml, body: body, bodyLineOffset: lineNumber + 1))
    }
}

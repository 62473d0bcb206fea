/// The labels of labels.yaml written into the templates when they are loaded.
///
/// `{{labels.key}}` renders the same text on every page: every page's view hands the
/// templates the same labels. So each such tag is replaced by that text, escaped as the tag
/// would render it (`{{{labels.key}}}` and `{{&labels.key}}` unescaped), before the template
/// is compiled, and pages do not look labels up one by one. The files in Templates/ stay as
/// they are. A tag is left to Mustache whenever the text could render differently:
///
/// - a template that sets other delimiters (`{{=`) or a content type (`{{%`) is left whole;
/// - sections (`{{#labels.key}}`), transforms and any other tag are left;
/// - a label that is blank, holds a brace or a line break, or is named `labels` is left
///   (written as text it could make a tag, a standalone line or an indented line of a
///   partial that the tag does not).
enum TemplateLabels {
    static func fillIn(_ template: String, labels: [String: String]) -> String {
        guard labels["labels"] == nil, !template.contains("{{="), !template.contains("{{%") else { return template }
        // Characters, as swift-mustache's parser reads the template.
        let text = Array(template)
        var out = ""
        var copied = 0
        var i = 0
        while i + 1 < text.count {
            guard text[i] == "{" && text[i + 1] == "{" else {
                i += 1
                continue
            }
            let triple = i + 2 < text.count && text[i + 2] == "{"
            let innerStart = i + (triple ? 3 : 2)
            guard let close = firstClose(in: text, from: innerStart) else { break }
            var end = close + 2
            if triple {
                guard end < text.count && text[end] == "}" else { break }
                end += 1
            }
            if let filled = label(for: text[innerStart..<close], triple: triple, labels: labels) {
                out += String(text[copied..<i]) + filled
                copied = end
            }
            i = end
        }
        return out + String(text[copied...])
    }

    /// Where the `}}` that closes a tag starts.
    static func firstClose(in text: [Character], from start: Int) -> Int? {
        var k = start
        while k + 1 < text.count {
            if text[k] == "}" && text[k + 1] == "}" { return k }
            k += 1
        }
        return nil
    }

    /// The text a tag with `inner` between its braces renders, when it is a label's.
    static func label(for inner: ArraySlice<Character>, triple: Bool, labels: [String: String]) -> String? {
        var name = inner
        var escaped = false
        if !triple {
            switch inner.first {
            case "&": name = inner.dropFirst()
            case "#", "^", "/", "!", ">", "<", "$", "%", "=", "{", nil: return nil
            default: escaped = true
            }
        }
        let trimmed = String(name).trimmingWhitespaceCharacters()
        guard trimmed.hasPrefix("labels.") else { return nil }
        let key = String(trimmed.dropFirst("labels.".count))
        guard !key.isEmpty, key.allSatisfy({ keyCharacters.contains($0) }), let value = labels[key],
              value.contains(where: { !$0.isWhitespace }), !value.contains(where: { $0 == "{" || $0 == "}" || $0.isNewline }) else { return nil }
        return escaped ? HTMLEscaping.escape(value) : value
    }

    /// The characters of a name that swift-mustache reads as one plain name (no `.`: a key
    /// with a dot would be looked up in parts).
    static let keyCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_?*")
}

extension String {
    /// The string without the whitespace (`Character.isWhitespace`) at either end, as
    /// swift-mustache's parser skips it around a name.
    func trimmingWhitespaceCharacters() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = self[start...].lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return String(self[start..<end])
    }
}

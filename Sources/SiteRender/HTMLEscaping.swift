import Mustache

/// The HTML escaping of every `{{value}}` in the templates: `<`, `>`, `&`, `"` and `'`
/// become `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&#39;`, as swift-mustache's own escaping
/// writes them, but byte by byte:
///
/// - swift-mustache looks every `Character` up in a dictionary (slow on every page);
///   this scans UTF-8 bytes and returns text without any of the five untouched;
/// - swift-mustache compares whole `Character`s, so a quote followed by a combining mark
///   (`"\u{301}`) is one Character that is not `"` and stays unescaped — in an attribute
///   value that ends the attribute. Here every `"` byte is escaped, whatever follows it.
///
/// `TemplateSet` puts `{{% CONTENT_TYPE: PLANSITE_HTML }}` in front of every template, so
/// templates need not say it.
struct HTMLEscaping: MustacheContentType {
    static let name = "PLANSITE_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}\n"

    /// Registers the content type with swift-mustache (once; later calls do nothing).
    static let register: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String { Self.escape(text) }

    static func escape(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { bytes in
            guard let first = bytes.firstIndex(where: needsEscape) else { return text }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for b in bytes[first...] {
                switch b {
                case UInt8(ascii: "<"): out.append(contentsOf: [38, 108, 116, 59])              // &lt;
                case UInt8(ascii: ">"): out.append(contentsOf: [38, 103, 116, 59])              // &gt;
                case UInt8(ascii: "&"): out.append(contentsOf: [38, 97, 109, 112, 59])          // &amp;
                case UInt8(ascii: "\""): out.append(contentsOf: [38, 113, 117, 111, 116, 59])   // &quot;
                case UInt8(ascii: "'"): out.append(contentsOf: [38, 35, 51, 57, 59])            // &#39;
                default: out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func needsEscape(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "&") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
    }
}

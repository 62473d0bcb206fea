/// JSON written straight to bytes, for the open data files and the search index.
enum JSONText {
    /// A JSON string: `"` and `\\` escaped, control characters as \\b \\f \\n \\r \\t or
    /// \\u00xx (lower-case hex, as Foundation's `JSONSerialization` writes them), `/` and
    /// everything else as UTF-8.
    static func appendString<Sink: ByteSink>(_ text: String, to out: inout Sink) {
        out.append(UInt8(ascii: "\""))
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 8: out.append(contentsOf: [92, UInt8(ascii: "b")])
            case 12: out.append(contentsOf: [92, UInt8(ascii: "f")])
            case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<32: out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    static let hex = Array("0123456789abcdef".utf8)

    /// An array of arrays of strings, without spaces: `[["a","b"],["c"]]`; with `bare`, the
    /// inner arrays without the outer brackets: `["a","b"],["c"]`.
    static func appendArrays<Sink: ByteSink>(_ rows: [[String]], to out: inout Sink, bare: Bool = false) {
        if !bare { out.append(UInt8(ascii: "[")) }
        for (r, row) in rows.enumerated() {
            if r > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            for (i, field) in row.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(field, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        }
        if !bare { out.append(UInt8(ascii: "]")) }
    }
}

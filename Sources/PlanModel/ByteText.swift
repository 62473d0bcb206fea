/// Replacements on a string's UTF-8 bytes. Foundation's `replacingOccurrences` converts to
/// UTF-16 and compares grapheme clusters; on whole plan texts and page HTML it was 14 % of a
/// build. These work byte by byte: a needle is found wherever its bytes are (valid UTF-8
/// cannot match in the middle of another character), even where a combining mark follows.
extension String {
    /// The string with every `needle` replaced by `replacement`; `self` when there is none.
    public func replacingBytes(of needle: String, with replacement: String) -> String {
        let n = Array(needle.utf8)
        guard let first = n.first else { return self }
        var copy = self
        return copy.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            var i = 0
            var start = 0
            let count = bytes.count
            while i + n.count <= count {
                if bytes[i] == first && (n.count == 1 || Self.matches(bytes, at: i, n)) {
                    if out.isEmpty { out.reserveCapacity(count) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                    out.append(contentsOf: replacement.utf8)
                    i += n.count
                    start = i
                } else {
                    i += 1
                }
            }
            guard start > 0 else { return self }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The string without line feeds.
    public var removingLineFeeds: String { replacingBytes(of: "\n", with: "") }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ needle: [UInt8]) -> Bool {
        for k in 1..<needle.count where bytes[i + k] != needle[k] { return false }
        return true
    }
}

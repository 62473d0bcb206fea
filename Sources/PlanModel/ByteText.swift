#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte search shared by the UTF-8 scanners (`replacingBytes`, indicator links in HTML).
public enum ByteSearch {
    /// The first index at or after `from` where `needle` starts in `haystack`; nil when there
    /// is none (or `needle` is empty). `memchr` finds each candidate first byte.
    public static func firstIndex(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let head = needle.first, let base = haystack.baseAddress else { return nil }
        var i = max(from, 0)
        let last = haystack.count - needle.count
        while i <= last {
            guard let found = memchr(base + i, Int32(head), last - i + 1) else { return nil }
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var k = 1
            while k < needle.count && haystack[at + k] == needle[k] { k += 1 }
            if k == needle.count { return at }
            i = at + 1
        }
        return nil
    }
}

/// Replacements on a string's UTF-8 bytes. Foundation's `replacingOccurrences` converts to
/// UTF-16 and compares grapheme clusters, which is slow on whole plan texts and page HTML.
/// These work byte by byte: a needle is found wherever its bytes are (valid UTF-8
/// cannot match in the middle of another character), even where a combining mark follows.
extension String {
    /// The string with every `needle` replaced by `replacement`; `self` when there is none.
    public func replacingBytes(of needle: String, with replacement: String) -> String {
        let n = Array(needle.utf8)
        guard !n.isEmpty else { return self }
        var copy = self
        return copy.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            var start = 0
            while let at = ByteSearch.firstIndex(of: n, in: bytes, from: start) {
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<at]))
                out.append(contentsOf: replacement.utf8)
                start = at + n.count
            }
            guard start > 0 else { return self }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The string without line feeds.
    public var removingLineFeeds: String { replacingBytes(of: "\n", with: "") }
}

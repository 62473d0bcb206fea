import Foundation
import PlanModel

/// Turns a content file's bytes into text: UTF-8 with or without BOM, CRLF or LF.
/// GB18030/GBK (saved by many office PCs) and other invalid UTF-8 are rejected with the
/// byte offset and the command that converts the file.
public enum TextDecoding {
    public static func decode(_ data: Data, path: String) -> Result<String, Diagnostic> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return .failure(.error("encoding", at: SourceLocation(path: path),
                                   "the file is UTF-16, not UTF-8",
                                   hint: "save it as UTF-8 (in the editor: Save As, encoding UTF-8), or run: iconv -f UTF-16 -t UTF-8 '\(path)' > converted && mv converted '\(path)'"))
        }
        if let offset = bytes.withUnsafeBufferPointer({ buffer -> Int? in
            guard let base = buffer.baseAddress, let nul = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: nul.assumingMemoryBound(to: UInt8.self))
        }) {
            return .failure(.error("encoding", at: location(of: offset, in: bytes, path: path),
                                   "the file contains a NUL byte at byte offset \(offset); it is not a text file",
                                   hint: "content files must be UTF-8 text"))
        }
        // One validating pass of the standard library; where it fails, `firstInvalidUTF8`
        // finds the offset to report (the two accept exactly the same bytes: well-formed UTF-8).
        guard var text = String(validating: bytes, as: UTF8.self) else {
            let invalid = firstInvalidUTF8(bytes) ?? 0
            let looksGB = looksLikeGB18030(bytes)
            let message = looksGB
                ? "the file is not UTF-8: it looks like GBK/GB18030 (invalid UTF-8 at byte offset \(invalid))"
                : "invalid UTF-8 at byte offset \(invalid)"
            let hint = looksGB
                ? "convert it to UTF-8: iconv -f GB18030 -t UTF-8 '\(path)' > converted && mv converted '\(path)' (or Save As UTF-8 in the editor)"
                : "save the file as UTF-8; the bytes at that offset are not valid UTF-8"
            return .failure(.error("encoding", at: location(of: invalid, in: bytes, path: path), message, hint: hint))
        }
        if bytes.contains(13) {
            text = text.replacingBytes(of: "\r\n", with: "\n").replacingBytes(of: "\r", with: "\n")
        }
        return .success(text)
    }

    /// Reads and decodes a file; a missing or unreadable file is a diagnostic too.
    public static func read(_ url: URL, displayPath: String) -> Result<String, Diagnostic> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(.error("unreadable", at: SourceLocation(path: displayPath), "cannot read the file"))
        }
        return decode(data, path: displayPath)
    }

    /// Byte offset of the first byte that does not start or continue a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let length: Int
            var minSecond: UInt8 = 0x80
            var maxSecond: UInt8 = 0xBF
            switch b {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; maxSecond = 0x9F
            case 0xF0: length = 4; minSecond = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; maxSecond = 0x8F
            default: return i
            }
            guard i + length <= n else { return i }
            guard (minSecond...maxSecond).contains(bytes[i + 1]) else { return i }
            for k in 2..<length where !(0x80...0xBF).contains(bytes[i + k]) { return i }
            i += length
        }
        return nil
    }

    /// Most non-ASCII bytes pair up as GBK double-byte characters (lead 0x81–0xFE, trail 0x40–0xFE).
    static func looksLikeGB18030(_ bytes: [UInt8]) -> Bool {
        var pairs = 0
        var bad = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            if (0x81...0xFE).contains(b), i + 1 < bytes.count, (0x40...0xFE).contains(bytes[i + 1]), bytes[i + 1] != 0x7F {
                pairs += 1
                i += 2
            } else {
                bad += 1
                i += 1
            }
        }
        return pairs > 0 && bad * 10 <= pairs
    }

    static func location(of offset: Int, in bytes: [UInt8], path: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for (i, b) in bytes[..<offset].enumerated() where b == 0x0A {
            line += 1
            lineStart = i + 1
        }
        // Column in characters: decode the part of the line before the offset leniently.
        let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
        return SourceLocation(path: path, line: line, column: column)
    }
}

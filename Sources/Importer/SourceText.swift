import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One line of the source text with its 1-based line number.
public struct SourceLine: Sendable, Equatable {
    public let number: Int
    public let text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// The source file decoded into lines. UTF-8 (with or without BOM) is used as is; anything
/// else is decoded as GB18030 (a superset of GBK and GB2312) with the C library's iconv(3):
/// Foundation on Linux has no public GB18030 decoder. Bytes that are invalid in both become
/// U+FFFD and are reported with their line.
public struct SourceText: Sendable {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", gb18030 = "GB18030" }

    public let lines: [SourceLine]
    public let encoding: Encoding
    /// Lines holding bytes that could not be decoded (replaced by U+FFFD), or that hold U+FFFD.
    public let undecodableLines: [Int]

    public init(lines: [String], encoding: Encoding = .utf8, undecodableLines: [Int] = []) {
        self.lines = lines.enumerated().map { SourceLine(number: $0.offset + 1, text: $0.element) }
        self.encoding = encoding
        self.undecodableLines = undecodableLines
    }

    public static func decode(_ data: Data) -> SourceText {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text: String
        let encoding: Encoding
        if let utf8 = String(validating: bytes, as: UTF8.self) {
            text = utf8
            encoding = .utf8
        } else {
            // Mostly valid UTF-8 with a few broken bytes stays UTF-8 (the bytes become U+FFFD);
            // otherwise the text is GBK/GB18030.
            let lossy = String(decoding: bytes, as: UTF8.self)
            let replaced = lossy.unicodeScalars.filter { $0.value == 0xFFFD }.count
            let nonASCII = lossy.unicodeScalars.filter { $0.value > 0x7F && $0.value != 0xFFFD }.count
            if nonASCII > 0, replaced <= max(2, nonASCII / 100) {
                text = lossy
                encoding = .utf8
            } else {
                text = GB18030.decode(bytes)
                encoding = .gb18030
            }
        }
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var lines = normalised.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        let undecodable = lines.enumerated().filter { $0.element.contains("\u{FFFD}") }.map { $0.offset + 1 }
        return SourceText(lines: lines, encoding: encoding, undecodableLines: undecodable)
    }
}

/// GB18030 → String through iconv(3). An invalid byte becomes U+FFFD and decoding goes on.
enum GB18030 {
    static func decode(_ bytes: [UInt8]) -> String {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else {
            // No converter available: keep what is ASCII, mark the rest.
            return String(bytes.map { $0 < 0x80 ? Character(Unicode.Scalar($0)) : "\u{FFFD}" })
        }
        defer { iconv_close(cd) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 3 / 2)
        var input = bytes
        var position = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while position < input.count {
            var consumed = 0
            var produced = 0
            var failed = false
            input.withUnsafeMutableBufferPointer { inBuffer in
                buffer.withUnsafeMutableBufferPointer { outBuffer in
                    let start = UnsafeMutableRawPointer(inBuffer.baseAddress! + position).assumingMemoryBound(to: CChar.self)
                    var inPointer: UnsafeMutablePointer<CChar>? = start
                    var inLeft = inBuffer.count - position
                    let outStart = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outPointer: UnsafeMutablePointer<CChar>? = outStart
                    var outLeft = outBuffer.count
                    let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                    consumed = (inBuffer.count - position) - inLeft
                    produced = outBuffer.count - outLeft
                    if result == -1 && errno != E2BIG { failed = true }
                }
            }
            output += buffer[0..<produced]
            position += consumed
            if failed {
                // EILSEQ or EINVAL (truncated sequence at the end): skip one byte.
                output += [0xEF, 0xBF, 0xBD]
                position += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

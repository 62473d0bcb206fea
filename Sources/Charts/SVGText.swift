import Foundation

/// Escaping and number formatting for SVG written by hand. Every text and attribute value
/// that reaches a chart goes through `escape`.
public enum SVGText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0.
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { continue }
                // Nor are the noncharacters U+FFFE and U+FFFF (valid UTF-8, so they can reach here).
                if ch.value == 0xFFFE || ch.value == 0xFFFF { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Fixed formatting, independent of locale: at most `digits` decimals, no trailing zeros.
    public static func number(_ value: Double, digits: Int = 2) -> String {
        if value.isNaN || value.isInfinite { return "0" }
        return fastNumber(value, digits: digits) ?? trimmed(printfFixed(value, digits: digits))
    }

    /// A fixed-point text without trailing zeros after the point, without a bare point, and
    /// "0" for "-0".
    static func trimmed(_ fixed: String) -> String {
        var text = fixed
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    /// `String(format: "%.Nf", value)`, computed directly where the rounding is certain and
    /// through C's vsnprintf (which rounds the exact binary value in the C locale) where it is
    /// not. (Foundation's formatting was 3 % of a build, vsnprintf still 4.6 %.)
    static func fixed(_ value: Double, digits: Int) -> String {
        fastFixed(value, digits: digits) ?? printfFixed(value, digits: digits)
    }

    static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// `value × 10^digits` rounded to an integer, when that product is far enough from a
    /// rounding tie that the error of the one multiplication (half an ulp) cannot change which
    /// integer is nearest; nil otherwise (ties, huge values, more than 6 digits).
    static func scaledInteger(_ value: Double, digits: Int) -> UInt64? {
        guard digits >= 0, digits < powersOfTen.count, value.isFinite else { return nil }
        let scaled = abs(value) * powersOfTen[digits]
        guard scaled < 1e15 else { return nil }
        let rounded = scaled.rounded(.toNearestOrAwayFromZero)
        let distanceFromTie = abs(abs(scaled - rounded) - 0.5)
        // The product is off the exact one by at most half an ulp; keep well clear of that.
        guard distanceFromTie > max(1e-9, 4 * scaled.ulp) else { return nil }
        return UInt64(rounded)
    }

    /// `fixed` where `scaledInteger` is certain.
    static func fastFixed(_ value: Double, digits: Int) -> String? {
        fastDigits(value, digits: digits, trimmed: false)
    }

    /// `trimmed(fixed(value, digits:))` where `scaledInteger` is certain.
    static func fastNumber(_ value: Double, digits: Int) -> String? {
        fastDigits(value, digits: digits, trimmed: true)
    }

    /// The digits of `scaledInteger` with the point `digits` from the right, written from the
    /// last digit into a stack buffer (charts format thousands of numbers per page). With
    /// `trimmed`, the fraction's trailing zeros and a bare point are skipped as they come, and
    /// zero is "0" whatever its sign.
    static func fastDigits(_ value: Double, digits: Int, trimmed: Bool) -> String? {
        guard let integer = scaledInteger(value, digits: digits) else { return nil }
        if trimmed && integer == 0 { return "0" }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var n = integer
            var at = 32
            var written = 0
            var fraction = !trimmed   // fraction digits are being written (trimmed: after the trailing zeros)
            repeat {
                let digit = UInt8(n % 10)
                n /= 10
                if written < digits {
                    if fraction || digit != 0 {
                        fraction = true
                        at -= 1
                        buffer[at] = UInt8(ascii: "0") + digit
                    }
                } else {
                    if written == digits && digits > 0 && fraction {
                        at -= 1
                        buffer[at] = UInt8(ascii: ".")
                    }
                    at -= 1
                    buffer[at] = UInt8(ascii: "0") + digit
                }
                written += 1
            } while n > 0 || written <= digits
            if value.sign == .minus {
                at -= 1
                buffer[at] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[at..<32]), as: UTF8.self)
        }
    }

    static func printfFixed(_ value: Double, digits: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let written = withVaList([Int32(digits), value]) { vsnprintf(&buffer, 64, "%.*f", $0) }
        guard written > 0, written < 64 else { return String(format: "%.\(digits)f", value) }
        return String(decoding: buffer[..<Int(written)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public static let fontFamily = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',sans-serif"

    /// Display width in "ems": CJK and full-width characters count 1, others 0.55.
    public static func width(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 1 : 0.55) }
    }

    static func isWide(_ s: Unicode.Scalar) -> Bool {
        // Arrows, mathematical operators (≤ ≥) and geometric shapes (○ ◇ ▲ ▮) are drawn
        // full-width by CJK fonts.
        (0x2190...0x22FF).contains(s.value) || (0x25A0...0x25FF).contains(s.value) ||
        (0x1100...0x115F).contains(s.value) || (0x2E80...0xA4CF).contains(s.value) || (0xAC00...0xD7A3).contains(s.value)
            || (0xF900...0xFAFF).contains(s.value) || (0xFE30...0xFE4F).contains(s.value) || (0xFF00...0xFF60).contains(s.value)
            || (0xFFE0...0xFFE6).contains(s.value) || (0x20000...0x3FFFD).contains(s.value)
    }

    /// The x of a centred label of `text` (at `fontSize` px) moved so the whole label stays
    /// between `minX` and `maxX`.
    public static func clampedCenter(_ x: Double, text: String, fontSize: Double, minX: Double, maxX: Double) -> Double {
        let half = width(text) * fontSize / 2
        guard maxX - minX > 2 * half else { return (minX + maxX) / 2 }
        return min(max(x, minX + half), maxX - half)
    }

    /// Shortens text to fit `maxWidth` ems, ending with "…"; the full text goes in a <title>.
    public static func fit(_ text: String, maxWidth: Double) -> String {
        guard width(text) > maxWidth else { return text }
        var out = ""
        var used = 0.0
        for ch in text {
            let w = String(ch).unicodeScalars.reduce(0.0) { $0 + (isWide($1) ? 1 : 0.55) }
            if used + w > maxWidth - 1 { break }
            out.append(ch)
            used += w
        }
        return out + "…"
    }

    /// Splits text into at most `maxLines` lines of `maxWidth` ems (the last shortened with …).
    public static func wrap(_ text: String, maxWidth: Double, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var used = 0.0
        for ch in text {
            let w = String(ch).unicodeScalars.reduce(0.0) { $0 + (isWide($1) ? 1 : 0.55) }
            if used + w > maxWidth {
                lines.append(current)
                current = ""
                used = 0
            }
            current.append(ch)
            used += w
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            let kept = Array(lines.prefix(maxLines - 1))
            let rest = lines[(maxLines - 1)...].joined()
            return kept + [fit(rest, maxWidth: maxWidth)]
        }
        return lines
    }
}

import Foundation
import PlanModel

/// Numbers with a damaged character: a web page's text can carry a private-use character
/// (U+E000…U+F8FF) where the document had a decimal point (`湿地面积不低于4\u{E010}78万公顷`).
/// Content keeps the source's text and declares what the character stands for in the row's
/// `garbled` column (docs/content-format.md); the parser never guesses.
extension ValueParser {
    /// A private-use character (U+E000…U+F8FF: garbled text copied from a web page) standing
    /// between two digits, with the digits on either side: `4\u{E010}78` → 4, U+E010, 78.
    public struct DamagedNumber: Equatable, Sendable {
        public let scalar: Unicode.Scalar
        public let before: String
        public let after: String

        /// `原文“4”与“78”之间为一个乱码字符，编者按小数点读作4.78。`
        public func note(reading: String) -> String {
            let what = reading == "." ? "小数点" : "“\(reading)”"
            return "原文“\(before)”与“\(after)”之间为一个乱码字符，编者按\(what)读作\(before)\(reading)\(after)。"
        }
    }

    public static func isPrivateUse(_ scalar: Unicode.Scalar) -> Bool { (0xE000...0xF8FF).contains(scalar.value) }

    /// The first private-use character between two ASCII digits, if any.
    public static func damagedNumber(in text: String) -> DamagedNumber? {
        let scalars = Array(text.unicodeScalars)
        func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
        for i in scalars.indices.dropFirst().dropLast() where isPrivateUse(scalars[i]) {
            guard isDigit(scalars[i - 1]), isDigit(scalars[i + 1]) else { continue }
            var start = i - 1
            while start > 0, isDigit(scalars[start - 1]) { start -= 1 }
            var end = i + 1
            while end + 1 < scalars.count, isDigit(scalars[end + 1]) { end += 1 }
            var before = String.UnicodeScalarView(), after = String.UnicodeScalarView()
            before.append(contentsOf: scalars[start..<i])
            after.append(contentsOf: scalars[(i + 1)...end])
            return DamagedNumber(scalar: scalars[i], before: String(before), after: String(after))
        }
        return nil
    }

    /// The text with every declared character that stands between two digits replaced by its reading.
    static func replacingDamage(in text: String, garbled: [Unicode.Scalar: String]) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, scalar) in scalars.enumerated() {
            if let reading = garbled[scalar], i > 0, i + 1 < scalars.count,
               ("0"..."9").contains(scalars[i - 1]), ("0"..."9").contains(scalars[i + 1]) {
                out.append(contentsOf: reading.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The `garbled` column: `U+E010=.`, several separated by `;`. Nil when a part cannot be read.
    public static func garbledReadings(_ cell: String) -> [Unicode.Scalar: String]? {
        var readings: [Unicode.Scalar: String] = [:]
        for part in cell.split(whereSeparator: { $0 == ";" || $0 == "；" }) {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].uppercased().hasPrefix("U+"), !pair[1].isEmpty,
                  let code = UInt32(pair[0].dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code),
                  isPrivateUse(scalar) else { return nil }
            readings[scalar] = pair[1]
        }
        return readings
    }
}

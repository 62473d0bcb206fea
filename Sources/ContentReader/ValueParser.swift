import Foundation
import PlanModel

/// Reads values as plan documents write them: `≥95`, `95%以上`, `不低于90`, `25以下`,
/// `〔31.79〕`, `△EQI>-1`, `10-15`, `建立`, `(略)` … See docs/content-format.md, "Values".
public enum ValueParser {
    public enum Failure: Error, Equatable { case unreadable(String) }

    /// `garbled`: what private-use characters inside a number stand for, as the content
    /// declares it (`U+E010` → `.`). A declared character between two digits is read as its
    /// reading and the value records the source's text and a note; any other is left as it is
    /// (the reader warns about it, see `damagedNumber`).
    public static func parse(_ raw: String, garbled: [Unicode.Scalar: String] = [:]) -> Result<ValueExpression, Failure> {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = plainNumber(trimmed) {
            return .success(ValueExpression(raw: trimmed, form: .number(value)))
        }
        if !garbled.isEmpty, let damage = damagedNumber(in: trimmed), let reading = garbled[damage.scalar] {
            let read = replacingDamage(in: trimmed, garbled: garbled)
            switch parse(read) {
            case .success(let value): return .success(value.repaired(from: trimmed, note: damage.note(reading: reading)))
            case .failure: return .failure(.unreadable(trimmed))
            }
        }
        return parsePatterns(trimmed)
    }

    /// `48.15`, `-3`, `95`: ASCII digits with at most one inner point and a leading minus —
    /// most values of indicator tables and observations. The patterns below read such a text
    /// as the same `.number` (a differential test checks it), after five regular expressions.
    static func plainNumber(_ text: String) -> Double? {
        var digitsBefore = 0
        var digitsAfter = 0
        var point = false
        for (i, b) in text.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if point { digitsAfter += 1 } else { digitsBefore += 1 }
            case UInt8(ascii: ".") where !point && digitsBefore > 0: point = true
            default: return nil
            }
        }
        guard digitsBefore > 0, !point || digitsAfter > 0 else { return nil }
        return Double(text)
    }

    /// Everything but a plain number (`parse` after trimming).
    static func parsePatterns(_ trimmed: String) -> Result<ValueExpression, Failure> {
        if ["", "-", "/", "—", "－", "--", "无"].contains(trimmed) {
            return .success(ValueExpression(raw: trimmed, form: .notGiven))
        }
        if trimmed.contains("(略)") || trimmed.contains("（略）") || trimmed == "略" {
            return .success(ValueExpression(raw: trimmed, form: .redacted))
        }
        var text = normalise(trimmed)
        var cumulative = false
        if let inner = enclosed(text, open: "〔", close: "〕") ?? enclosed(text, open: "[", close: "]") ?? enclosed(text, open: "［", close: "］") {
            cumulative = true
            text = inner
        }
        // A trailing note in brackets ("100(考核口径)") does not change the value.
        if Prefilter.trailingNote(text), let range = text.range(of: trailingNotePattern, options: .regularExpression),
           range.lowerBound != text.startIndex {
            text = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        // "较2015年减少23%": a change over the base year, at least that much.
        if Prefilter.change(text), let m = match(changePattern, text),
           let value = Double(m[2]) {
            return .success(ValueExpression(raw: trimmed, form: .comparison(.atLeast, value), inlineUnit: m[3].isEmpty ? nil : m[3],
                                            cumulative: true, label: m[1]))
        }
        // "下降15%", "削减4%以上": a change over the plan's base year, at least that much.
        if Prefilter.changeVerb(text), let m = match(changeVerbPattern, text), let value = Double(m[2]) {
            return .success(ValueExpression(raw: trimmed, form: .comparison(.atLeast, value), inlineUnit: m[3].isEmpty ? nil : m[3],
                                            cumulative: true, label: m[1]))
        }
        if let value = comparison(text) ?? phrased(text) ?? range(text) {
            return .success(ValueExpression(raw: trimmed, form: value.form, inlineUnit: value.unit,
                                            cumulative: cumulative, label: value.label))
        }
        if text.first?.isASCIIDigitOrSign == true {
            return .failure(.unreadable(trimmed))
        }
        return .success(ValueExpression(raw: trimmed, form: .qualitative(qualitativeDirection(text)), cumulative: cumulative))
    }

    /// Direction from the words of a qualitative target, when they say one.
    public static func qualitativeDirection(_ text: String) -> Direction? {
        let lower = ["下降", "降低", "减少", "削减", "减排", "负增长", "零增长"]
        let higher = ["提高", "上升", "改善", "提升", "增加", "增长", "好转"]
        let l = lower.contains { text.contains($0) }
        let h = higher.contains { text.contains($0) && !(text.contains("负增长") || text.contains("零增长")) }
        if l && !h { return .lower }
        if h && !l { return .higher }
        return nil
    }

    struct Parsed {
        var form: ValueExpression.Form
        var unit: String?
        var label: String?
    }

    static let number = #"(-?\d+(?:\.\d+)?)"#
    /// A unit written after the number (`%`, `万吨`, `mg/L`); it cannot start with a digit or a dot.
    static let unit = #"((?:[^\d\s.,][^\d\s]*?)??)"#
    static let changePattern = #"^(较\d{4}年(?:减少|下降|降低|削减|提高|增长|上升|增加))\s*"# + number + #"\s*"# + unit + #"\s*(以上)?$"#
    static let changeVerbPattern = #"^(下降|降低|减少|削减|减排)\s*"# + number + #"\s*"# + unit + #"\s*(以上)?$"#
    static let comparisonPattern = #"^(.*?)\s*(≥|≤|>|<|=|≈)\s*"# + number + #"\s*"# + unit + "$"
    static let phrasedPattern = "^" + number + #"\s*"# + unit + #"\s*(及以上|以上|及以下|以下|以内|左右|内)?$"#
    static let rangePattern = "^" + number + #"\s*[-~～—至到]\s*"# + number + #"\s*"# + unit + "$"
    static let trailingNotePattern = #"[(（][^()（）]*[)）]$"#

    /// What a text must have for each pattern to match it, found on its scalars before the
    /// pattern runs: most values that are not plain numbers are words (`建立`, `持续改善`),
    /// which went through all five expressions, each copying the text to UTF-16 first. Each
    /// test is a condition of its pattern (a test checks that none turns away a text the
    /// pattern matches), so the results are those of the patterns alone.
    enum Prefilter {
        /// `changePattern` starts with 较.
        static func change(_ text: String) -> Bool { text.unicodeScalars.first == "较" }
        /// `changeVerbPattern` starts with one of its verbs.
        static func changeVerb(_ text: String) -> Bool { ["下降", "降低", "减少", "削减", "减排"].contains { text.hasPrefix($0) } }
        /// `comparisonPattern` needs one of its signs.
        static func comparison(_ text: String) -> Bool {
            text.unicodeScalars.contains { "≥≤><=≈".unicodeScalars.contains($0) }
        }
        /// `phrasedPattern` and `rangePattern` start with `-?\d` (ICU's \d is Nd).
        static func startsWithNumber(_ text: Substring) -> Bool {
            guard let first = text.unicodeScalars.first else { return false }
            return first == "-" || first.properties.generalCategory == .decimalNumber
        }
        /// `trailingNotePattern` needs an opening bracket.
        static func trailingNote(_ text: String) -> Bool { text.unicodeScalars.contains { $0 == "(" || $0 == "（" } }
    }
    /// Longest first.
    static let allPrefixes = (atLeastPrefixes + atMostPrefixes + lessPrefixes + greaterPrefixes).sorted { $0.count > $1.count }

    /// `≥95`, `≤42%`, `△EQI>-1`
    static func comparison(_ text: String) -> Parsed? {
        guard Prefilter.comparison(text), let m = match(comparisonPattern, text) else { return nil }
        let label = m[1].isEmpty ? nil : m[1]
        if let label, label.last?.isNumber == true { return nil }
        guard let value = Double(m[3]) else { return nil }
        let form: ValueExpression.Form
        switch m[2] {
        case "≥": form = .comparison(.atLeast, value)
        case "≤": form = .comparison(.atMost, value)
        case ">": form = .comparison(.greater, value)
        case "<": form = .comparison(.less, value)
        case "≈": form = .comparison(.about, value)
        default: form = .number(value)
        }
        return Parsed(form: form, unit: m[4].isEmpty ? nil : m[4], label: label)
    }

    static let atLeastPrefixes = ["不低于", "不少于", "达到", "提高至", "提高到", "提升至", "提升到", "增加到", "增至", "力争达到", "稳定在"]
    static let atMostPrefixes = ["不高于", "不超过", "控制在", "下降至", "下降到", "降至", "降到", "降低至", "降低到"]
    static let lessPrefixes = ["低于", "小于"]
    static let greaterPrefixes = ["高于", "大于", "超过"]

    /// `95%以上`, `不低于90`, `25以下`, `控制在35以内`, `10%左右`, `48.15`
    static func phrased(_ text: String) -> Parsed? {
        let prefixes = allPrefixes
        var rest = Substring(text)
        var prefix = ""
        for p in prefixes where rest.hasPrefix(p) {
            prefix = p
            rest = rest.dropFirst(p.count)
            break
        }
        guard Prefilter.startsWithNumber(rest), let m = match(phrasedPattern, String(rest)),
              let value = Double(m[1]) else { return nil }
        let suffix = m[3]
        let form: ValueExpression.Form
        switch (prefix, suffix) {
        case (_, "左右"): form = .comparison(.about, value)
        case (_, "以上"), (_, "及以上"): form = .comparison(.atLeast, value)
        case (_, "以下"), (_, "及以下"), (_, "以内"), (_, "内"): form = .comparison(.atMost, value)
        case let (p, _) where atLeastPrefixes.contains(p): form = .comparison(.atLeast, value)
        case let (p, _) where atMostPrefixes.contains(p): form = .comparison(.atMost, value)
        case let (p, _) where lessPrefixes.contains(p): form = .comparison(.less, value)
        case let (p, _) where greaterPrefixes.contains(p): form = .comparison(.greater, value)
        default: form = .number(value)
        }
        return Parsed(form: form, unit: m[2].isEmpty ? nil : m[2], label: nil)
    }

    /// `10-15`, `10~15%`
    static func range(_ text: String) -> Parsed? {
        guard Prefilter.startsWithNumber(text[...]), let m = match(rangePattern, text),
              let a = Double(m[1]), let b = Double(m[2]) else { return nil }
        return Parsed(form: .range(min(a, b), max(a, b)), unit: m[3].isEmpty ? nil : m[3], label: nil)
    }

    static func normalise(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E: out += "."
            case 0xFF05: out += "%"
            case 0xFF1E: out += ">"
            case 0xFF1C: out += "<"
            case 0xFF1D: out += "="
            case 0x2266: out += "≤"
            case 0x2267: out += "≥"
            case 0xFF0D, 0x2212: out += "-"
            default: out.unicodeScalars.append(scalar)
            }
        }
        out = out.replacingOccurrences(of: ">=", with: "≥").replacingOccurrences(of: "<=", with: "≤")
        // Thousands separators (`13,200`, `1,200.5`): a comma between a digit and three digits.
        if out.contains(",") { out = out.replacingOccurrences(of: #"(?<=\d),(?=\d{3}(?!\d))"#, with: "", options: .regularExpression) }
        return out
    }

    static func enclosed(_ text: String, open: Character, close: Character) -> String? {
        guard text.first == open, text.last == close, text.count >= 2 else { return nil }
        return String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
    }

    static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = regexes.regex(pattern),
              let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<m.numberOfRanges).map { i in
            Range(m.range(at: i), in: text).map { String(text[$0]) } ?? ""
        }
    }
}

/// Compiled patterns of `ValueParser.match`: a handful of fixed patterns, compiled once
/// instead of on every call (issue 6: compiling was most of the time of reading values).
final class RegexCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let regex = compiled[pattern] { return regex }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        compiled[pattern] = regex
        return regex
    }
}

extension ValueParser {
    static let regexes = RegexCache()
}

extension Character {
    var isASCIIDigitOrSign: Bool { ("0"..."9").contains(self) || self == "-" || self == "." }
}

/// A value as a plan document writes it: `≥95`, `25以下`, `〔31.79〕`, `建立`, `(略)` …
public struct ValueExpression: Sendable, Hashable, CustomStringConvertible {
    public enum Comparator: String, Sendable, Hashable {
        case atLeast = "≥", atMost = "≤", greater = ">", less = "<", about = "≈"
    }

    public enum Form: Sendable, Hashable {
        case number(Double)
        case comparison(Comparator, Double)
        case range(Double, Double)
        /// A target or result in words (建立, 保持稳定或持续改善); direction when the words say it.
        case qualitative(Direction?)
        /// `(略)` in the source.
        case redacted
        /// Empty, `-` or `/`.
        case notGiven
    }

    public let raw: String
    public let form: Form
    /// Unit written inside the value (`95%以上` → `%`), if any.
    public let inlineUnit: String?
    /// Written in 〔〕: a five-year cumulative value.
    public let cumulative: Bool
    /// Text before a comparator (`△EQI>-1` → `△EQI`).
    public let label: String?
    /// Set when the source's text is damaged and the content says how to read it: `raw` is
    /// then the text as read (`不低于4.78万公顷`), this the text as the source has it.
    public let repair: Repair?

    /// A damaged character inside a number that the content acknowledges (see
    /// docs/content-format.md, `garbled`): the source's text and an editorial note for readers.
    public struct Repair: Sendable, Hashable {
        public let written: String
        public let note: String

        public init(written: String, note: String) {
            self.written = written
            self.note = note
        }
    }

    public init(raw: String, form: Form, inlineUnit: String? = nil, cumulative: Bool = false, label: String? = nil,
                repair: Repair? = nil) {
        self.raw = raw
        self.form = form
        self.inlineUnit = inlineUnit
        self.cumulative = cumulative
        self.label = label
        self.repair = repair
    }

    /// The same value with a repair recorded (the text as the source has it and a note).
    public func repaired(from written: String, note: String) -> ValueExpression {
        ValueExpression(raw: raw, form: form, inlineUnit: inlineUnit, cumulative: cumulative, label: label,
                        repair: Repair(written: written, note: note))
    }

    /// The number the expression is about, if it has one (the midpoint of a range).
    public var number: Double? {
        switch form {
        case .number(let v), .comparison(_, let v): return v
        case .range(let a, let b): return (a + b) / 2
        default: return nil
        }
    }

    /// A change over a base year rather than a level: written in 〔〕, or as "较2013年削减4%以上"
    /// or "下降15%".
    public var isChange: Bool { cumulative }

    /// The base year a change is written against ("较2013年…" → 2013), if the text names one.
    public var writtenBaseYear: Int? {
        guard let label, label.hasPrefix("较") else { return nil }
        return Int(label.dropFirst().prefix { $0.isASCII && $0.isNumber })
    }

    public var isGiven: Bool {
        if case .notGiven = form { return false }
        return true
    }

    public var description: String { raw }
}

public enum IndicatorNature: String, Sendable, CaseIterable {
    case binding = "约束性"
    case expected = "预期性"
    case reference = "参考性"
}

import Foundation
import PlanModel

/// A numeric target written in a task's text, e.g. "到2022年,全市城市污水处理率达到95%以上".
public struct Commitment: Sendable, Hashable {
    public let unitKey: String
    /// The sentence fragment from the year to the value, as written.
    public let text: String
    public let year: Int
    /// The value as written: "达到95%以上".
    public let value: String
    /// The indicator of the same plan whose name appears in the fragment, if any.
    public let indicatorKey: String?
}

/// Finds numeric commitments in unit text: a sentence naming a year (2000–2100) and a value
/// with a comparator word or a percentage. Matches an indicator when the fragment contains
/// the indicator's name or an alias (4 characters or more).
public enum CommitmentExtractor {
    static let year = try! NSRegularExpression(pattern: #"(20\d{2})年"#)
    static let value = try! NSRegularExpression(
        pattern: #"(达到|提高到|提高至|提升至|提升到|控制在|稳定在|不低于|不少于|不高于|不超过|低于|下降到|下降至|降至|降到|下降)\s*(\d+(?:\.\d+)?)\s*(%|‰|微克/立方米|毫克/升|万吨|吨|万千瓦|亿立方米|万亩|亩|公顷|个|家|座|处|条|km|公里)?\s*(以上|以下|以内|左右)?|(\d+(?:\.\d+)?)\s*(%)\s*(以上|以下|以内|左右)?"#)

    /// The commitments of every unit of the site, by unit key.
    public static func extract(_ site: LinkedSite) -> [String: [Commitment]] {
        site.content.plans.reduce(into: [:]) { result, plan in result.merge(extract(plan: plan)) { a, _ in a } }
    }

    /// The commitments of one plan's units, by unit key (only its page shows them, so a
    /// build finds them when it renders that page).
    public static func extract(plan: Plan) -> [String: [Commitment]] {
        let names = IndicatorNames(plan.indicators.map { ($0.key, ([Linker.cleanName($0.name)] + $0.aliases).filter { $0.count >= Linker.minimumAutomaticNameLength }) })
        var found: [String: [Commitment]] = [:]
        for unit in plan.units {
            let key = "\(plan.id)/\(unit.id)"
            let commitments = extract(from: unit.text, unitKey: key, names: names)
            if !commitments.isEmpty { found[key] = commitments }
        }
        return found
    }

    static func extract(from text: String, unitKey: String, indicatorNames: [(String, [String])]) -> [Commitment] {
        extract(from: text, unitKey: unitKey, names: IndicatorNames(indicatorNames))
    }

    /// The indicator names of a plan, matched all at once (`NameMatcher`).
    struct IndicatorNames {
        let matcher: NameMatcher
        /// The indicator key of each name of the matcher.
        let owners: [String]

        init(_ indicatorNames: [(String, [String])]) {
            var names: [String] = []
            var owners: [String] = []
            for (key, list) in indicatorNames {
                for name in list {
                    names.append(name)
                    owners.append(key)
                }
            }
            matcher = NameMatcher(names)
            self.owners = owners
        }

        /// The first indicator (in plan order) with a name in `text`.
        func first(in text: String) -> String? {
            guard !owners.isEmpty else { return nil }
            return matcher.matches(in: text).firstIndex(of: true).map { owners[$0] }
        }
    }

    /// "年" in UTF-8: a sentence without it has no year for the year pattern to find.
    static let yearCharacter = Array("年".utf8)

    static func extract(from text: String, unitKey: String, names: IndicatorNames) -> [Commitment] {
        guard contains(text.utf8, yearCharacter) else { return [] }
        var result: [Commitment] = []
        let flat = text.removingLineFeeds
        for s in sentences(flat) where contains(s.utf8, yearCharacter) {
            let ns = NSRange(s.startIndex..., in: s)
            guard let y = year.firstMatch(in: s, range: ns), let yearRange = Range(y.range(at: 1), in: s),
                  let yearValue = Int(s[yearRange]) else { continue }
            for m in value.matches(in: s, range: ns) {
                guard let whole = Range(m.range, in: s), whole.lowerBound > yearRange.lowerBound else { continue }
                let fragment = String(s[yearRange.lowerBound..<whole.upperBound]).trimmingCharacters(in: .whitespaces)
                result.append(Commitment(unitKey: unitKey, text: fragment, year: yearValue,
                                         value: String(s[whole]).trimmingCharacters(in: .whitespaces),
                                         indicatorKey: names.first(in: fragment)))
            }
        }
        return result
    }

    /// The text split at 。, ； and ; (empty pieces dropped), as `split(whereSeparator:)` on
    /// Characters would split it, but found on UTF-8 bytes (the Character split was 4–5 % of a
    /// build). Where a separator touches a scalar that could join it into a larger grapheme
    /// cluster (a combining mark after it, a prepend mark before it), the Character split is
    /// used so that the result stays the same.
    static func sentences(_ text: String) -> [String] {
        var copy = text
        let pieces: [String]? = copy.withUTF8 { bytes -> [String]? in
            var result: [String] = []
            var start = 0
            var i = 0
            let n = bytes.count
            func piece(_ end: Int) {
                if end > start { result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
            }
            while i < n {
                let b = bytes[i]
                var length = 0
                if b == 0x3B { length = 1 }                                                      // ;
                else if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x82 { length = 3 }  // 。
                else if b == 0xEF, i + 2 < n, bytes[i + 1] == 0xBC, bytes[i + 2] == 0x9B { length = 3 }  // ；
                guard length > 0 else { i += 1; continue }
                if !Self.plainNeighbour(bytes, after: i + length) || !Self.plainNeighbour(bytes, before: i) { return nil }
                piece(i)
                i += length
                start = i
            }
            piece(n)
            return result
        }
        return pieces ?? text.split(whereSeparator: { "。；;".contains($0) }).map(String.init)
    }

    /// Whether the scalar starting at byte `at` (if any) is `PlainScalar.at`.
    static func plainNeighbour(_ bytes: UnsafeBufferPointer<UInt8>, after at: Int) -> Bool {
        guard at < bytes.count else { return true }
        return PlainScalar.at(bytes, at)
    }

    /// The same test for the scalar ending just before byte `before` (a prepend mark there
    /// would join the separator to it).
    static func plainNeighbour(_ bytes: UnsafeBufferPointer<UInt8>, before: Int) -> Bool {
        guard before > 0 else { return true }
        var start = before - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return PlainScalar.at(bytes, start)
    }

    static func contains<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8 {
        let done: Bool? = haystack.withContiguousStorageIfAvailable { buffer in
            guard buffer.count >= needle.count else { return false }
            guard let first = needle.first else { return true }
            for i in 0...(buffer.count - needle.count) where buffer[i] == first {
                if needle.indices.dropFirst().allSatisfy({ buffer[i + $0] == needle[$0] }) { return true }
            }
            return false
        }
        if let done { return done }
        let bytes = Array(haystack)
        return contains(bytes, needle)
    }
}

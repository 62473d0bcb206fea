import Foundation
import PlanModel

/// Finds department annotations in a unit's text, as the documents write them:
/// `(牵头单位:市经信委、环保局;责任单位:市发改委、科技局)`, `（责任单位：市委办、组织部）`.
public enum AnnotationParser {
    public static let leadKeys = ["牵头单位", "牵头部门"]
    public static let coKeys = ["责任单位", "责任部门", "配合单位", "配合部门", "参与单位", "协同单位", "协办单位"]
    static let allKeys = (leadKeys + coKeys)
    static let opens: Set<Character> = ["(", "（"]
    static let closes: Set<Character> = [")", "）"]
    static let colons: Set<Character> = [":", "："]
    static let nameSeparators: Set<Character> = ["、", "，", ",", "/"]
    static let keySeparators: Set<Character> = [";", "；", "，", ",", " ", "　"]

    public struct Found: Sendable, Equatable {
        /// The annotation with its brackets, as written.
        public let raw: String
        /// Character offset of the opening bracket in the text.
        public let offset: Int
        public let lists: [[(name: String, role: AssignmentRole, offset: Int)]]
        public static func == (a: Found, b: Found) -> Bool {
            a.raw == b.raw && a.offset == b.offset && a.lists.map { $0.map(\.name) } == b.lists.map { $0.map(\.name) }
        }
    }

    /// Every annotation in `text`. An annotation is a bracketed group that starts with one of
    /// the keys followed by a colon. Brackets inside names (县(市、区)分局) are balanced.
    public static func find(in text: String) -> [Found] {
        let chars = Array(text)
        let closings = closingIndexes(in: chars)
        var results: [Found] = []
        var i = 0
        while i < chars.count {
            guard opens.contains(chars[i]), let key = key(at: i + 1, in: chars), let end = closings[i] else {
                i += 1
                continue
            }
            _ = key
            let inner = Array(chars[(i + 1)..<end])
            results.append(Found(raw: String(chars[i...end]), offset: i, lists: lists(inner, base: i + 1)))
            i = end + 1
        }
        return results
    }

    static func key(at index: Int, in chars: [Character]) -> String? {
        var j = index
        while j < chars.count, chars[j] == " " || chars[j] == "　" { j += 1 }
        for key in allKeys {
            let k = Array(key)
            if j + k.count < chars.count, Array(chars[j..<(j + k.count)]) == k {
                var c = j + k.count
                while c < chars.count, chars[c] == " " { c += 1 }
                if c < chars.count, colons.contains(chars[c]) { return key }
            }
        }
        return nil
    }

    /// `closing(from:in:)` for every opening bracket at once, in one pass: a stack pairs the
    /// brackets, then a pair is dropped when a line break more than 400 characters after the
    /// opening bracket falls inside it. Calling `closing` for each bracket scans to the end of
    /// the text for every unclosed one, quadratic in the length of a block (found by fuzzing:
    /// a paragraph of 30,000 "(牵头单位:a" ran for minutes).
    static func closingIndexes(in chars: [Character]) -> [Int?] {
        var result = [Int?](repeating: nil, count: chars.count)
        var stack: [Int] = []
        // nextBreak[p]: index of the first "\n" at or after p (chars.count when none).
        var nextBreak = [Int](repeating: chars.count, count: chars.count + 1)
        for j in stride(from: chars.count - 1, through: 0, by: -1) {
            nextBreak[j] = chars[j] == "\n" ? j : nextBreak[j + 1]
        }
        for j in chars.indices {
            if opens.contains(chars[j]) { stack.append(j) }
            if closes.contains(chars[j]), let open = stack.popLast() {
                let limit = min(open + 401, chars.count)
                if nextBreak[limit] >= j { result[open] = j }
            }
        }
        return result
    }

    /// The index of the bracket that closes the one at `open` (brackets nested inside are
    /// balanced); nil when there is none, or when the group runs on past a line break more
    /// than 400 characters after `open`. The reference definition of `closingIndexes`, which
    /// the tests check it against.
    static func closing(from open: Int, in chars: [Character]) -> Int? {
        var depth = 0
        for j in open..<chars.count {
            if opens.contains(chars[j]) { depth += 1 }
            if closes.contains(chars[j]) {
                depth -= 1
                if depth == 0 { return j }
            }
            if chars[j] == "\n" && depth > 0 && j > open + 400 { return nil }
        }
        return nil
    }

    /// Splits `牵头单位:A、B;责任单位:C、D` into lists of names with roles.
    static func lists(_ inner: [Character], base: Int) -> [[(name: String, role: AssignmentRole, offset: Int)]] {
        // Locate every "key:" in the inner text (outside nested brackets).
        var marks: [(start: Int, contentStart: Int, role: AssignmentRole)] = []
        var depth = 0
        var j = 0
        while j < inner.count {
            if opens.contains(inner[j]) { depth += 1 }
            if closes.contains(inner[j]) { depth -= 1 }
            if depth == 0 {
                for key in allKeys {
                    let k = Array(key)
                    guard j + k.count <= inner.count, Array(inner[j..<(j + k.count)]) == k else { continue }
                    var c = j + k.count
                    while c < inner.count, inner[c] == " " { c += 1 }
                    if c < inner.count, colons.contains(inner[c]) {
                        marks.append((j, c + 1, leadKeys.contains(key) ? .lead : .co))
                    }
                    break
                }
            }
            j += 1
        }
        var result: [[(name: String, role: AssignmentRole, offset: Int)]] = []
        for (n, mark) in marks.enumerated() {
            let end = n + 1 < marks.count ? marks[n + 1].start : inner.count
            var names: [(name: String, role: AssignmentRole, offset: Int)] = []
            var current = ""
            var currentStart = mark.contentStart
            var d = 0
            func flush(_ at: Int) {
                let name = current.trimmingCharacters(in: CharacterSet(charactersIn: " 　;；，,。"))
                if !name.isEmpty { names.append((name, mark.role, base + currentStart)) }
                current = ""
                currentStart = at + 1
            }
            for p in mark.contentStart..<end {
                let ch = inner[p]
                if opens.contains(ch) { d += 1 }
                if closes.contains(ch) { d -= 1 }
                if d == 0 && (nameSeparators.contains(ch) || ch == ";" || ch == "；") {
                    flush(p)
                } else {
                    if current.isEmpty && (ch == " " || ch == "　") { currentStart = p + 1; continue }
                    current.append(ch)
                }
            }
            flush(end)
            result.append(names)
        }
        return result
    }
}

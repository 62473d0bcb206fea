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
    ///
    /// Works on the text's UTF-8 bytes (`ByteScan`) when every scalar of the text is a
    /// Character of its own (`ByteScan.isSimple`), and falls back to `findReference`, the
    /// Character implementation that defines the results, when it is not.
    public static func find(in text: String) -> [Found] {
        findWithLineStarts(in: text).found
    }

    /// `find`, and the Character offsets at which the text's lines start, as far as the last
    /// reported offset (enough for a binary search of any reported offset), when the byte path
    /// could count them; nil when the text went to the Character path (or has no annotation).
    static func findWithLineStarts(in text: String) -> (found: [Found], lineStarts: [Int]?) {
        if let result = findOnBytes(text) { return result }
        return (findReference(in: text), nil)
    }

    /// The byte path; nil when the text needs the Character path.
    static func findOnBytes(_ text: String) -> (found: [Found], lineStarts: [Int]?)? {
        // The outer optional: whether the string had contiguous UTF-8 (native strings do).
        if let answer = text.utf8.withContiguousStorageIfAvailable({ ByteScan.find(in: $0) }) {
            return answer
        }
        return Array(text.utf8).withUnsafeBufferPointer { ByteScan.find(in: $0) }
    }

    /// The Character implementation: the reference definition of `find`, used for texts the
    /// byte path leaves alone (combining marks, CR, scalars it does not know) and by the tests.
    static func findReference(in text: String) -> [Found] {
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

extension AnnotationParser {
    /// `find` on a text's UTF-8 bytes.
    ///
    /// Why the answers are the Character implementation's: that implementation compares
    /// Characters with single-scalar Characters (brackets, keys, colons, spaces, separators,
    /// "\n"). Swift compares Characters by canonical equivalence, and the only scalar
    /// canonically equivalent to one of those is U+037E GREEK QUESTION MARK (= ";", checked
    /// against the Unicode data); a Character of several scalars is never equivalent to one of
    /// a single scalar without a decomposition. A Character equal to one of them is otherwise
    /// that very scalar. So when every scalar of a
    /// text is a Character of its own and none is U+037E (`isSimple`: scalars from a list of
    /// blocks known to have no grapheme extenders, prepended marks, Hangul jamo, regional
    /// indicators or CR, and not U+037E; the tests check the list against the standard library),
    /// Characters are scalars, Character offsets are scalar offsets, and comparing bytes is
    /// comparing Characters. Any other text goes to the Character path, except one with no
    /// candidate at all (an opening bracket, optional spaces, a key, optional spaces, a colon,
    /// all as bytes): a candidate of the Character path is one of those in bytes too, so such a
    /// text has no annotation either way.
    enum ByteScan {
        typealias Bytes = UnsafeBufferPointer<UInt8>
        typealias Entry = (name: String, role: AssignmentRole, offset: Int)

        static let keys: [(bytes: [UInt8], lead: Bool)] =
            AnnotationParser.allKeys.map { (Array($0.utf8), AnnotationParser.leadKeys.contains($0)) }

        /// nil: the text needs the Character path.
        static func find(in bytes: Bytes) -> (found: [Found], lineStarts: [Int]?)? {
            let n = bytes.count
            // 1. Candidates: an opening bracket followed by a key and a colon.
            var candidates: [Int] = []
            var p = 0
            while p < n {
                let b = bytes[p]
                if b == 0x28 {
                    if keyAfterBracket(bytes, p + 1) { candidates.append(p) }
                } else if b == 0xEF, p + 2 < n, bytes[p + 1] == 0xBC, bytes[p + 2] == 0x88 {
                    if keyAfterBracket(bytes, p + 3) { candidates.append(p) }
                    p += 2
                }
                p += 1
            }
            if candidates.isEmpty { return ([], nil) }
            // 2. Characters are scalars?
            guard isSimple(bytes) else { return nil }
            // 3. The closing bracket of every candidate (byte offset; -1 for none).
            let closes = closingBrackets(bytes, candidates)
            // 4. The annotations, in byte offsets.
            var spans: [(open: Int, close: Int, closeLength: Int, lists: [[(start: Int, end: Int, nameStart: Int, lead: Bool)]])] = []
            var offsets: [Int] = []   // every byte offset to report, in increasing order
            var nextAllowed = 0
            for (k, open) in candidates.enumerated() where open >= nextAllowed && closes[k] >= 0 {
                let close = closes[k]
                let openLength = bytes[open] == 0x28 ? 1 : 3
                let closeLength = bytes[close] == 0x29 ? 1 : 3
                let lists = self.lists(bytes, open + openLength, close)
                offsets.append(open)
                for list in lists { for entry in list { offsets.append(entry.nameStart) } }
                spans.append((open, close, closeLength, lists))
                nextAllowed = close + closeLength
            }
            if spans.isEmpty { return ([], nil) }
            // 5. Byte offsets to Character (= scalar) offsets, and the line starts, in one pass.
            let (characterOffsets, lineStarts) = scalarOffsets(bytes, offsets)
            var results: [Found] = []
            results.reserveCapacity(spans.count)
            var o = 0
            for span in spans {
                let offset = characterOffsets[o]
                o += 1
                var lists: [[Entry]] = []
                lists.reserveCapacity(span.lists.count)
                for list in span.lists {
                    var entries: [Entry] = []
                    entries.reserveCapacity(list.count)
                    for entry in list {
                        entries.append((string(bytes, entry.start, entry.end), entry.lead ? .lead : .co, characterOffsets[o]))
                        o += 1
                    }
                    lists.append(entries)
                }
                results.append(Found(raw: string(bytes, span.open, span.close + span.closeLength), offset: offset, lists: lists))
            }
            return (results, lineStarts)
        }

        static func string(_ bytes: Bytes, _ start: Int, _ end: Int) -> String {
            String(decoding: Bytes(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        // MARK: Scalars

        @inline(__always) static func isOpen(_ bytes: Bytes, _ p: Int) -> Bool {
            let b = bytes[p]
            return b == 0x28 || (b == 0xEF && p + 2 < bytes.count && bytes[p + 1] == 0xBC && bytes[p + 2] == 0x88)
        }
        @inline(__always) static func isClose(_ bytes: Bytes, _ p: Int) -> Bool {
            let b = bytes[p]
            return b == 0x29 || (b == 0xEF && p + 2 < bytes.count && bytes[p + 1] == 0xBC && bytes[p + 2] == 0x89)
        }
        /// The length of the colon at `p` (":" or "："), 0 when there is none.
        @inline(__always) static func colonLength(_ bytes: Bytes, _ p: Int) -> Int {
            let b = bytes[p]
            if b == 0x3A { return 1 }
            if b == 0xEF && p + 2 < bytes.count && bytes[p + 1] == 0xBC && bytes[p + 2] == 0x9A { return 3 }
            return 0
        }
        /// The length of " " or "　" at `p`, 0 when there is none.
        @inline(__always) static func spaceLength(_ bytes: Bytes, _ p: Int) -> Int {
            let b = bytes[p]
            if b == 0x20 { return 1 }
            if b == 0xE3 && p + 2 < bytes.count && bytes[p + 1] == 0x80 && bytes[p + 2] == 0x80 { return 3 }
            return 0
        }
        /// A name separator at `p`: 、 ， , / ; ；
        @inline(__always) static func isNameSeparator(_ bytes: Bytes, _ p: Int) -> Bool {
            switch bytes[p] {
            case 0x2C, 0x2F, 0x3B: return true
            case 0xE3: return p + 2 < bytes.count && bytes[p + 1] == 0x80 && bytes[p + 2] == 0x81
            case 0xEF: return p + 2 < bytes.count && bytes[p + 1] == 0xBC && (bytes[p + 2] == 0x8C || bytes[p + 2] == 0x9B)
            default: return false
            }
        }
        @inline(__always) static func scalarLength(_ b: UInt8) -> Int {
            b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        }

        /// The key (index in `keys`) whose bytes start at `p` and end at or before `end`.
        @inline(__always) static func key(_ bytes: Bytes, at p: Int, end: Int) -> Int? {
            let b = bytes[p]
            guard b >= 0xE5 && b <= 0xE9 else { return nil }   // the first bytes of 牵 责 配 参 协
            for (index, key) in keys.enumerated() where p + key.bytes.count <= end {
                var same = true
                for (q, kb) in key.bytes.enumerated() where bytes[p + q] != kb {
                    same = false
                    break
                }
                if same { return index }
            }
            return nil
        }

        /// `key(at:in:)` of the Character path: spaces, a key, spaces (" " only), a colon.
        static func keyAfterBracket(_ bytes: Bytes, _ start: Int) -> Bool {
            let n = bytes.count
            var j = start
            while j < n {
                let s = spaceLength(bytes, j)
                if s == 0 { break }
                j += s
            }
            guard j < n, let k = key(bytes, at: j, end: n) else { return false }
            var c = j + keys[k].bytes.count
            while c < n, bytes[c] == 0x20 { c += 1 }
            return c < n && colonLength(bytes, c) > 0
        }

        /// `closingIndexes(in:)` for the candidates, in bytes: a stack pairs the brackets from
        /// the first candidate on (a bracket's partner does not depend on the brackets before
        /// it), and a pair is dropped when a line break at or more than 401 scalars after the
        /// opening bracket comes before the closing one. The last line break before the closing
        /// bracket tells, in one comparison.
        static func closingBrackets(_ bytes: Bytes, _ candidates: [Int]) -> [Int] {
            var result = [Int](repeating: -1, count: candidates.count)
            var stack: [(scalar: Int, candidate: Int)] = []
            var candidatesOnStack = 0
            var next = 0                // the next candidate to reach
            var scalar = 0              // scalar index of p, counted from the first candidate
            var lastBreak = Int.min     // scalar index of the last "\n" before p
            var p = candidates[0]
            let n = bytes.count
            while p < n {
                let b = bytes[p]
                if b == 0x0A {
                    lastBreak = scalar
                } else if isOpen(bytes, p) {
                    var candidate = -1
                    if next < candidates.count && candidates[next] == p {
                        candidate = next
                        next += 1
                        candidatesOnStack += 1
                    }
                    stack.append((scalar, candidate))
                } else if isClose(bytes, p), let open = stack.popLast(), open.candidate >= 0 {
                    candidatesOnStack -= 1
                    if lastBreak < open.scalar + 401 { result[open.candidate] = p }
                    if candidatesOnStack == 0 && next == candidates.count { break }
                }
                p += scalarLength(b)
                scalar += 1
            }
            return result
        }

        /// `lists(_:base:)` on the bytes between the brackets, `start..<end`: the names as
        /// byte ranges (trimmed) and the byte offset their Character offset is reported for.
        static func lists(_ bytes: Bytes, _ start: Int, _ end: Int) -> [[(start: Int, end: Int, nameStart: Int, lead: Bool)]] {
            var marks: [(start: Int, contentStart: Int, lead: Bool)] = []
            var depth = 0
            var j = start
            while j < end {
                if isOpen(bytes, j) { depth += 1 } else if isClose(bytes, j) { depth -= 1 }
                if depth == 0, let k = key(bytes, at: j, end: end) {
                    var c = j + keys[k].bytes.count
                    while c < end, bytes[c] == 0x20 { c += 1 }
                    if c < end {
                        let colon = colonLength(bytes, c)
                        if colon > 0 { marks.append((j, c + colon, keys[k].lead)) }
                    }
                }
                j += 1
            }
            var result: [[(start: Int, end: Int, nameStart: Int, lead: Bool)]] = []
            result.reserveCapacity(marks.count)
            for (m, mark) in marks.enumerated() {
                let listEnd = m + 1 < marks.count ? marks[m + 1].start : end
                var names: [(start: Int, end: Int, nameStart: Int, lead: Bool)] = []
                var current = mark.contentStart   // where the current name starts; == p while it is empty
                var d = 0
                var p = mark.contentStart
                while p < listEnd {
                    let length = scalarLength(bytes[p])
                    if isOpen(bytes, p) { d += 1 } else if isClose(bytes, p) { d -= 1 }
                    if d == 0 && isNameSeparator(bytes, p) {
                        if let name = trimmed(bytes, current, p) { names.append((name.start, name.end, current, mark.lead)) }
                        current = p + length
                    } else if current == p && spaceLength(bytes, p) > 0 {
                        current = p + length
                    }
                    p += length
                }
                if let name = trimmed(bytes, current, listEnd) { names.append((name.start, name.end, current, mark.lead)) }
                result.append(names)
            }
            return result
        }

        /// `start..<end` without the " 　;；，,。" at either end; nil when nothing is left.
        static func trimmed(_ bytes: Bytes, _ start: Int, _ end: Int) -> (start: Int, end: Int)? {
            var s = start
            var e = end
            while s < e {
                let length = trimLength(bytes, s, e)
                if length == 0 { break }
                s += length
            }
            while s < e {
                // The scalar that ends at e starts at its last non-continuation byte.
                var last = e - 1
                while bytes[last] & 0xC0 == 0x80 { last -= 1 }
                if trimLength(bytes, last, e) == 0 { break }
                e = last
            }
            return s < e ? (s, e) : nil
        }

        /// The length of a trimmed scalar (" 　;；，,。") at `p`, 0 when there is none.
        @inline(__always) static func trimLength(_ bytes: Bytes, _ p: Int, _ end: Int) -> Int {
            switch bytes[p] {
            case 0x20, 0x3B, 0x2C: return 1
            case 0xE3 where p + 2 < end && bytes[p + 1] == 0x80 && (bytes[p + 2] == 0x80 || bytes[p + 2] == 0x82): return 3
            case 0xEF where p + 2 < end && bytes[p + 1] == 0xBC && (bytes[p + 2] == 0x9B || bytes[p + 2] == 0x8C): return 3
            default: return 0
            }
        }

        /// The scalar offsets of `offsets` (byte offsets of scalars, in increasing order), and
        /// the scalar offsets at which lines start, up to the last of them: one pass.
        static func scalarOffsets(_ bytes: Bytes, _ offsets: [Int]) -> (offsets: [Int], lineStarts: [Int]) {
            var result: [Int] = []
            result.reserveCapacity(offsets.count)
            var lineStarts = [0]
            var scalar = 0
            var p = 0
            for target in offsets {
                precondition(target >= p, "offsets out of order")
                while p < target {
                    let b = bytes[p]
                    if b & 0xC0 != 0x80 {
                        scalar += 1
                        if b == 0x0A { lineStarts.append(scalar) }
                    }
                    p += 1
                }
                result.append(scalar)
            }
            return (result, lineStarts)
        }

        /// Whether every scalar of the text is a Character of its own and compares equal only
        /// to itself among the Characters `find` looks for: the text has only scalars from the
        /// blocks below (no CR, no combining marks or other grapheme extenders, no Hangul jamo,
        /// no regional indicators, no U+037E). `AnnotationParserDifferentialTests` checks the
        /// list against the standard library's grapheme breaking and Character comparison.
        static func isSimple(_ bytes: Bytes) -> Bool {
            let n = bytes.count
            var p = 0
            while p < n {
                let b = bytes[p]
                if b < 0x80 {
                    if b == 0x0D { return false }
                    p += 1
                } else if b < 0xE0 {
                    guard p + 1 < n else { return false }
                    let s = UInt32(b & 0x1F) << 6 | UInt32(bytes[p + 1] & 0x3F)
                    guard isSimple(s) else { return false }
                    p += 2
                } else if b < 0xF0 {
                    guard p + 2 < n else { return false }
                    // U+4000–U+9FFF (CJK Extension A from U+4000, hexagrams, CJK Unified
                    // Ideographs) are all in the list: the first byte tells.
                    if b >= 0xE4 && b <= 0xE9 { p += 3; continue }
                    let s = UInt32(b & 0x0F) << 12 | UInt32(bytes[p + 1] & 0x3F) << 6 | UInt32(bytes[p + 2] & 0x3F)
                    // CJK punctuation and full-width forms, the most frequent of the others.
                    if (s >= 0x3000 && s <= 0x3029) || (s >= 0xFF01 && s <= 0xFF9D) { p += 3; continue }
                    guard isSimple(s) else { return false }
                    p += 3
                } else {
                    guard p + 3 < n else { return false }
                    let s = UInt32(b & 0x07) << 18 | UInt32(bytes[p + 1] & 0x3F) << 12 | UInt32(bytes[p + 2] & 0x3F) << 6 | UInt32(bytes[p + 3] & 0x3F)
                    guard isSimple(s) else { return false }
                    p += 4
                }
            }
            return true
        }

        /// The blocks (or parts of blocks) `isSimple` accepts beyond ASCII.
        static let simpleRanges: [ClosedRange<UInt32>] = [
            0x00A0...0x024F,   // Latin-1 Supplement, Latin Extended-A and -B (· ° × ÷ ³ é)
            0x0391...0x03A9, 0x03B1...0x03C9,   // Greek letters (μ), not U+037E
            0x2010...0x2027,   // dashes, quotes, … (not the spaces, zero-width and format characters)
            0x2030...0x205E,   // ‰ ′ ″ ※
            0x2070...0x20CF,   // superscripts, subscripts, currency (not the combining marks from U+20D0)
            0x2100...0x27BF,   // letterlike (℃ №), number forms (Ⅳ), arrows, maths (≤ ≥), technical, enclosed (①), box drawing, shapes, symbols, dingbats
            0x2E80...0x2FDF,   // CJK radicals, Kangxi radicals
            0x3000...0x3029, 0x3030...0x303F,   // CJK symbols and punctuation (not the tone marks U+302A–U+302F)
            0x3041...0x3096, 0x309B...0x30FF,   // kana (not the combining sound marks U+3099, U+309A)
            0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31FF,   // bopomofo, compatibility jamo, kanbun, strokes
            0x3200...0x33FF,   // enclosed CJK, CJK compatibility (㎡)
            0x3400...0x4DBF, 0x4DC0...0x9FFF,   // CJK Extension A, hexagrams, CJK Unified Ideographs
            0xE000...0xF8FF,   // private use (not the CJK compatibility ideographs from U+F900)
            0xFE30...0xFE4F, 0xFE50...0xFE6F,   // CJK compatibility forms, small forms
            0xFF01...0xFF9D, 0xFFE0...0xFFEE,   // full-width and half-width forms (not U+FF9E, U+FF9F)
            0x1F300...0x1F3FA, 0x1F400...0x1F64F, 0x1F680...0x1F6FF,   // pictographs, emoticons (not the skin tones)
            0x20000...0x2A6DF, 0x2A700...0x2EBEF, 0x30000...0x3134F,   // CJK Extensions B–H (not the compatibility supplement)
        ]

        static func isSimple(_ scalar: UInt32) -> Bool {
            for range in simpleRanges where range.contains(scalar) { return true }
            return false
        }
    }
}

import Foundation
import PlanModel

/// Finds department annotations in a unit's text, in the forms the documents write them
/// (docs/content-format.md, "Department annotations"):
///
/// - keyed: `(牵头单位:市经信委、环保局;责任单位:市发改委)`, `（责任部门：市委办）`;
/// - phrased: `(区农业农村委、区规划资源局牵头，各街镇配合实施)`, `(区水务局牵头,区财政局配合)`,
///   `(区生态环境局、区水务局按职责分工负责)`;
/// - bare, at the end of a paragraph: `(区农业农村委)` — names only, each recognisably a
///   department (`looksLikeDepartment`).
///
/// A bracketed group that uses an annotation's words (牵头, 负责, 配合, 单位:, …) but fits none
/// of the forms is returned in `unreadable`, so the reader can warn about it.
public enum AnnotationParser {
    public typealias Entry = (name: String, role: AssignmentRole, offset: Int)

    public static let leadKeys = ["牵头单位", "牵头部门"]
    public static let coKeys = ["责任单位", "责任部门", "配合单位", "配合部门", "参与单位", "协同单位", "协办单位",
                                "实施单位", "实施部门", "协助单位", "主办单位", "承办单位"]
    static let allKeys = (leadKeys + coKeys).sorted { $0.count > $1.count }
    typealias Scalars = [Unicode.Scalar]
    static let keyScalars: [(key: String, scalars: Scalars)] = allKeys.map { ($0, Array($0.unicodeScalars)) }
    /// The first scalars of the keys (a quick test before comparing whole keys).
    static let keyStarts = Array(Set(allKeys.compactMap(\.unicodeScalars.first))).sorted { $0.value < $1.value }

    /// Role words that end a clause of a phrased annotation, longest first.
    static let leadPhrases = ["牵头负责", "牵头落实", "牵头实施", "牵头推进", "牵头组织", "牵头"]
    static let coPhrases = ["按职责分工负责", "按职责分工落实", "按照职责分工负责", "按职能分工负责", "按职责负责", "分工负责",
                            "分别负责", "共同负责", "负责落实", "负责实施", "配合实施", "配合落实", "配合推进", "协助实施",
                            "共同推进", "具体实施", "具体负责", "组织实施", "抓好落实", "按职责落实", "负责", "配合", "协助",
                            "参与", "协同", "落实"]
    static let phrases: [(text: Scalars, role: AssignmentRole)] =
        (leadPhrases.map { (Array($0.unicodeScalars), AssignmentRole.lead) } + coPhrases.map { (Array($0.unicodeScalars), AssignmentRole.co) })
            .sorted { $0.0.count > $1.0.count }

    /// Words that make a bracketed group look like an annotation.
    static let annotationWords = ["牵头", "负责", "配合", "责任单位", "责任部门", "实施部门", "实施单位", "协办", "参与单位"]

    // Small lists compared by value: `Set.contains` hashed every scalar of every block.
    static let opens: [Unicode.Scalar] = ["(", "（"]
    static let closes: [Unicode.Scalar] = [")", "）"]
    static let colons: [Unicode.Scalar] = [":", "："]
    static let nameSeparators: [Unicode.Scalar] = ["、", "，", ",", "/", ";", "；"]
    static let clauseSeparators: [Unicode.Scalar] = ["，", ",", ";", "；"]
    static let spaces: [Unicode.Scalar] = [" ", "\u{3000}", "\u{00A0}", "\t"]
    /// The first scalars of `annotationWords`.
    static let annotationWordStarts: [Unicode.Scalar] = Array(Set(annotationWords.compactMap(\.unicodeScalars.first)))
    static let trimmed = CharacterSet(charactersIn: " \u{3000}\u{00A0}\t;；，,。")
    static let trimmedScalars: [Unicode.Scalar] = [" ", "\u{3000}", "\u{00A0}", "\t", ";", "；", "，", ",", "。"]

    public enum Form: String, Sendable { case keyed, phrased, bare }

    public struct Found: Sendable, Equatable {
        /// The annotation with its brackets, as written.
        public let raw: String
        /// Offset of the opening bracket in the text, in Unicode scalars (for Chinese text the
        /// same as in characters; a combining mark counts on its own).
        public let offset: Int
        public let form: Form
        public let lists: [[Entry]]
        public static func == (a: Found, b: Found) -> Bool {
            a.raw == b.raw && a.offset == b.offset && a.form == b.form
                && a.lists.map { $0.map(\.name) } == b.lists.map { $0.map(\.name) }
                && a.lists.map { $0.map(\.role) } == b.lists.map { $0.map(\.role) }
        }
    }

    /// A bracketed group that looks like an annotation but cannot be read.
    public struct Unreadable: Sendable, Equatable {
        public let raw: String
        public let offset: Int
    }

    /// Every annotation in `text`.
    public static func find(in text: String) -> [Found] { scan(text).found }

    /// Every annotation in `text`, and the annotation-like groups that could not be read.
    public static func scan(_ text: String) -> (found: [Found], unreadable: [Unreadable]) {
        // Most texts have no bracket and no colon at all: nothing to do.
        let brackets = hasBracket(text)
        guard brackets || (hasColon(text) && hasKeyAtLineStart(text)) else { return ([], []) }
        let chars = Array(text.unicodeScalars)
        guard brackets else { return (keyedLines(chars), []) }
        let closings = closingIndexes(in: chars)
        var found: [Found] = []
        var unreadable: [Unreadable] = []
        var i = 0
        while i < chars.count {
            guard opens.contains(chars[i]), let end = closings[i] else {
                i += 1
                continue
            }
            let inner = Array(chars[(i + 1)..<end])
            let raw = string(chars[i...end])
            if let (form, lists) = read(inner, base: i + 1, atEnd: isParagraphEnd(chars, after: end)) {
                found.append(Found(raw: raw, offset: i, form: form, lists: lists))
                i = end + 1
            } else if looksLikeAnnotation(inner) {
                unreadable.append(Unreadable(raw: raw, offset: i))
                i = end + 1
            } else {
                i += 1
            }
        }
        return found.isEmpty && unreadable.isEmpty ? (keyedLines(chars), []) : (found, unreadable)
    }

    /// `牵头单位：县住建局；配合单位：县发改局` as a line of its own, without brackets (a common
    /// layout of 工作方案: the task, then its departments on the next line): keyed, when every
    /// name looks like a department (`looksLikeDepartment`), so that a sentence that starts
    /// with a key stays text.
    static func keyedLines(_ chars: Scalars) -> [Found] {
        var found: [Found] = []
        var lineStart = 0
        while lineStart < chars.count {
            let lineEnd = chars[lineStart...].firstIndex(of: "\n") ?? chars.count
            var s = lineStart, e = lineEnd
            while s < e, spaces.contains(chars[s]) { s += 1 }
            while e > s, spaces.contains(chars[e - 1]) || chars[e - 1] == "。" || chars[e - 1] == "." || chars[e - 1] == "\r" { e -= 1 }
            if e - s <= 200, key(at: s, in: chars) != nil {
                let lists = keyedLists(Array(chars[s..<e]), base: s)
                let names = lists.joined()
                if !names.isEmpty, names.allSatisfy({ looksLikeDepartment($0.name) }) {
                    found.append(Found(raw: string(chars[s..<e]), offset: s, form: .keyed, lists: lists))
                }
            }
            lineStart = lineEnd + 1
        }
        return found
    }

    /// A line of the text starts (after spaces) with the first character of a key, found on
    /// the text's UTF-8 before any array is made of it.
    static func hasKeyAtLineStart(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
                while i + 2 < bytes.count, bytes[i] == 0xE3, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 { i += 3 }
                if keyStartBytes.contains(where: { start in
                    i + start.count <= bytes.count && start.indices.allSatisfy { bytes[i + $0] == start[$0] }
                }) { return true }
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
                i += 1
            }
            return false
        }
    }

    static let keyStartBytes: [[UInt8]] = keyStarts.map { Array(String($0).utf8) }

    /// A colon, ":" or "：" (EF BC 9A), in the text's UTF-8.
    static func hasColon(_ text: String) -> Bool { has(ascii: 0x3A, fullWidthLast: 0x9A, in: text) }

    /// An opening bracket "(" or "（" (EF BC 88) in the text's UTF-8.
    static func hasBracket(_ text: String) -> Bool { has(ascii: 0x28, fullWidthLast: 0x88, in: text) }

    /// An ASCII character, or its full-width form (EF BC xx), in the text's UTF-8.
    static func has(ascii: UInt8, fullWidthLast: UInt8, in text: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            if byte == ascii || (byte == fullWidthLast && previous == (0xEF, 0xBC)) { return true }
            previous = (previous.1, byte)
        }
        return false
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(scalars)) }

    /// The group's inner text read as one of the three forms, or nil.
    static func read(_ inner: Scalars, base: Int, atEnd: Bool) -> (Form, [[Entry]])? {
        var start = 0
        while start < inner.count, spaces.contains(inner[start]) { start += 1 }
        if key(at: start, in: inner) != nil { return (.keyed, keyedLists(inner, base: base)) }
        if let lists = phrasedLists(inner, base: base) { return (.phrased, lists) }
        if atEnd, let list = bareList(inner, base: base) { return (.bare, [list]) }
        return nil
    }

    /// Only spaces and a full stop follow `end` in the text (up to the end or a line break).
    static func isParagraphEnd(_ chars: Scalars, after end: Int) -> Bool {
        var j = end + 1
        while j < chars.count {
            let c = chars[j]
            if c == "\n" { return true }
            if !(spaces.contains(c) || c == "。" || c == "." || c == "；" || c == ";") { return false }
            j += 1
        }
        return true
    }

    static func looksLikeAnnotation(_ inner: Scalars) -> Bool {
        guard inner.count <= 200, inner.contains(where: { annotationWordStarts.contains($0) }) else { return false }
        let text = string(inner[...]).trimmingCharacters(in: trimmed)
        // A lead mark after a name (区城管局（牵头）) is no annotation of its own.
        if leadPhrases.contains(text) || coPhrases.contains(text) { return false }
        return inner.count <= 200 && annotationWords.contains { text.contains($0) }
    }

    /// The key starting at `index` (optional spaces, then a colon after it), or nil.
    static func key(at index: Int, in chars: Scalars) -> String? {
        guard index < chars.count, keyStarts.contains(chars[index]) else { return nil }
        for (key, scalars) in keyScalars where matches(scalars, at: index, in: chars) {
            var c = index + scalars.count
            while c < chars.count, spaces.contains(chars[c]) { c += 1 }
            if c < chars.count, colons.contains(chars[c]) { return key }
        }
        return nil
    }

    static func matches(_ word: Scalars, at index: Int, in chars: Scalars) -> Bool {
        guard index >= 0, index + word.count <= chars.count else { return false }
        for (k, ch) in word.enumerated() where chars[index + k] != ch { return false }
        return true
    }

    /// `closing` for every opening bracket at once, in one pass: a stack pairs the brackets,
    /// then a pair is dropped when a line break more than 400 characters after the opening
    /// bracket falls inside it (a stray bracket must not swallow the rest of a long block).
    /// The last line break before the closing bracket tells, in one comparison.
    static func closingIndexes(in chars: Scalars) -> [Int?] {
        var result = [Int?](repeating: nil, count: chars.count)
        var stack: [Int] = []
        var lastBreak = Int.min
        for j in chars.indices {
            let c = chars[j]
            if c == "\n" {
                lastBreak = j
            } else if opens.contains(c) {
                stack.append(j)
            } else if closes.contains(c), let open = stack.popLast(), lastBreak < open + 401 {
                result[open] = j
            }
        }
        return result
    }

    /// Names separated by `、，,/;；` (brackets inside a name balanced), each with its offset.
    static func names(_ chars: Scalars, from start: Int, to end: Int, base: Int, role: AssignmentRole,
                      separators: [Unicode.Scalar] = nameSeparators) -> [Entry] {
        var result: [Entry] = []
        var current = String.UnicodeScalarView()
        var currentStart = start
        var depth = 0
        func flush(_ next: Int) {
            var from = current.startIndex
            var to = current.endIndex
            while from < to, trimmedScalars.contains(current[from]) { from = current.index(after: from) }
            while to > from, trimmedScalars.contains(current[current.index(before: to)]) { to = current.index(before: to) }
            if from < to { result.append(readName((String(current[from..<to]), role, base + currentStart))) }
            current = String.UnicodeScalarView()
            currentStart = next
        }
        var p = start
        while p < end {
            let ch = chars[p]
            if opens.contains(ch) { depth += 1 }
            if closes.contains(ch) { depth -= 1 }
            if depth == 0 && separators.contains(ch) {
                flush(p + 1)
            } else if current.isEmpty && spaces.contains(ch) {
                currentStart = p + 1
            } else {
                current.append(ch)
            }
            p += 1
        }
        flush(end)
        return result
    }

    /// `牵头单位:A、B;责任单位:C、D` → lists of names with roles.
    static func keyedLists(_ inner: Scalars, base: Int) -> [[Entry]] {
        var marks: [(start: Int, contentStart: Int, role: AssignmentRole)] = []
        var depth = 0
        var j = 0
        while j < inner.count {
            if opens.contains(inner[j]) { depth += 1 }
            if closes.contains(inner[j]) { depth -= 1 }
            if depth == 0, let key = key(at: j, in: inner) {
                var c = j + key.unicodeScalars.count
                while !colons.contains(inner[c]) { c += 1 }
                marks.append((j, c + 1, leadKeys.contains(key) ? .lead : .co))
                j = c + 1
                continue
            }
            j += 1
        }
        return marks.enumerated().map { n, mark in
            let end = n + 1 < marks.count ? marks[n + 1].start : inner.count
            return names(inner, from: mark.contentStart, to: end, base: base, role: mark.role).filter { !isSchedule($0.name) }
        }
    }

    /// A name as a list writes it, read: `区交通运输局（牵头）` is a lead without the mark;
    /// `区水务局等部门`, `区财政局等` are the department without the 等.
    static func readName(_ entry: Entry) -> Entry {
        // Most names end otherwise: one look at the last character.
        guard let last = entry.name.unicodeScalars.last, last == "）" || last == ")" || last == "等" || last == "门" || last == "位"
        else { return entry }
        var (name, role) = (entry.name, entry.role)
        for mark in ["（牵头）", "(牵头)"] where name.hasSuffix(mark) && name.count > mark.count {
            name = String(name.dropLast(mark.count)).trimmingCharacters(in: trimmed)
            role = .lead
        }
        for suffix in ["等有关部门", "等相关部门", "等部门", "等有关单位", "等相关单位", "等单位", "等"]
        where name.hasSuffix(suffix) && name.count > suffix.count + 1 {
            name = String(name.dropLast(suffix.count))
            break
        }
        return (name, role, entry.offset)
    }

    /// `区生态环境局会同区水务局负责`: the department before 会同 leads, the one after it takes
    /// part.
    static func together(_ list: [Entry]) -> [Entry] {
        list.flatMap { entry -> [Entry] in
            guard let range = entry.name.range(of: "会同"), range.lowerBound > entry.name.startIndex,
                  range.upperBound < entry.name.endIndex else { return [entry] }
            let first = String(entry.name[..<range.lowerBound])
            let second = String(entry.name[range.upperBound...])
            return [(first, .lead, entry.offset), (second, .co, entry.offset + first.unicodeScalars.count + 2)]
        }
    }

    /// When, not who: a deadline or another key's value in an annotation (`2025年10月底前完成`,
    /// `完成时限：2025年12月`, `长期坚持`). Such a part of an annotation is left out of its
    /// departments; the text stays as written.
    static func isSchedule(_ part: String) -> Bool {
        var previousIsDigit = false
        var count = 0
        for scalar in part.unicodeScalars {
            if scalar == "：" || scalar == ":" { return true }
            if previousIsDigit, scalar == "年" || scalar == "月" { return true }
            previousIsDigit = ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar)
            count += 1
        }
        return count <= 5 && schedulePhrases.contains(part)
    }

    static let schedulePhrases: Set<String> = ["长期坚持", "长期推进", "持续推进", "持续开展", "持续实施", "常态化推进",
                                               "逐年推进", "分年度推进", "按年度推进", "年底前完成", "年内完成"]

    /// `A、B牵头，C、D配合实施`: clauses separated by `，,;；`, each names followed by a role
    /// phrase (a leading 由 is dropped). Nil unless every clause reads so.
    static func phrasedLists(_ inner: Scalars, base: Int) -> [[Entry]]? {
        var clauses: [(start: Int, end: Int)] = []
        var depth = 0
        var start = 0
        for (j, ch) in inner.enumerated() {
            if opens.contains(ch) { depth += 1 }
            if closes.contains(ch) { depth -= 1 }
            if depth == 0 && clauseSeparators.contains(ch) {
                clauses.append((start, j))
                start = j + 1
            }
        }
        clauses.append((start, inner.count))
        var lists: [[Entry]] = []
        for clause in clauses {
            var s = clause.start
            var e = clause.end
            while s < e, spaces.contains(inner[s]) { s += 1 }
            while e > s, spaces.contains(inner[e - 1]) || inner[e - 1] == "。" { e -= 1 }
            if s == e { continue }
            if inner[s] == "由" { s += 1 }
            guard let phrase = phrases.first(where: { matches($0.text, at: e - $0.text.count, in: inner) }) else {
                if isSchedule(string(inner[s..<e])) { continue }
                return nil
            }
            let namesEnd = e - phrase.text.count
            let list = together(names(inner, from: s, to: namesEnd, base: base, role: phrase.role, separators: ["、", "/"]))
            guard !list.isEmpty, list.allSatisfy({ isPlausibleName($0.name) }) else { return nil }
            lists.append(list)
        }
        return lists.isEmpty ? nil : lists
    }

    /// `(区农业农村委、区水务局)`: names only, every one recognisably a department.
    static func bareList(_ inner: Scalars, base: Int) -> [Entry]? {
        let list = names(inner, from: 0, to: inner.count, base: base, role: .co, separators: ["、", "，", ",", "/"])
        guard !list.isEmpty, list.allSatisfy({ looksLikeDepartment($0.name) }) else { return nil }
        return list
    }

    /// A name in a phrased annotation: short, no sentence punctuation, no digits.
    static func isPlausibleName(_ name: String) -> Bool {
        name.count <= 40 && !name.contains("。") && !name.contains(":") && !name.contains("：") && !name.contains("的")
            && !name.unicodeScalars.contains { $0.properties.numericType == .decimal }
    }

    /// The endings of department names: 局, 委, 办, …, 公司, 街镇.
    static let departmentEndings = ["局", "委", "办", "厅", "部", "部门", "单位", "院", "中心", "公司", "集团", "政府", "管委会", "委员会",
                                    "分局", "支队", "大队", "处", "科", "室", "所", "站", "署", "会", "行", "社", "团",
                                    "联", "协", "街镇", "街道", "乡镇", "区县", "县区", "县市区", "开发区", "园区", "镇",
                                    "乡", "街", "馆", "台", "校"]
    /// Starts that mark a department without its ending telling: 市…, 区…, 各….
    static let departmentStarts: [Character] = ["省", "市", "区", "县", "各", "国"]
    /// Bracketed words that end like a department but are not one.
    static let notDepartments: Set<String> = ["试行", "暂行", "略", "草案", "修订", "征求意见稿", "园区", "开发区", "社会",
                                              "协会", "学会", "委员会", "公司", "集团"]

    /// A bare bracketed name that is recognisably a department: 2–30 characters, no digits
    /// or sentence punctuation, ends as a department does, and either starts with a level
    /// (市/区/县/省/各) or ends with a strong ending (局, 委, 办, 厅, 中心, 公司, 政府 …).
    public static func looksLikeDepartment(_ name: String) -> Bool {
        guard (2...30).contains(name.count), isPlausibleName(name), !notDepartments.contains(name),
              !name.hasPrefix("以下简称"), !name.hasPrefix("简称"), !name.hasPrefix("含"), !name.hasPrefix("包括"),
              !name.hasPrefix("注"), !name.hasPrefix("不含"),
              !name.unicodeScalars.contains(where: { $0.isASCII && $0.properties.isAlphabetic }) else { return false }
        guard departmentEndings.contains(where: { name.hasSuffix($0) }) else { return false }
        let strong = ["局", "委", "办", "厅", "中心", "公司", "集团", "政府", "管委会", "委员会", "分局", "支队", "大队"]
        if let first = name.first, departmentStarts.contains(first) { return true }
        return strong.contains { name.hasSuffix($0) } && name.count >= 3
    }
}

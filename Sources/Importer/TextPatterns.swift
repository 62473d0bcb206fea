import ContentReader
import Foundation

/// The line shapes the importer recognises, shared by cleaning, metadata and structure.
enum TextPatterns {
    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [String: NSRegularExpression] = [:]

    static func regex(_ pattern: String) -> NSRegularExpression {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let r = cache[pattern] { return r }
        let r = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        cache[pattern] = r
        return r
    }

    /// Capture groups of the first match (index 0: the whole match), or nil.
    static func match(_ pattern: String, _ text: String) -> [String]? {
        let r = regex(pattern)
        guard let m = r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
    }

    static func matches(_ pattern: String, _ text: String) -> Bool { match(pattern, text) != nil }

    static func allMatches(_ pattern: String, _ text: String) -> [(range: Range<String.Index>, groups: [String])] {
        let r = regex(pattern)
        return r.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            guard let whole = Range(m.range, in: text) else { return nil }
            let groups = (0..<m.numberOfRanges).map { i in Range(m.range(at: i), in: text).map { String(text[$0]) } ?? "" }
            return (whole, groups)
        }
    }

    // MARK: characters

    static func isHan(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    static func hanCount(_ text: String) -> Int { text.unicodeScalars.filter(isHan).count }

    static func isPrivateUse(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD: return true
        default: return false
        }
    }

    /// Trims spaces of every kind (ASCII, no-break, ideographic) at both ends.
    static func trim(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Text without any whitespace, for comparing lines and titles.
    static func compact(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    // MARK: line shapes

    static let chineseDigits = "一二三四五六七八九十百零〇"

    /// `一、总体要求` → ("一", "总体要求")
    static func chapter(_ text: String) -> (numeral: String, rest: String)? {
        guard let m = match(#"^([一二三四五六七八九十百零〇]+)、\s*(.*)$"#, text) else { return nil }
        return (m[1], m[2])
    }

    /// `(一)指导思想` / `（一）指导思想` → ("一", "指导思想")
    static func section(_ text: String) -> (numeral: String, rest: String)? {
        guard let m = match(#"^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$"#, text) else { return nil }
        return (m[1], m[2])
    }

    /// `1.严格…`, `1．`, `1、`, `1. 推进…` → (1, "1.", rest). A number followed by a digit
    /// (`2.2024-2025`) is not a task number.
    static func task(_ text: String) -> (number: Int, label: String, rest: String)? {
        guard let m = match(#"^(\d{1,3})([.．、])(?![\d０-９])\s*(.*)$"#, text), let n = Int(m[1]) else { return nil }
        return (n, m[1] + m[2], m[3])
    }

    /// `6.15分钟出海服务圈` → (6, "6.", "15分钟出海服务圈"): a task number followed by digits, to
    /// be read so only where 6 is the number expected next.
    static func taskBeforeDigits(_ text: String) -> (number: Int, label: String, rest: String)? {
        guard let m = match(#"^(\d{1,3})([.．、])([\d０-９].*)$"#, text), let n = Int(m[1]) else { return nil }
        return (n, m[1] + m[2], m[3])
    }

    /// `第一部分 总体要求`, `第二篇 …`: a level above chapters.
    static func part(_ text: String) -> Int? {
        guard let m = match(#"^第([一二三四五六七八九十]+)(?:部分|篇|编)(?:\s|$|[\p{Han}])"#, text) else { return nil }
        return ChineseNumeral.value(m[1])
    }

    /// `第一章 发展基础` → ("一", "发展基础"); `第一节 …` with `unit` 节.
    static func numbered(_ text: String, unit: String) -> (numeral: String, rest: String)? {
        guard let m = match(#"^第([一二三四五六七八九十百]+)"# + unit + #"\s*(.*)$"#, text) else { return nil }
        return (m[1], m[2])
    }

    /// The start of a list that is not tasks: table notes (`注：1、…`), a glossary (`名词解释`).
    static func isNoteList(_ text: String) -> Bool {
        matches(#"^(?:注|备注|说明)\s*[:：]|^名词解释\s*[:：]?$|^(?:附[:：]?\s*)?名词解释"#, text)
    }

    /// `专栏1  碳达峰行动方案`, `专栏10政产学研…`
    static func box(_ text: String) -> Bool { matches(#"^专栏\s*[0-9０-９一二三四五六七八九十]+"#, text) }

    /// 文号 written alone on a line: `湖政发〔2018〕18号`, `衢委办〔2011〕92号`.
    static let docNumberPattern = #"[\p{Han}]{1,12}[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号"#
    static func isDocNumberLine(_ text: String) -> Bool { matches("^" + docNumberPattern + "$", text) }

    /// A notice title: `…关于印发…的通知`.
    static func isNoticeTitle(_ text: String) -> Bool {
        text.contains("关于") && matches(#"(通知|通报|意见|决定|批复|函|报告|公告|通告)$"#, text)
            && !text.contains("。") && !text.hasPrefix("《") && text.count <= 100
    }

    /// The salutation line of a notice: `各县区人民政府,市府各部门,市直各单位:`.
    static func isSalutation(_ text: String) -> Bool {
        matches(#"^各.{1,80}[:：]$"#, text)
    }

    /// A date line: `2018年7月20日`, `二〇一八年七月二十日`.
    static func dateLine(_ text: String) -> String? {
        let t = compact(text)
        if let m = match(#"^((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日$"#, t), let y = Int(m[1]), let mo = Int(m[2]), let d = Int(m[3]) {
            return isoDate(y, mo, d)
        }
        if let m = match(#"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"#, t) {
            if let year = ChineseNumeral.digitsValue(m[1]), let mo = smallNumeral(m[2]), let d = smallNumeral(m[3]) { return isoDate(year, mo, d) }
        }
        return nil
    }

    static func isoDate(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1...12).contains(m), (1...31).contains(d) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// 一 … 九十九 (days and months; 0 is no day).
    static func smallNumeral(_ text: String) -> Int? {
        guard let value = ChineseNumeral.value(text), value > 0, !text.contains("百") else { return nil }
        return value
    }

    /// Chinese numerals of chapter and section numbers.
    static func numeralValue(_ text: String) -> Int? { ChineseNumeral.value(text) }

    static func numeralText(_ value: Int) -> String { ChineseNumeral.text(value) }

    /// Sentence-final punctuation (a paragraph that ends otherwise may be cut).
    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return true }
        return "。！？；;:：!?…”」』)）】".contains(last)
    }

    /// A short line without sentence punctuation: a title, a heading, a signature, a cell.
    static func isTitleLike(_ text: String, maxLength: Int = 60) -> Bool {
        text.count <= maxLength && !text.contains("。") && !text.contains("；") && !text.hasSuffix(":") && !text.hasSuffix("：")
    }
}

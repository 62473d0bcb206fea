import Foundation
import MarkdownTree
import PlanModel

/// Reads a plan's structure from its Markdown blocks: chapters (`## 一、`), sections
/// (`### (一)`), numbered tasks (`1.` paragraphs or `#### 1.` headings), the department
/// annotations and indicator references of each unit. See docs/content-format.md, "Structure".
struct PlanStructureReader {
    let path: String
    let lineOffset: Int

    struct Result {
        var chapters: [Chapter] = []
        var units: [WorkUnit] = []
        var blocks: [PlanBlock] = []
        var diagnostics: [Diagnostic] = []
        /// Units whose number breaks the run, with the index of their error in `diagnostics`.
        var numberingDefects: [(unitID: String, diagnostic: Int)] = []

        /// The numbering errors of the units `acknowledged` (front matter `numbering_as_written`)
        /// become warnings; an acknowledged ID without a defect is an error at `location`.
        mutating func acknowledge(_ acknowledged: [String], at location: SourceLocation) {
            for (id, index) in numberingDefects where acknowledged.contains(id) {
                let d = diagnostics[index]
                diagnostics[index] = .warning("numbering-as-written", at: d.location,
                                              d.message.replacingOccurrences(of: ": a gap or repeat", with: ": published as written, a gap or repeat") + " of the source",
                                              hint: "acknowledged in numbering_as_written; the plan's notes should say so")
            }
            for id in acknowledged where !numberingDefects.contains(where: { $0.unitID == id }) {
                diagnostics.append(.error("numbering-as-written", at: location,
                                          "numbering_as_written names '\(id)', which has no gap or repeat in its numbering",
                                          hint: "list only the IDs that plansite check reports in a numbering error"))
            }
        }
    }

    /// A unit being read: its blocks' text, annotations and references so far.
    struct OpenUnit {
        var id: String
        var kind: WorkUnit.Kind
        var number: Int
        var label: String
        var title: String
        var texts: [String]
        var chapterID: String
        var sectionID: String?
        var annotations: [DepartmentAnnotation]
        var references: [IndicatorReference]
        var location: SourceLocation
        /// Whether an annotation came as a paragraph of its own.
        var standaloneAnnotations: [Int] = []
    }

    /// A numbering pattern anchored at the start of a block's text: an opening mark (for
    /// sections), a number, a closing mark, white space, then the text (`^…\s*(.*)$`).
    /// `match` reads it scalar by scalar; `pattern` is the same for NSRegularExpression, which
    /// matched these before and which the tests hold `match` to (`NumberingPatternTests`): it
    /// copied each paragraph to UTF-16 and back, 8 % of reading a plan.
    struct NumberingPattern: Sendable {
        typealias Test = @Sendable (Unicode.Scalar) -> Bool
        let pattern: String
        let opening: Test?
        let digit: Test
        /// At most this many digits (the regex's `{1,3}`); nil for any number.
        let maxDigits: Int?
        let closing: Test
        /// The closing mark is a group of its own in the regex (`([.．、])`).
        let closingIsGroup: Bool
        /// Scalars that may not follow the closing mark (the regex's `(?!…)`).
        let notAfterClosing: Test?

        /// The whole match and its groups, or nil.
        func match(_ text: String) -> [String]? {
            let scalars = text.unicodeScalars
            var i = scalars.startIndex
            if let opening {
                guard i < scalars.endIndex, opening(scalars[i]) else { return nil }
                i = scalars.index(after: i)
            }
            let numberStart = i
            var count = 0
            while i < scalars.endIndex, digit(scalars[i]) {
                i = scalars.index(after: i)
                count += 1
            }
            guard count > 0, count <= (maxDigits ?? count), i < scalars.endIndex, closing(scalars[i]) else { return nil }
            let closingStart = i
            i = scalars.index(after: i)
            if let notAfterClosing, i < scalars.endIndex, notAfterClosing(scalars[i]) { return nil }
            // ICU's \s is White_Space.
            while i < scalars.endIndex, WhiteSpace.contains(scalars[i]) { i = scalars.index(after: i) }
            // A group whose start or end falls inside a Character (a combining mark after the
            // closing mark) is "": Foundation's Range(NSRange, in:) gives nil for it.
            func group(_ start: String.Index, _ end: String.Index) -> String {
                guard start.samePosition(in: text) != nil, end.samePosition(in: text) != nil else { return "" }
                return String(text[start..<end])
            }
            let number = group(numberStart, closingStart)
            let rest = group(i, scalars.endIndex)
            if closingIsGroup { return [text, number, group(closingStart, scalars.index(after: closingStart)), rest] }
            return [text, number, rest]
        }

    }

    static let chapterNumerals = Set("一二三四五六七八九十百零〇".unicodeScalars)
    static let sectionNumerals = Set("一二三四五六七八九十".unicodeScalars)

    static let chapterPattern = NumberingPattern(
        pattern: #"^([一二三四五六七八九十百零〇]+)、\s*(.*)$"#, opening: nil, digit: { chapterNumerals.contains($0) },
        maxDigits: nil, closing: { $0 == "、" }, closingIsGroup: false, notAfterClosing: nil)
    static let sectionPattern = NumberingPattern(
        pattern: #"^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$"#, opening: { $0 == "(" || $0 == "（" },
        digit: { sectionNumerals.contains($0) }, maxDigits: nil, closing: { $0 == ")" || $0 == "）" }, closingIsGroup: false,
        notAfterClosing: nil)
    /// `第一章 总体要求` (五年规划纲要) is a chapter, `第一节 …` a section.
    static let numberedChapterPattern = NumberingPattern(
        pattern: #"^第([一二三四五六七八九十百零〇]+)章\s*(.*)$"#, opening: { $0 == "第" }, digit: { chapterNumerals.contains($0) },
        maxDigits: nil, closing: { $0 == "章" }, closingIsGroup: false, notAfterClosing: nil)
    static let numberedSectionPattern = NumberingPattern(
        pattern: #"^第([一二三四五六七八九十百零〇]+)节\s*(.*)$"#, opening: { $0 == "第" }, digit: { chapterNumerals.contains($0) },
        maxDigits: nil, closing: { $0 == "节" }, closingIsGroup: false, notAfterClosing: nil)
    // ICU's \d is any decimal digit (Nd), fullwidth ones included.
    static let taskPattern = NumberingPattern(
        pattern: #"^(\d{1,3})([.．、])(?![\d０-９])\s*(.*)$"#, opening: nil,
        digit: { $0.properties.generalCategory == .decimalNumber }, maxDigits: 3,
        closing: { $0 == "." || $0 == "．" || $0 == "、" }, closingIsGroup: true,
        notAfterClosing: { $0.properties.generalCategory == .decimalNumber || ("０"..."９").contains($0) })

    /// A task number followed by digits (`6.15分钟出海服务圈` is task 6): read so only where the
    /// number is the one expected next.
    static let taskPatternBeforeDigits = NumberingPattern(
        pattern: #"^(\d{1,3})([.．、])\s*(.*)$"#, opening: nil,
        digit: { $0.properties.generalCategory == .decimalNumber }, maxDigits: 3,
        closing: { $0 == "." || $0 == "．" || $0 == "、" }, closingIsGroup: true, notAfterClosing: nil)

    /// A level-1 heading that starts a part: `第一部分 …`, `第二篇 …`, `附件1 …`; its number.
    static func partNumber(_ text: String) -> Int? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        if scalars.first == "第" {
            i = 1
            while i < scalars.count, chapterNumerals.contains(scalars[i]) { i += 1 }
            let rest = String(String.UnicodeScalarView(scalars[i...]))
            guard i > 1, rest.hasPrefix("部分") || rest.hasPrefix("篇") || rest.hasPrefix("编") else { return nil }
            return ChineseNumeral.value(String(String.UnicodeScalarView(scalars[1..<i])))
        }
        guard text.hasPrefix("附件") else { return nil }
        i = 2
        while i < scalars.count, WhiteSpace.contains(scalars[i]) { i += 1 }
        let start = i
        while i < scalars.count, scalars[i].properties.numericType == .decimal || chapterNumerals.contains(scalars[i]) { i += 1 }
        guard i > start else { return nil }
        let number = String(String.UnicodeScalarView(scalars[start..<i]))
        return Int(number) ?? ChineseNumeral.value(number)
    }

    func read(_ markdownBlocks: [MarkdownBlock]) -> Result {
        var walk = StructureWalk(reader: self)
        for block in markdownBlocks { walk.take(block) }
        walk.closeChapter()
        return walk.result
    }

    /// Marks the closing annotation of a section as applying to all its tasks, when it is a
    /// paragraph of its own after the section's last task and no other task has its own.
    func applySectionAnnotations(_ result: inout Result, from start: Int, extra: [DepartmentAnnotation],
                                         closingStandalone: Set<String>) {
        guard start < result.units.count else { return }
        let range = start..<result.units.count
        var sectionWide = extra
        let last = result.units[range.upperBound - 1]
        let othersAnnotated = range.dropLast().contains { !result.units[$0].annotations.isEmpty }
        if !othersAnnotated, let closing = last.annotations.last, closingStandalone.contains(last.id) {
            result.units[range.upperBound - 1].annotations.removeLast()
            var a = closing
            a.scope = .section
            sectionWide.append(a)
        }
        guard !sectionWide.isEmpty else { return }
        for i in range {
            result.units[i].annotations += sectionWide
        }
    }

    func makeUnit(_ unit: OpenUnit) -> WorkUnit {
        return WorkUnit(id: unit.id, kind: unit.kind, number: unit.number, label: unit.label, title: unit.title,
                        text: unit.texts.joined(separator: "\n"), chapterID: unit.chapterID, sectionID: unit.sectionID,
                        annotations: unit.annotations, indicatorReferences: unit.references, location: unit.location)
    }

    func readAnnotations(in block: MarkdownBlock) -> ([DepartmentAnnotation], [Diagnostic]) {
        var annotations: [DepartmentAnnotation] = []
        var problems: [Diagnostic] = []
        let (allFound, unreadable) = AnnotationParser.scan(block.text)
        guard !allFound.isEmpty || !unreadable.isEmpty else { return ([], []) }
        let starts = lineStarts(block.text)
        for group in unreadable {
            problems.append(.warning("annotation-unreadable", at: position(of: group.offset, in: block, lineStarts: starts),
                                     "\(group.raw) looks like a department annotation but cannot be read; it assigns no department",
                                     hint: "write it as (牵头单位:A、B;责任单位:C), (A、B牵头，C配合) or (A、B按职责分工负责); if it is no annotation, ignore this warning"))
        }
        for found in allFound {
            let annotationLocation = position(of: found.offset, in: block, lineStarts: starts)
            let lists = found.lists.map { list in
                list.map { DepartmentMention(name: $0.name, role: $0.role, location: position(of: $0.offset, in: block, lineStarts: starts)) }
            }
            if lists.allSatisfy(\.isEmpty) {
                // An annotation key followed by nothing readable, e.g. "(责任单位:)".
                problems.append(.error("annotation-empty", at: annotationLocation,
                                       "the annotation \(found.raw) names no department",
                                       hint: "write the departments after the colon, separated by 、"))
                continue
            }
            annotations.append(DepartmentAnnotation(raw: found.raw, lists: lists, scope: .unit, location: annotationLocation))
        }
        return (annotations, problems)
    }

    /// Offsets (in Unicode scalars, as the annotation parser counts) at which the lines of a
    /// block's text start.
    private func lineStarts(_ text: String) -> [Int] {
        var starts = [0]
        for (i, scalar) in text.unicodeScalars.enumerated() where scalar == "\n" { starts.append(i + 1) }
        return starts
    }

    /// Line and column (in characters) of a character offset in a block's text, found by a
    /// binary search in the block's `lineStarts`. (Counting the line breaks in the text before
    /// each offset was quadratic: a list of 20,000 annotated items ran for minutes; found with
    /// the fuzz target.)
    private func position(of offset: Int, in block: MarkdownBlock, lineStarts: [Int]) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(path: path, line: block.startLine + low + lineOffset, column: offset - lineStarts[low] + 1)
    }

    /// The text is the annotation alone, give or take spaces and a full stop around it. (On
    /// Unicode scalars: Foundation's `trimmingCharacters` converted every task text to UTF-16.)
    func isOnlyAnnotation(_ text: String, _ raw: String) -> Bool {
        let scalars = text.unicodeScalars
        func trimmed(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{3000}" || s == "。" || s == "." }
        guard let first = scalars.firstIndex(where: { !trimmed($0) }),
              let last = scalars.lastIndex(where: { !trimmed($0) }) else { return raw.isEmpty }
        return String(scalars[first...last]) == raw
    }

    func headingHTML(_ block: MarkdownBlock, id: String) -> String {
        guard case .heading(let level) = block.kind,
              let open = block.html.range(of: "<h\(level)>") else { return block.html }
        var html = block.html
        html.replaceSubrange(open, with: "<h\(level) id=\"\(id)\">")
        return html
    }

    func unique(_ id: String, _ used: inout Set<String>, _ line: Int) -> String {
        var candidate = id
        var n = 2
        while used.contains(candidate) {
            candidate = "\(id)-\(n)"
            n += 1
        }
        used.insert(candidate)
        return candidate
    }

    /// The title of a task paragraph: the text up to the first 。 (or the first line).
    static func title(of body: String) -> String {
        let flat = body.replacingBytes(of: "\n", with: "")
        if let stop = flat.firstIndex(of: "。") {
            return withoutAnnotation(String(flat[..<stop]))
        }
        return String(withoutAnnotation(flat).prefix(60))
    }

    /// A title without the department annotation that ends it (`推进污水管网建设（牵头单位：县住建局）`
    /// is titled 推进污水管网建设): the departments are shown apart from the title.
    static func withoutAnnotation(_ title: String) -> String {
        guard let last = AnnotationParser.find(in: title).last else { return title }
        let trimmed = title.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasSuffix(last.raw), trimmed.count > last.raw.count else { return title }
        return String(trimmed.dropLast(last.raw.count)).trimmingCharacters(in: .whitespaces)
    }
}

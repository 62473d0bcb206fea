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

    private struct OpenUnit {
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
        var result = Result()
        var chapter: Chapter?
        var chapterHasContent = false  // sections or tasks
        var section: Section?
        var sectionHasTasks = false
        var open: OpenUnit?
        var provisional: OpenUnit?       // a section or chapter that may turn out to be a unit
        var provisionalBlockIndexes: [Int] = []
        var lastTaskNumber = 0
        var lastInScope: Int?
        var usedIDs: Set<String> = []
        var partPrefix = ""                // "p2-" inside part 2, "" in a plan without parts
        var chaptersInPart = 0
        var lastChapterNumber = 0
        var lastSectionNumber = 0          // through the plan
        var sectionsContinue: Bool?        // decided at the first chapter after one with sections

        func loc(_ line: Int, _ column: Int = 1) -> SourceLocation {
            SourceLocation(path: path, line: line + lineOffset, column: column)
        }
        func error(_ code: String, _ line: Int, _ message: String, hint: String? = nil) {
            result.diagnostics.append(.error(code, at: loc(line), message, hint: hint))
        }
        /// A gap or repeat in the numbering of the unit `id`: an error, unless the front matter
        /// acknowledges it (`numbering_as_written`).
        func numberingError(_ id: String, _ line: Int, _ message: String, hint: String) {
            result.numberingDefects.append((id, result.diagnostics.count))
            error("numbering", line, message + " (\(id))",
                  hint: hint + "; if the source itself is numbered so, publish it as written: add \(id) to numbering_as_written in the front matter and say so in notes")
        }
        var closingStandalone: Set<String> = []
        func closeUnit() {
            if let unit = open {
                if let last = unit.standaloneAnnotations.last, last == unit.annotations.count - 1 {
                    closingStandalone.insert(unit.id)
                }
                result.units.append(makeUnit(unit))
                open = nil
            }
        }
        func closeProvisional() {
            if let unit = provisional {
                result.units.append(makeUnit(unit))
            }
            provisional = nil
            provisionalBlockIndexes = []
        }
        /// A section or chapter turned out to hold tasks: its opening text is plain text.
        func dropProvisional() {
            guard let unit = provisional else { return }
            for i in provisionalBlockIndexes {
                let block = result.blocks[i]
                result.blocks[i] = PlanBlock(role: .text, html: block.html, line: block.line)
            }
            // Annotations written in a section's opening text apply to the whole section.
            if unit.sectionID != nil {
                pendingSectionAnnotations += unit.annotations.map {
                    var a = $0
                    a.scope = .section
                    return a
                }
            } else {
                for a in unit.annotations {
                    result.diagnostics.append(.warning("annotation-unplaced", at: a.location,
                        "this annotation stands in a chapter's introduction and applies to no task",
                        hint: "put it after the task or at the end of the section it belongs to"))
                }
            }
            provisional = nil
            provisionalBlockIndexes = []
        }
        var pendingSectionAnnotations: [DepartmentAnnotation] = []
        var sectionUnitStart = 0   // index in result.units of the section's first task
        func closeSection() {
            closeUnit()
            if sectionHasTasks {
                applySectionAnnotations(&result, from: sectionUnitStart, extra: pendingSectionAnnotations,
                                        closingStandalone: closingStandalone)
            }
            closeProvisional()
            pendingSectionAnnotations = []
            section = nil
            sectionHasTasks = false
            lastInScope = nil
            sectionUnitStart = result.units.count
        }
        func closeChapter() {
            closeSection()
            if let c = chapter { result.chapters.append(c) }
            chapter = nil
            chapterHasContent = false
        }

        for block in markdownBlocks {
            let text = block.text
            switch block.kind {
            case .heading(let level) where level == 1:
                if let number = Self.partNumber(text) {
                    closeChapter()
                    partPrefix = "p\(number)-"
                    chaptersInPart = 0
                    result.blocks.append(PlanBlock(role: .text, html: block.html, line: block.startLine + lineOffset))
                    continue
                }
            case .heading(let level) where level == 2:
                if let m = Self.chapterPattern.match(text) ?? Self.numberedChapterPattern.match(text),
                   let number = ChineseNumeral.value(m[1]) {
                    closeChapter()
                    // The first chapter of a part restarts at 一 or continues the plan's run.
                    let allowed = chaptersInPart > 0 ? [lastChapterNumber + 1] : partPrefix.isEmpty ? [1] : [1, lastChapterNumber + 1]
                    let id = unique("\(partPrefix)c\(number)", &usedIDs, block.startLine)
                    if !allowed.contains(number) {
                        numberingError(id, block.startLine, "chapter \(m[1]) follows chapter \(ChineseNumeral.text(lastChapterNumber)): a gap or repeat in the chapter numbering",
                                       hint: "chapters are numbered 一、 二、 三、 … in order (restarting or continuing in each part); fix the number or the heading level")
                    }
                    chaptersInPart += 1
                    lastChapterNumber = number
                    chapter = Chapter(id: id, number: number, heading: text.replacingBytes(of: "\n", with: ""), location: loc(block.startLine))
                    result.blocks.append(PlanBlock(role: .chapterHeading(id), html: headingHTML(block, id: id), line: block.startLine + lineOffset))
                    provisional = OpenUnit(id: id, kind: .section, number: number, label: m[1] + "、", title: m[2], texts: [],
                                           chapterID: id, sectionID: nil, annotations: [], references: [], location: loc(block.startLine))
                    lastInScope = nil
                    sectionUnitStart = result.units.count
                    continue
                }
                // An unnumbered level-2 heading (附件, 表) ends the structured part.
                closeChapter()
                result.blocks.append(PlanBlock(role: .text, html: block.html, line: block.startLine + lineOffset))
                continue
            case .heading(let level) where level == 3:
                if let c = chapter, let m = Self.sectionPattern.match(text) ?? Self.numberedSectionPattern.match(text),
                   let number = ChineseNumeral.value(m[1]) {
                    if !chapterHasContent { dropProvisional() }
                    closeSection()
                    chapterHasContent = true
                    let allowed: [Int]
                    if let last = chapter?.sections.last?.number {
                        allowed = [last + 1]
                    } else if lastSectionNumber == 0 {
                        allowed = [1]
                    } else {
                        // The first section of a later chapter: restart at (一) or continue the
                        // plan's run; the first such chapter decides for the plan.
                        if sectionsContinue == nil, number == 1 || number == lastSectionNumber + 1 { sectionsContinue = number != 1 }
                        allowed = sectionsContinue == true ? [lastSectionNumber + 1] : [1]
                    }
                    let id = unique("\(c.id)-s\(number)", &usedIDs, block.startLine)
                    if !allowed.contains(number) {
                        numberingError(id, block.startLine, "section (\(m[1])) follows section (\(ChineseNumeral.text(lastSectionNumber))) in \(c.heading): a gap or repeat in the section numbering",
                                       hint: "sections are numbered (一) (二) (三) … restarting in each chapter or continuing through the plan, the same way in the whole plan")
                    }
                    lastSectionNumber = number
                    let s = Section(id: id, number: number, heading: text.replacingBytes(of: "\n", with: ""), location: loc(block.startLine))
                    section = s
                    chapter?.sections.append(s)
                    result.blocks.append(PlanBlock(role: .sectionHeading(id), html: headingHTML(block, id: id), line: block.startLine + lineOffset))
                    provisional = OpenUnit(id: id, kind: .section, number: number, label: "(\(m[1]))", title: m[2], texts: [],
                                           chapterID: c.id, sectionID: id, annotations: [], references: [], location: loc(block.startLine))
                    sectionUnitStart = result.units.count
                    continue
                }
            case .thematicBreak:
                // A thematic break (***) ends the structured part, like an unnumbered heading.
                closeChapter()
                result.blocks.append(PlanBlock(role: .text, html: block.html, line: block.startLine + lineOffset))
                continue
            default:
                break
            }

            // A numbered task: a paragraph "1.…" or a level-4 heading "#### 1. …".
            var taskMatch: [String]?
            let allowed: [Int] = lastInScope.map { [$0 + 1] } ?? [1, lastTaskNumber + 1]
            var isTaskBlock = false
            if case .paragraph = block.kind { isTaskBlock = true }
            if case .heading(let level) = block.kind, level == 4 { isTaskBlock = true }
            if chapter != nil, isTaskBlock {
                taskMatch = Self.taskPattern.match(text)
                // Only a number that continues a run (2 after 1, 7 after 6): 1.5万吨 opens no task.
                let previous = lastInScope ?? lastTaskNumber
                if taskMatch == nil, let m = Self.taskPatternBeforeDigits.match(text), let n = Int(m[1]), n >= 2, n == previous + 1 {
                    taskMatch = m
                }
            }
            if let m = taskMatch, let number = Int(m[1]), let c = chapter {
                closeUnit()
                dropProvisional()
                chapterHasContent = true
                sectionHasTasks = true
                let base = section.map { "\($0.id)-t\(number)" } ?? "\(c.id)-t\(number)"
                let id = unique(base, &usedIDs, block.startLine)
                if !allowed.contains(number) {
                    let previous = lastInScope ?? lastTaskNumber
                    numberingError(id, block.startLine, "task \(number) follows task \(previous): a gap or repeat in the task numbering",
                                   hint: "tasks are numbered 1, 2, 3 … continuously through the plan or restarting in each section; check the numbers around here")
                }
                lastInScope = number
                lastTaskNumber = number
                let body = m[3]
                let title: String
                if case .heading = block.kind {
                    title = body.replacingBytes(of: "\n", with: "")
                } else {
                    title = Self.title(of: body)
                }
                open = OpenUnit(id: id, kind: .task, number: number, label: m[1] + m[2], title: title, texts: [],
                                chapterID: c.id, sectionID: section?.id, annotations: [], references: [], location: loc(block.startLine))
                result.blocks.append(PlanBlock(role: .unitStart(id), html: block.html, line: block.startLine + lineOffset))
            } else if open != nil {
                result.blocks.append(PlanBlock(role: .unitBody(open!.id), html: block.html, line: block.startLine + lineOffset))
            } else if let p = provisional {
                provisionalBlockIndexes.append(result.blocks.count)
                result.blocks.append(PlanBlock(role: .unitBody(p.id), html: block.html, line: block.startLine + lineOffset))
            } else {
                result.blocks.append(PlanBlock(role: .text, html: block.html, line: block.startLine + lineOffset))
            }

            // Text, annotations and references go to the unit the block belongs to.
            guard open != nil || provisional != nil else { continue }
            let flatText = text.replacingBytes(of: "\n", with: "")
            let (annotations, annotationProblems) = readAnnotations(in: block)
            result.diagnostics += annotationProblems
            let references = block.links.filter { $0.url.hasPrefix("indicator:") }.map {
                IndicatorReference(target: String($0.url.dropFirst("indicator:".count)), location: loc($0.line))
            }
            let standalone = annotations.count == 1 && isOnlyAnnotation(flatText, annotations[0].raw)
            if open != nil {
                open!.texts.append(flatText)
                if standalone { open!.standaloneAnnotations.append(open!.annotations.count) }
                open!.annotations += annotations
                open!.references += references
            } else {
                provisional!.texts.append(flatText)
                provisional!.annotations += annotations
                provisional!.references += references
            }
        }
        closeChapter()
        return result
    }

    /// Marks the closing annotation of a section as applying to all its tasks, when it is a
    /// paragraph of its own after the section's last task and no other task has its own.
    private func applySectionAnnotations(_ result: inout Result, from start: Int, extra: [DepartmentAnnotation],
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

    private func makeUnit(_ unit: OpenUnit) -> WorkUnit {
        return WorkUnit(id: unit.id, kind: unit.kind, number: unit.number, label: unit.label, title: unit.title,
                        text: unit.texts.joined(separator: "\n"), chapterID: unit.chapterID, sectionID: unit.sectionID,
                        annotations: unit.annotations, indicatorReferences: unit.references, location: unit.location)
    }

    private func readAnnotations(in block: MarkdownBlock) -> ([DepartmentAnnotation], [Diagnostic]) {
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
    private func isOnlyAnnotation(_ text: String, _ raw: String) -> Bool {
        let scalars = text.unicodeScalars
        func trimmed(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\u{3000}" || s == "。" || s == "." }
        guard let first = scalars.firstIndex(where: { !trimmed($0) }),
              let last = scalars.lastIndex(where: { !trimmed($0) }) else { return raw.isEmpty }
        return String(scalars[first...last]) == raw
    }

    private func headingHTML(_ block: MarkdownBlock, id: String) -> String {
        guard case .heading(let level) = block.kind,
              let open = block.html.range(of: "<h\(level)>") else { return block.html }
        var html = block.html
        html.replaceSubrange(open, with: "<h\(level) id=\"\(id)\">")
        return html
    }

    private func unique(_ id: String, _ used: inout Set<String>, _ line: Int) -> String {
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
            return String(flat[..<stop])
        }
        return String(flat.prefix(60))
    }
}

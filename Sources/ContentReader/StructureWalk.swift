import MarkdownTree
import PlanModel

/// One pass of `PlanStructureReader.read` over a plan's blocks, in order: what is open (the
/// part, chapter, section and unit) and what was found so far. Each block is either a heading
/// that opens a part, chapter or section, a thematic break or unnumbered heading that ends the
/// structured part, a numbered task, or text that belongs to the open unit.
struct StructureWalk {
    typealias Reader = PlanStructureReader
    let reader: Reader
    var result = Reader.Result()

    private var chapter: Chapter?
    private var chapterHasContent = false      // sections or tasks
    private var section: Section?
    private var sectionHasTasks = false
    /// The open chapter is a 第X章 of a 纲要: a level-3 heading 一、 in it is a section.
    private var chapterIsNumberedForm = false
    /// The open section is a 第X节 of a 纲要: its items 一、 二、 are tasks.
    private var sectionIsNumberedForm = false
    private var open: Reader.OpenUnit?
    /// A section or chapter that may turn out to be a unit (it has no tasks), and its blocks.
    private var provisional: Reader.OpenUnit?
    private var provisionalBlockIndexes: [Int] = []
    private var lastTaskNumber = 0
    private var lastInScope: Int?
    private var usedIDs: Set<String> = []
    private var partPrefix = ""                // "p2-" inside part 2, "" in a plan without parts
    private var chaptersInPart = 0
    private var lastChapterNumber = 0
    private var lastSectionNumber = 0          // through the plan
    private var sectionsContinue: Bool?        // decided at the first chapter after one with sections
    private var closingStandalone: Set<String> = []
    private var pendingSectionAnnotations: [DepartmentAnnotation] = []
    private var sectionUnitStart = 0           // index in result.units of the section's first task

    init(reader: Reader) { self.reader = reader }

    // MARK: - Blocks

    mutating func take(_ block: MarkdownBlock) {
        if opensOrEndsStructure(block) { return }
        if let head = taskHead(block), let c = chapter {
            startTask(block, head, chapter: c)
        } else if let unit = open {
            append(block, role: .unitBody(unit.id))
        } else if let p = provisional {
            provisionalBlockIndexes.append(result.blocks.count)
            append(block, role: .unitBody(p.id))
        } else {
            append(block, role: .text)
        }
        if open != nil || provisional != nil { attach(block) }
    }

    /// Headings of parts, chapters and sections, and what ends the structured part; false for
    /// any other block (a level-1 or level-3 heading that is neither a part nor a section
    /// included).
    private mutating func opensOrEndsStructure(_ block: MarkdownBlock) -> Bool {
        let text = block.text
        switch block.kind {
        case .heading(let level) where level == 1:
            guard let number = Reader.partNumber(text) else { return false }
            closeChapter()
            partPrefix = "p\(number)-"
            chaptersInPart = 0
            append(block, role: .text)
            return true
        case .heading(let level) where level == 2:
            let plain = Reader.chapterPattern.match(text)
            if let m = plain ?? Reader.numberedChapterPattern.match(text), let number = ChineseNumeral.value(m[1]) {
                startChapter(block, m, number: number)
                chapterIsNumberedForm = plain == nil
            } else {
                // An unnumbered level-2 heading (附件, 表) ends the structured part.
                closeChapter()
                append(block, role: .text)
            }
            return true
        case .heading(let level) where level == 3:
            // (一), 第一节, or in a 纲要's 第X章 an item 一、.
            let sectionHead = Reader.sectionPattern.match(text) ?? Reader.numberedSectionPattern.match(text)
            let item = chapterIsNumberedForm ? Reader.chapterPattern.match(text) : nil
            guard let c = chapter, let m = sectionHead ?? item, let number = ChineseNumeral.value(m[1]) else { return false }
            startSection(block, m, number: number, chapter: c, label: sectionHead == nil ? m[1] + "、" : "(\(m[1]))")
            sectionIsNumberedForm = Reader.numberedSectionPattern.match(text) != nil
            return true
        case .thematicBreak:
            // A thematic break (***) ends the structured part, like an unnumbered heading.
            closeChapter()
            append(block, role: .text)
            return true
        default:
            return false
        }
    }

    private mutating func startChapter(_ block: MarkdownBlock, _ m: [String], number: Int) {
        closeChapter()
        sectionIsNumberedForm = false
        // The first chapter of a part restarts at 一 or continues the plan's run.
        let allowed = chaptersInPart > 0 ? [lastChapterNumber + 1] : partPrefix.isEmpty ? [1] : [1, lastChapterNumber + 1]
        let id = reader.unique("\(partPrefix)c\(number)", &usedIDs, block.startLine)
        if !allowed.contains(number) {
            numberingError(id, block.startLine, "chapter \(m[1]) follows chapter \(ChineseNumeral.text(lastChapterNumber)): a gap or repeat in the chapter numbering",
                           hint: "chapters are numbered 一、 二、 三、 … in order (restarting or continuing in each part); fix the number or the heading level")
        }
        chaptersInPart += 1
        lastChapterNumber = number
        chapter = Chapter(id: id, number: number, heading: block.text.replacingBytes(of: "\n", with: ""), location: loc(block.startLine))
        append(block, role: .chapterHeading(id), html: reader.headingHTML(block, id: id))
        provisional = Reader.OpenUnit(id: id, kind: .section, number: number, label: m[1] + "、", title: m[2], texts: [],
                                      chapterID: id, sectionID: nil, annotations: [], references: [], location: loc(block.startLine))
        lastInScope = nil
        sectionUnitStart = result.units.count
    }

    private mutating func startSection(_ block: MarkdownBlock, _ m: [String], number: Int, chapter c: Chapter, label: String) {
        if !chapterHasContent { dropProvisional() }
        closeSection()
        chapterHasContent = true
        let allowed: [Int]
        if let last = chapter?.sections.last?.number {
            allowed = [last + 1]
        } else if lastSectionNumber == 0 {
            allowed = [1]
        } else {
            // The first section of a later chapter: restart at (一) or continue the plan's
            // run; the first such chapter decides for the plan.
            if sectionsContinue == nil, number == 1 || number == lastSectionNumber + 1 { sectionsContinue = number != 1 }
            allowed = sectionsContinue == true ? [lastSectionNumber + 1] : [1]
        }
        let id = reader.unique("\(c.id)-s\(number)", &usedIDs, block.startLine)
        if !allowed.contains(number) {
            numberingError(id, block.startLine, "section (\(m[1])) follows section (\(ChineseNumeral.text(lastSectionNumber))) in \(c.heading): a gap or repeat in the section numbering",
                           hint: "sections are numbered (一) (二) (三) … restarting in each chapter or continuing through the plan, the same way in the whole plan")
        }
        lastSectionNumber = number
        let s = Section(id: id, number: number, heading: block.text.replacingBytes(of: "\n", with: ""), location: loc(block.startLine))
        section = s
        chapter?.sections.append(s)
        append(block, role: .sectionHeading(id), html: reader.headingHTML(block, id: id))
        provisional = Reader.OpenUnit(id: id, kind: .section, number: number, label: label, title: m[2], texts: [],
                                      chapterID: c.id, sectionID: id, annotations: [], references: [], location: loc(block.startLine))
        sectionUnitStart = result.units.count
    }

    /// A task's number, its label as written and the text after it.
    struct TaskHead {
        let number: Int
        let label: String
        let rest: String
    }

    /// A numbered task: a paragraph "1.…" or a level-4 heading "#### 1. …", inside a chapter;
    /// in a 第X节 section, also "一、…" (the items of a 纲要's 节).
    private func taskHead(_ block: MarkdownBlock) -> TaskHead? {
        var isTaskBlock = false
        if case .paragraph = block.kind { isTaskBlock = true }
        if case .heading(let level) = block.kind, level == 4 { isTaskBlock = true }
        guard chapter != nil, isTaskBlock else { return nil }
        func head(_ m: [String]) -> TaskHead? { Int(m[1]).map { TaskHead(number: $0, label: m[1] + m[2], rest: m[3]) } }
        if let m = Reader.taskPattern.match(block.text) { return head(m) }
        if sectionIsNumberedForm, let m = Reader.chapterPattern.match(block.text), let n = ChineseNumeral.value(m[1]) {
            return TaskHead(number: n, label: m[1] + "、", rest: m[2])
        }
        // Only a number that continues a run (2 after 1, 7 after 6): 1.5万吨 opens no task.
        let previous = lastInScope ?? lastTaskNumber
        if let m = Reader.taskPatternBeforeDigits.match(block.text), let n = Int(m[1]), n >= 2, n == previous + 1 { return head(m) }
        return nil
    }

    private mutating func startTask(_ block: MarkdownBlock, _ head: TaskHead, chapter c: Chapter) {
        let number = head.number
        let allowed: [Int] = lastInScope.map { [$0 + 1] } ?? [1, lastTaskNumber + 1]
        closeUnit()
        dropProvisional()
        chapterHasContent = true
        sectionHasTasks = true
        let base = section.map { "\($0.id)-t\(number)" } ?? "\(c.id)-t\(number)"
        let id = reader.unique(base, &usedIDs, block.startLine)
        if !allowed.contains(number) {
            let previous = lastInScope ?? lastTaskNumber
            numberingError(id, block.startLine, "task \(number) follows task \(previous): a gap or repeat in the task numbering",
                           hint: "tasks are numbered 1, 2, 3 … continuously through the plan or restarting in each section; check the numbers around here")
        }
        lastInScope = number
        lastTaskNumber = number
        let title: String
        if case .heading = block.kind {
            title = Reader.withoutAnnotation(head.rest.replacingBytes(of: "\n", with: ""))
        } else {
            title = Reader.title(of: head.rest)
        }
        open = Reader.OpenUnit(id: id, kind: .task, number: number, label: head.label, title: title, texts: [],
                               chapterID: c.id, sectionID: section?.id, annotations: [], references: [], location: loc(block.startLine))
        append(block, role: .unitStart(id))
    }

    /// Text, annotations and references go to the unit the block belongs to.
    private mutating func attach(_ block: MarkdownBlock) {
        let flatText = block.text.replacingBytes(of: "\n", with: "")
        let (annotations, annotationProblems) = reader.readAnnotations(in: block)
        result.diagnostics += annotationProblems
        let references = block.links.filter { $0.url.hasPrefix("indicator:") }.map {
            IndicatorReference(target: String($0.url.dropFirst("indicator:".count)), location: loc($0.line))
        }
        let standalone = annotations.count == 1 && reader.isOnlyAnnotation(flatText, annotations[0].raw)
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

    private mutating func append(_ block: MarkdownBlock, role: PlanBlock.Role, html: String? = nil) {
        result.blocks.append(PlanBlock(role: role, html: html ?? block.html, line: block.startLine + reader.lineOffset))
    }

    // MARK: - Diagnostics

    private func loc(_ line: Int, _ column: Int = 1) -> SourceLocation {
        SourceLocation(path: reader.path, line: line + reader.lineOffset, column: column)
    }

    /// A gap or repeat in the numbering of the unit `id`: an error, unless the front matter
    /// acknowledges it (`numbering_as_written`).
    private mutating func numberingError(_ id: String, _ line: Int, _ message: String, hint: String) {
        result.numberingDefects.append((id, result.diagnostics.count))
        result.diagnostics.append(.error("numbering", at: loc(line), message + " (\(id))",
            hint: hint + "; if the source itself is numbered so, publish it as written: add \(id) to numbering_as_written in the front matter and say so in notes"))
    }

    // MARK: - Closing what is open

    private mutating func closeUnit() {
        guard let unit = open else { return }
        if let last = unit.standaloneAnnotations.last, last == unit.annotations.count - 1 {
            closingStandalone.insert(unit.id)
        }
        result.units.append(reader.makeUnit(unit))
        open = nil
    }

    private mutating func closeProvisional() {
        if let unit = provisional { result.units.append(reader.makeUnit(unit)) }
        provisional = nil
        provisionalBlockIndexes = []
    }

    /// A section or chapter turned out to hold tasks: its opening text is plain text.
    private mutating func dropProvisional() {
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

    private mutating func closeSection() {
        closeUnit()
        if sectionHasTasks {
            reader.applySectionAnnotations(&result, from: sectionUnitStart, extra: pendingSectionAnnotations,
                                           closingStandalone: closingStandalone)
        }
        closeProvisional()
        pendingSectionAnnotations = []
        section = nil
        sectionHasTasks = false
        lastInScope = nil
        sectionUnitStart = result.units.count
    }

    mutating func closeChapter() {
        closeSection()
        if let c = chapter { result.chapters.append(c) }
        chapter = nil
        chapterHasContent = false
    }
}

import ContentReader
import Foundation

/// One pass of `StructureBuilder.build` over the cleaned lines, in order: the zone (before
/// the first chapter, the structured part, after it), the numbering so far, the 专栏 box, the
/// note list or the 附件 list being collected, and the blocks and review notes made so far.
/// Each line is tried as a list item, a part, an annex, a trailing line, a chapter, a section,
/// a 专栏, a task, then kept as a paragraph.
struct DraftWalk {
    typealias Builder = StructureBuilder
    let builder: Builder
    var report: ReviewReport
    var out = Builder.Output()

    private var zone = DraftBlock.Zone.front
    private var broke = false
    private var lastChapter = 0
    private var lastSection = 0
    private var lastSectionChapter = 0
    /// The open chapter is a 第X章 of a 纲要: its items 一、 二、 are sections.
    private var inNumberedChapter = false
    /// The open section is a 第X节 of a 纲要: its items 一、 二、 are tasks.
    private var inNumberedSection = false
    private var partStart = false      // no chapter yet in the current part: 一 may restart the run
    private var lastTask = 0
    private var lastTaskInScope: Int?
    private var box: (lines: [DraftBlock.QuoteLine], lastItem: Int)?
    private var notes: [DraftBlock.QuoteLine]?
    private var attachments: [DraftBlock.QuoteLine]?
    private var restarts = 0
    private var continuations = 0
    private let tableAt: [Int: FlattenedTable]
    private let tailStart: Int

    init(builder: Builder, report: ReviewReport) {
        self.builder = builder
        self.report = report
        tableAt = Dictionary(builder.tables.map { ($0.range.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        tailStart = builder.tailStart()
    }

    mutating func run() {
        let body = builder.body, meta = builder.meta
        var i = 0
        while i < body.count {
            if let table = tableAt[i] {
                flushBox()
                flushAttachments()
                out.blocks.append(.table(table))
                i = table.range.upperBound + 1
                continue
            }
            let line = body[i]
            if meta.noticeTitleIndexes.first == i, let notice = meta.noticeTitle {
                out.blocks.append(.heading(level: 2, text: notice, line: line.number))
                i += meta.noticeTitleIndexes.count
                continue
            }
            if meta.titleIndex == i {
                out.blocks.append(.heading(level: 2, text: line.text, line: line.number))
                i += 1
                continue
            }
            take(line, at: i)
            i += 1
        }
        flushBox()
        flushAttachments()
        reportTaskNumbering()
    }

    /// A line of the body that is not a table, the notice's title or the plan's title.
    private mutating func take(_ line: SourceLine, at index: Int) {
        if takenIntoList(line) || takenAsPartOrEnd(line, at: index) { return }
        if zone == .trailing {
            out.blocks.append(.paragraph(text: line.text, line: line.number, zone: .trailing))
            return
        }
        if takenAsChapter(line, at: index) || takenAsSection(line) { return }
        if zone == .main, TextPatterns.box(line.text) {
            flushBox()
            box = ([.init(text: line.text, line: line.number, bold: true)], 0)
            out.boxes += 1
            return
        }
        if takenAsTask(line) || takenIntoBox(line) { return }
        takeParagraph(line, at: index)
    }

    /// The 附件 list (附件:1.… 2.… 3.…, a block quote after a thematic break) and the lists of
    /// table notes and glossaries (a block quote, not tasks).
    private mutating func takenIntoList(_ line: SourceLine) -> Bool {
        let t = line.text
        if attachments != nil {
            if TextPatterns.matches(#"^\d+\s*[.．、]"#, t) {
                attachments!.append(.init(text: t, line: line.number))
                return true
            }
            flushAttachments()
        }
        if zone != .front, TextPatterns.matches(Builder.attachmentList, t) {
            breakStructure(line.number)
            attachments = [.init(text: t, line: line.number)]
            return true
        }
        if notes != nil {
            if TextPatterns.matches(#"^[\d０-９]|^[(（][\d０-９]"#, t) {
                notes!.append(.init(text: t, line: line.number))
                return true
            }
            flushBox()
        }
        if zone == .main, TextPatterns.isNoteList(t) {
            flushBox()
            notes = [.init(text: t, line: line.number)]
            report.add(.heading, line: line.number, "注释或名词解释的编号列表：写成引用块，不读作任务", excerpt: t)
            return true
        }
        return false
    }

    /// A level above chapters (第一部分, or 附件N followed by a plan of its own), an 附件N
    /// heading, or a 抄送/印发 line that ends the structured part.
    private mutating func takenAsPartOrEnd(_ line: SourceLine, at index: Int) -> Bool {
        let t = line.text
        if TextPatterns.part(t) != nil {
            startPart(t, line.number)
            return true
        }
        if builder.isAnnexPlan(at: index) {
            startPart(t, line.number)
            report.add(.heading, line: line.number, "附件带有自己的“一、”编号，作为本方案的一部分(# 标题)；如要作为单独的方案发布，见 docs/import.md", excerpt: t)
            return true
        }
        if zone != .front, TextPatterns.matches(Builder.annexHeading, t) {
            breakStructure(line.number)
            out.blocks.append(.heading(level: 2, text: t, line: line.number))
            return true
        }
        if zone != .front, TextPatterns.matches(Builder.trailingLine, t) {
            breakStructure(line.number)
            out.blocks.append(.paragraph(text: t, line: line.number, zone: .trailing))
            return true
        }
        return false
    }

    /// Chapter 一、. In the front part a chapter starts the structure only after the plan's
    /// title (a notice may number its own points 一、二、), and a first chapter other than 一、
    /// only when it is a heading line (text cut or out of order: reported as a gap).
    private mutating func takenAsChapter(_ line: SourceLine, at index: Int) -> Bool {
        let t = line.text
        let afterTitle = builder.meta.titleIndex.map { index > $0 } ?? true
        guard let c = TextPatterns.chapter(t) ?? TextPatterns.numbered(t, unit: "章"), let n = TextPatterns.numeralValue(c.numeral),
              zone == .main || (afterTitle && (n == 1 || TextPatterns.isTitleLike(t, maxLength: 40))) else { return false }
        // In a 第X章 chapter, 一、 is a section or, in a 第X节, a task.
        let numberedChapter = TextPatterns.numbered(t, unit: "章") != nil
        if zone == .main, inNumberedChapter, !numberedChapter { return false }
        inNumberedChapter = numberedChapter
        inNumberedSection = false
        flushBox()
        if n != lastChapter + 1, !(n == 1 && partStart) {
            report.add(.numbering, line: line.number, "章“\(c.numeral)、”接在“\(TextPatterns.numeralText(lastChapter))、”之后：章的编号有缺号或重号", excerpt: t)
        }
        lastChapter = n
        partStart = false
        lastTaskInScope = nil
        zone = .main
        let (heading, rest) = Builder.splitInlineTitle(t)
        out.blocks.append(.heading(level: 2, text: heading, line: line.number))
        if let rest {
            out.blocks.append(.paragraph(text: rest, line: line.number, zone: .main))
            report.add(.heading, line: line.number, "章标题与正文在同一行，已拆为标题“\(heading)”和正文段落", excerpt: t)
        }
        return true
    }

    /// Section (一).
    private mutating func takenAsSection(_ line: SourceLine) -> Bool {
        let t = line.text
        let item = inNumberedChapter && !inNumberedSection ? TextPatterns.chapter(t) : nil
        guard zone == .main, let s = TextPatterns.section(t) ?? TextPatterns.numbered(t, unit: "节") ?? item,
              let n = TextPatterns.numeralValue(s.numeral) else { return false }
        inNumberedSection = TextPatterns.numbered(t, unit: "节") != nil
        flushBox()
        if n != lastSection + 1, !(n == 1 && lastSection > 0 && lastSectionChapter != lastChapter) {
            report.add(.numbering, line: line.number, "节“(\(s.numeral))”接在“(\(TextPatterns.numeralText(lastSection)))”之后：节的编号有缺号或重号", excerpt: t)
        }
        lastSection = n
        lastSectionChapter = lastChapter
        lastTaskInScope = nil
        let (heading, rest) = Builder.splitInlineTitle(t)
        out.blocks.append(.heading(level: 3, text: heading, line: line.number))
        if let rest {
            out.blocks.append(.paragraph(text: rest, line: line.number, zone: .main))
            report.add(.heading, line: line.number, "节标题与正文在同一行，已拆为标题“\(heading)”和正文段落(标题后的“。”不保留)", excerpt: t)
        } else if s.rest.count > 40 {
            report.add(.heading, line: line.number, "节标题很长(\(s.rest.count)字)，请核对是否含有正文", excerpt: t)
        }
        return true
    }

    /// Task 1. (a 专栏's numbered item while a box is open, unless it is a task's title line
    /// that continues the task numbering).
    private mutating func takenAsTask(_ line: SourceLine) -> Bool {
        let t = line.text
        var digitsTask: (number: Int, label: String, rest: String)?
        if let d = TextPatterns.taskBeforeDigits(t), d.number >= 2, d.number == (lastTaskInScope ?? lastTask) + 1 { digitsTask = d }
        // In a 第X节 section, its items 一、 二、 are its tasks.
        let numeralTask = inNumberedSection ? TextPatterns.chapter(t).flatMap { c in
            TextPatterns.numeralValue(c.numeral).map { (number: $0, label: c.numeral + "、", rest: c.rest) }
        } : nil
        guard zone == .main, let task = TextPatterns.task(t) ?? numeralTask ?? digitsTask else { return false }
        if digitsTask != nil, TextPatterns.task(t) == nil {
            report.add(.numbering, line: line.number, "编号“\(task.label)”后紧跟数字，按预期的下一个编号读作任务 \(task.number)(而不是小数)", excerpt: t)
        }
        let titleLine = TextPatterns.isTitleLike(task.rest, maxLength: 40) && !task.rest.contains("，") && !task.rest.contains(",")
        let fitsTask = lastTaskInScope.map { task.number == $0 + 1 } ?? (task.number == 1 || task.number == lastTask + 1)
        if var b = box {
            if titleLine && fitsTask {
                flushBox()
            } else {
                if task.number != b.lastItem + 1 {
                    report.add(.numbering, line: line.number, "专栏条目 \(task.number) 接在 \(b.lastItem) 之后(专栏内编号不影响任务编号)", excerpt: t)
                }
                b.lines.append(.init(text: t, line: line.number))
                b.lastItem = task.number
                box = b
                return true
            }
        }
        if !fitsTask {
            let previous = lastTaskInScope ?? lastTask
            report.add(.numbering, line: line.number, "任务 \(task.number) 接在任务 \(previous) 之后：编号有缺号、重号或次序颠倒", excerpt: t)
        } else if lastTaskInScope == nil, lastTask > 0 {
            if task.number == 1 { restarts += 1 } else { continuations += 1 }
        }
        lastTaskInScope = task.number
        lastTask = task.number
        out.blocks.append(titleLine ? .heading(level: 4, text: t, line: line.number) : .paragraph(text: t, line: line.number, zone: .main))
        return true
    }

    /// A line in an open 专栏 box that starts with a digit stays in it; any other closes it.
    private mutating func takenIntoBox(_ line: SourceLine) -> Bool {
        guard var b = box else { return false }
        let t = line.text
        if TextPatterns.matches(#"^\d"#, t) {
            report.add(.numbering, line: line.number, "专栏条目的编号后没有“.”或“、”，仍作为专栏条目", excerpt: t)
            b.lines.append(.init(text: t, line: line.number))
            box = b
            return true
        }
        flushBox()
        report.add(.heading, line: line.number, "专栏在此之前结束(此行没有编号)；请核对此段是否仍属专栏", excerpt: t)
        return false
    }

    private mutating func takeParagraph(_ line: SourceLine, at index: Int) {
        let t = line.text
        if zone == .front, TextPatterns.section(t) != nil || (TextPatterns.task(t) != nil && lastChapter == 0 && TextPatterns.isTitleLike(t, maxLength: 40)) {
            report.add(.heading, line: line.number, "第一章之前的编号行，按普通段落保留(不是结构)", excerpt: t)
        }
        if index >= tailStart, t.count <= 20, !TextPatterns.endsSentence(t) {
            // Short lines after the document's last sentence: probably the site's footer.
            out.blocks.append(.pending(note: "文末的短行，可能是网页页脚(源文件第\(line.number)行)", text: t, line: line.number))
            report.add(.clutter, line: line.number, "文末的短行，不能确定是文件内容还是网页页脚：未删除，在草稿中标为【待核】", excerpt: t)
            return
        }
        out.blocks.append(.paragraph(text: t, line: line.number, zone: zone))
    }

    private mutating func reportTaskNumbering() {
        guard lastTask > 0 else { return }
        let mode: String
        switch (restarts, continuations) {
        case (0, 0): mode = "只有一段编号"
        case (_, 0): mode = "每节重新从1编号(\(restarts)处重编)"
        case (0, _): mode = "全文连续编号(\(continuations)处跨节续编)"
        default: mode = "续编与重编混用(\(continuations)处续编、\(restarts)处重编)，请核对"
        }
        report.add(.numbering, line: nil, "任务编号：\(mode)")
    }

    // MARK: - Opening and closing

    private mutating func flushBox() {
        if let b = box { out.blocks.append(.quote(b.lines)) }
        box = nil
        if let n = notes { out.blocks.append(.quote(n)) }
        notes = nil
    }

    private mutating func flushAttachments() {
        if let a = attachments { out.blocks.append(.quote(a)) }
        attachments = nil
    }

    private mutating func startPart(_ t: String, _ line: Int) {
        flushBox()
        flushAttachments()
        out.blocks.append(.heading(level: 1, text: t, line: line))
        partStart = true
        lastSection = 0
        lastTask = 0
        lastTaskInScope = nil
        zone = .main
        out.parts += 1
    }

    private mutating func breakStructure(_ line: Int) {
        flushBox()
        if !broke {
            out.blocks.append(.thematicBreak(line: line))
            broke = true
        }
        zone = .trailing
    }
}

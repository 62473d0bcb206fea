import ContentReader
import Foundation

/// A block of the draft plan.md, with the source line it comes from.
enum DraftBlock: Sendable {
    enum Zone: Sendable { case front, main, trailing }

    struct QuoteLine: Sendable {
        var text: String
        var line: Int
        var bold = false
    }

    case heading(level: Int, text: String, line: Int)
    case paragraph(text: String, line: Int, zone: Zone)
    /// A block quote: a 专栏 box (first line bold) or the 附件 list.
    case quote([QuoteLine])
    case thematicBreak(line: Int)
    case table(FlattenedTable)
    /// Text the importer could not place, written as a visible `> 【待核】…` line.
    case pending(note: String, text: String, line: Int)
}

/// Reads the document's structure from its cleaned lines: the notice, the title, chapters
/// 一、, sections (一), tasks 1. (title lines of their own become `####`), 专栏 boxes, the
/// 附件 list and the 抄送/印发 lines after a thematic break.
struct StructureBuilder {
    let body: [SourceLine]
    let meta: PlanMetadata
    let tables: [FlattenedTable]

    struct Output {
        var blocks: [DraftBlock] = []
        var boxes = 0
        /// Parts above chapters (第一部分, 附件N with its own 一、).
        var parts = 0
    }

    /// An 附件N line followed, within four lines, by a chapter 一、 of its own: a plan in the file.
    func isAnnexPlan(at index: Int) -> Bool {
        guard TextPatterns.matches(#"^附件\s*[0-9一二三四五六七八九十]+(?:\s|[:：]|$)"#, body[index].text),
              body[index].text.count <= 60 else { return false }
        for k in (index + 1)..<min(body.count, index + 5) {
            if TextPatterns.chapter(body[k].text)?.numeral == "一" { return true }
            if TextPatterns.matches(#"^附件"#, body[k].text) { return false }
        }
        return false
    }

    static let attachmentList = #"^附[件表]\s*[:：]"#
    static let annexHeading = #"^附件\s*[0-9一二三四五六七八九十]+\s*$"#
    static let trailingLine = #"^(抄送|主送|报送|抄报)\s*[:：]|印发$|^\S{1,12}[〔\[［]\d{4}[〕\]］]\d+号附件$"#

    func build(report: inout ReviewReport) -> Output {
        var out = Output()
        var zone = DraftBlock.Zone.front
        var broke = false
        var lastChapter = 0
        var lastSection = 0
        var lastSectionChapter = 0
        var partStart = false      // no chapter yet in the current part: 一 may restart the run
        var lastTask = 0
        var lastTaskInScope: Int?
        var box: (lines: [DraftBlock.QuoteLine], lastItem: Int)?
        var notes: [DraftBlock.QuoteLine]?
        var attachments: [DraftBlock.QuoteLine]?
        var restarts = 0
        var continuations = 0
        let tableAt = Dictionary(tables.map { ($0.range.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        let tailStart = self.tailStart()

        func flushBox() {
            if let b = box { out.blocks.append(.quote(b.lines)) }
            box = nil
            if let n = notes { out.blocks.append(.quote(n)) }
            notes = nil
        }
        func startPart(_ t: String, _ line: Int) {
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
        func flushAttachments() {
            if let a = attachments { out.blocks.append(.quote(a)) }
            attachments = nil
        }
        func breakStructure(_ line: Int) {
            flushBox()
            if !broke {
                out.blocks.append(.thematicBreak(line: line))
                broke = true
            }
            zone = .trailing
        }

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
            let t = line.text
            if meta.noticeTitleIndexes.first == i, let notice = meta.noticeTitle {
                out.blocks.append(.heading(level: 2, text: notice, line: line.number))
                i += meta.noticeTitleIndexes.count
                continue
            }
            if meta.titleIndex == i {
                out.blocks.append(.heading(level: 2, text: t, line: line.number))
                i += 1
                continue
            }
            i += 1

            // The 附件 list (附件:1.… 2.… 3.…) is a block quote after a thematic break.
            if attachments != nil {
                if TextPatterns.matches(#"^\d+\s*[.．、]"#, t) {
                    attachments!.append(.init(text: t, line: line.number))
                    continue
                }
                flushAttachments()
            }
            if zone != .front, TextPatterns.matches(Self.attachmentList, t) {
                breakStructure(line.number)
                attachments = [.init(text: t, line: line.number)]
                continue
            }
            // Table notes and glossaries: a list, not tasks (a block quote).
            if notes != nil {
                if TextPatterns.matches(#"^[\d０-９]|^[(（][\d０-９]"#, t) {
                    notes!.append(.init(text: t, line: line.number))
                    continue
                }
                flushBox()
            }
            if zone == .main, TextPatterns.isNoteList(t) {
                flushBox()
                notes = [.init(text: t, line: line.number)]
                report.add(.heading, line: line.number, "注释或名词解释的编号列表：写成引用块，不读作任务", excerpt: t)
                continue
            }
            // A level above chapters: 第一部分, or 附件N followed by a plan of its own (一、 …).
            if TextPatterns.part(t) != nil {
                startPart(t, line.number)
                continue
            }
            if isAnnexPlan(at: i - 1) {
                startPart(t, line.number)
                report.add(.heading, line: line.number, "附件带有自己的“一、”编号，作为本方案的一部分(# 标题)；如要作为单独的方案发布，见 docs/import.md", excerpt: t)
                continue
            }
            if zone != .front, TextPatterns.matches(Self.annexHeading, t) {
                breakStructure(line.number)
                out.blocks.append(.heading(level: 2, text: t, line: line.number))
                continue
            }
            if zone != .front, TextPatterns.matches(Self.trailingLine, t) {
                breakStructure(line.number)
                out.blocks.append(.paragraph(text: t, line: line.number, zone: .trailing))
                continue
            }
            if zone == .trailing {
                out.blocks.append(.paragraph(text: t, line: line.number, zone: .trailing))
                continue
            }

            // Chapter 一、
            // In the front part a chapter starts the structure only after the plan's title (a
            // notice may number its own points 一、二、), and a first chapter other than 一、
            // only when it is a heading line (text cut or out of order: reported as a gap).
            let afterTitle = meta.titleIndex.map { i - 1 > $0 } ?? true
            if let c = TextPatterns.chapter(t) ?? TextPatterns.numbered(t, unit: "章"), let n = TextPatterns.numeralValue(c.numeral),
               zone == .main || (afterTitle && (n == 1 || TextPatterns.isTitleLike(t, maxLength: 40))) {
                flushBox()
                if n != lastChapter + 1, !(n == 1 && partStart) {
                    report.add(.numbering, line: line.number, "章“\(c.numeral)、”接在“\(TextPatterns.numeralText(lastChapter))、”之后：章的编号有缺号或重号", excerpt: t)
                }
                lastChapter = n
                partStart = false
                lastTaskInScope = nil
                zone = .main
                let (heading, rest) = Self.splitInlineTitle(t)
                out.blocks.append(.heading(level: 2, text: heading, line: line.number))
                if let rest {
                    out.blocks.append(.paragraph(text: rest, line: line.number, zone: .main))
                    report.add(.heading, line: line.number, "章标题与正文在同一行，已拆为标题“\(heading)”和正文段落", excerpt: t)
                }
                continue
            }
            // Section (一)
            if zone == .main, let s = TextPatterns.section(t) ?? TextPatterns.numbered(t, unit: "节"), let n = TextPatterns.numeralValue(s.numeral) {
                flushBox()
                if n != lastSection + 1, !(n == 1 && lastSection > 0 && lastSectionChapter != lastChapter) {
                    report.add(.numbering, line: line.number, "节“(\(s.numeral))”接在“(\(TextPatterns.numeralText(lastSection)))”之后：节的编号有缺号或重号", excerpt: t)
                }
                lastSection = n
                lastSectionChapter = lastChapter
                lastTaskInScope = nil
                let (heading, rest) = Self.splitInlineTitle(t)
                out.blocks.append(.heading(level: 3, text: heading, line: line.number))
                if let rest {
                    out.blocks.append(.paragraph(text: rest, line: line.number, zone: .main))
                    report.add(.heading, line: line.number, "节标题与正文在同一行，已拆为标题“\(heading)”和正文段落(标题后的“。”不保留)", excerpt: t)
                } else if s.rest.count > 40 {
                    report.add(.heading, line: line.number, "节标题很长(\(s.rest.count)字)，请核对是否含有正文", excerpt: t)
                }
                continue
            }
            // 专栏 box
            if zone == .main, TextPatterns.box(t) {
                flushBox()
                box = ([.init(text: t, line: line.number, bold: true)], 0)
                out.boxes += 1
                continue
            }
            // Task 1.
            var digitsTask: (number: Int, label: String, rest: String)?
            if let d = TextPatterns.taskBeforeDigits(t), d.number >= 2, d.number == (lastTaskInScope ?? lastTask) + 1 { digitsTask = d }
            if zone == .main, let task = TextPatterns.task(t) ?? digitsTask {
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
                        continue
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
                if titleLine {
                    out.blocks.append(.heading(level: 4, text: t, line: line.number))
                } else {
                    out.blocks.append(.paragraph(text: t, line: line.number, zone: .main))
                }
                continue
            }
            if var b = box {
                if TextPatterns.matches(#"^\d"#, t) {
                    report.add(.numbering, line: line.number, "专栏条目的编号后没有“.”或“、”，仍作为专栏条目", excerpt: t)
                    b.lines.append(.init(text: t, line: line.number))
                    box = b
                    continue
                }
                flushBox()
                report.add(.heading, line: line.number, "专栏在此之前结束(此行没有编号)；请核对此段是否仍属专栏", excerpt: t)
            }
            if zone == .front, TextPatterns.section(t) != nil || (TextPatterns.task(t) != nil && lastChapter == 0 && TextPatterns.isTitleLike(t, maxLength: 40)) {
                report.add(.heading, line: line.number, "第一章之前的编号行，按普通段落保留(不是结构)", excerpt: t)
            }
            if i - 1 >= tailStart, t.count <= 20, !TextPatterns.endsSentence(t) {
                // Short lines after the document's last sentence: probably the site's footer.
                out.blocks.append(.pending(note: "文末的短行，可能是网页页脚(源文件第\(line.number)行)", text: t, line: line.number))
                report.add(.clutter, line: line.number, "文末的短行，不能确定是文件内容还是网页页脚：未删除，在草稿中标为【待核】", excerpt: t)
                continue
            }
            out.blocks.append(.paragraph(text: t, line: line.number, zone: zone))
        }
        flushBox()
        flushAttachments()
        if lastTask > 0 {
            let mode: String
            switch (restarts, continuations) {
            case (0, 0): mode = "只有一段编号"
            case (_, 0): mode = "每节重新从1编号(\(restarts)处重编)"
            case (0, _): mode = "全文连续编号(\(continuations)处跨节续编)"
            default: mode = "续编与重编混用(\(continuations)处续编、\(restarts)处重编)，请核对"
            }
            report.add(.numbering, line: nil, "任务编号：\(mode)")
        }
        return out
    }

    /// Index after the last line that is certainly the document's: a sentence, a heading, a
    /// table, a 抄送/印发 line.
    func tailStart() -> Int {
        var last = -1
        for (k, line) in body.enumerated() {
            let t = line.text
            if let table = tables.first(where: { $0.range.contains(k) }) {
                last = max(last, table.range.upperBound)
            } else if (TextPatterns.endsSentence(t) && t.count > 20) || TextPatterns.chapter(t) != nil || TextPatterns.section(t) != nil
                        || TextPatterns.task(t) != nil || TextPatterns.matches(Self.trailingLine, t) || TextPatterns.matches(Self.attachmentList, t)
                        || TextPatterns.matches(Self.annexHeading, t) || TextPatterns.box(t) {
                last = k
            }
        }
        return last + 1
    }

    /// `(一)指导思想。以…` → (`(一)指导思想`, `以…`): a short title ending at the first 。
    /// with text after it on the same line.
    static func splitInlineTitle(_ text: String) -> (String, String?) {
        guard let stop = text.firstIndex(of: "。") else { return (text, nil) }
        let title = String(text[..<stop])
        let rest = TextPatterns.trim(String(text[text.index(after: stop)...]))
        guard !rest.isEmpty, title.count <= 40 else { return (text, nil) }
        return (title, rest)
    }
}

/// Doubts about paragraphs once the structure is known: annotations that cannot be attached
/// or read, paragraphs cut in two by the web page, sentences without a full stop.
enum ParagraphReview {
    /// A bracket before a key, or a key before a colon: what an annotation starts with.
    static let annotationKey = #"[(（]\s*(?:牵头|责任|配合|参与|协同|协办|实施|协助)(?:单位|部门)|(?:牵头|责任|配合|参与|协同|协办|实施|协助)(?:单位|部门)\s*[:：]"#

    /// Returns the number of annotations read.
    static func review(_ blocks: [DraftBlock], report: inout ReviewReport) -> Int {
        var annotations = 0
        for (k, block) in blocks.enumerated() {
            if case .quote(let lines) = block {
                for q in lines where !AnnotationParser.find(in: q.text).isEmpty {
                    report.add(.annotation, line: q.line, "专栏或附件目录(引用块)中的注释不会读作责任单位", excerpt: q.text)
                }
            }
            guard case .paragraph(let text, let line, let zone) = block else { continue }
            if zone == .trailing, text.contains("。"), TextPatterns.task(text) != nil || TextPatterns.section(text) != nil || TextPatterns.chapter(text) != nil {
                report.add(.order, line: line, "版记/附件之后又出现编号正文：次序可能错乱，此段不计入结构", excerpt: text)
            }
            let (found, unreadable) = AnnotationParser.scan(text)
            annotations += zone == .trailing ? 0 : found.count
            for group in unreadable {
                report.add(.annotation, line: line, "括号中有“牵头/负责/配合/单位”等字样，但读不出是哪些部门，未作为责任单位(plansite check 会警告)；请改写为可读的注释或确认不是注释", excerpt: group.raw)
            }
            let keys = TextPatterns.allMatches(annotationKey, text).count
            let keysInFound = found.reduce(0) { $0 + TextPatterns.allMatches(annotationKey, $1.raw).count }
                + unreadable.reduce(0) { $0 + TextPatterns.allMatches(annotationKey, $1.raw).count }
            if keys > keysInFound {
                report.add(.annotation, line: line, "有“单位/部门:”字样但读不出完整的注释(括号不全或格式不同)，未作为责任单位；请核对", excerpt: text)
            }
            for a in found where a.form == .bare {
                report.add(.annotation, line: line, "段末括号 \(a.raw) 只有部门名称，读作责任单位；请核对", excerpt: a.raw)
            }
            for a in found {
                if a.lists.allSatisfy(\.isEmpty) {
                    report.add(.edit, line: line, "注释 \(a.raw) 中读不出任何部门：请补全或删去", excerpt: a.raw)
                }
                if zone == .front {
                    report.add(.annotation, line: line, "注释位于第一章之前，不属于任何任务", excerpt: a.raw)
                }
            }
            if found.count == 1, TextPatterns.trim(text).trimmingCharacters(in: CharacterSet(charactersIn: "。.")) == found[0].raw {
                report.add(.annotation, line: line, "注释单独成段：若在节末且本节各任务都没有自己的注释，则适用于全节，否则适用于前一任务；请核对", excerpt: text)
            }
            // A paragraph that stops mid-sentence.
            guard zone != .trailing, text.count > 30, !TextPatterns.endsSentence(text) else { continue }
            if k + 1 < blocks.count, case .paragraph(let next, let nextLine, _) = blocks[k + 1], !next.isEmpty,
               TextPatterns.task(next) == nil, TextPatterns.section(next) == nil, TextPatterns.chapter(next) == nil {
                report.add(.order, line: line, endLine: nextLine,
                           "段落在第\(line)行末尾没有句末标点，第\(nextLine)行像是它的后半句(网页把一段断成两段？)；草稿按原文分段保留",
                           excerpt: String(text.suffix(20)) + " / " + String(next.prefix(20)))
            } else {
                report.add(.order, line: line, "段落末尾没有句末标点(缺句号或文字被截断？)", excerpt: String(text.suffix(30)))
            }
        }
        return annotations
    }
}

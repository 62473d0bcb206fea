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
        var walk = DraftWalk(builder: self, report: report)
        walk.run()
        report = walk.report
        return walk.out
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

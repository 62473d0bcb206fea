import ContentReader
import Foundation

/// The front matter fields the importer can read from the document, where each came from,
/// and the lines of the notice (印发通知) that precedes the plan.
struct PlanMetadata: Sendable {
    var title: String?
    /// Index in the body of the plan's title line; nil when the title is the page title.
    var titleIndex: Int?
    var docNumber: String?
    var docNumberIndex: Int?
    var issuer: String?
    var issueDate: String?
    var period: String?
    /// Indexes in the body of the notice title (one, or two lines to join).
    var noticeTitleIndexes: [Int] = []
    var noticeTitle: String?
}

struct MetadataDetector {
    let body: [SourceLine]
    let pageTitles: [SourceLine]
    let pageMetadata: [SourceLine]

    /// Index of the first chapter heading (一、) in the body, or the body's end.
    var firstChapterIndex: Int {
        body.firstIndex {
            TextPatterns.chapter($0.text)?.numeral == "一" || TextPatterns.part($0.text) != nil
                || TextPatterns.numbered($0.text, unit: "章")?.numeral == "一"
        } ?? body.count
    }

    func detect(report: inout ReviewReport) -> PlanMetadata {
        var meta = PlanMetadata()
        let front = Array(body[0..<firstChapterIndex].enumerated())
        noticeTitle(&meta, front, &report)
        title(&meta, front, &report)
        docNumber(&meta, front, &report)
        issuer(&meta, front, &report)
        issueDate(&meta, front, &report)
        period(&meta, &report)
        return meta
    }

    typealias FrontLines = [EnumeratedSequence<[SourceLine]>.Element]

    /// Index in the body of the front part's date line (the notice's signature date).
    private func dateIndex(_ front: FrontLines) -> Int? {
        front.first { TextPatterns.dateLine($0.element.text) != nil }?.offset
    }

    /// Notice title, possibly written over two lines.
    private func noticeTitle(_ meta: inout PlanMetadata, _ front: FrontLines, _ report: inout ReviewReport) {
        for (i, line) in front.prefix(20) {
            if TextPatterns.isNoticeTitle(line.text) {
                meta.noticeTitleIndexes = [i]
                meta.noticeTitle = line.text
                break
            }
            if i + 1 < firstChapterIndex, line.text.contains("关于"), !TextPatterns.endsSentence(line.text),
               TextPatterns.isNoticeTitle(line.text + body[i + 1].text) {
                meta.noticeTitleIndexes = [i, i + 1]
                meta.noticeTitle = line.text + body[i + 1].text
                report.add(.heading, line: line.number, endLine: body[i + 1].number,
                           "通知标题在原文分两行，已合为一行标题", excerpt: meta.noticeTitle)
                break
            }
        }
    }

    /// The plan's title: the 《…》 the notice issues, found again as a line of its own; else a
    /// title line before the running text, the page title, or the 《…》 of the notice.
    private func title(_ meta: inout PlanMetadata, _ front: FrontLines, _ report: inout ReviewReport) {
        let afterNotice = (meta.noticeTitleIndexes.last ?? -1) + 1
        var candidates: [String] = []
        for (_, line) in front where line.text.contains("《") {
            if let m = TextPatterns.match(#"(?:现将|印发)《(.+?)》"#, line.text) ?? TextPatterns.match(#"《(.+?)》(?:印发|已经)"#, line.text) {
                candidates.append(m[1])
            }
        }
        if let notice = meta.noticeTitle, let m = TextPatterns.match(#"关于印发《?(.+?)》?的通知$"#, notice) {
            candidates.append(m[1])
        }
        for candidate in candidates {
            let key = TextPatterns.compact(candidate)
            if let (i, line) = front.first(where: { $0.offset >= afterNotice && TextPatterns.compact($0.element.text) == key }) {
                meta.title = line.text
                meta.titleIndex = i
                break
            }
        }
        if meta.title == nil, meta.noticeTitle == nil {
            // No notice: a title line before the running text.
            for (i, line) in front {
                if TextPatterns.isDocNumberLine(line.text) || TextPatterns.dateLine(line.text) != nil { continue }
                if TextPatterns.part(line.text) != nil || TextPatterns.numbered(line.text, unit: "章") != nil { break }
                if TextPatterns.isTitleLike(line.text, maxLength: 60), line.text.count >= 6 {
                    meta.title = line.text
                    meta.titleIndex = i
                }
                break
            }
        }
        if meta.title == nil, let page = pageTitles.first {
            meta.title = page.text
            report.add(.metadata, line: page.number, "标题取自网页标题行(文件正文中没有单独的标题行)；该行不在正文中重复", excerpt: page.text)
        } else if meta.title == nil, let candidate = candidates.first {
            meta.title = candidate
            report.add(.metadata, line: nil, "标题取自通知中的书名号，正文中未找到同样的标题行", excerpt: candidate)
        }
        if meta.title == nil {
            report.add(.edit, line: nil, "未找到标题：请在 plan.md 的 title 字段填写文件标题(当前为“待核”)")
        }
    }

    /// 文号: a line of its own before the first chapter; else at the start of a page title.
    private func docNumber(_ meta: inout PlanMetadata, _ front: FrontLines, _ report: inout ReviewReport) {
        if let (i, line) = front.first(where: { TextPatterns.isDocNumberLine($0.element.text) }) {
            meta.docNumber = TextPatterns.compact(line.text)
            meta.docNumberIndex = i
        } else if let page = pageTitles.first(where: { TextPatterns.matches("^" + TextPatterns.docNumberPattern, $0.text) }),
                  let m = TextPatterns.match("^(" + TextPatterns.docNumberPattern + ")", page.text) {
            meta.docNumber = TextPatterns.compact(m[1])
            report.add(.metadata, line: page.number, "文号取自网页标题行，正文中没有单独的文号行", excerpt: page.text)
        } else {
            report.add(.metadata, line: nil, "未找到文号(正文之前没有“X〔年〕N号”一行)；doc_number 不填")
        }
    }

    /// Issuing body: the notice title's prefix, else the signature, else the page's 来源.
    private func issuer(_ meta: inout PlanMetadata, _ front: FrontLines, _ report: inout ReviewReport) {
        if let notice = meta.noticeTitle, let r = notice.range(of: "关于"), r.lowerBound != notice.startIndex {
            meta.issuer = String(notice[..<r.lowerBound])
        }
        let dateIndex = self.dateIndex(front)
        if let d = dateIndex, d > 0 {
            let signature = body[d - 1].text
            if meta.issuer == nil, TextPatterns.isTitleLike(signature, maxLength: 40), !signature.contains("(略)") {
                meta.issuer = signature
                report.add(.metadata, line: body[d - 1].number, "发文机关取自落款", excerpt: signature)
            } else if let issuer = meta.issuer, TextPatterns.compact(signature) != TextPatterns.compact(issuer),
                      TextPatterns.isTitleLike(signature, maxLength: 40) {
                report.add(.metadata, line: body[d - 1].number, "落款“\(signature)”与通知标题中的发文机关“\(issuer)”不同；issuer 取通知标题", excerpt: signature)
            }
        }
        if meta.issuer == nil {
            for line in pageMetadata {
                if let m = TextPatterns.match(#"来源[:：]\s*([^\s:：]+?)(?:\s|发布|时间|$)"#, line.text) {
                    meta.issuer = m[1]
                    report.add(.metadata, line: line.number, "发文机关取自网页的“来源”(文件没有印发通知和落款)，请核对", excerpt: line.text)
                    break
                }
            }
        }
        if meta.issuer == nil {
            report.add(.edit, line: nil, "未找到发文机关：请在 plan.md 的 issuer 字段填写(当前为“待核”)")
        }
    }

    /// Date: the notice's date line, else the 印发 date, else the page's publication date.
    private func issueDate(_ meta: inout PlanMetadata, _ front: FrontLines, _ report: inout ReviewReport) {
        if let d = dateIndex(front) {
            meta.issueDate = TextPatterns.dateLine(body[d].text)
        } else {
            for (_, line) in front where TextPatterns.matches(#"^[*＊×X某\s]*年?[*＊×X某\s]*月?[*＊×X某\s]*日$"#, line.text) {
                report.add(.metadata, line: line.number, "落款日期不可读(原文删略或打码)；issue_date 不填", excerpt: line.text)
            }
            if let line = body.last(where: { TextPatterns.matches(#"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日印发"#, $0.text) }),
               let m = TextPatterns.match(#"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日印发"#, line.text) {
                meta.issueDate = TextPatterns.isoDate(Int(m[1])!, Int(m[2])!, Int(m[3])!)
                report.add(.metadata, line: line.number, "没有落款日期；issue_date 取版记的印发日期", excerpt: line.text)
            } else {
                for line in pageMetadata {
                    if let m = TextPatterns.match(#"(?:发布时间|发布日期|时间)[:：]\s*((?:19|20)\d{2})[-年/.](\d{1,2})[-月/.](\d{1,2})"#, line.text) {
                        meta.issueDate = TextPatterns.isoDate(Int(m[1])!, Int(m[2])!, Int(m[3])!)
                        report.add(.metadata, line: line.number, "文件没有落款日期；issue_date 取网页的发布时间，请核对(转载网站的日期不一定是成文日期)", excerpt: line.text)
                        break
                    }
                }
            }
        }
    }

    /// Period: from the title, the notice title, the page title, then the text.
    private func period(_ meta: inout PlanMetadata, _ report: inout ReviewReport) {
        let titleSources = [meta.title, meta.noticeTitle].compactMap { $0 } + pageTitles.map(\.text)
        for text in titleSources {
            if let p = Self.period(fromTitle: text) {
                meta.period = p
                if text != meta.title { report.add(.metadata, line: nil, "期限 \(p) 取自“\(text)”") }
                break
            }
        }
        if meta.period == nil {
            for line in body {
                if let m = TextPatterns.match(#"(?:实施期限|规划期限|规划期|实施期|行动期限|计划期限)为?[:：]?\s*((?:19|20)\d{2})\s*[-—–~～至到]\s*((?:19|20)\d{2})年"#, line.text) {
                    meta.period = "\(m[1])-\(m[2])"
                    report.add(.metadata, line: line.number, "期限 \(meta.period!) 取自正文(标题中没有年份)", excerpt: line.text)
                    break
                }
            }
        }
        if meta.period == nil, let (period, line, how) = Self.period(inText: body, issueYear: meta.issueDate.flatMap { Int($0.prefix(4)) }) {
            meta.period = period
            report.add(.metadata, line: line.number, "期限 \(period) 取自正文(\(how))，请核对", excerpt: line.text)
        }
        if meta.period == nil {
            report.add(.edit, line: nil, "未找到规划期限：请在 plan.md 的 period 字段填写起止年份，如 2021-2025(当前为“待核”)")
        }
    }

    /// The period as the text states it, first found wins: a span of years (`2011年至2015年`,
    /// `2021—2025年`), a five-year plan (`“十五五”`), else a target year (`到2025年`) with the
    /// issue year as start. The line it comes from and how it was read.
    static func period(inText body: [SourceLine], issueYear: Int?) -> (String, SourceLine, String)? {
        for line in body {
            let t = TextPatterns.compact(line.text)
            if let m = TextPatterns.match(#"((?:19|20)\d{2})年?[-—–~～至到]((?:19|20)\d{2})年"#, t), let a = Int(m[1]), let b = Int(m[2]), a < b, b - a <= 15,
               b >= (issueYear ?? b) {
                return ("\(a)-\(b)", line, "起止年份“\(m[0])”")
            }
        }
        // The latest five-year plan the text names (a plan looks back on the one before it).
        var latest: (n: Int, line: SourceLine, text: String)?
        for line in body {
            for m in TextPatterns.allMatches(#"十([一二三四五六七八九])五"#, line.text) {
                if let n = ChineseNumeral.value("十" + m.groups[1]), n > (latest?.n ?? 0) { latest = (n, line, m.groups[0]) }
            }
        }
        if let latest {
            let start = 1966 + 5 * (latest.n - 3)
            return ("\(start)-\(start + 4)", latest.line, "“\(latest.text)”")
        }
        for line in body {
            if let m = TextPatterns.match(#"(?:到|至|截至)((?:19|20)\d{2})年(?:底|末)?"#, line.text), let end = Int(m[1]) {
                let start = issueYear.map { min($0, end) } ?? end
                return (start == end ? "\(end)" : "\(start)-\(end)", line, "目标年“\(m[0])”，起始年取发文年份" + (issueYear == nil ? "(未知，只写目标年)" : ""))
            }
        }
        return nil
    }

    /// `(2018-2022)` → 2018-2022, `十四五` → 2021-2025, `2020年…工作要点` → 2020.
    static func period(fromTitle title: String) -> String? {
        let t = TextPatterns.compact(title)
        if let m = TextPatterns.match(#"((?:19|20)\d{2})年?[-—–~～至到]((?:19|20)\d{2})年?"#, t), let a = Int(m[1]), let b = Int(m[2]), a <= b {
            return "\(a)-\(b)"
        }
        if let m = TextPatterns.match(#"十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年"#, t),
           let n = ChineseNumeral.value("十" + m[1] + m[2]) {
            // The third five-year plan started in 1966; each lasts five years.
            let start = 1966 + 5 * (n - 3)
            return "\(start)-\(start + 4)"
        }
        if let m = TextPatterns.match(#"^((?:19|20)\d{2})年"#, t) {
            return m[1]
        }
        if let m = TextPatterns.match(#"((?:19|20)\d{2})年度"#, t) {
            return m[1]
        }
        // One year in the title of a year's work: 青溪区2024年土壤污染防治工作要点.
        if let m = TextPatterns.match(#"^[^0-9]{0,12}((?:19|20)\d{2})年[^0-9]*(?:工作要点|工作方案|工作计划|工作安排|行动计划|实施方案)$"#, t) {
            return m[1]
        }
        return nil
    }
}

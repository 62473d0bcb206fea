import Foundation

/// Removes what the web page added around the document: navigation, view counters, font
/// buttons, share and QR-code text, links, site footers, the page's own title lines before
/// the document starts, and a second copy of the whole document. Every removed line is kept
/// in `removed` with the reason, for review.md: nothing is dropped silently.
struct Cleaner {
    struct Removed: Sendable, Equatable {
        let line: SourceLine
        let reason: String
    }

    struct DuplicateCopy: Sendable, Equatable {
        /// First and last source line of the copy that is kept and of the copy that is removed.
        let kept: ClosedRange<Int>
        let removed: ClosedRange<Int>
        let matchedLines: Int
        /// Lines of the removed copy that differ from the kept one (kept in the draft as 【待核】).
        let differing: [SourceLine]
    }

    struct Result: Sendable {
        /// The document's lines in order, trimmed, without blank lines and clutter.
        var body: [SourceLine]
        var removed: [Removed]
        /// Title lines of the web page before the document starts (e.g. the page title).
        var pageTitles: [SourceLine]
        /// Removed lines that carry page metadata (来源, 发布时间), for the metadata detector.
        var pageMetadata: [SourceLine]
        /// Text before the document starts that is neither clutter nor a title: kept, marked.
        var unplacedBeforeStart: [SourceLine] = []
        /// Further copies of the document, each removed (usually one: the page printed it twice).
        var duplicates: [DuplicateCopy] = []
    }

    /// Whole-line clutter: the line starts with one of these (any length).
    static let startPatterns: [(String, String)] = [
        (#"^(当前位置|您现在的位置|您的位置|所在位置)"#, "网页导航(当前位置)"),
        (#"^核心提示[:：]"#, "转载网站的核心提示"),
        (#"^(本文链接|原文链接|本文网址|本文地址)[:：]"#, "本文链接"),
        (#"^本文关键词[:：]?"#, "本文关键词"),
        (#"^(来源|信息来源|文章来源)[:：].*(发布时间|发布日期|时间[:：]|浏览)"#, "网页来源/发布时间行"),
        (#"^(上一篇|下一篇)[:：]"#, "上一篇/下一篇链接"),
        (#"^(责任编辑|编辑|审核|校对)[:：]\s*\S{1,10}$"#, "网页编辑署名"),
    ]

    /// Clutter words: a short line (at most 60 characters) containing one of these.
    static let containsPatterns: [(String, String)] = [
        (#"浏览量|浏览次数|阅读次数|阅读量|访问量|点击数[:：]|点击量"#, "浏览量/浏览次数"),
        (#"放大字体|缩小字体|字体[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中|字号[:：]|默认字体"#, "放大字体/缩小字体"),
        (#"扫描二维码|扫一扫|二维码|关注我们|微信公众号|官方微信|官方微博"#, "分享/二维码/公众号"),
        (#"发送至邮箱|分享到|转发到|一键分享|【打印】|【关闭】|打印本文|打印本页|关闭窗口|加入收藏|告诉好友|违规举报"#, "分享/打印/收藏按钮"),
        (#"版权所有|Copyright|ICP备|公网安备|网站标识码|主办单位[:：]|承办单位[:：]|技术支持[:：]|网站地图|联系我们"#, "网站页脚"),
        (#"在线客服|周一至周五|相关评论|相关推荐|查看详情|推荐图文|推荐最新资讯|点击排行|新手指南|采购商服务|供应商服务|交易安全|招投标大数据|最近搜索|热门搜索|站内搜索|返回首页|网站首页|手机网站|手机版|最新资讯搜索|收藏本页|设为首页"#, "网站页脚/栏目链接"),
        (#"全文如下[:：]?$"#, "转载导语(“全文如下”)"),
    ]

    /// Disclaimers of the site a copy came from: clutter at any length.
    static let disclaimerPatterns: [(String, String)] = [
        (#"^(免责声明|版权声明|特别声明)[:：]?"#, "转载网站的免责声明"),
        (#"如有侵权|本站(?:部分)?(?:内容|文章|信息)(?:均)?(?:来源|来自|转载)|转载请注明|不代表本站|仅供(?:参考|学习)[，,。]?\s*(?:请)?以(?:正式|官方|原)"#, "转载网站的免责声明"),
    ]

    /// Lines that are clutter when they are the whole line.
    static let exactClutter: Set<String> = ["内容", "收藏", "首页", "登录", "注册", "打印", "关闭", "分享", "返回顶部", "正文",
                                           "【打印】", "【关闭】", "[打印]", "[关闭]", "大", "中", "小", "字号"]

    static func clutterReason(_ text: String) -> String? {
        if exactClutter.contains(text) { return "网页按钮/栏目文字" }
        for (pattern, reason) in startPatterns + disclaimerPatterns where TextPatterns.matches(pattern, text) { return reason }
        if text.count <= 60 {
            for (pattern, reason) in containsPatterns where TextPatterns.matches(pattern, text) { return reason }
        }
        // A telephone number alone on a line (site footers).
        if TextPatterns.matches(#"^(电话[:：]?)?\s*(\d{3,4}-)?\d{7,8}$|^1[3-9]\d{9}$"#, text) { return "网站页脚(电话号码)" }
        return nil
    }

    func clean(_ source: SourceText) -> Result { clean(source.lines) }

    func clean(_ lines: [SourceLine]) -> Result {
        var removed: [Removed] = []
        var pageMetadata: [SourceLine] = []
        var candidates: [SourceLine] = []
        for line in lines {
            let text = TextPatterns.trim(line.text)
            guard !text.isEmpty else { continue }
            let trimmed = SourceLine(number: line.number, text: text)
            if let reason = Self.clutterReason(text) {
                removed.append(Removed(line: trimmed, reason: reason))
                if TextPatterns.matches(#"来源[:：]|发布时间|发布日期|时间[:：]"#, text) { pageMetadata.append(trimmed) }
                continue
            }
            candidates.append(trimmed)
        }

        // The document starts at its first anchor (文号, notice title, salutation, chapter one);
        // title lines before it belong to the web page.
        var pageTitles: [SourceLine] = []
        var unplaced: [SourceLine] = []
        let start = Self.documentStart(candidates)
        if start > 0 {
            for line in candidates[0..<start] {
                if TextPatterns.isTitleLike(line.text, maxLength: 80) {
                    pageTitles.append(line)
                    removed.append(Removed(line: line, reason: "正文之前的标题行(网页标题或文件标题；用作 title 时不在正文重复)"))
                }
            }
            unplaced = candidates[0..<start].filter { line in !pageTitles.contains(line) }
            candidates = Array(candidates[start...])
        }

        var duplicates: [DuplicateCopy] = []
        while duplicates.count < 20, let copy = Self.secondCopy(in: candidates) {
            duplicates.append(copy.info)
            let removedNumbers = Set(copy.removedIndexes.map { candidates[$0].number })
            for i in copy.removedIndexes {
                removed.append(Removed(line: candidates[i], reason: "重复登载的第二遍全文(与第\(copy.info.kept.lowerBound)–\(copy.info.kept.upperBound)行相同)"))
            }
            candidates = candidates.filter { !removedNumbers.contains($0.number) }
        }
        removed.sort { $0.line.number < $1.line.number }
        return Result(body: candidates, removed: removed, pageTitles: pageTitles, pageMetadata: pageMetadata,
                      unplacedBeforeStart: unplaced, duplicates: duplicates)
    }

    /// Index of the first line of the document proper. A page title that repeats the
    /// document's first line (the notice title) is not the start: the later copy is.
    static func documentStart(_ lines: [SourceLine]) -> Int {
        let first = firstAnchor(lines)
        guard first + 1 < lines.count else { return first }
        let key = TextPatterns.compact(lines.indices.contains(first) ? lines[first].text : "")
        for j in (first + 1)..<min(lines.count, first + 4) where TextPatterns.compact(lines[j].text) == key {
            return j
        }
        return first
    }

    static func firstAnchor(_ lines: [SourceLine]) -> Int {
        for (i, line) in lines.enumerated() {
            let t = line.text
            if TextPatterns.isDocNumberLine(t) || TextPatterns.isSalutation(t) || TextPatterns.chapter(t) != nil
                || TextPatterns.part(t) != nil || TextPatterns.numbered(t, unit: "章") != nil {
                // A notice title right before the salutation belongs to the document.
                var start = i
                if TextPatterns.isSalutation(t) {
                    if i > 0, TextPatterns.isNoticeTitle(lines[i - 1].text) { start = i - 1 }
                    if i > 1, TextPatterns.isNoticeTitle(lines[i - 2].text + lines[i - 1].text) { start = i - 2 }
                }
                return start
            }
            if TextPatterns.isNoticeTitle(t), !t.contains("《") { return i }
            if i + 1 < lines.count, t.contains("关于"), !t.contains("《"), TextPatterns.isNoticeTitle(t + lines[i + 1].text) { return i }
            // The first sentence of running text (a preamble) when there is no notice.
            if !TextPatterns.isTitleLike(t, maxLength: 80) || (t.count > 40 && (t.contains(",") || t.contains("，"))) {
                return i
            }
        }
        return 0
    }

    struct CopyMatch {
        let info: DuplicateCopy
        let removedIndexes: [Int]
    }

    /// A second copy of (most of) the document: the longest diagonal of equal lines, allowing
    /// runs of at most two differing lines, covering at least a quarter of the text.
    static func secondCopy(in lines: [SourceLine]) -> CopyMatch? {
        let n = lines.count
        guard n >= 16 else { return nil }
        var ids: [String: Int] = [:]
        let keys = lines.map { line -> Int in
            let k = TextPatterns.compact(line.text)
            if let id = ids[k] { return id }
            ids[k] = ids.count
            return ids.count - 1
        }
        let minimum = max(8, n / 4)
        var best: (d: Int, start: Int, end: Int, matched: Int)?
        func consider(_ d: Int, _ s: Int, _ e: Int) {
            // The copies must not overlap: the first copy ends before the second starts.
            let end = min(e, s + d - 1)
            guard end >= s else { return }
            let matched = (s...end).filter { keys[$0] == keys[$0 + d] }.count
            if matched >= minimum, best == nil || matched > best!.matched { best = (d, s, end, matched) }
        }
        for d in 1..<n {
            var segmentStart = -1
            var segmentEnd = -1
            var gap = 0
            for i in 0..<(n - d) {
                if keys[i] == keys[i + d] {
                    if segmentStart < 0 { segmentStart = i }
                    segmentEnd = i
                    gap = 0
                } else if segmentStart >= 0 {
                    gap += 1
                    if gap > 2 {
                        consider(d, segmentStart, segmentEnd)
                        segmentStart = -1
                        gap = 0
                    }
                }
            }
            if segmentStart >= 0 { consider(d, segmentStart, segmentEnd) }
        }
        guard let b = best else { return nil }
        let removedIndexes = Array((b.start + b.d)...(b.end + b.d))
        let differing = removedIndexes.filter { keys[$0] != keys[$0 - b.d] }.map { lines[$0] }
        let info = DuplicateCopy(kept: lines[b.start].number...lines[b.end].number,
                                 removed: lines[b.start + b.d].number...lines[b.end + b.d].number,
                                 matchedLines: b.matched, differing: differing)
        // Differing lines stay in the body (the writer marks them); only equal lines are removed.
        return CopyMatch(info: info, removedIndexes: removedIndexes.filter { keys[$0] == keys[$0 - b.d] })
    }
}

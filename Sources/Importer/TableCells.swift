import Foundation

/// What a cell of a flattened table looks like: a unit, a value, a verdict, a nature, a
/// department list, a name; cells the page wrapped over two lines; units in or glued to a
/// name; footnote marks glued to a value.
enum TableCells {
    typealias Cell = FlattenedTable.Cell

    static let hanUnits: Set<String> = [
        "个", "吨", "万吨", "千吨", "亿吨", "万元", "亿元", "元", "公顷", "万公顷", "亩", "万亩", "天", "家", "座", "项", "处",
        "件", "人", "人次", "千米", "公里", "米", "年", "次", "户", "辆", "台", "套", "条", "万千瓦", "千瓦", "千瓦时", "万千瓦时",
        "亿千瓦时", "吨标准煤", "万吨标准煤", "吨标煤", "万吨标煤", "立方米", "万立方米", "亿立方米", "微克/立方米", "毫克/升",
        "毫克/立方米", "分贝", "百分点", "个百分点", "平方公里", "平方米", "万平方米", "蒸吨", "张", "所", "只", "株", "口", "倍",
        "万人", "万户", "岁", "万元/人", "元/人", "元/平方米", "万元/平方米", "万元/亩", "亿元/平方公里", "吨标准煤/万元", "立方米/万元",
        "平方米/人",
    ]

    static func isUnit(_ s: String) -> Bool {
        if hanUnits.contains(s) || ["%", "‰", "-", "—", "－", "/"].contains(s) { return true }
        guard s.count <= 10, TextPatterns.hanCount(s) == 0, let first = s.unicodeScalars.first else { return false }
        return CharacterSet.letters.contains(first) || "µμ°℃".unicodeScalars.contains(first)
    }

    static let qualitativeStarts = ["完成", "保持", "持续", "建立", "开展", "有效", "达到", "不低于", "不高于", "不超过", "不少于",
                                    "控制在", "稳定", "逐年", "力争", "实现", "显著", "明显", "进一步", "下降", "降低", "提高", "提升",
                                    "减少", "增长", "高于", "低于", "全覆盖", "基本", "确保", "争取", "满足", "优于", "好于",
                                    "零增长", "负增长", "同比", "国家", "省下达", "与"]

    static func isValue(_ s: String) -> Bool {
        if ["-", "—", "－", "/", "(略)", "（略）", "——"].contains(s) { return true }
        if isReported(s) { return false }
        if let first = s.first, "0123456789０１２３４５６７８９≥≤<>≦≧＞＜△〔[±+.−～~".contains(first) { return true }
        if s.hasPrefix("较"), s.contains(where: { $0.isNumber }) { return true }
        if reportsNoValue(s) { return true }
        if s.contains("≥") || s.contains("≤") || s.contains("≦") || s.contains("≧") { return true }
        return qualitativeStarts.contains { s.hasPrefix($0) }
    }

    /// A cell saying that there is no value (`暂无数据`, `受口径调整影响未统计`).
    static func reportsNoValue(_ s: String) -> Bool {
        TextPatterns.matches(#"暂无|无数据|未统计|尚未统计|待公布|待发布|数据未出|未发布"#, s)
    }

    /// The document's own verdict on an indicator (完成情况, 进展评价).
    static func isReported(_ s: String) -> Bool {
        TextPatterns.matches(#"^(超额完成|完成|未完成|基本完成|超额|已完成|提前完成|达标|未达标|基本达标)$"#, s)
            || TextPatterns.matches(#"^(基本)?(达到|符合|未达到?|好于|超出|超过|低于)预期$|^(进度|进展)?滞后$|^略有滞后$"#, s)
            || TextPatterns.matches(#"^(进展顺利|符合进度|快于进度|慢于进度|正常推进|按进度推进|有序推进)$"#, s)
    }

    static func isNature(_ s: String) -> Bool { TextPatterns.matches(#"^(约束性|预期性|参考性)$"#, s) }

    static let departmentSuffix = #"(局|办|部|委|委员会|分局|集团|中心|公司|院|所|站|处|厅|政府|办公室|队|会|馆|社|行|校|街道|乡镇)"#

    static func departmentParts(_ s: String) -> [String] {
        s.split(whereSeparator: { "、,，;；".contains($0) || $0.isWhitespace }).map { String($0) }.filter { !$0.isEmpty }
    }

    static func isDepartment(_ s: String) -> Bool {
        let parts = departmentParts(s)
        guard !parts.isEmpty else { return false }
        return parts.allSatisfy { part in
            var p = part.trimmingCharacters(in: CharacterSet(charactersIn: "*＊()（）"))
            p = p.trimmingCharacters(in: CharacterSet(charactersIn: "*＊"))
            return p.count >= 2 && p.count <= 16 && TextPatterns.matches(#"^[\p{Han}A-Za-z]+"# + departmentSuffix + "$", p)
        }
    }

    static func isCategoryLike(_ s: String) -> Bool {
        s.count <= 8 && !s.contains(where: { $0.isNumber }) && !s.contains("(") && !s.contains("（")
            && !isDepartment(s) && !isValue(s) && !isReported(s) && !isUnit(s) && !isNature(s)
    }

    static func isActionCell(_ s: String) -> Bool { TextPatterns.section(s) != nil }

    /// A row spanning the table that heads a group of rows: `一、经济发展`.
    static func isGroupHeading(_ s: String) -> Bool {
        guard let chapter = TextPatterns.chapter(s) else { return false }
        return !chapter.rest.isEmpty && chapter.rest.count <= 12 && isCategoryLike(chapter.rest)
    }

    /// `一、经济发展` → `经济发展`.
    static func groupName(_ s: String) -> String { TextPatterns.chapter(s)?.rest ?? s }

    static func unbalanced(_ s: String) -> Bool {
        let pairs: [(Character, Character)] = [("(", ")"), ("（", "）"), ("“", "”"), ("〔", "〕"), ("[", "]"), ("《", "》")]
        return pairs.contains { pair in s.filter { $0 == pair.0 }.count > s.filter { $0 == pair.1 }.count }
    }

    static func isNameLike(_ s: String) -> Bool {
        !isValue(s) && !isUnit(s) && !isReported(s) && !isNature(s) && !isDepartment(s) && Int(s) == nil
    }

    /// Two consecutive lines that are one cell wrapped by the page.
    static func continues(_ a: String, _ b: String) -> Bool {
        if unbalanced(a) { return true }
        if TextPatterns.matches(#"^较(?:19|20)\d{2}年[^\d]*$"#, a) { return true }
        if ["超额", "基本", "未"].contains(a), b.hasPrefix("完成") { return true }
        if b.hasPrefix("下达") { return true }
        // `与全市经济增速` / `保持同步`: a target in words cut before its verb.
        if a.hasPrefix("与"), !endsComparison(a), TextPatterns.matches(#"^(保持|基本)?(同步|相适应|相协调|持平|相当|一致)"#, b) { return true }
        if isNameLike(a), Int(a) == nil {
            if b.hasPrefix("及") || b.hasPrefix("达标") || b.hasPrefix("和") { return true }
            if b.hasPrefix("与"), !endsComparison(b) { return true }
            if a.hasSuffix("/") || a.hasSuffix("、") || a.hasSuffix("和") || a.hasSuffix("及") { return true }
        }
        return false
    }

    /// `与经济增长同步`: a comparison complete in itself.
    static func endsComparison(_ s: String) -> Bool {
        TextPatterns.matches(#"(同步|相适应|相协调|持平|相当|一致)$"#, s)
    }

    static func joinCells(_ cells: [Cell]) -> [Cell] {
        var out: [Cell] = []
        var joins = 0
        for cell in cells {
            if let last = out.last, joins < 3, Int(last.text) == nil || unbalanced(last.text), continues(last.text, cell.text) {
                out[out.count - 1] = Cell(text: last.text + cell.text, line: last.line, endLine: cell.endLine)
                joins += 1
            } else {
                out.append(cell)
                joins = 0
            }
        }
        return out
    }

    /// `城市细颗粒物(PM2.5)浓度(µg/m3)` → (`城市细颗粒物(PM2.5)浓度`, `µg/m3`)
    static func splitUnit(_ name: String) -> (String, String) {
        if let m = TextPatterns.match(#"^(.+?)[(（]([^()（）]{1,12})[)）]$"#, name), isUnit(m[2]) || m[2] == "个" {
            return (m[1], m[2])
        }
        return (name, "")
    }

    /// Units a page glues to the end of a name when the unit column is empty, longest first.
    /// Units of one character only after a character that ends a measure (数, 量, 额 …).
    static let gluedUnits = ["吨标准煤/万元", "立方米/万元", "元/平方米", "万元/平方米", "万元/人", "元/人", "万元/亩", "亿元/平方公里",
                             "微克/立方米", "毫克/升", "亿元", "万元", "万人", "万吨", "万亩", "万户", "公顷", "平方米", "平方公里",
                             "公里", "千米", "个百分点", "百分点", "%", "‰"]
    static let singleCharacterUnits: Set<Character> = ["岁", "件", "个", "家", "人", "元", "张", "座", "所", "辆", "台", "套", "条", "项", "次", "天", "年", "户"]

    /// `全员劳动生产率万元/人` → (`全员劳动生产率`, `万元/人`); nil when no unit is glued on.
    static func gluedUnit(_ name: String) -> (name: String, unit: String)? {
        for unit in gluedUnits where name.hasSuffix(unit) && name.count > unit.count + 1 {
            let rest = String(name.dropLast(unit.count))
            if unit.contains("/"), rest.hasSuffix("/") { continue }
            return (rest, unit)
        }
        guard let last = name.last, singleCharacterUnits.contains(last), name.count > 3 else { return nil }
        let rest = name.dropLast()
        guard let before = rest.last, "数量额命入值度积".contains(before) else { return nil }
        return (String(rest), String(last))
    }

    /// `35%1`, `74.2%2`: a footnote digit glued to a value ending in a percent sign →
    /// (`35%`, `1`); nil when there is none.
    static func footnote(_ value: String) -> (value: String, mark: String)? {
        guard let m = TextPatterns.match(#"^(.*\d[%‰])([1-9１-９①-⑨])$"#, value) else { return nil }
        return (m[1], m[2])
    }
}

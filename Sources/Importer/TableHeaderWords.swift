import Foundation

/// What a column of a flattened table holds, as its header words say.
enum ColumnMeaning: Sendable, Equatable {
    case number, name, unit, domain, action, nature, verdict, departments
    /// A value column: the target, the current or actual value, the baseline.
    case target, current, baseline
    /// `指标值`: the value the plan sets, without a year.
    case indicatorValue
    /// A year alone (`2025年`, `2015年值`): baseline, target or actual value by the table around it.
    case year
    /// A remark (备注, 说明): free text about the row.
    case remark
    /// A column of a table that is not an indicator table.
    case other
}

/// The header words of flattened tables: one line per wording. A new wording is one more
/// line here (and a case in `TableHeaderWordsTests`). Patterns see the header with spaces
/// removed; the first that matches gives the meaning. Years come from the header itself
/// (`目标值(2030年)`, `“十四五”目标值` → 2025), see `HeaderWords.year(in:)`.
enum HeaderWords {
    static let table: [(pattern: String, meaning: ColumnMeaning)] = [
        (#"^序号$"#, .number),
        (#"^(责任|牵头|配合)(部门|单位)"#, .departments),
        (#"^(指标)?(属性|性质)$"#, .nature),
        (#"^指标类型$"#, .nature),
        (#"^((19|20)\d{2}年|[“"]?十[一二三四五六七八九]五[”"]?)?(目标)?(完成|实现|进展|实施)情况$"#, .verdict),
        (#"^(进展|完成|实施)?评价$"#, .verdict),
        (#"^(计量)?单位$"#, .unit),
        (#"^(指标)?(类别|类目|领域|板块|分类|类型|维度)$"#, .domain),
        (#"^(主要|重点|工作)?任务$"#, .action),
        (#"^(指标|主要指标|指标名称|名称|项目名称)$"#, .name),
        (#"^(现状值?|现值|完成值|实际值|实现值|实际完成值?|完成数)([(（].*[)）])?$"#, .current),
        (#"^([“"]?十[一二三四五六七八九]五[”"]?|(19|20)\d{2}年?)(完成值|实际值|实现值|完成数|现状值?)$"#, .current),
        (#"^(预计)?(19|20)\d{2}年?(预计值?|预计完成值?|预计数|预估值?)$|^预计(19|20)\d{2}年?(完成值?|值)?$"#, .current),
        (#"^(基期值?|基准值|基数|基年值)([(（].*[)）])?$"#, .baseline),
        (#"^((19|20)\d{2}年?)(基期值?|基准值|基数)$"#, .baseline),
        (#"^((规划|期末|预期)?目标值?|预期值)([(（].*[)）])?$"#, .target),
        (#"^[“"]?十[一二三四五六七八九]五[”"]?(规划)?(目标值?|期末值?|预期目标)?$"#, .target),
        (#"^(19|20)\d{2}年?(规划)?(目标值?|预期目标|预期值)$"#, .target),
        (#"^指标值$"#, .indicatorValue),
        (#"^(19|20)\d{2}年?(值|数据)?$"#, .year),
        (#"^(备注|说明)$"#, .remark),
        (#"^具体(要求|内容|任务)$|^(主要|建设)内容$|^(时间节点|完成时限|时间安排)$|^工作措施$"#, .other),
    ]

    /// Fragments that only occur as part of a header wrapped over two lines (指标/类别,
    /// 2015/年值, “十三五”/目标, 现状值/(2025年)).
    static let fragments: Set<String> = ["指标", "类别", "性质", "属性", "年值", "目标", "目标值", "完成值", "完成", "情况", "名称",
                                         "值", "进展", "评价", "现状值", "类型"]

    /// The meaning of a header; a word in brackets after a year is read without them
    /// (`2025年(基期)` as `2025年基期`, `2030年（目标）` as `2030年目标`).
    static func meaning(of title: String) -> ColumnMeaning? {
        let t = TextPatterns.compact(title)
        if let m = table.first(where: { TextPatterns.matches($0.pattern, t) }) { return m.meaning }
        guard let m = TextPatterns.match(#"^((?:19|20)\d{2}年?)[(（]([^()（）]{1,6})[)）]$"#, t) else { return nil }
        return table.first { TextPatterns.matches($0.pattern, m[1] + m[2]) }?.meaning
    }

    static func isHeader(_ text: String) -> Bool { meaning(of: text) != nil }

    /// A header that is complete by itself (not a fragment that may wrap onto the next line).
    static func isStrong(_ text: String) -> Bool {
        isHeader(text) && !fragments.contains(text) && !TextPatterns.matches(fragmentPattern, text)
    }

    static let fragmentPattern = #"^[“"]十[一二三四五六七八九]五[”"]$|^(?:19|20)\d{2}$|^[(（](?:19|20)\d{2}年?[)）]$|^[(（](基期值?|基准值?|现状值?|实际值?|预计|目标值?|规划目标|预期目标)[)）]$"#

    static func isFragment(_ text: String) -> Bool {
        isHeader(text) || fragments.contains(text) || TextPatterns.matches(fragmentPattern, text)
    }

    /// The year a header names: `2025年目标` → 2025, `目标值(2030年)` → 2030, `“十四五”目标值` → 2025.
    static func year(in title: String) -> Int? {
        if let m = TextPatterns.match(#"((?:19|20)\d{2})"#, title) { return Int(m[1]) }
        return fiveYearPlanEnd(in: title)
    }

    /// `十四五` → 2025 (the last year of the five-year plan named).
    static func fiveYearPlanEnd(in text: String) -> Int? {
        guard let m = TextPatterns.match(#"十([一二三四五六七八九])五"#, text), let n = TextPatterns.numeralValue("十" + m[1]) else { return nil }
        return 1966 + 5 * (n - 3) + 4
    }
}

import Foundation

/// A table whose cells the web page flattened one per line (表1/表2 of a 十四五 plan, 附件1 of a
/// 推进方案), as the importer read it: columns by meaning, rows, the cells it could not place.
/// Reading: `TableParser`; header words: `HeaderWords`; cells: `TableCells`; the draft
/// rows: `TableRecords.swift`.
struct FlattenedTable: Sendable {
    enum Kind: Sendable { case indicators, other }

    enum Role: Sendable, Equatable {
        case category, action, nature, number, name, unit, baseline(Int?), target(Int?), actual(Int?), reported, departments, remark, other
        var isValue: Bool {
            switch self {
            case .baseline, .target, .actual: return true
            default: return false
            }
        }
    }

    struct Column: Sendable {
        let title: String
        let role: Role
        /// Values of this column are drafted as observations of the region's metric (an
        /// actual or current value); `observedYear` is the year they describe.
        var observedYear: Int? = nil
        init(title: String, role: Role, observedYear: Int? = nil) {
            self.title = title
            self.role = role
            self.observedYear = observedYear
        }
    }

    /// A cell: the text of one or more consecutive source lines.
    struct Cell: Sendable, Equatable {
        var text: String
        var line: Int
        var endLine: Int
    }

    struct Row: Sendable {
        var number: String
        var subIndex: Int?          // 1-based when the row is one of several under one 序号
        var group: String = ""
        var groupUnit: String = ""
        var domain: String = ""
        var action: String = ""
        var name: Cell
        var unit: String = ""
        /// A unit read from the end of the name (the unit cell was empty): `万元/人`.
        var gluedUnit: String = ""
        /// Values by column index (into `columns`).
        var values: [Int: Cell] = [:]
        var nature: String = ""
        var reported: String = ""
        var departments: [String] = []
        /// The department cells as written (for plan.md).
        var departmentCells: [String] = []
        /// The 备注 cell as written.
        var remark: String = ""
        var notes: [String] = []
        var copiedFromFirst = false
    }

    var caption: String
    var captionLine: Int?
    var kind: Kind
    var columns: [Column]
    var rows: [Row] = []
    /// Rows of a table that is not an indicator table: cells as written.
    var grid: [[String]] = []
    /// Cells the parser could not place in a row.
    var leftovers: [Cell] = []
    /// Body indexes covered (header to last cell).
    var range: ClosedRange<Int>
    var firstLine: Int
    var lastLine: Int
    /// Data rows of the source table: the row numbers (序号) read, or the rows cut without them.
    var sourceRows = 0
    /// The source table has no row numbers: `sourceRows` are the rows cut at each name.
    var unnumbered = false
    /// Source lines where the header is written again inside the table (a page break).
    var repeatedHeaderLines: [Int] = []
    /// The table is a review of a period (完成情况, 进展评价, an actual value in the target's year).
    var isReview = false
}

extension FlattenedTable {
    /// Columns by meaning. A year alone and values without a year are placed by the table:
    /// in a review (a verdict column, a caption such as 完成情况, or a current value in the
    /// year of a target) a year equal to the target's is the actual value; a year before the
    /// target's is a baseline; a current value before the target's year is the baseline of a
    /// forward table, and also an observation.
    static func columns(titles: [String], caption: String, planStart: Int, planEnd: Int) -> (columns: [Column], isReview: Bool) {
        let meanings = titles.map { HeaderWords.meaning(of: $0) ?? .other }
        let targetYears = zip(titles, meanings).compactMap { $1 == .target ? HeaderWords.year(in: $0) : nil }
        let currentYears = zip(titles, meanings).compactMap { $1 == .current ? HeaderWords.year(in: $0) : nil }
        let isReview = meanings.contains(.verdict) || currentYears.contains { targetYears.contains($0) }
            || TextPatterns.matches(#"完成情况|实施情况|进展情况|评估|回顾"#, caption)
        // The target's year: from the target columns, or in a review from the caption (十四五).
        let targetYear = targetYears.max() ?? (isReview ? HeaderWords.fiveYearPlanEnd(in: caption) : nil)
        let columns = zip(titles, meanings).map { title, meaning in
            column(title: title, meaning: meaning, year: HeaderWords.year(in: title), context: .init(
                isReview: isReview, targetYear: targetYear, hasTargets: !targetYears.isEmpty, planStart: planStart, planEnd: planEnd))
        }
        return (columns, isReview)
    }

    struct ColumnContext {
        let isReview: Bool
        let targetYear: Int?
        let hasTargets: Bool
        let planStart: Int
        let planEnd: Int
    }

    static func column(title: String, meaning: ColumnMeaning, year: Int?, context c: ColumnContext) -> Column {
        switch meaning {
        case .number: return Column(title: title, role: .number)
        case .name: return Column(title: title, role: .name)
        case .unit: return Column(title: title, role: .unit)
        case .domain: return Column(title: title, role: .category)
        case .action: return Column(title: title, role: .action)
        case .nature: return Column(title: title, role: .nature)
        case .verdict: return Column(title: title, role: .reported)
        case .departments: return Column(title: title, role: .departments)
        case .remark: return Column(title: title, role: .remark)
        case .other: return Column(title: title, role: .other)
        case .target: return Column(title: title, role: .target(year ?? (c.isReview ? c.targetYear : nil)))
        case .indicatorValue: return Column(title: title, role: .target(nil))
        case .baseline: return Column(title: title, role: .baseline(year))
        case .current: return current(title: title, year: year, context: c)
        case .year:
            let y = year ?? c.planStart
            if c.isReview { return y < (c.targetYear ?? y) ? Column(title: title, role: .baseline(y)) : Column(title: title, role: .actual(y), observedYear: y) }
            if c.hasTargets, let t = c.targetYear { return Column(title: title, role: y < t ? .baseline(y) : .target(y)) }
            return Column(title: title, role: y > c.planStart ? .target(y) : .baseline(y))
        }
    }

    /// A current or actual value: observed in its year (in a review without a year of its
    /// own, the target's); before the target's year in a forward table, also the baseline.
    /// Without a known year it goes to the note only (a forward table's `现状值`: the baseline).
    static func current(title: String, year: Int?, context c: ColumnContext) -> Column {
        if c.isReview {
            let y = year ?? c.targetYear
            return Column(title: title, role: .actual(y), observedYear: y)
        }
        guard let y = year else { return Column(title: title, role: title.contains("现状") ? .baseline(nil) : .actual(nil)) }
        if y < c.targetYear ?? c.planEnd { return Column(title: title, role: .baseline(y), observedYear: y) }
        return Column(title: title, role: .actual(y), observedYear: y)
    }
}

// View structs handed to the Mustache templates. Stored properties only: a template can use
// exactly what is declared here. swift-mustache reads them
// through the switches in ViewLookup.swift (faster than reflection): add a new property
// there too.

struct PageView: Encodable {
    /// Relative path from the page to the site root ("", "../", "../../").
    let root: String
    let siteTitle: String
    let organisation: String
    let dataAsOf: String
    /// The year of the newest reported value ("2022年"), nil when nothing is reported.
    let dataThrough: String?
    let language: String
    let pageTitle: String
    let labels: [String: String]
    /// The <title>: the page's title and the site's (the site's alone on the home page).
    let fullTitle: String
    /// The pages above this one, from the home page down; empty on the home page.
    let breadcrumbs: [Link]
    let hasBreadcrumbs: Bool
    /// This page's name in the breadcrumbs.
    let crumb: String
    let nav: [NavItem]
    /// 发布日期 (a plan's issue date) or 更新日期 (the site's data date), and the date.
    let dateLabel: String
    let date: String
    /// The government-site fields of site.yaml that are set, in footer order.
    let identification: [FooterField]
    let hasIdentification: Bool
}

/// An entry of the site navigation; `current` on the page it leads to, `inSection` on the
/// pages below it.
struct NavItem: Encodable {
    let text: String
    let url: String
    let current: Bool
    let inSection: Bool
}

/// A footer line: 主办单位, 网站标识码 …; `url` when the value is a web or e-mail address.
struct FooterField: Encodable {
    let label: String
    let value: String
    let url: String?
}

struct Link: Encodable {
    let text: String
    let url: String
}

struct StatusView: Encodable {
    let key: String
    let symbol: String
    let label: String
}

struct StatusCountView: Encodable {
    let status: StatusView
    let count: Int
    let nonZero: Bool
    init(status: StatusView, count: Int) {
        self.status = status
        self.count = count
        self.nonZero = count > 0
    }
}

struct DepartmentChip: Encodable {
    let name: String
    let url: String
    /// As the document wrote it, when it differs from the registry name.
    let written: String
    let differs: Bool
}

struct IndicatorChip: Encodable {
    let name: String
    let url: String
    let status: StatusView
    let automatic: Bool
}

struct UnitView: Encodable {
    let id: String
    let label: String
    let title: String
    let isTask: Bool
    let leads: [DepartmentChip]
    let cos: [DepartmentChip]
    let hasLeads: Bool
    let hasCos: Bool
    let hasDepartments: Bool
    let indicators: [IndicatorChip]
    let hasIndicators: Bool
    let report: String
    let reportSource: String?
    let hasReport: Bool
    let html: String
}

struct SegmentView: Encodable {
    let unit: UnitView?
    let html: String
}

struct TocSection: Encodable {
    let id: String
    let heading: String
}

struct TocChapter: Encodable {
    let id: String
    let heading: String
    let sections: [TocSection]
    let hasSections: Bool
}

struct IndicatorRowView: Encodable {
    let id: String
    let url: String
    let number: String?
    let group: String
    let domain: String?
    let name: String
    /// `名称为编者所拟，原文：“……”` where the name is editorial.
    let nameSource: String?
    let unit: String?
    let nature: String
    let baseline: String
    let targets: String
    let latest: String
    let status: StatusView
    let progress: String
    let reported: String?
    let plan: Link
    let departments: [DepartmentChip]
}

struct IndicatorGroupView: Encodable {
    let heading: String
    let rows: [IndicatorRowView]
}

struct PlanSummaryView: Encodable {
    let id: String
    let title: String
    /// For cards, breadcrumbs and lists (`short_title`, or made from the title).
    let shortTitle: String
    let url: String
    let region: String
    let period: String
    let docNumber: String?
    let issuer: String
    let issueDate: String?
    let taskCount: Int
    let unitCount: Int
    let indicatorCount: Int
    let statusCounts: [StatusCountView]
    /// Indicators reviewing the previous period (front matter `review_groups`), counted apart.
    let reviewIndicatorCount: Int
    let reviewCounts: [StatusCountView]
    let hasReview: Bool
    let reviewGroupNames: String
    /// The year of the newest value reported for the plan's indicators.
    let dataThrough: String?
    let statusChart: String
    let assignedUnitCount: Int
    /// The plan's progress page (progress/PLAN.html).
    let progressURL: String
}

struct PlanPageView: Encodable {
    let page: PageView
    let labels: [String: String]
    let plan: PlanSummaryView
    /// Whether any unit links an indicator by its name (the help text says so once).
    let hasAutomaticLinks: Bool
    let source: String
    let sourceURL: String?
    let sourceNote: String?
    let notes: [String]
    let hasNotes: Bool
    let toc: [TocChapter]
    let segments: [SegmentView]
    let indicatorGroups: [IndicatorGroupView]
    /// The tables reviewing the previous period, apart from the plan's own.
    let reviewGroups: [IndicatorGroupView]
    let hasIndicators: Bool
}

struct HomeView: Encodable {
    let page: PageView
    let labels: [String: String]
    var plans: [PlanSummaryView]
    /// Departments that lead or share a task or answer for an indicator.
    let departmentCount: Int
    let indicatorCount: Int
    let taskCount: Int
}

struct DepartmentRowView: Encodable {
    let name: String
    let url: String
    let kind: String
    let leadCount: Int
    let coCount: Int
    let indicatorCount: Int
    /// Passages of plan text that name the department without assigning it the unit.
    let mentionCount: Int
}

struct RegionDepartmentsView: Encodable {
    let name: String
    let id: String
    let departments: [DepartmentRowView]
    let chart: String
    let hasChart: Bool
    /// Whether any plan of the region assigns a task or an indicator to a department.
    let assignsAny: Bool
}

struct DepartmentIndexView: Encodable {
    let page: PageView
    let labels: [String: String]
    var regions: [RegionDepartmentsView]
    /// Whether no plan of the site assigns anything to any department.
    let assignsNothing: Bool
}

struct TaskLinkView: Encodable {
    let label: String
    let title: String
    let url: String
    let id: String
}

struct DepartmentPlanView: Encodable {
    let plan: Link
    let leads: [TaskLinkView]
    let cos: [TaskLinkView]
    let hasLeads: Bool
    let hasCos: Bool
}

/// A passage of a plan that names the department, with the unit it is in.
struct MentionView: Encodable {
    let task: TaskLinkView
    let excerpt: String
}

/// The passages of one plan that name the department.
struct DepartmentMentionsView: Encodable {
    let plan: Link
    let mentions: [MentionView]
}

struct DepartmentPageView: Encodable {
    let page: PageView
    let labels: [String: String]
    let name: String
    let region: String
    let kind: String
    let aliases: String?
    let note: String?
    let plans: [DepartmentPlanView]
    let hasPlans: Bool
    let indicators: [IndicatorRowView]
    let hasIndicators: Bool
    let mentions: [DepartmentMentionsView]
    let hasMentions: Bool
    /// Nothing at all: no task, no indicator, no passage.
    let hasNothing: Bool
}

/// One row of the indicator index: a plan, linking to the indicator table on its page.
struct IndicatorIndexPlanView: Encodable {
    let plan: Link
    let region: String
    let indicatorCount: Int
    let domains: [DomainCountView]
}

/// A domain (指标分类) of a plan's indicators and how many it has.
struct DomainCountView: Encodable {
    let name: String
    let count: Int
}

/// indicators/index.html: one row per plan with indicators, in site order, then every
/// indicator of the site (about 500 bytes of HTML each), which readers filter by status,
/// region and plan (filters.js).
struct IndicatorIndexView: Encodable {
    let page: PageView
    let labels: [String: String]
    let plans: [IndicatorIndexPlanView]
    /// Every indicator of the site, in plan order, each row made as the template reaches it.
    var indicators: RowsOnDemand<IndicatorListRowView>
    /// The choices of the filter form (made visible by filters.js).
    let statuses: [StatusView]
    let regions: [Link]
    let planChoices: [Link]
}

/// The rows of a list that grows with the site, made one at a time as the template iterates
/// them: a page listing every indicator of a large site never holds all its rows at once.
struct RowsOnDemand<Row: Encodable & Sendable>: Sequence, Encodable, Sendable {
    let count: Int
    let row: @Sendable (Int) -> Row

    /// The rows `range`.
    func rows(_ range: Range<Int>) -> RowsOnDemand {
        let row = self.row
        return RowsOnDemand(count: range.count) { row(range.lowerBound + $0) }
    }

    func makeIterator() -> AnyIterator<Row> {
        var next = 0
        return AnyIterator {
            guard next < count else { return nil }
            defer { next += 1 }
            return row(next)
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.unkeyedContainer()
        for row in self { try container.encode(row) }
    }
}

/// A row of the list of every indicator: the row, its region, and the filter keys.
struct IndicatorListRowView: Encodable {
    let row: IndicatorRowView
    let region: String
    let regionID: String
    let planID: String
}

struct TargetEvaluationView: Encodable {
    let year: Int
    let value: String
    let status: StatusView
    let explanation: String
    let baseline: String
    let compared: String
    let progress: String
    let elapsed: String
    let growthRatio: String
    let otherBasis: String?
}

struct ObservationView: Encodable {
    let year: Int
    let value: String
    let basis: String
    let source: String
    let note: String
}

struct IndicatorPageView: Encodable {
    let page: PageView
    let labels: [String: String]
    let row: IndicatorRowView
    let plan: Link
    let region: String
    let metric: String?
    let source: String
    let note: String?
    let evaluations: [TargetEvaluationView]
    let observations: [ObservationView]
    let hasObservations: Bool
    /// The observations as rows of observations.csv, as a `data:` URL to download.
    let observationsCSV: String
    let bulletChart: String?
    let lineChart: String
    let hasLineChart: Bool
    /// Why there is no chart, when there is none.
    let noChart: String?
    let tasks: [TaskLinkView]
    let hasTasks: Bool
    let departments: [DepartmentChip]
    let leadDepartments: [DepartmentChip]
    let coDepartments: [DepartmentChip]
    let hasDepartments: Bool
    let related: [IndicatorRowView]
    let hasRelated: Bool
}

/// progress/PLAN.html: one plan's indicators grouped by status and its task reports.
struct ProgressPlanView: Encodable {
    let page: PageView
    let labels: [String: String]
    let plan: PlanSummaryView
    let overviewURL: String
    let groups: [IndicatorGroupView]
    let reviewGroups: [IndicatorGroupView]
    let taskReports: [StatusCountView]
    let hasTaskReports: Bool
    let unreportedTasks: Int
}

/// One row of the progress overview: a plan, its status counts, a link to its progress page.
struct ProgressRowView: Encodable {
    let plan: Link
    let region: String
    let indicatorCount: Int
    let statusCounts: [StatusCountView]
}

/// progress.html: the status of every indicator of the site in one chart, then one row per
/// plan. Each plan's indicators are on its own progress page, so this page grows by a row
/// per plan (it listed every indicator until issue 6: 9.5 MB at 1,000 plans).
struct ProgressPageView: Encodable {
    let page: PageView
    let labels: [String: String]
    let totals: [StatusCountView]
    let totalChart: String
    let statuses: [StatusView]
    let plans: [ProgressRowView]
    /// Plans' reviews of the previous period, counted apart from the plans' own targets.
    let reviews: [ProgressRowView]
    let hasReviews: Bool
}

struct SearchPageView: Encodable {
    let page: PageView
    let labels: [String: String]
    /// JSON object of kind → label, escaped for a <script type="application/json"> block.
    let kindsJSON: String
    /// The index's shard count, groups and synonyms (`SearchIndex`), escaped the same way.
    let indexJSON: String
}

/// data/index.html: the data dictionary (`OpenDataSchema`).
struct DataDictionaryView: Encodable {
    let page: PageView
    let labels: [String: String]
    /// `data_licence` of site.yaml; empty when it is not given.
    let licence: String
    let dataAsOf: String
    /// The plans' issuers and titles, the source of the data.
    let sources: [String]
    let tables: [DataTableView]
}

struct DataTableView: Encodable {
    let name: String
    let title: String
    let description: String
    /// The table's files, for a table of the whole site; nil for the task tables.
    let csv: String?
    let json: String?
    /// The task tables, one per plan.
    let planFiles: [DataFileView]
    var hasPlanFiles: Bool { !planFiles.isEmpty }
    /// The primary key's columns joined by " + "; empty when there is none.
    let key: String
    let columns: [DataColumnView]
}

struct DataFileView: Encodable {
    let title: String
    let csv: String
    let json: String
}

struct DataColumnView: Encodable {
    let name: String
    let type: String
    let meaning: String
    let unit: String
    /// Allowed values with their meanings; empty when any text is allowed.
    let values: String
}

/// sitemap.html (网站地图): every page a reader can reach, by kind.
struct SitemapView: Encodable {
    let page: PageView
    let labels: [String: String]
    let plans: [SitemapPlanView]
    let regions: [SitemapRegionView]
}

struct SitemapPlanView: Encodable {
    let plan: Link
    let region: String
    let progress: Link
    let hasIndicators: Bool
    let indicatorTable: String
}

struct SitemapRegionView: Encodable {
    let name: String
    let departments: [Link]
}

/// The view of a page rendered in pieces: its list (the section `TemplatePieces.lists` names)
/// can be cut into runs of rows.
protocol ViewInPieces: Encodable, Sendable {
    var rowCount: Int { get }
    /// The view with only the rows `range` in its list.
    func rows(_ range: Range<Int>) -> Self
}

extension IndicatorIndexView: ViewInPieces {
    var rowCount: Int { indicators.count }
    func rows(_ range: Range<Int>) -> Self {
        var view = self
        view.indicators = indicators.rows(range)
        return view
    }
}

extension ViewInPieces {
    /// The view with only the rows `range` of its list `list`.
    func keeping<Row>(_ range: Range<Int>, of list: WritableKeyPath<Self, [Row]>) -> Self {
        var view = self
        view[keyPath: list] = Array(self[keyPath: list][range])
        return view
    }
}

extension HomeView: ViewInPieces {
    var rowCount: Int { plans.count }
    func rows(_ range: Range<Int>) -> Self { keeping(range, of: \.plans) }
}

extension DepartmentIndexView: ViewInPieces {
    var rowCount: Int { regions.count }
    func rows(_ range: Range<Int>) -> Self { keeping(range, of: \.regions) }
}

import Charts
import Foundation
import Linking
import PlanModel
import Progress

/// Builds the view structs of every page from the linked site and its evaluations.
struct ViewBuilder {
    let site: LinkedSite
    let evaluations: SiteEvaluations
    let labels: Labels
    /// Whether the home page's template shows each plan's status chart: when it does not, the
    /// 10,000 charts of a 10,000-plan site (20 MB of SVG) are not made for it.
    var chartsOnHome = true
    /// Free text of the content made fit for readers.
    private(set) var readerText: ReaderText
    /// Each plan's `shortTitle`, by plan ID (empty when two plans share an ID).
    private(set) var shortTitles: [String: String] = [:]

    init(site: LinkedSite, evaluations: SiteEvaluations, labels: Labels) {
        self.site = site
        self.evaluations = evaluations
        self.labels = labels
        readerText = ReaderText(planTitles: [:])
        let titles = site.content.plans.map { ($0.id, makeShortTitle($0)) }
        let byID = Dictionary(titles, uniquingKeysWith: { a, _ in a })
        shortTitles = byID.count == titles.count ? byID : [:]
        readerText = ReaderText(planTitles: byID,
                                metricNames: Dictionary(site.content.regions.map { r in
                                    (r.id, Dictionary(r.metrics.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
                                }, uniquingKeysWith: { a, _ in a }))
    }

    var config: SiteConfig { site.content.config }

    /// Mustache treats every string, even "", as true in a section: pass nil for "nothing".
    func opt(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// "2022年" (数据更新至), nil when nothing is reported.
    func yearText(_ year: Int?) -> String? { year.map { labels.format("data-through-year", ["year": "\($0)"]) } }

    /// The entry of the site navigation a page belongs to.
    enum NavSection { case home, departments, indicators, progress, search, none }

    static let navigation: [(label: String, path: String, section: NavSection)] = [
        ("home", URLs.home, .home), ("departments", URLs.departments, .departments), ("indicators", URLs.indicators, .indicators),
        ("progress", URLs.progress, .progress), ("search", URLs.search, .search),
    ]

    /// What every page has: title, breadcrumbs (`crumbs` are the pages between the home page
    /// and this one), navigation, date and footer. `date` is a plan's issue date; the other
    /// pages show the site's data date as their 更新日期. Never the clock.
    func page(path: String, title: String, crumbs: [Link] = [], crumb: String? = nil, section: NavSection = .none,
              issued: SimpleDate? = nil) -> PageView {
        let root = URLs.root(of: path)
        let isHome = path == URLs.home
        let trail = isHome ? [] : [Link(text: labels["home"], url: root + URLs.home)] + crumbs
        let nav = Self.navigation.map { item in
            NavItem(text: labels[item.label], url: root + item.path, current: item.path == path,
                    inSection: item.section == section && item.path != path)
        }
        return PageView(root: root, siteTitle: config.title, organisation: config.organisation,
                        dataAsOf: config.dataAsOf.description, dataThrough: yearText(evaluations.newestYear),
                        language: config.language, pageTitle: title, labels: labels.values,
                        fullTitle: isHome || title == config.title ? config.title : "\(title) · \(config.title)",
                        breadcrumbs: trail, hasBreadcrumbs: !trail.isEmpty, crumb: crumb ?? title, nav: nav,
                        dateLabel: labels[issued == nil ? "updated" : "issue-date"], date: (issued ?? config.dataAsOf).description,
                        identification: identification, hasIdentification: !identification.isEmpty)
    }

    /// The footer lines of the government-site fields that site.yaml sets.
    var identification: [FooterField] {
        let id = config.identification
        let fields = [("sponsor", id.sponsor), ("operator", id.operatedBy), ("site-code", id.siteCode), ("icp-record", id.icpRecord),
                      ("police-record", id.policeRecord), ("contact", id.contact), ("correction", id.correction)]
        return fields.filter { !$0.1.isEmpty }.map { key, value in
            let url: String?
            if value.hasPrefix("https://") || value.hasPrefix("http://") || value.hasPrefix("mailto:") { url = value }
            else if value.contains("@"), !value.contains(" ") { url = "mailto:" + value }
            else { url = nil }
            return FooterField(label: labels[key], value: value.hasPrefix("mailto:") ? String(value.dropFirst(7)) : value, url: url)
        }
    }

    /// A plan's short title: `short_title` when the front matter gives one; otherwise the
    /// title, or, when the source redacted part of the title (`(略)`), what follows the last
    /// redaction, with the region's name before it when it does not name the region.
    func shortTitle(_ plan: Plan) -> String { shortTitles[plan.id] ?? makeShortTitle(plan) }

    /// `shortTitle` made from the plan's front matter and title.
    func makeShortTitle(_ plan: Plan) -> String {
        if !plan.shortTitle.isEmpty { return plan.shortTitle }
        let markers = ["(略)", "（略）"]
        guard let cut = markers.compactMap({ plan.title.range(of: $0, options: .backwards) }).max(by: { $0.upperBound < $1.upperBound }) else {
            return plan.title
        }
        let rest = plan.title[cut.upperBound...].trimmingCharacters(in: .whitespaces)
        guard !rest.isEmpty else { return plan.title }
        let region = regionName(plan.regionID)
        return names(region: region, in: rest) ? rest : region + rest
    }

    /// Whether `text` names the region (湖州市, or 湖州 without the level).
    func names(region: String, in text: String) -> Bool {
        let stem = region.count > 2 && "省市县区".contains(region.last!) ? String(region.dropLast()) : region
        return text.contains(stem)
    }

    /// The text followed by the region's name in brackets when it does not name the region.
    func withRegion(_ text: String, regionID: String) -> String {
        let region = regionName(regionID)
        return names(region: region, in: text) ? text : "\(text)（\(region)）"
    }

    func planLink(_ plan: Plan, root: String, fragment: String = "") -> Link {
        Link(text: shortTitle(plan), url: root + URLs.plan(plan.id) + fragment)
    }


    func regionName(_ id: String) -> String { site.content.region(id)?.name ?? id }

    // MARK: status and values

    func status(of indicatorKey: String) -> ProgressStatus { evaluations.status(of: indicatorKey) }

    func display(_ value: ValueExpression?, unit: String) -> String {
        guard let value, value.isGiven else { return labels["not-reported"] }
        if case .redacted = value.form { return value.raw }
        // "36(“十三五”均值)": a unit after the note would read as part of it.
        let noted = (value.raw.holdsBytes("(") && value.raw.contains("(")) || (value.raw.holdsBytes("（") && value.raw.contains("（"))
        let note = value.repair.map { "（\(labels["editorial-note"])\($0.note)）" } ?? ""
        if value.number != nil, value.inlineUnit == nil, !noted, !unit.isEmpty, unit != "-" { return UnitStyle.join(value.raw, unit) + note }
        return value.raw + note
    }

    func percent(_ value: Double?) -> String {
        guard let value else { return "" }
        return "\(Int((value * 100).rounded()))%"
    }

    func chips(_ assignments: [ResolvedAssignment], role: AssignmentRole, root: String) -> [DepartmentChip] {
        assignments.filter { $0.role == role }.compactMap { a in
            guard let d = site.departments[a.departmentKey] else { return nil }
            return DepartmentChip(name: d.name, url: root + URLs.department(a.departmentKey), written: a.written,
                                  differs: !a.writtenAsCanonical)
        }
    }

    func indicatorRow(_ indicator: Indicator, root: String) -> IndicatorRowView {
        let summary = evaluations.summary(of: indicator.key)
        let latest = summary?.latest
        let baseline: String
        if let value = indicator.baseline, value.isGiven {
            baseline = display(value, unit: indicator.unit) + (indicator.baselineYear.map { "（\($0)）" } ?? "")
        } else {
            baseline = labels["not-stated"]
        }
        let targets = indicator.targets.map { "\($0.year)：\(display($0.value, unit: indicator.unit))" }.joined(separator: "；")
        let plan = site.plan(indicator.planID)
        return IndicatorRowView(
            id: indicator.id, url: root + URLs.indicator(indicator.key), number: opt(indicator.number), group: indicator.group,
            domain: opt(indicator.domain), name: indicator.name,
            nameSource: opt(indicator.nameSource).map { labels["editorial-name"] + "“\($0)”" }, unit: opt(indicator.unit == "-" ? "" : UnitStyle.normal(indicator.unit)), nature: indicator.nature?.rawValue ?? labels["not-stated"],
            baseline: baseline, targets: targets.isEmpty ? labels["not-stated"] : targets,
            latest: latest.map { display($0.value, unit: indicator.unit) + "（\($0.year)）" }
                ?? labels[summary?.status == .qualitative ? "not-applicable" : "not-reported"],
            status: labels.status(summary?.status ?? .noData), progress: percent(summary?.progress),
            reported: opt(indicator.reported), plan: Link(text: plan.map(shortTitle) ?? indicator.planID, url: root + URLs.plan(indicator.planID)),
            departments: chips(site.indicatorAssignments[indicator.key] ?? [], role: .lead, root: root)
                + chips(site.indicatorAssignments[indicator.key] ?? [], role: .co, root: root))
    }

    /// A plan's indicators by domain (指标分类; "指标" for those without one), domains in the
    /// order they first appear: the plan page's tables and the indicator index's counts.
    func byDomain(_ indicators: [Indicator]) -> [(heading: String, indicators: [Indicator])] {
        var order: [String] = []
        var groups: [String: [Indicator]] = [:]
        for indicator in indicators {
            let heading = indicator.domain.isEmpty ? labels["indicators"] : indicator.domain
            if groups[heading] == nil { order.append(heading) }
            groups[heading, default: []].append(indicator)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    func indicatorGroups(_ indicators: [Indicator], root: String) -> [IndicatorGroupView] {
        byDomain(indicators).map { IndicatorGroupView(heading: $0.heading, rows: $0.indicators.map { indicatorRow($0, root: root) }) }
    }

    func statusCounts(_ keys: [String]) -> [StatusCountView] {
        ProgressStatus.allCases.map { s in
            StatusCountView(status: labels.status(s), count: keys.filter { status(of: $0) == s }.count)
        }
    }

    static let statusFills: [ProgressStatus: String] = [.met: "#2e7d32", .notMet: "#c62828", .targetYearUnreported: "#8d6e63",
                                                        .metEarly: "#81c784", .onTrack: "#5b9bd5", .behind: "#e0a100",
                                                        .qualitative: "#9e9e9e", .noData: "#e0e0e0"]

    func statusChart(id: String, title: String, keys: [String]) -> String {
        let entries = ProgressStatus.allCases.map { s in
            StatusChart.Entry(mark: StatusMark(symbol: Labels.symbols[s] ?? "", label: labels["status-\(s.rawValue)"], cssClass: s.rawValue),
                              count: keys.filter { status(of: $0) == s }.count, fill: Self.statusFills[s] ?? "#999")
        }
        return StatusChart(id: id, title: title, entries: entries).svg()
    }

    func planSummary(_ plan: Plan, root: String, chart: Bool = true) -> PlanSummaryView {
        // The plan's own targets; a review of the previous period is counted apart.
        let keys = plan.ownIndicators.map(\.key)
        let reviewKeys = plan.reviewIndicators.map(\.key)
        let assigned = site.assignedUnitCount(planID: plan.id)
        return PlanSummaryView(
            id: plan.id, title: plan.title, shortTitle: shortTitle(plan), url: root + URLs.plan(plan.id), region: regionName(plan.regionID),
            period: plan.periodText, docNumber: opt(plan.docNumber), issuer: plan.issuer, issueDate: plan.issueDate?.description,
            taskCount: plan.tasks.count, unitCount: plan.units.count, indicatorCount: keys.count,
            statusCounts: statusCounts(keys), reviewIndicatorCount: reviewKeys.count, reviewCounts: statusCounts(reviewKeys),
            hasReview: !reviewKeys.isEmpty, reviewGroupNames: plan.reviewGroups.joined(separator: "、"),
            dataThrough: yearText(evaluations.newestYear(of: plan.indicators)),
            statusChart: chart ? statusChart(id: "status-\(plan.id)", title: "\(plan.title) \(labels["chart-status"])", keys: keys) : "",
            assignedUnitCount: assigned, progressURL: root + URLs.progress(plan.id))
    }

    func taskLink(_ ref: UnitRef, root: String) -> TaskLinkView {
        let unit = site.unit(ref)
        return TaskLinkView(label: unit.label, title: unit.title,
                            url: root + URLs.unit(site.content.plans[Int(ref.plan)].id, unit.id), id: unit.id)
    }

    /// `≤35`, `≥95`, `10-15`: a target short enough for a chart label.
    static func shortValue(_ value: ValueExpression) -> String {
        switch value.form {
        case .comparison(let c, let v): return c.rawValue + SVGText.number(v)
        case .number(let v): return SVGText.number(v)
        case .range(let a, let b): return SVGText.number(a) + "-" + SVGText.number(b)
        default: return value.raw
        }
    }

    // MARK: pages

    func home() -> HomeView {
        let path = URLs.home
        let responsible = site.departments.keys.filter { key in
            site.departmentLeadUnits.count(key) + site.departmentCoUnits.count(key) > 0 || !(site.departmentIndicators[key] ?? []).isEmpty
        }
        return HomeView(page: page(path: path, title: config.title, section: .home), labels: labels.values,
                        plans: site.content.plans.map { planSummary($0, root: "", chart: chartsOnHome) },
                        departmentCount: responsible.count, indicatorCount: site.indicators.count,
                        taskCount: site.content.plans.reduce(0) { $0 + $1.tasks.count })
    }

    func planPage(_ plan: Plan) -> PlanPageView {
        let path = URLs.plan(plan.id)
        let root = URLs.root(of: path)
        let toc = plan.chapters.map { c in
            TocChapter(id: c.id, heading: c.heading, sections: c.sections.map { TocSection(id: $0.id, heading: $0.heading) },
                       hasSections: !c.sections.isEmpty)
        }
        let segments = segments(plan, root: root)
        let automatic = segments.contains { $0.unit?.indicators.contains(where: \.automatic) ?? false }
        let notes = readerText.readerNotes(plan.notes, plan: plan)
            + (plan.blocks.contains { SiteRenderer.containsPrivateUse($0.html) } ? [labels["private-use-note"]] : [])
        return PlanPageView(page: page(path: path, title: withRegion(plan.title, regionID: plan.regionID), crumb: shortTitle(plan), issued: plan.issueDate),
            labels: labels.values, plan: planSummary(plan, root: root), hasAutomaticLinks: automatic,
            source: readerText.clean(plan.source, plan: plan), sourceURL: Self.webAddress(in: plan.source),
            sourceNote: opt(readerText.clean(plan.sourceNote, plan: plan)), notes: notes, hasNotes: !notes.isEmpty, toc: toc,
            segments: segments, indicatorGroups: indicatorGroups(plan.ownIndicators, root: root),
            reviewGroups: indicatorGroups(plan.reviewIndicators, root: root).map { group in
                IndicatorGroupView(heading: "\(labels["review-counts"])：\(group.heading)", rows: group.rows)
            },
            hasIndicators: !plan.indicators.isEmpty)
    }

    /// The first web address in a plan's `source` (the whole of it, or one inside a citation).
    static func webAddress(in source: String) -> String? {
        guard let start = source.range(of: "https://") ?? source.range(of: "http://") else { return nil }
        let rest = source[start.lowerBound...]
        let end = rest.firstIndex { $0.isWhitespace || "，。；）)」”\"'<>".contains($0) } ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The plan's text in order; the blocks of each unit are grouped so the template can wrap
    /// them with the unit's anchor, its departments and its indicators.
    func segments(_ plan: Plan, root: String) -> [SegmentView] {
        var result: [SegmentView] = []
        var pendingText: [String] = []
        var currentUnit: String?
        var unitHTML: [String] = []
        let units = Dictionary(uniqueKeysWithValues: plan.units.map { ($0.id, $0) })
        var headings: [String: String] = [:]
        for chapter in plan.chapters {
            headings[chapter.id] = chapter.heading
            for section in chapter.sections { headings[section.id] = section.heading }
        }
        func flushText() {
            if !pendingText.isEmpty { result.append(SegmentView(unit: nil, html: pendingText.joined(separator: "\n"))) }
            pendingText = []
        }
        func flushUnit() {
            if let id = currentUnit, let unit = units[id] {
                result.append(SegmentView(unit: unitView(plan, unit, html: unitHTML.joined(separator: "\n"), root: root), html: ""))
            } else if currentUnit != nil {
                pendingText += unitHTML
            }
            currentUnit = nil
            unitHTML = []
        }
        for block in plan.blocks {
            let html = rewriteIndicatorLinks(block.html, plan: plan, root: root)
            switch block.role {
            case .unitStart(let id):
                flushUnit()
                flushText()
                currentUnit = id
                unitHTML = [html]
            case .unitBody(let id):
                if currentUnit != id {
                    flushUnit()
                    flushText()
                    currentUnit = id
                }
                unitHTML.append(html)
            case .sectionHeading(let id) where units[id] != nil, .chapterHeading(let id) where units[id] != nil:
                // A task-less section, or a chapter with neither sections nor tasks: its
                // heading opens the unit (and the unit carries the anchor).
                flushUnit()
                flushText()
                currentUnit = id
                unitHTML = [html]
            case .chapterHeading(let id), .sectionHeading(let id):
                flushUnit()
                pendingText.append(withPermalink(html, id: id, heading: headings[id] ?? ""))
            case .text:
                flushUnit()
                pendingText.append(html)
            }
        }
        flushUnit()
        flushText()
        return result
    }

    /// A heading with a visible link to its own anchor before its closing tag.
    func withPermalink(_ html: String, id: String, heading: String) -> String {
        guard let close = html.range(of: "</h", options: .backwards) else { return html }
        let name = HTMLEscaping.escape(labels["permalink"] + "：" + heading.prefix(24))
        return html[..<close.lowerBound] + " <a class=\"permalink\" href=\"#\(id)\" aria-label=\"\(name)\">#</a>" + html[close.lowerBound...]
    }

    func unitView(_ plan: Plan, _ unit: WorkUnit, html: String, root: String) -> UnitView {
        let assignments = site.unitAssignments[plan.id, unit.id] ?? []
        let leads = chips(assignments, role: .lead, root: root)
        let cos = chips(assignments, role: .co, root: root)
        let indicators = (site.unitIndicators[plan.id, unit.id] ?? []).compactMap { link -> IndicatorChip? in
            guard let indicator = site.indicators[link.indicatorKey] else { return nil }
            return IndicatorChip(name: indicator.name, url: root + URLs.indicator(link.indicatorKey),
                                 status: labels.status(status(of: link.indicatorKey)), automatic: link.how == .automatic)
        }
        let report = plan.reports.filter { $0.taskID == unit.id }.max { $0.period < $1.period }
        // The unit's own anchor goes on the wrapper: drop a heading id equal to it.
        let body = html.replacingBytes(of: " id=\"\(unit.id)\"", with: "")
        return UnitView(id: unit.id, label: unit.label, title: unit.title, isTask: unit.kind == .task, leads: leads, cos: cos,
                        hasLeads: !leads.isEmpty, hasCos: !cos.isEmpty, hasDepartments: !(leads.isEmpty && cos.isEmpty), indicators: indicators, hasIndicators: !indicators.isEmpty,
                        report: report.map { "\($0.period) \(labels["report-\($0.status.rawValue)"])" + ($0.note.isEmpty ? "" : "：\(readerText.clean($0.note, plan: plan))") } ?? labels["no-report"],
                        reportSource: report.map { readerText.clean($0.source, plan: plan) }, hasReport: report != nil, html: body)
    }

    /// `href="indicator:ID"` from the plan text becomes a link to the indicator's page: ID is
    /// an indicator of this plan, or PLAN/ID of any plan; unknown targets stay as written.
    /// One pass over the HTML, looking each marker's target up by key.
    func rewriteIndicatorLinks(_ html: String, plan: Plan, root: String) -> String {
        let marker = Array("href=\"indicator:".utf8)
        let bytes = Array(html.utf8)
        func find(from: Int) -> Int? { bytes.withUnsafeBufferPointer { ByteSearch.firstIndex(of: marker, in: $0, from: from) } }
        guard let first = find(from: 0) else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var copied = 0
        var at: Int? = first
        while let start = at {
            let targetStart = start + marker.count
            guard let quote = bytes[targetStart...].firstIndex(of: UInt8(ascii: "\"")) else { break }
            let target = String(decoding: bytes[targetStart..<quote], as: UTF8.self)
            let key = target.contains("/") ? target : "\(plan.id)/\(target)"
            if site.indicators[key] != nil {
                out += bytes[copied..<start]
                out += Array("href=\"\(root + URLs.indicator(key))\"".utf8)
                copied = quote + 1
            }
            at = find(from: quote + 1)
        }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    func departmentIndex() -> DepartmentIndexView {
        let path = URLs.departments
        let root = URLs.root(of: path)
        let regions = site.content.regions.map { region -> RegionDepartmentsView in
            let rows = region.departments.map { d in
                DepartmentRowView(name: d.name, url: root + URLs.department(d.key), kind: labels.kind(d.kind),
                                  leadCount: site.departmentLeadUnits.count(d.key), coCount: site.departmentCoUnits.count(d.key),
                                  indicatorCount: site.departmentIndicators[d.key]?.count ?? 0,
                                  mentionCount: site.departmentPassages[d.key]?.count ?? 0)
            }.sorted { ($1.leadCount + $1.coCount, $1.indicatorCount, $1.mentionCount, $0.name) < ($0.leadCount + $0.coCount, $0.indicatorCount, $0.mentionCount, $1.name) }
            let charted = rows.filter { $0.leadCount + $0.coCount > 0 }
            let chart = StackedBarChart(
                id: "departments-\(region.id)", title: "\(region.name) \(labels["chart-departments"])",
                series: [.init(name: labels["lead"], fill: "#1f4e79", hatched: false), .init(name: labels["co"], fill: "#5b9bd5", hatched: true)],
                rows: charted.map { .init(label: $0.name, values: [$0.leadCount, $0.coCount]) })
            return RegionDepartmentsView(name: region.name, id: region.id, departments: rows,
                                         chart: charted.isEmpty ? "" : chart.svg(), hasChart: !charted.isEmpty,
                                         assignsAny: rows.contains { $0.leadCount + $0.coCount + $0.indicatorCount > 0 })
        }
        return DepartmentIndexView(page: page(path: path, title: labels["departments"], section: .departments), labels: labels.values,
                                   regions: regions, assignsNothing: !regions.contains(where: \.assignsAny))
    }

    func departmentPage(_ d: Department) -> DepartmentPageView {
        let path = URLs.department(d.key)
        let root = URLs.root(of: path)
        // Group the department's units by plan once instead of filtering per plan; within a
        // plan they are listed in document order.
        let leadsByPlan = Dictionary(grouping: site.departmentLeadUnits.refs(d.key), by: \.plan)
        let cosByPlan = Dictionary(grouping: site.departmentCoUnits.refs(d.key), by: \.plan)
        let mentionsByPlan = Dictionary(grouping: site.departmentPassages[d.key] ?? [], by: \.unit.plan)
        let plans = site.content.plans.indices.compactMap { p -> DepartmentPlanView? in
            let planLeads = leadsByPlan[Int32(p)] ?? []
            let planCos = cosByPlan[Int32(p)] ?? []
            guard !planLeads.isEmpty || !planCos.isEmpty else { return nil }
            let plan = site.content.plans[p]
            let l = planLeads.sorted { $0.unit < $1.unit }.map { taskLink($0, root: root) }
            let c = planCos.sorted { $0.unit < $1.unit }.map { taskLink($0, root: root) }
            return DepartmentPlanView(plan: planLink(plan, root: root), leads: l, cos: c,
                                      hasLeads: !l.isEmpty, hasCos: !c.isEmpty)
        }
        let mentions = site.content.plans.indices.compactMap { p -> DepartmentMentionsView? in
            guard let list = mentionsByPlan[Int32(p)], !list.isEmpty else { return nil }
            return DepartmentMentionsView(plan: planLink(site.content.plans[p], root: root),
                                          mentions: list.map { MentionView(task: taskLink($0.unit, root: root), excerpt: $0.excerpt) })
        }
        let indicators = (site.departmentIndicators[d.key] ?? []).compactMap { site.indicators[$0] }.map { indicatorRow($0, root: root) }
        let region = regionName(d.regionID)
        let regionLink = Link(text: region, url: root + URLs.departments + "#region-\(d.regionID)")
        return DepartmentPageView(page: page(path: path, title: withRegion(d.name, regionID: d.regionID), crumbs: [
                                      Link(text: labels["departments"], url: root + URLs.departments), regionLink], crumb: d.name, section: .departments),
                                  labels: labels.values, name: d.name, region: region,
                                  kind: labels.kind(d.kind), aliases: opt(d.aliases.joined(separator: "、")), note: opt(readerText.clean(d.note, plan: nil)),
                                  plans: plans, hasPlans: !plans.isEmpty, indicators: indicators, hasIndicators: !indicators.isEmpty,
                                  mentions: mentions, hasMentions: !mentions.isEmpty,
                                  hasNothing: plans.isEmpty && indicators.isEmpty && mentions.isEmpty)
    }

    func indicatorIndex() -> IndicatorIndexView {
        let path = URLs.indicators
        let root = URLs.root(of: path)
        let withIndicators = site.content.plans.filter { !$0.indicators.isEmpty }
        let plans = withIndicators.map { plan in
            IndicatorIndexPlanView(plan: planLink(plan, root: root, fragment: "#indicator-table"),
                                   region: regionName(plan.regionID), indicatorCount: plan.indicators.count,
                                   domains: byDomain(plan.indicators).map { DomainCountView(name: $0.heading, count: $0.indicators.count) })
        }
        let positions = withIndicators.indices.flatMap { p in withIndicators[p].indicators.indices.map { (plan: p, indicator: $0) } }
        let builder = self
        let rows = RowsOnDemand(count: positions.count) { n in
            let plan = withIndicators[positions[n].plan]
            return IndicatorListRowView(row: builder.indicatorRow(plan.indicators[positions[n].indicator], root: root),
                                        region: builder.regionName(plan.regionID), regionID: plan.regionID, planID: plan.id)
        }
        let regions = site.content.regions.filter { r in withIndicators.contains { $0.regionID == r.id } }.map { Link(text: $0.name, url: $0.id) }
        return IndicatorIndexView(page: page(path: path, title: labels["indicators"], section: .indicators), labels: labels.values, plans: plans,
                                  indicators: rows, statuses: ProgressStatus.allCases.map { labels.status($0) }, regions: regions,
                                  planChoices: withIndicators.map { Link(text: shortTitle($0), url: $0.id) })
    }

    /// sitemap.html: the site's pages by kind.
    func sitemap() -> SitemapView {
        let path = URLs.sitemap
        let root = URLs.root(of: path)
        let plans = site.content.plans.map { plan in
            SitemapPlanView(plan: planLink(plan, root: root), region: regionName(plan.regionID),
                            progress: Link(text: labels["progress"], url: root + URLs.progress(plan.id)),
                            hasIndicators: !plan.indicators.isEmpty, indicatorTable: root + URLs.plan(plan.id) + "#indicator-table")
        }
        let regions = site.content.regions.map { region in
            SitemapRegionView(name: region.name, departments: region.departments.map { Link(text: $0.name, url: root + URLs.department($0.key)) })
        }
        return SitemapView(page: page(path: path, title: labels["sitemap"]), labels: labels.values, plans: plans, regions: regions)
    }

    func indicatorPage(_ indicator: Indicator) -> IndicatorPageView {
        let path = URLs.indicator(indicator.key)
        let root = URLs.root(of: path)
        let evaluation = evaluations[indicator.key]
        let metricKey = site.metricKey(of: indicator)
        let metric = metricKey.flatMap { site.metrics[$0] }
        let observations = evaluation?.observations ?? []
        let evaluationViews = (evaluation?.targets ?? []).map { t in
            TargetEvaluationView(
                year: t.target.year, value: display(t.target.value, unit: indicator.unit), status: labels.status(t.status),
                explanation: labels.reason(t.reason),
                baseline: evaluationBaseline(t, indicator),
                compared: t.observation.map { "\($0.value.raw)（\($0.year)，\(labels.basis($0.basis))）" }
                    ?? labels[t.status == .qualitative ? "not-applicable" : "not-reported"],
                progress: percent(t.progress), elapsed: percent(t.elapsed),
                growthRatio: t.growthRatio.map { SVGText.number($0, digits: 2) } ?? "",
                otherBasis: opt(t.otherBasis.map { "\($0.year)：\($0.value.raw)（\(labels.basis($0.basis))）" }.joined(separator: "；")))
        }
        let headline = evaluation?.headline
        let unitSuffix = indicator.unit == "-" ? "" : UnitStyle.normal(indicator.unit)
        let charts = indicatorCharts(indicator, headline: headline, observations: observations, unit: unitSuffix)
        let tasks = site.indicatorUnits.refs(indicator.key).map { taskLink($0, root: root) }
        let assignments = site.indicatorAssignments[indicator.key] ?? []
        let related = (metricKey.flatMap { site.metricIndicators[$0] } ?? []).filter { $0 != indicator.key }
            .compactMap { site.indicators[$0] }.map { indicatorRow($0, root: root) }
        let row = indicatorRow(indicator, root: root)
        let plan = site.plan(indicator.planID)
        let region = plan.map { regionName($0.regionID) } ?? ""
        let planTitle = plan.map { withRegion(shortTitle($0), regionID: $0.regionID) } ?? indicator.planID
        let crumbs = [Link(text: labels["indicators"], url: root + URLs.indicators)]
            + (plan.map { [planLink($0, root: root, fragment: "#indicator-table")] } ?? [])
        // Two indicators of a plan may share a name (a table of the last period's results and
        // one of this period's targets): the target years tell their pages apart.
        let years = indicator.targets.map { "\($0.year)" }
        let targetYears = years.isEmpty ? "" : "（" + labels.format("target-years", ["years": years.joined(separator: "、")]) + "）"
        return IndicatorPageView(page: page(path: path, title: "\(indicator.name)\(targetYears) · \(planTitle)", crumbs: crumbs, crumb: indicator.name, section: .indicators),
            labels: labels.values, row: row, plan: row.plan, region: region,
            metric: metric.map { "\($0.name)" + ($0.unit.isEmpty ? "" : "（\(UnitStyle.normal($0.unit))）") },
            source: readerText.clean(indicator.source, plan: plan), note: opt(readerText.clean(indicator.note, plan: plan)), evaluations: evaluationViews,
            observations: observations.map { ObservationView(year: $0.year, value: $0.value.raw, basis: labels.basis($0.basis),
                                                             source: readerText.clean($0.source, plan: nil), note: readerText.clean($0.note, plan: nil)) },
            hasObservations: !observations.isEmpty,
            observationsCSV: DataExport.observationsDataURL(observations, unit: metric?.unit ?? ""),
            bulletChart: charts.bullet, lineChart: charts.line ?? "", hasLineChart: charts.line != nil,
            noChart: charts.bullet == nil && charts.line == nil ? labels["chart-no-comparison"] : nil, tasks: tasks, hasTasks: !tasks.isEmpty, departments: row.departments,
            leadDepartments: chips(assignments, role: .lead, root: root), coDepartments: chips(assignments, role: .co, root: root),
            hasDepartments: !assignments.isEmpty, related: related, hasRelated: !related.isEmpty)
    }

    /// The baseline a target's progress is measured from, saying where it comes from when it is
    /// not the definition table's: zero at a change target's base year, or a reported value
    /// where the table gives none or gives it on another basis.
    func evaluationBaseline(_ t: TargetEvaluation, _ indicator: Indicator) -> String {
        guard let value = t.baselineValue else { return labels["not-stated"] }
        let year = t.baselineYear.map(String.init) ?? ""
        if t.target.value.isChange { return labels.format("baseline-change", ["year": year]) }
        let written = indicator.baseline.flatMap { b in ProgressEvaluator.baselineBasisDiffers(b, from: t.target.value) ? nil : b.number }
        if written == value && indicator.baselineYear == t.baselineYear { return "\(SVGText.number(value))（\(year)）" }
        return labels.format("baseline-observed", ["value": SVGText.number(value), "year": year])
    }

    /// The indicator page's charts, drawn only when there is something to compare: the bullet
    /// chart needs the headline target as a number and a compared value; the line chart needs a
    /// reported value and a second year (another value or a target). Both show values of the
    /// basis the headline target is compared on, and the bullet chart's baseline is the one of
    /// the definition table (none when that is on another basis).
    func indicatorCharts(_ indicator: Indicator, headline: TargetEvaluation?, observations: [Observation],
                         unit: String) -> (bullet: String?, line: String?) {
        guard let headline, headline.target.value.number != nil else { return (nil, nil) }
        let compared = headline.comparedBasis
        let sameBasis = observations.filter { o in
            guard o.value.number != nil else { return false }
            if compared == .annual { return o.basis == .annual }
            return o.basis.changeBaseYear(valueYear: o.year) == compared.changeBaseYear(valueYear: headline.target.year)
        }
        let written = indicator.baseline.flatMap { b -> Double? in
            guard !ProgressEvaluator.baselineBasisDiffers(b, from: headline.target.value) else { return nil }
            return b.number
        }
        var bullet: String?
        if let target = headline.target.value.number, let o = headline.observation, let value = o.value.number {
            bullet = BulletChart(
                id: "bullet-\(indicator.id)", title: "\(indicator.name) \(labels["chart-bullet"])", unit: unit,
                baseline: written.map { (labels["baseline"] + (indicator.baselineYear.map { "\($0)" } ?? ""), $0) },
                target: (labels["target"] + "\(headline.target.year)", target),
                latest: (labels["compared-value"] + "\(o.year)", value),
                status: StatusMark(symbol: Labels.symbols[headline.status] ?? "", label: labels["status-\(headline.status.rawValue)"],
                                   cssClass: headline.status.rawValue)).svg()
        }
        // Two sources reporting the same value for a year are one point; different values both show.
        var plotted = Set<String>()
        let points = sameBasis.filter { plotted.insert("\($0.year) \($0.value.raw)").inserted }
            .map { LineChart.Point(year: $0.year, value: $0.value.number!, label: $0.value.raw) }
        let targets = indicator.targets.filter { $0.value.isChange == headline.target.value.isChange }
            .compactMap { t in t.value.number.map { LineChart.Point(year: t.year, value: $0, label: Self.shortValue(t.value)) } }
        // A line chart needs a reported value and a second year to set it against.
        let line = !points.isEmpty && Set((points + targets).map(\.year)).count >= 2
            ? LineChart(id: "line-\(indicator.id)", title: "\(indicator.name) \(labels["chart-observations"])",
                        unit: unit, points: points, targets: targets).svg()
            : nil
        return (bullet, line)
    }

    func progressPage() -> ProgressPageView {
        let path = URLs.progress
        let root = URLs.root(of: path)
        let allKeys = site.content.plans.flatMap { $0.ownIndicators.map(\.key) }
        let plans = site.content.plans.map { plan in
            ProgressRowView(plan: Link(text: shortTitle(plan), url: root + URLs.progress(plan.id)), region: regionName(plan.regionID),
                            indicatorCount: plan.ownIndicators.count, statusCounts: statusCounts(plan.ownIndicators.map(\.key)))
        }
        let reviews = site.content.plans.filter { !$0.reviewGroups.isEmpty }.map { plan in
            ProgressRowView(plan: Link(text: "\(shortTitle(plan))（\(plan.reviewGroups.joined(separator: "、"))）", url: root + URLs.progress(plan.id) + "#review"),
                            region: regionName(plan.regionID), indicatorCount: plan.reviewIndicators.count,
                            statusCounts: statusCounts(plan.reviewIndicators.map(\.key)))
        }
        return ProgressPageView(page: page(path: path, title: labels["progress"], section: .progress), labels: labels.values, totals: statusCounts(allKeys),
                                totalChart: statusChart(id: "status-all", title: labels["chart-status"], keys: allKeys),
                                statuses: ProgressStatus.allCases.map { labels.status($0) }, plans: plans,
                                reviews: reviews, hasReviews: !reviews.isEmpty)
    }

    func progressPlanPage(_ plan: Plan) -> ProgressPlanView {
        let path = URLs.progress(plan.id)
        let root = URLs.root(of: path)
        func byStatus(_ indicators: [Indicator], prefix: String) -> [IndicatorGroupView] {
            ProgressStatus.allCases.compactMap { s -> IndicatorGroupView? in
                let rows = indicators.filter { status(of: $0.key) == s }.map { indicatorRow($0, root: root) }
                return rows.isEmpty ? nil : IndicatorGroupView(heading: "\(prefix)\(Labels.symbols[s] ?? "") \(labels["status-\(s.rawValue)"])", rows: rows)
            }
        }
        let latestReports = Dictionary(grouping: plan.reports, by: \.taskID).compactMapValues { $0.max { $0.period < $1.period } }
        let reportCounts = TaskStatus.allCases.map { s in
            StatusCountView(status: StatusView(key: s.rawValue, symbol: "", label: labels["report-\(s.rawValue)"]),
                            count: latestReports.values.filter { $0.status == s }.count)
        }
        let title = withRegion(shortTitle(plan), regionID: plan.regionID)
        return ProgressPlanView(page: page(path: path, title: "\(title) · \(labels["progress"])",
                                           crumbs: [Link(text: labels["progress"], url: root + URLs.progress), planLink(plan, root: root)],
                                           crumb: labels["plan-progress"], section: .progress),
                                labels: labels.values,
                                plan: planSummary(plan, root: root), overviewURL: root + URLs.progress,
                                groups: byStatus(plan.ownIndicators, prefix: ""),
                                reviewGroups: byStatus(plan.reviewIndicators, prefix: labels["review-counts"] + "："),
                                taskReports: reportCounts, hasTaskReports: !latestReports.isEmpty,
                                unreportedTasks: plan.units.count - latestReports.count)
    }
}

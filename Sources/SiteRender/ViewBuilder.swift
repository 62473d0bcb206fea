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

    var config: SiteConfig { site.content.config }

    /// Mustache treats every string, even "", as true in a section: pass nil for "nothing".
    func opt(_ text: String) -> String? { text.isEmpty ? nil : text }

    func page(path: String, title: String) -> PageView {
        PageView(root: URLs.root(of: path), siteTitle: config.title, organisation: config.organisation,
                 dataAsOf: config.dataAsOf.description, language: config.language, pageTitle: title, labels: labels.values)
    }

    func regionName(_ id: String) -> String { site.content.region(id)?.name ?? id }

    // MARK: status and values

    func status(of indicatorKey: String) -> ProgressStatus { evaluations.status(of: indicatorKey) }

    func display(_ value: ValueExpression?, unit: String) -> String {
        guard let value, value.isGiven else { return labels["not-reported"] }
        if case .redacted = value.form { return value.raw }
        if value.number != nil, value.inlineUnit == nil, !unit.isEmpty, unit != "-" { return value.raw + " " + unit }
        return value.raw
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
            baseline = labels["not-reported"]
        }
        let targets = indicator.targets.map { "\($0.year)：\(display($0.value, unit: indicator.unit))" }.joined(separator: "；")
        let plan = site.plan(indicator.planID)
        return IndicatorRowView(
            id: indicator.id, url: root + URLs.indicator(indicator.key), number: opt(indicator.number), group: indicator.group,
            domain: opt(indicator.domain), name: indicator.name, unit: opt(indicator.unit == "-" ? "" : indicator.unit), nature: indicator.nature?.rawValue ?? labels["not-reported"],
            baseline: baseline, targets: targets.isEmpty ? labels["not-reported"] : targets,
            latest: latest.map { display($0.value, unit: indicator.unit) + "（\($0.year)）" } ?? labels["not-reported"],
            status: labels.status(summary?.status ?? .noData), progress: percent(summary?.progress),
            reported: opt(indicator.reported), plan: Link(text: plan?.title ?? indicator.planID, url: root + URLs.plan(indicator.planID)),
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

    static let statusFills: [ProgressStatus: String] = [.met: "#2e7d32", .onTrack: "#5b9bd5", .behind: "#e0a100",
                                                        .notMet: "#c62828", .qualitative: "#9e9e9e", .noData: "#e0e0e0"]

    func statusChart(id: String, title: String, keys: [String]) -> String {
        let entries = ProgressStatus.allCases.map { s in
            StatusChart.Entry(mark: StatusMark(symbol: Labels.symbols[s] ?? "", label: labels["status-\(s.rawValue)"], cssClass: s.rawValue),
                              count: keys.filter { status(of: $0) == s }.count, fill: Self.statusFills[s] ?? "#999")
        }
        return StatusChart(id: id, title: title, entries: entries).svg()
    }

    func planSummary(_ plan: Plan, root: String, chart: Bool = true) -> PlanSummaryView {
        let keys = plan.indicators.map(\.key)
        let assigned = site.assignedUnitCount(planID: plan.id)
        return PlanSummaryView(
            id: plan.id, title: plan.title, url: root + URLs.plan(plan.id), region: regionName(plan.regionID),
            period: plan.periodText, docNumber: opt(plan.docNumber), issuer: plan.issuer, issueDate: plan.issueDate?.description,
            taskCount: plan.tasks.count, unitCount: plan.units.count, indicatorCount: plan.indicators.count,
            statusCounts: statusCounts(keys),
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
        return HomeView(page: page(path: path, title: config.title), labels: labels.values,
                        plans: site.content.plans.map { planSummary($0, root: "", chart: chartsOnHome) },
                        departmentCount: site.departments.count, indicatorCount: site.indicators.count,
                        taskCount: site.content.plans.reduce(0) { $0 + $1.tasks.count })
    }

    func planPage(_ plan: Plan) -> PlanPageView {
        let path = URLs.plan(plan.id)
        let root = URLs.root(of: path)
        let toc = plan.chapters.map { c in
            TocChapter(id: c.id, heading: c.heading, sections: c.sections.map { TocSection(id: $0.id, heading: $0.heading) },
                       hasSections: !c.sections.isEmpty)
        }
        return PlanPageView(page: page(path: path, title: plan.title), labels: labels.values, plan: planSummary(plan, root: root), source: plan.source,
            sourceURL: plan.source.hasPrefix("https://") || plan.source.hasPrefix("http://") ? plan.source : nil,
            sourceNote: opt(plan.sourceNote), notes: plan.notes, hasNotes: !plan.notes.isEmpty, toc: toc,
            segments: segments(plan, commitments: CommitmentExtractor.extract(plan: plan), root: root), indicatorGroups: indicatorGroups(plan.indicators, root: root),
            hasIndicators: !plan.indicators.isEmpty)
    }

    /// The plan's text in order; the blocks of each unit are grouped so the template can wrap
    /// them with the unit's anchor and its departments, indicators and commitments.
    func segments(_ plan: Plan, commitments: [String: [Commitment]], root: String) -> [SegmentView] {
        var result: [SegmentView] = []
        var pendingText: [String] = []
        var currentUnit: String?
        var unitHTML: [String] = []
        let units = Dictionary(uniqueKeysWithValues: plan.units.map { ($0.id, $0) })
        func flushText() {
            if !pendingText.isEmpty { result.append(SegmentView(unit: nil, html: pendingText.joined(separator: "\n"))) }
            pendingText = []
        }
        func flushUnit() {
            if let id = currentUnit, let unit = units[id] {
                result.append(SegmentView(unit: unitView(plan, unit, html: unitHTML.joined(separator: "\n"),
                                                                 commitments: commitments["\(plan.id)/\(unit.id)"] ?? [], root: root), html: ""))
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
            case .sectionHeading(let id) where units[id] != nil:
                // A task-less section: its heading opens the unit.
                flushUnit()
                flushText()
                currentUnit = id
                unitHTML = [html]
            case .text, .chapterHeading, .sectionHeading:
                flushUnit()
                pendingText.append(html)
            }
        }
        flushUnit()
        flushText()
        return result
    }

    func unitView(_ plan: Plan, _ unit: WorkUnit, html: String, commitments: [Commitment], root: String) -> UnitView {
        let assignments = site.unitAssignments[plan.id, unit.id] ?? []
        let leads = chips(assignments, role: .lead, root: root)
        let cos = chips(assignments, role: .co, root: root)
        let indicators = (site.unitIndicators[plan.id, unit.id] ?? []).compactMap { link -> IndicatorChip? in
            guard let indicator = site.indicators[link.indicatorKey] else { return nil }
            return IndicatorChip(name: indicator.name, url: root + URLs.indicator(link.indicatorKey),
                                 status: labels.status(status(of: link.indicatorKey)), automatic: link.how == .automatic)
        }
        let commitmentViews = commitments.map { c in
            CommitmentView(text: c.text, year: String(c.year), value: c.value,
                           indicator: c.indicatorKey.flatMap { k in site.indicators[k].map { Link(text: $0.name, url: root + URLs.indicator(k)) } })
        }
        let report = plan.reports.filter { $0.taskID == unit.id }.max { $0.period < $1.period }
        // The unit's own anchor goes on the wrapper: drop a heading id equal to it.
        let body = html.replacingBytes(of: " id=\"\(unit.id)\"", with: "")
        return UnitView(id: unit.id, label: unit.label, title: unit.title, isTask: unit.kind == .task, leads: leads, cos: cos,
                        hasLeads: !leads.isEmpty, hasCos: !cos.isEmpty, hasDepartments: !(leads.isEmpty && cos.isEmpty), indicators: indicators, hasIndicators: !indicators.isEmpty,
                        commitments: commitmentViews, hasCommitments: !commitmentViews.isEmpty,
                        report: report.map { "\($0.period) \(labels["report-\($0.status.rawValue)"])" + ($0.note.isEmpty ? "" : "：\($0.note)") } ?? labels["no-report"],
                        reportSource: report?.source, hasReport: report != nil, html: body)
    }

    /// `href="indicator:ID"` from the plan text becomes a link to the indicator's page: ID is
    /// an indicator of this plan, or PLAN/ID of any plan; unknown targets stay as written.
    /// One pass over the HTML (it used to scan every indicator of the site per block).
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
                                  indicatorCount: site.departmentIndicators[d.key]?.count ?? 0)
            }.sorted { ($1.leadCount + $1.coCount, $0.name) < ($0.leadCount + $0.coCount, $1.name) }
            let charted = rows.filter { $0.leadCount + $0.coCount > 0 }
            let chart = StackedBarChart(
                id: "departments-\(region.id)", title: "\(region.name) \(labels["chart-departments"])",
                series: [.init(name: labels["lead"], fill: "#1f4e79", hatched: false), .init(name: labels["co"], fill: "#5b9bd5", hatched: true)],
                rows: charted.map { .init(label: $0.name, values: [$0.leadCount, $0.coCount]) })
            return RegionDepartmentsView(name: region.name, id: region.id, departments: rows,
                                         chart: charted.isEmpty ? "" : chart.svg(), hasChart: !charted.isEmpty)
        }
        return DepartmentIndexView(page: page(path: path, title: labels["departments"]), labels: labels.values, regions: regions)
    }

    func departmentPage(_ d: Department) -> DepartmentPageView {
        let path = URLs.department(d.key)
        let root = URLs.root(of: path)
        // Group the department's units by plan once instead of filtering per plan; within a
        // plan they are listed in document order.
        let leadsByPlan = Dictionary(grouping: site.departmentLeadUnits.refs(d.key), by: \.plan)
        let cosByPlan = Dictionary(grouping: site.departmentCoUnits.refs(d.key), by: \.plan)
        let plans = site.content.plans.indices.compactMap { p -> DepartmentPlanView? in
            let planLeads = leadsByPlan[Int32(p)] ?? []
            let planCos = cosByPlan[Int32(p)] ?? []
            guard !planLeads.isEmpty || !planCos.isEmpty else { return nil }
            let plan = site.content.plans[p]
            let l = planLeads.sorted { $0.unit < $1.unit }.map { taskLink($0, root: root) }
            let c = planCos.sorted { $0.unit < $1.unit }.map { taskLink($0, root: root) }
            return DepartmentPlanView(plan: Link(text: plan.title, url: root + URLs.plan(plan.id)), leads: l, cos: c,
                                      hasLeads: !l.isEmpty, hasCos: !c.isEmpty)
        }
        let indicators = (site.departmentIndicators[d.key] ?? []).compactMap { site.indicators[$0] }.map { indicatorRow($0, root: root) }
        return DepartmentPageView(page: page(path: path, title: d.name), labels: labels.values, name: d.name, region: regionName(d.regionID),
                                  kind: labels.kind(d.kind), aliases: opt(d.aliases.joined(separator: "、")), note: opt(d.note),
                                  plans: plans, hasPlans: !plans.isEmpty, indicators: indicators, hasIndicators: !indicators.isEmpty)
    }

    func indicatorIndex() -> IndicatorIndexView {
        let path = URLs.indicators
        let root = URLs.root(of: path)
        let plans = site.content.plans.filter { !$0.indicators.isEmpty }.map { plan in
            IndicatorIndexPlanView(plan: Link(text: plan.title, url: root + URLs.plan(plan.id) + "#indicator-table"),
                                   region: regionName(plan.regionID), indicatorCount: plan.indicators.count,
                                   domains: byDomain(plan.indicators).map { DomainCountView(name: $0.heading, count: $0.indicators.count) })
        }
        return IndicatorIndexView(page: page(path: path, title: labels["indicators"]), labels: labels.values, plans: plans)
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
                baseline: t.baselineValue.map { SVGText.number($0) + (t.baselineYear.map { "（\($0)）" } ?? "") } ?? labels["not-reported"],
                compared: t.observation.map { "\($0.value.raw)（\($0.year)，\(labels.basis($0.basis))）" } ?? labels["not-reported"],
                progress: percent(t.progress), elapsed: percent(t.elapsed),
                growthRatio: t.growthRatio.map { SVGText.number($0, digits: 2) } ?? "",
                otherBasis: opt(t.otherBasis.map { "\($0.year)：\($0.value.raw)（\(labels.basis($0.basis))）" }.joined(separator: "；")))
        }
        let headline = evaluation?.headline
        let unitSuffix = indicator.unit == "-" ? "" : indicator.unit
        let bullet = BulletChart(
            id: "bullet-\(indicator.id)", title: "\(indicator.name) \(labels["chart-bullet"])", unit: unitSuffix,
            baseline: headline?.baselineValue.map { (labels["baseline"] + (headline?.baselineYear.map { "\($0)" } ?? ""), $0) },
            target: headline.flatMap { h in h.target.value.number.map { (labels["target"] + "\(h.target.year)", $0) } },
            latest: headline?.observation.flatMap { o in o.value.number.map { (labels["latest"] + "\(o.year)", $0) } },
            status: headline.map { StatusMark(symbol: Labels.symbols[$0.status] ?? "", label: labels["status-\($0.status.rawValue)"], cssClass: $0.status.rawValue) })
        let annual = observations.filter { $0.basis == .annual }.compactMap { o in o.value.number.map { LineChart.Point(year: o.year, value: $0, label: o.value.raw) } }
        let targetPoints = indicator.targets.compactMap { t in t.value.number.map { LineChart.Point(year: t.year, value: $0, label: Self.shortValue(t.value)) } }
        let line = LineChart(id: "line-\(indicator.id)", title: "\(indicator.name) \(labels["chart-observations"])",
                             unit: unitSuffix, points: annual, targets: targetPoints)
        let tasks = site.indicatorUnits.refs(indicator.key).map { taskLink($0, root: root) }
        let assignments = site.indicatorAssignments[indicator.key] ?? []
        let related = (metricKey.flatMap { site.metricIndicators[$0] } ?? []).filter { $0 != indicator.key }
            .compactMap { site.indicators[$0] }.map { indicatorRow($0, root: root) }
        let row = indicatorRow(indicator, root: root)
        let hasBulletData = headline?.target.value.number != nil || headline?.observation != nil
        return IndicatorPageView(page: page(path: path, title: indicator.name), labels: labels.values, row: row, plan: row.plan,
            metric: metric.map { "\($0.name)" + ($0.unit.isEmpty ? "" : "（\($0.unit)）") },
            source: indicator.source, note: opt(indicator.note), evaluations: evaluationViews,
            observations: observations.map { ObservationView(year: $0.year, value: $0.value.raw, basis: labels.basis($0.basis), source: $0.source, note: $0.note) },
            hasObservations: !observations.isEmpty,
            observationsCSV: DataExport.observationsDataURL(observations, unit: metric?.unit ?? ""),
            bulletChart: hasBulletData ? bullet.svg() : nil,
            lineChart: annual.count + targetPoints.count >= 2 ? line.svg() : "", hasLineChart: annual.count + targetPoints.count >= 2,
            tasks: tasks, hasTasks: !tasks.isEmpty, departments: row.departments,
            leadDepartments: chips(assignments, role: .lead, root: root), coDepartments: chips(assignments, role: .co, root: root),
            hasDepartments: !assignments.isEmpty, related: related, hasRelated: !related.isEmpty)
    }

    func progressPage() -> ProgressPageView {
        let path = URLs.progress
        let root = URLs.root(of: path)
        let allKeys = site.content.plans.flatMap { $0.indicators.map(\.key) }
        let plans = site.content.plans.map { plan in
            ProgressRowView(plan: Link(text: plan.title, url: root + URLs.progress(plan.id)), region: regionName(plan.regionID),
                            indicatorCount: plan.indicators.count, statusCounts: statusCounts(plan.indicators.map(\.key)))
        }
        return ProgressPageView(page: page(path: path, title: labels["progress"]), labels: labels.values, totals: statusCounts(allKeys),
                                totalChart: statusChart(id: "status-all", title: labels["chart-status"], keys: allKeys),
                                statuses: ProgressStatus.allCases.map { labels.status($0) }, plans: plans)
    }

    func progressPlanPage(_ plan: Plan) -> ProgressPlanView {
        let path = URLs.progress(plan.id)
        let root = URLs.root(of: path)
        let byStatus = ProgressStatus.allCases.compactMap { s -> IndicatorGroupView? in
            let rows = plan.indicators.filter { status(of: $0.key) == s }.map { indicatorRow($0, root: root) }
            return rows.isEmpty ? nil : IndicatorGroupView(heading: "\(Labels.symbols[s] ?? "") \(labels["status-\(s.rawValue)"])", rows: rows)
        }
        let latestReports = Dictionary(grouping: plan.reports, by: \.taskID).compactMapValues { $0.max { $0.period < $1.period } }
        let reportCounts = TaskStatus.allCases.map { s in
            StatusCountView(status: StatusView(key: s.rawValue, symbol: "", label: labels["report-\(s.rawValue)"]),
                            count: latestReports.values.filter { $0.status == s }.count)
        }
        return ProgressPlanView(page: page(path: path, title: "\(plan.title) · \(labels["progress"])"), labels: labels.values,
                                plan: planSummary(plan, root: root), overviewURL: root + URLs.progress, groups: byStatus,
                                taskReports: reportCounts, hasTaskReports: !latestReports.isEmpty,
                                unreportedTasks: plan.units.count - latestReports.count)
    }
}

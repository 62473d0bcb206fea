import Mustache

// Field lookup for the views of Views.swift without reflection.
//
// swift-mustache resolves every {{name}} by asking each object on the context stack for a
// child of that name; for a plain struct it builds a Mirror of the whole value (boxing every
// stored property) on each try, which was the largest cost of `plansite build`. A
// `MustacheParent` answers with a switch instead. Each view has one case per stored
// property, returning what the Mirror gave (an Optional property that is nil gives nil), with
// strings as `RenderedText` (see `wrap` at the end). When a property is added to a view in Views.swift it must be added here too: debug
// builds (all tests) stop with an assertion when a template asks for a property that a
// view has but its switch lacks.

extension MustacheParent {
    /// The answer for a name a view does not have; checks that it really has no such property.
    func noChild(_ name: String) -> Any? {
        assert(!Mirror(reflecting: self).children.contains { $0.label == name },
               "\(type(of: self)) has a property '\(name)' that its MustacheParent switch lacks (ViewLookup.swift)")
        return nil
    }
}

extension PageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "root": return wrap(self.root)
        case "siteTitle": return wrap(self.siteTitle)
        case "organisation": return wrap(self.organisation)
        case "dataAsOf": return wrap(self.dataAsOf)
        case "dataThrough": return wrap(self.dataThrough)
        case "language": return wrap(self.language)
        case "pageTitle": return wrap(self.pageTitle)
        case "labels": return wrap(self.labels)
        case "fullTitle": return wrap(self.fullTitle)
        case "breadcrumbs": return wrap(self.breadcrumbs)
        case "hasBreadcrumbs": return wrap(self.hasBreadcrumbs)
        case "crumb": return wrap(self.crumb)
        case "nav": return wrap(self.nav)
        case "dateLabel": return wrap(self.dateLabel)
        case "date": return wrap(self.date)
        case "identification": return wrap(self.identification)
        case "hasIdentification": return wrap(self.hasIdentification)
        default: return noChild(name)
        }
    }
}

extension Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return wrap(self.text)
        case "url": return wrap(self.url)
        default: return noChild(name)
        }
    }
}

extension StatusView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": return wrap(self.key)
        case "symbol": return wrap(self.symbol)
        case "label": return wrap(self.label)
        default: return noChild(name)
        }
    }
}

extension StatusCountView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "status": return wrap(self.status)
        case "count": return wrap(self.count)
        case "nonZero": return wrap(self.nonZero)
        default: return noChild(name)
        }
    }
}

extension DepartmentChip: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "url": return wrap(self.url)
        case "written": return wrap(self.written)
        case "differs": return wrap(self.differs)
        default: return noChild(name)
        }
    }
}

extension IndicatorChip: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "url": return wrap(self.url)
        case "status": return wrap(self.status)
        case "automatic": return wrap(self.automatic)
        default: return noChild(name)
        }
    }
}

extension UnitView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return wrap(self.id)
        case "label": return wrap(self.label)
        case "title": return wrap(self.title)
        case "isTask": return wrap(self.isTask)
        case "leads": return wrap(self.leads)
        case "cos": return wrap(self.cos)
        case "hasLeads": return wrap(self.hasLeads)
        case "hasCos": return wrap(self.hasCos)
        case "hasDepartments": return wrap(self.hasDepartments)
        case "indicators": return wrap(self.indicators)
        case "hasIndicators": return wrap(self.hasIndicators)
        case "report": return wrap(self.report)
        case "reportSource": return wrap(self.reportSource)
        case "hasReport": return wrap(self.hasReport)
        case "html": return wrap(self.html)
        default: return noChild(name)
        }
    }
}

extension SegmentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "unit": return wrap(self.unit)
        case "html": return wrap(self.html)
        default: return noChild(name)
        }
    }
}

extension TocSection: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return wrap(self.id)
        case "heading": return wrap(self.heading)
        default: return noChild(name)
        }
    }
}

extension TocChapter: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return wrap(self.id)
        case "heading": return wrap(self.heading)
        case "sections": return wrap(self.sections)
        case "hasSections": return wrap(self.hasSections)
        default: return noChild(name)
        }
    }
}

extension IndicatorRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return wrap(self.id)
        case "url": return wrap(self.url)
        case "number": return wrap(self.number)
        case "group": return wrap(self.group)
        case "domain": return wrap(self.domain)
        case "name": return wrap(self.name)
        case "nameSource": return wrap(self.nameSource)
        case "unit": return wrap(self.unit)
        case "nature": return wrap(self.nature)
        case "baseline": return wrap(self.baseline)
        case "targets": return wrap(self.targets)
        case "latest": return wrap(self.latest)
        case "status": return wrap(self.status)
        case "progress": return wrap(self.progress)
        case "reported": return wrap(self.reported)
        case "plan": return wrap(self.plan)
        case "departments": return wrap(self.departments)
        default: return noChild(name)
        }
    }
}

extension IndicatorGroupView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": return wrap(self.heading)
        case "rows": return wrap(self.rows)
        default: return noChild(name)
        }
    }
}

extension PlanSummaryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return wrap(self.id)
        case "title": return wrap(self.title)
        case "shortTitle": return wrap(self.shortTitle)
        case "url": return wrap(self.url)
        case "region": return wrap(self.region)
        case "period": return wrap(self.period)
        case "docNumber": return wrap(self.docNumber)
        case "issuer": return wrap(self.issuer)
        case "issueDate": return wrap(self.issueDate)
        case "taskCount": return wrap(self.taskCount)
        case "unitCount": return wrap(self.unitCount)
        case "indicatorCount": return wrap(self.indicatorCount)
        case "statusCounts": return wrap(self.statusCounts)
        case "reviewIndicatorCount": return wrap(self.reviewIndicatorCount)
        case "reviewCounts": return wrap(self.reviewCounts)
        case "hasReview": return wrap(self.hasReview)
        case "reviewGroupNames": return wrap(self.reviewGroupNames)
        case "dataThrough": return wrap(self.dataThrough)
        case "statusChart": return wrap(self.statusChart)
        case "assignedUnitCount": return wrap(self.assignedUnitCount)
        case "progressURL": return wrap(self.progressURL)
        default: return noChild(name)
        }
    }
}

extension PlanPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "plan": return wrap(self.plan)
        case "hasAutomaticLinks": return wrap(self.hasAutomaticLinks)
        case "source": return wrap(self.source)
        case "sourceURL": return wrap(self.sourceURL)
        case "sourceNote": return wrap(self.sourceNote)
        case "notes": return wrap(self.notes)
        case "hasNotes": return wrap(self.hasNotes)
        case "toc": return wrap(self.toc)
        case "segments": return wrap(self.segments)
        case "indicatorGroups": return wrap(self.indicatorGroups)
        case "reviewGroups": return wrap(self.reviewGroups)
        case "hasIndicators": return wrap(self.hasIndicators)
        default: return noChild(name)
        }
    }
}

extension HomeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "plans": return wrap(self.plans)
        case "departmentCount": return wrap(self.departmentCount)
        case "indicatorCount": return wrap(self.indicatorCount)
        case "taskCount": return wrap(self.taskCount)
        default: return noChild(name)
        }
    }
}

extension DepartmentRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "url": return wrap(self.url)
        case "kind": return wrap(self.kind)
        case "leadCount": return wrap(self.leadCount)
        case "coCount": return wrap(self.coCount)
        case "indicatorCount": return wrap(self.indicatorCount)
        case "mentionCount": return wrap(self.mentionCount)
        default: return noChild(name)
        }
    }
}

extension RegionDepartmentsView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "id": return wrap(self.id)
        case "departments": return wrap(self.departments)
        case "chart": return wrap(self.chart)
        case "hasChart": return wrap(self.hasChart)
        case "assignsAny": return wrap(self.assignsAny)
        default: return noChild(name)
        }
    }
}

extension DepartmentIndexView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "regions": return wrap(self.regions)
        case "assignsNothing": return wrap(self.assignsNothing)
        default: return noChild(name)
        }
    }
}

extension TaskLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return wrap(self.label)
        case "title": return wrap(self.title)
        case "url": return wrap(self.url)
        case "id": return wrap(self.id)
        default: return noChild(name)
        }
    }
}

extension DepartmentPlanView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return wrap(self.plan)
        case "leads": return wrap(self.leads)
        case "cos": return wrap(self.cos)
        case "hasLeads": return wrap(self.hasLeads)
        case "hasCos": return wrap(self.hasCos)
        default: return noChild(name)
        }
    }
}

extension DepartmentPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "name": return wrap(self.name)
        case "region": return wrap(self.region)
        case "kind": return wrap(self.kind)
        case "aliases": return wrap(self.aliases)
        case "note": return wrap(self.note)
        case "plans": return wrap(self.plans)
        case "hasPlans": return wrap(self.hasPlans)
        case "indicators": return wrap(self.indicators)
        case "hasIndicators": return wrap(self.hasIndicators)
        case "mentions": return wrap(self.mentions)
        case "hasMentions": return wrap(self.hasMentions)
        case "hasNothing": return wrap(self.hasNothing)
        default: return noChild(name)
        }
    }
}

extension IndicatorIndexPlanView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return wrap(self.plan)
        case "region": return wrap(self.region)
        case "indicatorCount": return wrap(self.indicatorCount)
        case "domains": return wrap(self.domains)
        default: return noChild(name)
        }
    }
}

extension DomainCountView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "count": return wrap(self.count)
        default: return noChild(name)
        }
    }
}

extension RowsOnDemand: MustacheSequence {}

extension IndicatorIndexView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "plans": return wrap(self.plans)
        case "indicators": return wrap(self.indicators)
        case "statuses": return wrap(self.statuses)
        case "regions": return wrap(self.regions)
        case "planChoices": return wrap(self.planChoices)
        default: return noChild(name)
        }
    }
}

extension TargetEvaluationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": return wrap(self.year)
        case "value": return wrap(self.value)
        case "status": return wrap(self.status)
        case "explanation": return wrap(self.explanation)
        case "baseline": return wrap(self.baseline)
        case "compared": return wrap(self.compared)
        case "progress": return wrap(self.progress)
        case "elapsed": return wrap(self.elapsed)
        case "growthRatio": return wrap(self.growthRatio)
        case "otherBasis": return wrap(self.otherBasis)
        default: return noChild(name)
        }
    }
}

extension ObservationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": return wrap(self.year)
        case "value": return wrap(self.value)
        case "basis": return wrap(self.basis)
        case "source": return wrap(self.source)
        case "note": return wrap(self.note)
        default: return noChild(name)
        }
    }
}

extension IndicatorPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "row": return wrap(self.row)
        case "plan": return wrap(self.plan)
        case "region": return wrap(self.region)
        case "metric": return wrap(self.metric)
        case "source": return wrap(self.source)
        case "note": return wrap(self.note)
        case "evaluations": return wrap(self.evaluations)
        case "observations": return wrap(self.observations)
        case "hasObservations": return wrap(self.hasObservations)
        case "observationsCSV": return wrap(self.observationsCSV)
        case "bulletChart": return wrap(self.bulletChart)
        case "lineChart": return wrap(self.lineChart)
        case "hasLineChart": return wrap(self.hasLineChart)
        case "noChart": return wrap(self.noChart)
        case "tasks": return wrap(self.tasks)
        case "hasTasks": return wrap(self.hasTasks)
        case "departments": return wrap(self.departments)
        case "leadDepartments": return wrap(self.leadDepartments)
        case "coDepartments": return wrap(self.coDepartments)
        case "hasDepartments": return wrap(self.hasDepartments)
        case "related": return wrap(self.related)
        case "hasRelated": return wrap(self.hasRelated)
        default: return noChild(name)
        }
    }
}

extension ProgressPlanView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "plan": return wrap(self.plan)
        case "overviewURL": return wrap(self.overviewURL)
        case "groups": return wrap(self.groups)
        case "reviewGroups": return wrap(self.reviewGroups)
        case "taskReports": return wrap(self.taskReports)
        case "hasTaskReports": return wrap(self.hasTaskReports)
        case "unreportedTasks": return wrap(self.unreportedTasks)
        default: return noChild(name)
        }
    }
}

extension ProgressRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return wrap(self.plan)
        case "region": return wrap(self.region)
        case "indicatorCount": return wrap(self.indicatorCount)
        case "statusCounts": return wrap(self.statusCounts)
        default: return noChild(name)
        }
    }
}

extension ProgressPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "totals": return wrap(self.totals)
        case "totalChart": return wrap(self.totalChart)
        case "statuses": return wrap(self.statuses)
        case "plans": return wrap(self.plans)
        case "reviews": return wrap(self.reviews)
        case "hasReviews": return wrap(self.hasReviews)
        default: return noChild(name)
        }
    }
}

extension SearchPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "kindsJSON": return wrap(self.kindsJSON)
        case "indexJSON": return wrap(self.indexJSON)
        default: return noChild(name)
        }
    }
}

extension DataDictionaryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "licence": return wrap(self.licence)
        case "dataAsOf": return wrap(self.dataAsOf)
        case "sources": return wrap(self.sources)
        case "tables": return wrap(self.tables)
        default: return noChild(name)
        }
    }
}

extension DataTableView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "title": return wrap(self.title)
        case "description": return wrap(self.description)
        case "key": return wrap(self.key)
        case "columns": return wrap(self.columns)
        case "csv": return wrap(self.csv)
        case "json": return wrap(self.json)
        case "planFiles": return wrap(self.planFiles)
        case "hasPlanFiles": return wrap(self.hasPlanFiles)
        default: return noChild(name)
        }
    }
}

extension DataFileView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": return wrap(self.title)
        case "csv": return wrap(self.csv)
        case "json": return wrap(self.json)
        default: return noChild(name)
        }
    }
}

extension DataColumnView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "type": return wrap(self.type)
        case "meaning": return wrap(self.meaning)
        case "unit": return wrap(self.unit)
        case "values": return wrap(self.values)
        default: return noChild(name)
        }
    }
}

extension NavItem: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return wrap(self.text)
        case "url": return wrap(self.url)
        case "current": return wrap(self.current)
        case "inSection": return wrap(self.inSection)
        default: return noChild(name)
        }
    }
}

extension FooterField: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return wrap(self.label)
        case "value": return wrap(self.value)
        case "url": return wrap(self.url)
        default: return noChild(name)
        }
    }
}

extension MentionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "task": return wrap(self.task)
        case "excerpt": return wrap(self.excerpt)
        default: return noChild(name)
        }
    }
}

extension DepartmentMentionsView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return wrap(self.plan)
        case "mentions": return wrap(self.mentions)
        default: return noChild(name)
        }
    }
}

extension IndicatorListRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "row": return wrap(self.row)
        case "region": return wrap(self.region)
        case "regionID": return wrap(self.regionID)
        case "planID": return wrap(self.planID)
        default: return noChild(name)
        }
    }
}

extension SitemapView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "plans": return wrap(self.plans)
        case "regions": return wrap(self.regions)
        default: return noChild(name)
        }
    }
}

extension SitemapPlanView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return wrap(self.plan)
        case "region": return wrap(self.region)
        case "progress": return wrap(self.progress)
        case "hasIndicators": return wrap(self.hasIndicators)
        case "indicatorTable": return wrap(self.indicatorTable)
        default: return noChild(name)
        }
    }
}

extension SitemapRegionView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return wrap(self.name)
        case "departments": return wrap(self.departments)
        default: return noChild(name)
        }
    }
}

/// A string as the views hand it to swift-mustache. A plain `String` in an `Any` is rendered
/// after four failed casts and `String(describing:)`; a `MustacheCustomRenderable` is taken at
/// the second cast (3 % of a build's CPU). It renders, counts as a value in sections and takes
/// the transforms (`{{uppercased(name)}}`) exactly as the string does.
struct RenderedText: MustacheCustomRenderable, MustacheTransformable {
    let renderText: String
    var isNull: Bool { false }
    func transform(_ name: String) -> Any? { renderText.transform(name) }
}

/// What each case of the switches returns: strings as `RenderedText`; a nil Optional as nil
/// (so that the lookup goes on down the context stack, as it does for a nil property read
/// through a Mirror); everything else as it is.
@inline(__always) func wrap(_ value: String) -> Any? { RenderedText(renderText: value) }
@inline(__always) func wrap(_ value: String?) -> Any? { value.map { RenderedText(renderText: $0) } }
@inline(__always) func wrap<T>(_ value: T?) -> Any? { guard let value else { return nil }; return value }
@inline(__always) func wrap<T>(_ value: T) -> Any? { value }

import Mustache

// Field lookup for the view structs of Views.swift without reflection (issue 6).
//
// swift-mustache resolves every {{name}} by asking each object on the context stack for a
// child of that name; for a plain struct it builds a Mirror of the whole value (boxing every
// stored property) on each try, which was the largest cost of `plansite build`. A
// `MustacheParent` answers with a switch instead. Each view has one case per stored
// property, returning exactly what the Mirror gave (an Optional property that is nil gives
// nil). When a property is added to a view in Views.swift it must be added here too: debug
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
        case "root": return self.root
        case "siteTitle": return self.siteTitle
        case "organisation": return self.organisation
        case "dataAsOf": return self.dataAsOf
        case "language": return self.language
        case "pageTitle": return self.pageTitle
        case "labels": return self.labels
        default: return noChild(name)
        }
    }
}

extension Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return self.text
        case "url": return self.url
        default: return noChild(name)
        }
    }
}

extension StatusView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": return self.key
        case "symbol": return self.symbol
        case "label": return self.label
        default: return noChild(name)
        }
    }
}

extension StatusCountView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "status": return self.status
        case "count": return self.count
        case "nonZero": return self.nonZero
        default: return noChild(name)
        }
    }
}

extension DepartmentChip: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "url": return self.url
        case "written": return self.written
        case "differs": return self.differs
        default: return noChild(name)
        }
    }
}

extension IndicatorChip: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "url": return self.url
        case "status": return self.status
        case "automatic": return self.automatic
        default: return noChild(name)
        }
    }
}

extension CommitmentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return self.text
        case "year": return self.year
        case "value": return self.value
        case "indicator": return self.indicator
        default: return noChild(name)
        }
    }
}

extension UnitView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "label": return self.label
        case "title": return self.title
        case "isTask": return self.isTask
        case "leads": return self.leads
        case "cos": return self.cos
        case "hasLeads": return self.hasLeads
        case "hasCos": return self.hasCos
        case "hasDepartments": return self.hasDepartments
        case "indicators": return self.indicators
        case "hasIndicators": return self.hasIndicators
        case "commitments": return self.commitments
        case "hasCommitments": return self.hasCommitments
        case "report": return self.report
        case "reportSource": return self.reportSource
        case "hasReport": return self.hasReport
        case "html": return self.html
        default: return noChild(name)
        }
    }
}

extension SegmentView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "unit": return self.unit
        case "html": return self.html
        default: return noChild(name)
        }
    }
}

extension TocSection: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "heading": return self.heading
        default: return noChild(name)
        }
    }
}

extension TocChapter: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "heading": return self.heading
        case "sections": return self.sections
        case "hasSections": return self.hasSections
        default: return noChild(name)
        }
    }
}

extension IndicatorRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "url": return self.url
        case "number": return self.number
        case "group": return self.group
        case "domain": return self.domain
        case "name": return self.name
        case "unit": return self.unit
        case "nature": return self.nature
        case "baseline": return self.baseline
        case "targets": return self.targets
        case "latest": return self.latest
        case "status": return self.status
        case "progress": return self.progress
        case "reported": return self.reported
        case "plan": return self.plan
        case "departments": return self.departments
        default: return noChild(name)
        }
    }
}

extension IndicatorGroupView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "heading": return self.heading
        case "rows": return self.rows
        default: return noChild(name)
        }
    }
}

extension PlanSummaryView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return self.id
        case "title": return self.title
        case "url": return self.url
        case "region": return self.region
        case "period": return self.period
        case "docNumber": return self.docNumber
        case "issuer": return self.issuer
        case "issueDate": return self.issueDate
        case "taskCount": return self.taskCount
        case "unitCount": return self.unitCount
        case "indicatorCount": return self.indicatorCount
        case "statusCounts": return self.statusCounts
        case "statusChart": return self.statusChart
        case "assignedUnitCount": return self.assignedUnitCount
        default: return noChild(name)
        }
    }
}

extension PlanPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "plan": return self.plan
        case "source": return self.source
        case "sourceURL": return self.sourceURL
        case "sourceNote": return self.sourceNote
        case "notes": return self.notes
        case "hasNotes": return self.hasNotes
        case "toc": return self.toc
        case "segments": return self.segments
        case "indicatorGroups": return self.indicatorGroups
        case "hasIndicators": return self.hasIndicators
        default: return noChild(name)
        }
    }
}

extension HomeView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "plans": return self.plans
        case "departmentCount": return self.departmentCount
        case "indicatorCount": return self.indicatorCount
        case "taskCount": return self.taskCount
        default: return noChild(name)
        }
    }
}

extension DepartmentRowView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "url": return self.url
        case "kind": return self.kind
        case "leadCount": return self.leadCount
        case "coCount": return self.coCount
        case "indicatorCount": return self.indicatorCount
        default: return noChild(name)
        }
    }
}

extension RegionDepartmentsView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": return self.name
        case "id": return self.id
        case "departments": return self.departments
        case "chart": return self.chart
        case "hasChart": return self.hasChart
        default: return noChild(name)
        }
    }
}

extension DepartmentIndexView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "regions": return self.regions
        default: return noChild(name)
        }
    }
}

extension TaskLinkView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "label": return self.label
        case "title": return self.title
        case "url": return self.url
        case "id": return self.id
        default: return noChild(name)
        }
    }
}

extension DepartmentPlanView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return self.plan
        case "leads": return self.leads
        case "cos": return self.cos
        case "hasLeads": return self.hasLeads
        case "hasCos": return self.hasCos
        default: return noChild(name)
        }
    }
}

extension DepartmentPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "name": return self.name
        case "region": return self.region
        case "kind": return self.kind
        case "aliases": return self.aliases
        case "note": return self.note
        case "plans": return self.plans
        case "hasPlans": return self.hasPlans
        case "indicators": return self.indicators
        case "hasIndicators": return self.hasIndicators
        default: return noChild(name)
        }
    }
}

extension IndicatorIndexPlanView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return self.plan
        case "groups": return self.groups
        default: return noChild(name)
        }
    }
}

extension IndicatorIndexView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "plans": return self.plans
        default: return noChild(name)
        }
    }
}

extension TargetEvaluationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": return self.year
        case "value": return self.value
        case "status": return self.status
        case "explanation": return self.explanation
        case "baseline": return self.baseline
        case "compared": return self.compared
        case "progress": return self.progress
        case "elapsed": return self.elapsed
        case "growthRatio": return self.growthRatio
        case "otherBasis": return self.otherBasis
        default: return noChild(name)
        }
    }
}

extension ObservationView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "year": return self.year
        case "value": return self.value
        case "basis": return self.basis
        case "source": return self.source
        case "note": return self.note
        default: return noChild(name)
        }
    }
}

extension IndicatorPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "row": return self.row
        case "plan": return self.plan
        case "metric": return self.metric
        case "source": return self.source
        case "note": return self.note
        case "evaluations": return self.evaluations
        case "observations": return self.observations
        case "hasObservations": return self.hasObservations
        case "bulletChart": return self.bulletChart
        case "lineChart": return self.lineChart
        case "hasLineChart": return self.hasLineChart
        case "tasks": return self.tasks
        case "hasTasks": return self.hasTasks
        case "departments": return self.departments
        case "leadDepartments": return self.leadDepartments
        case "coDepartments": return self.coDepartments
        case "hasDepartments": return self.hasDepartments
        case "related": return self.related
        case "hasRelated": return self.hasRelated
        default: return noChild(name)
        }
    }
}

extension ProgressPlanView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "plan": return self.plan
        case "groups": return self.groups
        case "taskReports": return self.taskReports
        case "hasTaskReports": return self.hasTaskReports
        case "unreportedTasks": return self.unreportedTasks
        default: return noChild(name)
        }
    }
}

extension ProgressPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "totals": return self.totals
        case "totalChart": return self.totalChart
        case "plans": return self.plans
        default: return noChild(name)
        }
    }
}

extension SearchPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return self.page
        case "labels": return self.labels
        case "kindsJSON": return self.kindsJSON
        default: return noChild(name)
        }
    }
}

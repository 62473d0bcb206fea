import PlanModel

/// Content with every reference resolved, and the reverse indexes the pages need.
/// Keys: a unit is `planID/unitID`, an indicator `planID/indicatorID`, a department
/// `regionID/departmentID`, a metric `regionID/metricID`.
public struct LinkedSite: Sendable {
    public let content: SiteContent
    public internal(set) var unitAssignments: [String: [ResolvedAssignment]] = [:]
    public internal(set) var indicatorAssignments: [String: [ResolvedAssignment]] = [:]
    public internal(set) var unitIndicators: [String: [IndicatorLink]] = [:]
    public internal(set) var indicatorUnits: [String: [String]] = [:]
    public internal(set) var departmentLeadUnits: [String: [String]] = [:]
    public internal(set) var departmentCoUnits: [String: [String]] = [:]
    public internal(set) var departmentIndicators: [String: [String]] = [:]
    /// Metric → indicators (of any plan of the region) that measure it.
    public internal(set) var metricIndicators: [String: [String]] = [:]

    public let departments: [String: Department]
    public let indicators: [String: Indicator]
    public let units: [String: WorkUnit]
    public let metrics: [String: Metric]

    init(content: SiteContent) {
        self.content = content
        var departments: [String: Department] = [:]
        var metrics: [String: Metric] = [:]
        for region in content.regions {
            for d in region.departments { departments[d.key] = d }
            for m in region.metrics { metrics[m.key] = m }
        }
        var indicators: [String: Indicator] = [:]
        var units: [String: WorkUnit] = [:]
        for plan in content.plans {
            for i in plan.indicators { indicators[i.key] = i }
            for u in plan.units { units["\(plan.id)/\(u.id)"] = u }
        }
        self.departments = departments
        self.metrics = metrics
        self.indicators = indicators
        self.units = units
    }

    public func observations(forMetric key: String) -> [Observation] {
        guard let slash = key.firstIndex(of: "/") else { return [] }
        let regionID = String(key[..<slash])
        return content.region(regionID)?.observations.filter { $0.metricKey == key }.sorted { ($0.year, $0.source) < ($1.year, $1.source) } ?? []
    }

    public func metricKey(of indicator: Indicator) -> String? {
        guard !indicator.metricID.isEmpty, let plan = content.plan(indicator.planID) else { return nil }
        return "\(plan.regionID)/\(indicator.metricID)"
    }
}

public struct IndicatorLink: Sendable, Hashable {
    public enum How: String, Sendable { case explicit, automatic }
    public let indicatorKey: String
    public let how: How
}

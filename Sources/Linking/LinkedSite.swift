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
    public let metrics: [String: Metric]
    /// Plan id → index in `content.plans`.
    private let planIndex: [String: Int]
    /// Unit key → where the unit is in `content.plans` (not a copy of each unit: 115,000
    /// of them at 1,000 plans).
    private let unitIndex: [String: UnitPosition]
    private let observationsByMetric: [String: [Observation]]

    private struct UnitPosition: Sendable {
        let plan: Int32
        let unit: Int32
    }

    init(content: SiteContent) {
        self.content = content
        var departments: [String: Department] = [:]
        var metrics: [String: Metric] = [:]
        for region in content.regions {
            for d in region.departments { departments[d.key] = d }
            for m in region.metrics { metrics[m.key] = m }
        }
        var indicators: [String: Indicator] = [:]
        var plans: [String: Int] = [:]
        var units: [String: UnitPosition] = [:]
        units.reserveCapacity(content.plans.reduce(0) { $0 + $1.units.count })
        for (p, plan) in content.plans.enumerated() {
            if plans[plan.id] == nil { plans[plan.id] = p }
            for i in plan.indicators { indicators[i.key] = i }
            for (u, unit) in plan.units.enumerated() { units["\(plan.id)/\(unit.id)"] = UnitPosition(plan: Int32(p), unit: Int32(u)) }
        }
        self.departments = departments
        self.metrics = metrics
        self.indicators = indicators
        planIndex = plans
        unitIndex = units
        var observations: [String: [Observation]] = [:]
        for region in content.regions {   // region ids are folder names: no two alike
            for o in region.observations where o.regionID == region.id {
                observations[o.metricKey, default: []].append(o)
            }
        }
        observationsByMetric = observations.mapValues { $0.sorted { ($0.year, $0.source) < ($1.year, $1.source) } }
    }

    /// The plan with this id (the first, if two had it).
    public func plan(_ id: String) -> Plan? { planIndex[id].map { content.plans[$0] } }

    /// The unit with this key (`planID/unitID`).
    public func unit(_ key: String) -> WorkUnit? {
        unitIndex[key].map { content.plans[Int($0.plan)].units[Int($0.unit)] }
    }

    /// The observations of a metric (`regionID/metricID`), by year and source. One array per
    /// metric, shared by every indicator and evaluation that shows it.
    public func observations(forMetric key: String) -> [Observation] { observationsByMetric[key] ?? [] }

    public func metricKey(of indicator: Indicator) -> String? {
        guard !indicator.metricID.isEmpty, let plan = plan(indicator.planID) else { return nil }
        return "\(plan.regionID)/\(indicator.metricID)"
    }
}

public struct IndicatorLink: Sendable, Hashable {
    public enum How: String, Sendable { case explicit, automatic }
    public let indicatorKey: String
    public let how: How
}

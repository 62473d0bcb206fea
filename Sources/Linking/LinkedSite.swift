import PlanModel

/// Content with every reference resolved, and the reverse indexes the pages need.
/// Keys: a unit is `planID/unitID`, an indicator `planID/indicatorID`, a department
/// `regionID/departmentID`, a metric `regionID/metricID`.
public struct LinkedSite: Sendable {
    public let content: SiteContent
    /// The departments of each unit of each linked plan.
    public var unitAssignments: UnitValues<[ResolvedAssignment]> { perUnit { $0.assignments($1) } }
    /// The indicators each unit serves.
    public var unitIndicators: UnitValues<[IndicatorLink]> { perUnit { $0.indicators($1) } }
    /// Indicator key → the units linked to it, in plan and unit order.
    public var indicatorUnits: UnitLists { UnitLists(directory: directory, lists: indicatorUnitRefs) }
    /// Department key → the units it leads, sorted by unit key.
    public var departmentLeadUnits: UnitLists { UnitLists(directory: directory, lists: departmentLeadRefs) }
    /// Department key → the units it shares, sorted by unit key.
    public var departmentCoUnits: UnitLists { UnitLists(directory: directory, lists: departmentCoRefs) }
    public internal(set) var indicatorAssignments: [String: [ResolvedAssignment]] = [:]
    public internal(set) var departmentIndicators: [String: [String]] = [:]
    /// Department key → the passages of plan text that name it in units that do not assign it,
    /// in plan and unit order.
    public internal(set) var departmentPassages: [String: [DepartmentPassage]] = [:]
    /// Metric → indicators (of any plan of the region) that measure it.
    public internal(set) var metricIndicators: [String: [String]] = [:]

    // What units link to is held per plan (`PlanUnitLinks`), and units are named by
    // position (`UnitRef`, ordinals), not by key strings in dictionaries.
    /// Per plan (in `content.plans` order), what its units link to.
    var unitLinks: [PlanUnitLinks] = []
    /// The reverse lists, units as ordinals (`UnitDirectory.ordinal`: 4 bytes, not 8).
    var indicatorUnitRefs: [String: [UInt32]] = [:]
    var departmentLeadRefs: [String: [UInt32]] = [:]
    var departmentCoRefs: [String: [UInt32]] = [:]

    public let departments: [String: Department]
    /// Indicator key → indicator, found in the plans (not copied out of them).
    public let indicators: IndicatorTable
    public let metrics: [String: Metric]
    /// Finds plans and units by id and key.
    public let directory: UnitDirectory
    private let observationsByMetric: [String: [Observation]]

    init(content: SiteContent) {
        self.content = content
        var departments: [String: Department] = [:]
        var metrics: [String: Metric] = [:]
        for region in content.regions {
            for d in region.departments { departments[d.key] = d }
            for m in region.metrics { metrics[m.key] = m }
        }
        self.departments = departments
        self.metrics = metrics
        indicators = IndicatorTable(plans: content.plans)
        directory = UnitDirectory(plans: content.plans)
        var observations: [String: [Observation]] = [:]
        for region in content.regions {   // region ids are folder names: no two alike
            for o in region.observations where o.regionID == region.id {
                observations[o.metricKey, default: []].append(o)
            }
        }
        observationsByMetric = observations.mapValues { $0.sorted { ($0.year, $0.source) < ($1.year, $1.source) } }
    }

    /// The plan with this id (the first, if two had it).
    public func plan(_ id: String) -> Plan? { directory.planIndex[id].map { content.plans[$0] } }

    /// A value per unit, made from its plan's links when asked for.
    private func perUnit<V: Sendable>(_ value: @escaping @Sendable (PlanUnitLinks, Int) -> V) -> UnitValues<V> {
        let links = unitLinks
        return UnitValues(directory: directory, planCount: links.count, count: { links[$0].unitCount }, value: { value(links[$0], $1) })
    }

    /// How many units of the plan with this id have a department.
    public func assignedUnitCount(planID: String) -> Int {
        guard let p = directory.planIndex[planID] else { return 0 }
        let links = unitLinks[p]
        return (0..<links.unitCount).filter(links.hasAssignments).count
    }

    /// The unit with this key (`planID/unitID`).
    public func unit(_ key: String) -> WorkUnit? { directory.ref(key).map(directory.unit) }

    /// The unit at `ref`.
    public func unit(_ ref: UnitRef) -> WorkUnit { directory.unit(ref) }

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

    package init(indicatorKey: String, how: How) {
        self.indicatorKey = indicatorKey
        self.how = how
    }
}

/// The indicators of every plan by key (`PLAN/ID`): where each is in `content.plans`, not a
/// copy of it.
public struct IndicatorTable: Sendable {
    private struct Position: Sendable {
        let plan: Int32
        let index: Int32
    }
    private let plans: [Plan]
    private let positions: [String: Position]

    init(plans: [Plan]) {
        self.plans = plans
        var positions: [String: Position] = [:]
        for (p, plan) in plans.enumerated() {
            for (i, indicator) in plan.indicators.enumerated() { positions[indicator.key] = Position(plan: Int32(p), index: Int32(i)) }
        }
        self.positions = positions
    }

    public subscript(key: String) -> Indicator? {
        positions[key].map { plans[Int($0.plan)].indicators[Int($0.index)] }
    }

    public var count: Int { positions.count }
    public var keys: some Collection<String> { positions.keys }
}

import PlanModel

/// What the units of one plan link to: each unit's departments and indicators, by the unit's
/// index in `plan.units`.
public struct PlanUnitLinks: Sendable {
    package let assignmentsByUnit: [[ResolvedAssignment]]
    package let indicatorsByUnit: [[IndicatorLink]]

    /// No units (a plan that was not linked).
    public static let none = PlanUnitLinks(assignments: [], indicators: [])

    /// Each unit's lists (`assignments[u]`, `indicators[u]`; both one per unit).
    public init(assignments: [[ResolvedAssignment]], indicators: [[IndicatorLink]]) {
        precondition(assignments.count == indicators.count, "one list of each per unit")
        assignmentsByUnit = assignments
        indicatorsByUnit = indicators
    }

    /// Units in the plan (0 when it was not linked).
    public var unitCount: Int { assignmentsByUnit.count }

    /// The departments of the unit at `unit`, in the order they were resolved.
    public func assignments(_ unit: Int) -> [ResolvedAssignment] { assignmentsByUnit[unit] }

    /// The indicators the unit at `unit` serves: explicit links first, then automatic ones.
    public func indicators(_ unit: Int) -> [IndicatorLink] { indicatorsByUnit[unit] }

    /// Whether the unit at `unit` has a department.
    public func hasAssignments(_ unit: Int) -> Bool { !assignmentsByUnit[unit].isEmpty }
}

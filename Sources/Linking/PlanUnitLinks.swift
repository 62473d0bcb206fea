import PlanModel

/// What the units of one plan link to: each unit's departments and indicators, by the unit's
/// index in `plan.units`.
///
/// The units of a plan name the same few departments and indicators again and again, so each
/// distinct assignment and link is held once per plan (`SharedLists`) and a unit's lists are
/// positions in those tables.
public struct PlanUnitLinks: Sendable {
    private let assignmentLists: SharedLists<ResolvedAssignment>
    private let indicatorLists: SharedLists<IndicatorLink>

    /// No units (a plan that was not linked).
    public static let none = PlanUnitLinks(assignments: [], indicators: [])

    /// Each unit's lists (`assignments[u]`, `indicators[u]`; both one per unit).
    public init(assignments: [[ResolvedAssignment]], indicators: [[IndicatorLink]]) {
        precondition(assignments.count == indicators.count, "one list of each per unit")
        assignmentLists = SharedLists(assignments)
        indicatorLists = SharedLists(indicators)
    }

    /// Units in the plan (0 when it was not linked).
    public var unitCount: Int { assignmentLists.count }

    /// The departments of the unit at `unit`, in the order they were resolved.
    public func assignments(_ unit: Int) -> [ResolvedAssignment] { assignmentLists[unit] }

    /// The indicators the unit at `unit` serves: explicit links first, then automatic ones.
    public func indicators(_ unit: Int) -> [IndicatorLink] { indicatorLists[unit] }

    /// Whether the unit at `unit` has a department.
    public func hasAssignments(_ unit: Int) -> Bool { !assignmentLists.isEmpty(unit) }

    /// The distinct assignments and indicator links of the plan's units, each held once.
    package var distinctCounts: (assignments: Int, indicators: Int) {
        (assignmentLists.table.count, indicatorLists.table.count)
    }
}

/// Lists whose elements repeat from list to list: every distinct element once, in `table`
/// (in the order first met), and the lists one after another as positions in it.
struct SharedLists<Element: Hashable & Sendable>: Sendable {
    let table: [Element]
    /// The elements of list `i` are `table[positions[j]]` for `j` in `starts[i]..<starts[i + 1]`.
    private let positions: [Int]
    private let starts: [Int]

    init(_ lists: [[Element]]) {
        var index: [Element: Int] = [:]
        var table: [Element] = []
        var positions: [Int] = []
        var starts: [Int] = [0]
        positions.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        starts.reserveCapacity(lists.count + 1)
        for list in lists {
            for element in list {
                if let position = index[element] {
                    positions.append(position)
                } else {
                    index[element] = table.count
                    positions.append(table.count)
                    table.append(element)
                }
            }
            starts.append(positions.count)
        }
        self.table = table.exactCapacity()
        self.positions = positions
        self.starts = starts
    }

    /// The number of lists.
    var count: Int { starts.count - 1 }

    subscript(list: Int) -> [Element] { positions[starts[list]..<starts[list + 1]].map { table[$0] } }

    func isEmpty(_ list: Int) -> Bool { starts[list] == starts[list + 1] }
}

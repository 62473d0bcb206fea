import PlanModel

/// What the units of one plan link to — each unit's departments and indicators — stored flat:
/// one array of 8-byte assignments and one of 4-byte indicator links for the whole plan, with
/// each unit's end offset, and the plan's distinct department keys, names as written and
/// indicator keys once each. A unit's lists are made as `ResolvedAssignment`s and
/// `IndicatorLink`s when asked for.
///
/// An array per unit cost a heap object per unit and 40 bytes per assignment (two strings):
/// 38 MB at 1,000 plans (490,000 assignments, 115,000 units), ten times that at 10,000.
public struct PlanUnitLinks: Sendable {
    /// Department (index in `departmentKeys`), name as written (index in `written`), role and
    /// whether the name is the canonical one, in 8 bytes.
    struct Assignment: Sendable {
        let department: UInt32
        /// Index in `written` in the low 30 bits; bit 31: co (else lead); bit 30: written as canonical.
        let writtenAndFlags: UInt32
    }

    private var assignments: [Assignment] = []
    private var assignmentEnds: [UInt32] = []
    /// Index in `indicatorKeys` in the low 31 bits; bit 31: automatic (else explicit).
    private var indicatorLinks: [UInt32] = []
    private var indicatorEnds: [UInt32] = []
    private var departmentKeys: [String] = []
    private var written: [String] = []
    private var indicatorKeys: [String] = []

    /// No units (a plan that was not linked).
    public static let none = PlanUnitLinks()

    /// Packs each unit's lists (`assignments[u]`, `indicators[u]`; both one per unit).
    public init(assignments: [[ResolvedAssignment]], indicators: [[IndicatorLink]]) {
        precondition(assignments.count == indicators.count, "one list of each per unit")
        var departmentIndex: [String: UInt32] = [:]
        var writtenIndex: [String: UInt32] = [:]
        var indicatorIndex: [String: UInt32] = [:]
        func index(_ value: String, in table: inout [String: UInt32], _ list: inout [String]) -> UInt32 {
            if let i = table[value] { return i }
            let i = UInt32(list.count)
            precondition(i < 1 << 30, "too many distinct names in one plan")
            table[value] = i
            list.append(value)
            return i
        }
        assignmentEnds.reserveCapacity(assignments.count)
        indicatorEnds.reserveCapacity(indicators.count)
        self.assignments.reserveCapacity(assignments.reduce(0) { $0 + $1.count })
        indicatorLinks.reserveCapacity(indicators.reduce(0) { $0 + $1.count })
        for list in assignments {
            for a in list {
                var flags: UInt32 = a.role == .co ? 1 << 31 : 0
                if a.writtenAsCanonical { flags |= 1 << 30 }
                self.assignments.append(Assignment(department: index(a.departmentKey, in: &departmentIndex, &departmentKeys),
                                                   writtenAndFlags: index(a.written, in: &writtenIndex, &written) | flags))
            }
            assignmentEnds.append(UInt32(self.assignments.count))
        }
        for list in indicators {
            for link in list {
                indicatorLinks.append(index(link.indicatorKey, in: &indicatorIndex, &indicatorKeys) | (link.how == .automatic ? 1 << 31 : 0))
            }
            indicatorEnds.append(UInt32(indicatorLinks.count))
        }
        departmentKeys = departmentKeys.exactCapacity()
        written = written.exactCapacity()
        indicatorKeys = indicatorKeys.exactCapacity()
    }

    private init() {}

    /// Units in the plan (0 when it was not linked).
    public var unitCount: Int { assignmentEnds.count }

    /// The departments of the unit at `unit`, in the order they were resolved.
    public func assignments(_ unit: Int) -> [ResolvedAssignment] {
        let start = unit == 0 ? 0 : Int(assignmentEnds[unit - 1])
        return assignments[start..<Int(assignmentEnds[unit])].map { a in
            ResolvedAssignment(departmentKey: departmentKeys[Int(a.department)], written: written[Int(a.writtenAndFlags & (1 << 30 - 1))],
                               role: a.writtenAndFlags & 1 << 31 != 0 ? .co : .lead, writtenAsCanonical: a.writtenAndFlags & 1 << 30 != 0)
        }
    }

    /// The indicators the unit at `unit` serves: explicit links first, then automatic ones.
    public func indicators(_ unit: Int) -> [IndicatorLink] {
        let start = unit == 0 ? 0 : Int(indicatorEnds[unit - 1])
        return indicatorLinks[start..<Int(indicatorEnds[unit])].map { link in
            IndicatorLink(indicatorKey: indicatorKeys[Int(link & (1 << 31 - 1))], how: link & 1 << 31 != 0 ? .automatic : .explicit)
        }
    }

    /// Whether the unit at `unit` has a department.
    public func hasAssignments(_ unit: Int) -> Bool {
        assignmentEnds[unit] > (unit == 0 ? 0 : assignmentEnds[unit - 1])
    }
}

import PlanModel

/// What the units of one plan link to — each unit's departments and indicators — stored flat:
/// one array of assignments and one of indicator links for the whole plan, with each unit's
/// end offset, and the plan's distinct department keys, names as written and indicator keys
/// once each. A unit's lists are made as `ResolvedAssignment`s and `IndicatorLink`s when asked
/// for.
///
/// An assignment is a department (index in `departmentKeys`) and a name as written (index in
/// `written`) with its role and whether it is the canonical name in the two top bits; an
/// indicator link is an index in `indicatorKeys` with the top bit set when the link is
/// automatic. Both are stored in 16-bit words when every index of the plan fits (fewer than
/// 65,536 departments, 16,384 names as written and 32,768 indicators: any real plan), in
/// 32-bit words otherwise (`Words`).
///
/// An array per unit cost a heap object per unit and 40 bytes per assignment (two strings):
/// 38 MB at 1,000 plans (490,000 assignments, 115,000 units), ten times that at 10,000; packed
/// in 16-bit words it is 4 bytes per assignment and 2 per indicator link.
public struct PlanUnitLinks: Sendable {
    /// Unsigned integers in 16-bit words, or in 32-bit words when one of them needs it.
    enum Words: Sendable {
        case narrow([UInt16])
        case wide([UInt32])

        /// The width that holds every value up to `largest` with `flags` bits above it.
        static func bits(for largest: Int, flags: Int) -> Int { largest < 1 << (16 - flags) ? 16 : 32 }

        init(_ values: [UInt32], bits: Int) {
            self = bits == 16 ? .narrow(values.map { UInt16($0) }) : .wide(values)
        }

        subscript(i: Int) -> UInt32 {
            switch self {
            case .narrow(let words): UInt32(words[i])
            case .wide(let words): words[i]
            }
        }

        /// The number of bits of each word.
        var bits: Int {
            if case .narrow = self { return 16 }
            return 32
        }
    }

    /// Two words per assignment: department, then name as written | co (top bit) | written as
    /// canonical (the bit below).
    private var assignments: Words = .narrow([])
    private var assignmentEnds: [UInt32] = []
    /// One word per link: index in `indicatorKeys` | automatic (top bit).
    private var indicatorLinks: Words = .narrow([])
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
        // Indices first (their counts decide the width), then the words.
        var assignmentValues: [UInt32] = []
        var linkValues: [UInt32] = []
        assignmentEnds.reserveCapacity(assignments.count)
        indicatorEnds.reserveCapacity(indicators.count)
        assignmentValues.reserveCapacity(2 * assignments.reduce(0) { $0 + $1.count })
        linkValues.reserveCapacity(indicators.reduce(0) { $0 + $1.count })
        var flagged: [(word: Int, co: Bool, canonical: Bool)] = []
        for list in assignments {
            for a in list {
                assignmentValues.append(index(a.departmentKey, in: &departmentIndex, &departmentKeys))
                flagged.append((assignmentValues.count, a.role == .co, a.writtenAsCanonical))
                assignmentValues.append(index(a.written, in: &writtenIndex, &written))
            }
            assignmentEnds.append(UInt32(flagged.count))
        }
        var automatic: [Bool] = []
        for list in indicators {
            for link in list {
                linkValues.append(index(link.indicatorKey, in: &indicatorIndex, &indicatorKeys))
                automatic.append(link.how == .automatic)
            }
            indicatorEnds.append(UInt32(linkValues.count))
        }
        let assignmentBits = max(Words.bits(for: departmentKeys.count, flags: 0), Words.bits(for: written.count, flags: 2))
        for (word, co, canonical) in flagged {
            if co { assignmentValues[word] |= 1 << (assignmentBits - 1) }
            if canonical { assignmentValues[word] |= 1 << (assignmentBits - 2) }
        }
        let linkBits = Words.bits(for: indicatorKeys.count, flags: 1)
        for (i, isAutomatic) in automatic.enumerated() where isAutomatic { linkValues[i] |= 1 << (linkBits - 1) }
        self.assignments = Words(assignmentValues, bits: assignmentBits)
        indicatorLinks = Words(linkValues, bits: linkBits)
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
        let co = UInt32(1) << (assignments.bits - 1)
        let canonical = UInt32(1) << (assignments.bits - 2)
        return (start..<Int(assignmentEnds[unit])).map { a in
            let name = assignments[2 * a + 1]
            return ResolvedAssignment(departmentKey: departmentKeys[Int(assignments[2 * a])], written: written[Int(name & (canonical - 1))],
                                      role: name & co != 0 ? .co : .lead, writtenAsCanonical: name & canonical != 0)
        }
    }

    /// The indicators the unit at `unit` serves: explicit links first, then automatic ones.
    public func indicators(_ unit: Int) -> [IndicatorLink] {
        let start = unit == 0 ? 0 : Int(indicatorEnds[unit - 1])
        let automatic = UInt32(1) << (indicatorLinks.bits - 1)
        return (start..<Int(indicatorEnds[unit])).map { i in
            let link = indicatorLinks[i]
            return IndicatorLink(indicatorKey: indicatorKeys[Int(link & (automatic - 1))], how: link & automatic != 0 ? .automatic : .explicit)
        }
    }

    /// The width of the stored words (16 or 32 bits) of assignments and of indicator links.
    var wordBits: (assignments: Int, indicators: Int) { (assignments.bits, indicatorLinks.bits) }

    /// Whether the unit at `unit` has a department.
    public func hasAssignments(_ unit: Int) -> Bool {
        assignmentEnds[unit] > (unit == 0 ? 0 : assignmentEnds[unit - 1])
    }
}

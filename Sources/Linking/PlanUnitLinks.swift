import PlanModel

/// What the units of one plan link to — each unit's departments and indicators — stored flat:
/// one array of assignments and one of indicator links for the whole plan, with each unit's
/// end offset, and the plan's distinct department keys, names as written and indicator keys
/// once each. A unit's lists are made as `ResolvedAssignment`s and `IndicatorLink`s when asked
/// for.
///
/// An assignment is two words: a department (index in `departmentKeys`), then a name as
/// written (index in `written`) with co (else lead) in the top bit and "written as canonical"
/// in the bit below; an indicator link is one word, an index in `indicatorKeys` with the top
/// bit set when the link is automatic. The words are made 32 bits wide, then stored in 16 bits
/// when every index of the plan fits below its flags (fewer than 16,384 departments and names
/// as written, 32,768 indicators: any real plan; `Words`).
///
/// An array per unit cost a heap object per unit and 40 bytes per assignment (two strings):
/// 38 MB at 1,000 plans (490,000 assignments, 115,000 units), ten times that at 10,000; packed
/// in 16-bit words it is 4 bytes per assignment and 2 per indicator link.
public struct PlanUnitLinks: Sendable {
    /// 32-bit words whose top `flags` bits are flags and whose other bits are an index, held in
    /// 16 bits (the flags moved to the top of those) when there are fewer than 1 << (16 - flags)
    /// indices.
    enum Words: Sendable {
        case narrow([UInt16], flags: Int)
        case wide([UInt32])

        init(_ words: [UInt32], flags: Int, indices: Int) {
            guard indices < 1 << (16 - flags) else { self = .wide(words); return }
            let index = UInt32(1) << (32 - flags) - 1
            self = .narrow(words.map { UInt16(truncatingIfNeeded: ($0 & index) | ($0 & ~index) >> 16) }, flags: flags)
        }

        /// The word at `i`, 32 bits wide.
        subscript(i: Int) -> UInt32 {
            switch self {
            case .narrow(let words, let flags):
                let word = UInt32(words[i])
                let index = UInt32(1) << (16 - flags) - 1
                return (word & index) | (word & ~index) << 16
            case .wide(let words):
                return words[i]
            }
        }

        var count: Int {
            switch self {
            case .narrow(let words, _): return words.count
            case .wide(let words): return words.count
            }
        }

        /// The number of bits each word is held in.
        var bits: Int {
            if case .narrow = self { return 16 }
            return 32
        }
    }

    // Internal, not private, for `PlanLinksCoding.swift` only.
    /// Two words per assignment (see above).
    var assignments: Words = .wide([])
    var assignmentEnds: [UInt32] = []
    var indicatorLinks: Words = .wide([])
    var indicatorEnds: [UInt32] = []
    var departmentKeys: [String] = []
    var written: [String] = []
    var indicatorKeys: [String] = []

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
        var assignmentWords: [UInt32] = []
        var linkWords: [UInt32] = []
        assignmentEnds.reserveCapacity(assignments.count)
        indicatorEnds.reserveCapacity(indicators.count)
        assignmentWords.reserveCapacity(2 * assignments.reduce(0) { $0 + $1.count })
        linkWords.reserveCapacity(indicators.reduce(0) { $0 + $1.count })
        for list in assignments {
            for a in list {
                var flags: UInt32 = a.role == .co ? 1 << 31 : 0
                if a.writtenAsCanonical { flags |= 1 << 30 }
                assignmentWords.append(index(a.departmentKey, in: &departmentIndex, &departmentKeys))
                assignmentWords.append(index(a.written, in: &writtenIndex, &written) | flags)
            }
            assignmentEnds.append(UInt32(assignmentWords.count / 2))
        }
        for list in indicators {
            for link in list {
                linkWords.append(index(link.indicatorKey, in: &indicatorIndex, &indicatorKeys) | (link.how == .automatic ? 1 << 31 : 0))
            }
            indicatorEnds.append(UInt32(linkWords.count))
        }
        // Department words have no flags; their indices are held below the same two bits.
        self.assignments = Words(assignmentWords, flags: 2, indices: max(departmentKeys.count, written.count))
        indicatorLinks = Words(linkWords, flags: 1, indices: indicatorKeys.count)
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
        return (start..<Int(assignmentEnds[unit])).map { a in
            let name = assignments[2 * a + 1]
            return ResolvedAssignment(departmentKey: departmentKeys[Int(assignments[2 * a])], written: written[Int(name & (1 << 30 - 1))],
                                      role: name & 1 << 31 != 0 ? .co : .lead, writtenAsCanonical: name & 1 << 30 != 0)
        }
    }

    /// The indicators the unit at `unit` serves: explicit links first, then automatic ones.
    public func indicators(_ unit: Int) -> [IndicatorLink] {
        let start = unit == 0 ? 0 : Int(indicatorEnds[unit - 1])
        return (start..<Int(indicatorEnds[unit])).map { i in
            let link = indicatorLinks[i]
            return IndicatorLink(indicatorKey: indicatorKeys[Int(link & (1 << 31 - 1))], how: link & 1 << 31 != 0 ? .automatic : .explicit)
        }
    }

    /// The width of the stored words (16 or 32 bits) of assignments and of indicator links.
    var wordBits: (assignments: Int, indicators: Int) { (assignments.bits, indicatorLinks.bits) }

    /// Whether the unit at `unit` has a department.
    public func hasAssignments(_ unit: Int) -> Bool {
        assignmentEnds[unit] > (unit == 0 ? 0 : assignmentEnds[unit - 1])
    }
}

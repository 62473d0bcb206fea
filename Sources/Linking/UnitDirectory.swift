import PlanModel

/// A unit of the site by position: the plan's index in `content.plans` and the unit's index
/// in that plan's `units`. Eight bytes, where a unit key (`PLAN/UNIT`) is a string of its own:
/// the reverse indexes hold several per unit.
public struct UnitRef: Hashable, Sendable {
    public let plan: Int32
    public let unit: Int32

    public init(plan: Int, unit: Int) {
        self.plan = Int32(plan)
        self.unit = Int32(unit)
    }
}

/// Finds units by key (`PLAN/UNIT`) or by `UnitRef`, and orders refs as their keys sort.
public struct UnitDirectory: Sendable {
    let plans: [Plan]
    /// Plan id → index in `plans` (the first, if two had it).
    let planIndex: [String: Int]
    /// Per plan, the indices of its units sorted by unit id.
    private let byID: [[Int32]]
    /// Per plan, its place when plans are sorted by `id + "/"`: the order of their unit keys.
    private let planRank: [Int32]
    /// Per plan and unit, its place among the plan's units sorted by id.
    private let unitRank: [[Int32]]
    /// Per plan, the ordinal of its first unit (`ordinal(_:)`); one more entry, the unit count.
    private let planStarts: [UInt32]

    init(plans: [Plan]) {
        self.plans = plans
        var index: [String: Int] = [:]
        for (p, plan) in plans.enumerated() where index[plan.id] == nil { index[plan.id] = p }
        planIndex = index
        var byID: [[Int32]] = []
        var unitRank: [[Int32]] = []
        byID.reserveCapacity(plans.count)
        unitRank.reserveCapacity(plans.count)
        for plan in plans {
            let units = plan.units
            let sorted = units.indices.sorted { units[$0].id < units[$1].id }.map { Int32($0) }
            var rank = [Int32](repeating: 0, count: units.count)
            for (r, u) in sorted.enumerated() { rank[Int(u)] = Int32(r) }
            byID.append(sorted)
            unitRank.append(rank)
        }
        self.byID = byID
        self.unitRank = unitRank
        var starts: [UInt32] = [0]
        starts.reserveCapacity(plans.count + 1)
        for plan in plans {
            let next = UInt64(starts.last!) + UInt64(plan.units.count)
            precondition(next <= UInt64(UInt32.max), "more than 4 billion units")
            starts.append(UInt32(next))
        }
        planStarts = starts
        // A key is PLAN/UNIT and IDs have no '/': keys of two plans compare as PLAN + "/" does,
        // and keys of one plan as their unit IDs do.
        var planRank = [Int32](repeating: 0, count: plans.count)
        let byKey = plans.indices.sorted { plans[$0].id + "/" < plans[$1].id + "/" }
        for (r, p) in byKey.enumerated() { planRank[p] = Int32(r) }
        self.planRank = planRank
    }

    /// The unit at `ref`.
    public func unit(_ ref: UnitRef) -> WorkUnit { plans[Int(ref.plan)].units[Int(ref.unit)] }

    /// `PLAN/UNIT`.
    public func key(_ ref: UnitRef) -> String { "\(plans[Int(ref.plan)].id)/\(unit(ref).id)" }

    /// The unit with this id in the plan at index `plan`.
    func ref(plan p: Int, unitID: String) -> UnitRef? {
        let units = plans[p].units
        let order = byID[p]
        var low = 0
        var high = order.count
        while low < high {
            let mid = (low + high) / 2
            if units[Int(order[mid])].id < unitID { low = mid + 1 } else { high = mid }
        }
        guard low < order.count, units[Int(order[low])].id == unitID else { return nil }
        return UnitRef(plan: p, unit: Int(order[low]))
    }

    func ref(planID: String, unitID: String) -> UnitRef? {
        planIndex[planID].flatMap { ref(plan: $0, unitID: unitID) }
    }

    func ref(_ key: String) -> UnitRef? {
        guard let slash = key.firstIndex(of: "/") else { return nil }
        return ref(planID: String(key[..<slash]), unitID: String(key[key.index(after: slash)...]))
    }

    /// The unit's place among all units of the site, in plan and unit order: a 4-byte name
    /// for a unit in the reverse lists (`UnitLists`), where a `UnitRef` takes 8.
    func ordinal(_ ref: UnitRef) -> UInt32 { planStarts[Int(ref.plan)] + UInt32(ref.unit) }

    /// The unit with this ordinal.
    func ref(ordinal: UInt32) -> UnitRef {
        // The last plan that starts at or before the ordinal: a plan without units starts
        // where the next one does, so it is never the one found.
        var low = 0
        var high = plans.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if planStarts[mid] <= ordinal { low = mid } else { high = mid }
        }
        return UnitRef(plan: low, unit: Int(ordinal - planStarts[low]))
    }

    /// Sorts as the refs' keys would sort as strings.
    func sortedAsKeys(_ refs: [UnitRef]) -> [UnitRef] {
        refs.sorted { a, b in
            let (ra, rb) = (planRank[Int(a.plan)], planRank[Int(b.plan)])
            return ra != rb ? ra < rb : unitRank[Int(a.plan)][Int(a.unit)] < unitRank[Int(b.plan)][Int(b.unit)]
        }
    }
}

/// A value for every unit of every linked plan (the departments of each unit, say), found by
/// key (`PLAN/UNIT`) or ref. Iterating gives each unit's key and value, in plan and unit order.
/// The values are asked of `value` by plan and unit index (`PlanUnitLinks` makes them from
/// its tables), or taken from nested arrays.
public struct UnitValues<Value: Sendable>: Sendable, Sequence {
    let directory: UnitDirectory
    /// The number of plans.
    let planCount: Int
    /// The number of units with values of the plan at an index (0 for a plan not linked).
    let count: @Sendable (Int) -> Int
    let value: @Sendable (_ plan: Int, _ unit: Int) -> Value

    init(directory: UnitDirectory, planCount: Int, count: @escaping @Sendable (Int) -> Int,
         value: @escaping @Sendable (Int, Int) -> Value) {
        self.directory = directory
        self.planCount = planCount
        self.count = count
        self.value = value
    }

    /// Per plan, per unit; empty for a plan that was not linked.
    init(directory: UnitDirectory, values: [[Value]]) {
        self.init(directory: directory, planCount: values.count, count: { values[$0].count }, value: { values[$0][$1] })
    }

    /// The value of the unit with this key; nil when there is no such unit or its plan was
    /// not linked.
    public subscript(key: String) -> Value? { directory.ref(key).flatMap { self[$0] } }

    public subscript(planID: String, unitID: String) -> Value? {
        directory.ref(planID: planID, unitID: unitID).flatMap { self[$0] }
    }

    public subscript(ref: UnitRef) -> Value? {
        Int(ref.unit) < count(Int(ref.plan)) ? value(Int(ref.plan), Int(ref.unit)) : nil
    }

    /// The values of the units of the plan with this id, in unit order (none when the plan
    /// was not linked).
    public func plan(_ id: String) -> [Value] {
        guard let p = directory.planIndex[id] else { return [] }
        return (0..<count(p)).map { value(p, $0) }
    }

    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var p = 0
        var u = 0
        return AnyIterator {
            while p < planCount {
                if u < count(p) {
                    defer { u += 1 }
                    return (directory.key(UnitRef(plan: p, unit: u)), value(p, u))
                }
                p += 1
                u = 0
            }
            return nil
        }
    }
}

/// Lists of units by a string key (a department's units, an indicator's), each unit stored
/// as its 4-byte ordinal (`UnitDirectory.ordinal`). The subscript gives the units' keys;
/// `refs` their refs.
public struct UnitLists: Sendable {
    let directory: UnitDirectory
    let lists: [String: [UInt32]]

    public subscript(key: String) -> [String]? { lists[key].map { $0.map { directory.key(directory.ref(ordinal: $0)) } } }
    public func refs(_ key: String) -> [UnitRef] { (lists[key] ?? []).map(directory.ref(ordinal:)) }
    public func count(_ key: String) -> Int { lists[key]?.count ?? 0 }
    public var keys: Dictionary<String, [UInt32]>.Keys { lists.keys }
    public var isEmpty: Bool { lists.isEmpty }
}

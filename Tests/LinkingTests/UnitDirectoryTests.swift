import Testing
import PlanModel
@testable import Linking

/// `UnitDirectory` replaced string-keyed dictionaries of unit keys: its lookups and its order
/// must be those of the keys themselves.
@Suite struct UnitDirectoryTests {
    typealias M = Build

    /// Plan IDs where one is a prefix of another ("a", "a-b") and unit IDs that sort
    /// differently as strings than in document order ("c10" before "c2").
    static let plans = [
        M.plan("a-b", units: [M.unit("c2", plan: "a-b"), M.unit("c10", plan: "a-b")]),
        M.plan("a", units: [M.unit("c2-t1", plan: "a"), M.unit("c1", plan: "a"), M.unit("c10-t3", plan: "a")]),
        M.plan("a0", units: [M.unit("c1", plan: "a0")]),
        M.plan("b", units: []),
    ]

    static var allRefs: [UnitRef] {
        plans.enumerated().flatMap { p, plan in plan.units.indices.map { UnitRef(plan: p, unit: $0) } }
    }

    @Test func sortsRefsAsTheirKeysSortAsStrings() {
        let directory = UnitDirectory(plans: Self.plans)
        // Every order of the refs given gives the order of the keys.
        let expected = Self.allRefs.map(directory.key).sorted()
        #expect(expected.first == "a-b/c10")   // "-" sorts before "/": plan "a-b" before plan "a"
        for shift in 0..<Self.allRefs.count {
            let refs = Array(Self.allRefs[shift...] + Self.allRefs[..<shift]).reversed()
            #expect(directory.sortedAsKeys(Array(refs)).map(directory.key) == expected)
        }
    }

    /// The reverse lists name units by ordinal: each unit's is its place in plan and unit
    /// order, and gives the unit back, also around plans without units (at the start, in the
    /// middle, at the end).
    @Test func ordinalsCountUnitsInPlanOrderAndGiveThemBack() {
        for plans in [Self.plans, [M.plan("e", units: [])] + Self.plans + [M.plan("f", units: [])]] {
            let directory = UnitDirectory(plans: plans)
            let refs = plans.enumerated().flatMap { p, plan in plan.units.indices.map { UnitRef(plan: p, unit: $0) } }
            #expect(refs.count == 6)
            #expect(refs.map(directory.ordinal) == (0..<6).map(UInt32.init))
            #expect(refs.map { directory.ref(ordinal: directory.ordinal($0)) } == refs)
        }
    }

    @Test func findsEveryUnitByKeyAndNothingElse() {
        let directory = UnitDirectory(plans: Self.plans)
        for ref in Self.allRefs {
            let key = directory.key(ref)
            #expect(directory.ref(key) == ref)
            let slash = key.firstIndex(of: "/")!
            #expect(directory.ref(planID: String(key[..<slash]), unitID: String(key[key.index(after: slash)...])) == ref)
        }
        for missing in ["a/c3", "a", "a/", "/c1", "c/c1", "a-b/c2-t1", "b/c1", ""] {
            #expect(directory.ref(missing) == nil, "\(missing)")
        }
    }

    @Test func unitValuesAnswerAsTheDictionaryOfKeysDid() {
        let directory = UnitDirectory(plans: Self.plans)
        // Plan "a0" not linked: no values for its units.
        let values: [[String]] = Self.plans.map { plan in plan.id == "a0" ? [] : plan.units.map { "\(plan.id):\($0.id)" } }
        let table = UnitValues(directory: directory, values: values)
        var dictionary: [String: String] = [:]
        for (p, plan) in Self.plans.enumerated() where plan.id != "a0" {
            for unit in plan.units { dictionary["\(plan.id)/\(unit.id)"] = values[p][plan.units.firstIndex(of: unit)!] }
        }
        for key in Self.allRefs.map(directory.key) + ["a/zz", "nope"] {
            #expect(table[key] == dictionary[key], "\(key)")
        }
        #expect(table["a", "c10-t3"] == "a:c10-t3")
        #expect(table.plan("a") == ["a:c2-t1", "a:c1", "a:c10-t3"])
        #expect(table.plan("a0") == [])
        let iterated = Array(table)
        #expect(iterated.map(\.key) == ["a-b/c2", "a-b/c10", "a/c2-t1", "a/c1", "a/c10-t3"])
        #expect(Dictionary(uniqueKeysWithValues: iterated.map { ($0.key, $0.value) }) == dictionary)
    }

    @Test func linkedSiteListsADepartmentsUnitsInKeyOrder() {
        // The same department leads units of two plans whose IDs sort differently with and
        // without the slash: the list is in key order, as it was when it held key strings.
        let annotation = M.annotation([[M.mention("市发改委", .lead)]])
        let plans = [
            M.plan("a", units: [M.unit("c2", annotations: [annotation], plan: "a"), M.unit("c10", annotations: [annotation], plan: "a")]),
            M.plan("a-b", units: [M.unit("c1", annotations: [annotation], plan: "a-b")]),
        ]
        let (site, diagnostics) = Linker.link(M.site(plans: plans))
        #expect(diagnostics.isEmpty)
        #expect(site.departmentLeadUnits["r/fgw"] == ["a-b/c1", "a/c10", "a/c2"])
        #expect(site.departmentLeadUnits.refs("r/fgw").map { site.unit($0).id } == ["c1", "c10", "c2"])
        #expect(site.departmentLeadUnits.count("r/fgw") == 3)
        #expect(site.departmentCoUnits["r/fgw"] == nil)
    }
}

import Testing
import PlanModel
@testable import Linking

/// `PlanUnitLinks` packs each unit's departments and indicators into flat arrays of a plan:
/// what comes out must be what went in, unit by unit, for any lists.
@Suite struct PlanUnitLinksTests {
    /// SplitMix64: the same lists on every run.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    static let departments = ["r/fgw", "r/sthj", "r/jxj", "r/a-very-long-department-key-that-is-not-a-small-string"]
    static let names = ["市发改委", "发改委", "市生态环境局", "经信局", "环保局", "A", ""]
    static let indicators = ["p/pm25", "p/forest", "q/water", "p/x"]

    static func randomPlan(_ g: inout Generator) -> ([[ResolvedAssignment]], [[IndicatorLink]]) {
        let units = g.next(12)
        var assignments: [[ResolvedAssignment]] = []
        var links: [[IndicatorLink]] = []
        for _ in 0..<units {
            assignments.append((0..<g.next(6)).map { _ in
                ResolvedAssignment(departmentKey: departments[g.next(departments.count)], written: names[g.next(names.count)],
                                   role: g.next(2) == 0 ? .lead : .co, writtenAsCanonical: g.next(2) == 0)
            })
            links.append((0..<g.next(4)).map { _ in
                IndicatorLink(indicatorKey: indicators[g.next(indicators.count)], how: g.next(2) == 0 ? .explicit : .automatic)
            })
        }
        return (assignments, links)
    }

    @Test func whatIsPackedComesBackUnitByUnit() {
        var g = Generator(state: 7)
        var checkedAssignments = 0
        for _ in 0..<2_000 {
            let (assignments, links) = Self.randomPlan(&g)
            let packed = PlanUnitLinks(assignments: assignments, indicators: links)
            #expect(packed.unitCount == assignments.count)
            for u in assignments.indices {
                #expect(packed.assignments(u) == assignments[u])
                #expect(packed.indicators(u) == links[u])
                #expect(packed.hasAssignments(u) == !assignments[u].isEmpty)
                checkedAssignments += assignments[u].count
            }
        }
        #expect(checkedAssignments > 10_000)
        #expect(PlanUnitLinks.none.unitCount == 0)
    }

    /// Words are 16 bits while every index fits with its flags, 32 bits past that; both
    /// give back what went in, flags included.
    @Test func widePlansFallBackTo32BitWords() {
        var g = Generator(state: 11)
        let (assignments, links) = Self.randomPlan(&g)
        #expect(PlanUnitLinks(assignments: assignments, indicators: links).wordBits == (16, 16))

        // 16,384 distinct names as written: one more than 14 bits (two flag bits) can index.
        let manyNames = (0..<16_384).map { i in
            ResolvedAssignment(departmentKey: "r/d\(i % 3)", written: "名称\(i)", role: i % 2 == 0 ? .co : .lead,
                               writtenAsCanonical: i % 3 == 0)
        }
        // 32,768 distinct indicators: one more than 15 bits (one flag bit) can index.
        let manyLinks = (0..<32_768).map { i in IndicatorLink(indicatorKey: "p/i\(i)", how: i % 2 == 0 ? .automatic : .explicit) }
        func roundTrip(_ assignments: [[ResolvedAssignment]], _ links: [[IndicatorLink]]) -> (Int, Int) {
            let packed = PlanUnitLinks(assignments: assignments, indicators: links)
            for u in assignments.indices {
                #expect(packed.assignments(u) == assignments[u])
                #expect(packed.indicators(u) == links[u])
            }
            return packed.wordBits
        }
        #expect(roundTrip([manyNames, [manyNames[16_383]]], [[], []]) == (32, 16))
        #expect(roundTrip([[], []], [manyLinks, [manyLinks[32_767]]]) == (16, 32))
        // One fewer of each still fits in 16 bits.
        let narrow = PlanUnitLinks(assignments: [Array(manyNames.prefix(16_383))], indicators: [Array(manyLinks.prefix(32_767))])
        #expect(narrow.wordBits == (16, 16))
        #expect(narrow.assignments(0) == Array(manyNames.prefix(16_383)))
        #expect(narrow.indicators(0) == Array(manyLinks.prefix(32_767)))
    }

    @Test func linkedSiteAnswersFromThePackedLinks() {
        typealias M = Build
        let annotation = M.annotation([[M.mention("市经信委", .lead), M.mention("环保局", .co)]])
        let plan = M.plan("p", units: [M.unit("c1-t1", annotations: [annotation]), M.unit("c1-t2"), M.unit("c1-t3", annotations: [annotation])])
        let (site, diagnostics) = Linker.link(M.site(plans: [plan]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(site.unitAssignments["p/c1-t1"]?.map(\.departmentKey) == ["r/jxw", "r/hbj"])
        #expect(site.unitAssignments["p/c1-t1"]?.map(\.written) == ["市经信委", "环保局"])
        #expect(site.unitAssignments["p/c1-t2"] == [])
        #expect(site.unitAssignments["p/c1-t3"]?.map(\.role) == [.lead, .co])
        #expect(site.unitAssignments["p/c1-t4"] == nil)
        #expect(site.assignedUnitCount(planID: "p") == 2)
        #expect(site.unitAssignments.plan("p").map(\.count) == [2, 0, 2])
        #expect(site.departmentLeadUnits["r/jxw"] == ["p/c1-t1", "p/c1-t3"])
    }
}

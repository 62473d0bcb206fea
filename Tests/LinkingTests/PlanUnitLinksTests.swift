import Testing
import TestSupport
import PlanModel
@testable import Linking

/// `PlanUnitLinks` holds each unit's departments and indicators: what comes out must be what
/// went in, unit by unit, for any lists.
@Suite struct PlanUnitLinksTests {
    static let departments = ["r/fgw", "r/sthj", "r/jxj", "r/a-very-long-department-key-that-is-not-a-small-string"]
    static let names = ["市发改委", "发改委", "市生态环境局", "经信局", "环保局", "A", ""]
    static let indicators = ["p/pm25", "p/forest", "q/water", "p/x"]

    static func randomPlan(_ g: inout SplitMix) -> ([[ResolvedAssignment]], [[IndicatorLink]]) {
        let units = g.below(12)
        var assignments: [[ResolvedAssignment]] = []
        var links: [[IndicatorLink]] = []
        for _ in 0..<units {
            assignments.append((0..<g.below(6)).map { _ in
                ResolvedAssignment(departmentKey: departments[g.below(departments.count)], written: names[g.below(names.count)],
                                   role: g.below(2) == 0 ? .lead : .co, writtenAsCanonical: g.below(2) == 0)
            })
            links.append((0..<g.below(4)).map { _ in
                IndicatorLink(indicatorKey: indicators[g.below(indicators.count)], how: g.below(2) == 0 ? .explicit : .automatic)
            })
        }
        return (assignments, links)
    }

    @Test func whatGoesInComesBackUnitByUnit() {
        var g = SplitMix(state: 7)
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

    /// A plan's units repeat the same departments and indicators: each distinct one is held once.
    @Test func eachDistinctAssignmentAndLinkIsHeldOnce() {
        var g = SplitMix(state: 11)
        for _ in 0..<200 {
            let (assignments, links) = Self.randomPlan(&g)
            let packed = PlanUnitLinks(assignments: assignments, indicators: links)
            #expect(packed.distinctCounts.assignments == Set(assignments.joined()).count)
            #expect(packed.distinctCounts.indicators == Set(links.joined()).count)
        }
        let lead = { ResolvedAssignment(departmentKey: "r/fgw", written: String("市发改委".reversed().reversed()), role: .lead, writtenAsCanonical: false) }
        let many = PlanUnitLinks(assignments: Array(repeating: [lead(), lead()], count: 50).map { _ in [lead()] },
                                 indicators: Array(repeating: [], count: 50))
        #expect(many.distinctCounts.assignments == 1)
        #expect(many.assignments(49) == [lead()])
    }

    @Test func linkedSiteAnswersFromThePlansLinks() {
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

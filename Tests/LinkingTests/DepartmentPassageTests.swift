import Testing
import PlanModel
@testable import Linking

/// A department's page shows the passages of plan text that name it: by its name or an
/// alias, once per unit, not in a unit that assigns it (that unit is listed as its task).
@Suite struct DepartmentPassageTests {
    typealias M = Build

    @Test func passagesNameDepartmentsByNameOrAliasOutsideTheirAssignedUnits() {
        let named = M.unit("c1-t1", text: "完善监测网络。由市环保局会同市水利局开展河湖监测,市环保局负责汇总。其余各项按计划推进。")
        let assigned = M.unit("c1-t2", text: "推进节水。市水利局负责。", annotations: [M.annotation([[M.mention("市水利局", .lead)]])])
        let silent = M.unit("c1-t3", text: "加强宣传教育。")
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(units: [named, assigned, silent])]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let hbj = site.departmentPassages["r/hbj"] ?? []
        // Named twice in one unit: one passage, the sentence of the first mention.
        #expect(hbj.map(\.unit) == [UnitRef(plan: 0, unit: 0)])
        #expect(hbj.first?.excerpt == "由市环保局会同市水利局开展河湖监测,市环保局负责汇总。")
        // 市水利局 leads c1-t2: only the passage of c1-t1 is listed.
        #expect(site.departmentPassages["r/slj"]?.map(\.unit) == [UnitRef(plan: 0, unit: 0)])
        #expect(site.departmentPassages["r/gaj"] == nil)
    }

    @Test func aLongSentenceIsCutAroundTheName() {
        let text = String(repeating: "甲", count: 200) + "市科技局" + String(repeating: "乙", count: 200) + "。"
        let excerpt = Linker.excerpt(of: "市科技局", in: text)
        #expect(excerpt.contains("市科技局"))
        #expect(excerpt.hasPrefix("…") && excerpt.hasSuffix("…"))
        #expect(excerpt.count == Linker.excerptLength + 2)
    }
}

import Testing
import PlanModel
@testable import ContentReader
@testable import Linking

@Suite struct LinkerTests {
    typealias M = Build

    @Test func carryOverDoesNotApplyAcrossLists() throws {
        // (牵头单位:市发改委;责任单位:科技局): 科技局 is in another list, so 市 is not carried.
        let unknown = M.mention("科技局", .co, line: 30, column: 16)
        let unit = M.unit("c1-t1", annotations: [M.annotation([[M.mention("市发改委", .lead)], [unknown]])])
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(units: [unit])]))
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == "unknown-department")
        #expect(diagnostics[0].location == unknown.location)
        #expect(diagnostics[0].hint?.contains("Content/regions/r/departments.csv") == true)
        #expect(site.unitAssignments["p/c1-t1"]?.map(\.departmentKey) == ["r/fgw"])
    }

    @Test func carryOverWithinOneListThroughTheLinker() {
        let unit = M.unit("c1-t1", annotations: [M.annotation([[M.mention("市经信委", .lead), M.mention("环保局", .lead)],
                                                               [M.mention("市发改委"), M.mention("科技局"), M.mention("公安局")]])])
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(units: [unit])]))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let assignments = site.unitAssignments["p/c1-t1"] ?? []
        #expect(assignments.map(\.departmentKey) == ["r/jxw", "r/hbj", "r/fgw", "r/kjj", "r/gaj"])
        #expect(assignments.map(\.role) == [.lead, .lead, .co, .co, .co])
    }

    @Test func leadAndCoDuplicateCollapsesToLead() {
        let unit = M.unit("c1-t1", annotations: [M.annotation([[M.mention("市发改委", .lead)],
                                                               [M.mention("市发展和改革委员会", .co), M.mention("市科技局", .co)]])])
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(units: [unit])]))
        #expect(diagnostics.isEmpty)
        let assignments = site.unitAssignments["p/c1-t1"] ?? []
        #expect(assignments.map(\.departmentKey) == ["r/fgw", "r/kjj"])
        #expect(assignments.map(\.role) == [.lead, .co])
        #expect(site.departmentLeadUnits["r/fgw"] == ["p/c1-t1"])
        #expect(site.departmentCoUnits["r/fgw"] == nil)
        #expect(site.departmentCoUnits["r/kjj"] == ["p/c1-t1"])
    }

    @Test func sectionWideAnnotationsCountForEveryTask() {
        let closing = M.annotation([[M.mention("市环保局"), M.mention("水利局")]], scope: .section)
        let units = [M.unit("c2-s1-t3", annotations: [closing]), M.unit("c2-s1-t4", annotations: [closing])]
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(units: units)]))
        #expect(diagnostics.isEmpty)
        #expect(site.departmentCoUnits["r/hbj"] == ["p/c2-s1-t3", "p/c2-s1-t4"])
        #expect(site.departmentCoUnits["r/slj"] == ["p/c2-s1-t3", "p/c2-s1-t4"])
    }

    @Test func indicatorDepartmentsWithLeadStar() {
        let at = SourceLocation(path: "Content/plans/p/indicators.csv", line: 2, column: 30)
        let indicator = M.indicator("wsclv", "城市污水处理率", departments: IndicatorTableReader.departments("市环保局*、市水利局", at: at))
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(indicators: [indicator])]))
        #expect(diagnostics.isEmpty)
        let assignments = site.indicatorAssignments["p/wsclv"] ?? []
        #expect(assignments.map(\.departmentKey) == ["r/hbj", "r/slj"])
        #expect(assignments.map(\.role) == [.lead, .co])
        #expect(site.departmentIndicators["r/hbj"] == ["p/wsclv"])
        #expect(site.departmentIndicators["r/slj"] == ["p/wsclv"])
    }

    @Test func unknownIndicatorDepartmentIsAnError() throws {
        let at = SourceLocation(path: "Content/plans/p/indicators.csv", line: 5, column: 30)
        let indicator = M.indicator("x", "某指标", departments: IndicatorTableReader.departments("市财政局*", at: at))
        let (_, diagnostics) = Linker.link(M.site(plans: [M.plan(indicators: [indicator])]))
        try #require(diagnostics.count == 1)
        #expect(diagnostics[0].code == "unknown-department")
        #expect(diagnostics[0].location == at)
    }

    // MARK: Indicators

    @Test func explicitIndicatorReferences() {
        let refLocation = SourceLocation(path: "Content/plans/p/plan.md", line: 25, column: 1)
        let unit = M.unit("c1-t1", text: "降低浓度", references: [IndicatorReference(target: "pm25", location: refLocation),
                                                             IndicatorReference(target: "q/forest", location: refLocation),
                                                             IndicatorReference(target: "pm25", location: refLocation)])
        let p = M.plan(units: [unit], indicators: [M.indicator("pm25", "PM2.5年均浓度")])
        let q = M.plan("q", indicators: [M.indicator("forest", "森林覆盖率", plan: "q")])
        let (site, diagnostics) = Linker.link(M.site(plans: [p, q]))
        #expect(diagnostics.isEmpty)
        #expect(site.unitIndicators["p/c1-t1"] == [IndicatorLink(indicatorKey: "p/pm25", how: .explicit),
                                                   IndicatorLink(indicatorKey: "q/forest", how: .explicit)])
        #expect(site.indicatorUnits["q/forest"] == ["p/c1-t1"])
    }

    @Test func unknownIndicatorReferenceIsAnError() throws {
        let refLocation = SourceLocation(path: "Content/plans/p/plan.md", line: 25, column: 8)
        let unit = M.unit("c1-t1", references: [IndicatorReference(target: "nope", location: refLocation),
                                               IndicatorReference(target: "q/pm25", location: refLocation)])
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(units: [unit], indicators: [M.indicator("pm25", "PM2.5年均浓度")])]))
        #expect(diagnostics.map(\.code) == ["unknown-indicator", "unknown-indicator"])
        #expect(diagnostics.allSatisfy { $0.location == refLocation })
        #expect(diagnostics.contains { $0.message.contains("'nope'") })
        #expect(site.unitIndicators["p/c1-t1"] == [])
    }

    @Test func automaticLinksByNameAndAlias() {
        let units = [
            M.unit("c1-t1", text: "到2022年，全市城市污水处理率达到95%以上。"),
            M.unit("c1-t2", text: "提高污水处理率。"),
            M.unit("c1-t3", text: "森林覆盖率稳定在60%以上。"),
            M.unit("c1-t4", text: "削减COD排放，改善水质。"),
        ]
        let indicators = [
            M.indicator("wsclv", "城市污水处理率", aliases: ["污水处理率", "水质"]),
            M.indicator("forest", "★森林覆盖率"),
            M.indicator("cod", "COD"),
        ]
        let (site, diagnostics) = Linker.link(M.site(plans: [M.plan(units: units, indicators: indicators)]))
        #expect(diagnostics.isEmpty)
        #expect(site.unitIndicators["p/c1-t1"] == [IndicatorLink(indicatorKey: "p/wsclv", how: .automatic)])
        // By an alias of 4 characters or more.
        #expect(site.unitIndicators["p/c1-t2"] == [IndicatorLink(indicatorKey: "p/wsclv", how: .automatic)])
        // The name without its ★ marker.
        #expect(site.unitIndicators["p/c1-t3"] == [IndicatorLink(indicatorKey: "p/forest", how: .automatic)])
        // Not by short names: COD (3 characters) and the alias 水质 (2).
        #expect(site.unitIndicators["p/c1-t4"] == [])
        #expect(site.indicatorUnits["p/wsclv"] == ["p/c1-t1", "p/c1-t2"])
        #expect(site.indicatorUnits["p/cod"] == nil)
    }

    @Test func explicitReferenceIsNotDuplicatedByAutomaticMatch() {
        let ref = IndicatorReference(target: "wsclv", location: SourceLocation(path: "Content/plans/p/plan.md"))
        let unit = M.unit("c1-t1", text: "城市污水处理率达到95%", references: [ref])
        let (site, _) = Linker.link(M.site(plans: [M.plan(units: [unit], indicators: [M.indicator("wsclv", "城市污水处理率")])]))
        #expect(site.unitIndicators["p/c1-t1"] == [IndicatorLink(indicatorKey: "p/wsclv", how: .explicit)])
    }

    @Test func automaticLinksStayWithinThePlan() {
        let p = M.plan(units: [M.unit("c1-t1", text: "森林覆盖率提高。")])
        let q = M.plan("q", indicators: [M.indicator("forest", "森林覆盖率", plan: "q")])
        let (site, _) = Linker.link(M.site(plans: [p, q]))
        #expect(site.unitIndicators["p/c1-t1"] == [])
    }

    // MARK: Reverse indexes

    @Test func reverseIndexes() {
        let units = [
            M.unit("c2-t9", text: "PM2.5年均浓度下降", annotations: [M.annotation([[M.mention("市环保局", .lead)], [M.mention("市公安局")]])]),
            M.unit("c1-t1", annotations: [M.annotation([[M.mention("市环保局", .lead)]])]),
            M.unit("c1-t2", annotations: [M.annotation([[M.mention("市公安局")]])]),
        ]
        let metrics = [Metric(id: "pm25", regionID: "r", name: "PM2.5年均浓度", direction: .lower,
                              location: SourceLocation(path: "Content/regions/r/metrics.csv", line: 2))]
        let p = M.plan(units: units, indicators: [M.indicator("pm25", "PM2.5年均浓度", metric: "pm25")])
        let q = M.plan("q", indicators: [M.indicator("pm25-q", "细颗粒物浓度", plan: "q", metric: "pm25")])
        let (site, diagnostics) = Linker.link(M.site(regions: [M.region(metrics: metrics)], plans: [p, q]))
        #expect(diagnostics.isEmpty)
        // Sorted by unit key.
        #expect(site.departmentLeadUnits["r/hbj"] == ["p/c1-t1", "p/c2-t9"])
        #expect(site.departmentCoUnits["r/gaj"] == ["p/c1-t2", "p/c2-t9"])
        #expect(site.departmentLeadUnits["r/gaj"] == nil)
        #expect(site.indicatorUnits["p/pm25"] == ["p/c2-t9"])
        #expect(site.metricIndicators["r/pm25"] == ["p/pm25", "q/pm25-q"])
        #expect(site.metricKey(of: site.indicators["q/pm25-q"]!) == "r/pm25")
        #expect(site.unit("p/c1-t2")?.id == "c1-t2")
        #expect(site.departments["r/gaj"]?.name == "市公安局")
    }

    @Test func unknownMetricAndUnknownRegion() {
        let p = M.plan(indicators: [M.indicator("x", "某指标", metric: "nope")])
        let lost = M.plan("lost", region: "nowhere")
        let (site, diagnostics) = Linker.link(M.site(plans: [p, lost]))
        #expect(diagnostics.map(\.code).sorted() == ["unknown-metric", "unknown-region"])
        #expect(diagnostics.first { $0.code == "unknown-metric" }?.location == p.indicators[0].location)
        #expect(diagnostics.first { $0.code == "unknown-region" }?.location == lost.location)
        #expect(site.metricIndicators.isEmpty)
    }

    @Test func observationsForAMetricAreSortedByYear() {
        let obs = { (year: Int, value: Double) in
            Observation(metricID: "pm25", regionID: "r", year: year, value: ValueExpression(raw: "\(value)", form: .number(value)),
                        basis: .annual, source: "s\(year)", location: SourceLocation(path: "o.csv"))
        }
        var region = M.region(metrics: [Metric(id: "pm25", regionID: "r", name: "PM2.5", location: SourceLocation(path: "m.csv"))])
        region.observations = [obs(2020, 26), obs(2015, 57), obs(2018, 40)]
        let (site, _) = Linker.link(M.site(regions: [region], plans: [M.plan()]))
        #expect(site.observations(forMetric: "r/pm25").map(\.year) == [2015, 2018, 2020])
        #expect(site.observations(forMetric: "r/other").isEmpty)
        #expect(site.observations(forMetric: "nokey").isEmpty)
    }

    @Test func cleanNameDropsMarkers() {
        #expect(Linker.cleanName("★森林覆盖率") == "森林覆盖率")
        #expect(Linker.cleanName("空气质量优良天数比率*") == "空气质量优良天数比率")
        #expect(Linker.cleanName(" △EQI ") == "EQI")
    }
}

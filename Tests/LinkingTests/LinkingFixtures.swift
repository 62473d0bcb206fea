import PlanModel

/// Regions, plans and units built directly, as ContentLoader would produce them.
enum Build {
    static let regionFolder = "Content/regions/r"

    static func department(_ id: String, _ name: String, aliases: [String] = [], line: Int = 2, region: String = "r") -> Department {
        Department(id: id, regionID: region, name: name, kind: .government, aliases: aliases,
                   location: SourceLocation(path: "Content/regions/\(region)/departments.csv", line: line))
    }

    /// A registry in the style of a 市: full names with the short forms as aliases.
    static let cityDepartments: [Department] = [
        department("fgw", "市发展和改革委员会", aliases: ["市发改委", "发改委"], line: 2),
        department("kjj", "市科技局", line: 3),
        department("gaj", "市公安局", line: 4),
        department("hbj", "市环境保护局", aliases: ["市环保局"], line: 5),
        department("slj", "市水利局", line: 6),
        department("jxw", "市经济和信息化委员会", aliases: ["市经信委"], line: 7),
    ]

    static func region(_ departments: [Department] = cityDepartments, metrics: [Metric] = [], id: String = "r") -> Region {
        Region(id: id, name: "测试市", level: "市", departments: departments, metrics: metrics,
               location: SourceLocation(path: "Content/regions/\(id)/region.yaml"))
    }

    static func mention(_ name: String, _ role: AssignmentRole = .co, line: Int = 20, column: Int = 1, plan: String = "p") -> DepartmentMention {
        DepartmentMention(name: name, role: role, location: SourceLocation(path: "Content/plans/\(plan)/plan.md", line: line, column: column))
    }

    static func annotation(_ lists: [[DepartmentMention]], scope: DepartmentAnnotation.Scope = .unit) -> DepartmentAnnotation {
        DepartmentAnnotation(raw: "(…)", lists: lists, scope: scope, location: lists.first?.first?.location ?? SourceLocation(path: "x"))
    }

    static func unit(_ id: String, text: String = "", annotations: [DepartmentAnnotation] = [],
                     references: [IndicatorReference] = [], plan: String = "p", line: Int = 20) -> WorkUnit {
        WorkUnit(id: id, kind: .task, number: 1, label: "1.", title: String(text.prefix(10)), text: text, chapterID: "c1",
                 sectionID: nil, annotations: annotations, indicatorReferences: references,
                 location: SourceLocation(path: "Content/plans/\(plan)/plan.md", line: line))
    }

    static func indicator(_ id: String, _ name: String, plan: String = "p", aliases: [String] = [], metric: String = "",
                          departments: [DepartmentMention] = [], line: Int = 2) -> Indicator {
        Indicator(id: id, planID: plan, name: name, aliases: aliases, metricID: metric, departments: departments,
                  source: "表1", location: SourceLocation(path: "Content/plans/\(plan)/indicators.csv", line: line))
    }

    static func plan(_ id: String = "p", region: String = "r", units: [WorkUnit] = [], indicators: [Indicator] = []) -> Plan {
        Plan(id: id, title: "测试规划", issuer: "测试市人民政府", startYear: 2021, endYear: 2025, regionID: region,
             source: "https://example.org", units: units, indicators: indicators,
             location: SourceLocation(path: "Content/plans/\(id)/plan.md"))
    }

    static func site(regions: [Region] = [region()], plans: [Plan]) -> SiteContent {
        SiteContent(config: SiteConfig(title: "测试", organisation: "测试", dataAsOf: SimpleDate(year: 2024, month: 12, day: 31),
                                       language: "zh-CN"),
                    regions: regions, plans: plans, root: "Content")
    }
}

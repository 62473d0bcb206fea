import Foundation
import Linking
import PlanModel
import Progress

/// Renders every page, data file and asset of the site and hands each to `emit`
/// (path relative to the output folder, bytes). Pages are produced one at a time in a
/// fixed order, so output is deterministic and memory stays small.
public struct SiteRenderer {
    public let site: LinkedSite
    public let evaluations: [String: IndicatorEvaluation]
    public let templates: TemplateSet
    public let labels: Labels

    public init(site: LinkedSite, evaluations: [String: IndicatorEvaluation], templates: TemplateSet, labels: Labels) {
        self.site = site
        self.evaluations = evaluations
        self.templates = templates
        self.labels = labels
    }

    /// Loads labels and templates from a templates folder, reporting every problem.
    public static func loadTemplates(_ directory: String) -> Result<(TemplateSet, Labels), DiagnosticList> {
        let labels: Labels
        switch Labels.read(path: "\(directory)/labels.yaml") {
        case .failure(let d): return .failure(DiagnosticList([d]))
        case .success(let l): labels = l
        }
        return TemplateSet.load(from: directory, labels: labels).map { ($0, labels) }
    }

    public func render(emit: (String, Data) throws -> Void) throws {
        let builder = ViewBuilder(site: site, evaluations: evaluations, labels: labels,
                                  commitments: CommitmentExtractor.extract(site))
        func page(_ path: String, _ view: Any, _ template: String) throws {
            try emit(path, Data(Self.showPrivateUseCharacters(templates.render(view, template: template)).utf8))
        }
        try page(URLs.home, builder.home(), "index")
        for plan in site.content.plans {
            try page(URLs.plan(plan.id), builder.planPage(plan), "plan")
        }
        try page(URLs.departments, builder.departmentIndex(), "departments")
        for key in site.departments.keys.sorted() {
            try page(URLs.department(key), builder.departmentPage(site.departments[key]!), "department")
        }
        try page(URLs.indicators, builder.indicatorIndex(), "indicators")
        for key in site.indicators.keys.sorted() {
            try page(URLs.indicator(key), builder.indicatorPage(site.indicators[key]!), "indicator")
        }
        try page(URLs.progress, builder.progressPage(), "progress")
        let kinds = Dictionary(uniqueKeysWithValues: ["plan", "task", "section", "indicator", "department"].map { ($0, labels["search-kind-\($0)"]) })
        try page(URLs.search, SearchPageView(page: builder.page(path: URLs.search, title: labels["search"]), labels: labels.values,
                                             kindsJSON: SearchIndex.embeddableJSON(kinds)), "search")
        try emit("assets/search-index.js", SearchIndex(site: site).script)

        let data = DataExport(site: site, evaluations: evaluations, labels: labels)
        for (name, table) in [("tasks", data.tasks), ("indicators", data.indicators), ("departments", data.departments),
                              ("observations", data.observations)] {
            try emit("data/\(name).csv", Data(table.csv.utf8))
            try emit("data/\(name).json", table.json)
        }
        try copyAssets(emit: emit)
    }

    /// Private-use characters in a source (garbled text copied from a web page) would show
    /// as nothing or as an empty box: pages show them as ⟨U+E010⟩ so the damage stays visible.
    /// The open data files keep the characters as they are.
    static func showPrivateUseCharacters(_ html: String) -> String {
        guard html.unicodeScalars.contains(where: { (0xE000...0xF8FF).contains($0.value) }) else { return html }
        var out = String.UnicodeScalarView()
        for scalar in html.unicodeScalars {
            if (0xE000...0xF8FF).contains(scalar.value) {
                out.append(contentsOf: "⟨U+\(String(scalar.value, radix: 16, uppercase: true))⟩".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Every file of Templates/ that is not a template or the labels goes to assets/.
    func copyAssets(emit: (String, Data) throws -> Void) throws {
        let root = URL(fileURLWithPath: templates.directory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return }
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix(".mustache") && name != "labels.yaml" {
            let url = root.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            try emit("assets/\(name)", data)
        }
    }
}

import Foundation
import Mustache
import Linking
import PlanModel

extension SiteRenderer {
    /// One file, or a few files made together, of the site: what `render` is given.
    public struct Page: Sendable {
        enum Kind: Sendable {
            case home, departments, indicators, progress, method, search, sitemap, dataDictionary, dataPackage, assets
            case plan(Int32), progressPlan(Int32), department(Int32), indicator(Int32)
            /// One of the files made in pieces, by its index in `RenderJobs.listings`.
            case listing(Int32)
        }
        let kind: Kind
        /// The file's path (for files made together, the first one's).
        public let path: String
        /// For a page that shows one region's content (a plan, progress, indicator or
        /// department page), that region; nil for a page or file made from the whole site.
        public let region: String?
        /// The other files made with it: a plan's task tables and search documents.
        public var otherPaths: [String] = []

        /// Every file the page makes.
        public var paths: [String] { [path] + otherPaths }
    }

    /// Every file of the site, in a fixed order.
    public func pages() -> [Page] {
        let plans = site.content.plans
        var list: [Page] = [Page(kind: .home, path: URLs.home, region: nil)]
        list += plans.indices.map { p in
            Page(kind: .plan(Int32(p)), path: URLs.plan(plans[p].id), region: plans[p].regionID, otherPaths: RenderJobs.planFilePaths(plans[p].id))
        }
        list.append(Page(kind: .departments, path: URLs.departments, region: nil))
        for (n, key) in site.departments.keys.sorted().enumerated() {
            list.append(Page(kind: .department(Int32(n)), path: URLs.department(key), region: RenderJobs.owner(key)))
        }
        list.append(Page(kind: .indicators, path: URLs.indicators, region: nil))
        let regionOfPlan = Dictionary(plans.map { ($0.id, $0.regionID) }, uniquingKeysWith: { a, _ in a })
        for (n, key) in site.indicators.keys.sorted().enumerated() {
            list.append(Page(kind: .indicator(Int32(n)), path: URLs.indicator(key), region: regionOfPlan[RenderJobs.owner(key)]))
        }
        list.append(Page(kind: .progress, path: URLs.progress, region: nil))
        list += plans.indices.map { Page(kind: .progressPlan(Int32($0)), path: URLs.progress(plans[$0].id), region: plans[$0].regionID) }
        list.append(Page(kind: .method, path: URLs.method, region: nil))
        list.append(Page(kind: .search, path: URLs.search, region: nil))
        list.append(Page(kind: .sitemap, path: URLs.sitemap, region: nil))
        list.append(Page(kind: .dataDictionary, path: URLs.dataDictionary, region: nil))
        list.append(Page(kind: .dataPackage, path: URLs.dataPackage, region: nil, otherPaths: [URLs.tasksSchema]))
        for (n, paths) in RenderJobs.listingPaths.enumerated() where paths.contains(where: { !madeElsewhere.contains($0) }) {
            list.append(Page(kind: .listing(Int32(n)), path: paths[0], region: nil))
        }
        list.append(Page(kind: .assets, path: "assets/", region: nil))
        return list
    }
}

/// What a job makes: files made whole, or files made in pieces together (a table's CSV and
/// JSON come from one pass over its rows), written by `write` into one buffer per path.
enum RenderedFiles {
    case whole([(String, Data)])
    case streamed(paths: [String], write: ([ByteBuffer]) -> Void)
}

/// Makes the files of a `SiteRenderer.Page` when a thread takes it. The job of each page is
/// made from its `Kind` only then, so that the closures of every page are never held at once.
final class RenderJobs: Sendable {
    /// The files made together, in order: the search index (its folder) and the open data tables.
    static let listingPaths: [[String]] = [[SearchIndex.folder]]
        + DataExport.siteTables.map { ["data/\($0).csv", "data/\($0).json"] }

    /// The files made with a plan's page: its task table (CSV, JSON) and its search documents.
    static func planFilePaths(_ planID: String) -> [String] {
        [URLs.tasks(planID, format: "csv"), URLs.tasks(planID, format: "json"), SearchIndex.path(ofDocuments: SearchIndex.planDocuments(planID))]
    }

    let renderer: SiteRenderer
    let builder: ViewBuilder
    let departmentKeys: [String]
    let indicatorKeys: [String]
    let data: DataExport
    /// Whether the views' labels are those written into the templates (`TemplateLabels`).
    let labelsFilled: Bool

    init(_ renderer: SiteRenderer) {
        self.renderer = renderer
        var builder = ViewBuilder(site: renderer.site, evaluations: renderer.evaluations, labels: renderer.labels)
        builder.chartsOnHome = renderer.templates.mayShow("statusChart", on: "index")
        self.builder = builder
        departmentKeys = renderer.site.departments.keys.sorted()
        indicatorKeys = renderer.site.indicators.keys.sorted()
        data = DataExport(site: renderer.site, evaluations: renderer.evaluations, labels: renderer.labels)
        labelsFilled = renderer.labels.values == renderer.templates.filledLabels
    }

    /// The part of a key (`region/department`, `plan/indicator`) before the slash.
    static func owner(_ key: String) -> String { String(key[..<(key.firstIndex(of: "/") ?? key.endIndex)]) }

    func job(_ kind: SiteRenderer.Page.Kind) throws -> RenderedFiles {
        let site = renderer.site
        switch kind {
        case .home: return inPieces(URLs.home, "index", builder.home(), rowsPerRun: 50)
        case .plan(let p): return try planFiles(Int(p))
        case .departments: return inPieces(URLs.departments, "departments", builder.departmentIndex(), rowsPerRun: 5)
        case .department(let d):
            let key = departmentKeys[Int(d)]
            return page(URLs.department(key), "department", builder.departmentPage(site.departments[key]!))
        case .indicators: return inPieces(URLs.indicators, "indicators", builder.indicatorIndex(), rowsPerRun: 500)
        case .indicator(let i):
            let key = indicatorKeys[Int(i)]
            return page(URLs.indicator(key), "indicator", builder.indicatorPage(site.indicators[key]!))
        case .progress: return page(URLs.progress, "progress", builder.progressPage())
        case .progressPlan(let p):
            let plan = site.content.plans[Int(p)]
            return page(URLs.progress(plan.id), "progress-plan", builder.progressPlanPage(plan))
        case .method: return page(URLs.method, "method", builder.methodPage())
        case .search: return page(URLs.search, "search", searchView())
        case .sitemap: return page(URLs.sitemap, "sitemap", builder.sitemap())
        case .dataDictionary: return page(URLs.dataDictionary, "data", builder.dataDictionary())
        case .dataPackage: return .whole(builder.dataPackage())
        case .listing(let l): return try listing(Int(l))
        case .assets: return .whole(renderer.copyAssets())
        }
    }

    private func page<View: Encodable>(_ path: String, _ template: String, _ view: View) -> RenderedFiles {
        .whole([(path, Data(SiteRenderer.showPrivateUseCharacters(renderer.templates.render(view, template: template, labelsFilled: labelsFilled)).utf8))])
    }

    /// A page whose list grows with the site, in pieces (`TemplatePieces`) when its template
    /// can be cut; whole otherwise.
    private func inPieces<View: ViewInPieces>(_ path: String, _ template: String, _ view: View, rowsPerRun: Int) -> RenderedFiles {
        guard let pieces = renderer.templates.pieces(of: template, labelsFilled: labelsFilled) else {
            return page(path, template, view)
        }
        let templates = renderer.templates, filled = labelsFilled
        return .streamed(paths: [path]) { buffers in
            Self.write(view, in: pieces, rowsPerRun: rowsPerRun, to: buffers[0]) { templates.render($1, piece: $0, labelsFilled: filled) }
        }
    }

    /// The page of `view` rendered in `pieces`: the runs of rows rendered on the cores a few at
    /// a time, written in order.
    static func write<View: ViewInPieces>(_ view: View, in pieces: TemplatePieces, rowsPerRun: Int, to buffer: ByteBuffer,
                                          render: @escaping @Sendable (MustacheTemplate, View) -> String) {
        func put(_ html: String) { buffer.append(contentsOf: SiteRenderer.showPrivateUseCharacters(html).utf8) }
        put(render(pieces.before, view))
        let count = view.rowCount
        let runs = stride(from: 0, to: count, by: rowsPerRun).map { $0 ..< min($0 + rowsPerRun, count) }
        let batch = 2 * Parallel.defaultThreads
        for first in stride(from: 0, to: runs.count, by: batch) {
            Parallel.map(Array(runs[first ..< min(first + batch, runs.count)])) { render(pieces.list, view.rows($0)) }.forEach(put)
        }
        put(render(pieces.after, view))
    }

    /// A plan's page, task table and search documents: all made from its text.
    private func planFiles(_ p: Int) throws -> RenderedFiles {
        var plan = renderer.site.content.plans[p]
        if !plan.hasBody {
            guard let bodies = renderer.bodies else { throw SiteRenderer.Failure.noBody(planID: plan.id) }
            plan = try bodies(plan)
        }
        guard case .whole(var files) = page(URLs.plan(plan.id), "plan", builder.planPage(plan)) else { return .whole([]) }
        let tasks = data.planTasks(p, plan)
        let documents = SearchIndex.planDocuments(plan.id)
        let paths = Self.planFilePaths(plan.id)
        files += [(paths[0], tasks.csv), (paths[1], tasks.json),
                  (paths[2], SearchIndex.documents(documents, SearchIndex.planEntries(plan)))]
        return .whole(files)
    }

    private func searchView() -> SearchPageView {
        let labels = renderer.labels
        let kinds = Dictionary(uniqueKeysWithValues: ["plan", "task", "section", "indicator", "department"].map { ($0, labels["search-kind-\($0)"]) })
        let synonyms = (try? SearchSynonyms.parse(renderer.templates.files[SearchSynonyms.fileName], path: SearchSynonyms.fileName).get())?.groups ?? []
        return SearchPageView(page: builder.page(path: URLs.search, title: labels["search"], section: .search), labels: labels.values,
                              kindsJSON: SearchIndex.embeddableJSON(kinds),
                              indexJSON: SearchIndex.embeddableJSON([
                                  "shards": SearchIndex.shardCount(plans: renderer.site.content.plans.count),
                                  "groups": SearchIndex.groups(site: renderer.site, planTitle: builder.shortTitle),
                                  "synonyms": synonyms,
                              ] as [String: Any]))
    }

    /// The search index (a folder of files, made whole) or a table; the files the caller makes
    /// itself (`madeElsewhere`) are left out, and the plans' text is needed for the ones that
    /// list every unit.
    private func listing(_ index: Int) throws -> RenderedFiles {
        let paths = Self.listingPaths[index]
        let made = paths.filter { !renderer.madeElsewhere.contains($0) }
        let site = renderer.site
        if index == 0 {
            guard !made.isEmpty else { return .whole([]) }
            if site.content.plans.contains(where: { !$0.hasBody }) { throw SiteRenderer.Failure.listingsNeedText(path: paths[0]) }
            return .whole(SearchIndex.files(site: site))
        }
        let data = self.data
        return .streamed(paths: made) { buffers in
            var given = buffers[...]
            let all = paths.map { made.contains($0) ? given.popFirst() : nil }
            data.table(DataExport.siteTables[index - 1]).write(csv: all[0], json: all[1])
        }
    }
}

/// A sink that keeps every file whole, by path.
final class CollectingSink: RenderSink {
    private(set) var files: [String: Data] = [:]

    final class Stream: FileStream {
        let path: String
        var data = Data()
        init(_ path: String) { self.path = path }
        func write(_ bytes: UnsafeRawBufferPointer) throws { data.append(contentsOf: bytes) }
    }

    func write(_ path: String, _ data: Data) throws { files[path] = data }
    func beginStream(_ path: String) throws -> any FileStream { Stream(path) }
    func finish(_ stream: any FileStream) throws {
        let stream = stream as! Stream
        files[stream.path] = stream.data
    }
}

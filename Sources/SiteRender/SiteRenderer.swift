import Foundation
import Linking
import PlanModel
import Progress

/// Where the bytes of a file made in pieces go (`SiteRenderer.Streams`).
public protocol FileStream: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// The parts of the open data tables (a plan's indicators, a region's departments and
/// observations) that the previous build wrote, and where this build writes them
/// (`SiteRenderer.Streams`). Called under the renderer's lock, one call at a time.
public protocol TableParts: AnyObject {
    /// The bytes the previous build wrote for part `name` in each of `paths` (a table's CSV and
    /// JSON files), when it was made from inputs with the fingerprint `dependency` and those
    /// files are still as it wrote them; nil otherwise.
    func previous(_ name: String, in paths: [String], dependency: UInt64) -> [Data]?
    /// Where part `name`, made from inputs with the fingerprint `dependency`, went in each of
    /// `paths` (offset, length).
    func record(_ name: String, in paths: [String], dependency: UInt64, ranges: [(offset: Int, length: Int)])
}

/// Renders every page, data file and asset of the site and hands each to `emit`
/// (path relative to the output folder, bytes). Pages are produced one at a time in a
/// fixed order, so output is deterministic and memory stays small.
public struct SiteRenderer: Sendable {
    public let site: LinkedSite
    public let evaluations: SiteEvaluations
    public let templates: TemplateSet
    public let labels: Labels
    /// Gives a plan with its text when the site holds it without (`Plan.withoutBody`): its
    /// page shows the text. Nil when every plan of the site has its body.
    public let bodies: (@Sendable (Plan) throws -> Plan)?
    /// Files the caller makes itself and that are not rendered here (`PlanListings.paths`,
    /// made while the plans were read).
    public let madeElsewhere: Set<String>

    public init(site: LinkedSite, evaluations: SiteEvaluations, templates: TemplateSet, labels: Labels,
                bodies: (@Sendable (Plan) throws -> Plan)? = nil, madeElsewhere: Set<String> = []) {
        self.site = site
        self.evaluations = evaluations
        self.templates = templates
        self.labels = labels
        self.bodies = bodies
        self.madeElsewhere = madeElsewhere
    }

    public enum Failure: Error, CustomStringConvertible {
        case noBody(planID: String)
        case listingsNeedText(path: String)
        public var description: String {
            switch self {
            case .noBody(let id): return "plan '\(id)' is held without its text and no way to read it again was given"
            case .listingsNeedText(let path):
                return "\(path) lists every unit's text, but the plans are held without it; make it while reading (PlanListings)"
            }
        }
    }

    /// Loads labels and templates from a templates folder, reporting every problem.
    public static func loadTemplates(_ directory: String) -> Result<(TemplateSet, Labels), DiagnosticList> {
        let labels: Labels
        switch Labels.read(path: "\(directory)/labels.yaml") {
        case .failure(let d): return .failure(DiagnosticList([d]))
        case .success(let l): labels = l
        }
        if case .failure(let d) = SearchSynonyms.read(directory: directory) { return .failure(DiagnosticList([d])) }
        return TemplateSet.load(from: directory, labels: labels).map { ($0, labels) }
    }

    /// One unit of rendering work: a page, or a few files made together.
    struct Job: Sendable {
        var make: @Sendable () throws -> [(String, Data)] = { [] }
        /// Files made in pieces (open data, search index): their paths and what writes them
        /// (one buffer per path, in order; a table's CSV and JSON are written together, from
        /// one pass over its rows). Given to `Streams` when there are, otherwise made whole
        /// and passed to `emit`.
        var streamed: (paths: [String], write: @Sendable ([ByteBuffer], DataExport.Table.PartSource?) -> Void)? = nil
        /// For a page: makes its view, with the view's fingerprint, before it is rendered
        /// (used instead of `make`). A page whose view has the fingerprint recorded for the
        /// previous build's file is taken from it unrendered.
        var prepare: (@Sendable () throws -> PreparedPage)? = nil
    }

    /// A page's view, ready to be rendered.
    struct PreparedPage {
        let path: String
        /// `ViewFingerprint` of the view (0: none, always rendered).
        let fingerprint: UInt64
        let render: () -> Data
    }

    /// What a file staged by the renderer was made from, for the next build's manifest.
    public struct Made: Sendable, Equatable {
        /// The fingerprint of the region whose inputs a page shows (`regionFingerprints`),
        /// 0 for a file made from the whole site.
        public let dependency: UInt64
        /// The fingerprint of a page's view with the templates and plansite (`viewKey`), 0
        /// for a file that is not a page.
        public let view: UInt64

        public init(dependency: UInt64 = 0, view: UInt64 = 0) {
            self.dependency = dependency
            self.view = view
        }
    }

    /// Renders everything and hands each file to `emit`. Files are rendered on `threads`
    /// threads (default: one per core); `emit` is called for one file at a time (never
    /// concurrently), in an order that may vary between runs — each file's bytes do not.
    public func render(threads: Int? = nil, emit: (String, Data) throws -> Void) throws {
        try render(threads: threads, regionFingerprints: [:], reuse: { _, _ in false }) { path, data, _ in try emit(path, data) }
    }

    /// Where the files that are made in pieces go: `open` starts one (by path), the renderer
    /// writes its pieces to what `open` returned, `close` finishes it (with its fingerprint, as
    /// `emit` gets). Both are called under the lock that `reuse` and `emit` are called under.
    public struct Streams {
        public let open: (String) throws -> any FileStream
        public let close: (any FileStream, UInt64) throws -> Void
        /// The open data tables' parts as the previous build wrote them (`TableParts`).
        public let parts: (any TableParts)?

        public init(open: @escaping (String) throws -> any FileStream, close: @escaping (any FileStream, UInt64) throws -> Void,
                    parts: (any TableParts)? = nil) {
            self.open = open
            self.close = close
            self.parts = parts
        }
    }

    /// Renders the site as `render(threads:emit:)` does, but first offers each page that
    /// shows one region's content to `reuse` with the fingerprint of that region's inputs
    /// (`regionFingerprints`, made by the caller from everything such a page is made of);
    /// when `reuse` returns true (the caller took the previous build's file) the page is not
    /// rendered.
    /// Then, with a `viewKey` (not 0: the fingerprint of the templates and of plansite),
    /// each page that is rendered has its view made first and offered to `reuseView` with the
    /// view's fingerprint (`ViewFingerprint`) and its region's: when `reuseView` returns true
    /// (the previous build's file was made from the same view) the page is not rendered.
    /// `emit` gets each rendered file with what it was made from (`Made`). `reuse`,
    /// `reuseView` and `emit` are never called concurrently.
    /// The open data and the search index go to `streams` in pieces when given (they are
    /// 35–75 MB each for 1,000 plans), otherwise to `emit` whole.
    public func render(threads: Int? = nil, regionFingerprints: [String: UInt64],
                       reuse: (String, UInt64) throws -> Bool,
                       viewKey: UInt64 = 0, reuseView: (String, Made) throws -> Bool = { _, _ in false },
                       emit: (String, Data, Made) throws -> Void, streams: Streams? = nil) throws {
        let threads = threads ?? Parallel.defaultThreads
        try Self.run(jobs(threads: threads, viewKey: viewKey), threads: threads, fingerprints: regionFingerprints,
                     reuse: reuse, reuseView: reuseView, emit: emit, streams: streams)
    }

    /// The jobs of a render, made one at a time when a thread takes the next: the closures of
    /// 20,000 pages at 1,000 plans held 7 MB from the first page to the last.
    struct JobList: Sendable {
        let count: Int
        let job: @Sendable (Int) -> Job
        /// The path and region of a job that makes a page of one region's content (a plan,
        /// progress, indicator or department page), found without making the job: 20,000 of
        /// them are taken from the previous build.
        var page: @Sendable (Int) -> (path: String, region: String)? = { _ in nil }
    }

    /// What a job makes, in a few bytes: the job itself is made from it when it runs.
    enum JobSpec: Sendable {
        case home, departments, indicators, progress, search, dataDictionary, dataPackage, assets
        case plan(Int32), progressPlan(Int32), department(Int32), indicator(Int32)
        /// One of the files made in pieces, by its index in `listings`.
        case listing(Int32)
    }

    /// Every file of the site as a job, in a fixed order.
    func jobs(threads: Int, viewKey: UInt64 = 0) -> JobList {
        // The job closures share one builder by reference and look indicators and departments
        // up when they run: a closure that captured the builder (the whole linked site) or an
        // indicator by value would copy it into a box of its own.
        final class Shared: Sendable {
            let builder: ViewBuilder
            let departmentKeys: [String]
            let indicatorKeys: [String]
            let listings: [Job]
            let regionOfPlan: [String: String]
            init(_ builder: ViewBuilder, departmentKeys: [String], indicatorKeys: [String], listings: [Job]) {
                self.builder = builder
                self.departmentKeys = departmentKeys
                self.indicatorKeys = indicatorKeys
                self.listings = listings
                regionOfPlan = Dictionary(builder.site.content.plans.map { ($0.id, $0.regionID) }, uniquingKeysWith: { a, _ in a })
            }
            /// The part of a key (`region/department`, `plan/indicator`) before the slash.
            static func owner(_ key: String) -> Substring { key[..<(key.firstIndex(of: "/") ?? key.endIndex)] }
        }
        let templates = self.templates
        let site = self.site
        let labels = self.labels
        let bodies = self.bodies
        let data = DataExport(site: site, evaluations: evaluations, labels: labels)
        let withoutText = site.content.plans.contains { !$0.hasBody }
        var listings: [Job] = []
        /// Files made together; `write` gets a buffer for each of `paths` that is not made
        /// elsewhere, nil for the others.
        /// `source`: given when every one of `paths` is made here.
        func listing(_ paths: [String], _ write: @escaping @Sendable ([ByteBuffer?], DataExport.Table.PartSource?) -> Void) {
            let made = paths.filter { !madeElsewhere.contains($0) }
            guard !made.isEmpty else { return }
            if withoutText, let path = made.first(where: { PlanListings.paths.contains($0) }) {
                listings.append(Job(make: { throw Failure.listingsNeedText(path: path) }))
            } else {
                listings.append(Job(streamed: (made, { buffers, source in
                    var given = buffers[...]
                    write(paths.map { made.contains($0) ? given.popFirst() : nil }, made.count == paths.count ? source : nil)
                })))
            }
        }
        if !madeElsewhere.contains(PlanListings.searchPath) {
            listings.append(Job(make: {
                if withoutText { throw Failure.listingsNeedText(path: PlanListings.searchPath) }
                return SearchIndex.files(site: site)
            }))
        }
        for name in ["tasks", "indicators", "departments", "observations"] {
            listing(["data/\(name).csv", "data/\(name).json"]) { buffers, source in
                data.table(name).write(csv: buffers[0], json: buffers[1], source: source)
            }
        }
        var builder = ViewBuilder(site: site, evaluations: evaluations, labels: labels)
        builder.chartsOnHome = templates.mayShow("statusChart", on: "index")
        let shared = Shared(builder,
                            departmentKeys: site.departments.keys.sorted(), indicatorKeys: site.indicators.keys.sorted(),
                            listings: listings)

        let plans = Int32(site.content.plans.count)
        var specs: [JobSpec] = [.home]
        specs += (0..<plans).map { .plan($0) }
        specs.append(.departments)
        specs += (0..<Int32(shared.departmentKeys.count)).map { .department($0) }
        specs.append(.indicators)
        specs += (0..<Int32(shared.indicatorKeys.count)).map { .indicator($0) }
        specs.append(.progress)
        specs += (0..<plans).map { .progressPlan($0) }
        specs.append(.search)
        specs += [.dataDictionary, .dataPackage]
        specs += (0..<Int32(listings.count)).map { .listing($0) }
        specs.append(.assets)

        let kinds = Dictionary(uniqueKeysWithValues: ["plan", "task", "section", "indicator", "department"].map { ($0, labels["search-kind-\($0)"]) })
        let copyAssets = self.copyAssets
        @Sendable func page<View: Encodable>(_ path: String, _ template: String,
                                             _ view: @escaping @Sendable () throws -> View) -> Job {
            Job(prepare: {
                let made = try view()
                return PreparedPage(path: path, fingerprint: viewKey == 0 ? 0 : ViewFingerprint.of(made, template: template, key: viewKey),
                                    render: { Data(Self.showPrivateUseCharacters(templates.render(made, template: template)).utf8) })
            })
        }
        let specList = specs
        return JobList(count: specList.count) { index in
            let builder = shared.builder
            switch specList[index] {
            case .home:
                return page(URLs.home, "index") { builder.home() }
            case .plan(let p):
                let plan = builder.site.content.plans[Int(p)]
                return page(URLs.plan(plan.id), "plan") {
                    if plan.hasBody { return builder.planPage(plan) }
                    guard let bodies else { throw Failure.noBody(planID: plan.id) }
                    return builder.planPage(try bodies(plan))
                }
            case .departments:
                return page(URLs.departments, "departments") { builder.departmentIndex() }
            case .department(let d):
                let key = shared.departmentKeys[Int(d)]
                return page(URLs.department(key), "department") {
                    builder.departmentPage(builder.site.departments[key]!)
                }
            case .indicators:
                return page(URLs.indicators, "indicators") { builder.indicatorIndex() }
            case .indicator(let i):
                let key = shared.indicatorKeys[Int(i)]
                return page(URLs.indicator(key), "indicator") {
                    builder.indicatorPage(builder.site.indicators[key]!)
                }
            case .progress:
                return page(URLs.progress, "progress") { builder.progressPage() }
            case .progressPlan(let p):
                let plan = builder.site.content.plans[Int(p)]
                return page(URLs.progress(plan.id), "progress-plan") { builder.progressPlanPage(plan) }
            case .search:
                return page(URLs.search, "search") {
                    SearchPageView(page: builder.page(path: URLs.search, title: labels["search"]), labels: labels.values,
                                   kindsJSON: SearchIndex.embeddableJSON(kinds),
                                   indexJSON: SearchIndex.embeddableJSON([
                                       "shards": SearchIndex.shardCount(plans: builder.site.content.plans.count),
                                       "groups": SearchIndex.groups(site: builder.site),
                                       "synonyms": ((try? SearchSynonyms.read(directory: templates.directory).get())?.groups ?? []),
                                   ] as [String: Any]))
                }
            case .dataDictionary:
                return page(URLs.dataDictionary, "data") { builder.dataDictionary() }
            case .dataPackage:
                return Job { [(URLs.dataPackage, builder.dataPackage())] }
            case .listing(let l):
                return shared.listings[Int(l)]
            case .assets:
                return Job { copyAssets() }
            }
        } page: { index in
            switch specList[index] {
            case .plan(let p):
                let plan = shared.builder.site.content.plans[Int(p)]
                return (URLs.plan(plan.id), plan.regionID)
            case .department(let d):
                let key = shared.departmentKeys[Int(d)]
                return (URLs.department(key), String(Shared.owner(key)))
            case .indicator(let i):
                let key = shared.indicatorKeys[Int(i)]
                return shared.regionOfPlan[String(Shared.owner(key))].map { (URLs.indicator(key), $0) }
            case .progressPlan(let p):
                let plan = shared.builder.site.content.plans[Int(p)]
                return (URLs.progress(plan.id), plan.regionID)
            default:
                return nil
            }
        }
    }

    /// Runs the jobs on `threads` threads, each taking the next job when it is free. A page of
    /// one region's content (`JobList.page`) whose region has a fingerprint is first offered to
    /// `reuse`, before its job is made; the files of the jobs that run are passed to `emit`. `reuse` and `emit` are called under one lock. Stops at the
    /// first error either throws.
    static func run(_ jobs: JobList, threads: Int, fingerprints: [String: UInt64] = [:],
                    reuse: (String, UInt64) throws -> Bool = { _, _ in false },
                    reuseView: (String, Made) throws -> Bool = { _, _ in false },
                    emit: (String, Data, Made) throws -> Void, streams: Streams? = nil) throws {
        final class State: @unchecked Sendable {
            let lock = NSLock()
            var next = 0
            var failure: Error?
        }
        struct Unchecked: @unchecked Sendable {
            let reuse: (String, UInt64) throws -> Bool
            let reuseView: (String, Made) throws -> Bool
            let emit: (String, Data, Made) throws -> Void
            let streams: Streams?
        }
        let state = State()
        try withoutActuallyEscaping(reuse) { reuse in
          try withoutActuallyEscaping(reuseView) { reuseView in
            try withoutActuallyEscaping(emit) { emit in
                let box = Unchecked(reuse: reuse, reuseView: reuseView, emit: emit, streams: streams)
                /// Writes files made in pieces, to `streams` or whole to `emit`.
                @Sendable func stream(_ paths: [String], _ write: ([ByteBuffer], DataExport.Table.PartSource?) -> Void,
                                      fingerprint: UInt64) throws {
                    guard let streams = box.streams else {
                        let buffers = paths.map { _ in ByteBuffer() }
                        write(buffers, nil)
                        try state.lock.withLock {
                            for (path, buffer) in zip(paths, buffers) where state.failure == nil {
                                try box.emit(path, buffer.data(), Made(dependency: fingerprint))
                            }
                        }
                        return
                    }
                    guard let files = try state.lock.withLock({ state.failure == nil ? try paths.map { try streams.open($0) } : nil }) else { return }
                    let buffers = files.map { file in ByteBuffer(drain: { try file.write($0) }) }
                    // A part made from a region whose inputs did not change is copied from the
                    // previous build's file; where every part went is recorded.
                    let source = streams.parts.map { parts in
                        DataExport.Table.PartSource(previous: { name, region in
                            guard let dependency = fingerprints[region] else { return nil }
                            return state.lock.withLock { parts.previous(name, in: paths, dependency: dependency) }
                        }, record: { name, region, ranges in
                            guard let dependency = fingerprints[region] else { return }
                            state.lock.withLock { parts.record(name, in: paths, dependency: dependency, ranges: ranges) }
                        })
                    }
                    write(buffers, source)
                    for buffer in buffers { try buffer.finish() }
                    try state.lock.withLock { for file in files { try streams.close(file, fingerprint) } }
                }
                /// Under the lock: the next job to render with its fingerprint, or nil when there
                /// is none left or a call failed. Jobs whose page is taken from the previous
                /// build are skipped.
                @Sendable func nextJob() -> (Job, UInt64)? {
                    while state.failure == nil && state.next < jobs.count {
                        // A page of a region whose inputs did not change is taken without its
                        // job being made.
                        let page = jobs.page(state.next)
                        let fingerprint = page.flatMap { fingerprints[$0.region] } ?? 0
                        if let page, fingerprint != 0 {
                            do {
                                if try box.reuse(page.path, fingerprint) {
                                    state.next += 1
                                    continue
                                }
                            } catch {
                                state.failure = error
                                return nil
                            }
                        }
                        let job = jobs.job(state.next)
                        state.next += 1
                        return (job, fingerprint)
                    }
                    return nil
                }
                DispatchQueue.concurrentPerform(iterations: max(1, min(threads, jobs.count))) { _ in
                    while true {
                        guard let (job, fingerprint) = state.lock.withLock(nextJob) else { return }
                        if let streamed = job.streamed {
                            do {
                                try stream(streamed.paths, streamed.write, fingerprint: fingerprint)
                            } catch {
                                state.lock.withLock { if state.failure == nil { state.failure = error } }
                            }
                            continue
                        }
                        if let prepare = job.prepare {
                            // The view first: a page whose view is as before is not rendered.
                            let prepared = Result { try prepare() }
                            let toRender: PreparedPage? = state.lock.withLock {
                                guard state.failure == nil else { return nil }
                                do {
                                    let page = try prepared.get()
                                    if page.fingerprint != 0,
                                       try box.reuseView(page.path, Made(dependency: fingerprint, view: page.fingerprint)) { return nil }
                                    return page
                                } catch {
                                    state.failure = error
                                    return nil
                                }
                            }
                            guard let page = toRender else { continue }
                            let data = page.render()
                            state.lock.withLock {
                                guard state.failure == nil else { return }
                                do {
                                    try box.emit(page.path, data, Made(dependency: fingerprint, view: page.fingerprint))
                                } catch {
                                    state.failure = error
                                }
                            }
                            continue
                        }
                        let made = Result { try job.make() }
                        state.lock.withLock {
                            guard state.failure == nil else { return }
                            do {
                                for (path, data) in try made.get() { try box.emit(path, data, Made(dependency: fingerprint)) }
                            } catch {
                                state.failure = error
                            }
                        }
                    }
                }
                if let failure = state.failure { throw failure }
            }
          }
        }
    }

    /// Private-use characters in a source (garbled text copied from a web page) would show
    /// as nothing or as an empty box: pages show them as ⟨U+E010⟩ so the damage stays visible.
    /// The open data files keep the characters as they are.
    static func showPrivateUseCharacters(_ html: String) -> String {
        guard containsPrivateUse(html) else { return html }
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

    /// Whether the text has a scalar in U+E000…U+F8FF, found on its UTF-8 bytes (lead byte
    /// EE, or EF followed by 80…A3) rather than by decoding every scalar of every page.
    static func containsPrivateUse(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b >= 0xEE {
                    if b == 0xEE { return true }
                    if b == 0xEF, i + 1 < n, bytes[i + 1] < 0xA4 { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Every file of Templates/ that is not a template or the labels goes to assets/.
    func copyAssets() -> [(String, Data)] {
        let root = URL(fileURLWithPath: templates.directory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        var files: [(String, Data)] = []
        for name in names.sorted() where !name.hasPrefix(".") && !name.hasSuffix(".mustache") && name != "labels.yaml"
            && name != SearchSynonyms.fileName {
            let url = root.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            files.append(("assets/\(name)", data))
        }
        return files
    }
}

import Foundation
import PlanModel

/// Reads a whole content folder (site.yaml, regions/, plans/) into a `SiteContent`.
/// Every problem becomes a diagnostic with file and line; reading goes on after an error so
/// that one run reports them all.
public enum ContentLoader {
    /// Plans are read on `threads` threads (default: one per core); the result does not
    /// depend on it.
    public static func load(from contentDirectory: String, threads: Int? = nil) -> (SiteContent?, [Diagnostic]) {
        let folder = open(contentDirectory)
        let plans = folder.readPlans(threads: threads) { plan, _ in plan }
        return folder.finish(plans)
    }

    /// The first step of `load`: site.yaml and every region read, the plan folders listed.
    /// Then `readPlans` reads the plans, each handed to a function as soon as it is read (a
    /// build links each plan and drops its text there, so that no more than one plan per
    /// thread is held whole), and `finish` makes the `SiteContent`.
    public static func open(_ contentDirectory: String) -> Folder {
        var log = DiagnosticLog()
        let root = URL(fileURLWithPath: contentDirectory, isDirectory: true)
        let display = displayPath(contentDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.add(.error("missing-content", at: SourceLocation(path: display), "the content folder does not exist",
                           hint: "pass --content with the folder that holds site.yaml, regions/ and plans/"))
            return Folder(display: display, exists: false, config: nil, regions: [], planFolders: [], log: log)
        }
        let config = readSiteConfig(root, display, log: &log)
        let regions = subfolders(root.appendingPathComponent("regions"), "\(display)/regions", log: &log).map { id, url, path in
            RegionReader(directory: url, displayPath: path, id: id).read(log: &log)
        }
        let folders = subfolders(root.appendingPathComponent("plans"), "\(display)/plans", log: &log).map { PlanFolder(id: $0.0, url: $0.1, path: $0.2) }
        return Folder(display: display, exists: true, config: config, regions: regions, planFolders: folders, log: log)
    }

    /// The content folder as diagnostics name it: as given, without a trailing slash.
    public static func displayPath(_ contentDirectory: String) -> String {
        contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
    }

    /// A content folder whose settings and regions are read and whose plans are listed.
    public struct Folder: Sendable {
        /// The folder as given, without a trailing slash (the start of every diagnostic's path).
        public let display: String
        let exists: Bool
        public let config: SiteConfig?
        public let regions: [Region]
        let planFolders: [PlanFolder]
        let log: DiagnosticLog
        private let folderIndex: [String: Int]

        init(display: String, exists: Bool, config: SiteConfig?, regions: [Region], planFolders: [PlanFolder], log: DiagnosticLog) {
            self.display = display
            self.exists = exists
            self.config = config
            self.regions = regions
            self.planFolders = planFolders
            self.log = log
            folderIndex = Dictionary(planFolders.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        }

        /// Reads every plan on `threads` threads and hands each to `each` on the thread that
        /// read it, with the plan's diagnostics (it may add more); the results come back in
        /// plan order. Plans that could not be read are not passed to `each`.
        public func readPlans<T: Sendable>(threads: Int? = nil,
                                           each: @Sendable (Plan, inout [Diagnostic]) -> T) -> PlansRead<T> {
            let read = Parallel.map(Array(planFolders.indices), threads: threads) { index -> (T?, [Diagnostic]) in
                var (plan, diagnostics) = readPlan(at: index)
                return (plan.map { each($0, &diagnostics) }, diagnostics)
            }
            return PlansRead(results: read.compactMap(\.0), diagnostics: read.flatMap(\.1))
        }

        /// The IDs of the plans (their folder names), in plan order.
        public var planIDs: [String] { planFolders.map(\.id) }

        /// Reads the plan at `index` of `planIDs` whole, with the diagnostics of reading it
        /// (nil plan when reading stopped at an error).
        public func readPlan(at index: Int) -> (Plan?, [Diagnostic]) {
            let folder = planFolders[index]
            var planLog = DiagnosticLog()
            let plan = PlanReader(directory: folder.url, displayPath: folder.path, id: folder.id,
                                  allowRawHTML: config?.allowRawHTML ?? false).read(log: &planLog)
            return (plan, planLog.all)
        }

        /// A plan of this folder with its text read again from plan.md (a build renders a
        /// plan's page from its text, which it did not keep: `Plan.withoutBody`). Only the
        /// text after the front matter is read again; everything else is taken from `plan`.
        /// Nil when plan.md cannot be read now.
        public func readBodyAgain(of plan: Plan) -> Plan? {
            guard let index = folderIndex[plan.id] else { return nil }
            let folder = planFolders[index]
            return PlanReader(directory: folder.url, displayPath: folder.path, id: folder.id,
                              allowRawHTML: config?.allowRawHTML ?? false).readBodyAgain(of: plan)
        }

        /// The content made of the plans as `each` left them (in plan order), and every
        /// diagnostic of reading, sorted.
        public func finish(_ plans: PlansRead<Plan>) -> (SiteContent?, [Diagnostic]) {
            var log = self.log
            guard exists else { return (nil, log.sorted) }
            log.add(contentsOf: plans.diagnostics)
            if plans.results.isEmpty && !log.hasErrors {
                log.add(.error("no-plans", at: SourceLocation(path: "\(display)/plans"), "the site has no plans",
                               hint: "add a folder plans/ID/ with a plan.md; see docs/content-format.md"))
            }
            guard let config else { return (nil, log.sorted) }
            return (SiteContent(config: config, regions: regions, plans: plans.results, root: display), log.sorted)
        }
    }

    /// What `Folder.readPlans` made of each plan that could be read, in plan order, and the
    /// diagnostics of reading them.
    public struct PlansRead<T: Sendable>: Sendable {
        public let results: [T]
        public let diagnostics: [Diagnostic]

        public init(results: [T], diagnostics: [Diagnostic]) {
            self.results = results
            self.diagnostics = diagnostics
        }
    }

    struct PlanFolder: Sendable {
        let id: String
        let url: URL
        let path: String
    }

    static func readSiteConfig(_ root: URL, _ display: String, log: inout DiagnosticLog) -> SiteConfig? {
        let path = "\(display)/site.yaml"
        let url = root.appendingPathComponent("site.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            log.add(.error("missing-file", at: SourceLocation(path: path), "the content folder has no site.yaml",
                           hint: "create it with title:, organisation:, data_as_of: and language:"))
            return nil
        }
        guard let text = ContentFiles.text(url, path, log: &log),
              let fields = YAMLFields.parse(text, path: path, known: Set(["title", "organisation", "data_as_of", "language", "allow_raw_html", "data_licence"] + SiteIdentification.keys),
                                            required: ["title", "organisation", "data_as_of", "language"], log: &log) else { return nil }
        let dateText = fields.string("data_as_of")
        guard let date = SimpleDate(parsing: dateText), date.month != nil, date.day != nil else {
            if !dateText.isEmpty {
                log.add(.error("invalid-value", at: fields.location("data_as_of"), "data_as_of '\(dateText)' is not a date",
                               hint: "write YYYY-MM-DD"))
            }
            return nil
        }
        return SiteConfig(title: fields.string("title"), organisation: fields.string("organisation"), dataAsOf: date,
                          language: fields.string("language"), allowRawHTML: fields.bool("allow_raw_html", log: &log),
                          identification: SiteIdentification(values: Dictionary(uniqueKeysWithValues: SiteIdentification.keys.map { ($0, fields.string($0)) })),
                          dataLicence: fields.string("data_licence"))
    }

    /// Sub-folders sorted by name (the file system's order is not stable); names must be IDs.
    static func subfolders(_ url: URL, _ display: String, log: inout DiagnosticLog) -> [(String, URL, String)] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return [] }
        var result: [(String, URL, String)] = []
        var lowercased: [String: String] = [:]
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = url.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let location = SourceLocation(path: "\(display)/\(name)")
            if let other = lowercased[name.lowercased()] {
                log.add(.error("case-collision", at: location, "'\(name)' and '\(other)' differ only by case",
                               hint: "their pages would collide on case-insensitive file systems; rename one"))
                continue
            }
            lowercased[name.lowercased()] = name
            if let d = Identifiers.check(name, what: "folder name", at: location) { log.add(d); continue }
            result.append((name, child, "\(display)/\(name)"))
        }
        return result
    }
}

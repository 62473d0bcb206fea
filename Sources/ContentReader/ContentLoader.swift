import Foundation
import PlanModel

/// Reads a whole content folder (site.yaml, regions/, plans/) into a `SiteContent`.
/// Every problem becomes a diagnostic with file and line; reading goes on after an error so
/// that one run reports them all.
public enum ContentLoader {
    /// Plans are read on `threads` threads (default: one per core); the result does not
    /// depend on it.
    public static func load(from contentDirectory: String, threads: Int? = nil) -> (SiteContent?, [Diagnostic]) {
        var log = DiagnosticLog()
        let root = URL(fileURLWithPath: contentDirectory, isDirectory: true)
        let display = contentDirectory.hasSuffix("/") ? String(contentDirectory.dropLast()) : contentDirectory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            log.add(.error("missing-content", at: SourceLocation(path: display), "the content folder does not exist",
                           hint: "pass --content with the folder that holds site.yaml, regions/ and plans/"))
            return (nil, log.sorted)
        }
        let config = readSiteConfig(root, display, log: &log)
        let regions = subfolders(root.appendingPathComponent("regions"), "\(display)/regions", log: &log).map { id, url, path in
            RegionReader(directory: url, displayPath: path, id: id).read(log: &log)
        }
        let allowRawHTML = config?.allowRawHTML ?? false
        let folders = subfolders(root.appendingPathComponent("plans"), "\(display)/plans", log: &log).map { PlanFolder(id: $0.0, url: $0.1, path: $0.2) }
        let read = Parallel.map(folders, threads: threads) { folder in
            var planLog = DiagnosticLog()
            let plan = PlanReader(directory: folder.url, displayPath: folder.path, id: folder.id, allowRawHTML: allowRawHTML).read(log: &planLog)
            return (plan, planLog.all)
        }
        var plans: [Plan] = []
        for (plan, diagnostics) in read {
            log.add(contentsOf: diagnostics)
            if let plan { plans.append(plan) }
        }
        if plans.isEmpty && !log.hasErrors {
            log.add(.error("no-plans", at: SourceLocation(path: "\(display)/plans"), "the site has no plans",
                           hint: "add a folder plans/ID/ with a plan.md; see docs/content-format.md"))
        }
        guard let config else { return (nil, log.sorted) }
        return (SiteContent(config: config, regions: regions, plans: plans, root: display), log.sorted)
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
              let fields = YAMLFields.parse(text, path: path, known: ["title", "organisation", "data_as_of", "language", "allow_raw_html"],
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
                          language: fields.string("language"), allowRawHTML: fields.bool("allow_raw_html", log: &log))
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

import Foundation
import Linking
import PlanModel
import Progress

/// Where the bytes of a file made in pieces go (`RenderSink.beginStream`).
public protocol FileStream: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Where a render's files go. The renderer calls it for one file at a time, never
/// concurrently, in an order that may vary between runs (each file's bytes do not).
public protocol RenderSink: AnyObject {
    /// A file made whole (a page, an asset).
    func write(_ path: String, _ data: Data) throws
    /// Starts a file made in pieces (the open data and the search index, which grow with the
    /// site); the renderer writes its pieces to what this returns, from one thread at a
    /// time, then calls `finish`.
    func beginStream(_ path: String) throws -> any FileStream
    func finish(_ stream: any FileStream) throws
}

/// Renders the pages, data files and assets of a site into a `RenderSink` (paths relative
/// to the output folder). It knows nothing of earlier builds: it renders the pages it is given.
public struct SiteRenderer: Sendable {
    public let site: LinkedSite
    public let evaluations: SiteEvaluations
    public let templates: TemplateSet
    public let labels: Labels
    /// Gives a plan with its text when the site holds it without (`Plan.withoutBody`): its
    /// page shows the text. Nil when every plan of the site has its body.
    public let bodies: (@Sendable (Plan) throws -> Plan)?
    /// Files the caller makes itself and that are not rendered here (the search index,
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
                return "\(path) lists every unit's text, but the plans are held without it; make it while reading (SearchIndex.postings)"
            }
        }
    }

    /// Loads labels and templates from a templates folder, reporting every problem.
    public static func loadTemplates(_ directory: String) -> Result<(TemplateSet, Labels), DiagnosticList> {
        guard let files = TemplateSet.files(in: directory) else {
            return .failure(DiagnosticList([.error("missing-templates", at: SourceLocation(path: directory), "the templates folder does not exist",
                                                   hint: "pass --templates with the folder that holds *.mustache, labels.yaml and style.css")]))
        }
        return loadTemplates(files: files, directory: directory)
    }

    /// Loads labels and templates from a templates folder's files (`TemplateSet.files(in:)`, or
    /// the defaults embedded in the program); `directory` names them in diagnostics.
    public static func loadTemplates(files: [String: Data], directory: String) -> Result<(TemplateSet, Labels), DiagnosticList> {
        let labels: Labels
        switch Labels.parse(files["labels.yaml"], path: "\(directory)/labels.yaml") {
        case .failure(let d): return .failure(DiagnosticList([d]))
        case .success(let l): labels = l
        }
        if case .failure(let d) = SearchSynonyms.parse(files[SearchSynonyms.fileName], path: "\(directory)/\(SearchSynonyms.fileName)") {
            return .failure(DiagnosticList([d]))
        }
        return TemplateSet.load(files: files, directory: directory, labels: labels).map { ($0, labels) }
    }

    /// Renders every file of the site and hands each to `emit` whole (the simple form, for
    /// tests and tools): `render(_:threads:to:)` with a sink that collects.
    public func render(threads: Int? = nil, emit: (String, Data) throws -> Void) throws {
        let sink = CollectingSink()
        try render(pages(), threads: threads, to: sink)
        for (path, data) in sink.files.sorted(by: { $0.key < $1.key }) { try emit(path, data) }
    }

    /// Renders `pages` (all of `pages()` or some of them) on `threads` threads (default: one per
    /// core) into `sink`. Stops at the first error that a page or the sink throws.
    public func render(_ pages: [Page], threads: Int? = nil, to sink: any RenderSink) throws {
        let threads = threads ?? Parallel.defaultThreads
        let jobs = RenderJobs(self)
        try RenderQueue.run(count: pages.count, threads: threads, sink: sink) { index in try jobs.job(pages[index].kind) }
    }

    /// Private-use characters in a source (garbled text copied from a web page) show as
    /// nothing or as an empty box in most fonts: pages show each as 〓 (the mark Chinese
    /// typesetting uses for a character that cannot be shown), and the plan's page says so in
    /// its editorial notes (label `private-use-note`). The open data files keep the characters
    /// as they are.
    static func showPrivateUseCharacters(_ html: String) -> String {
        guard containsPrivateUse(html) else { return html }
        var out = String.UnicodeScalarView()
        for scalar in html.unicodeScalars {
            if (0xE000...0xF8FF).contains(scalar.value) {
                out.append("〓")
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
        templates.files.sorted(by: { $0.key < $1.key })
            .filter { name, _ in !name.hasSuffix(".mustache") && name != "labels.yaml" && name != SearchSynonyms.fileName }
            .map { ("assets/\($0.key)", $0.value) }
    }
}

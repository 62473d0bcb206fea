import ContentReader
import Embedded
import Foundation
import Incremental
import Linking
import PlanModel
import Progress
import SiteOutput
import SiteRender

/// content → read → link → evaluate → render → write, as `plansite build` runs it. What is
/// reused from the previous build is decided by `IncrementalBuild`; the stages are the same
/// in a full build.
public enum SiteBuild {
    public struct Summary: Sendable {
        public let pages: Int
        public let files: Int
        public let warnings: [Diagnostic]
        /// Files whose bytes were the same as in the previous output (linked, not written).
        public var unchanged: Int = 0
        /// Of those, the pages taken from the previous build without being rendered: their
        /// region's inputs had not changed.
        public var notRendered: Int = 0
        /// The plans of the content, and of them the plans taken from the plan cache instead
        /// of being read.
        public var plans = 0
        public var plansFromCache = 0
        /// Nothing to do: inputs, plansite and the output folder were as the last build left them.
        public var upToDate = false
        /// Time and memory per stage (`plansite build --timings`).
        public var stages: [StageTiming] = []
    }

    public enum Failure: Error {
        case content([Diagnostic])
        case output(String)
    }

    /// Progress of a running build, for a terminal's progress line.
    public struct Progress: Sendable {
        public let stage: String
        public let plans: Int
        public let filesWritten: Int
    }

    /// - Parameters:
    ///   - templatesDirectory: nil builds with the templates embedded in the program.
    ///   - threads: threads that read and render (default: one per core).
    ///   - incremental: reuse what the previous build left where its inputs did not change
    ///     (`IncrementalBuild`); false renders and writes everything (`plansite build --full`).
    public static func run(contentDirectory: String, templatesDirectory: String?, outputDirectory: String,
                           threads: Int? = nil, incremental: Bool = true,
                           progress: ((Progress) -> Void)? = nil) -> Result<Summary, Failure> {
        progress?(Progress(stage: "checking", plans: 0, filesWritten: 0))
        var clock = StageClock()
        let reuse = IncrementalBuild(tool: Embedded.programVersion, contentDirectory: contentDirectory,
                                     templatesDirectory: templatesDirectory, outputDirectory: outputDirectory,
                                     display: ContentLoader.displayPath(contentDirectory), threads: threads, incremental: incremental)
        clock.mark("scan inputs")
        if let done = reuse.upToDate() {
            clock.mark("check output")
            return .success(Summary(pages: done.pages, files: done.outputs.count, warnings: [],
                                    unchanged: done.outputs.count, upToDate: true, stages: clock.stages))
        }
        progress?(Progress(stage: "reading", plans: 0, filesWritten: 0))
        let build: Build
        do {
            build = try Build(content: contentDirectory, templates: templatesDirectory, output: outputDirectory,
                              threads: threads, reuse: reuse, progress: progress)
        } catch {
            return .failure(.output("\(error)"))
        }
        build.clock = clock
        return build.run()
    }

    /// The templates folder a command uses: the one given, else `Templates` when there is
    /// one, else nil (the templates embedded in the program).
    public static func templatesFolder(_ given: String?) -> String? {
        if let given { return given }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "Templates", isDirectory: &isDirectory) && isDirectory.boolValue ? "Templates" : nil
    }

    /// Loads the templates of a folder, or the embedded ones.
    static func loadTemplates(_ directory: String?) -> Result<(TemplateSet, Labels), DiagnosticList> {
        guard let directory else { return SiteRenderer.loadTemplates(files: Embedded.templates, directory: "(plansite's default templates)") }
        return SiteRenderer.loadTemplates(directory)
    }

    public enum ReadAgainFailure: Error, CustomStringConvertible {
        case changed(path: String)
        public var description: String {
            switch self {
            case .changed(let path): return "\(path) changed while the site was being built; build again"
            }
        }
    }

    /// A plan read again for its page, the site holding it `withoutBody`. It must be the plan
    /// that was linked: a plan.md edited during the build fails the build (the previous output
    /// stays as it was) rather than giving a page that disagrees with the rest of the site.
    static func readAgain(_ plan: Plan, from folder: ContentLoader.Folder) throws -> Plan {
        guard let whole = folder.readBodyAgain(of: plan), whole.withoutBody() == plan else {
            throw ReadAgainFailure.changed(path: plan.location.path)
        }
        return whole
    }
}

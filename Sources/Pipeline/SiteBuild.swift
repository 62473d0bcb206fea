import Foundation
import ContentReader
import Linking
import PlanModel
import Progress
import SiteOutput
import SiteRender

/// content → read → link → evaluate → render → write, as `plansite build` runs it.
public enum SiteBuild {
    public struct Summary: Sendable {
        public let pages: Int
        public let files: Int
        public let warnings: [Diagnostic]
        /// Files whose bytes were the same as in the previous output (linked, not written).
        public var unchanged: Int = 0
        /// Of those, the pages taken from the previous build without being rendered: their
        /// region's inputs had not changed (`PageDependencies`).
        public var notRendered: Int = 0
        /// Of those, the pages whose view was made and found as before (`ViewFingerprint`);
        /// the others are pages of regions whose inputs did not change.
        public var notRenderedByView: Int = 0
        /// The plans of the content, and of them the plans taken from the plan cache
        /// (`PlanCache`) instead of being read.
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
    ///   - threads: threads that read and render (default: one per core).
    ///   - incremental: use the previous build's manifest (`BuildManifest`): when no input
    ///     file, not plansite itself and no output file changed, do nothing; otherwise link
    ///     the output files whose bytes come out the same instead of writing them. false
    ///     renders and writes everything (`plansite build --full`).
    public static func run(contentDirectory: String, templatesDirectory: String, outputDirectory: String,
                           threads: Int? = nil, incremental: Bool = true,
                           progress: ((Progress) -> Void)? = nil) -> Result<Summary, Failure> {
        progress?(Progress(stage: "checking", plans: 0, filesWritten: 0))
        var clock = StageClock()
        let tool = ExecutableIdentity.current
        let previous = incremental ? BuildManifest.read(for: outputDirectory) : nil
        // Files whose stamps are as the last build recorded them keep their hashes unread.
        let scan = InputScan.inputs(contentDirectory: contentDirectory, templatesDirectory: templatesDirectory, threads: threads,
                                    previous: previous?.tool == tool ? previous : nil)
        let inputs = scan.hashes
        clock.mark("scan inputs")
        if let previous, previous.tool == tool, previous.warnings == 0, previous.inputs == inputs,
           let current = previous.intactOutput(outputDirectory) {
            // Stamps change when the output folder was copied or restored (a CI cache).
            if current != previous { try? current.write(for: outputDirectory) }
            clock.mark("check output")
            return .success(Summary(pages: previous.pages, files: previous.outputs.count, warnings: [],
                                    unchanged: previous.outputs.count, upToDate: true, stages: clock.stages))
        }
        progress?(Progress(stage: "reading", plans: 0, filesWritten: 0))
        // The files that list every unit are written while the plans are read (the plans'
        // text is not kept), so the staging folder exists from here on.
        let writer: OutputWriter
        let listingFiles: ListingFiles
        do {
            writer = try OutputWriter(destination: outputDirectory, previous: previous)
            listingFiles = try ListingFiles(writer: writer, previous: previous)
        } catch {
            return .failure(.output("\(error)"))
        }
        var pages = 0
        let warnings: [Diagnostic]
        let tableFiles = TableFiles(previous: previous, destination: writer.destination.path)
        let planCache = PlanCache(for: outputDirectory)
        var planIDs: [String] = []
        var plansFromCache = 0
        // The site, its evaluations and renderer live in this scope only: they are released
        // before the manifest is made (at 10,000 plans both are hundreds of MB).
        do {
            // Plans whose inputs did not change since the last build are taken from the plan
            // cache, their listing parts from the previous output (`PlanCache`).
            let cache = ContentCheck.CacheUse(
                store: planCache,
                keys: PlanCache.Keys(inputs: inputs, contentDirectory: contentDirectory,
                                     display: ContentLoader.displayPath(contentDirectory), tool: tool),
                readEntries: incremental, hasPreviousListings: { listingFiles.hasPrevious(planID: $0, key: $1) })
            let check = ContentCheck.run(contentDirectory: contentDirectory, threads: threads, keepBodies: false,
                                         listings: { index, id, key, part in listingFiles.add(part, planID: id, key: key, at: index) },
                                         cache: cache)
            planIDs = check.folder.planIDs
            plansFromCache = check.plansFromCache
            var diagnostics = check.diagnostics
            clock.mark("read and link")
            let loaded = SiteRenderer.loadTemplates(templatesDirectory)
            clock.mark("templates")
            if case .failure(let list) = loaded { diagnostics += list.diagnostics }
            guard let site = check.site, case .success(let (templates, labels)) = loaded,
                  !diagnostics.contains(where: { $0.severity == .error }) else {
                writer.abort()
                return .failure(.content(diagnostics.sorted()))
            }
            let evaluations = SiteEvaluations(site: site, evaluator: ProgressEvaluator(asOf: site.content.config.dataAsOf))
            clock.mark("evaluate")
            let folder = check.folder
            let renderer = SiteRenderer(site: site, evaluations: evaluations, templates: templates, labels: labels,
                                        bodies: { try readAgain($0, from: folder) }, madeElsewhere: PlanListings.paths)
            let plans = site.content.plans.count
            progress?(Progress(stage: "rendering", plans: plans, filesWritten: 0))
            do {
                try listingFiles.finish(regions: site.content.regions)
                // Pages of regions whose inputs are as the previous build read them are taken
                // from it unrendered (recorded in every build's manifest, used by the next).
                let fingerprints = PageDependencies.regionFingerprints(
                    site: site, inputs: inputs, tool: tool, explicitIndicatorPlans: check.explicitIndicatorPlans)
                func count(_ path: String) {
                    if path.hasSuffix(".html") { pages += 1 }
                    if writer.filesWritten % 25 == 0 {
                        progress?(Progress(stage: "writing", plans: plans, filesWritten: writer.filesWritten))
                    }
                }
                // Pages that are rendered have their view made first: one whose view is as the
                // previous build's file was made from is taken from it unrendered. Only builds
                // that follow one do so: hashing the views of all 20,000 pages of a 1,000-plan
                // site would cost a full build a tenth of its time, so a page's view fingerprint
                // is recorded from the first incremental build that renders it.
                let viewKey = previous == nil ? 0 : PageDependencies.viewKey(inputs: inputs, tool: tool)
                try renderer.render(threads: threads, regionFingerprints: fingerprints, reuse: { path, fingerprint in
                    guard try writer.reuse(path, dependency: fingerprint) else { return false }
                    count(path)
                    return true
                }, viewKey: viewKey, reuseView: { path, made in
                    guard try writer.reuse(path, view: made.view, dependency: made.dependency) else { return false }
                    count(path)
                    return true
                }, emit: { path, data, made in
                    try writer.write(path, data, dependency: made.dependency, view: made.view)
                    count(path)
                }, streams: SiteRenderer.Streams(open: { StagedStream(try writer.beginStream($0)) }, close: { stream, fingerprint in
                    let file = (stream as! StagedStream).file
                    try writer.finishStream(file, dependency: fingerprint)
                    count(file.path)
                }, parts: tableFiles))
                try tableFiles.finish()
                clock.mark("render and write")
                // The old manifest no longer describes the output once it is swapped.
                BuildManifest.remove(for: outputDirectory)
                try writer.commit()
            } catch {
                writer.abort()
                return .failure(.output("\(error)"))
            }
            warnings = check.warnings
        }
        var manifest = BuildManifest(tool: tool, pages: pages, warnings: warnings.count, inputs: inputs,
                                     outputs: writer.written, plans: listingFiles.recorded, tableParts: tableFiles.recorded)
        manifest.inputStamps = scan.stamps
        manifest.scanned = scan.started
        try? manifest.write(for: outputDirectory)
        planCache.removeEntries(except: Set(planIDs))
        clock.mark("swap in, manifest")
        return .success(Summary(pages: pages, files: writer.filesWritten, warnings: warnings,
                                unchanged: writer.filesReused, notRendered: writer.filesNotRendered,
                                notRenderedByView: writer.filesNotRenderedByView,
                                plans: planIDs.count, plansFromCache: plansFromCache, stages: clock.stages))
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

    /// A staged file as the renderer writes it in pieces.
    final class StagedStream: FileStream {
        let file: OutputWriter.StreamedFile
        init(_ file: OutputWriter.StreamedFile) { self.file = file }
        func write(_ bytes: UnsafeRawBufferPointer) throws { try file.write(bytes) }
    }
}

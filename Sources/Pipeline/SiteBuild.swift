import Foundation
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

    /// - Parameter threads: threads that render pages (default: one per core).
    public static func run(contentDirectory: String, templatesDirectory: String, outputDirectory: String,
                           threads: Int? = nil, progress: ((Progress) -> Void)? = nil) -> Result<Summary, Failure> {
        progress?(Progress(stage: "reading", plans: 0, filesWritten: 0))
        let check = ContentCheck.run(contentDirectory: contentDirectory, threads: threads)
        var diagnostics = check.diagnostics
        let loaded = SiteRenderer.loadTemplates(templatesDirectory)
        if case .failure(let list) = loaded { diagnostics += list.diagnostics }
        guard let site = check.site, case .success(let (templates, labels)) = loaded,
              !diagnostics.contains(where: { $0.severity == .error }) else {
            return .failure(.content(diagnostics.sorted()))
        }
        let evaluations = ProgressEvaluator(asOf: site.content.config.dataAsOf).evaluate(site)
        let renderer = SiteRenderer(site: site, evaluations: evaluations, templates: templates, labels: labels)
        do {
            let writer = try OutputWriter(destination: outputDirectory)
            var pages = 0
            let plans = site.content.plans.count
            progress?(Progress(stage: "rendering", plans: plans, filesWritten: 0))
            do {
                try renderer.render(threads: threads) { path, data in
                    if path.hasSuffix(".html") { pages += 1 }
                    try writer.write(path, data)
                    if writer.filesWritten % 25 == 0 {
                        progress?(Progress(stage: "writing", plans: plans, filesWritten: writer.filesWritten))
                    }
                }
                try writer.commit()
            } catch {
                writer.abort()
                throw error
            }
            return .success(Summary(pages: pages, files: writer.filesWritten, warnings: check.warnings))
        } catch {
            return .failure(.output("\(error)"))
        }
    }
}

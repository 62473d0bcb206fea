import Foundation
import Incremental
import Linking
import PlanModel
import Progress
import SiteOutput
import SiteRender

extension SiteBuild.Build {
    /// Evaluates and renders the site into the staging folder: the pages of regions whose
    /// inputs did not change are taken from the previous output, the others rendered.
    /// Returns the number of pages.
    func render(_ site: LinkedSite, _ templates: TemplateSet, _ labels: Labels, _ read: Read) throws -> Int {
        let evaluations = SiteEvaluations(site: site, evaluator: ProgressEvaluator(asOf: site.content.config.dataAsOf))
        clock.mark("evaluate")
        let folder = read.check.folder
        let renderer = SiteRenderer(site: site, evaluations: evaluations, templates: templates, labels: labels,
                                    bodies: { try SiteBuild.readAgain($0, from: folder) }, madeElsewhere: [SearchIndex.folder])
        let plans = site.content.plans.count
        progress?(SiteBuild.Progress(stage: "rendering", plans: plans, filesWritten: 0))
        try search.finish(regions: site.content.regions)
        let fingerprints = reuse.regionFingerprints(site: site, explicitIndicatorPlans: read.explicitIndicatorPlans)
        let sink = Sink(writer: writer, onFile: { [progress, writer] path in
            if writer.filesWritten % 25 == 0 {
                progress?(SiteBuild.Progress(stage: "writing", plans: plans, filesWritten: writer.filesWritten))
            }
        })
        var toRender: [SiteRenderer.Page] = []
        for page in renderer.pages() {
            guard let region = page.region, let fingerprint = fingerprints[region] else {
                toRender.append(page)
                continue
            }
            for path in page.paths { sink.dependencies[path] = fingerprint }
            if try writer.keep(page.paths, dependency: fingerprint) {
                page.paths.forEach(sink.count)
            } else {
                toRender.append(page)
            }
        }
        try renderer.render(toRender, threads: threads, to: sink)
        clock.mark("render and write")
        return sink.pages
    }

    /// The renderer's files into the staging folder, each page with the fingerprint of the
    /// region it shows (for the next build's manifest). Called under the renderer's lock.
    final class Sink: RenderSink {
        let writer: ReusingWriter
        let onFile: (String) -> Void
        var dependencies: [String: UInt64] = [:]
        private(set) var pages = 0

        init(writer: ReusingWriter, onFile: @escaping (String) -> Void) {
            self.writer = writer
            self.onFile = onFile
        }

        func count(_ path: String) {
            if path.hasSuffix(".html") { pages += 1 }
            onFile(path)
        }

        func write(_ path: String, _ data: Data) throws {
            try writer.write(path, data, dependency: dependencies[path] ?? 0)
            count(path)
        }

        final class Stream: FileStream {
            let file: OutputWriter.StreamedFile
            init(_ file: OutputWriter.StreamedFile) { self.file = file }
            func write(_ bytes: UnsafeRawBufferPointer) throws { try file.write(bytes) }
        }

        func beginStream(_ path: String) throws -> any FileStream { Stream(try writer.beginStream(path)) }

        func finish(_ stream: any FileStream) throws {
            let file = (stream as! Stream).file
            try writer.finishStream(file)
            count(file.path)
        }
    }
}

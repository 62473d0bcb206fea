import Foundation
import Testing
import Pipeline
import Progress
@testable import SiteRender

/// The open data and the search index are handed to the caller in pieces when it takes them
/// so (`SiteRenderer.Streams`); the bytes must be those of the files made whole.
@Suite struct StreamedRenderTests {
    final class Collected: FileStream {
        let path: String
        var pieces: [Data] = []
        init(_ path: String) { self.path = path }
        func write(_ bytes: UnsafeRawBufferPointer) throws { pieces.append(Data(bytes)) }
    }

    @Test func streamedFilesHoldTheSameBytesAsWholeOnes() throws {
        let content = PlansWithoutBodyTests.root.appendingPathComponent("Content").path
        let site = try #require(ContentCheck.run(contentDirectory: content).site)
        let (templates, labels) = try SiteRenderer.loadTemplates(PlansWithoutBodyTests.templates).get()
        let renderer = SiteRenderer(site: site, evaluations: SiteEvaluations(site: site, evaluator: ProgressEvaluator(asOf: site.content.config.dataAsOf)),
                                    templates: templates, labels: labels)
        var whole: [String: Data] = [:]
        try renderer.render(threads: 2) { path, data in whole[path] = data }

        var emitted: [String: Data] = [:]
        var streamed: [String: Collected] = [:]
        try renderer.render(threads: 2, regionFingerprints: [:], reuse: { _, _ in false },
                            emit: { path, data, _ in emitted[path] = data },
                            streams: SiteRenderer.Streams(open: { path in
                                let file = Collected(path)
                                streamed[path] = file
                                return file
                            }, close: { file, _ in emitted[(file as! Collected).path] = (file as! Collected).pieces.reduce(Data(), +) }))
        #expect(Set(streamed.keys) == Set(["assets/search-index.js"] + ["tasks", "indicators", "departments", "observations"].flatMap { ["data/\($0).csv", "data/\($0).json"] }))
        #expect(emitted == whole)
        #expect(streamed.values.allSatisfy { !$0.pieces.isEmpty })
    }

    @Test func bigFilesArriveInPiecesAndAWriteErrorIsThrown() throws {
        var pieces: [Int] = []
        let buffer = ByteBuffer(drain: { pieces.append($0.count) })
        let line = Array(repeating: UInt8(ascii: "x"), count: 1000)
        for _ in 0..<3000 { buffer.append(contentsOf: line) }
        try buffer.finish()
        #expect(pieces.count == 3)
        #expect(pieces.reduce(0, +) == 3_000_000)
        #expect(pieces.allSatisfy { $0 <= ByteBuffer.pieceSize })

        struct Full: Error {}
        let failing = ByteBuffer(drain: { _ in throw Full() })
        for _ in 0..<2000 { failing.append(contentsOf: line) }
        #expect(throws: Full.self) { try failing.finish() }
    }
}

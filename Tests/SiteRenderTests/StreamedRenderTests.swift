import Foundation
import Testing
import Progress
@testable import SiteRender

/// The open data tables go to the sink in pieces (`RenderSink.beginStream`); the bytes must
/// be those of the files made whole.
@Suite struct StreamedRenderTests {
    final class Sink: RenderSink {
        final class Collected: FileStream {
            let path: String
            var pieces: [Data] = []
            init(_ path: String) { self.path = path }
            func write(_ bytes: UnsafeRawBufferPointer) throws { pieces.append(Data(bytes)) }
        }
        var whole: [String: Data] = [:]
        var streamed: [String: Collected] = [:]
        func write(_ path: String, _ data: Data) throws { whole[path] = data }
        func beginStream(_ path: String) throws -> any FileStream {
            let file = Collected(path)
            streamed[path] = file
            return file
        }
        func finish(_ stream: any FileStream) throws {}
        var files: [String: Data] { whole.merging(streamed.mapValues { $0.pieces.reduce(Data(), +) }) { a, _ in a } }
    }

    @Test func streamedFilesHoldTheSameBytesAsWholeOnes() throws {
        let renderer = try RenderFixture.bundled()
        var whole: [String: Data] = [:]
        try renderer.render(threads: 2) { path, data in whole[path] = data }

        let sink = Sink()
        try renderer.render(renderer.pages(), threads: 2, to: sink)
        #expect(Set(sink.streamed.keys) == Set(["indicators", "departments", "observations"].flatMap { ["data/\($0).csv", "data/\($0).json"] }
                                                 + ["indicators/index.html", "index.html", "departments/index.html"]))
        #expect(sink.files == whole)
        #expect(sink.streamed.values.allSatisfy { !$0.pieces.isEmpty })
    }

    /// A page whose list grows with the site, rendered in runs of a few rows, is the page its
    /// whole template renders.
    @Test func pagesInRunsOfRowsAreTheWholePages() throws {
        let renderer = try RenderFixture.bundled()
        let builder = ViewBuilder(site: renderer.site, evaluations: renderer.evaluations, labels: renderer.labels)
        try Self.expectSamePage(renderer, "indicators", builder.indicatorIndex(), minimumRows: 20)
        try Self.expectSamePage(renderer, "index", builder.home(), minimumRows: 4)
        try Self.expectSamePage(renderer, "departments", builder.departmentIndex(), minimumRows: 2)
    }

    static func expectSamePage<View: ViewInPieces>(_ renderer: SiteRenderer, _ template: String, _ view: View, minimumRows: Int) throws {
        #expect(view.rowCount >= minimumRows, "\(template)")
        let templates = renderer.templates
        let pieces = try #require(templates.pieces(of: template, labelsFilled: false))
        let whole = SiteRenderer.showPrivateUseCharacters(templates.render(view, template: template))
        for rowsPerRun in [1, 3, 7, 1000] {
            var bytes = Data()
            let buffer = ByteBuffer(drain: { bytes.append(contentsOf: $0) })
            RenderJobs.write(view, in: pieces, rowsPerRun: rowsPerRun, to: buffer) { templates.render($1, piece: $0, labelsFilled: false) }
            try buffer.finish()
            #expect(String(decoding: bytes, as: UTF8.self) == whole, "\(template) in runs of \(rowsPerRun)")
        }
    }

    /// The renderer renders the pages it is given, and only those.
    @Test func onlyThePagesGivenAreRendered() throws {
        let renderer = try RenderFixture.bundled()
        let pages = renderer.pages()
        #expect(Set(pages.map(\.path)).count == pages.count)
        let chosen = pages.filter { $0.region != nil }.prefix(3)
        #expect(chosen.count == 3)
        let sink = Sink()
        try renderer.render(Array(chosen), threads: 2, to: sink)
        #expect(Set(sink.files.keys) == Set(chosen.flatMap(\.paths)))
        #expect(chosen.contains { $0.paths.count > 1 })
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

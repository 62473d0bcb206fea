import Foundation
import Testing
import Pipeline
import Progress
@testable import SiteRender

/// The open data tables are handed to the caller in pieces when it takes them
/// so (`SiteRenderer.Streams`); the bytes must be those of the files made whole.
@Suite struct StreamedRenderTests {
    final class Collected: FileStream {
        let path: String
        var pieces: [Data] = []
        init(_ path: String) { self.path = path }
        func write(_ bytes: UnsafeRawBufferPointer) throws { pieces.append(Data(bytes)) }
    }

    @Test func streamedFilesHoldTheSameBytesAsWholeOnes() throws {
        let renderer = try RenderFixture.bundled()
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
        #expect(Set(streamed.keys) == Set(["tasks", "indicators", "departments", "observations"].flatMap { ["data/\($0).csv", "data/\($0).json"] }))
        #expect(emitted == whole)
        #expect(streamed.values.allSatisfy { !$0.pieces.isEmpty })
    }

    /// Previous parts of the open data tables, as a build's `TableFiles` keeps them.
    final class Parts: TableParts {
        var recorded: [String: (dependency: UInt64, ranges: [(offset: Int, length: Int)])] = [:]
        var given: [String: [Data]] = [:]
        var asked: [String: UInt64] = [:]
        func previous(_ name: String, in paths: [String], dependency: UInt64) -> [Data]? {
            asked[name] = dependency
            return given[name]
        }
        func record(_ name: String, in paths: [String], dependency: UInt64, ranges: [(offset: Int, length: Int)]) {
            recorded[name] = (dependency, ranges)
        }
    }

    /// Each table part (a plan's indicators, a region's departments and observations) is
    /// recorded where it went; given back, it is copied in place of its rows, and the tables
    /// come out the same, JSON separators included.
    @Test func tablePartsAreRecordedAndCopiedInPlace() throws {
        let renderer = try RenderFixture.bundled()
        let site = renderer.site
        let regions = Dictionary(uniqueKeysWithValues: site.content.regions.enumerated().map { ($1.id, UInt64($0 + 1)) })
        func render(_ parts: Parts) throws -> [String: Data] {
            var files: [String: Data] = [:]
            try renderer.render(threads: 2, regionFingerprints: regions, reuse: { _, _ in false },
                                emit: { path, data, _ in files[path] = data },
                                streams: SiteRenderer.Streams(open: { Collected($0) }, close: { file, _ in
                                    files[(file as! Collected).path] = (file as! Collected).pieces.reduce(Data(), +)
                                }, parts: parts))
            return files
        }
        let first = Parts()
        let made = try render(first)
        let expectedNames = site.content.plans.flatMap { ["tasks/\($0.id)", "indicators/\($0.id)"] }
            + site.content.regions.flatMap { ["departments/\($0.id)", "observations/\($0.id)"] }
        #expect(Set(first.recorded.keys) == Set(expectedNames))
        #expect(site.content.plans.allSatisfy { first.recorded["indicators/\($0.id)"]?.dependency == regions[$0.regionID] })
        func slice(_ name: String, _ table: String) -> [Data] {
            let ranges = first.recorded[name]!.ranges
            return zip(["csv", "json"], ranges).map { made["data/\(table).\($0)"]!.subdata(in: $1.offset..<($1.offset + $1.length)) }
        }
        // A part holds its rows: the plan's id starts its CSV rows, its JSON records are whole.
        let plan = site.content.plans[0]
        let part = slice("indicators/\(plan.id)", "indicators")
        #expect(String(decoding: part[0], as: UTF8.self).hasPrefix(plan.id + ","))
        #expect(String(decoding: part[1], as: UTF8.self).hasPrefix("  {") && String(decoding: part[1], as: UTF8.self).hasSuffix("}"))

        let second = Parts()
        for name in first.recorded.keys { second.given[name] = slice(name, String(name.prefix { $0 != "/" })) }
        let copied = try render(second)
        #expect(copied == made)
        #expect(second.asked.count == expectedNames.count)

        // What is given is what goes in: a marker in place of one region's departments.
        let third = Parts()
        let region = site.content.regions[0].id
        third.given["departments/\(region)"] = [Data("MARKER\r\n".utf8), Data("  {\"marker\" : \"x\"}".utf8)]
        let marked = try render(third)
        #expect(String(decoding: marked["data/departments.csv"]!, as: UTF8.self).contains("MARKER\r\n"))
        let json = try JSONSerialization.jsonObject(with: marked["data/departments.json"]!) as? [[String: String]]
        #expect(json?.contains { $0["marker"] == "x" } == true)
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

import Foundation
import Testing
@testable import Pipeline
import SiteOutput
import Fingerprint

/// The input scan takes a file's hash from the last build's manifest, without reading the
/// file, only when its stamp is the one recorded and it was last changed well before that
/// build's scan; every other file is read and hashed.
@Suite struct InputScanTests {
    @Test func recordedHashesAreTakenOnlyForSettledFilesWithTheSameStamp() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-scan-\(UUID().uuidString)")
        let content = root.appendingPathComponent("Content")
        let templates = root.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("plans/a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for name in ["plans/a/plan.md", "site.yaml", "other.txt"] {
            try Data("text of \(name)".utf8).write(to: content.appendingPathComponent(name))
        }
        try Data("{{x}}".utf8).write(to: templates.appendingPathComponent("index.mustache"))
        let first = InputScan.inputs(contentDirectory: content.path, templatesDirectory: templates.path, threads: 2)
        #expect(first.hashes.count == 4 && first.stamps.count == 4)
        #expect(first.hashes["content/site.yaml"] == ContentHash.of(Data("text of site.yaml".utf8)))

        // A manifest whose hashes are all wrong (0xbad): which of them does the scan believe?
        var manifest = BuildManifest(tool: 1, pages: 0, warnings: 0, inputs: first.hashes.mapValues { _ in 0xbad }, outputs: [:])
        manifest.inputStamps = first.stamps
        let settledScan = first.stamps.values.map(\.modified).max()! + InputScan.settled + 1
        manifest.scanned = settledScan
        manifest.inputStamps["content/other.txt"] = FileStamp(size: 1, modified: 2, inode: 3)   // another stamp
        let taken = InputScan.inputs(contentDirectory: content.path, templatesDirectory: templates.path, threads: 2, previous: manifest)
        #expect(taken.hashes["content/site.yaml"] == 0xbad)                 // settled, same stamp: not read
        #expect(taken.hashes["templates/index.mustache"] == 0xbad)
        #expect(taken.hashes["content/other.txt"] == first.hashes["content/other.txt"])   // stamp differs: read

        // Changed too close to the scan that hashed it: read again.
        manifest.scanned = settledScan - 2
        let racy = InputScan.inputs(contentDirectory: content.path, templatesDirectory: templates.path, threads: 2, previous: manifest)
        let newest = first.stamps.max { $0.value.modified < $1.value.modified }!.key
        #expect(racy.hashes[newest] == first.hashes[newest])
        try? FileManager.default.removeItem(at: root)
    }
}

import Foundation
import Testing
@testable import Incremental
import Fingerprint

/// The input scan hashes every file of the content and templates folders, and only those.
@Suite struct InputScanTests {
    @Test func everyInputFileIsHashedAndNamedByItsFolder() throws {
        let root = try makeTemporaryDirectory("plansite-scan")
        let content = root.appendingPathComponent("Content")
        let templates = root.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("plans/a"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        for name in ["plans/a/plan.md", "site.yaml", "other.txt"] {
            try Data("text of \(name)".utf8).write(to: content.appendingPathComponent(name))
        }
        try Data("{{x}}".utf8).write(to: templates.appendingPathComponent("index.mustache"))
        let hashes = InputScan.hashes(contentDirectory: content.path, templatesDirectory: templates.path, threads: 2)
        #expect(Set(hashes.keys) == ["content/plans/a/plan.md", "content/site.yaml", "content/other.txt", "templates/index.mustache"])
        #expect(hashes["content/site.yaml"] == ContentHash.of(Data("text of site.yaml".utf8)))
        // Without a templates folder (the embedded templates), only the content is scanned.
        let contentOnly = InputScan.hashes(contentDirectory: content.path, templatesDirectory: nil, threads: 2)
        #expect(contentOnly.count == 4 && contentOnly[InputScan.builtInTemplates] != nil)
        try Data("changed".utf8).write(to: content.appendingPathComponent("site.yaml"))
        #expect(InputScan.hashes(contentDirectory: content.path, templatesDirectory: nil, threads: 2)["content/site.yaml"]
                == ContentHash.of(Data("changed".utf8)))
    }
}

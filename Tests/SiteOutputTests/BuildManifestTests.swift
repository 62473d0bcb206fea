import Foundation
import Testing
@testable import SiteOutput

@Suite struct BuildManifestTests {
    func tempDir() throws -> URL { try makeTemporaryDirectory("plansite-manifest") }

    @Test func contentHashTellsBytesApart() {
        let samples = ["", "a", "b", "ab", "ba", "abcdefgh", "abcdefgi", "abcdefgh\0", String(repeating: "规划", count: 100),
                       String(repeating: "规划", count: 100) + "。"].map { Data($0.utf8) }
        let hashes = samples.map(ContentHash.of)
        #expect(Set(hashes).count == samples.count)
        // Zero bytes of different lengths differ too (the length is mixed in).
        #expect(ContentHash.of(Data(count: 8)) != ContentHash.of(Data(count: 16)))
        #expect(ContentHash.of(Data("same".utf8)) == ContentHash.of(Data("same".utf8)))
        #expect(ContentHash.hex(0xab) == "00000000000000ab")
    }

    @Test func textRoundTripsIncludingOddPaths() throws {
        let manifest = BuildManifest(
            tool: 0x1234, pages: 7, warnings: 2,
            inputs: ["content/plans/a/plan.md": 1, "content/odd\tname%20\n.md": UInt64.max],
            outputs: ["index.html": .init(hash: 42, stamp: FileStamp(size: 10, modified: 1_700_000_000_123_456_789, inode: 99))])
        let text = manifest.text
        #expect(text.hasPrefix("plansite-manifest 1\n"))
        #expect(text.split(separator: "\n").count == 7)
        #expect(BuildManifest.parse(text) == manifest)
        // Anything else is not a manifest: the build is then a full one.
        #expect(BuildManifest.parse("plansite-manifest 2\n") == nil)
        #expect(BuildManifest.parse(text.replacingOccurrences(of: "pages\t7", with: "pages\tseven")) == nil)
        #expect(BuildManifest.parse(text + "output\tzz\t1\t2\t3\tx.html\n") == nil)
    }

    @Test func writerLinksUnchangedFilesAndWritesChangedOnes() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("Output").path
        let first = try OutputWriter(destination: out)
        try first.write("same.html", "unchanged")
        try first.write("changed.html", "old")
        try first.write("touched.html", "edited by hand later")
        try first.commit()
        let manifest = BuildManifest(tool: 1, pages: 3, warnings: 0, inputs: [:], outputs: first.written)
        try manifest.write(for: out)
        #expect(BuildManifest.read(for: out) == manifest)
        #expect(manifest.intactOutput(out) == manifest)

        // Rewritten with the same bytes (as a restored cache would be): new stamp, still intact.
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/changed.html"))
        let refreshed = try #require(manifest.intactOutput(out))
        #expect(refreshed.outputs["changed.html"]?.stamp != manifest.outputs["changed.html"]?.stamp)
        #expect(refreshed.outputs["changed.html"]?.hash == manifest.outputs["changed.html"]?.hash)

        // Same size, other bytes, new stamp: no longer intact, and not reused.
        try Data("EDITED by hand later".utf8).write(to: URL(fileURLWithPath: out + "/touched.html"))
        #expect(manifest.intactOutput(out) == nil)
        let sameBefore = FileStamp(path: out + "/same.html")

        let second = try OutputWriter(destination: out, previous: manifest)
        try second.write("same.html", "unchanged")
        try second.write("changed.html", "new")
        try second.write("touched.html", "edited by hand later")
        try second.write("added.html", "added")
        try second.commit()
        #expect(second.filesWritten == 4)
        #expect(second.filesReused == 1)
        #expect(FileStamp(path: out + "/same.html") == sameBefore)
        #expect(FileManager.default.contents(atPath: out + "/changed.html") == Data("new".utf8))
        #expect(FileManager.default.contents(atPath: out + "/touched.html") == Data("edited by hand later".utf8))
        let next = BuildManifest(tool: 1, pages: 4, warnings: 0, inputs: [:], outputs: second.written)
        #expect(next.intactOutput(out) == next)
        // A file the manifest does not know about makes the output not intact.
        try Data("x".utf8).write(to: URL(fileURLWithPath: out + "/extra.html"))
        #expect(next.intactOutput(out) == nil)
    }
}

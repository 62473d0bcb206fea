import Foundation
import Testing
@testable import Incremental
import SiteOutput
import Fingerprint

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
            outputs: ["index.html": .init(hash: 42, stamp: FileStamp(size: 10, modified: 1_700_000_000_123_456_789, inode: 99)),
                      "plans/a.html": .init(hash: 43, stamp: FileStamp(size: 11, modified: 5, inode: 100), dependency: 0xfeed)])
        let text = manifest.text
        #expect(text.hasPrefix("plansite-manifest 5\n"))
        #expect(text.split(separator: "\n").count == 8)
        #expect(text.contains("input\t0000000000000001\tcontent/plans/a/plan.md\n"), "\(text)")
        #expect(text.contains("input\tffffffffffffffff\tcontent/odd%09name%2520%0A.md\n"), "\(text)")
        #expect(text.contains("output\t000000000000002b\t11\t5\t100\t000000000000feed\tplans/a.html\n"), "\(text)")
        #expect(BuildManifest.parse(text) == manifest)
        #expect(BuildManifest.parse(text)?.outputs["plans/a.html"]?.dependency == 0xfeed)
        // Anything else is not a manifest: the build is then a full one. Manifests of other
        // formats are not read either.
        #expect(BuildManifest.parse("plansite-manifest 4\n") == nil)
        #expect(BuildManifest.parse(text.replacingOccurrences(of: "pages\t7", with: "pages\tseven")) == nil)
        #expect(BuildManifest.parse(text + "output\tzz\t1\t2\t3\t0\tx.html\n") == nil)
        #expect(BuildManifest.parse(text + "output\t2a\t1\t2\t3\t0\t0\tx.html\n") == nil)   // a field too many
        #expect(BuildManifest.parse(text + "input\t1\t2\t3\t4\t5\tx.md\n") == nil)
        #expect(BuildManifest.parse(text + "pages\t99999999999999999999\n") == nil)   // past Int64
        #expect(BuildManifest.parse(text + "tool\t1234567890abcdef0\n") == nil)      // 17 hex digits
        #expect(BuildManifest.parse(text + "output\t2a\t1\t2\t-3\t0\tx.html\n") == nil) // negative inode
        #expect(BuildManifest.parse(text + "output\t2a\t1\t2\t3\t0\tx.html\n")?.outputs["x.html"]?.stamp.inode == 3)
        #expect(BuildManifest.parse("") == nil)
        #expect(BuildManifest.parse("plansite-manifest 5\n\ntool\tff\n")?.tool == 0xff)
    }

    @Test func writerTakesUnrenderedPagesOnlyWithTheSameDependencyAndIntactBytes() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("Output").path
        let first = try ReusingWriter(destination: out, previous: nil)
        try first.write("a/same.html", Data("region a".utf8), dependency: 7)
        try first.write("b/other.html", Data("region b".utf8), dependency: 8)
        try first.write("c/edited.html", Data("region c".utf8), dependency: 9)
        try first.write("index.html", Data("whole site".utf8))
        try first.commit()
        let manifest = BuildManifest(tool: 1, pages: 4, warnings: 0, inputs: [:], outputs: first.written)
        #expect(manifest.outputs["a/same.html"]?.dependency == 7)
        #expect(manifest.outputs["index.html"]?.dependency == 0)
        try Data("region C".utf8).write(to: URL(fileURLWithPath: out + "/c/edited.html"))
        let before = FileStamp(path: out + "/a/same.html")

        let second = try ReusingWriter(destination: out, previous: manifest.outputs)
        #expect(try second.keep(["a/same.html"], dependency: 7))
        #expect(try !second.keep(["b/other.html"], dependency: 80))   // its region changed
        #expect(try !second.keep(["c/edited.html"], dependency: 9))   // edited by hand
        #expect(try !second.keep(["index.html"], dependency: 0))      // depends on the whole site
        #expect(try !second.keep(["new.html"], dependency: 7))        // not in the previous build
        #expect(second.filesNotRendered == 1)
        try second.write("b/other.html", Data("region b, new".utf8), dependency: 80)
        try second.write("c/edited.html", Data("region c".utf8), dependency: 9)
        try second.write("index.html", Data("whole site".utf8))
        try second.commit()
        #expect(FileStamp(path: out + "/a/same.html") == before)
        #expect(String(decoding: FileManager.default.contents(atPath: out + "/a/same.html") ?? Data(), as: UTF8.self) == "region a")
        #expect(String(decoding: FileManager.default.contents(atPath: out + "/c/edited.html") ?? Data(), as: UTF8.self) == "region c")
        #expect(second.written["a/same.html"]?.dependency == 7)
        #expect(second.written["b/other.html"]?.dependency == 80)
    }

    @Test func writerLinksUnchangedFilesAndWritesChangedOnes() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("Output").path
        let first = try ReusingWriter(destination: out, previous: nil)
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

        let second = try ReusingWriter(destination: out, previous: manifest.outputs)
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

import Foundation
import Testing
@testable import SiteOutput

@Suite struct OutputWriterTests {
    func tempDir() throws -> URL { try makeTemporaryDirectory("plansite-output") }

    @Test func plainRelativePathsAreSafe() {
        for path in ["a", "a/b.html", ".hidden", "a/..b", "...", "a/.b/c", "..a", "规划/页面.html", "data/tasks.csv"] {
            #expect(OutputWriter.isSafe(path), "\(path)")
        }
    }

    @Test(arguments: ["../evil.html", "/etc/passwd", "a/../../b", "a//b", "", "a/./b", "nul\0byte", "back\\slash",
                      ".", "..", "a/", "a/..", "./a"])
    func unsafePathsAreRefused(_ path: String) throws {
        let dir = try tempDir()
        let writer = try OutputWriter(destination: dir.appendingPathComponent("Output").path)
        #expect(!OutputWriter.isSafe(path))
        #expect(throws: OutputWriter.Failure.self) { try writer.write(path, "x") }
        writer.abort()
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("evil.html").path))
    }

    @Test func commitReplacesTheOldOutputWhole() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("Output").path
        let first = try OutputWriter(destination: out)
        try first.write("a.html", "one")
        try first.write("old/only-in-first.html", "gone later")
        try first.commit()
        #expect(FileManager.default.contents(atPath: out + "/a.html") == Data("one".utf8))

        let second = try OutputWriter(destination: out)
        try second.write("a.html", "two")
        // Before the commit the old output is untouched.
        #expect(FileManager.default.contents(atPath: out + "/a.html") == Data("one".utf8))
        try second.commit()
        #expect(FileManager.default.contents(atPath: out + "/a.html") == Data("two".utf8))
        #expect(!FileManager.default.fileExists(atPath: out + "/old/only-in-first.html"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names == ["Output"])
    }

    @Test func abortLeavesTheOldOutputAndNoStaging() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("Output").path
        let first = try OutputWriter(destination: out)
        try first.write("index.html", "good")
        try first.commit()
        let second = try OutputWriter(destination: out)
        try second.write("index.html", "half-done")
        second.abort()
        #expect(FileManager.default.contents(atPath: out + "/index.html") == Data("good".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["Output"])
    }

    @Test func staleStagingOfADeadBuildIsRemoved() throws {
        let dir = try tempDir()
        // pid 999999999 does not exist.
        let stale = dir.appendingPathComponent(".Output.staging-999999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        let writer = try OutputWriter(destination: dir.appendingPathComponent("Output").path)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        writer.abort()
    }

    /// Staging in a folder that holds files: a file asked for by its stamp is kept, a file in the
    /// way of one written is replaced (not written into: the old output's link stays intact),
    /// the unused ones are removed, and the replaced output goes where the caller says.
    @Test func stagingInAFolderThatHoldsFilesGivesExactlyTheFilesStaged() throws {
        let dir = try tempDir()
        let out = dir.appendingPathComponent("Output").path
        let tree = dir.appendingPathComponent("tree").path
        let first = try OutputWriter(destination: out)
        try first.write("kept.html", "kept")
        try first.write("shared.html", "old")
        try first.commit()
        let fm = FileManager.default
        try fm.createDirectory(atPath: tree + "/unused", withIntermediateDirectories: true)
        #expect(link(out + "/shared.html", tree + "/shared.html") == 0)
        try Data("kept".utf8).write(to: URL(fileURLWithPath: tree + "/kept.html"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: tree + "/unused/x.html"))
        let keptStamp = try #require(FileStamp(path: tree + "/kept.html"))

        let second = try OutputWriter(destination: out, startingFrom: tree)
        #expect(!fm.fileExists(atPath: tree))
        #expect(try second.keepExisting("kept.html", stamp: keptStamp))
        try second.write("shared.html", "new")
        #expect(try !second.keepExisting("other.html", stamp: keptStamp))
        #expect(String(decoding: fm.contents(atPath: out + "/shared.html") ?? Data(), as: UTF8.self) == "old")
        try second.commit(movingReplacedTo: tree)
        #expect(FileStamp(path: out + "/kept.html") == keptStamp)
        #expect(String(decoding: fm.contents(atPath: out + "/shared.html") ?? Data(), as: UTF8.self) == "new")
        #expect(try fm.contentsOfDirectory(atPath: out).sorted() == ["kept.html", "shared.html"])
        #expect(String(decoding: fm.contents(atPath: tree + "/shared.html") ?? Data(), as: UTF8.self) == "old")
    }
}

import Fingerprint
import Foundation
import Testing
import SiteOutput
@testable import Incremental

/// An incremental build stages into the output tree that the build before it replaced (the
/// spare tree). Its files are links to the output's or stale copies: the staged result must
/// be exactly what was written, and the output must never change before the swap.
@Suite struct ReusingWriterTests {
    let fm = FileManager.default

    func read(_ path: String) -> String? {
        fm.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every regular file under `root` (relative path → text), and its folders.
    func tree(_ root: String) -> (files: [String: String], folders: Set<String>) {
        var files: [String: String] = [:]
        var folders: Set<String> = []
        let enumerator = fm.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = fm.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder)
            if isFolder.boolValue { folders.insert(relative) } else { files[relative] = read(root + "/" + relative) ?? "?" }
        }
        return (files, folders)
    }

    /// One build: writes `files` with the previous build's records; returns its own.
    func build(_ out: String, _ files: [String: String], previous: [String: OutputRecord]?,
               beforeCommit: (ReusingWriter) throws -> Void = { _ in }) throws -> [String: OutputRecord] {
        let writer = try ReusingWriter(destination: out, previous: previous)
        for (path, text) in files.sorted(by: { $0.key < $1.key }) { try writer.write(path, text) }
        try beforeCommit(writer)
        try writer.commit()
        return writer.written
    }

    @Test func stagingInTheSpareTreeGivesExactlyTheFilesWritten() throws {
        let dir = try makeTemporaryDirectory("plansite-spare")
        let out = dir.appendingPathComponent("Output").path
        let spare = dir.appendingPathComponent(".Output.plansite-spare").path
        let one = ["index.html": "home 1", "plans/a.html": "a 1", "plans/b.html": "b 1", "gone/x.html": "x",
                   "was-file": "a file", "was-folder/y.html": "y"]
        var manifest = try build(out, one, previous: nil)
        #expect(!fm.fileExists(atPath: spare))   // a full build keeps no spare tree
        let two = ["index.html": "home 2", "plans/a.html": "a 1", "plans/b.html": "b 1", "gone/x.html": "x",
                   "was-file": "a file", "was-folder/y.html": "y"]
        manifest = try build(out, two, previous: manifest)
        #expect(tree(spare).files == one)        // the output it replaced

        // Planted in the spare tree: a link to a folder outside, and a file edited by hand.
        let outside = dir.appendingPathComponent("outside").path
        try fm.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: spare + "/evil", withDestinationPath: outside)
        try Data("junk".utf8).write(to: URL(fileURLWithPath: spare + "/plans/junk.html"))
        let aBefore = FileStamp(path: out + "/plans/a.html")

        let three = ["index.html": "home 2", "plans/a.html": "a 1", "plans/b.html": "b 3", "evil/z.html": "z",
                     "was-file/now-folder.html": "f", "was-folder": "now a file", "new/deep/n.html": "n"]
        manifest = try build(out, three, previous: manifest) { writer in
            // Before the swap the output is still the second build's, byte for byte: files
            // that were links to it in the spare tree were replaced, not written into.
            #expect(tree(out).files == two)
            #expect(!fm.fileExists(atPath: spare))   // taken as the staging folder
        }
        let result = tree(out)
        #expect(result.files == three)
        #expect(result.folders == ["plans", "evil", "was-file", "new", "new/deep"])
        #expect(try fm.contentsOfDirectory(atPath: outside).isEmpty)   // the link was not followed
        #expect(FileStamp(path: out + "/plans/a.html") == aBefore)     // kept: the same file
        #expect(manifest["plans/a.html"]?.stamp == aBefore)
        #expect(tree(spare).files == two)

        // Once more, back to the first files: a chain of builds stays exact. A file removed
        // from the output by hand is still staged: the spare tree's has the recorded stamp.
        try fm.removeItem(atPath: out + "/plans/a.html")
        manifest = try build(out, one, previous: manifest)
        #expect(FileStamp(path: out + "/plans/a.html") == aBefore)
        #expect(tree(out).files == one)
        #expect(tree(out).folders == ["plans", "gone", "was-folder"])
    }

    @Test func aFailedBuildInTheSpareTreeLeavesTheOutputAndNoSpare() throws {
        let dir = try makeTemporaryDirectory("plansite-spare")
        let out = dir.appendingPathComponent("Output").path
        var manifest = try build(out, ["index.html": "1", "a.html": "a"], previous: nil)
        manifest = try build(out, ["index.html": "2", "a.html": "a"], previous: manifest)
        let writer = try ReusingWriter(destination: out, previous: manifest)
        try writer.write("index.html", "half-done")
        try writer.write("a.html", "changed")
        writer.abort()
        #expect(tree(out).files == ["index.html": "2", "a.html": "a"])
        #expect(try fm.contentsOfDirectory(atPath: dir.path) == ["Output"])
        // The next build starts from an empty staging folder and is exact.
        _ = try build(out, ["index.html": "3"], previous: manifest)
        #expect(tree(out).files == ["index.html": "3"])
    }

    @Test func aStreamedFileIsStagedLikeAWrittenOneAndLinkedWhenUnchanged() throws {
        let out = try makeTemporaryDirectory("plansite-stream").appendingPathComponent("Output").path
        func stream(_ writer: ReusingWriter, _ path: String, _ pieces: [String]) throws {
            let file = try writer.beginStream(path)
            for piece in pieces { try Array(piece.utf8).withUnsafeBytes { try file.write($0) } }
            try writer.finishStream(file, dependency: 0)
        }
        let first = try ReusingWriter(destination: out, previous: nil)
        try stream(first, "data/tasks.csv", ["plan,task\r\n", "a,", "1\r\n"])
        try stream(first, "data/changes.csv", ["old"])
        try first.commit()
        #expect(FileManager.default.contents(atPath: out + "/data/tasks.csv") == Data("plan,task\r\na,1\r\n".utf8))
        #expect(first.written["data/tasks.csv"]?.hash == ContentHash.of(Data("plan,task\r\na,1\r\n".utf8)))
        let before = FileStamp(path: out + "/data/tasks.csv")

        let second = try ReusingWriter(destination: out, previous: first.written)
        try stream(second, "data/tasks.csv", ["plan,task\r\na,1", "\r\n"])
        try stream(second, "data/changes.csv", ["new"])
        try second.commit()
        #expect(second.filesReused == 1)
        #expect(second.filesWritten == 2)
        #expect(FileStamp(path: out + "/data/tasks.csv") == before)
        #expect(FileManager.default.contents(atPath: out + "/data/changes.csv") == Data("new".utf8))
        #expect(second.written["data/tasks.csv"]?.stamp == before)
    }
}

extension ReusingWriter {
    func write(_ path: String, _ text: String) throws { try write(path, Data(text.utf8)) }
}

import Fingerprint
import Foundation
import SiteOutput

/// Stages a build's files through an `OutputWriter`, taking from the output it replaces every
/// file it can instead of writing the same bytes again, and records what it staged for the
/// next build's manifest (`written`).
///
/// - A file whose new bytes hash as the recorded ones is hard-linked from the output folder
///   when that file still holds them (`OutputRecord.current`).
/// - A page of an unchanged region is taken without being rendered (`keep`).
/// - The build stages in the spare tree (`.NAME.plansite-spare`): the output folder the build
///   before replaced, which this build's files mostly share. A file of it is kept only when it
///   has the stamp the manifest records for the output's file at that path (inode, size and
///   time: it is that file, with the bytes recorded); the writer replaces or removes every
///   other. A build with nothing to take from (`--full`, the first) stages in an empty folder
///   and keeps no spare tree.
public final class ReusingWriter {
    private let writer: OutputWriter
    private let previous: [String: OutputRecord]
    private let spare: String
    private let keepsSpare: Bool
    /// Hash and stamp of every file staged.
    public private(set) var written: [String: OutputRecord] = [:]
    public private(set) var filesWritten = 0
    /// Files linked from the previous output because their bytes did not change.
    public private(set) var filesReused = 0
    /// Of those, the files taken without being rendered (`keep`).
    public private(set) var filesNotRendered = 0

    /// - Parameter previous: the previous build's records of the output folder's files (nil:
    ///   none, every file is written).
    public init(destination: String, previous: [String: OutputRecord]?) throws {
        let folder = URL(fileURLWithPath: destination).standardizedFileURL
        spare = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).plansite-spare").path
        self.previous = previous ?? [:]
        keepsSpare = previous != nil
        writer = try OutputWriter(destination: destination, startingFrom: keepsSpare ? spare : nil)
    }

    /// Takes the previous build's files at `paths` as they are, without their bytes being made
    /// again, when they were made from inputs with the same fingerprint `dependency` (not 0)
    /// and still hold the bytes recorded: all of them, or none (false: render them).
    public func keep(_ paths: [String], dependency: UInt64) throws -> Bool {
        guard dependency != 0, paths.allSatisfy({ previous[$0]?.dependency == dependency }) else { return false }
        for (n, path) in paths.enumerated() where try !linkPrevious(path, previous[path]!, dependency: dependency) {
            for taken in paths[..<n] {
                writer.remove(taken)
                written[taken] = nil
                filesWritten -= 1
                filesReused -= 1
            }
            return false
        }
        filesNotRendered += paths.count
        return true
    }

    /// Stages a file. `dependency`: the fingerprint of the inputs it was made from, when it
    /// depends on part of the content only (0: on all of it), recorded for `keep`.
    public func write(_ path: String, _ data: Data, dependency: UInt64 = 0) throws {
        let hash = ContentHash.of(data)
        if let old = previous[path], old.hash == hash, try linkPrevious(path, old, dependency: dependency) { return }
        written[path] = OutputRecord(hash: hash, stamp: try writer.write(path, data), dependency: dependency)
        filesWritten += 1
    }

    public func beginStream(_ path: String) throws -> OutputWriter.StreamedFile { try writer.beginStream(path) }

    /// Stages a file written with `beginStream`, as `write` stages a whole one.
    public func finishStream(_ file: OutputWriter.StreamedFile, dependency: UInt64 = 0) throws {
        let (hash, stamp) = try writer.finishStream(file)
        if let old = previous[file.path], old.hash == hash, old.current(at: writer.destination.path + "/" + file.path) != nil {
            // The old file was intact just now; if it changes before the link, fail the build
            // (the new bytes are gone) rather than stage something else.
            writer.remove(file.path)
            if try linkPrevious(file.path, old, dependency: dependency) { return }
            throw OutputWriter.Failure.io("\(writer.destination.path)/\(file.path) changed during the build; build again")
        }
        written[file.path] = OutputRecord(hash: hash, stamp: stamp, dependency: dependency)
        filesWritten += 1
    }

    /// Stages the previous output's file at `path` when it still holds the bytes `old`
    /// records: the spare tree's file when it is that file, else a hard link to the output's.
    private func linkPrevious(_ path: String, _ old: OutputRecord, dependency: UInt64) throws -> Bool {
        let stamp: FileStamp
        if try writer.keepExisting(path, stamp: old.stamp) {
            stamp = old.stamp
        } else {
            let source = writer.destination.path + "/" + path
            guard old.current(at: source) != nil, let linked = try writer.link(path, to: source) else { return false }
            stamp = linked
        }
        written[path] = OutputRecord(hash: old.hash, stamp: stamp, dependency: dependency)
        filesWritten += 1
        filesReused += 1
        return true
    }

    /// Swaps the staged output in; the output it replaces becomes the next build's spare tree
    /// when this build took files from the previous one (a full build's output shares none
    /// with the one it replaced).
    public func commit() throws {
        if !keepsSpare { try? FileManager.default.removeItem(atPath: spare) }
        try writer.commit(movingReplacedTo: keepsSpare ? spare : nil)
    }

    public func abort() { writer.abort() }
}

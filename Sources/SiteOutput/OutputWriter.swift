import CFileSwap
import Foundation
import Fingerprint

/// Writes a site into a staging folder beside the output folder and swaps it in only when
/// the whole build succeeded. A failed or killed build leaves the previous output complete
/// and unchanged; files of earlier builds that no longer belong are gone after the swap.
///
/// Given the records of the previous build's files, a file whose bytes are the same as the one
/// already in the output folder (same hash, and that file still holding those bytes) is
/// hard-linked into the staging folder instead of being written again. The staging folder of
/// such a build is the output folder the build before it replaced (`SpareTree`), brought up to
/// date: its files that are the output's own are kept, the others replaced or removed.
public final class OutputWriter {
    public enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case io(String)
        public var description: String {
            switch self {
            case .unsafePath(let p): return "refusing to write '\(p)': the path would leave the output folder"
            case .io(let message): return message
            }
        }
    }

    public let destination: URL
    public let staging: URL
    private var finished = false
    private var directories: Set<String> = []
    public private(set) var filesWritten = 0
    /// Files linked from the previous output because their bytes did not change.
    public private(set) var filesReused = 0
    /// Of those, the files taken without being rendered (`keep`).
    public private(set) var filesNotRendered = 0
    /// Hash and stamp of every file staged, for the next build's manifest.
    public private(set) var written: [String: OutputRecord] = [:]
    private let previous: [String: OutputRecord]
    /// When the staging folder is the spare tree: what it held that has not been used yet.
    private var spare: SpareTree?
    /// Whether the output this build replaces is kept as the next build's spare tree: when
    /// the build took files from it (a full build's output shares no file with the one it
    /// replaced, so that tree would only be in the way of the next build).
    private let keepsSpare: Bool

    /// - Parameter previous: what the previous build recorded of the files of the output
    ///   folder (nil: none, every file is written).
    public init(destination: String, previous: [String: OutputRecord]? = nil) throws {
        let dest = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = dest
        self.previous = previous ?? [:]
        keepsSpare = previous != nil
        let parent = dest.deletingLastPathComponent()
        let name = ".\(dest.lastPathComponent).staging-\(getpid())"
        staging = parent.appendingPathComponent(name)
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        Self.removeStaleStaging(in: parent, base: dest.lastPathComponent, keep: name)
        // With a previous build to take files from, start from the tree it replaced.
        if previous != nil, rename(SpareTree.location(of: dest).path, staging.path) == 0 {
            let tree = SpareTree.scan(staging.path)
            directories = Set(tree.folders)
            spare = tree
            return
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw Failure.io("cannot create the staging folder \(staging.path): \(error.localizedDescription)")
        }
    }

    deinit {
        if !finished { try? FileManager.default.removeItem(at: staging) }
    }

    /// A relative path made of plain names: no "..", no absolute path, no NUL, no empty part.
    /// Checked on the UTF-8 bytes: it runs for every file of the site.
    public static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            var partStart = 0
            for i in 0...bytes.count {
                let b = i < bytes.count ? bytes[i] : UInt8(ascii: "/")
                if b == 0 || b == UInt8(ascii: "\\") { return false }
                guard b == UInt8(ascii: "/") else { continue }
                // A part: not empty (also no leading "/"), not "." or "..".
                let length = i - partStart
                if length == 0 { return false }
                if bytes[partStart] == UInt8(ascii: "."), length == 1 || (length == 2 && bytes[partStart + 1] == UInt8(ascii: ".")) {
                    return false
                }
                partStart = i + 1
            }
            return true
        }
    }

    /// The staging location of `path`, its folder created. A file of the spare tree at that
    /// place is removed unless `keep` is its stamp (the stamp recorded for the previous
    /// output's file: same inode, size and time, so the same file with the bytes recorded);
    /// returns whether it was kept.
    private func stage(_ path: String, keep: FileStamp? = nil) throws -> (path: String, kept: Bool) {
        guard Self.isSafe(path) else { throw Failure.unsafePath(path) }
        let location = staging.path + "/" + path
        if spare?.files.remove(path) != nil {
            if let keep, FileStamp(path: location) == keep { return (location, true) }
            unlink(location)
        } else if spare != nil, directories.contains(location) {
            // A folder of the spare tree where a file goes now.
            try? FileManager.default.removeItem(atPath: location)
            directories = directories.filter { $0 != location && !$0.hasPrefix(location + "/") }
            if let files = spare?.files { spare?.files = files.filter { !$0.hasPrefix(path + "/") } }
        }
        let folder = String(location[..<location.lastIndex(of: "/")!])
        if !directories.contains(folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch where spare != nil {
                // A file of the spare tree where a folder goes now.
                clearFolders(above: path)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            directories.insert(folder)
        }
        return (location, false)
    }

    /// Removes the spare tree's files that stand where the folders of `path` go.
    private func clearFolders(above path: String) {
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(part) : "/" + part
            if spare?.files.remove(prefix) != nil { unlink(staging.path + "/" + prefix) }
        }
    }

    /// Takes the previous build's file at `path` as it is, without its bytes being made again,
    /// when it was made from inputs with the same fingerprint `dependency` (not 0) and the old
    /// file still holds the bytes recorded. false when the caller has to render it.
    public func keep(_ path: String, dependency: UInt64) throws -> Bool {
        try keep([path], dependency: dependency)
    }

    /// `keep` for the files made together (a plan's page and its tables): all of them, or
    /// none (the files taken are given back when one cannot be).
    public func keep(_ paths: [String], dependency: UInt64) throws -> Bool {
        guard dependency != 0, paths.allSatisfy({ previous[$0]?.dependency == dependency }) else { return false }
        for (n, path) in paths.enumerated() where try !linkPrevious(path, previous[path]!, dependency: dependency) {
            for taken in paths[..<n] {
                unlink(staging.path + "/" + taken)
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
        let url = try stage(path).path
        guard Self.writeFile(url, data), let stamp = FileStamp(path: url) else {
            throw Failure.io("cannot write \(url): \(String(cString: strerror(errno)))")
        }
        written[path] = OutputRecord(hash: hash, stamp: stamp, dependency: dependency)
        filesWritten += 1
    }

    /// Files are written with plain open/write/close, not through a temporary file with an
    /// fsync each: every file is new in a fresh staging folder, and the folder as a whole is
    /// swapped in atomically. (Like Hugo and Zola, a build does not flush the disk against
    /// power loss.)
    /// Writes every byte to `fd`, again after an interrupted call; false (with `errno`) on an
    /// error.
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    /// The file must not exist (`stage` removed a spare tree's file, which may be a link to the
    /// output's): nothing is ever written into an existing file.
    static func writeFile(_ path: String, _ data: Data) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { return false }
        let ok = data.withUnsafeBytes { writeAll(fd, $0) }
        let saved = errno
        guard close(fd) == 0, ok else {
            if !ok { errno = saved }
            return false
        }
        return true
    }

    /// A file written in pieces as it is made (`beginStream`, `StreamedFile.write`,
    /// `finishStream`): the open data and the search index grow with the site and are not
    /// held whole. Its pieces may be written on any thread, one at a time.
    public final class StreamedFile: @unchecked Sendable {
        public let path: String
        let location: String
        private var fd: Int32
        private var hash = ContentHash.Stream()

        init(path: String, location: String, fd: Int32) {
            self.path = path
            self.location = location
            self.fd = fd
        }

        deinit { if fd >= 0 { close(fd) } }

        public func write(_ bytes: UnsafeRawBufferPointer) throws {
            guard fd >= 0 else { throw Failure.io("\(location) was already closed") }
            hash.add(bytes)
            guard OutputWriter.writeAll(fd, bytes) else {
                throw Failure.io("cannot write \(location): \(String(cString: strerror(errno)))")
            }
        }

        /// Closes the file; the fingerprint of everything written.
        func finish() throws -> UInt64 {
            let result = close(fd)
            fd = -1
            guard result == 0 else { throw Failure.io("cannot write \(location): \(String(cString: strerror(errno)))") }
            return hash.value
        }
    }

    /// Starts a file that is written in pieces; `finishStream` stages it.
    public func beginStream(_ path: String) throws -> StreamedFile {
        let url = try stage(path).path
        let fd = open(url, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failure.io("cannot write \(url): \(String(cString: strerror(errno)))") }
        return StreamedFile(path: path, location: url, fd: fd)
    }

    /// Stages a file written with `beginStream`, as `write` stages a whole one: when its bytes
    /// are those of the previous output's file, that file is linked in its place.
    public func finishStream(_ file: StreamedFile, dependency: UInt64 = 0) throws {
        let hash = try file.finish()
        if let old = previous[file.path], old.hash == hash, old.current(at: destination.path + "/" + file.path) != nil {
            // The old file was intact just now; if it changes before the link, fail the build
            // (the new bytes are gone) rather than stage something else.
            unlink(file.location)
            if try linkPrevious(file.path, old, dependency: dependency) { return }
            throw Failure.io("\(destination.path)/\(file.path) changed during the build; build again")
        }
        guard let stamp = FileStamp(path: file.location) else {
            throw Failure.io("cannot read \(file.location): \(String(cString: strerror(errno)))")
        }
        written[file.path] = OutputRecord(hash: hash, stamp: stamp, dependency: dependency)
        filesWritten += 1
    }

    /// Hard-links the previous output's file at `path` into the staging folder when it still
    /// holds the bytes `old` records; false when it is gone or was changed.
    private func linkPrevious(_ path: String, _ old: OutputRecord, dependency: UInt64) throws -> Bool {
        // A spare tree's file with the recorded stamp is the file recorded, bytes and all
        // (whether or not the output still has it): kept without looking at the output.
        let (url, kept) = try stage(path, keep: old.stamp)
        if kept {
            written[path] = OutputRecord(hash: old.hash, stamp: old.stamp, dependency: dependency)
            filesWritten += 1
            filesReused += 1
            return true
        }
        let oldPath = destination.path + "/" + path
        guard let stamp = old.current(at: oldPath), link(oldPath, url) == 0 else { return false }
        written[path] = OutputRecord(hash: old.hash, stamp: stamp, dependency: dependency)
        filesWritten += 1
        filesReused += 1
        return true
    }

    public func write(_ path: String, _ text: String) throws { try write(path, Data(text.utf8)) }

    /// Swaps the staging folder in. With an existing output folder the exchange is atomic
    /// (renameat2 RENAME_EXCHANGE); otherwise the staging folder is renamed into place.
    public func commit() throws {
        let fm = FileManager.default
        spare?.removeUnused(in: staging.path)
        spare = nil
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure.io("\(destination.path) exists and is not a folder") }
            if plansite_exchange_paths(staging.path, destination.path) == 0 {
                finished = true
                keepPreviousOutput()
                return
            }
            // No atomic exchange on this file system: move the old output aside first.
            let old = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + ".old")
            try? fm.removeItem(at: old)
            do {
                try fm.moveItem(at: destination, to: old)
                try fm.moveItem(at: staging, to: destination)
            } catch {
                if !fm.fileExists(atPath: destination.path) { try? fm.moveItem(at: old, to: destination) }
                throw Failure.io("cannot replace \(destination.path): \(error.localizedDescription)")
            }
            finished = true
            try? fm.removeItem(at: old)
        } else {
            do { try fm.moveItem(at: staging, to: destination) } catch {
                throw Failure.io("cannot create \(destination.path): \(error.localizedDescription)")
            }
            finished = true
        }
    }

    /// After the exchange the staging folder holds the previous output: kept as the next
    /// build's staging folder (`SpareTree`) in place of any older one, or removed.
    private func keepPreviousOutput() {
        let spare = SpareTree.location(of: destination).path
        // An older spare tree is there only when this build did not take it.
        try? FileManager.default.removeItem(atPath: spare)
        if !keepsSpare || rename(staging.path, spare) != 0 { try? FileManager.default.removeItem(at: staging) }
    }

    /// Drops the staged files; the output folder is untouched.
    public func abort() {
        try? FileManager.default.removeItem(at: staging)
        finished = true
    }

    /// Staging folders of builds that were killed (their process no longer exists).
    static func removeStaleStaging(in parent: URL, base: String, keep: String) {
        let prefix = ".\(base).staging-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(prefix) && name != keep {
            let pidText = name.dropFirst(prefix.count).prefix { $0.isNumber }
            if let pid = Int32(pidText), kill(pid, 0) == 0 { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }
}

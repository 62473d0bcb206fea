import CFileSwap
import Foundation
import Fingerprint

/// Writes a site into a staging folder beside the output folder and swaps it in only when
/// the whole build succeeded. A failed or killed build leaves the previous output complete
/// and unchanged; files of earlier builds that no longer belong are gone after the swap.
///
/// The staging folder is empty, or a folder that already holds files (`startingFrom`: the tree
/// an earlier build replaced, kept by `Incremental`): a file of that tree is kept only when the
/// caller asks for it by its stamp (`keepExisting`); any other file in the way of one staged is
/// removed first (never written into: it may be a hard link to a file of the output), and the
/// files left unused are removed before the swap. The writer knows nothing of what the files
/// are or of earlier builds: what to take from them is decided by its caller.
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
    /// When staging in a tree that held files: those not staged over yet.
    private var existing: ExistingTree?

    /// - Parameter startingFrom: a folder to stage in instead of an empty one (moved into
    ///   place; an empty folder is used when it cannot be).
    public init(destination: String, startingFrom tree: String? = nil) throws {
        let dest = URL(fileURLWithPath: destination).standardizedFileURL
        self.destination = dest
        let parent = dest.deletingLastPathComponent()
        let name = ".\(dest.lastPathComponent).staging-\(getpid())"
        staging = parent.appendingPathComponent(name)
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        Self.removeStaleStaging(in: parent, base: dest.lastPathComponent, keep: name)
        if let tree, rename(tree, staging.path) == 0 {
            let found = ExistingTree.scan(staging.path)
            directories = Set(found.folders)
            existing = found
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

    /// The staging location of `path`, its folder created. A file of the existing tree at that
    /// place is removed unless `keep` is its stamp; returns whether it was kept.
    private func stage(_ path: String, keep: FileStamp? = nil) throws -> (path: String, kept: Bool) {
        guard Self.isSafe(path) else { throw Failure.unsafePath(path) }
        let location = staging.path + "/" + path
        if existing?.files.remove(path) != nil {
            if let keep, FileStamp(path: location) == keep { return (location, true) }
            unlink(location)
        } else if existing != nil, directories.contains(location) {
            // A folder of the existing tree where a file goes now.
            try? FileManager.default.removeItem(atPath: location)
            directories = directories.filter { $0 != location && !$0.hasPrefix(location + "/") }
            if let files = existing?.files { existing?.files = files.filter { !$0.hasPrefix(path + "/") } }
        }
        let folder = String(location[..<location.lastIndex(of: "/")!])
        if !directories.contains(folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch where existing != nil {
                // A file of the existing tree where a folder goes now.
                clearFolders(above: path)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            directories.insert(folder)
        }
        return (location, false)
    }

    /// Removes the existing tree's files that stand where the folders of `path` go.
    private func clearFolders(above path: String) {
        var prefix = ""
        for part in path.split(separator: "/").dropLast() {
            prefix += prefix.isEmpty ? String(part) : "/" + part
            if existing?.files.remove(prefix) != nil { unlink(staging.path + "/" + prefix) }
        }
    }

    /// Keeps the file the staging folder already holds at `path` when it has `stamp` (inode,
    /// size and time: that very file); otherwise removes it and returns false.
    public func keepExisting(_ path: String, stamp: FileStamp) throws -> Bool {
        try stage(path, keep: stamp).kept
    }

    /// Stages `path` as a hard link to the file at `source`; its stamp, or nil when the link
    /// could not be made (the source is gone).
    public func link(_ path: String, to source: String) throws -> FileStamp? {
        let location = try stage(path).path
        guard Foundation.link(source, location) == 0 else { return nil }
        return FileStamp(path: location)
    }

    /// Removes a file staged at `path`.
    public func remove(_ path: String) {
        guard Self.isSafe(path) else { return }
        unlink(staging.path + "/" + path)
    }

    /// Stages a file; its stamp.
    @discardableResult
    public func write(_ path: String, _ data: Data) throws -> FileStamp {
        let url = try stage(path).path
        guard Self.writeFile(url, data), let stamp = FileStamp(path: url) else {
            throw Failure.io("cannot write \(url): \(String(cString: strerror(errno)))")
        }
        return stamp
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

    /// The file must not exist (`stage` removed an existing tree's file, which may be a link to the
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

    /// Closes a file written with `beginStream`; the hash of its bytes and its stamp.
    public func finishStream(_ file: StreamedFile) throws -> (hash: UInt64, stamp: FileStamp) {
        let hash = try file.finish()
        guard let stamp = FileStamp(path: file.location) else {
            throw Failure.io("cannot read \(file.location): \(String(cString: strerror(errno)))")
        }
        return (hash, stamp)
    }

    public func write(_ path: String, _ text: String) throws { try write(path, Data(text.utf8)) }

    /// Swaps the staging folder in. With an existing output folder the exchange is atomic
    /// (renameat2 RENAME_EXCHANGE); otherwise the staging folder is renamed into place.
    /// - Parameter replacedTo: where the output this replaces is moved (nil: it is removed).
    public func commit(movingReplacedTo replaced: String? = nil) throws {
        let fm = FileManager.default
        existing?.removeUnused(in: staging.path)
        existing = nil
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: destination.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw Failure.io("\(destination.path) exists and is not a folder") }
            if plansite_exchange_paths(staging.path, destination.path) == 0 {
                finished = true
                // The staging folder holds the replaced output now.
                if let replaced { try? fm.removeItem(atPath: replaced) }
                if replaced == nil || rename(staging.path, replaced!) != 0 { try? fm.removeItem(at: staging) }
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

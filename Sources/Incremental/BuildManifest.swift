import Fingerprint
import Foundation
import SiteOutput

/// What the last successful build read and wrote, kept beside the output folder
/// (`.NAME.plansite-manifest` for an output folder NAME) so the next build can tell what
/// changed: the program's version, the hash of every input file, and of every output file
/// its stamp and what it was made from (`OutputRecord`).
public struct BuildManifest: Sendable, Equatable {
    /// `Embedded.programVersion` of the plansite that built it: another one may render differently.
    public var tool: UInt64
    public var pages: Int
    /// Warnings the build reported: a build with warnings is never skipped, so that they
    /// are shown again.
    public var warnings: Int
    /// Input path (as the build names it, e.g. `content/plans/a/plan.md`) → content hash.
    public var inputs: [String: UInt64]
    /// Output path relative to the output folder → what was written there.
    public var outputs: [String: OutputRecord]

    public init(tool: UInt64, pages: Int, warnings: Int, inputs: [String: UInt64], outputs: [String: OutputRecord]) {
        self.tool = tool
        self.pages = pages
        self.warnings = warnings
        self.inputs = inputs
        self.outputs = outputs
    }

    static let header = "plansite-manifest 5"

    /// Where the manifest of an output folder lives: beside it, hidden.
    public static func location(of destination: String) -> URL {
        let dest = URL(fileURLWithPath: destination).standardizedFileURL
        return dest.deletingLastPathComponent().appendingPathComponent(".\(dest.lastPathComponent).plansite-manifest")
    }

    /// The manifest of an output folder; nil when there is none or it cannot be read (the
    /// build is then a full one).
    public static func read(for destination: String) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: location(of: destination).path) else { return nil }
        return parse(String(decoding: data, as: UTF8.self))
    }

    /// One tab-separated record a line: `tool`, `pages`, `warnings`, then `input HASH PATH` and
    /// `output HASH SIZE MODIFIED INODE DEPENDENCY PATH` (numbers in hexadecimal or decimal as
    /// written by `text`); nil on anything else.
    static func parse(_ text: String) -> BuildManifest? {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"))[...]
        guard let first = lines.popFirst(), String(Substring(first)) == header else { return nil }
        var manifest = BuildManifest(tool: 0, pages: 0, warnings: 0, inputs: [:], outputs: [:])
        for line in lines {
            let f = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { String(Substring($0)) }
            func hex(_ i: Int) -> UInt64? { UInt64(f[i], radix: 16) }
            switch (f[0], f.count) {
            case ("tool", 2): guard let v = hex(1) else { return nil }; manifest.tool = v
            case ("pages", 2): guard let v = Int(f[1]) else { return nil }; manifest.pages = v
            case ("warnings", 2): guard let v = Int(f[1]) else { return nil }; manifest.warnings = v
            case ("input", 3):
                guard let h = hex(1), let path = unescape(f[2]) else { return nil }
                manifest.inputs[path] = h
            case ("output", 7):
                guard let h = hex(1), let size = Int64(f[2]), let modified = Int64(f[3]), let inode = UInt64(f[4]),
                      let dependency = hex(5), let path = unescape(f[6]) else { return nil }
                manifest.outputs[path] = OutputRecord(hash: h, stamp: FileStamp(size: size, modified: modified, inode: inode),
                                                      dependency: dependency)
            default: return nil
            }
        }
        return manifest
    }

    /// The manifest as written: one line per input and per output file, sorted by path.
    public var text: String {
        var out = "\(Self.header)\ntool\t\(ContentHash.hex(tool))\npages\t\(pages)\nwarnings\t\(warnings)\n"
        for path in inputs.keys.sorted() { out += "input\t\(ContentHash.hex(inputs[path]!))\t\(Self.escape(path))\n" }
        for path in outputs.keys.sorted() {
            let file = outputs[path]!
            out += "output\t\(ContentHash.hex(file.hash))\t\(file.stamp.size)\t\(file.stamp.modified)\t\(file.stamp.inode)\t"
                + "\(ContentHash.hex(file.dependency))\t\(Self.escape(path))\n"
        }
        return out
    }

    /// Writes the manifest (to a temporary file renamed into place).
    public func write(for destination: String) throws {
        let url = Self.location(of: destination)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".tmp-\(getpid())")
        try Data(text.utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputWriter.Failure.io("cannot write \(url.path)")
        }
    }

    public static func remove(for destination: String) {
        try? FileManager.default.removeItem(at: location(of: destination))
    }

    /// The manifest with the output files' current stamps when the output folder holds
    /// exactly the files recorded, each with the recorded bytes (nobody edited, added or
    /// removed a file since); nil otherwise.
    public func intactOutput(_ destination: String) -> BuildManifest? {
        let root = URL(fileURLWithPath: destination).standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return nil }
        var current = self
        var count = 0
        while let relative = enumerator.nextObject() as? String {
            let path = root + "/" + relative
            var st = stat()
            guard lstat(path, &st) == 0 else { return nil }
            if (st.st_mode & S_IFMT) == S_IFDIR { continue }
            guard let recorded = outputs[relative], let stamp = recorded.current(at: path) else { return nil }
            if stamp != recorded.stamp {
                current.outputs[relative] = OutputRecord(hash: recorded.hash, stamp: stamp, dependency: recorded.dependency)
            }
            count += 1
        }
        return count == outputs.count ? current : nil
    }

    static func escape(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { "%\t\n\r".unicodeScalars.contains($0) }) else { return path }
        return path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
            .replacingOccurrences(of: "\n", with: "%0A").replacingOccurrences(of: "\r", with: "%0D")
    }

    static func unescape(_ field: String) -> String? {
        guard field.contains("%") else { return field }
        return field.removingPercentEncoding
    }
}

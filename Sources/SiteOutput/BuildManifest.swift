import Foundation
import Fingerprint

/// What the last successful build read and wrote, kept beside the output folder
/// (`.NAME.plansite-manifest` for an output folder NAME) so the next build can tell what
/// changed: the fingerprint of every input file, and of every output file with its
/// `lstat` stamp. A build whose inputs, tool and output files are all as recorded has
/// nothing to do; otherwise output files whose bytes come out the same are linked from the
/// previous output instead of being written again.
public struct BuildManifest: Sendable, Equatable {
    public struct OutputFile: Sendable, Equatable {
        public let hash: UInt64
        public let stamp: FileStamp
        /// Fingerprint of every input the file was made from, for pages that depend on one
        /// region's content only (see `PageDependencies` in Pipeline); 0 for files that depend
        /// on the whole site. A page whose fingerprint is unchanged is not rendered again.
        public let dependency: UInt64
        /// Fingerprint of the view a page was rendered from, with the templates and plansite
        /// (`ViewFingerprint` in SiteRender); 0 for a file that is not a page. A page whose
        /// view has the same fingerprint is not rendered again.
        public let view: UInt64

        public init(hash: UInt64, stamp: FileStamp, dependency: UInt64 = 0, view: UInt64 = 0) {
            self.hash = hash
            self.stamp = stamp
            self.dependency = dependency
            self.view = view
        }

        /// The stamp of the file at `path` when it still holds these bytes: at once when its
        /// stamp is the recorded one, otherwise (a copy, an output folder restored from a CI
        /// cache) when its bytes hash the same. nil when it is gone or differs.
        public func current(at path: String) -> FileStamp? {
            guard let now = FileStamp(path: path) else { return nil }
            if now == stamp { return now }
            guard now.size == stamp.size, ContentHash.file(path) == hash else { return nil }
            return now
        }
    }

    /// Where a part is in each of several output files, with the key of the inputs it was
    /// made from: a plan's part of the files that list every plan's units (the search index and
    /// the task tables: Pipeline's `ListingFiles`; key: `PlanCache.Keys`), or a part of an open
    /// data table's CSV and JSON (Pipeline's `TableFiles`; key: its region's fingerprint). The
    /// next build copies the part from this output when the key is the same.
    public struct FileParts: Sendable, Equatable {
        public struct Part: Sendable, Equatable {
            public let offset: Int
            public let length: Int
            public init(offset: Int, length: Int) {
                self.offset = offset
                self.length = length
            }
        }
        public let key: UInt64
        /// One part per file, in the order the build names the files.
        public let parts: [Part]
        public init(key: UInt64, parts: [Part]) {
            self.key = key
            self.parts = parts
        }
    }

    /// Fingerprint of the plansite executable: another version may render differently.
    public var tool: UInt64
    public var pages: Int
    /// Warnings the build reported: a build with warnings is never skipped, so that they
    /// are shown again.
    public var warnings: Int
    /// Input path (as the build names it, e.g. `content/plans/a/plan.md`) → content hash.
    public var inputs: [String: UInt64]
    /// Input path → its stamp when it was hashed, and when that scan began (ns since 1970): the
    /// next build takes the hash again for a file with the same stamp that was last changed
    /// well before the scan (`InputScan`).
    public var inputStamps: [String: FileStamp] = [:]
    public var scanned: Int64 = 0
    /// Output path relative to the output folder → hash and stamp of the file written.
    public var outputs: [String: OutputFile]
    /// Plan ID → its parts of the listing files.
    public var plans: [String: FileParts]
    /// Part of the open data tables (`indicators/PLAN`, `departments/REGION`, …) → where it
    /// is in the table's CSV and JSON files, with the fingerprint of the region it was made
    /// from as its key (Pipeline's `TableFiles`).
    public var tableParts: [String: FileParts]

    public init(tool: UInt64, pages: Int, warnings: Int, inputs: [String: UInt64], outputs: [String: OutputFile],
                plans: [String: FileParts] = [:], tableParts: [String: FileParts] = [:]) {
        self.tool = tool
        self.pages = pages
        self.warnings = warnings
        self.inputs = inputs
        self.outputs = outputs
        self.plans = plans
        self.tableParts = tableParts
    }

    static let header = "plansite-manifest 4"

    /// Where the manifest of an output folder lives: beside it, hidden.
    public static func location(of destination: String) -> URL {
        let dest = URL(fileURLWithPath: destination).standardizedFileURL
        return dest.deletingLastPathComponent().appendingPathComponent(".\(dest.lastPathComponent).plansite-manifest")
    }

    /// The manifest of an output folder; nil when there is none or it cannot be read (the
    /// build is then a full one).
    public static func read(for destination: String) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: location(of: destination).path) else { return nil }
        return data.withUnsafeBytes { parse($0) }
    }

    static func parse(_ text: String) -> BuildManifest? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    /// Parsed on bytes, not on Characters: a 1,000-plan site's manifest has 22,000 lines, and
    /// splitting it as a String took 0.09 s of every incremental build.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> BuildManifest? {
        var manifest = BuildManifest(tool: 0, pages: 0, warnings: 0, inputs: [:], outputs: [:])
        var first = true
        var fields: [Range<Int>] = []
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            if first {
                guard bytes[start..<end].elementsEqual(header.utf8) else { return nil }
                first = false
                continue
            }
            fields.removeAll(keepingCapacity: true)
            var from = start
            for i in start..<end where bytes[i] == 0x09 {
                fields.append(from..<i)
                from = i + 1
            }
            fields.append(from..<end)
            func text(_ i: Int) -> String { String(decoding: UnsafeRawBufferPointer(rebasing: bytes[fields[i]]), as: UTF8.self) }
            func hex(_ i: Int) -> UInt64? { Self.hex(bytes[fields[i]]) }
            func int(_ i: Int) -> Int64? { Self.decimal(bytes[fields[i]]) }
            func path(_ i: Int) -> String? { unescape(Substring(text(i))) }
            switch (text(0), fields.count) {
            case ("tool", 2): guard let v = hex(1) else { return nil }; manifest.tool = v
            case ("pages", 2): guard let v = int(1) else { return nil }; manifest.pages = Int(v)
            case ("warnings", 2): guard let v = int(1) else { return nil }; manifest.warnings = Int(v)
            case ("scanned", 2): guard let v = int(1) else { return nil }; manifest.scanned = v
            case ("input", 6):
                guard let h = hex(1), let size = int(2), let modified = int(3), let inode = Self.unsigned(bytes[fields[4]]),
                      let path = path(5) else { return nil }
                manifest.inputs[path] = h
                if inode != 0 { manifest.inputStamps[path] = FileStamp(size: size, modified: modified, inode: inode) }
            case ("output", 8):
                guard let h = hex(1), let size = int(2), let modified = int(3), let inode = Self.unsigned(bytes[fields[4]]),
                      let dependency = hex(5), let view = hex(6), let path = path(7) else { return nil }
                manifest.outputs[path] = OutputFile(hash: h, stamp: FileStamp(size: size, modified: modified, inode: inode),
                                                    dependency: dependency, view: view)
            case ("plan", 4), ("part", 4):
                guard let key = hex(1), let id = path(3) else { return nil }
                var parts: [FileParts.Part] = []
                for field in text(2).split(separator: ",") {
                    let pair = field.split(separator: ":")
                    guard pair.count == 2, let offset = Int(pair[0]), let length = Int(pair[1]), offset >= 0, length >= 0 else { return nil }
                    parts.append(FileParts.Part(offset: offset, length: length))
                }
                if text(0) == "plan" {
                    manifest.plans[id] = FileParts(key: key, parts: parts)
                } else {
                    manifest.tableParts[id] = FileParts(key: key, parts: parts)
                }
            default: return nil
            }
        }
        return first ? nil : manifest
    }

    /// 1 to 16 hexadecimal digits.
    static func hex(_ digits: Slice<UnsafeRawBufferPointer>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var v: UInt64 = 0
        for d in digits {
            switch d {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = v << 4 | UInt64(d - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = v << 4 | UInt64(d - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = v << 4 | UInt64(d - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        return v
    }

    /// An optional minus sign and decimal digits, within Int64.
    static func decimal(_ digits: Slice<UnsafeRawBufferPointer>) -> Int64? {
        var rest = digits[...]
        let negative = rest.first == UInt8(ascii: "-")
        if negative { rest = rest.dropFirst() }
        guard let v = unsigned(rest), v <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(v) : Int64(v)
    }

    /// Decimal digits, within UInt64.
    static func unsigned(_ digits: Slice<UnsafeRawBufferPointer>) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var v: UInt64 = 0
        for d in digits {
            guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
            let (times, o1) = v.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(d - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            v = sum
        }
        return v
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The manifest as written: one line per input and per output file, sorted by path. Made
    /// into one byte array, without a string per line (200,000 lines at 10,000 plans).
    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + inputs.count * 90 + outputs.count * 110)
        func add(_ text: String) { out.append(contentsOf: text.utf8) }
        add("\(Self.header)\ntool\t\(ContentHash.hex(tool))\npages\t\(pages)\nwarnings\t\(warnings)\nscanned\t\(scanned)\n")
        for path in inputs.keys.sorted() {
            let stamp = inputStamps[path] ?? FileStamp(size: 0, modified: 0, inode: 0)
            add("input\t"); add(ContentHash.hex(inputs[path]!)); add("\t\(stamp.size)\t\(stamp.modified)\t\(stamp.inode)\t")
            add(Self.escape(path)); add("\n")
        }
        for path in outputs.keys.sorted() {
            let file = outputs[path]!
            add("output\t"); add(ContentHash.hex(file.hash)); add("\t\(file.stamp.size)\t\(file.stamp.modified)\t\(file.stamp.inode)\t")
            add(ContentHash.hex(file.dependency)); add("\t"); add(ContentHash.hex(file.view)); add("\t")
            add(Self.escape(path)); add("\n")
        }
        for (kind, records) in [("plan", plans), ("part", tableParts)] {
            for id in records.keys.sorted() {
                let record = records[id]!
                add(kind); add("\t"); add(ContentHash.hex(record.key)); add("\t")
                add(record.parts.map { "\($0.offset):\($0.length)" }.joined(separator: ","))
                add("\t"); add(Self.escape(id)); add("\n")
            }
        }
        return out
    }

    /// Writes the manifest (to a temporary file renamed into place).
    public func write(for destination: String) throws {
        let url = Self.location(of: destination)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".tmp-\(getpid())")
        var bytes = self.bytes   // never empty: the header line; written without a copy
        try bytes.withUnsafeMutableBytes { try Data(bytesNoCopy: $0.baseAddress!, count: $0.count, deallocator: .none).write(to: temporary) }
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
                current.outputs[relative] = OutputFile(hash: recorded.hash, stamp: stamp, dependency: recorded.dependency,
                                                       view: recorded.view)
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

    static func unescape(_ field: Substring) -> String? {
        guard field.contains("%") else { return String(field) }
        return String(field).removingPercentEncoding
    }
}

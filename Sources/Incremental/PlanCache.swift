import Foundation
import Fingerprint
import Linking
import PlanModel

/// Each plan as the last build read and linked it, kept beside the output folder
/// (`.NAME.plansite-cache/PLAN.plan` for an output folder NAME), so that a build after an edit
/// parses only the plans whose inputs changed.
///
/// An entry holds the plan without its text (`Plan.withoutBody`), its links
/// (`Linker.PlanLinks`, their diagnostics included), the plans its text links to
/// (`PageDependencies.explicitIndicatorPlans`), the diagnostics of reading it and its parts of
/// the files that list every unit (made from its text, which the entry does not hold), under a key
/// (`PlanCache.Keys`) made of everything reading and linking the plan depends on: its own
/// files, every region's files, `site.yaml`, the content folder as named in diagnostics, and
/// the plansite program. An entry whose key, format or checksum does not match is not used;
/// the plan is then read and the entry written again.
public struct PlanCache: Sendable {
    static let magic = Array("plansite-plan-cache 2\n".utf8)

    public struct Entry: Sendable {
        public let plan: Plan
        public let links: Linker.PlanLinks
        public let explicitIndicatorPlans: Set<String>
        public let diagnostics: [Diagnostic]
        /// The plan's search postings (`SearchIndex.postings`).
        public let searchPostings: Data

        public init(plan: Plan, links: Linker.PlanLinks, explicitIndicatorPlans: Set<String>, diagnostics: [Diagnostic], searchPostings: Data) {
            self.plan = plan
            self.links = links
            self.explicitIndicatorPlans = explicitIndicatorPlans
            self.diagnostics = diagnostics
            self.searchPostings = searchPostings
        }
    }

    let folder: URL

    /// The cache of an output folder: beside it, hidden, as its manifest is.
    public init(for destination: String) {
        let dest = URL(fileURLWithPath: destination).standardizedFileURL
        folder = dest.deletingLastPathComponent().appendingPathComponent(".\(dest.lastPathComponent).plansite-cache")
    }

    private func url(_ planID: String) -> URL { folder.appendingPathComponent("\(planID).plan") }

    /// The entry of a plan when it was written under `key` and is intact; nil otherwise.
    public func read(_ planID: String, key: UInt64) -> Entry? {
        guard let data = FileManager.default.contents(atPath: url(planID).path) else { return nil }
        return Self.decode(data, key: key)
    }

    /// Writes an entry (a temporary file renamed into place); failures only lose the entry.
    public func write(_ entry: Entry, planID: String, key: UInt64) {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = url(planID)
        let temporary = folder.appendingPathComponent(".\(planID).plan.tmp-\(getpid())")
        var bytes = Self.encode(entry, key: key)
        let written = bytes.withUnsafeMutableBytes { buffer in
            (try? Data(bytesNoCopy: buffer.baseAddress!, count: buffer.count, deallocator: .none).write(to: temporary)) != nil
        }
        if !written || rename(temporary.path, target.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }

    /// Removes the entries of plans that are not in `planIDs` (removed or renamed plans).
    public func removeEntries(except planIDs: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !(name.hasSuffix(".plan") && planIDs.contains(String(name.dropLast(5)))) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// `magic`, the key, the checksum of the rest, then the entry in `BinaryWriter`'s form.
    static func encode(_ entry: Entry, key: UInt64) -> [UInt8] {
        var w = BinaryWriter()
        w.array(entry.diagnostics) { w, d in d.encode(to: &w) }
        entry.plan.encodeWithoutBody(to: &w)
        entry.links.encode(to: &w)
        w.strings(entry.explicitIndicatorPlans.sorted())
        w.data([UInt8](entry.searchPostings))
        let payload = w.finished()
        var head = BinaryWriter()
        head.uint64(key)
        head.uint64(payload.withUnsafeBytes { ContentHash.of($0) })
        return magic + head.bytes + payload
    }

    static func decode(_ data: Data, key: UInt64) -> Entry? {
        data.withUnsafeBytes { bytes -> Entry? in
            let head = magic.count
            guard bytes.count >= head + 16, bytes[..<head].elementsEqual(magic),
                  bytes.loadUnaligned(fromByteOffset: head, as: UInt64.self) == key.littleEndian else { return nil }
            let payload = UnsafeRawBufferPointer(rebasing: bytes[(head + 16)...])
            guard bytes.loadUnaligned(fromByteOffset: head + 8, as: UInt64.self) == ContentHash.of(payload).littleEndian else { return nil }
            do {
                var r = try BinaryReader(payload)
                let diagnostics = try r.array { try Diagnostic.decode(from: &$0) }
                let plan = try Plan.decodeWithoutBody(from: &r)
                let links = try Linker.PlanLinks.decode(from: &r)
                let explicit = Set(try r.strings())
                let postings = Data(try r.data())
                guard r.isAtEnd, links.unitCount == 0 || links.unitCount == plan.units.count else { return nil }
                return Entry(plan: plan, links: links, explicitIndicatorPlans: explicit, diagnostics: diagnostics, searchPostings: postings)
            } catch {
                return nil
            }
        }
    }
}

extension PlanCache {
    /// The key of every plan's entry, from the fingerprints of the build's inputs
    /// (`InputScan`): a plan's own files (`content/plans/ID/…`) and what every plan shares
    /// (`content/site.yaml`, `content/regions/…`, the content folder's name, the program).
    public struct Keys: Sendable {
        private let keys: [String: UInt64]
        /// Each plan's files: path as read → fingerprint when scanned.
        let files: [String: [(path: String, hash: UInt64)]]

        public init(inputs: [String: UInt64], contentDirectory: String, display: String, tool: UInt64) {
            var shared: [(String, UInt64)] = []
            var perPlan: [String: [(String, UInt64)]] = [:]
            for (path, hash) in inputs {
                let parts = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
                guard parts.count >= 2, parts[0] == "content" else { continue }
                if parts[1] == "plans" {
                    if parts.count >= 4 { perPlan[String(parts[2]), default: []].append((path, hash)) }
                } else if parts[1] == "regions" || parts[1] == "site.yaml" {
                    shared.append((path, hash))
                }
            }
            func listing(_ files: [(String, UInt64)]) -> String {
                files.sorted { $0.0 < $1.0 }.map { "\(ContentHash.hex($0.1)) \($0.0)\n" }.joined()
            }
            let common = "\(String(decoding: PlanCache.magic, as: UTF8.self))tool \(ContentHash.hex(tool))\ncontent \(display)\n" + listing(shared)
            let root = URL(fileURLWithPath: contentDirectory).standardizedFileURL.path
            keys = perPlan.mapValues { list in ContentHash.of(Data((common + listing(list)).utf8)) }
            files = perPlan.mapValues { list in list.map { (path: root + "/" + $0.0.dropFirst("content/".count), hash: $0.1) } }
        }

        public subscript(planID: String) -> UInt64? { keys[planID] }

        /// Whether the plan's files still hold the bytes they held when the inputs were
        /// scanned: an entry is written only for a plan read from those bytes.
        public func unchangedSinceScan(_ planID: String) -> Bool {
            guard let list = files[planID] else { return false }
            return list.allSatisfy { ContentHash.file($0.path) == $0.hash }
        }
    }
}

import Foundation
import PlanModel
import SiteOutput
import Fingerprint

/// Fingerprints of everything a build reads: every file under the content and templates
/// folders (hashed on all cores). The program's own identity is `ExecutableIdentity`.
enum InputScan {
    struct Result {
        /// `content/…` and `templates/…` paths → content hash. Unreadable files get hash 0
        /// (the build that follows reports them).
        var hashes: [String: UInt64]
        var stamps: [String: FileStamp]
        /// When the scan began, in ns since 1970.
        var started: Int64
    }

    /// How long before the previous scan a file must have been changed for its recorded hash
    /// to be taken again on the strength of its stamp: file times advance in coarse steps, so
    /// a file changed again right after being hashed could keep its size and time (git's "racy
    /// clean" files); such a file is hashed again.
    static let settled: Int64 = 2_000_000_000

    /// - Parameter previous: the last build's manifest: a file with the stamp recorded there,
    ///   last changed at least `settled` before that build's scan, keeps its recorded hash
    ///   without being read.
    static func inputs(contentDirectory: String, templatesDirectory: String, threads: Int?,
                       previous: BuildManifest? = nil) -> Result {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let started = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        var files: [(String, String, FileStamp)] = []
        for (label, directory) in [("content", contentDirectory), ("templates", templatesDirectory)] {
            let root = URL(fileURLWithPath: directory).standardizedFileURL.path
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = root + "/" + relative
                if let stamp = FileStamp(path: path) { files.append(("\(label)/\(relative)", path, stamp)) }
            }
        }
        let known = previous?.inputStamps ?? [:]
        let recorded = previous?.inputs ?? [:]
        let before = (previous?.scanned ?? 0) - settled
        let hashes = Parallel.map(files, threads: threads) { name, path, stamp -> UInt64 in
            if let old = known[name], old == stamp, stamp.modified < before, let hash = recorded[name] { return hash }
            return ContentHash.file(path) ?? 0
        }
        return Result(hashes: Dictionary(zip(files.map(\.0), hashes), uniquingKeysWith: { a, _ in a }),
                      stamps: Dictionary(files.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a }),
                      started: started)
    }
}

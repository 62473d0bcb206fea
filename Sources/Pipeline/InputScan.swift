import Foundation
import PlanModel
import SiteOutput
import Fingerprint

/// Fingerprints of everything a build reads: every file under the content and templates
/// folders (hashed on all cores). The program's own identity is `ExecutableIdentity`.
enum InputScan {
    /// `content/…` and `templates/…` paths → content hash. Unreadable files get hash 0
    /// (the build that follows reports them).
    static func inputs(contentDirectory: String, templatesDirectory: String, threads: Int?) -> [String: UInt64] {
        var files: [(String, String)] = []
        for (label, directory) in [("content", contentDirectory), ("templates", templatesDirectory)] {
            let root = URL(fileURLWithPath: directory).standardizedFileURL.path
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = root + "/" + relative
                if FileStamp(path: path) != nil { files.append(("\(label)/\(relative)", path)) }
            }
        }
        let hashes = Parallel.map(files, threads: threads) { ContentHash.file($0.1) ?? 0 }
        return Dictionary(zip(files.map(\.0), hashes), uniquingKeysWith: { a, _ in a })
    }
}

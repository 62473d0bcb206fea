import Foundation
import PlanModel
import SiteOutput
import Fingerprint

/// Fingerprints of everything a build reads: every file under the content and templates
/// folders (hashed on all cores), and the plansite executable itself.
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

    /// The running executable's fingerprint: the content hash of its bytes (a few ms), since
    /// another plansite may render differently. A copy restored from a cache or installed
    /// elsewhere is the same tool; a rebuilt one is a new tool even from the same sources
    /// (two clean builds of one commit differ in 116 bytes, the build ID among them). 0 when unknown, which never matches a
    /// recorded build.
    static var tool: UInt64 {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return ContentHash.file(path) ?? 0
    }
}

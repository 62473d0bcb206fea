import Foundation
import PlanModel
import SiteOutput

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

    /// The running executable's fingerprint (its path, size, modification time and inode:
    /// a rebuilt or upgraded plansite is a new file), since a new plansite may render
    /// differently. 0 when unknown, which never matches a recorded build.
    static var tool: UInt64 {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        guard let stamp = FileStamp(path: path) else { return 0 }
        return ContentHash.of(Data("\(path)\n\(stamp.size)\n\(stamp.modified)\n\(stamp.inode)".utf8))
    }
}

import Fingerprint
import Foundation
import PlanModel

/// The hash of every file a build reads: every file under the content and the templates
/// folders (hashed on all cores). The program's own version is `Embedded.programVersion`.
public enum InputScan {
    /// `content/…` and `templates/…` paths → content hash. Unreadable files get hash 0 (the
    /// build that follows reports them). `templatesDirectory` nil: the embedded templates.
    public static func hashes(contentDirectory: String, templatesDirectory: String?, threads: Int?) -> [String: UInt64] {
        var files: [(name: String, path: String)] = []
        for (label, directory) in [("content", contentDirectory), ("templates", templatesDirectory)] {
            guard let directory else { continue }
            let root = URL(fileURLWithPath: directory).standardizedFileURL.path
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = root + "/" + relative
                var st = stat()
                if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { files.append(("\(label)/\(relative)", path)) }
            }
        }
        let hashes = Parallel.map(files, threads: threads) { ContentHash.file($0.path) ?? 0 }
        return Dictionary(zip(files.map(\.name), hashes), uniquingKeysWith: { a, _ in a })
    }
}

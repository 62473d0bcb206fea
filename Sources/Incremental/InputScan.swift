import Fingerprint
import Foundation
import PlanModel

/// The hash of every file a build reads: every file under the content and the templates
/// folders (hashed on all cores). The program's own version is `Embedded.programVersion`.
public enum InputScan {
    static let builtInTemplates = "templates (built in)"

    /// `content/…` and `templates/…` paths → content hash. Unreadable files get hash 0 (the
    /// build that follows reports them). `templatesDirectory` nil: the embedded templates,
    /// recorded as `builtInTemplates` (the program's version covers their bytes).
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
        var result = Dictionary(zip(files.map(\.name), hashes), uniquingKeysWith: { a, _ in a })
        if templatesDirectory == nil { result[builtInTemplates] = 1 }
        return result
    }
}

import Foundation

/// Notices changes under folders by polling: the paths, sizes and modification times of
/// every file. Polling needs no platform API and is cheap at the size of a content folder.
struct SiteWatcher {
    let folders: [String]

    func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let enumerator = fm.enumerator(atPath: folder) else { continue }
            for case let path as String in enumerator {
                let full = folder + "/" + path
                guard let attributes = try? fm.attributesOfItem(atPath: full),
                      attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[full] = "\(size)-\(modified)"
            }
        }
        return result
    }
}

import Fingerprint
import Foundation
import SiteOutput

/// What a build recorded of an output file it staged: the hash of its bytes, its `lstat`
/// stamp, and the fingerprint of the inputs it was made from (`dependency`: for a page that
/// shows one region's content, that region's fingerprint; 0 for a file made from the whole
/// site). The next build links a file instead of writing it when it comes out the same.
public struct OutputRecord: Sendable, Equatable {
    public let hash: UInt64
    public let stamp: FileStamp
    public let dependency: UInt64

    public init(hash: UInt64, stamp: FileStamp, dependency: UInt64 = 0) {
        self.hash = hash
        self.stamp = stamp
        self.dependency = dependency
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

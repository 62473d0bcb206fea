import Foundation

/// What `lstat` says about a file, enough to notice that it was replaced or edited since
/// it was written: size, modification time (nanoseconds) and inode.
public struct FileStamp: Sendable, Equatable {
    public let size: Int64
    public let modified: Int64
    public let inode: UInt64

    public init(size: Int64, modified: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.inode = inode
    }

    /// nil when the path is not a regular file.
    public init?(path: String) {
        var st = stat()
        guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int64(st.st_size)
        modified = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        inode = UInt64(st.st_ino)
    }
}

import Foundation
import SiteOutput

extension SiteBuild {
    /// A file of the previous output opened for copying parts out of it (`ListingFiles`,
    /// `TableFiles`): only while it has the stamp the previous build's manifest records, so
    /// its parts are where the manifest says. A build that copied from it checks at the end
    /// that it still has that stamp.
    final class PreviousOutputFile {
        let path: String
        private let fd: Int32
        private let stamp: FileStamp

        /// nil when the file is gone, was changed since it was recorded, or cannot be opened.
        init?(_ relative: String, in destination: String, recorded: BuildManifest.OutputFile?) {
            let location = destination + "/" + relative
            guard let recorded, FileStamp(path: location) == recorded.stamp else { return nil }
            let fd = open(location, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            path = location
            self.fd = fd
            stamp = recorded.stamp
        }

        deinit { close(fd) }

        /// Reads the part at `offset` into the first `length` bytes of `buffer`; false when
        /// fewer bytes came.
        func read(offset: Int, length: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
            pread(fd, buffer.baseAddress, length, off_t(offset)) == length
        }

        /// Fails when the file changed since it was opened: parts read before and after the
        /// change could disagree.
        func checkUnchanged() throws {
            guard FileStamp(path: path) == stamp else {
                throw OutputWriter.Failure.io("\(path) changed during the build; build again")
            }
        }
    }
}

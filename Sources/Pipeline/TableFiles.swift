import Foundation
import SiteOutput
import SiteRender

extension SiteBuild {
    /// The open data tables' parts (a plan's indicators, a region's departments and
    /// observations) as the previous build wrote them, read from the previous output's files
    /// when the region a part was made from has the same fingerprint, and where this build
    /// writes each part, for the next build's manifest (`BuildManifest.tableParts`). A file is
    /// read only while it has the stamp the manifest records; `finish` fails the build when one
    /// that was read changed before the end.
    final class TableFiles: TableParts {
        private let destination: String
        private let previousParts: [String: BuildManifest.PlanParts]
        private let outputs: [String: BuildManifest.OutputFile]
        /// Output path → the previous file, opened on first use (nil: not usable).
        private var files: [String: (fd: Int32, path: String, stamp: FileStamp)?] = [:]
        private(set) var recorded: [String: BuildManifest.PlanParts] = [:]

        init(previous: BuildManifest?, destination: String) {
            self.destination = destination
            previousParts = previous?.tableParts ?? [:]
            outputs = previous?.outputs ?? [:]
        }

        deinit {
            for case let file? in files.values { close(file.fd) }
        }

        private func file(_ path: String) -> (fd: Int32, path: String, stamp: FileStamp)? {
            if let known = files[path] { return known }
            let location = destination + "/" + path
            var opened: (fd: Int32, path: String, stamp: FileStamp)?
            if let recorded = outputs[path], FileStamp(path: location) == recorded.stamp {
                let fd = open(location, O_RDONLY | O_CLOEXEC)
                if fd >= 0 { opened = (fd, location, recorded.stamp) }
            }
            files[path] = opened
            return opened
        }

        func previous(_ name: String, in paths: [String], dependency: UInt64) -> [Data]? {
            guard let record = previousParts[name], record.key == dependency, record.parts.count == paths.count else { return nil }
            var result: [Data] = []
            for (path, part) in zip(paths, record.parts) {
                guard let file = file(path) else { return nil }
                var data = Data(count: part.length)
                let count = data.withUnsafeMutableBytes { pread(file.fd, $0.baseAddress, part.length, off_t(part.offset)) }
                guard count == part.length else { return nil }
                result.append(data)
            }
            return result
        }

        func record(_ name: String, in paths: [String], dependency: UInt64, ranges: [(offset: Int, length: Int)]) {
            recorded[name] = BuildManifest.PlanParts(key: dependency, parts: ranges.map { .init(offset: $0.offset, length: $0.length) })
        }

        /// Fails when a previous file that parts were read from changed during the build (a
        /// part read before the change and one after could disagree).
        func finish() throws {
            for case let file? in files.values where FileStamp(path: file.path) != file.stamp {
                throw OutputWriter.Failure.io("\(file.path) changed during the build; build again")
            }
        }
    }
}

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
        private let previousParts: [String: BuildManifest.FileParts]
        private let outputs: [String: BuildManifest.OutputFile]
        /// Output path → the previous file, opened on first use (nil: not usable).
        private var files: [String: PreviousOutputFile?] = [:]
        private(set) var recorded: [String: BuildManifest.FileParts] = [:]

        init(previous: BuildManifest?, destination: String) {
            self.destination = destination
            previousParts = previous?.tableParts ?? [:]
            outputs = previous?.outputs ?? [:]
        }

        private func file(_ path: String) -> PreviousOutputFile? {
            if let known = files[path] { return known }
            let opened = PreviousOutputFile(path, in: destination, recorded: outputs[path])
            files[path] = opened
            return opened
        }

        func previous(_ name: String, in paths: [String], dependency: UInt64) -> [Data]? {
            guard let record = previousParts[name], record.key == dependency, record.parts.count == paths.count else { return nil }
            var result: [Data] = []
            for (path, part) in zip(paths, record.parts) {
                guard let file = file(path) else { return nil }
                var data = Data(count: part.length)
                guard data.withUnsafeMutableBytes({ file.read(offset: part.offset, length: part.length, into: $0) }) else { return nil }
                result.append(data)
            }
            return result
        }

        func record(_ name: String, in paths: [String], dependency: UInt64, ranges: [(offset: Int, length: Int)]) {
            recorded[name] = BuildManifest.FileParts(key: dependency, parts: ranges.map { .init(offset: $0.offset, length: $0.length) })
        }

        /// Fails when a previous file that parts were read from changed during the build (a
        /// part read before the change and one after could disagree).
        func finish() throws {
            for case let file? in files.values { try file.checkUnchanged() }
        }
    }
}

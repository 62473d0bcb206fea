import Foundation
import PlanModel
import SiteOutput
import SiteRender

extension SiteBuild {
    /// The search index and the task tables, written plan by plan as the plans are read (each
    /// plan's `PlanListings`, handed over on the reading threads in any order) and put in plan
    /// order here: a plan's part waits until every plan before it has been written.
    final class ListingFiles: @unchecked Sendable {
        // @unchecked: every property is used under `lock` only.
        /// The files, in the order of a plan's parts (`PlanListings.parts`).
        static let paths = [PlanListings.searchPath, PlanListings.tasksCSVPath, PlanListings.tasksJSONPath]

        private let lock = NSLock()
        private let writer: OutputWriter
        private var files: [String: OutputWriter.StreamedFile] = [:]
        private var written: Set<String> = []
        private var waiting: [Int: [Data]] = [:]
        private var next = 0
        private var failure: Error?

        init(writer: OutputWriter) throws {
            self.writer = writer
            for (path, opening) in PlanListings.openings {
                let file = try writer.beginStream(path)
                files[path] = file
                try opening.withUnsafeBytes { try file.write($0) }
            }
        }

        /// Takes the parts (one per file of `paths`) of the plan at `index` in plan order; any thread.
        func add(_ parts: [Data], at index: Int) {
            lock.withLock {
                waiting[index] = parts
                while let ready = waiting.removeValue(forKey: next) {
                    next += 1
                    for (path, part) in zip(Self.paths, ready) { append(part, to: path) }
                }
            }
        }

        /// Under the lock: a part, after the separator when the file has a part already.
        private func append(_ part: Data, to path: String) {
            guard failure == nil, !part.isEmpty, let file = files[path] else { return }
            do {
                if written.contains(path), let separator = PlanListings.separators[path], !separator.isEmpty {
                    try separator.withUnsafeBytes { try file.write($0) }
                }
                try part.withUnsafeBytes { try file.write($0) }
                written.insert(path)
            } catch {
                failure = error
            }
        }

        /// After every plan was read: the parts still waiting (behind a plan that could not be
        /// read — the build fails then anyway), the departments, the closings; the files staged.
        func finish(regions: [Region]) throws {
            try lock.withLock {
                for index in waiting.keys.sorted() {
                    for (path, part) in zip(Self.paths, waiting[index]!) { append(part, to: path) }
                }
                waiting = [:]
                for (path, (part, closing)) in PlanListings.closings(regions: regions).sorted(by: { $0.key < $1.key }) {
                    append(part, to: path)
                    if let failure { throw failure }
                    try closing.withUnsafeBytes { try files[path]!.write($0) }
                    try writer.finishStream(files[path]!)
                }
            }
        }
    }
}

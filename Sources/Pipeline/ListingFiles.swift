import Foundation
import PlanModel
import SiteOutput
import SiteRender

extension SiteBuild {
    /// The search index and the task tables, written plan by plan as the plans are read (each
    /// plan's `PlanListings.parts(planID:)`, handed over on the reading threads in any order)
    /// and put in plan order here: a plan's part waits until every plan before it has been
    /// written. A plan's rows are appended to each task table; its search documents file is
    /// written whole, and its part of the search shards is made from its entries
    /// (`SearchShardFiles`).
    final class ListingFiles: @unchecked Sendable {
        // @unchecked: every property is used under `lock` only.
        /// The files written in parts, in the order of a plan's parts (its search documents
        /// file follows them).
        static let paths = [PlanListings.tasksCSVPath, PlanListings.tasksJSONPath]

        /// One plan's parts (`PlanListings.parts(planID:)`): `paths`' parts, then its search
        /// documents file and its search postings.
        struct Part {
            let planID: String
            let parts: [Data]

            /// Whether `parts` has every part.
            var isComplete: Bool { parts.count == ListingFiles.paths.count + 2 }
        }

        private let lock = NSLock()
        private let writer: OutputWriter
        private var files: [String: OutputWriter.StreamedFile] = [:]
        private var written: Set<String> = []
        private var waiting: [Int: Part] = [:]
        private let shards: SearchShardFiles
        private var next = 0
        private var failure: Error?

        init(writer: OutputWriter) throws {
            self.writer = writer
            shards = try SearchShardFiles()
            for (path, opening) in PlanListings.openings {
                let file = try writer.beginStream(path)
                files[path] = file
                try opening.withUnsafeBytes { try file.write($0) }
            }
        }

        /// Takes the parts of the plan at `index` in plan order; any thread.
        func add(_ part: Part, at index: Int) {
            lock.withLock {
                waiting[index] = part
                while let ready = waiting.removeValue(forKey: next) {
                    write(ready, group: next)
                    next += 1
                }
            }
        }

        /// Under the lock: a plan's rows of the task tables and its search group.
        private func write(_ part: Part, group: Int) {
            for (path, data) in zip(Self.paths, part.parts) { append(data, to: path) }
            if part.isComplete {
                search(SearchIndex.planDocuments(part.planID), part.parts[Self.paths.count], part.parts[Self.paths.count + 1], group: group)
            }
        }

        /// Under the lock: a group's search documents file and its parts of the shards.
        private func search(_ name: String, _ documents: Data, _ postings: Data, group: Int) {
            guard failure == nil else { return }
            do {
                try writer.write(SearchIndex.path(ofDocuments: name), documents)
                try shards.add(group: group, postings: postings)
            } catch {
                failure = error
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
        /// read — the build fails then anyway), the regions' search groups (departments), the
        /// search shards, the closings; the files staged.
        func finish(regions: [Region]) throws {
            try lock.withLock {
                for index in waiting.keys.sorted() { write(waiting[index]!, group: index) }
                waiting = [:]
                for (r, region) in regions.enumerated() {
                    let entries = SearchIndex.regionEntries(region)
                    let name = SearchIndex.regionDocuments(region.id)
                    search(name, SearchIndex.documents(name, entries), SearchIndex.postings(entries), group: next + r)
                }
                if let failure { throw failure }
                try shards.finish(plans: next, to: writer)
                for (path, closing) in PlanListings.closings.sorted(by: { $0.key < $1.key }) {
                    try closing.withUnsafeBytes { try files[path]!.write($0) }
                    try writer.finishStream(files[path]!)
                }
            }
        }
    }
}

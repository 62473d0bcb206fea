import Foundation
import PlanModel
import SiteOutput
import SiteRender

extension SiteBuild {
    /// A plan's part of the files that list every unit: made from the plan as it was read, or
    /// the part the previous build wrote for it, copied from the previous output.
    enum ListingPart: Sendable {
        case made(PlanListings)
        case previous
    }

    /// The search index and the task tables, written plan by plan as the plans are read
    /// (`ListingPart`, handed over on the reading threads in any order) and put in plan
    /// order here: a plan's part waits until every plan before it has been written. Where
    /// each plan's part went is recorded (`recorded`) for the next build's manifest: its part
    /// of each task table, then its search documents file (`SearchIndex`) as a whole. The
    /// search shards are made from the documents (`SearchShardFiles`).
    final class ListingFiles: @unchecked Sendable {
        /// The files written in parts, in the order a plan's parts are recorded (its search
        /// documents file follows them).
        static let paths = [PlanListings.tasksCSVPath, PlanListings.tasksJSONPath]

        private let lock = NSLock()
        private let writer: OutputWriter
        private var files: [String: OutputWriter.StreamedFile] = [:]
        private var sizes: [String: Int] = [:]
        private var written: Set<String> = []
        private var waiting: [Int: (planID: String, key: UInt64?, part: ListingPart)] = [:]
        private let shards: SearchShardFiles
        private var next = 0
        private var failure: Error?
        /// Plan ID → where its parts were written in this build.
        private(set) var recorded: [String: BuildManifest.FileParts] = [:]
        private let previous: Previous?
        /// The memory parts are copied through, used again for every part (under the lock):
        /// a new array for each of 3,000 parts was 165 MB of fresh pages at 1,000 plans.
        private var buffer = UnsafeMutableRawBufferPointer(start: nil, count: 0)

        deinit { buffer.deallocate() }

        /// At least `count` bytes of `buffer`.
        private func copyBuffer(_ count: Int) -> UnsafeMutableRawBufferPointer {
            if buffer.count < count {
                buffer.deallocate()
                buffer = .allocate(byteCount: max(count, buffer.count * 2, 1 << 16), alignment: 16)
            }
            return buffer
        }

        /// The previous output's listing files, open for copying plans' parts out of them.
        private final class Previous {
            let plans: [String: BuildManifest.FileParts]
            let files: [String: PreviousOutputFile]
            let outputs: [String: BuildManifest.OutputFile]
            var copied = false
            init(plans: [String: BuildManifest.FileParts], files: [String: PreviousOutputFile], outputs: [String: BuildManifest.OutputFile]) {
                self.plans = plans
                self.files = files
                self.outputs = outputs
            }
        }

        /// - Parameter previous: the previous build's manifest; its plans' parts are copied
        ///   when each listing file of the output folder is the one it records (same stamp).
        init(writer: OutputWriter, previous: BuildManifest?) throws {
            self.writer = writer
            self.previous = previous.flatMap { Self.open(previous: $0, in: writer.destination.path) }
            shards = try SearchShardFiles()
            for (path, opening) in PlanListings.openings {
                let file = try writer.beginStream(path)
                files[path] = file
                try opening.withUnsafeBytes { try file.write($0) }
                sizes[path] = opening.count
            }
        }

        private static func open(previous: BuildManifest, in destination: String) -> Previous? {
            guard !previous.plans.isEmpty else { return nil }
            var files: [String: PreviousOutputFile] = [:]
            for path in paths {
                guard let file = PreviousOutputFile(path, in: destination, recorded: previous.outputs[path]) else { return nil }
                files[path] = file
            }
            return Previous(plans: previous.plans, files: files, outputs: previous.outputs)
        }

        /// Whether the previous output holds the parts of this plan made from inputs with this
        /// key (then `add(.previous, …)` copies them).
        func hasPrevious(planID: String, key: UInt64) -> Bool {
            guard let record = previous?.plans[planID] else { return false }
            return record.key == key && record.parts.count == Self.paths.count + 1
        }

        /// Takes the part of the plan at `index` (in plan order); any thread. `key` (the
        /// plan's `PlanCache.Keys` key) is recorded with it; nil records nothing.
        func add(_ part: ListingPart, planID: String, key: UInt64?, at index: Int) {
            lock.withLock {
                waiting[index] = (planID, key, part)
                while let ready = waiting.removeValue(forKey: next) {
                    next += 1
                    write(ready, group: next - 1)
                }
            }
        }

        private func write(_ ready: (planID: String, key: UInt64?, part: ListingPart), group: Int) {
            var parts: [BuildManifest.FileParts.Part] = []
            let documentsName = SearchIndex.planDocuments(ready.planID)
            switch ready.part {
            case .made(let listings):
                for (path, data) in zip(Self.paths, [listings.tasksCSV, listings.tasksJSON]) {
                    parts.append(data.withUnsafeBytes { append($0, to: path) })
                }
                parts.append(search(documentsName, listings.searchEntries, group: group))
            case .previous:
                guard let previous, let record = previous.plans[ready.planID] else {
                    failure = failure ?? OutputWriter.Failure.io("no previous part for plan \(ready.planID)")
                    return
                }
                previous.copied = true
                for (path, old) in zip(Self.paths, record.parts) {
                    let file = previous.files[path]!
                    let bytes = copyBuffer(old.length)
                    guard file.read(offset: old.offset, length: old.length, into: bytes) else {
                        failure = failure ?? OutputWriter.Failure.io("cannot read \(file.path); build again")
                        return
                    }
                    parts.append(append(UnsafeRawBufferPointer(rebasing: bytes[0..<old.length]), to: path))
                }
                // The search documents as the previous build wrote them; the shards' parts are
                // made from them again (they are spread over every shard).
                let path = SearchIndex.path(ofDocuments: documentsName)
                guard let file = PreviousOutputFile(path, in: writer.destination.path, recorded: previous.outputs[path]),
                      let old = record.parts.last else {
                    failure = failure ?? OutputWriter.Failure.io("\(path) changed since the last build; build again")
                    return
                }
                var data = Data(count: old.length)
                guard data.withUnsafeMutableBytes({ file.read(offset: 0, length: old.length, into: $0) }),
                      let entries = SearchIndex.entries(inDocuments: data) else {
                    failure = failure ?? OutputWriter.Failure.io("cannot read \(file.path); build again")
                    return
                }
                parts.append(search(documentsName, entries, group: group))
            }
            if let key = ready.key { recorded[ready.planID] = BuildManifest.FileParts(key: key, parts: parts) }
        }

        /// Under the lock: a group's search documents file and its parts of the shards; where
        /// the documents went (the whole file).
        private func search(_ name: String, _ entries: [SearchIndex.Entry], group: Int) -> BuildManifest.FileParts.Part {
            let data = SearchIndex.documents(name, entries)
            guard failure == nil else { return .init(offset: 0, length: 0) }
            do {
                try writer.write(SearchIndex.path(ofDocuments: name), data)
                try shards.add(SearchIndex.bucketParts(group: group, entries: entries))
            } catch {
                failure = error
            }
            return .init(offset: 0, length: data.count)
        }

        /// Under the lock: a part, after the separator when the file has a part already; where
        /// the part went (not the separator).
        private func append(_ part: UnsafeRawBufferPointer, to path: String) -> BuildManifest.FileParts.Part {
            guard failure == nil, !part.isEmpty, let file = files[path] else { return .init(offset: sizes[path] ?? 0, length: 0) }
            do {
                if written.contains(path), let separator = PlanListings.separators[path], !separator.isEmpty {
                    try separator.withUnsafeBytes { try file.write($0) }
                    sizes[path, default: 0] += separator.count
                }
                let offset = sizes[path, default: 0]
                try file.write(part)
                sizes[path, default: 0] += part.count
                written.insert(path)
                return .init(offset: offset, length: part.count)
            } catch {
                failure = error
                return .init(offset: 0, length: 0)
            }
        }

        /// After every plan was read: the parts still waiting (behind a plan that could not be
        /// read — the build fails then anyway), the departments' search groups, the search
        /// shards, the closings; the files staged. Fails when a previous file parts were
        /// copied from changed meanwhile.
        func finish(regions: [Region]) throws {
            try lock.withLock {
                for index in waiting.keys.sorted() { write(waiting[index]!, group: index) }
                waiting = [:]
                if let previous, previous.copied {
                    for file in previous.files.values { try file.checkUnchanged() }
                }
                for (r, region) in regions.enumerated() {
                    _ = search(SearchIndex.regionDocuments(region.id), SearchIndex.regionEntries(region), group: next + r)
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

import Foundation
import SiteOutput
import SiteRender

extension SiteBuild {
    /// The shard files of the search index (`SearchIndex`), made from the groups' postings
    /// (their bigrams by bucket) as they come, in group order. A 1,000-plan site's plans each
    /// have a part in most of the 1,024 buckets: keeping a file open per bucket would need more
    /// file descriptors than a process may have, and holding the parts, the whole index in
    /// memory. So parts wait in memory up to `spillBytes`, then go to a temporary file per
    /// bucket (opened for appending and closed again); `finish` makes each shard from its
    /// buckets' parts (bigram → groups, `SearchIndex.shardFile`) and writes it whole, one shard
    /// in memory at a time.
    final class SearchShardFiles {
        static let spillBytes = 8 << 20
        private var pending = [Data](repeating: Data(), count: SearchIndex.buckets)
        private var pendingBytes = 0
        private var spilled = [Bool](repeating: false, count: SearchIndex.buckets)
        private let folder: URL

        init() throws {
            folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("plansite-search-\(getpid())-\(UInt32.random(in: 0 ... .max))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// A group's postings (`SearchIndex.postings`), after every earlier group's.
        func add(group: Int, postings: Data) throws {
            guard let buckets = SearchIndex.buckets(inPostings: postings) else {
                throw OutputWriter.Failure.io("the search postings of group \(group) are damaged; build again with --full")
            }
            for (bucket, object) in buckets {
                let before = pending[bucket].count
                SearchIndex.appendPart(group: group, object: object, to: &pending[bucket])
                pendingBytes += pending[bucket].count - before
            }
            if pendingBytes > Self.spillBytes { try spill() }
        }

        private func file(_ bucket: Int) -> String { folder.appendingPathComponent("\(bucket)").path }

        private func spill() throws {
            for bucket in pending.indices where !pending[bucket].isEmpty {
                let fd = open(file(bucket), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
                let ok = fd >= 0 && pending[bucket].withUnsafeBytes { Self.writeAll(fd, $0) }
                if fd >= 0 { close(fd) }
                guard ok else { throw OutputWriter.Failure.io("cannot write \(file(bucket)): \(String(cString: strerror(errno)))") }
                pending[bucket] = Data()
                spilled[bucket] = true
            }
            pendingBytes = 0
        }

        private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
            var done = 0
            while done < bytes.count {
                let n = write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return false }
                done += n
            }
            return true
        }

        /// Every shard file of a site of `plans` plans, whole, to the output.
        func finish(plans: Int, to writer: OutputWriter) throws {
            let shards = SearchIndex.shardCount(plans: plans)
            for shard in 0..<shards {
                let contents = try SearchIndex.bucketsOfShard(shard, shards: shards).map { bucket -> Data in
                    var data = Data()
                    if spilled[bucket] {
                        guard let written = FileManager.default.contents(atPath: file(bucket)) else {
                            throw OutputWriter.Failure.io("cannot read \(file(bucket)); build again")
                        }
                        data = written
                    }
                    data.append(pending[bucket])
                    pending[bucket] = Data()   // not held through the render that follows
                    return data
                }
                guard let file = try? SearchIndex.shardFile(shard, buckets: contents) else {
                    throw OutputWriter.Failure.io("the search index's temporary files in \(folder.path) are damaged; build again")
                }
                try writer.write(SearchIndex.path(ofShard: shard), file)
            }
        }
    }
}

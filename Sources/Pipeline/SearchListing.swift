import Foundation
import Incremental
import PlanModel
import SiteOutput
import SiteRender

extension SiteBuild {
    /// The shards of the search index, fed plan by plan as the plans are read: each plan's
    /// postings (`SearchIndex.postings`, made on its reading thread or taken from the plan
    /// cache) come in any order and are put in plan order here, a plan's group number being
    /// its place in the site. After the plans, the regions' groups (departments); then the
    /// shards are written (`SearchShards`). The plans' documents files are made with their
    /// pages.
    final class SearchListing: @unchecked Sendable {
        // @unchecked: every property is used under `lock` only.
        private let lock = NSLock()
        private let writer: ReusingWriter
        private var waiting: [Int: Data] = [:]
        private var shards = SearchShards()
        private var next = 0
        private var failure: Error?

        init(writer: ReusingWriter) {
            self.writer = writer
        }

        /// Takes the postings of the plan at `index` in plan order; any thread.
        func add(_ postings: Data, at index: Int) {
            lock.withLock {
                waiting[index] = postings
                while let ready = waiting.removeValue(forKey: next) {
                    add(group: next, ready)
                    next += 1
                }
            }
        }

        /// Under the lock: a group's postings into the shards.
        private func add(group: Int, _ postings: Data) {
            guard failure == nil else { return }
            do { try shards.add(group: group, postings: postings) } catch {
                failure = OutputWriter.Failure.io("the search postings of group \(group) are damaged; build again with --full")
            }
        }

        /// After every plan was read: the postings still waiting (behind a plan that could not
        /// be read — the build fails then anyway), the regions' groups (their documents files
        /// and postings), and the shards, staged.
        func finish(regions: [Region]) throws {
            try lock.withLock {
                for index in waiting.keys.sorted() {
                    add(group: index, waiting[index]!)
                    next = index + 1
                }
                waiting = [:]
                for (r, region) in regions.enumerated() {
                    let entries = SearchIndex.regionEntries(region)
                    let name = SearchIndex.regionDocuments(region.id)
                    if failure == nil {
                        do { try writer.write(SearchIndex.path(ofDocuments: name), SearchIndex.documents(name, entries)) } catch { failure = error }
                    }
                    add(group: next + r, SearchIndex.postings(entries))
                }
                if let failure { throw failure }
                let count = SearchIndex.shardCount(plans: next)
                for shard in 0..<count { try writer.write(SearchIndex.path(ofShard: shard), shards.shardFile(shard, of: count)) }
            }
        }
    }
}

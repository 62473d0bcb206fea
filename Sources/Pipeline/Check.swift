import ContentReader
import Linking
import PlanModel
import SiteRender

/// Read and link a content folder: everything `plansite check` validates.
public enum ContentCheck {
    public struct Outcome: Sendable {
        public let site: LinkedSite?
        public let diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
        /// The content folder as read (to read a plan again for its page).
        public let folder: ContentLoader.Folder
        /// Plan ID → the plans named by `indicator:PLAN/ID` links anywhere in its text (found
        /// before the text was dropped; `PageDependencies` needs them).
        let explicitIndicatorPlans: [String: Set<String>]
        /// Plans taken from the plan cache instead of being read (`PlanCache`).
        var plansFromCache = 0
    }

    /// Reads every plan and links it as soon as it is read, on `threads` threads.
    /// - Parameter keepBodies: false holds each plan `withoutBody` once it is linked (what a
    ///   build does: only a plan's own page shows its text, and the build reads the plan again
    ///   for it), so that no more than one whole plan per thread is in memory.
    public static func run(contentDirectory: String, threads: Int? = nil, keepBodies: Bool = true) -> Outcome {
        run(contentDirectory: contentDirectory, threads: threads, keepBodies: keepBodies, listings: nil, cache: nil)
    }

    /// What a build keeps of each plan between builds (`PlanCache`), and where it takes a
    /// cached plan's listing parts from.
    struct CacheUse: Sendable {
        let store: PlanCache
        let keys: PlanCache.Keys
        /// False for `--full`: entries are written, not read.
        let readEntries: Bool
        /// Whether the previous output holds the plan's listing parts for this key.
        let hasPreviousListings: @Sendable (_ planID: String, _ key: UInt64) -> Bool
    }

    /// `run` as a build runs it.
    /// - Parameters:
    ///   - listings: given each plan's part of the search index and of the task tables (made
    ///     from the whole plan on the thread that read it, or `.previous` for a plan taken from
    ///     the cache), its ID, its cache key and its place in plan order, in any order.
    ///   - cache: plans whose entry matches their inputs, and whose listing parts the previous
    ///     output holds, are taken from it instead of being read; every plan read is written
    ///     to it.
    static func run(contentDirectory: String, threads: Int? = nil, keepBodies: Bool,
                    listings: (@Sendable (_ position: Int, _ planID: String, _ key: UInt64?, SiteBuild.ListingPart) -> Void)?,
                    cache: CacheUse?) -> Outcome {
        let folder = ContentLoader.open(contentDirectory)
        let context = Linker.Context(regions: folder.regions, contentRoot: folder.display)
        var names: [String: String] = [:]
        for region in folder.regions { for d in region.departments { names[d.key] = d.name } }
        let departmentNames = names
        let ids = folder.planIDs
        // Entries hold plans without their text: a run that keeps the text does not use them.
        let cache = keepBodies ? nil : cache
        typealias Read = (plan: Plan, links: Linker.PlanLinks, explicit: Set<String>, cached: Bool)
        let read = Parallel.map(Array(ids.indices), threads: threads) { index -> (Read?, [Diagnostic]) in
            let id = ids[index]
            let key = cache?.keys[id]
            if let cache, cache.readEntries, let key, cache.hasPreviousListings(id, key),
               let entry = cache.store.read(id, key: key) {
                listings?(index, id, key, .previous)
                return ((entry.plan, entry.links, entry.explicitIndicatorPlans, true), entry.diagnostics)
            }
            let (whole, diagnostics) = folder.readPlan(at: index)
            guard let plan = whole else { return (nil, diagnostics) }
            let links = Linker.linkPlan(plan, context: context)
            listings?(index, id, key, .made(PlanListings(plan: plan, links: links.unit, departmentName: { departmentNames[$0] })))
            let result = (plan: keepBodies ? plan : plan.withoutBody(), links: links,
                          explicit: PageDependencies.explicitIndicatorPlans(in: plan), cached: false)
            if let cache, let key, cache.keys.unchangedSinceScan(id) {
                cache.store.write(.init(plan: result.plan, links: links, explicitIndicatorPlans: result.explicit,
                                        diagnostics: diagnostics), planID: id, key: key)
            }
            return (result, diagnostics)
        }
        let results = read.compactMap(\.0)
        let explicit = Dictionary(results.map { ($0.plan.id, $0.explicit) }, uniquingKeysWith: { a, _ in a })
        let (content, readDiagnostics) = folder.finish(.init(results: results.map(\.plan), diagnostics: read.flatMap(\.1)))
        guard let content else { return Outcome(site: nil, diagnostics: readDiagnostics, folder: folder, explicitIndicatorPlans: explicit) }
        let (site, linkDiagnostics) = Linker.assemble(content, links: results.map(\.links), context: context)
        return Outcome(site: site, diagnostics: (readDiagnostics + linkDiagnostics).sorted(), folder: folder, explicitIndicatorPlans: explicit,
                       plansFromCache: results.filter(\.cached).count)
    }
}

import ContentReader
import Foundation
import Incremental
import Linking
import PlanModel
import Progress
import SiteOutput
import SiteRender

extension SiteBuild {
    /// One build once it has decided to write: the output is staged from the start (the
    /// search shards are fed while the plans are read, since the plans' text is not kept),
    /// and swapped in only when every stage succeeded.
    final class Build {
        let content: String
        let templates: String?
        let output: String
        let threads: Int?
        let reuse: IncrementalBuild
        let progress: ((Progress) -> Void)?
        let writer: ReusingWriter
        let search: SearchListing
        var clock = StageClock()

        init(content: String, templates: String?, output: String, threads: Int?, reuse: IncrementalBuild,
             progress: ((Progress) -> Void)?) throws {
            self.content = content
            self.templates = templates
            self.output = output
            self.threads = threads
            self.reuse = reuse
            self.progress = progress
            writer = try reuse.writer()
            search = SearchListing(writer: writer)
        }

        func run() -> Result<Summary, Failure> {
            var summary: Summary
            var planIDs: Set<String> = []
            // The site, its evaluations and renderer live in this scope only: they are
            // released before the manifest is made.
            do {
                let read = self.read()
                clock.mark("read and link")
                let loaded = loadTemplates(templates)
                clock.mark("templates")
                var diagnostics = read.check.diagnostics
                if case .failure(let list) = loaded { diagnostics += list.diagnostics }
                guard let site = read.check.site, case .success(let (templateSet, labels)) = loaded,
                      !diagnostics.contains(where: { $0.severity == .error }) else {
                    writer.abort()
                    return .failure(.content(diagnostics.sorted()))
                }
                planIDs = Set(site.content.plans.map(\.id))
                do {
                    let pages = try render(site, templateSet, labels, read)
                    summary = Summary(pages: pages, files: 0, warnings: read.check.warnings, plans: site.content.plans.count,
                                      plansFromCache: read.plansFromCache)
                    reuse.outputWillChange()
                    try writer.commit()
                } catch {
                    writer.abort()
                    return .failure(.output("\(error)"))
                }
            }
            reuse.finish(pages: summary.pages, warnings: summary.warnings.count, outputs: writer.written, planIDs: planIDs)
            clock.mark("swap in, manifest")
            summary = Summary(pages: summary.pages, files: writer.filesWritten, warnings: summary.warnings,
                              unchanged: writer.filesReused, notRendered: writer.filesNotRendered,
                              plans: summary.plans, plansFromCache: summary.plansFromCache, stages: clock.stages)
            return .success(summary)
        }

        /// What reading the content gave the build.
        struct Read {
            let check: ContentCheck.Outcome
            /// Plan ID → the plans named by `indicator:PLAN/ID` links in its text.
            let explicitIndicatorPlans: [String: Set<String>]
            let plansFromCache: Int
        }

        /// Reads and links every plan, taking those of the plan cache that are still good; each
        /// plan's search postings go to `search`, and each plan read goes to the cache.
        func read() -> Read {
            let found = Locked<(explicit: [String: Set<String>], cached: Int)>(([:], 0))
            let search = self.search
            let reuse = self.reuse
            let hooks = ContentCheck.Hooks(known: { index, id in
                guard let entry = reuse.cachedPlan(id) else { return nil }
                search.add(entry.searchPostings, at: index)
                found.update { $0.explicit[id] = entry.explicitIndicatorPlans; $0.cached += 1 }
                return (entry.plan, entry.links, entry.diagnostics)
            }, read: { index, plan, links, diagnostics in
                let postings = SearchIndex.postings(SearchIndex.planEntries(plan))
                search.add(postings, at: index)
                let explicit = PageDependencies.explicitIndicatorPlans(in: plan)
                found.update { $0.explicit[plan.id] = explicit }
                reuse.store(.init(plan: plan.withoutBody(), links: links, explicitIndicatorPlans: explicit,
                                  diagnostics: diagnostics, searchPostings: postings), planID: plan.id)
            })
            let check = ContentCheck.run(contentDirectory: content, threads: threads, keepBodies: false, hooks: hooks)
            let (explicit, cached) = found.value
            return Read(check: check, explicitIndicatorPlans: explicit, plansFromCache: cached)
        }
    }
}

/// A value shared between threads, read and changed under a lock.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ change: (inout Value) -> Void) { lock.withLock { change(&stored) } }
}

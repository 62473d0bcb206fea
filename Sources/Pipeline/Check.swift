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
    }

    /// Reads every plan and links it as soon as it is read, on `threads` threads.
    /// - Parameters:
    ///   - keepBodies: false holds each plan `withoutBody` once it is linked (what a build
    ///     does: only a plan's own page shows its text, and the build reads the plan again for
    ///     it), so that no more than one whole plan per thread is in memory.
    ///   - listings: given each plan's `PlanListings` (its part of the search index and of
    ///     the task tables) and its place in plan order, made from the whole plan on the
    ///     thread that read it, in any order.
    public static func run(contentDirectory: String, threads: Int? = nil, keepBodies: Bool = true,
                           listings: (@Sendable (_ position: Int, PlanListings) -> Void)? = nil) -> Outcome {
        let folder = ContentLoader.open(contentDirectory)
        let context = Linker.Context(regions: folder.regions, contentRoot: folder.display)
        var names: [String: String] = [:]
        for region in folder.regions { for d in region.departments { names[d.key] = d.name } }
        let departmentNames = names
        let read = folder.readPlans(threads: threads) { plan, _ in
            let links = Linker.linkPlan(plan, context: context)
            if let listings, let position = folder.position(of: plan.id) {
                listings(position, PlanListings(plan: plan, links: links.unit, departmentName: { departmentNames[$0] }))
            }
            return (plan: keepBodies ? plan : plan.withoutBody(), links: links,
                    explicit: PageDependencies.explicitIndicatorPlans(in: plan))
        }
        let explicit = Dictionary(read.results.map { ($0.plan.id, $0.explicit) }, uniquingKeysWith: { a, _ in a })
        let (content, readDiagnostics) = folder.finish(.init(results: read.results.map(\.plan), diagnostics: read.diagnostics))
        guard let content else { return Outcome(site: nil, diagnostics: readDiagnostics, folder: folder, explicitIndicatorPlans: explicit) }
        let (site, linkDiagnostics) = Linker.assemble(content, links: read.results.map(\.links), context: context)
        return Outcome(site: site, diagnostics: (readDiagnostics + linkDiagnostics).sorted(), folder: folder, explicitIndicatorPlans: explicit)
    }
}

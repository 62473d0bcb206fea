import ContentReader
import Linking
import PlanModel

/// Read and link a content folder: everything `plansite check` validates.
public enum ContentCheck {
    public struct Outcome: Sendable {
        public let site: LinkedSite?
        public let diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
        /// The content folder as read (to read a plan again for its page).
        public let folder: ContentLoader.Folder
    }

    /// Reads every plan and links it as soon as it is read, on `threads` threads.
    /// - Parameter keepBodies: false holds each plan `withoutBody` once it is linked (what a
    ///   build does: only a plan's own page shows its text, and the build reads the plan again
    ///   for it), so that no more than one whole plan per thread is in memory.
    public static func run(contentDirectory: String, threads: Int? = nil, keepBodies: Bool = true) -> Outcome {
        run(contentDirectory: contentDirectory, threads: threads, keepBodies: keepBodies, hooks: nil)
    }

    /// What a build adds to reading the plans.
    struct Hooks: Sendable {
        /// A plan as read and linked before (held without its text), with the diagnostics of
        /// reading it; nil to read it.
        let known: @Sendable (_ position: Int, _ planID: String) -> (plan: Plan, links: Linker.PlanLinks, diagnostics: [Diagnostic])?
        /// Each plan read, whole, with its links and its diagnostics, on the thread that read it.
        let read: @Sendable (_ position: Int, _ plan: Plan, _ links: Linker.PlanLinks, _ diagnostics: [Diagnostic]) -> Void
    }

    static func run(contentDirectory: String, threads: Int? = nil, keepBodies: Bool, hooks: Hooks?) -> Outcome {
        let folder = ContentLoader.open(contentDirectory)
        let context = Linker.Context(regions: folder.regions, contentRoot: folder.display)
        let ids = folder.planIDs
        typealias Read = (plan: Plan, links: Linker.PlanLinks)
        let read = Parallel.map(Array(ids.indices), threads: threads) { index -> (Read?, [Diagnostic]) in
            if let known = hooks?.known(index, ids[index]) { return ((known.plan, known.links), known.diagnostics) }
            let (whole, diagnostics) = folder.readPlan(at: index)
            guard let plan = whole else { return (nil, diagnostics) }
            let links = Linker.linkPlan(plan, context: context)
            hooks?.read(index, plan, links, diagnostics)
            return ((keepBodies ? plan : plan.withoutBody(), links), diagnostics)
        }
        let results = read.compactMap(\.0)
        let (content, readDiagnostics) = folder.finish(.init(results: results.map(\.plan), diagnostics: read.flatMap(\.1)))
        guard let content else { return Outcome(site: nil, diagnostics: readDiagnostics, folder: folder) }
        let (site, linkDiagnostics) = Linker.assemble(content, links: results.map(\.links), context: context)
        return Outcome(site: site, diagnostics: (readDiagnostics + linkDiagnostics).sorted(), folder: folder)
    }
}

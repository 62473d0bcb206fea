import Foundation
import Linking
import PlanModel
import SiteOutput

/// Everything a build takes from the builds before it, and every decision about what to
/// reuse; the stages (read, link, evaluate, render, write) know nothing of it.
///
/// - Nothing changed (the program, every input file, the output folder as the last build
///   left it, no warnings): nothing to do (`upToDate`).
/// - A plan whose files, every region's files, `site.yaml` and the program are as when it was
///   last read comes from the plan cache (`cachedPlan`) instead of being read again.
/// - A page that shows one region's content whose region has the fingerprint recorded with
///   the previous build's file is taken from the previous output unrendered (`keeps`).
/// - Every other file whose bytes come out the same is linked from the previous output, and
///   the build stages in the tree the build before it replaced (`ReusingWriter`).
public final class IncrementalBuild: Sendable {
    public let tool: UInt64
    public let inputs: [String: UInt64]
    /// The previous build's manifest; nil for a full build (`--full`) or the first one. (Its
    /// files' fingerprints cover the program: those of another plansite never match.)
    public let previous: BuildManifest?
    private let output: String
    private let cache: PlanCache
    private let keys: PlanCache.Keys
    /// false (`--full`): cache entries are written, never read.
    private let readsCache: Bool

    /// - Parameters:
    ///   - templatesDirectory: nil when the embedded templates are used (the program's
    ///     version covers them).
    ///   - incremental: false ignores the previous build (`--full`) and records this one afresh.
    public init(tool: UInt64, contentDirectory: String, templatesDirectory: String?, outputDirectory: String,
                display: String, threads: Int?, incremental: Bool) {
        self.tool = tool
        output = outputDirectory
        previous = incremental ? BuildManifest.read(for: outputDirectory) : nil
        inputs = InputScan.hashes(contentDirectory: contentDirectory, templatesDirectory: templatesDirectory, threads: threads)
        cache = PlanCache(for: outputDirectory)
        keys = PlanCache.Keys(inputs: inputs, contentDirectory: contentDirectory, display: display, tool: tool)
        readsCache = incremental
    }

    /// When the last build left the same output from the same inputs: its manifest (with the
    /// output files' stamps brought up to date: a copied or restored output folder).
    public func upToDate() -> BuildManifest? {
        guard let previous, previous.tool == tool, previous.warnings == 0, previous.inputs == inputs,
              let current = previous.intactOutput(output) else { return nil }
        if current != previous { try? current.write(for: output) }
        return current
    }

    /// The writer of this build's output, taking what it can from the previous output.
    public func writer() throws -> ReusingWriter {
        try ReusingWriter(destination: output, previous: previous?.outputs)
    }

    /// The plan's cache entry when its inputs are as when the entry was written.
    public func cachedPlan(_ planID: String) -> PlanCache.Entry? {
        guard readsCache, let key = keys[planID] else { return nil }
        return cache.read(planID, key: key)
    }

    /// Keeps a plan just read for the next build, when its files did not change while it was read.
    public func store(_ entry: PlanCache.Entry, planID: String) {
        guard let key = keys[planID], keys.unchangedSinceScan(planID) else { return }
        cache.write(entry, planID: planID, key: key)
    }

    /// Region → the fingerprint of every input its pages are made from (`PageDependencies`):
    /// recorded with each such page, and a page whose region's fingerprint is the one recorded
    /// is taken from the previous output.
    public func regionFingerprints(site: LinkedSite, explicitIndicatorPlans: [String: Set<String>]) -> [String: UInt64] {
        PageDependencies.regionFingerprints(site: site, inputs: inputs, tool: tool, explicitIndicatorPlans: explicitIndicatorPlans)
    }

    /// Records this build for the next one, once its output is in place.
    public func finish(pages: Int, warnings: Int, outputs: [String: OutputRecord], planIDs: Set<String>) {
        try? BuildManifest(tool: tool, pages: pages, warnings: warnings, inputs: inputs, outputs: outputs).write(for: output)
        cache.removeEntries(except: planIDs)
    }

    /// Before the output is swapped: the old manifest no longer describes it.
    public func outputWillChange() {
        BuildManifest.remove(for: output)
    }
}

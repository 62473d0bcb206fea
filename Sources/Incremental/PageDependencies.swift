import Foundation
import Linking
import PlanModel
import Fingerprint

/// What the pages that show one region's content are made of, as one fingerprint per region,
/// so that an incremental build renders again only the pages of regions whose inputs changed.
///
/// A plan page, an indicator page and a department page show the content of one region: its
/// registry, metrics and observations (`content/regions/R/…`) and its plans
/// (`content/plans/P/…` of every plan whose region is R: other plans of the region give
/// observations, related indicators and department task lists). They also show what their
/// tasks link to in other regions (an explicit `[…](indicator:PLAN/ID)` link shows that
/// indicator's name, page and status; the linked indicator's page lists the task), so a
/// region's fingerprint covers the regions it is linked with, both ways. Every fingerprint
/// also covers everything that is not one region's: the templates and labels, `site.yaml`
/// and any other content file, and the plansite executable.
///
/// Pages that list the whole site (home, indexes, progress, search, open data) have no
/// fingerprint and are always rendered.
public enum PageDependencies {
    /// Region id → fingerprint (never 0).
    /// - Parameter explicitIndicatorPlans: plan ID → `explicitIndicatorPlans(in:)` of that plan
    ///   (found while the plan still had its text).
    public static func regionFingerprints(site: LinkedSite, inputs: [String: UInt64], tool: UInt64,
                                   explicitIndicatorPlans: [String: Set<String>]) -> [String: UInt64] {
        let plans = site.content.plans
        let regionOfPlan = Dictionary(plans.map { ($0.id, $0.regionID) }, uniquingKeysWith: { a, _ in a })
        let regionIDs = Set(site.content.regions.map(\.id))

        // Input files by the region they belong to; the rest belong to every page.
        var regionFiles: [String: [(String, UInt64)]] = [:]
        var shared: [(String, UInt64)] = []
        for (path, hash) in inputs {
            let parts = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            if parts.count >= 4, parts[0] == "content" {
                if parts[1] == "plans", let region = regionOfPlan[String(parts[2])] {
                    regionFiles[region, default: []].append((path, hash))
                    continue
                }
                if parts[1] == "regions", regionIDs.contains(String(parts[2])) {
                    regionFiles[String(parts[2]), default: []].append((path, hash))
                    continue
                }
            }
            shared.append((path, hash))
        }

        // Regions linked by a task or text of one to an indicator of the other.
        var neighbours: [String: Set<String>] = [:]
        func connect(_ a: String, _ b: String) {
            guard a != b else { return }
            neighbours[a, default: []].insert(b)
            neighbours[b, default: []].insert(a)
        }
        for plan in site.content.plans {
            guard let from = regionOfPlan[plan.id] else { continue }
            for links in site.unitIndicators.plan(plan.id) {
                for link in links { if let to = regionOfPlan[planID(link.indicatorKey)] { connect(from, to) } }
            }
        }
        for plan in plans {
            for target in (explicitIndicatorPlans[plan.id] ?? []).sorted() {
                if let to = regionOfPlan[target] { connect(plan.regionID, to) }
            }
        }

        func listing(_ files: [(String, UInt64)]) -> String {
            files.sorted { $0.0 < $1.0 }.map { "\(ContentHash.hex($0.1)) \($0.0)\n" }.joined()
        }
        let common = "tool \(ContentHash.hex(tool))\n" + listing(shared)
        var perRegion: [String: String] = [:]
        for region in regionIDs { perRegion[region] = listing(regionFiles[region] ?? []) }
        var result: [String: UInt64] = [:]
        for region in regionIDs {
            var text = common
            for member in ([region] + (neighbours[region] ?? []).sorted()) {
                text += "region \(member)\n" + (perRegion[member] ?? "")
            }
            let fingerprint = ContentHash.of(Data(text.utf8))
            result[region] = fingerprint == 0 ? 1 : fingerprint
        }
        return result
    }

    static func planID(_ key: String) -> String {
        String(key[..<(key.firstIndex(of: "/") ?? key.endIndex)])
    }

    /// Plans named by `indicator:PLAN/ID` links anywhere in a plan's text (also outside
    /// tasks, where no unit records them).
    public static func explicitIndicatorPlans(in plan: Plan) -> Set<String> {
        let marker = Array("indicator:".utf8)
        var found: Set<String> = []
        for block in plan.blocks {
            var html = block.html
            html.withUTF8 { bytes in
                var from = 0
                while let at = ByteSearch.firstIndex(of: marker, in: bytes, from: from) {
                    var end = at + marker.count
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "/") { end += 1 }
                    if end < bytes.count, bytes[end] == UInt8(ascii: "/") {
                        found.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[(at + marker.count)..<end]), as: UTF8.self))
                    }
                    from = end
                }
            }
        }
        return found
    }
}

import Foundation
import PlanModel

/// Resolves departments and indicator references across the site and builds the reverse
/// indexes. Unresolved names and references are errors with file and line.
public enum Linker {
    /// Names shorter than this are not matched automatically in task text (too many false hits).
    public static let minimumAutomaticNameLength = 4

    public static func link(_ content: SiteContent) -> (LinkedSite, [Diagnostic]) {
        var log = DiagnosticLog()
        var site = LinkedSite(content: content)
        var resolvers: [String: DepartmentResolver] = [:]
        for region in content.regions {
            resolvers[region.id] = DepartmentResolver(region: region, regionFolder: "\(content.root)/regions/\(region.id)", log: &log)
        }
        for plan in content.plans {
            guard let region = content.region(plan.regionID), let resolver = resolvers[region.id] else {
                log.add(.error("unknown-region", at: plan.location, "plan '\(plan.id)' names region '\(plan.regionID)', which has no folder under regions/",
                               hint: "create \(content.root)/regions/\(plan.regionID)/ or correct 'region:' in the front matter"))
                continue
            }
            linkUnits(plan, resolver: resolver, site: &site, log: &log)
            linkIndicators(plan, region: region, resolver: resolver, site: &site, log: &log)
        }
        for (key, list) in site.departmentLeadUnits { site.departmentLeadUnits[key] = list.sorted() }
        for (key, list) in site.departmentCoUnits { site.departmentCoUnits[key] = list.sorted() }
        return (site, log.sorted)
    }

    static func linkUnits(_ plan: Plan, resolver: DepartmentResolver, site: inout LinkedSite, log: inout DiagnosticLog) {
        let searchable = plan.indicators.map { indicator in
            (indicator.key, ([cleanName(indicator.name)] + indicator.aliases).filter { $0.count >= minimumAutomaticNameLength })
        }
        // All names of the plan's indicators in one list: each unit's text is searched once.
        let matcher = NameMatcher(searchable.flatMap(\.1))
        for unit in plan.units {
            let unitKey = "\(plan.id)/\(unit.id)"
            var assignments: [ResolvedAssignment] = []
            for annotation in unit.annotations {
                for list in annotation.lists {
                    for a in resolver.resolve(list, log: &log) where !assignments.contains(a) {
                        assignments.append(a)
                    }
                }
            }
            // A department named both as lead and as co is shown as lead.
            let leads = Set(assignments.filter { $0.role == .lead }.map(\.departmentKey))
            assignments.removeAll { $0.role == .co && leads.contains($0.departmentKey) }
            site.unitAssignments[unitKey] = assignments
            for a in assignments {
                if a.role == .lead { site.departmentLeadUnits[a.departmentKey, default: []].append(unitKey) }
                else { site.departmentCoUnits[a.departmentKey, default: []].append(unitKey) }
            }

            var links: [IndicatorLink] = []
            for reference in unit.indicatorReferences {
                let key = reference.target.contains("/") ? reference.target : "\(plan.id)/\(reference.target)"
                guard site.indicators[key] != nil else {
                    log.add(.error("unknown-indicator", at: reference.location, "no indicator '\(reference.target)'",
                                   hint: "use an id from the plan's indicators.csv, or PLAN/ID for another plan's indicator"))
                    continue
                }
                if !links.contains(where: { $0.indicatorKey == key }) { links.append(IndicatorLink(indicatorKey: key, how: .explicit)) }
            }
            let found = matcher.matches(in: unit.text)
            var first = 0   // index in the matcher of the current indicator's first name
            for (key, names) in searchable {
                defer { first += names.count }
                guard !links.contains(where: { $0.indicatorKey == key }) else { continue }
                if found[first..<(first + names.count)].contains(true) {
                    links.append(IndicatorLink(indicatorKey: key, how: .automatic))
                }
            }
            site.unitIndicators[unitKey] = links
            for link in links { site.indicatorUnits[link.indicatorKey, default: []].append(unitKey) }
        }
    }

    static func linkIndicators(_ plan: Plan, region: Region, resolver: DepartmentResolver, site: inout LinkedSite, log: inout DiagnosticLog) {
        let metricIDs = Set(region.metrics.map(\.id))
        for indicator in plan.indicators {
            let assignments = resolver.resolve(indicator.departments, log: &log)
            site.indicatorAssignments[indicator.key] = assignments
            for a in assignments { site.departmentIndicators[a.departmentKey, default: []].append(indicator.key) }
            if !indicator.metricID.isEmpty {
                if metricIDs.contains(indicator.metricID) {
                    site.metricIndicators["\(region.id)/\(indicator.metricID)", default: []].append(indicator.key)
                } else {
                    log.add(.error("unknown-metric", at: indicator.location, "indicator '\(indicator.id)' names metric '\(indicator.metricID)', which region '\(region.id)' does not have",
                                   hint: "add it to \(site.content.root)/regions/\(region.id)/metrics.csv or correct the metric column"))
                }
            }
        }
    }

    /// An indicator's name without the document's markers (★, *, footnote signs).
    public static func cleanName(_ name: String) -> String {
        name.filter { !"★☆*＊△▲".contains($0) }.trimmingCharacters(in: .whitespaces)
    }
}

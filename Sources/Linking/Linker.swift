import Foundation
import PlanModel

/// Resolves departments and indicator references across the site and builds the reverse
/// indexes. Unresolved names and references are errors with file and line.
public enum Linker {
    /// Names shorter than this are not matched automatically in task text (too many false hits).
    public static let minimumAutomaticNameLength = 4

    public static func link(_ content: SiteContent) -> (LinkedSite, [Diagnostic]) {
        let context = Context(regions: content.regions, contentRoot: content.root)
        return assemble(content, links: content.plans.map { linkPlan($0, context: context) }, context: context)
    }

    /// What linking a plan needs besides the plan: each region's departments and metrics.
    /// Made once, before the plans are read.
    public struct Context: Sendable {
        let root: String
        let regions: [String: Region]
        let resolvers: [String: DepartmentResolver]
        /// Problems of the registries themselves (a name given to two departments).
        let diagnostics: [Diagnostic]

        public init(regions: [Region], contentRoot: String) {
            var log = DiagnosticLog()
            var resolvers: [String: DepartmentResolver] = [:]
            for region in regions {
                resolvers[region.id] = DepartmentResolver(region: region, regionFolder: "\(contentRoot)/regions/\(region.id)", log: &log)
            }
            self.root = contentRoot
            self.regions = Dictionary(regions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            self.resolvers = resolvers
            diagnostics = log.all
        }
    }

    /// One plan's links, made by `linkPlan` from that plan alone (so plans can be linked on
    /// several threads, each as soon as it is read). References to another plan's indicator
    /// are checked by `assemble`, which knows every plan.
    public struct PlanLinks: Sendable {
        /// An explicit reference to an indicator as written, with the key it names.
        package struct Reference: Sendable {
            package let unit: Int
            package let key: String
            package let location: SourceLocation
            package let target: String

            package init(unit: Int, key: String, location: SourceLocation, target: String) {
                self.unit = unit
                self.key = key
                self.location = location
                self.target = target
            }
        }
        package struct IndicatorAssignments: Sendable {
            package let key: String
            package let assignments: [ResolvedAssignment]

            package init(key: String, assignments: [ResolvedAssignment]) {
                self.key = key
                self.assignments = assignments
            }
        }
        /// False when the plan's region does not exist (nothing else is linked).
        package let linked: Bool
        /// Each unit's departments and indicators (explicit links first, not yet checked).
        package let units: PlanUnitLinks
        /// Every explicit reference of the plan's units, in unit order.
        package let references: [Reference]
        package let indicators: [IndicatorAssignments]
        /// Metric key → indicator key, in indicator order.
        package let metricIndicators: [(String, String)]
        /// Passages that name a department without assigning it the unit, in unit order.
        package let mentions: [Mention]
        package let diagnostics: [Diagnostic]

        package init(linked: Bool, units: PlanUnitLinks, references: [Reference], indicators: [IndicatorAssignments],
                     metricIndicators: [(String, String)], mentions: [Mention], diagnostics: [Diagnostic]) {
            self.linked = linked
            self.units = units
            self.references = references
            self.indicators = indicators
            self.metricIndicators = metricIndicators
            self.mentions = mentions
            self.diagnostics = diagnostics
        }

        /// The plan's units (0 when it was not linked).
        public var unitCount: Int { units.unitCount }

        /// The departments and the indicators (explicit links first, not yet checked against
        /// the other plans) of the plan's unit at `index`; none when the plan was not linked.
        public func unit(_ index: Int) -> (assignments: [ResolvedAssignment], indicators: [IndicatorLink]) {
            guard index >= 0, index < units.unitCount else { return ([], []) }
            return (units.assignments(index), units.indicators(index))
        }
    }

    /// Links one plan's units (departments, explicit and automatic indicator links) and
    /// indicators (departments, metric).
    public static func linkPlan(_ plan: Plan, context: Context) -> PlanLinks {
        var log = DiagnosticLog()
        guard let region = context.regions[plan.regionID], let resolver = context.resolvers[region.id] else {
            log.add(.error("unknown-region", at: plan.location, "plan '\(plan.id)' names region '\(plan.regionID)', which has no folder under regions/",
                           hint: "create \(context.root)/regions/\(plan.regionID)/ or correct 'region:' in the front matter"))
            return PlanLinks(linked: false, units: .none, references: [], indicators: [], metricIndicators: [], mentions: [],
                             diagnostics: log.all)
        }
        let (units, references) = linkUnits(plan, resolver: resolver, log: &log)
        let (indicators, metrics) = linkIndicators(plan, region: region, resolver: resolver, root: context.root, log: &log)
        return PlanLinks(linked: true, units: units, references: references, indicators: indicators, metricIndicators: metrics,
                         mentions: mentions(plan, region: region, units: units), diagnostics: log.all)
    }

    /// The linked site from the content and each plan's links (in plan order): explicit
    /// references checked against every indicator of the site, reverse indexes built.
    public static func assemble(_ content: SiteContent, links: [PlanLinks], context: Context) -> (LinkedSite, [Diagnostic]) {
        var log = DiagnosticLog()
        log.add(contentsOf: context.diagnostics)
        precondition(links.count == content.plans.count, "one PlanLinks per plan, in plan order")
        var site = LinkedSite(content: content)
        site.unitLinks.reserveCapacity(links.count)
        for (p, plan) in links.enumerated() {
            log.add(contentsOf: plan.diagnostics)
            guard plan.linked else {
                site.unitLinks.append(.none)
                continue
            }
            var units = plan.units
            let unknown = plan.references.filter { site.indicators[$0.key] == nil }
            if !unknown.isEmpty {
                var indicators = (0..<units.unitCount).map(units.indicators)
                for reference in unknown {
                    log.add(.error("unknown-indicator", at: reference.location, "no indicator '\(reference.target)'",
                                   hint: "use an id from the plan's indicators.csv, or PLAN/ID for another plan's indicator"))
                    indicators[reference.unit].removeAll { $0.indicatorKey == reference.key }
                }
                units = PlanUnitLinks(assignments: (0..<units.unitCount).map(units.assignments), indicators: indicators)
            }
            site.unitLinks.append(units)
            for u in 0..<units.unitCount {
                let ref = site.directory.ordinal(UnitRef(plan: p, unit: u))
                for a in units.assignments(u) {
                    if a.role == .lead { site.departmentLeadRefs[a.departmentKey, default: []].append(ref) }
                    else { site.departmentCoRefs[a.departmentKey, default: []].append(ref) }
                }
                for link in units.indicators(u) { site.indicatorUnitRefs[link.indicatorKey, default: []].append(ref) }
            }
            for indicator in plan.indicators {
                site.indicatorAssignments[indicator.key] = indicator.assignments
                for a in indicator.assignments { site.departmentIndicators[a.departmentKey, default: []].append(indicator.key) }
            }
            for (metric, indicator) in plan.metricIndicators { site.metricIndicators[metric, default: []].append(indicator) }
            for m in plan.mentions where m.unit < units.unitCount {
                site.departmentPassages[m.departmentKey, default: []].append(DepartmentPassage(unit: UnitRef(plan: p, unit: m.unit), excerpt: m.excerpt))
            }
        }
        // Each list kept at its exact size (appending leaves up to twice the room needed), one
        // list at a time: iterating the dictionary while assigning its values would hold every
        // list twice. A department's units are listed in key order.
        func settle(_ lists: inout [String: [UInt32]], _ order: ([UInt32]) -> [UInt32]) {
            for key in Array(lists.keys) { lists[key] = order(lists.removeValue(forKey: key)!).exactCapacity() }
        }
        let directory = site.directory
        let keyOrder = { (ordinals: [UInt32]) in directory.sortedAsKeys(ordinals.map(directory.ref(ordinal:))).map(directory.ordinal) }
        settle(&site.departmentLeadRefs, keyOrder)
        settle(&site.departmentCoRefs, keyOrder)
        settle(&site.indicatorUnitRefs) { $0 }   // appended in plan and unit order
        return (site, log.sorted)
    }

    static func linkUnits(_ plan: Plan, resolver: DepartmentResolver, log: inout DiagnosticLog) -> (PlanUnitLinks, [PlanLinks.Reference]) {
        let searchable = plan.indicators.map { indicator in
            (indicator.key, ([cleanName(indicator.name)] + indicator.aliases).filter { $0.count >= minimumAutomaticNameLength })
        }
        // All names of the plan's indicators in one list: each unit's text is searched once.
        let matcher = NameMatcher(searchable.flatMap(\.1))
        var assignmentsByUnit: [[ResolvedAssignment]] = []
        var indicatorsByUnit: [[IndicatorLink]] = []
        var references: [PlanLinks.Reference] = []
        assignmentsByUnit.reserveCapacity(plan.units.count)
        indicatorsByUnit.reserveCapacity(plan.units.count)
        for (u, unit) in plan.units.enumerated() {
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

            var links: [IndicatorLink] = []
            for reference in unit.indicatorReferences {
                let key = reference.target.contains("/") ? reference.target : "\(plan.id)/\(reference.target)"
                references.append(PlanLinks.Reference(unit: u, key: key, location: reference.location, target: reference.target))
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
            assignmentsByUnit.append(assignments)
            indicatorsByUnit.append(links)
        }
        return (PlanUnitLinks(assignments: assignmentsByUnit, indicators: indicatorsByUnit), references)
    }

    static func linkIndicators(_ plan: Plan, region: Region, resolver: DepartmentResolver, root: String,
                               log: inout DiagnosticLog) -> ([PlanLinks.IndicatorAssignments], [(String, String)]) {
        let metricIDs = Set(region.metrics.map(\.id))
        var assignments: [PlanLinks.IndicatorAssignments] = []
        var metrics: [(String, String)] = []
        for indicator in plan.indicators {
            assignments.append(PlanLinks.IndicatorAssignments(key: indicator.key, assignments: resolver.resolve(indicator.departments, log: &log).exactCapacity()))
            if !indicator.metricID.isEmpty {
                if metricIDs.contains(indicator.metricID) {
                    metrics.append(("\(region.id)/\(indicator.metricID)", indicator.key))
                } else {
                    log.add(.error("unknown-metric", at: indicator.location, "indicator '\(indicator.id)' names metric '\(indicator.metricID)', which region '\(region.id)' does not have",
                                   hint: "add it to \(root)/regions/\(region.id)/metrics.csv or correct the metric column"))
                }
            }
        }
        return (assignments, metrics)
    }

    /// An indicator's name without the document's markers (★, *, footnote signs).
    public static func cleanName(_ name: String) -> String {
        name.filter { !"★☆*＊△▲".contains($0) }.trimmingCharacters(in: .whitespaces)
    }
}

import Linking
import PlanModel

/// A plain-text outline of a plan as plansite reads it: chapters, sections, units with
/// their IDs, departments and linked indicators. For authors checking their markup.
public enum Outline {
    public static func render(plan: Plan, site: LinkedSite) -> String {
        var lines: [String] = ["\(plan.title) [\(plan.id)] \(plan.periodText) region=\(plan.regionID)"]
        let units = Dictionary(grouping: plan.units, by: { $0.sectionID ?? $0.chapterID })
        func describe(_ unit: WorkUnit, indent: String) {
            let assignments = site.unitAssignments[plan.id, unit.id] ?? []
            let depts = assignments.map { a in (site.departments[a.departmentKey]?.name ?? a.departmentKey) + (a.role == .lead ? "*" : "") }
            let inds = (site.unitIndicators[plan.id, unit.id] ?? []).map { $0.indicatorKey.split(separator: "/").last.map(String.init) ?? "" }
            var line = "\(indent)\(unit.id) \(unit.kind == .task ? unit.label : "[unit]") \(unit.title)"
            if !depts.isEmpty { line += "  depts: " + depts.joined(separator: "、") }
            if !inds.isEmpty { line += "  indicators: " + inds.joined(separator: ",") }
            lines.append(line)
        }
        for chapter in plan.chapters {
            lines.append("  \(chapter.id) \(chapter.heading)")
            for unit in units[chapter.id] ?? [] { describe(unit, indent: "    ") }
            for section in chapter.sections {
                lines.append("    \(section.id) \(section.heading)")
                for unit in units[section.id] ?? [] where unit.id != section.id { describe(unit, indent: "      ") }
                if let own = plan.units.first(where: { $0.id == section.id }) { describe(own, indent: "      ") }
            }
        }
        lines.append("  \(plan.chapters.count) chapters, \(plan.chapters.reduce(0) { $0 + $1.sections.count }) sections, \(plan.tasks.count) tasks, \(plan.units.count - plan.tasks.count) task-less sections, \(plan.indicators.count) indicators")
        return lines.joined(separator: "\n")
    }
}

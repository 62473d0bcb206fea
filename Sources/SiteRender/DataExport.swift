import Foundation
import Linking
import PlanModel
import Progress

/// Open data: tasks, indicators and departments as CSV (UTF-8, header row, RFC 4180
/// quoting, CRLF) and the same records as JSON.
struct DataExport {
    let site: LinkedSite
    let evaluations: [String: IndicatorEvaluation]
    let labels: Labels

    struct Table {
        let columns: [String]
        let rows: [[String]]

        var csv: String {
            ([columns] + rows).map { $0.map(Self.quote).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        }

        var json: Data {
            let records = rows.map { row in Dictionary(uniqueKeysWithValues: zip(columns, row)) }
            return (try? JSONSerialization.data(withJSONObject: records, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        }

        static func quote(_ field: String) -> String {
            guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    func names(_ assignments: [ResolvedAssignment], _ role: AssignmentRole) -> String {
        assignments.filter { $0.role == role }.compactMap { site.departments[$0.departmentKey]?.name }.joined(separator: ";")
    }

    var tasks: Table {
        var rows: [[String]] = []
        for plan in site.content.plans {
            for unit in plan.units {
                let key = "\(plan.id)/\(unit.id)"
                let a = site.unitAssignments[key] ?? []
                rows.append([plan.id, unit.id, unit.kind.rawValue, unit.label, unit.title, names(a, .lead), names(a, .co),
                             (site.unitIndicators[key] ?? []).map(\.indicatorKey).joined(separator: ";"),
                             unit.annotations.map(\.raw).joined(separator: ";")])
            }
        }
        return Table(columns: ["plan", "task", "kind", "number", "title", "lead", "co", "indicators", "annotation"], rows: rows)
    }

    var indicators: Table {
        var rows: [[String]] = []
        for plan in site.content.plans {
            for indicator in plan.indicators {
                let e = evaluations[indicator.key]
                let h = e?.headline
                let latest = h?.observation ?? e?.latest
                rows.append([
                    plan.id, indicator.id, indicator.number, indicator.name, indicator.unit, indicator.nature?.rawValue ?? "",
                    indicator.metricID, indicator.baselineYear.map(String.init) ?? "", indicator.baseline?.raw ?? "",
                    h.map { String($0.target.year) } ?? "", h?.target.value.raw ?? "",
                    indicator.targets.map { "\($0.year):\($0.value.raw)" }.joined(separator: ";"),
                    latest.map { String($0.year) } ?? "", latest?.value.raw ?? "", latest.map { "\($0.basis)" } ?? "",
                    (h?.status ?? .noData).rawValue, h?.progress.map { String(format: "%.3f", $0) } ?? "",
                    h?.elapsed.map { String(format: "%.3f", $0) } ?? "", h?.growthRatio.map { String(format: "%.3f", $0) } ?? "",
                    h.map { labels.reason($0.reason) } ?? "", indicator.reported,
                    names(site.indicatorAssignments[indicator.key] ?? [], .lead), names(site.indicatorAssignments[indicator.key] ?? [], .co),
                    indicator.source,
                ])
            }
        }
        return Table(columns: ["plan", "indicator", "number", "name", "unit", "nature", "metric", "baseline_year", "baseline",
                               "target_year", "target", "targets", "latest_year", "latest", "latest_basis", "status", "progress",
                               "elapsed", "growth_ratio", "explanation", "reported", "lead", "co", "source"], rows: rows)
    }

    var departments: Table {
        var rows: [[String]] = []
        for region in site.content.regions {
            for d in region.departments {
                rows.append([region.id, d.id, d.name, d.kind.rawValue, d.aliases.joined(separator: ";"),
                             (site.departmentLeadUnits[d.key] ?? []).joined(separator: ";"),
                             (site.departmentCoUnits[d.key] ?? []).joined(separator: ";"),
                             (site.departmentIndicators[d.key] ?? []).joined(separator: ";")])
            }
        }
        return Table(columns: ["region", "department", "name", "kind", "aliases", "lead_tasks", "co_tasks", "indicators"], rows: rows)
    }

    var observations: Table {
        var rows: [[String]] = []
        for region in site.content.regions {
            for o in region.observations {
                rows.append([region.id, o.metricID, String(o.year), o.value.raw, "\(o.basis)", o.source, o.note])
            }
        }
        return Table(columns: ["region", "metric", "year", "value", "basis", "source", "note"], rows: rows)
    }
}

import Foundation
import Linking
import PlanModel

/// The offline search index: one entry per plan, task or task-less section, indicator and
/// department — kind, title, URL from the site root, and context text. Shipped as a script
/// file (`assets/search-index.js`), since browsers refuse fetch() of local files.
struct SearchIndex {
    let site: LinkedSite

    /// Characters of a unit's text kept as context (the title is always searchable).
    static let contextLength = 160

    var entries: [[String]] {
        var result: [[String]] = []
        for plan in site.content.plans {
            result.append(["plan", plan.title, URLs.plan(plan.id), [plan.docNumber, plan.issuer, plan.periodText].filter { !$0.isEmpty }.joined(separator: " ")])
            for unit in plan.units {
                let text = unit.text.replacingOccurrences(of: "\n", with: "")
                result.append([unit.kind == .task ? "task" : "section", "\(unit.label) \(unit.title)",
                               URLs.unit(plan.id, unit.id), String(text.prefix(Self.contextLength)) + " · " + plan.title])
            }
            for indicator in plan.indicators {
                result.append(["indicator", indicator.name, URLs.indicator(indicator.key),
                               ([indicator.domain] + indicator.aliases + [plan.title]).filter { !$0.isEmpty }.joined(separator: " ")])
            }
        }
        for region in site.content.regions {
            for d in region.departments {
                result.append(["department", d.name, URLs.department(d.key), (d.aliases + [region.name]).joined(separator: " ")])
            }
        }
        return result
    }

    var script: Data {
        var out = Array("window.PLANSITE_SEARCH=".utf8)
        JSONText.appendArrays(entries, to: &out)
        out.append(contentsOf: Array(";\n".utf8))
        return Data(out)
    }

    /// JSON for embedding in HTML: `<`, `>` and `&` escaped so no tag can close the block.
    static func embeddableJSON(_ object: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

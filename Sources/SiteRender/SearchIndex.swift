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

    /// Calls `entry` for every entry in order (the index of a 1,000-plan site is 70 MB: it
    /// is written as it is made, not held as a list first).
    func forEachEntry(_ entry: ([String]) -> Void) {
        for plan in site.content.plans {
            entry(["plan", plan.title, URLs.plan(plan.id), [plan.docNumber, plan.issuer, plan.periodText].filter { !$0.isEmpty }.joined(separator: " ")])
            for unit in plan.units {
                entry([unit.kind == .task ? "task" : "section", "\(unit.label) \(unit.title)",
                               URLs.unit(plan.id, unit.id), Self.context(unit.text) + " · " + plan.title])
            }
            for indicator in plan.indicators {
                entry(["indicator", indicator.name, URLs.indicator(indicator.key),
                               ([indicator.domain] + indicator.aliases + [plan.title]).filter { !$0.isEmpty }.joined(separator: " ")])
            }
        }
        for region in site.content.regions {
            for d in region.departments {
                entry(["department", d.name, URLs.department(d.key), (d.aliases + [region.name]).joined(separator: " ")])
            }
        }
    }

    /// The first `contextLength` characters of a unit's text with its line breaks removed.
    /// Only a prefix a little longer than that (`textKept`) is searched for line breaks (units
    /// run to thousands of characters); the margin keeps the grapheme at the cut the same.
    static func context(_ text: String) -> String {
        String(text.prefix(charactersOtherThanLineFeeds: textKept).removingLineFeeds.prefix(contextLength))
    }

    /// Characters of a unit's text (not counting line feeds) that `context` reads.
    static let textKept = contextLength + 8

    var script: Data {
        let out = ByteBuffer()
        writeScript(to: out)
        return out.data()
    }

    func writeScript(to out: ByteBuffer) {
        out.append("window.PLANSITE_SEARCH=[")
        var first = true
        var sink = out
        forEachEntry { entry in
            if !first { sink.append(UInt8(ascii: ",")) }
            first = false
            JSONText.appendArrays([entry], to: &sink, bare: true)
        }
        out.append("];\n")
    }

    /// JSON for embedding in HTML: `<`, `>` and `&` escaped so no tag can close the block.
    static func embeddableJSON(_ object: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

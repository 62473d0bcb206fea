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
        for plan in site.content.plans { Self.planEntries(plan, entry) }
        Self.departmentEntries(site.content.regions, entry)
    }

    /// A plan's entries: the plan, its units, its indicators.
    static func planEntries(_ plan: Plan, _ entry: ([String]) -> Void) {
        entry(["plan", plan.title, URLs.plan(plan.id), [plan.docNumber, plan.issuer, plan.periodText].filter { !$0.isEmpty }.joined(separator: " ")])
        for unit in plan.units {
            entry([unit.kind == .task ? "task" : "section", "\(unit.label) \(unit.title)",
                   URLs.unit(plan.id, unit.id), context(unit.text) + " · " + plan.title])
        }
        for indicator in plan.indicators {
            entry(["indicator", indicator.name, URLs.indicator(indicator.key),
                   ([indicator.domain] + indicator.aliases + [plan.title]).filter { !$0.isEmpty }.joined(separator: " ")])
        }
    }

    /// The departments of every region, after all plans.
    static func departmentEntries(_ regions: [Region], _ entry: ([String]) -> Void) {
        for region in regions {
            for d in region.departments {
                entry(["department", d.name, URLs.department(d.key), (d.aliases + [region.name]).joined(separator: " ")])
            }
        }
    }

    static let opening = "window.PLANSITE_SEARCH=["
    static let closing = "];\n"

    /// Entries as the script lists them: JSON arrays separated by commas.
    static func appendEntries(_ make: (([String]) -> Void) -> Void, to out: inout ByteBuffer, first: inout Bool) {
        make { entry in
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONText.appendArrays([entry], to: &out, bare: true)
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

    func writeScript(to buffer: ByteBuffer) {
        var out = buffer
        out.append(Self.opening)
        var first = true
        Self.appendEntries(forEachEntry, to: &out, first: &first)
        out.append(Self.closing)
    }

    /// JSON for embedding in HTML: `<`, `>` and `&` escaped so no tag can close the block.
    static func embeddableJSON(_ object: [String: String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

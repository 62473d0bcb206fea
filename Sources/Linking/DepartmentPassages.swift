import Foundation
import PlanModel

/// A passage of a plan's text that names a department (by its name or one of its aliases)
/// without assigning it the unit: what a department's page shows where the plans assign it
/// nothing (`Linker.mentions`).
public struct DepartmentPassage: Sendable, Hashable {
    /// The unit whose text names the department.
    public let unit: UnitRef
    /// The sentence that names it, as the document wrote it.
    public let excerpt: String
}

extension Linker {
    /// Names shorter than this are not looked for in the text: two-character names (市委) would
    /// be found inside other words.
    static let minimumMentionNameLength = 3
    /// The longest excerpt shown, in characters.
    static let excerptLength = 120

    /// One plan's units' mentions of its region's departments, in unit order: each department
    /// once per unit, and not in a unit that assigns it (the page lists that unit as a task).
    package struct Mention: Sendable {
        package let unit: Int
        package let departmentKey: String
        package let excerpt: String

        package init(unit: Int, departmentKey: String, excerpt: String) {
            self.unit = unit
            self.departmentKey = departmentKey
            self.excerpt = excerpt
        }
    }

    static func mentions(_ plan: Plan, region: Region, units: PlanUnitLinks) -> [Mention] {
        let names = region.departments.map { d in
            (d.key, ([d.name] + d.aliases).filter { $0.count >= minimumMentionNameLength }.sorted { $0.count > $1.count })
        }
        let matcher = NameMatcher(names.flatMap(\.1))
        var result: [Mention] = []
        for (u, unit) in plan.units.enumerated() where !unit.text.isEmpty {
            let found = matcher.matches(in: unit.text)
            guard found.contains(true) else { continue }
            let assigned = Set(units.assignments(u).map(\.departmentKey))
            var first = 0
            for (key, list) in names {
                defer { first += list.count }
                guard !assigned.contains(key),
                      let n = found[first..<(first + list.count)].firstIndex(of: true) else { continue }
                result.append(Mention(unit: u, departmentKey: key, excerpt: excerpt(of: list[n - first], in: unit.text)))
            }
        }
        return result
    }

    /// The sentence of `text` in which `name` first occurs, cut to `excerptLength` characters
    /// around the name when longer.
    static func excerpt(of name: String, in text: String) -> String {
        guard let found = text.range(of: name) else { return "" }
        let ends: Set<Character> = ["。", "；", "\n", "！", "？"]
        var start = found.lowerBound
        while start > text.startIndex, !ends.contains(text[text.index(before: start)]) { start = text.index(before: start) }
        var end = found.upperBound
        while end < text.endIndex, !ends.contains(text[end]) { end = text.index(after: end) }
        if end < text.endIndex, text[end] != "\n" { end = text.index(after: end) }
        var sentence = String(text[start..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
        if sentence.count > excerptLength {
            let before = text.distance(from: start, to: found.lowerBound)
            let from = max(0, min(before - excerptLength / 3, sentence.count - excerptLength))
            let cut = sentence.dropFirst(from).prefix(excerptLength)
            sentence = (from > 0 ? "…" : "") + cut + (from + excerptLength < sentence.count ? "…" : "")
        }
        return sentence
    }
}

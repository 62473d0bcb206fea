import ContentReader
import Foundation
@testable import Importer
import Pipeline
import PlanModel
import Testing

enum SeedFiles {
    static let directory = Fixture.repoRoot.appendingPathComponent("Tests/Fixtures/sources/seeds")
}

/// The four seed documents (Tests/Fixtures/sources/seeds) imported and compared with their hand-checked
/// conversions in Content/plans: the numbers of docs/import.md. Each draft must pass
/// `plansite check` with a copy of site.yaml and its region, after the edits its review lists.
@Suite struct SeedAgreementTests {
    static let seeds = SeedFiles.directory
    static let content = Fixture.repoRoot.appendingPathComponent("Content")

    struct Seed: Sendable, CustomTestStringConvertible {
        let prefix: String
        let region: String
        let plan: String
        var testDescription: String { "\(prefix) → \(plan)" }
    }

    static let all = [Seed(prefix: "000", region: "huzhou", plan: "huzhou-2018"),
                      Seed(prefix: "002", region: "shengzhou", plan: "shengzhou-2024"),
                      Seed(prefix: "003", region: "zhejiang", plan: "zhejiang-2020"),
                      Seed(prefix: "004", region: "huzhou", plan: "huzhou-14th")]

    func importSeed(_ seed: Seed) throws -> PlanImporter.Result {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.seeds.path).filter { $0.hasPrefix(seed.prefix + "_") }
        let file = try #require(files.first)
        let data = try #require(FileManager.default.contents(atPath: Self.seeds.appendingPathComponent(file).path))
        let registry = DepartmentRegistry(contentDirectory: Self.content.path, region: seed.region)
        return PlanImporter.run(data: data, options: .init(region: seed.region, planID: seed.plan, sourceName: file, registry: registry))
    }

    /// A temporary content folder: site.yaml, the region, the draft.
    func check(_ result: PlanImporter.Result, _ seed: Seed) throws -> ContentCheck.Outcome {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("plansite-seed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        try fm.createDirectory(at: root.appendingPathComponent("regions"), withIntermediateDirectories: true)
        try fm.copyItem(at: Self.content.appendingPathComponent("site.yaml"), to: root.appendingPathComponent("site.yaml"))
        try fm.copyItem(at: Self.content.appendingPathComponent("regions/\(seed.region)"), to: root.appendingPathComponent("regions/\(seed.region)"))
        let plan = root.appendingPathComponent("plans/\(seed.plan)")
        try fm.createDirectory(at: plan, withIntermediateDirectories: true)
        try PlanImporter.write(result, to: plan)
        try? fm.removeItem(at: plan.appendingPathComponent("review.md"))
        // The drafted observations and metrics go into the region's files, as review.md says.
        let region = root.appendingPathComponent("regions/\(seed.region)")
        try DraftRegionFiles.append(result.metricsCSV, to: region.appendingPathComponent("metrics.csv"))
        try DraftRegionFiles.append(result.observationsCSV, to: region.appendingPathComponent("observations.csv"))
        try? fm.removeItem(at: plan.appendingPathComponent("metrics.csv"))
        try? fm.removeItem(at: plan.appendingPathComponent("observations.csv"))
        return ContentCheck.run(contentDirectory: root.path)
    }

    static let handChecked = ContentCheck.run(contentDirectory: content.path)

    @Test(arguments: all) func theDraftPassesCheckAndAgreesWithTheHandCheckedPlan(_ seed: Seed) throws {
        let result = try importSeed(seed)
        let outcome = try check(result, seed)
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        #expect(result.report.requiredEdits.isEmpty)
        let draft = try #require(outcome.site?.content.plan(seed.plan))
        let hand = try #require(Self.handChecked.site?.content.plan(seed.plan))

        let a = Agreement(draft: draft, hand: hand, draftText: result.planMarkdown,
                          handText: String(decoding: FileManager.default.contents(atPath: Self.content.appendingPathComponent("plans/\(seed.plan)/plan.md").path) ?? Data(), as: UTF8.self))
        print("agreement \(seed.plan): " + a.row)
        #expect(a.chapters.same == a.chapters.hand)
        #expect(a.sections.same == a.sections.hand)
        #expect(a.tasks.same == a.tasks.hand)
        #expect(a.annotations.same == a.annotations.hand)
        #expect(a.hanKept >= 0.95, "share of the hand-checked text's Chinese characters in the draft")
        // Text the draft has beyond the hand-checked plan can only be table cells (the hand
        // check keeps some tables in indicators.csv alone).
        let tableHan = result.planMarkdown.components(separatedBy: "\n").filter { $0.hasPrefix("|") }
            .reduce(0) { $0 + TextPatterns.hanCount($1) }
        #expect(a.hanExtra <= tableHan, "\(a.hanExtra) characters more than the hand-checked plan")
        if !hand.indicators.isEmpty, draft.indicators.count > 0 {
            #expect(draft.indicators.count == hand.indicators.count)
        }
        let differing = fieldDisagreements(draft: draft, hand: hand)
        print("indicator fields \(seed.plan): \(draft.indicators.count - differing.count)/\(draft.indicators.count) rows equal in every field")
        let departures = Set(Self.editorialDepartures.keys.filter { $0.hasPrefix(seed.plan + "/") })
        #expect(Set(differing.map { seed.plan + "/" + $0.prefix { $0 != ":" } }) == departures, "\(differing)")
        let observed = observationAgreement(draft: outcome, hand: Self.handChecked, seed: seed)
        print("observations \(seed.plan): \(observed.same)/\(observed.drafted) drafted equal the hand-checked region's")
        #expect(observed.same == observed.drafted)
    }

    /// Hand-checked rows that depart from the cell as written on purpose, each explained in the
    /// row's note on the site. Any other disagreement, or one of these disappearing, fails.
    static let editorialDepartures = [
        "shengzhou-2024/t1-20": "the cell's first region class is partly redacted; the hand-checked target is the ≥60 of 东部地区 and of task 5 (不低于60%)",
    ]

    /// Draft indicator rows that differ from the hand-checked row with the same 序号 and name in
    /// group, domain, action, nature, baseline, targets, verdict or departments.
    func fieldDisagreements(draft: Plan, hand: Plan) -> [String] {
        func fields(_ i: Indicator) -> [String] {
            [i.group, i.domain, i.action, i.nature.map { "\($0)" } ?? "", i.baselineYear.map(String.init) ?? "", i.baseline?.raw ?? "",
             i.targets.map { "\($0.year):\($0.value.raw)" }.joined(separator: ","), i.reported, i.departments.map(\.name).joined(separator: "、")]
        }
        return draft.indicators.compactMap { d in
            let h = hand.indicators.first { $0.number == d.number && TextPatterns.compact($0.name) == TextPatterns.compact(d.name) }
            guard let h else { return "\(d.id): no hand-checked row \(d.number) \(d.name)" }
            return fields(d) == fields(h) ? nil : "\(d.id): \(fields(d)) ≠ \(fields(h))"
        }
    }

    /// Observations drafted from the tables' actual values against the hand-checked region's:
    /// the same year and value for the metric of the hand-checked indicator with the same 序号 and name.
    func observationAgreement(draft: ContentCheck.Outcome, hand: ContentCheck.Outcome, seed: Seed) -> (drafted: Int, same: Int) {
        guard let draftPlan = draft.site?.content.plan(seed.plan), let handPlan = hand.site?.content.plan(seed.plan),
              let draftRegion = draft.site?.content.region(seed.region), let handRegion = hand.site?.content.region(seed.region) else { return (0, 0) }
        let drafted = draftRegion.observations.filter { $0.metricID.hasPrefix(seed.plan + "-") }
        let same = drafted.filter { observation in
            guard let indicator = draftPlan.indicators.first(where: { $0.metricID == observation.metricID }),
                  let handIndicator = handPlan.indicators.first(where: { $0.number == indicator.number && TextPatterns.compact($0.name) == TextPatterns.compact(indicator.name) })
            else { return false }
            return handRegion.observations.contains { $0.metricID == handIndicator.metricID && $0.year == observation.year && $0.value.raw == observation.value.raw }
        }
        return (drafted.count, same.count)
    }

    /// Counts of what agrees: (same, hand-checked total) for each kind of element.
    struct Agreement {
        var chapters: (same: Int, hand: Int)
        var sections: (same: Int, hand: Int)
        var tasks: (same: Int, hand: Int)
        var annotations: (same: Int, hand: Int)
        var indicators: (draft: Int, hand: Int, sameValues: Int)
        var hanKept: Double
        var hanExtra: Int

        init(draft: Plan, hand: Plan, draftText: String, handText: String) {
            func same<T: Hashable>(_ a: [T], _ b: [T]) -> Int { Set(a).intersection(Set(b)).count }
            chapters = (same(draft.chapters.map(\.heading), hand.chapters.map(\.heading)), hand.chapters.count)
            let ds = draft.chapters.flatMap { c in c.sections.map { "\(c.id)|\($0.heading)" } }
            let hs = hand.chapters.flatMap { c in c.sections.map { "\(c.id)|\($0.heading)" } }
            sections = (same(ds, hs), hs.count)
            tasks = (same(draft.tasks.map { "\($0.id)|\($0.title)" }, hand.tasks.map { "\($0.id)|\($0.title)" }), hand.tasks.count)
            let da = draft.units.flatMap { u in u.annotations.map { "\(u.id)|\($0.raw)|\($0.scope)" } }
            let ha = hand.units.flatMap { u in u.annotations.map { "\(u.id)|\($0.raw)|\($0.scope)" } }
            annotations = (same(da, ha), ha.count)
            // An indicator agrees when its 序号, name, unit and every target and baseline agree.
            func key(_ i: Indicator) -> String {
                let name = TextPatterns.compact(i.name)
                return "\(i.number)|\(name)|\(i.unit)|\(i.baseline?.raw ?? "")|" + i.targets.map { "\($0.year):\($0.value.raw)" }.joined(separator: ",")
            }
            indicators = (draft.indicators.count, hand.indicators.count, same(draft.indicators.map(key), hand.indicators.map(key)))
            func han(_ text: String) -> [Unicode.Scalar: Int] {
                let body = text.components(separatedBy: "\n---\n").dropFirst().joined(separator: "\n")
                var c: [Unicode.Scalar: Int] = [:]
                for s in body.unicodeScalars where TextPatterns.isHan(s) { c[s, default: 0] += 1 }
                return c
            }
            let d = han(draftText)
            let h = han(handText)
            let common = h.reduce(0) { $0 + min($1.value, d[$1.key] ?? 0) }
            let handTotal = h.values.reduce(0, +)
            hanKept = handTotal == 0 ? 1 : Double(common) / Double(handTotal)
            hanExtra = d.values.reduce(0, +) - common
        }

        var row: String {
            "| \(chapters.same)/\(chapters.hand) | \(sections.same)/\(sections.hand) | \(tasks.same)/\(tasks.hand) | "
                + "\(annotations.same)/\(annotations.hand) | \(indicators.draft)/\(indicators.hand) (\(indicators.sameValues) identical) | "
                + String(format: "%.2f%% (+%d)", hanKept * 100, hanExtra) + " |"
        }
    }
}

import Foundation
import MarkdownTree
import PlanModel

/// The text readers that are internal to ContentReader (front matter, YAML fields, plan
/// structure), reachable from other modules of this package only (`package` access, not
/// public API). The fuzz target in Fuzz/ContentFuzz feeds them arbitrary text; each function
/// does exactly what the loader does with a file's text, minus the file system.
package enum ReaderEntryPoints {
    /// A plan body as PlanReader reads it: cmark-gfm blocks, then chapters, sections, tasks,
    /// annotations and indicator references.
    package static func readStructure(markdown: String, path: String = "plan.md", lineOffset: Int = 0,
                                      allowRawHTML: Bool = false)
        -> (chapters: [Chapter], units: [WorkUnit], blocks: [PlanBlock], diagnostics: [Diagnostic]) {
        let blocks = MarkdownParser.parse(markdown, options: MarkdownOptions(allowRawHTML: allowRawHTML))
        let result = PlanStructureReader(path: path, lineOffset: lineOffset).read(blocks)
        return (result.chapters, result.units, result.blocks, result.diagnostics)
    }

    /// A whole plan.md text: front matter split, the front matter's YAML fields (period,
    /// issue date, notes), then the body's structure. Nil plan when reading stops at an error.
    package static func readPlanText(_ text: String, path: String = "plan.md") -> (plan: Plan?, diagnostics: [Diagnostic]) {
        var log = DiagnosticLog()
        let split: FrontMatter.Split
        switch FrontMatter.split(text, path: path) {
        case .failure(let d): return (nil, [d])
        case .success(let s): split = s
        }
        let reader = PlanReader(directory: URL(fileURLWithPath: "/nonexistent"), displayPath: path, id: "fuzz", allowRawHTML: false)
        guard let fields = YAMLFields.parse(split.yaml, path: path, lineOffset: 1, known: PlanReader.frontMatterFields,
                                            required: ["title", "issuer", "period", "region", "source"], log: &log),
              let (start, end) = reader.period(fields, log: &log) else { return (nil, log.all) }
        let issueDate = SimpleDate(parsing: fields.string("issue_date"))
        var plan = Plan(id: "fuzz", title: fields.string("title"), docNumber: fields.string("doc_number"),
                        issuer: fields.string("issuer"), issueDate: issueDate, startYear: start, endYear: end,
                        regionID: fields.string("region"), source: fields.string("source"),
                        sourceNote: fields.string("source_note"), notes: fields.strings("notes", log: &log),
                        location: SourceLocation(path: path))
        let acknowledged = fields.strings("numbering_as_written", log: &log)
        reader.readBody(split, path: path, into: &plan, log: &log,
                        acknowledged: acknowledged, acknowledgedAt: fields.location("numbering_as_written"))
        return (plan, log.all)
    }

    /// A settings file (site.yaml, region.yaml) read as `key: value` fields: the values of the
    /// known fields as the loader reads them.
    package static func readYAMLFields(_ text: String, path: String = "site.yaml") -> (fields: [String: String]?, diagnostics: [Diagnostic]) {
        var log = DiagnosticLog()
        let known = Set(["title", "organisation", "data_as_of", "language", "allow_raw_html", "name", "level"] + SiteIdentification.keys)
        guard let fields = YAMLFields.parse(text, path: path, known: known, required: ["title"], log: &log) else {
            return (nil, log.all)
        }
        var values: [String: String] = [:]
        for key in known { values[key] = fields.string(key) }
        _ = fields.bool("allow_raw_html", log: &log)
        _ = fields.strings("level", log: &log)
        return (values, log.all)
    }
}

import ArgumentParser
import Foundation
import Importer

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Draft a plan folder (plan.md, indicators.csv, assignments.csv, review.md; observations.csv and metrics.csv from the tables' actual values; departments.csv and region.yaml for a new region) from a plan as plain text (UTF-8 or GBK/GB18030), .docx or saved .html.",
        discussion: "Every doubt is listed in review.md with its source line; see docs/import.md.")

    @Argument(help: "The plan: plain text (e.g. copied from a government web page), a .docx or a saved .html page (converted with pandoc).") var file: String
    @Option(help: "The region ID (a folder under regions/ of the content folder).") var region: String
    @Option(help: "The folder to write the draft into: plan.md, review.md and, where the text gives them, indicators.csv, assignments.csv, observations.csv, metrics.csv, departments.csv and region.yaml.") var out: String
    @Option(help: "The plan ID (default: the output folder's name).") var id: String?
    @Option(help: "The content folder whose department registry the names are checked against.") var content = "Content"
    @Flag(help: "Overwrite the drafted files (plan.md, indicators.csv, review.md and the others) when they exist.") var force = false

    func run() throws {
        let planID = id ?? URL(fileURLWithPath: out).standardizedFileURL.lastPathComponent
        guard PlanImporter.isValidID(planID) else {
            Console.error("import: plan ID '\(planID)' is not valid: use lower-case ASCII letters, digits and '-' (pass --id)")
            throw ExitCode(1)
        }
        guard var data = FileManager.default.contents(atPath: file) else {
            Console.error("import: cannot read \(file)")
            throw ExitCode(1)
        }
        if let format = DocumentConversion.format(of: file) {
            do {
                data = try DocumentConversion.plainText(of: file, format: format)
            } catch {
                Console.error("import: \(error)")
                throw ExitCode(1)
            }
        }
        let directory = URL(fileURLWithPath: out)
        let existing = ["plan.md", "indicators.csv", "assignments.csv", "review.md", "observations.csv", "metrics.csv", "departments.csv", "region.yaml"].filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        }
        if !existing.isEmpty && !force {
            Console.error("import: \(out) already holds \(existing.joined(separator: ", ")); pass --force to overwrite")
            throw ExitCode(1)
        }
        let registry = DepartmentRegistry(contentDirectory: content, region: region)
        if registry == nil {
            Console.error("import: no \(content)/regions/\(region)/departments.csv; drafting departments.csv and region.yaml for review")
        }
        let options = PlanImporter.Options(region: region, planID: planID, sourceName: file, registry: registry)
        let result = PlanImporter.run(data: data, options: options)
        // A file an earlier draft wrote but this one does not would be left behind stale.
        for (name, text) in [("indicators.csv", result.indicatorsCSV)] + result.optionalFiles where force && text == nil {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
        try PlanImporter.write(result, to: directory)
        let s = result.summary
        Console.error("import: \(s.chapters) chapters, \(s.sections) sections, \(s.tasks) tasks, \(s.annotations) annotations, "
                      + "\(s.indicatorRows) indicator rows, \(max(0, (result.assignmentsCSV?.split(separator: "\n").count ?? 1) - 1)) table assignments (\(result.encoding.rawValue)); "
                      + (result.observationsCSV == nil ? "" : "observations.csv and metrics.csv drafted from the tables' actual values; ")
                      + "\(result.report.items.count) doubts, \(result.report.requiredEdits.count) edits needed → \(out)/review.md")
    }
}

import Foundation
import Mustache
import PlanModel

/// The Mustache templates of Templates/, loaded and checked before anything is rendered:
/// a syntax error names the template file and line; a partial or label that does not exist
/// is an error too (Mustache itself would render it silently as empty text).
public struct TemplateSet: Sendable {
    public static let pages = ["index", "plan", "departments", "department", "indicators", "indicator", "progress", "progress-plan", "search", "data"]

    let library: MustacheLibrary
    public let directory: String
    /// The text of each template, by name (without `.mustache`).
    let sources: [String: String]

    public static func load(from directory: String, labels: Labels) -> Result<TemplateSet, DiagnosticList> {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else {
            return .failure(DiagnosticList([.error("missing-templates", at: SourceLocation(path: directory), "the templates folder does not exist",
                                    hint: "pass --templates with the folder that holds *.mustache, labels.yaml and style.css")]))
        }
        HTMLEscaping.register
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let path = "\(directory)/\(name)"
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let templateName = String(name.dropLast(".mustache".count))
            do {
                // The pragma line is standalone, so it renders as nothing; it shifts lines by one.
                library.register(try MustacheTemplate(string: HTMLEscaping.pragma + text), named: templateName)
                sources[templateName] = text
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error("template-syntax", at: SourceLocation(path: path, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
                                          "template syntax error: \(error.error)",
                                          hint: "check that every {{#section}} has its {{/section}} with the same name"))
            } catch {
                diagnostics.append(.error("template-syntax", at: SourceLocation(path: path), "template syntax error: \(error)"))
            }
        }
        for page in pages where sources[page] == nil && !diagnostics.contains(where: { $0.location.path.hasSuffix("/\(page).mustache") }) {
            diagnostics.append(.error("missing-template", at: SourceLocation(path: "\(directory)/\(page).mustache"),
                                      "the template '\(page).mustache' is missing", hint: "copy it from the default Templates/"))
        }
        diagnostics += validateReferences(sources, directory: directory, labels: labels)
        if !diagnostics.isEmpty { return .failure(DiagnosticList(diagnostics)) }
        return .success(TemplateSet(library: library, directory: directory, sources: sources))
    }

    /// Partials `{{> name}}` must exist; labels `{{labels.key}}` must be in labels.yaml.
    static func validateReferences(_ sources: [String: String], directory: String, labels: Labels) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let tag = try! NSRegularExpression(pattern: #"\{\{\{?\s*([>#^/&]?)\s*([A-Za-z0-9_.\-]+)\s*\}?\}\}"#)
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, line) in lines.enumerated() {
                let s = String(line)
                for m in tag.matches(in: s, range: NSRange(s.startIndex..., in: s)) {
                    guard let kindRange = Range(m.range(at: 1), in: s), let nameRange = Range(m.range(at: 2), in: s) else { continue }
                    let kind = String(s[kindRange])
                    let ref = String(s[nameRange])
                    let column = s.distance(from: s.startIndex, to: Range(m.range, in: s)!.lowerBound) + 1
                    let location = SourceLocation(path: "\(directory)/\(name).mustache", line: i + 1, column: column)
                    if kind == ">" && sources[ref] == nil {
                        diagnostics.append(.error("template-partial", at: location, "the partial '\(ref)' does not exist",
                                                  hint: "create \(directory)/\(ref).mustache or correct the name"))
                    }
                    if ref.hasPrefix("labels."), labels.values[String(ref.dropFirst("labels.".count))] == nil {
                        diagnostics.append(.error("template-label", at: location, "the label '\(ref.dropFirst("labels.".count))' is not in \(labels.path)",
                                                  hint: "add it to the labels file or correct the name"))
                    }
                }
            }
        }
        return diagnostics
    }

    /// Whether the page template `page`, or any partial (a template that is not a page),
    /// names `field`: what a page does not show need not be made for it.
    func mayShow(_ field: String, on page: String) -> Bool {
        sources.contains { name, text in (name == page || !Self.pages.contains(name)) && text.contains(field) }
    }

    func render(_ view: Any, template: String) -> String {
        library.render(view, withTemplate: template) ?? ""
    }
}

import Foundation
import Mustache
import PlanModel

/// The Mustache templates of Templates/, loaded and checked before anything is rendered:
/// a syntax error names the template file and line; a partial or label that does not exist
/// is an error too (Mustache itself would render it silently as empty text).
public struct TemplateSet: Sendable {
    public static let pages = ["index", "plan", "departments", "department", "indicators", "indicator", "progress", "progress-plan", "method", "search", "sitemap", "data"]

    let library: MustacheLibrary
    /// The templates with the labels written in (`TemplateLabels`), and those labels.
    let filledLibrary: MustacheLibrary
    let filledLabels: [String: String]
    /// The pages rendered in pieces (`TemplatePieces`), plain and with the labels written in.
    let pieces: [String: TemplatePieces]
    let filledPieces: [String: TemplatePieces]
    public let directory: String
    /// The text of each template, by name (without `.mustache`).
    let sources: [String: String]
    /// Every file of the templates folder (templates, labels, assets), by name.
    let files: [String: Data]

    /// The top-level files of a templates folder, by name (hidden files left out); nil when
    /// the folder does not exist.
    public static func files(in directory: String) -> [String: Data]? {
        let root = URL(fileURLWithPath: directory, isDirectory: true)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return nil }
        var files: [String: Data] = [:]
        for name in names where !name.hasPrefix(".") {
            let url = root.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            files[name] = data
        }
        return files
    }

    /// The templates of a folder's files (`files(in:)`); `directory` names them in diagnostics.
    public static func load(files: [String: Data], directory: String, labels: Labels) -> Result<TemplateSet, DiagnosticList> {
        HTMLEscaping.register
        var library = MustacheLibrary()
        var filledLibrary = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        var sources: [String: String] = [:]
        var pieces: [String: TemplatePieces] = [:], filledPieces: [String: TemplatePieces] = [:]
        for (name, data) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            let path = "\(directory)/\(name)"
            let text = String(decoding: data, as: UTF8.self)
            let templateName = String(name.dropLast(".mustache".count))
            do {
                // The pragma line is standalone, so it renders as nothing; it shifts lines by one.
                let template = try MustacheTemplate(string: HTMLEscaping.pragma + text)
                library.register(template, named: templateName)
                let filled = TemplateLabels.fillIn(text, labels: labels.values)
                filledLibrary.register(filled == text ? template : try MustacheTemplate(string: HTMLEscaping.pragma + filled), named: templateName)
                sources[templateName] = text
                if let list = TemplatePieces.lists[templateName] {
                    pieces[templateName] = TemplatePieces(text, section: list)
                    filledPieces[templateName] = TemplatePieces(filled, section: list)
                }
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
        return .success(TemplateSet(library: library, filledLibrary: filledLibrary, filledLabels: labels.values, pieces: pieces,
                                    filledPieces: filledPieces, directory: directory, sources: sources, files: files))
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

    /// What `template` renders for `view`; `labelsFilled`: with the labels written in, which
    /// is the same when the views' labels are `filledLabels`.
    func render(_ view: Any, template: String, labelsFilled: Bool = false) -> String {
        (labelsFilled ? filledLibrary : library).render(view, withTemplate: template) ?? ""
    }

    /// The pieces of a page rendered in pieces; nil when its template cannot be cut.
    func pieces(of template: String, labelsFilled: Bool) -> TemplatePieces? {
        (labelsFilled ? filledPieces : pieces)[template]
    }

    /// What one of those pieces renders for `view`.
    func render(_ view: Any, piece: MustacheTemplate, labelsFilled: Bool) -> String {
        piece.render(view, library: labelsFilled ? filledLibrary : library)
    }
}

import Embedded
import Foundation

/// `plansite init`: a new site folder with example content, the default templates and a
/// Makefile, which builds and passes `plansite check` at once.
public enum Scaffold {
    public enum Failure: Error, CustomStringConvertible {
        case notEmpty(String), missing(String), io(String)
        public var description: String {
            switch self {
            case .notEmpty(let p): return "\(p) exists and is not empty; choose a new folder"
            case .missing(let p): return "\(p) not found"
            case .io(let m): return m
            }
        }
    }

    /// - Parameters:
    ///   - templates: a templates folder to copy; nil: the default templates embedded in plansite.
    ///   - example: a content folder to copy; nil: the example content embedded in plansite.
    public static func create(at directory: String, templates: String? = nil, example: String? = nil) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: directory)
        if let existing = try? fm.contentsOfDirectory(atPath: target.path), !existing.isEmpty { throw Failure.notEmpty(directory) }
        for case let source? in [templates, example] where !fm.fileExists(atPath: source) { throw Failure.missing(source) }
        do {
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            try place(example, or: Embedded.exampleContent, at: target.appendingPathComponent("Content"))
            try place(templates, or: Embedded.templates, at: target.appendingPathComponent("Templates"))
            try Data(makefile.utf8).write(to: target.appendingPathComponent("Makefile"))
            try Data(readme.utf8).write(to: target.appendingPathComponent("README.md"))
            // The output, and what builds keep beside it: staging folders, manifest, plan cache.
            try Data("Output/\n.Output.*\n".utf8).write(to: target.appendingPathComponent(".gitignore"))
        } catch {
            throw Failure.io("cannot create the site: \(error.localizedDescription)")
        }
    }

    /// Copies the folder `source`, or writes `files` (relative path → bytes) when there is none.
    static func place(_ source: String?, or files: [String: Data], at destination: URL) throws {
        if let source { return try FileManager.default.copyItem(atPath: source, toPath: destination.path) }
        for (path, data) in files {
            let url = destination.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }

    static let makefile = """
    # Build this site with plansite (`make install` in a plansite checkout puts it on PATH).
    PLANSITE ?= plansite

    .PHONY: site check serve
    site:
    \t$(PLANSITE) build --content Content --templates Templates --output Output
    check:
    \t$(PLANSITE) check --content Content --strict
    serve:
    \t$(PLANSITE) serve --content Content --templates Templates --output Output

    """

    static let readme = """
    # A plansite site

    - `Content/`: site.yaml, regions/ (departments, metrics, observations) and plans/ (plan.md,
      indicators.csv). The format is described in plansite's docs/content-format.md.
    - `Templates/`: Mustache templates, labels.yaml (UI labels) and style.css.
    - `make check` validates the content, `make site` writes Output/, `make serve` previews it
      on http://127.0.0.1:8000/ and rebuilds on every change.

    """
}

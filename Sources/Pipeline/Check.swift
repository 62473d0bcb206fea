import ContentReader
import Linking
import PlanModel

/// Read and link a content folder: everything `plansite check` validates.
public enum ContentCheck {
    public struct Outcome: Sendable {
        public let site: LinkedSite?
        public let diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
        public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
    }

    public static func run(contentDirectory: String, threads: Int? = nil) -> Outcome {
        let (content, readDiagnostics) = ContentLoader.load(from: contentDirectory, threads: threads)
        guard let content else { return Outcome(site: nil, diagnostics: readDiagnostics) }
        let (site, linkDiagnostics) = Linker.link(content)
        return Outcome(site: site, diagnostics: (readDiagnostics + linkDiagnostics).sorted())
    }
}

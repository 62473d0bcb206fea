import Foundation
import PlanModel

/// How diagnostics are printed: compiler-style text, or JSON for CI annotations.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    case text, json

    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch self {
        case .text:
            return diagnostics.map(\.description).joined(separator: "\n")
        case .json:
            let items = diagnostics.map { d -> [String: Any] in
                var item: [String: Any] = ["severity": d.severity.rawValue, "code": d.code, "file": d.location.path,
                                           "line": d.location.line, "column": d.location.column, "message": d.message]
                if let hint = d.hint { item["hint"] = hint }
                return item
            }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let object: [String: Any] = ["diagnostics": items, "errors": errors, "warnings": diagnostics.count - errors]
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

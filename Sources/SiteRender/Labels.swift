import Foundation
import PlanModel
import Progress

/// UI labels, from Templates/labels.yaml-like `key: value` lines (one file per language).
public struct Labels: Sendable {
    public let values: [String: String]
    public let path: String

    /// Keys the renderer itself uses (templates may use more; `validate` checks those).
    static let required = ["status-met", "status-on-track", "status-behind", "status-not-met", "status-qualitative",
                           "status-no-data", "status-met-early", "status-target-year-unreported", "not-stated", "method-title", "not-reported", "no-report", "kind-party", "kind-government", "kind-agency",
                           "kind-enterprise", "kind-other", "chart-departments", "chart-status", "chart-observations",
                           "chart-bullet", "lead", "co", "baseline", "target", "latest", "report-done",
                           "report-in-progress", "report-not-started", "report-delayed", "basis-annual",
                           "basis-five-year-mean", "basis-cumulative", "basis-change-since", "reason-redacted", "reason-qualitative",
                           "reason-not-comparable", "reason-no-value", "reason-met", "reason-missed", "reason-met-early",
                           "reason-unreported", "reason-unreported-latest-meets", "reason-unreported-latest-misses", "reason-no-baseline", "reason-nothing-since-baseline", "reason-pace",
                           "editorial-name", "editorial-note"]

    /// Reads a flat `key: value` file. Lines starting with # are comments.
    public static func read(path: String) -> Result<Labels, Diagnostic> {
        parse(FileManager.default.contents(atPath: path), path: path)
    }

    /// Labels from the bytes of a labels file (nil: the file is missing); `path` names it in
    /// diagnostics.
    public static func parse(_ data: Data?, path: String) -> Result<Labels, Diagnostic> {
        guard let data else {
            return .failure(.error("missing-file", at: SourceLocation(path: path), "the labels file is missing",
                                   hint: "Templates/ needs labels.yaml with the UI labels (copy the default one)"))
        }
        let text = String(decoding: data, as: UTF8.self)
        var values: [String: String] = [:]
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                return .failure(.error("labels", at: SourceLocation(path: path, line: i + 1), "expected 'key: label'"))
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            values[key] = value
        }
        let missing = required.filter { values[$0] == nil }
        if !missing.isEmpty {
            return .failure(.error("labels", at: SourceLocation(path: path), "labels missing: \(missing.joined(separator: ", "))",
                                   hint: "add a line 'key: label' for each"))
        }
        return .success(Labels(values: values, path: path))
    }

    public subscript(_ key: String) -> String { values[key] ?? key }

    static let symbols: [ProgressStatus: String] = [.met: "✓", .notMet: "✗", .targetYearUnreported: "?", .metEarly: "☆",
                                                     .onTrack: "→", .behind: "!", .qualitative: "◇", .noData: "—"]

    func status(_ status: ProgressStatus) -> StatusView {
        StatusView(key: status.rawValue, symbol: Self.symbols[status] ?? "", label: self["status-\(status.rawValue)"])
    }

    /// A label with `{name}` placeholders filled in, in one pass: a value is never searched
    /// for placeholders itself (values come from content: a target written `{year}` stays so),
    /// and a `{…}` that names no value is kept as written.
    func format(_ key: String, _ values: [String: String]) -> String {
        let template = self[key]
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.firstIndex(of: "}"), let value = values[String(after[..<close])] {
                out += value
                rest = after[after.index(after: close)...]
            } else {
                out += "{"
                rest = after
            }
        }
        out += rest
        return out
    }

    func reason(_ reason: EvaluationReason) -> String {
        func pct(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }
        switch reason {
        case .redacted: return self["reason-redacted"]
        case .qualitativeTarget: return self["reason-qualitative"]
        case .notComparable: return self["reason-not-comparable"]
        case .noComparableValue(let year, let b): return format("reason-no-value", ["year": "\(year)", "basis": basis(b)])
        case .reachedAtTargetYear(let y, let v, let t): return format("reason-met", ["year": "\(y)", "value": v, "target": t])
        case .missedAtTargetYear(let y, let v, let t): return format("reason-missed", ["year": "\(y)", "value": v, "target": t])
        case .metEarly(let y, let v, let ty, let t):
            return format("reason-met-early", ["year": "\(y)", "value": v, "targetYear": "\(ty)", "target": t])
        case .targetYearUnreported(let ty, let ly, let lv, let meets):
            let head = format("reason-unreported", ["targetYear": "\(ty)"])
            guard let ly, let lv else { return head }
            let key = meets == true ? "reason-unreported-latest-meets" : "reason-unreported-latest-misses"
            return head + format(key, ["year": "\(ly)", "value": lv])
        case .noBaseline: return self["reason-no-baseline"]
        case .nothingSinceBaseline(let y): return format("reason-nothing-since-baseline", ["baselineYear": "\(y)"])
        case .pace(let p, let e): return format("reason-pace", ["progress": pct(p), "elapsed": pct(e)])
        }
    }

    func kind(_ kind: DepartmentKind) -> String { self["kind-\(kind.rawValue)"] }

    func basis(_ basis: Basis) -> String {
        switch basis {
        case .annual: return self["basis-annual"]
        case .fiveYearMean: return self["basis-five-year-mean"]
        case .cumulative: return self["basis-cumulative"]
        case .changeSince(let year): return format("basis-change-since", ["year": "\(year)"])
        case .other(let text): return text
        }
    }
}

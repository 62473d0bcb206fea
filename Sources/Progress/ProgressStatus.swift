import PlanModel

/// The status of a target. Each has a word and a symbol, so that no page relies on colour.
public enum ProgressStatus: String, Sendable, CaseIterable, Codable {
    /// The reported value for the target year (or earlier) satisfies the target.
    case met
    /// Before the target year, progress keeps pace with the time elapsed.
    case onTrack = "on-track"
    /// Before the target year, progress lags behind the time elapsed.
    case behind
    /// The target year's reported value misses the target.
    case notMet = "not-met"
    /// A qualitative target (建立, 保持稳定): not evaluated from numbers.
    case qualitative
    /// Nothing comparable reported.
    case noData = "no-data"
}

/// Everything that went into a target's status, published so anyone can check it.
public struct TargetEvaluation: Sendable, Hashable {
    public let indicatorKey: String
    public let target: Target
    public let status: ProgressStatus
    public let direction: Direction?
    public let baselineYear: Int?
    public let baselineValue: Double?
    /// The observation compared with the target, if any.
    public let observation: Observation?
    /// (latest − baseline) / (target − baseline), clipped to 0…1.
    public let progress: Double?
    /// Share of the time from baseline year to target year elapsed as of "data as of".
    public let elapsed: Double?
    /// Open SDG style: observed growth rate / required growth rate (two or more points).
    public let growthRatio: Double?
    /// Plain-language reason for the status (English, for logs and tests).
    public let explanation: String
    /// The reason as data, so that pages can say it in their own language.
    public let reason: EvaluationReason
    /// Values reported on another basis that were not compared (e.g. a five-year mean).
    public let otherBasis: [Observation]
}

/// The evaluation of all of an indicator's targets, and the one the pages lead with.
public struct IndicatorEvaluation: Sendable, Hashable {
    public let indicatorKey: String
    public let targets: [TargetEvaluation]
    public let latest: Observation?
    public let observations: [Observation]

    /// The final target if it could be evaluated, else the latest target that could, else the
    /// latest numeric target (a plan's numeric 2020 target leads over its words for 2022).
    public var headline: TargetEvaluation? {
        let evaluated = targets.filter { $0.status != .noData && $0.status != .qualitative }
        if let final = targets.max(by: { $0.target.year < $1.target.year }), final.status != .noData, final.status != .qualitative {
            return final
        }
        let numeric = targets.filter { $0.target.value.number != nil }
        return evaluated.max { $0.target.year < $1.target.year } ?? numeric.max { $0.target.year < $1.target.year }
            ?? targets.max { $0.target.year < $1.target.year }
    }

    public var status: ProgressStatus { headline?.status ?? .noData }
}

/// Why a target has its status; the site renders each case with a label of labels.yaml.
public enum EvaluationReason: Sendable, Hashable {
    case redacted
    case qualitativeTarget
    case notComparable
    case noComparableValue(upTo: Int, basis: Basis)
    case reachedAtTargetYear(year: Int, value: String, target: String)
    case missedAtTargetYear(year: Int, value: String, target: String)
    case metEarly(year: Int, value: String, targetYear: Int, target: String)
    case targetYearPassed(targetYear: Int, latestYear: Int)
    case noBaseline
    case nothingSinceBaseline(baselineYear: Int)
    case pace(progress: Double, elapsed: Double)
}

import PlanModel

/// The status of a target. Each has a word and a symbol, so that no page relies on colour.
/// The first three are outcomes (the target year's value decides); the next three are
/// forecasts made before the target year is over.
public enum ProgressStatus: String, Sendable, CaseIterable, Codable {
    /// The reported value of the target year satisfies the target.
    case met
    /// The reported value of the target year misses the target.
    case notMet = "not-met"
    /// The target year is over and its value is not reported: never counted as met.
    case targetYearUnreported = "target-year-unreported"
    /// Before the target year is over, the latest value already satisfies the target.
    case metEarly = "met-early"
    /// Before the target year is over, progress keeps pace with the time elapsed.
    case onTrack = "on-track"
    /// Before the target year is over, progress lags behind the time elapsed.
    case behind
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
    /// The basis of the values compared: annual, or a change since the target's base year.
    public let comparedBasis: Basis
}

/// The evaluation of all of an indicator's targets, and the one the pages lead with.
public struct IndicatorEvaluation: Sendable, Hashable {
    public let indicatorKey: String
    public let targets: [TargetEvaluation]
    public let latest: Observation?
    public let observations: [Observation]

    /// The last target written as a number, else the last target: an earlier target that was
    /// met never stands in for a later one that was not assessed.
    public var headline: TargetEvaluation? {
        targets.last { $0.target.value.number != nil } ?? targets.last
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
    /// The latest comparable value (of any year) is shown beside it, with whether it would
    /// satisfy the target; it is never counted as met.
    case targetYearUnreported(targetYear: Int, latestYear: Int?, latestValue: String?, latestMeets: Bool?)
    case noBaseline
    case nothingSinceBaseline(baselineYear: Int)
    case pace(progress: Double, elapsed: Double)
}

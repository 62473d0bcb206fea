import Foundation
import Linking
import PlanModel

/// Evaluates every indicator's targets against the observations of its region metric, by the
/// rules of docs/progress.md (the site's 方法说明 page says the same):
///
/// - a status depends only on the target (its value, year and baseline), the site's
///   `data_as_of` and the observations of the metric on the target's basis;
/// - once the target year is over (`data_as_of` is in a later year) only the value of the
///   target year decides: met or not met, and without it "target year unreported";
/// - until then the status is a forecast from the latest comparable value: met early, on
///   track or behind.
public struct ProgressEvaluator: Sendable {
    /// "On track" when progress ≥ this share of the elapsed time.
    public static let onTrackRatio = 0.9
    /// An `about` target (10左右) is met within this relative distance.
    public static let aboutTolerance = 0.05

    public let asOf: SimpleDate

    public init(asOf: SimpleDate) { self.asOf = asOf }

    public func evaluate(_ site: LinkedSite) -> [String: IndicatorEvaluation] {
        var result: [String: IndicatorEvaluation] = [:]
        for plan in site.content.plans {
            for indicator in plan.indicators { result[indicator.key] = evaluate(indicator, in: site) }
        }
        return result
    }

    /// One indicator of the site against the observations of its region metric.
    public func evaluate(_ indicator: Indicator, in site: LinkedSite) -> IndicatorEvaluation {
        let metricKey = site.metricKey(of: indicator)
        return evaluate(indicator, metric: metricKey.flatMap { site.metrics[$0] },
                        observations: metricKey.map { site.observations(forMetric: $0) } ?? [])
    }

    public func evaluate(_ indicator: Indicator, metric: Metric?, observations: [Observation]) -> IndicatorEvaluation {
        let targets = indicator.targets.sorted { $0.year < $1.year }.map {
            evaluate(indicator: indicator, target: $0, metric: metric, observations: observations)
        }
        let latest = observations.filter { $0.basis == .annual && $0.value.number != nil }.max { $0.year < $1.year }
        return IndicatorEvaluation(indicatorKey: indicator.key, targets: targets, latest: latest, observations: observations)
    }

    static func direction(target: ValueExpression, metric: Metric?) -> Direction? {
        // A change target ("削减4%", 〔16〕) is an amount of change to reach: more is better
        // unless its comparator says otherwise.
        if target.isChange {
            switch target.form {
            case .comparison(.atMost, _), .comparison(.less, _): return .lower
            default: return .higher
            }
        }
        if let d = metric?.direction { return d }
        switch target.form {
        case .comparison(.atLeast, _), .comparison(.greater, _): return .higher
        case .comparison(.atMost, _), .comparison(.less, _): return .lower
        case .qualitative(let d): return d
        default: return nil
        }
    }

    /// The year a change target counts from: the year it names ("较2013年…"), else the
    /// indicator's baseline year, else the end of the previous five-year period.
    static func changeBaseYear(_ indicator: Indicator, _ target: Target) -> Int {
        if let written = target.value.writtenBaseYear { return written }
        if let year = indicator.baselineYear, year < target.year { return year }
        return Basis.periodBaseYear(of: target.year)
    }

    /// The observations a target is compared with: annual values for a level target; values
    /// reported as a change since the same base year for a change target.
    static func comparable(_ observations: [Observation], target: Target, changeBase: Int?) -> [Observation] {
        observations.filter { o in
            guard o.value.number != nil else { return false }
            if let changeBase { return o.basis.changeBaseYear(valueYear: o.year) == changeBase }
            return o.basis == .annual
        }
    }

    /// True when the baseline is written on another basis than the target: a five-year mean
    /// ("36(“十三五”均值)") or a cumulative value against an annual target (or the reverse).
    public static func baselineBasisDiffers(_ baseline: ValueExpression, from target: ValueExpression) -> Bool {
        baseline.raw.contains("均值") || baseline.cumulative != target.cumulative
    }

    /// Whether a value satisfies a target.
    static func satisfies(_ value: Double, _ target: ValueExpression, direction: Direction?) -> Bool? {
        switch target.form {
        case .comparison(.atLeast, let t): return value >= t
        case .comparison(.greater, let t): return value > t
        case .comparison(.atMost, let t): return value <= t
        case .comparison(.less, let t): return value < t
        case .comparison(.about, let t):
            // "提高至18%左右": about t, and beyond it in the good direction also counts.
            switch direction {
            case .higher: return value >= t - abs(t) * aboutTolerance
            case .lower: return value <= t + abs(t) * aboutTolerance
            case nil: return abs(value - t) <= abs(t) * aboutTolerance
            }
        case .range(let a, let b): return value >= a && value <= b
        case .number(let t):
            switch direction {
            case .higher: return value >= t
            case .lower: return value <= t
            case nil: return value == t
            }
        default: return nil
        }
    }

    func evaluate(indicator: Indicator, target: Target, metric: Metric?, observations: [Observation]) -> TargetEvaluation {
        let direction = Self.direction(target: target.value, metric: metric)
        let changeBase = target.value.isChange ? Self.changeBaseYear(indicator, target) : nil
        let comparable = Self.comparable(observations, target: target, changeBase: changeBase)
        let wantedBasis: Basis = changeBase.map { .changeSince($0) } ?? .annual
        let otherBasis = observations.filter { $0.year <= target.year && !comparable.contains($0) }
        let baseline = Self.baseline(indicator, target: target, changeBase: changeBase, comparable: comparable)

        func result(_ status: ProgressStatus, _ observation: Observation?, progress: Double? = nil, elapsed: Double? = nil,
                    growth: Double? = nil, _ reason: EvaluationReason, _ explanation: String) -> TargetEvaluation {
            TargetEvaluation(indicatorKey: indicator.key, target: target, status: status, direction: direction,
                             baselineYear: baseline.year, baselineValue: baseline.value, observation: observation,
                             progress: progress, elapsed: elapsed, growthRatio: growth, explanation: explanation,
                             reason: reason, otherBasis: otherBasis, comparedBasis: wantedBasis)
        }

        guard target.value.number != nil else {
            if case .redacted = target.value.form { return result(.noData, nil, .redacted, "the target is redacted in the source") }
            return result(.qualitative, nil, .qualitativeTarget, "a qualitative target: not evaluated from numbers")
        }
        let upToTarget = comparable.filter { $0.year <= target.year }
        let growth = Self.growthRatio(observations: upToTarget, baselineYear: baseline.year, baselineValue: baseline.value,
                                      target: target, direction: direction)
        func progress(of o: Observation) -> Double? {
            guard baseline.year.map({ o.year > $0 }) ?? true, let value = o.value.number else { return nil }
            return Self.progress(value: value, baseline: baseline.value, target: target.value.number, direction: direction)
        }

        // The target year's value decides, whenever it is reported.
        if let reached = upToTarget.first(where: { $0.year == target.year }), let value = reached.value.number {
            guard let ok = Self.satisfies(value, target.value, direction: direction) else {
                return result(.qualitative, reached, .notComparable, "the target cannot be compared with a number")
            }
            return result(ok ? .met : .notMet, reached, progress: progress(of: reached), growth: growth,
                          ok ? .reachedAtTargetYear(year: reached.year, value: reached.value.raw, target: target.value.raw)
                             : .missedAtTargetYear(year: reached.year, value: reached.value.raw, target: target.value.raw),
                          "\(reached.year) value \(reached.value.raw) \(ok ? "meets" : "misses") the target \(target.value.raw)")
        }
        // The target year is over without its value: never met, whatever earlier values say.
        if asOf.year > target.year {
            let latest = comparable.max { $0.year < $1.year }
            let meets = latest.flatMap { o in o.value.number.flatMap { Self.satisfies($0, target.value, direction: direction) } }
            return result(.targetYearUnreported, latest, progress: latest.flatMap(progress(of:)), growth: growth,
                          .targetYearUnreported(targetYear: target.year, latestYear: latest?.year, latestValue: latest?.value.raw,
                                                latestMeets: meets),
                          "the target year \(target.year) is over and no \(target.year) value is reported"
                            + (latest.map { " (latest: \($0.year) \($0.value.raw))" } ?? ""))
        }
        // Before the end of the target year: a forecast from the latest comparable value.
        guard let latest = upToTarget.max(by: { $0.year < $1.year }), let value = latest.value.number else {
            let note = otherBasis.isEmpty ? "" : "; values on another basis (\(otherBasis.map { "\($0.year) \($0.basis)" }.joined(separator: ", "))) are not compared"
            return result(.noData, nil, .noComparableValue(upTo: target.year, basis: wantedBasis), "no \(wantedBasis) value reported up to \(target.year)" + note)
        }
        if Self.satisfies(value, target.value, direction: direction) == true {
            return result(.metEarly, latest, progress: progress(of: latest), growth: growth,
                          .metEarly(year: latest.year, value: latest.value.raw, targetYear: target.year, target: target.value.raw),
                          "met early: \(latest.year) value \(latest.value.raw) satisfies the \(target.year) target \(target.value.raw)")
        }
        if let baselineYear = baseline.year, latest.year <= baselineYear {
            return result(.noData, latest, growth: growth, .nothingSinceBaseline(baselineYear: baselineYear),
                          "no value reported after the baseline year \(baselineYear)")
        }
        guard let share = progress(of: latest), let baselineYear = baseline.year, target.year > baselineYear else {
            return result(.noData, latest, .noBaseline, "no baseline to measure progress from")
        }
        let elapsed = Self.elapsed(asOf: asOf, baselineYear: baselineYear, targetYear: target.year)
        let onTrack = share >= elapsed * Self.onTrackRatio
        return result(onTrack ? .onTrack : .behind, latest, progress: share, elapsed: elapsed, growth: growth,
                      .pace(progress: share, elapsed: elapsed),
                      String(format: "progress %.0f%% of the way from baseline to target, %.0f%% of the time elapsed", share * 100, elapsed * 100))
    }

    /// The baseline progress is measured from. A change target counts from zero at its base
    /// year. A level target uses the indicator's baseline, unless the table gives it on another
    /// basis (a 十三五均值): then the comparable value of the baseline year, else the earliest
    /// comparable value before the target year.
    static func baseline(_ indicator: Indicator, target: Target, changeBase: Int?,
                         comparable: [Observation]) -> (year: Int?, value: Double?) {
        if let changeBase { return (changeBase, 0) }
        var year = indicator.baselineYear
        var value = indicator.baseline?.number
        if let written = indicator.baseline, baselineBasisDiffers(written, from: target.value) { value = nil }
        if value == nil || year == nil {
            let before = comparable.filter { $0.year < target.year }
            if let chosen = before.first(where: { $0.year == indicator.baselineYear }) ?? before.min(by: { $0.year < $1.year }) {
                year = chosen.year
                value = chosen.value.number
            }
        }
        return (year, value)
    }

    /// (data-as-of − baseline year) / (target year − baseline year), clipped to 0…1.
    public static func elapsed(asOf: SimpleDate, baselineYear: Int, targetYear: Int) -> Double {
        min(max((asOf.fractionalYear - Double(baselineYear)) / Double(targetYear - baselineYear), 0), 1)
    }

    /// (latest − baseline) / (target − baseline), clipped to 0…1; nil without a baseline or when target = baseline.
    public static func progress(value: Double, baseline: Double?, target: Double?, direction: Direction?) -> Double? {
        guard let baseline, let target, target != baseline else { return nil }
        return min(max((value - baseline) / (target - baseline), 0), 1)
    }

    /// Open SDG (Statistics Canada) ratio: observed compound annual growth rate since the base
    /// year over the rate required to reach the target on time. Needs two or more points.
    public static func growthRatio(observations: [Observation], baselineYear: Int?, baselineValue: Double?,
                                   target: Target, direction: Direction?) -> Double? {
        guard let baselineYear, let baselineValue, baselineValue > 0, let targetValue = target.value.number, targetValue > 0,
              let latest = observations.filter({ $0.year > baselineYear }).max(by: { $0.year < $1.year }),
              let value = latest.value.number, value > 0, target.year > baselineYear else { return nil }
        let observed = pow(value / baselineValue, 1 / Double(latest.year - baselineYear)) - 1
        let required = pow(targetValue / baselineValue, 1 / Double(target.year - baselineYear)) - 1
        guard required != 0 else { return nil }
        return observed / required
    }
}

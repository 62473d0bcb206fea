import Foundation
import Linking
import PlanModel

/// Evaluates every indicator's targets against the observations of its region metric.
/// The rules are documented in docs/progress.md.
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
        if let d = metric?.direction { return d }
        switch target.form {
        case .comparison(.atLeast, _), .comparison(.greater, _): return .higher
        case .comparison(.atMost, _), .comparison(.less, _): return .lower
        case .qualitative(let d): return d
        default: return nil
        }
    }

    /// True when the baseline is written on another basis than the target: a five-year mean
    /// ("36(“十三五”均值)") or a cumulative value against an annual target (or the reverse).
    static func baselineBasisDiffers(_ baseline: ValueExpression, from target: ValueExpression) -> Bool {
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
        // Compare like with like: a cumulative target with cumulative values, otherwise annual values.
        let wantedBasis: Basis = target.value.cumulative ? .cumulative : .annual
        let comparable = observations.filter { $0.basis == wantedBasis && $0.value.number != nil }
        let otherBasis = observations.filter { $0.basis != wantedBasis && $0.year <= target.year }
        var baselineYear = indicator.baselineYear
        var baselineValue = indicator.baseline?.number
        // A baseline on another basis (a 十三五均值 five-year mean, or a cumulative 〔〕 value for
        // an annual target) is not mixed with annual values: use a comparable observation.
        if let baseline = indicator.baseline, Self.baselineBasisDiffers(baseline, from: target.value) {
            baselineValue = nil
        }
        if baselineValue == nil || baselineYear == nil {
            // The comparable value of the indicator's own baseline year, else the earliest one.
            let before = comparable.filter { $0.year < target.year }
            if let chosen = before.first(where: { $0.year == indicator.baselineYear }) ?? before.min(by: { $0.year < $1.year }) {
                baselineYear = chosen.year
                baselineValue = chosen.value.number
            }
        }

        func result(_ status: ProgressStatus, _ observation: Observation?, progress: Double? = nil, elapsed: Double? = nil,
                    growth: Double? = nil, _ reason: EvaluationReason, _ explanation: String) -> TargetEvaluation {
            TargetEvaluation(indicatorKey: indicator.key, target: target, status: status, direction: direction,
                             baselineYear: baselineYear, baselineValue: baselineValue, observation: observation,
                             progress: progress, elapsed: elapsed, growthRatio: growth, explanation: explanation,
                             reason: reason, otherBasis: otherBasis)
        }

        guard let targetNumber = target.value.number else {
            if case .redacted = target.value.form { return result(.noData, nil, .redacted, "the target is redacted in the source") }
            return result(.qualitative, nil, .qualitativeTarget, "a qualitative target: not evaluated from numbers")
        }
        _ = targetNumber
        let upToTarget = comparable.filter { $0.year <= target.year }
        guard let latest = upToTarget.max(by: { $0.year < $1.year }), let value = latest.value.number else {
            let note = otherBasis.isEmpty ? "" : "; values on another basis (\(otherBasis.map { "\($0.year) \($0.basis)" }.joined(separator: ", "))) are not compared"
            return result(.noData, nil, .noComparableValue(upTo: target.year, basis: wantedBasis), "no \(wantedBasis) value reported up to \(target.year)" + note)
        }
        // A latest value that is the baseline itself measures no progress: no ratio is shown
        // ("0 %" would read as a measurement) and the pace is not judged.
        let sinceBaseline = baselineYear.map { latest.year > $0 } ?? true
        let progress = sinceBaseline
            ? Self.progress(value: value, baseline: baselineValue, target: target.value.number, direction: direction) : nil
        let growth = Self.growthRatio(observations: upToTarget, baselineYear: baselineYear, baselineValue: baselineValue,
                                      target: target, direction: direction)
        if latest.year == target.year {
            guard let ok = Self.satisfies(value, target.value, direction: direction) else {
                return result(.qualitative, latest, .notComparable, "the target cannot be compared with a number")
            }
            return result(ok ? .met : .notMet, latest, progress: progress, growth: growth,
                          ok ? .reachedAtTargetYear(year: latest.year, value: latest.value.raw, target: target.value.raw)
                             : .missedAtTargetYear(year: latest.year, value: latest.value.raw, target: target.value.raw),
                          "\(latest.year) value \(latest.value.raw) \(ok ? "meets" : "misses") the target \(target.value.raw)")
        }
        if Self.satisfies(value, target.value, direction: direction) == true {
            return result(.met, latest, progress: progress, growth: growth,
                          .metEarly(year: latest.year, value: latest.value.raw, targetYear: target.year, target: target.value.raw),
                          "already met: \(latest.year) value \(latest.value.raw) satisfies the \(target.year) target \(target.value.raw)")
        }
        if asOf.year > target.year {
            return result(.noData, latest, progress: progress, growth: growth,
                          .targetYearPassed(targetYear: target.year, latestYear: latest.year),
                          "the target year \(target.year) has passed and no \(target.year) value is reported (latest: \(latest.year))")
        }
        if !sinceBaseline, let baselineYear, target.year > baselineYear {
            return result(.noData, latest, growth: growth, .nothingSinceBaseline(baselineYear: baselineYear),
                          "no value reported after the baseline year \(baselineYear)")
        }
        guard let progress, let baselineYear, target.year > baselineYear else {
            return result(.noData, latest, .noBaseline, "no baseline to measure progress from")
        }
        let elapsed = min(max((asOf.fractionalYear - Double(baselineYear)) / Double(target.year - baselineYear), 0), 1)
        let onTrack = progress >= elapsed * Self.onTrackRatio
        return result(onTrack ? .onTrack : .behind, latest, progress: progress, elapsed: elapsed, growth: growth,
                      .pace(progress: progress, elapsed: elapsed), String(format: "progress %.0f%% of the way from baseline to target, %.0f%% of the time elapsed", progress * 100, elapsed * 100))
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

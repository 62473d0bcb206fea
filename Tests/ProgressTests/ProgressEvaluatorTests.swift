import Foundation
import Testing
import PlanModel
import ContentReader
@testable import Progress

/// Values are written as the documents write them and read with ValueParser, as the site does.
enum V {
    static func value(_ raw: String) -> ValueExpression {
        switch ValueParser.parse(raw) {
        case .success(let v): return v
        case .failure(let f): fatalError("test value '\(raw)' does not parse: \(f)")
        }
    }

    static let pm25 = Metric(id: "pm25", regionID: "huzhou", name: "PM2.5年均浓度", unit: "微克/立方米", direction: .lower,
                             location: SourceLocation(path: "Content/regions/huzhou/metrics.csv", line: 2))
    static let airGood = Metric(id: "air-good-rate", regionID: "huzhou", name: "空气质量优良天数比率", unit: "%", direction: .higher,
                                location: SourceLocation(path: "Content/regions/huzhou/metrics.csv", line: 3))
    static let so2 = Metric(id: "so2-reduction", regionID: "huzhou", name: "二氧化硫减排比例", unit: "%", direction: .higher,
                            location: SourceLocation(path: "Content/regions/huzhou/metrics.csv", line: 6))

    static func observation(_ year: Int, _ raw: String, basis: Basis = .annual, metric: String = "pm25", line: Int = 2) -> Observation {
        Observation(metricID: metric, regionID: "huzhou", year: year, value: value(raw), basis: basis,
                    source: "表 \(year)", location: SourceLocation(path: "Content/regions/huzhou/observations.csv", line: line))
    }

    static func indicator(_ targets: [(Int, String)], baselineYear: Int? = nil, baseline: String? = nil,
                          metric: String = "pm25", plan: String = "huzhou-2018") -> Indicator {
        Indicator(id: metric, planID: plan, name: "指标", metricID: metric, baselineYear: baselineYear,
                  baseline: baseline.map(value), targets: targets.map { Target(year: $0.0, value: value($0.1)) },
                  source: "表1", location: SourceLocation(path: "Content/plans/\(plan)/indicators.csv", line: 2))
    }

    static func evaluate(_ indicator: Indicator, metric: Metric?, _ observations: [Observation],
                         asOf: SimpleDate = SimpleDate(year: 2024, month: 12, day: 31)) -> IndicatorEvaluation {
        ProgressEvaluator(asOf: asOf).evaluate(indicator, metric: metric, observations: observations)
    }

    static func single(_ indicator: Indicator, metric: Metric?, _ observations: [Observation],
                       asOf: SimpleDate = SimpleDate(year: 2024, month: 12, day: 31)) throws -> TargetEvaluation {
        let e = evaluate(indicator, metric: metric, observations, asOf: asOf)
        try #require(e.targets.count == 1)
        return e.targets[0]
    }
}

@Suite struct ProgressEvaluatorTests {
    // MARK: 湖州 PM2.5: the 2018 action plan's 2020 target against the 十四五 plan's 2020 values

    @Test func huzhou2018PM25TargetIsMetBy2020AnnualValue() throws {
        let indicator = V.indicator([(2020, "控制在35微克/立方米以内")])
        #expect(indicator.targets[0].value.form == .comparison(.atMost, 35))
        let e = try V.single(indicator, metric: V.pm25, [V.observation(2015, "57"), V.observation(2020, "26")])
        #expect(e.status == .met)
        #expect(e.observation?.year == 2020)
        #expect(e.observation?.value.number == 26)
        #expect(e.direction == .lower)
        #expect(e.reason == .reachedAtTargetYear(year: 2020, value: "26", target: "控制在35微克/立方米以内"))
        // Baseline: the earliest comparable value before the target year (2015: 57).
        #expect(e.baselineYear == 2015)
        #expect(e.baselineValue == 57)
        // (26 − 57) / (35 − 57) = 1.41, clipped to 1.
        #expect(e.progress == 1)
        #expect(e.otherBasis.isEmpty)
    }

    @Test func fiveYearMeanAloneIsNoDataAndListedAsOtherBasis() throws {
        let mean = V.observation(2020, "36(“十三五”均值)", basis: .fiveYearMean)
        let e = try V.single(V.indicator([(2020, "控制在35以内")]), metric: V.pm25, [mean], asOf: SimpleDate(year: 2020, month: 6, day: 30))
        #expect(e.status == .noData)
        #expect(e.observation == nil)
        #expect(e.otherBasis == [mean])
        #expect(e.reason == .noComparableValue(upTo: 2020, basis: .annual))
        #expect(e.explanation.contains("five-year-mean"))
        #expect(e.progress == nil)
    }

    @Test func fiveYearMeanIsNeverMixedWithTheAnnualValue() throws {
        // 36 would miss ≤35; the annual 26 is what is compared.
        let annual = V.observation(2020, "26", line: 5)
        let mean = V.observation(2020, "36(“十三五”均值)", basis: .fiveYearMean, line: 9)
        let e = try V.single(V.indicator([(2020, "控制在35以内")]), metric: V.pm25, [mean, annual])
        #expect(e.status == .met)
        #expect(e.observation == annual)
        #expect(e.otherBasis == [mean])
    }

    // MARK: Met early, on track, behind

    @Test func targetMetEarly() throws {
        let indicator = V.indicator([(2022, "≥95")], metric: "air-good-rate")
        let e = try V.single(indicator, metric: V.airGood, [V.observation(2018, "96", metric: "air-good-rate")],
                             asOf: SimpleDate(year: 2019, month: 6, day: 30))
        #expect(e.status == .metEarly)
        #expect(e.observation?.year == 2018)
        #expect(e.reason == .metEarly(year: 2018, value: "96", targetYear: 2022, target: "≥95"))
    }

    /// Baseline 2020: 50, target 2025: ≥70, data as of 2023-01-01 → elapsed (2023 − 2020) / 5 = 0.6;
    /// on track needs progress ≥ 0.9 × 0.6 = 0.54.
    @Test func onTrackWhenProgressKeepsPaceWithTime() throws {
        let indicator = V.indicator([(2025, "≥70")], baselineYear: 2020, baseline: "50", metric: "air-good-rate")
        // 2022: 62 → (62 − 50) / (70 − 50) = 0.6 ≥ 0.54.
        let e = try V.single(indicator, metric: V.airGood, [V.observation(2022, "62", metric: "air-good-rate")],
                             asOf: SimpleDate(year: 2023, month: 1, day: 1))
        #expect(e.status == .onTrack)
        #expect(abs((e.progress ?? -1) - 0.6) < 1e-9)
        #expect(abs((e.elapsed ?? -1) - 0.6) < 1e-9)
        #expect(e.baselineYear == 2020)
        #expect(e.baselineValue == 50)
        if case .pace(let p, let t) = e.reason {
            #expect(abs(p - 0.6) < 1e-9 && abs(t - 0.6) < 1e-9)
        } else {
            Issue.record("reason \(e.reason) is not .pace")
        }
    }

    @Test func behindWhenProgressLags() throws {
        let indicator = V.indicator([(2025, "≥70")], baselineYear: 2020, baseline: "50", metric: "air-good-rate")
        // 2022: 58 → (58 − 50) / 20 = 0.4 < 0.54.
        let e = try V.single(indicator, metric: V.airGood, [V.observation(2022, "58", metric: "air-good-rate")],
                             asOf: SimpleDate(year: 2023, month: 1, day: 1))
        #expect(e.status == .behind)
        #expect(abs((e.progress ?? -1) - 0.4) < 1e-9)
        #expect(abs((e.elapsed ?? -1) - 0.6) < 1e-9)
    }

    @Test func onTrackForALowerIsBetterTarget() throws {
        // Baseline 2020: 40, target 2025: ≤30, 2022: 35 → progress (35 − 40) / (30 − 40) = 0.5;
        // as of 2022-01-01 elapsed = 2 / 5 = 0.4, threshold 0.36.
        let indicator = V.indicator([(2025, "≤30")], baselineYear: 2020, baseline: "40")
        let e = try V.single(indicator, metric: V.pm25, [V.observation(2022, "35")], asOf: SimpleDate(year: 2022, month: 1, day: 1))
        #expect(e.status == .onTrack)
        #expect(abs((e.progress ?? -1) - 0.5) < 1e-9)
        #expect(abs((e.elapsed ?? -1) - 0.4) < 1e-9)
        // The same value two years later is behind: elapsed 0.8, threshold 0.72 > 0.5.
        let later = try V.single(indicator, metric: V.pm25, [V.observation(2022, "35")], asOf: SimpleDate(year: 2024, month: 1, day: 1))
        #expect(later.status == .behind)
        #expect(abs((later.elapsed ?? -1) - 0.8) < 1e-9)
    }

    @Test func notMetAtTheTargetYear() throws {
        let indicator = V.indicator([(2020, "达到85%以上")], metric: "air-good-rate")
        let e = try V.single(indicator, metric: V.airGood, [V.observation(2020, "77.5", metric: "air-good-rate")])
        #expect(e.status == .notMet)
        #expect(e.reason == .missedAtTargetYear(year: 2020, value: "77.5", target: "达到85%以上"))
    }

    @Test func targetYearPassedWithoutAValue() throws {
        let indicator = V.indicator([(2020, "≥70")], baselineYear: 2015, baseline: "50", metric: "air-good-rate")
        let e = try V.single(indicator, metric: V.airGood, [V.observation(2019, "60", metric: "air-good-rate")],
                             asOf: SimpleDate(year: 2022, month: 1, day: 1))
        #expect(e.status == .targetYearUnreported)
        #expect(e.observation?.year == 2019)
        #expect(e.reason == .targetYearUnreported(targetYear: 2020, latestYear: 2019, latestValue: "60", latestMeets: false))
    }

    @Test func laterValuesDoNotCountForAnEarlierTarget() throws {
        // Only a 2021 value: the 2020 target has no value of its year. The 2021 value is shown
        // beside the status, and even though it satisfies the target it is not counted as met.
        let e = try V.single(V.indicator([(2020, "≤35")]), metric: V.pm25, [V.observation(2021, "30")])
        #expect(e.status == .targetYearUnreported)
        #expect(e.observation?.year == 2021)
        #expect(e.reason == .targetYearUnreported(targetYear: 2020, latestYear: 2021, latestValue: "30", latestMeets: true))
    }

    @Test func noObservationsAtAll() throws {
        let e = try V.single(V.indicator([(2025, "≤30")]), metric: V.pm25, [])
        #expect(e.status == .noData)
        #expect(e.observation == nil)
        #expect(e.otherBasis.isEmpty)
    }

    @Test func earliestValueBecomesTheBaselineWhenTheTableGivesNone() throws {
        // No baseline in the table: the earliest comparable value before the target year (2021: 40)
        // is the baseline. 2023: 35 → progress (35 − 40) / (30 − 40) = 0.5; as of 2024-01-01
        // elapsed = (2024 − 2021) / (2025 − 2021) = 0.75, threshold 0.675 → behind.
        let e = try V.single(V.indicator([(2025, "≤30")]), metric: V.pm25, [V.observation(2023, "35"), V.observation(2021, "40")],
                             asOf: SimpleDate(year: 2024, month: 1, day: 1))
        #expect(e.baselineYear == 2021)
        #expect(e.baselineValue == 40)
        #expect(e.observation?.year == 2023)
        #expect(abs((e.progress ?? -1) - 0.5) < 1e-9)
        #expect(abs((e.elapsed ?? -1) - 0.75) < 1e-9)
        #expect(e.status == .behind)
    }

    @Test func onlyTheBaselineValueIsNoDataNotBehind() throws {
        // 湖州 十四五 表2: baseline 2020 = 26, target 2025 ≤ 25, and the only observation is the
        // 2020 value itself. As of 2022 nothing has been reported since the baseline: no-data,
        // not "0 % of the way, 40 % of the time" (behind).
        let indicator = V.indicator([(2025, "≤25")], baselineYear: 2020, baseline: "26", metric: "pm25")
        let e = try V.single(indicator, metric: V.pm25, [V.observation(2020, "26")], asOf: SimpleDate(year: 2022, month: 1, day: 1))
        #expect(e.status == .noData)
        #expect(e.reason == .nothingSinceBaseline(baselineYear: 2020))
        #expect(e.progress == nil)
        #expect(e.observation?.year == 2020)
        // One value after the baseline and the pace is judged again.
        let later = try V.single(indicator, metric: V.pm25, [V.observation(2020, "26"), V.observation(2021, "26")],
                                 asOf: SimpleDate(year: 2022, month: 1, day: 1))
        #expect(later.status == .behind)
        // After the target year the status is "target year unreported", still with no progress
        // ratio: 0 % would read as a measurement (湖州 十四五 表2 as of 2026).
        let passed = try V.single(indicator, metric: V.pm25, [V.observation(2020, "26")], asOf: SimpleDate(year: 2026, month: 11, day: 24))
        #expect(passed.status == .targetYearUnreported)
        #expect(passed.reason == .targetYearUnreported(targetYear: 2025, latestYear: 2020, latestValue: "26", latestMeets: false))
        #expect(passed.progress == nil)
    }

    @Test func targetEqualToTheBaselineHasNoProgressRatio() throws {
        // 森林覆盖率 48.15 → 48.15: no progress ratio; a lower value before the target year is not judged.
        let forest = Metric(id: "forest", regionID: "huzhou", name: "森林覆盖率", unit: "%", direction: .higher,
                            location: SourceLocation(path: "m.csv"))
        let indicator = V.indicator([(2025, "48.15")], baselineYear: 2020, baseline: "48.15", metric: "forest")
        let e = try V.single(indicator, metric: forest, [V.observation(2022, "48", metric: "forest")],
                             asOf: SimpleDate(year: 2023, month: 1, day: 1))
        #expect(e.progress == nil)
        #expect(e.status == .noData)
        #expect(e.reason == .noBaseline)
        // Before the target year it is met early when the value satisfies it.
        let met = try V.single(indicator, metric: forest, [V.observation(2022, "48.2", metric: "forest")],
                               asOf: SimpleDate(year: 2023, month: 1, day: 1))
        #expect(met.status == .metEarly)
    }

    // MARK: Qualitative, redacted, cumulative

    @Test(arguments: ["建立", "保持稳定或持续改善", "完成省下达指标"])
    func qualitativeTarget(raw: String) throws {
        let e = try V.single(V.indicator([(2022, raw)]), metric: nil, [V.observation(2022, "26")])
        #expect(e.status == .qualitative)
        #expect(e.reason == .qualitativeTarget)
        #expect(e.observation == nil)
    }

    @Test func redactedTargetIsNoData() throws {
        let e = try V.single(V.indicator([(2020, "(略)")]), metric: V.pm25, [V.observation(2020, "26")])
        #expect(e.status == .noData)
        #expect(e.reason == .redacted)
    }

    @Test func cumulativeTargetIsComparedOnlyWithCumulativeValues() throws {
        let indicator = V.indicator([(2020, "〔15〕")], metric: "so2-reduction")
        #expect(indicator.targets[0].value.cumulative)
        let cumulative = V.observation(2020, "〔31.79〕", basis: .cumulative, metric: "so2-reduction")
        let annual = V.observation(2020, "5", metric: "so2-reduction")
        let met = try V.single(indicator, metric: V.so2, [annual, cumulative])
        #expect(met.status == .met)
        #expect(met.observation == cumulative)
        #expect(met.otherBasis == [annual])
        // With only an annual value (5, which would miss 15) there is nothing to compare: a
        // 〔〕 value of 2020 counts from 2015, the end of the previous five-year period.
        let none = try V.single(indicator, metric: V.so2, [annual], asOf: SimpleDate(year: 2020, month: 6, day: 30))
        #expect(none.status == .noData)
        #expect(none.reason == .noComparableValue(upTo: 2020, basis: .changeSince(2015)))
        #expect(none.otherBasis == [annual])
    }

    @Test func annualTargetIgnoresCumulativeValues() throws {
        let cumulative = V.observation(2020, "〔31.79〕", basis: .cumulative, metric: "so2-reduction")
        let e = try V.single(V.indicator([(2020, "≥15")], metric: "so2-reduction"), metric: V.so2, [cumulative])
        #expect(e.status == .targetYearUnreported)
        #expect(e.observation == nil)
        #expect(e.otherBasis == [cumulative])
    }

    // MARK: Direction and satisfaction

    @Test func directionFromMetricOverridesComparator() throws {
        let higherTarget = V.indicator([(2020, "≥95")], metric: "pm25")
        #expect(try V.single(higherTarget, metric: V.pm25, []).direction == .lower)
        #expect(try V.single(higherTarget, metric: nil, []).direction == .higher)
        #expect(try V.single(V.indicator([(2020, "25以下")]), metric: nil, []).direction == .lower)
        #expect(try V.single(V.indicator([(2020, "持续下降")]), metric: nil, []).direction == .lower)
    }

    @Test func plainNumberTargetIsReadWithTheDirection() throws {
        let indicator = V.indicator([(2020, "35")])
        let observations = [V.observation(2020, "30")]
        // Lower is better: 30 satisfies 35.
        #expect(try V.single(indicator, metric: V.pm25, observations).status == .met)
        // Higher is better: 30 misses 35.
        var higher = V.pm25
        higher.direction = .higher
        #expect(try V.single(indicator, metric: higher, observations).status == .notMet)
        // No direction: only the exact value meets it.
        var none = V.pm25
        none.direction = nil
        #expect(try V.single(indicator, metric: none, observations).status == .notMet)
        #expect(try V.single(indicator, metric: none, [V.observation(2020, "35")]).status == .met)
    }

    @Test func aboutAndRangeTargets() throws {
        let about = V.indicator([(2020, "10左右")])
        // 5 % of 10 = 0.5.
        #expect(try V.single(about, metric: nil, [V.observation(2020, "10.4")]).status == .met)
        #expect(try V.single(about, metric: nil, [V.observation(2020, "9.6")]).status == .met)
        #expect(try V.single(about, metric: nil, [V.observation(2020, "10.6")]).status == .notMet)
        let range = V.indicator([(2020, "10-15")])
        #expect(try V.single(range, metric: nil, [V.observation(2020, "15")]).status == .met)
        #expect(try V.single(range, metric: nil, [V.observation(2020, "15.1")]).status == .notMet)
        #expect(try V.single(range, metric: nil, [V.observation(2020, "9.9")]).status == .notMet)
    }

    @Test func strictComparisons() throws {
        let greater = V.indicator([(2020, "△EQI>-1")], metric: "eqi")
        #expect(try V.single(greater, metric: nil, [V.observation(2020, "-1", metric: "eqi")]).status == .notMet)
        #expect(try V.single(greater, metric: nil, [V.observation(2020, "-0.5", metric: "eqi")]).status == .met)
        let less = V.indicator([(2020, "低于50")])
        #expect(try V.single(less, metric: nil, [V.observation(2020, "50")]).status == .notMet)
        #expect(try V.single(less, metric: nil, [V.observation(2020, "49.9")]).status == .met)
    }

    // MARK: Progress and growth ratio

    @Test func progressIsClippedToZeroOne() {
        #expect(ProgressEvaluator.progress(value: 75, baseline: 50, target: 100, direction: .higher) == 0.5)
        #expect(ProgressEvaluator.progress(value: 120, baseline: 50, target: 100, direction: .higher) == 1)
        #expect(ProgressEvaluator.progress(value: 40, baseline: 50, target: 100, direction: .higher) == 0)
        // Lower is better: 57 → 35, value 46 is half way.
        #expect(ProgressEvaluator.progress(value: 46, baseline: 57, target: 35, direction: .lower) == 0.5)
        #expect(ProgressEvaluator.progress(value: 60, baseline: 57, target: 35, direction: .lower) == 0)
        #expect(ProgressEvaluator.progress(value: 20, baseline: 57, target: 35, direction: .lower) == 1)
        // No ratio without a baseline, or when the target equals the baseline (48.15 → 48.15).
        #expect(ProgressEvaluator.progress(value: 46, baseline: nil, target: 35, direction: .lower) == nil)
        #expect(ProgressEvaluator.progress(value: 48.15, baseline: 48.15, target: 48.15, direction: .higher) == nil)
        #expect(ProgressEvaluator.progress(value: 46, baseline: 57, target: nil, direction: .lower) == nil)
    }

    /// Base 2020: 100. Required: 100 → 121.550625 by 2024 = 1.05⁴, i.e. 5 % a year.
    /// Observed: 121 in 2022 = 1.1², i.e. 10 % a year. Ratio 0.10 / 0.05 = 2.
    @Test func growthRatioAsOpenSDG() throws {
        let target = Target(year: 2024, value: V.value("121.550625"))
        let obs = [V.observation(2022, "121", metric: "m")]
        let ratio = try #require(ProgressEvaluator.growthRatio(observations: obs, baselineYear: 2020, baselineValue: 100,
                                                               target: target, direction: .higher))
        #expect(abs(ratio - 2) < 1e-9)
        // Halfway in growth rate: 110.25 in 2022 = 1.05² → ratio 1.
        let onPace = try #require(ProgressEvaluator.growthRatio(observations: [V.observation(2022, "110.25", metric: "m")],
                                                                baselineYear: 2020, baselineValue: 100, target: target, direction: .higher))
        #expect(abs(onPace - 1) < 1e-9)
    }

    @Test func growthRatioNeedsTwoPointsAndPositiveValues() {
        let target = Target(year: 2024, value: V.value("121"))
        // No value after the base year.
        #expect(ProgressEvaluator.growthRatio(observations: [V.observation(2020, "100", metric: "m")], baselineYear: 2020,
                                              baselineValue: 100, target: target, direction: .higher) == nil)
        #expect(ProgressEvaluator.growthRatio(observations: [V.observation(2022, "110", metric: "m")], baselineYear: nil,
                                              baselineValue: nil, target: target, direction: .higher) == nil)
        #expect(ProgressEvaluator.growthRatio(observations: [V.observation(2022, "110", metric: "m")], baselineYear: 2020,
                                              baselineValue: 0, target: target, direction: .higher) == nil)
        // Target equal to the base: no required rate.
        #expect(ProgressEvaluator.growthRatio(observations: [V.observation(2022, "110", metric: "m")], baselineYear: 2020,
                                              baselineValue: 121, target: target, direction: .higher) == nil)
    }

    @Test func evaluationCarriesTheGrowthRatio() throws {
        // Baseline 2020: 100 from the table, target 2024 121.550625 (5 %/year), 2022: 121 (10 %/year) → 2.
        let indicator = V.indicator([(2024, "≥121.550625")], baselineYear: 2020, baseline: "100", metric: "m")
        let e = try V.single(indicator, metric: nil, [V.observation(2022, "121", metric: "m")], asOf: SimpleDate(year: 2023, month: 1, day: 1))
        #expect(abs((e.growthRatio ?? 0) - 2) < 1e-9)
    }

    // MARK: Indicator evaluation

    @Test func headlineIsTheFinalTargetWhenItCanBeEvaluated() throws {
        let indicator = V.indicator([(2025, "≤30"), (2020, "≤35")], baselineYear: 2015, baseline: "57")
        let e = V.evaluate(indicator, metric: V.pm25, [V.observation(2015, "57"), V.observation(2020, "26"), V.observation(2022, "28")],
                           asOf: SimpleDate(year: 2023, month: 1, day: 1))
        // Targets in year order.
        #expect(e.targets.map(\.target.year) == [2020, 2025])
        #expect(e.targets.map(\.status) == [.met, .metEarly])
        #expect(e.headline?.target.year == 2025)
        #expect(e.latest?.year == 2022)
        #expect(e.indicatorKey == "huzhou-2018/pm25")
    }

    @Test func headlineFallsBackToTheLatestEvaluatedTarget() throws {
        let indicator = V.indicator([(2020, "≤35"), (2025, "持续下降")])
        let e = V.evaluate(indicator, metric: V.pm25, [V.observation(2020, "26")])
        #expect(e.targets.map(\.status) == [.met, .qualitative])
        #expect(e.headline?.target.year == 2020)
        #expect(e.status == .met)
    }

    @Test func withoutEvaluableTargetsTheStatusIsTheFinalTargets() throws {
        let indicator = V.indicator([(2020, "(略)"), (2025, "建立")])
        let e = V.evaluate(indicator, metric: nil, [])
        #expect(e.headline?.target.year == 2025)
        #expect(e.status == .qualitative)
        let empty = V.evaluate(V.indicator([]), metric: nil, [])
        #expect(empty.headline == nil)
        #expect(empty.status == .noData)
    }

    @Test func latestIsTheLatestAnnualNumber() {
        let e = V.evaluate(V.indicator([(2020, "≤35")]), metric: V.pm25,
                           [V.observation(2019, "30"), V.observation(2021, "36", basis: .fiveYearMean), V.observation(2020, "26")])
        #expect(e.latest?.year == 2020)
        #expect(e.latest?.value.number == 26)
        #expect(e.observations.count == 3)
    }
}

@Suite struct BaselineBasisTests {
    /// 湖州 十四五 表2: PM2.5 2020 value "36(“十三五”均值)", target 2025 "25以下". With an annual
    /// 2022 value of 30, progress must be measured from the annual 2020 value 26, not from 36.
    @Test func fiveYearMeanBaselineIsNotMixedWithAnnualValues() throws {
        let loc = SourceLocation(path: "t")
        func value(_ raw: String) throws -> ValueExpression { try ValueParser.parse(raw).get() }
        let indicator = Indicator(id: "t2-pm25", planID: "p", name: "PM2.5", unit: "µg/m3", metricID: "pm25",
                                  baselineYear: 2020, baseline: try value("36(“十三五”均值)"),
                                  targets: [Target(year: 2025, value: try value("25以下"))], source: "表2", location: loc)
        let observations = [
            Observation(metricID: "pm25", regionID: "r", year: 2015, value: try value("57"), basis: .annual, source: "表1", location: loc),
            Observation(metricID: "pm25", regionID: "r", year: 2020, value: try value("26"), basis: .annual, source: "表1", location: loc),
            Observation(metricID: "pm25", regionID: "r", year: 2022, value: try value("30"), basis: .annual, source: "x", location: loc),
        ]
        let e = ProgressEvaluator(asOf: SimpleDate(year: 2023, month: 1, day: 1)).evaluate(indicator, metric: nil, observations: observations)
        let t = try #require(e.targets.first)
        #expect(t.baselineValue == 26)
        #expect(t.baselineYear == 2020)
        // 26 → 30 against a target of 25: moving away, progress clipped to 0, behind.
        #expect(t.progress == 0)
        #expect(t.status == .behind)
    }
}

@Suite struct AboutTargetTests {
    /// 湖州 2018 plan: 非化石能源占比 "提高至18%左右" for 2020; the 十四五 plan reports 19.2.
    @Test func exceedingAnAboutTargetInTheGoodDirectionIsMet() throws {
        let target = try ValueParser.parse("提高至18%左右").get()
        #expect(ProgressEvaluator.satisfies(19.2, target, direction: .higher) == true)
        #expect(ProgressEvaluator.satisfies(17.2, target, direction: .higher) == true)   // within 5 %
        #expect(ProgressEvaluator.satisfies(16.9, target, direction: .higher) == false)
        #expect(ProgressEvaluator.satisfies(19.2, target, direction: nil) == false)      // no direction: only "about"
        #expect(ProgressEvaluator.satisfies(18.5, target, direction: .lower) == true)
        #expect(ProgressEvaluator.satisfies(19.2, target, direction: .lower) == false)
    }
}

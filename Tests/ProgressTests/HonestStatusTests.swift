import Testing
import PlanModel
import ContentReader
@testable import Progress

/// The rules of docs/progress.md on the cases issue 19 found on the bundled site, with the
/// values as the plans write them. `data_as_of` of the bundled site is 2026-11-24.
@Suite struct HonestStatusTests {
    static let bundledAsOf = SimpleDate(year: 2026, month: 11, day: 24)

    static func metric(_ id: String, _ direction: Direction) -> Metric {
        Metric(id: id, regionID: "huzhou", name: id, unit: "%", direction: direction, location: SourceLocation(path: "metrics.csv"))
    }

    // MARK: one rule after the target year

    /// 湖州 十四五 表2: four 2025 targets whose only comparable value is the 2020 one. Two 2020
    /// values satisfy their target (森林覆盖率 48.15, 地表水Ⅲ类 100), two miss (PM2.5 26,
    /// 优良率 87.7). With 2025 over and no 2025 value, all four have the same status, and none is met.
    @Test(arguments: [
        ("forest-cover", Direction.higher, "48.15", "48.15", "48.15", true),
        ("water-class3-city", .higher, "100", "100", "100", true),
        ("pm25", .lower, "36(“十三五”均值)", "25以下", "26", false),
        ("air-good-rate", .higher, "77.5(“十三五”均值)", "90", "87.7", false),
    ])
    func huzhou14thTargetsOf2025WithOnly2020Values(metric: String, direction: Direction, baseline: String, target: String,
                                                   value2020: String, meets: Bool) throws {
        let indicator = V.indicator([(2025, target)], baselineYear: 2020, baseline: baseline, metric: metric, plan: "huzhou-14th")
        let observations = [V.observation(2020, value2020, metric: metric)]
        let e = try V.single(indicator, metric: Self.metric(metric, direction), observations, asOf: Self.bundledAsOf)
        #expect(e.status == .targetYearUnreported)
        #expect(e.observation?.year == 2020)
        #expect(e.reason == .targetYearUnreported(targetYear: 2025, latestYear: 2020, latestValue: value2020, latestMeets: meets))
        // While 2025 is still ahead, a 2020 value that satisfies the target is "met early", one
        // that does not is a forecast from the baseline itself: no pace to judge.
        let before = try V.single(indicator, metric: Self.metric(metric, direction), observations,
                                  asOf: SimpleDate(year: 2024, month: 6, day: 30))
        #expect(before.status == (meets ? .metEarly : .noData))
    }

    /// With a 2022 value and no 2025 value, 2022 is shown beside the status, never counted.
    @Test func interimValueIsShownButNotCountedAfterTheTargetYear() throws {
        let indicator = V.indicator([(2025, "25以下")], baselineYear: 2020, baseline: "36(“十三五”均值)", plan: "huzhou-14th")
        let observations = [V.observation(2020, "26"), V.observation(2022, "29")]
        let after = try V.single(indicator, metric: V.pm25, observations, asOf: Self.bundledAsOf)
        #expect(after.status == .targetYearUnreported)
        #expect(after.observation?.year == 2022)
        // As of 2023 the same values are a forecast: 26 → 29 moves away from ≤25, behind.
        let interim = try V.single(indicator, metric: V.pm25, observations, asOf: SimpleDate(year: 2023, month: 6, day: 30))
        #expect(interim.status == .behind)
        #expect(interim.baselineValue == 26)
        #expect(interim.progress == 0)
        // A 2025 value decides, whatever came before.
        let reached = try V.single(indicator, metric: V.pm25, observations + [V.observation(2025, "24")], asOf: Self.bundledAsOf)
        #expect(reached.status == .met)
        let missed = try V.single(indicator, metric: V.pm25, observations + [V.observation(2025, "27")], asOf: Self.bundledAsOf)
        #expect(missed.status == .notMet)
    }

    /// "Met early" only while the target year is ahead: during the target year still a forecast.
    @Test func metEarlyOnlyUntilTheTargetYearEnds() throws {
        let indicator = V.indicator([(2025, "≥90")], baselineYear: 2020, baseline: "80", metric: "air-good-rate")
        let observations = [V.observation(2022, "92", metric: "air-good-rate")]
        let inTargetYear = try V.single(indicator, metric: V.airGood, observations, asOf: SimpleDate(year: 2025, month: 12, day: 31))
        #expect(inTargetYear.status == .metEarly)
        let afterwards = try V.single(indicator, metric: V.airGood, observations, asOf: SimpleDate(year: 2026, month: 1, day: 1))
        #expect(afterwards.status == .targetYearUnreported)
    }

    // MARK: reduction targets

    /// 湖州 十四五 表1 序号5: target 较2013年削减4%以上, reported 6.18 (比2013年削减比例), 超额完成.
    @Test func huzhouHeavyMetalReductionIsMet() throws {
        let metric = Self.metric("heavy-metal-reduction", .higher)
        let indicator = V.indicator([(2020, "较2013年削减4%以上")], metric: "heavy-metal-reduction", plan: "huzhou-14th")
        #expect(indicator.targets[0].value.writtenBaseYear == 2013)
        let reported = V.observation(2020, "6.18", basis: Basis(parsing: "change-since-2013"), metric: "heavy-metal-reduction")
        let e = try V.single(indicator, metric: metric, [reported], asOf: Self.bundledAsOf)
        #expect(e.status == .met)
        #expect(e.observation == reported)
        #expect(e.comparedBasis == .changeSince(2013))
        #expect(e.reason == .reachedAtTargetYear(year: 2020, value: "6.18", target: "较2013年削减4%以上"))
        // 3.5 would miss it.
        let less = V.observation(2020, "3.5", basis: .changeSince(2013), metric: "heavy-metal-reduction")
        #expect(try V.single(indicator, metric: metric, [less], asOf: Self.bundledAsOf).status == .notMet)
    }

    /// 湖州 十四五 表1 序号4: 二氧化硫 较2015年减少23%, reported 〔31.79〕 (〔〕为五年累计数).
    @Test func huzhouSO2FiveYearCumulativeIsMet() throws {
        let indicator = V.indicator([(2020, "较2015年减少23%")], metric: "so2-reduction", plan: "huzhou-14th")
        let reported = V.observation(2020, "〔31.79〕", basis: .cumulative, metric: "so2-reduction")
        let e = try V.single(indicator, metric: V.so2, [reported], asOf: Self.bundledAsOf)
        #expect(e.status == .met)
        #expect(e.direction == .higher)
    }

    /// A reduction written "下降15%" reads as a change of at least 15.
    @Test func declineWrittenWithAVerbIsAChangeTarget() throws {
        let value = V.value("下降15%")
        #expect(value.form == .comparison(.atLeast, 15))
        #expect(value.isChange)
        #expect(V.value("削减4%以上").form == .comparison(.atLeast, 4))
        // "下降至5" is a level, not a change.
        #expect(!V.value("下降至5").isChange)
        #expect(V.value("下降至5").form == .comparison(.atMost, 5))
    }

    /// A change target before its year: progress from zero at the base year.
    @Test func changeTargetForecastCountsFromZero() throws {
        let metric = Self.metric("energy", .higher)
        let indicator = V.indicator([(2025, "下降15%")], baselineYear: 2020, baseline: "-", metric: "energy")
        // 2022: 下降9% since 2020 → progress 9 / 15 = 0.6; as of 2023-01-01 elapsed 0.6 → on track.
        let e = try V.single(indicator, metric: metric, [V.observation(2022, "9", basis: .changeSince(2020), metric: "energy")],
                             asOf: SimpleDate(year: 2023, month: 1, day: 1))
        #expect(e.status == .onTrack)
        #expect(e.baselineValue == 0)
        #expect(e.baselineYear == 2020)
        #expect(abs((e.progress ?? -1) - 0.6) < 1e-9)
    }

    // MARK: every value form × every observation form

    enum Form: String, CaseIterable, Sendable { case annual, cumulative, since2013, since2015, since2020, mean, other }

    static func observation(_ form: Form, year: Int, value: String = "30") -> Observation {
        let basis: Basis
        switch form {
        case .annual: basis = .annual
        case .cumulative: basis = .cumulative
        case .since2013: basis = .changeSince(2013)
        case .since2015: basis = .changeSince(2015)
        case .since2020: basis = .changeSince(2020)
        case .mean: basis = .fiveYearMean
        case .other: basis = .other("11个设区城市平均")
        }
        return V.observation(year, form == .cumulative ? "〔\(value)〕" : value, basis: basis, metric: "m")
    }

    /// (target as written, indicator baseline year, target year, the observation forms it is compared with).
    static let matrix: [(String, Int?, Int, Set<Form>)] = [
        ("≥25", nil, 2020, [.annual]),
        ("≤35", nil, 2020, [.annual]),
        ("25%以上", nil, 2020, [.annual]),
        ("控制在35以内", nil, 2020, [.annual]),
        ("28左右", nil, 2020, [.annual]),
        ("20-35", nil, 2020, [.annual]),
        ("25", nil, 2020, [.annual]),
        ("较2013年削减4%以上", nil, 2020, [.since2013]),
        ("较2015年减少23%", nil, 2020, [.since2015, .cumulative]),
        ("〔16〕", nil, 2020, [.since2015, .cumulative]),
        ("下降15%", 2020, 2025, [.since2020, .cumulative]),
        ("〔16〕", nil, 2025, [.since2020, .cumulative]),
    ]

    @Test(arguments: matrix)
    func valueFormAgainstEveryObservationForm(target: String, baselineYear: Int?, year: Int, compared: Set<Form>) throws {
        let metric = Self.metric("m", .higher)
        let indicator = V.indicator([(year, target)], baselineYear: baselineYear, metric: "m")
        for form in Form.allCases {
            let o = Self.observation(form, year: year)
            let e = try V.single(indicator, metric: metric, [o], asOf: Self.bundledAsOf)
            if compared.contains(form) {
                #expect(e.observation == o, "\(target) should be compared with a \(form) value")
                #expect(e.status == .met || e.status == .notMet, "\(target) × \(form): \(e.status)")
                #expect(e.otherBasis.isEmpty)
            } else {
                #expect(e.observation == nil, "\(target) must not be compared with a \(form) value")
                #expect(e.status == .targetYearUnreported, "\(target) × \(form): \(e.status)")
                #expect(e.otherBasis == [o])
            }
        }
    }

    // MARK: the headline

    /// An earlier target that was met never stands for a later one that was not assessed.
    @Test func headlineIsTheLastNumericTarget() throws {
        let indicator = V.indicator([(2020, "低于50"), (2022, "低于40")], metric: "ss")
        let e = V.evaluate(indicator, metric: nil, [V.observation(2020, "45", metric: "ss")], asOf: Self.bundledAsOf)
        #expect(e.targets.map(\.status) == [.met, .targetYearUnreported])
        #expect(e.headline?.target.year == 2022)
        #expect(e.status == .targetYearUnreported)
    }
}

import Linking
import PlanModel

/// The evaluation of every indicator of a site, made again when a page asks for all of it:
/// only what an indicator's row in a table shows is kept (`Summary`: status, progress, which
/// observation is the latest). Evaluating an indicator takes microseconds and gives the same
/// result every time, while holding the evaluations of 17,000 indicators (each target with
/// its observation and explanation) took 21 MB of a 1,000-plan build from evaluation to the
/// last page.
public struct SiteEvaluations: Sendable {
    /// What a table row shows of an indicator's evaluation.
    public struct Summary: Sendable, Equatable {
        public let status: ProgressStatus
        /// The headline target's progress.
        public let progress: Double?
        /// The headline target's observation, else the latest annual one.
        public let latest: Observation?
    }

    private struct Kept: Sendable {
        let status: ProgressStatus
        let progress: Double?
        /// Index of the latest observation in the metric's observations; -1 for none.
        let latest: Int32
    }

    let site: LinkedSite
    let evaluator: ProgressEvaluator
    private let kept: [String: Kept]
    /// The year of the newest reported value of the site (数据更新至), apart from `data_as_of`.
    public let newestYear: Int?

    public init(site: LinkedSite, evaluator: ProgressEvaluator) {
        self.site = site
        self.evaluator = evaluator
        // Plans are evaluated on all cores; the results are put together in plan order.
        let perPlan = Parallel.map(site.content.plans, threads: nil) { plan -> [(String, Kept)] in
            plan.indicators.map { indicator in
                let evaluation = evaluator.evaluate(indicator, in: site)
                let latest = (evaluation.headline?.observation ?? evaluation.latest).flatMap { evaluation.observations.firstIndex(of: $0) }
                return (indicator.key, Kept(status: evaluation.status, progress: evaluation.headline?.progress, latest: Int32(latest ?? -1)))
            }
        }
        var kept: [String: Kept] = [:]
        kept.reserveCapacity(site.indicators.count)
        for entries in perPlan {
            for (key, value) in entries { kept[key] = value }
        }
        self.kept = kept
        newestYear = site.content.regions.lazy.flatMap(\.observations).map(\.year).max()
    }

    /// The year of the newest value reported for the metrics of these indicators.
    public func newestYear(of indicators: [Indicator]) -> Int? {
        indicators.compactMap { i in site.metricKey(of: i).flatMap { site.observations(forMetric: $0).last?.year } }.max()
    }

    /// The evaluation of the indicator with this key (nil when there is none).
    public subscript(key: String) -> IndicatorEvaluation? {
        guard kept[key] != nil, let indicator = site.indicators[key] else { return nil }
        return evaluator.evaluate(indicator, in: site)
    }

    /// The indicator's status (`noData` when there is no such indicator).
    public func status(of key: String) -> ProgressStatus { kept[key]?.status ?? .noData }

    /// What a table row shows of the indicator's evaluation (nil when there is no such indicator).
    public func summary(of key: String) -> Summary? {
        guard let k = kept[key] else { return nil }
        let latest: Observation? = k.latest < 0 ? nil : site.indicators[key].flatMap { site.metricKey(of: $0) }
            .map { site.observations(forMetric: $0)[Int(k.latest)] }
        return Summary(status: k.status, progress: k.progress, latest: latest)
    }
}

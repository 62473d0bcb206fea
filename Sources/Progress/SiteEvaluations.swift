import Linking
import PlanModel

/// The evaluation of every indicator of a site, made when a page asks for it: only each
/// indicator's status is kept (for the counts and charts of the site-wide pages). Evaluating
/// an indicator takes microseconds and gives the same result every time, while holding the
/// evaluations of 17,000 indicators (each target with its observation and explanation) took
/// 21 MB of a 1,000-plan build from evaluation to the last page.
public struct SiteEvaluations: Sendable {
    let site: LinkedSite
    let evaluator: ProgressEvaluator
    private let statuses: [String: ProgressStatus]

    public init(site: LinkedSite, evaluator: ProgressEvaluator) {
        self.site = site
        self.evaluator = evaluator
        var statuses: [String: ProgressStatus] = [:]
        statuses.reserveCapacity(site.indicators.count)
        for plan in site.content.plans {
            for indicator in plan.indicators { statuses[indicator.key] = evaluator.evaluate(indicator, in: site).status }
        }
        self.statuses = statuses
    }

    /// The evaluation of the indicator with this key (nil when there is none).
    public subscript(key: String) -> IndicatorEvaluation? {
        guard statuses[key] != nil, let indicator = site.indicators[key] else { return nil }
        return evaluator.evaluate(indicator, in: site)
    }

    /// The indicator's status (`noData` when there is no such indicator).
    public func status(of key: String) -> ProgressStatus { statuses[key] ?? .noData }
}

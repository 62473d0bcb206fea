import Charts
import Mustache
import PlanModel
import Progress

// method.html (方法说明): how every status is computed, with the thresholds the evaluator uses
// and an example of each status taken from the site's own evaluations when it is built.

/// One status: its rule, how many of the plans' own targets have it, and an example.
struct MethodStatusView: Encodable {
    let status: StatusView
    let rule: String
    let count: Int
    let example: MethodExampleView?
}

/// An indicator of the site whose headline target has the status, with the numbers it was
/// computed from.
struct MethodExampleView: Encodable {
    let indicator: Link
    let plan: Link
    let target: String
    let baseline: String
    let compared: String
    let explanation: String
    /// The arithmetic of the progress and elapsed shares, when the status was computed from them.
    let calculation: String?
    /// Set when no target of the site has the status as of `data_as_of`: the example is the
    /// same data evaluated as of an earlier date, which the note names.
    let asOfNote: String?
}

struct MethodPageView: Encodable {
    let page: PageView
    let labels: [String: String]
    let statuses: [MethodStatusView]
    /// The on-track threshold as a percentage ("90%").
    let onTrackShare: String
    /// The tolerance of an "about" target ("5%").
    let aboutTolerance: String
    /// The review groups of the site's plans ("湖州市…规划：表1"), if any.
    let reviewGroups: [String]
    let hasReviewGroups: Bool
}

extension MethodStatusView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "status": return wrap(self.status)
        case "rule": return wrap(self.rule)
        case "count": return wrap(self.count)
        case "example": return wrap(self.example)
        default: return noChild(name)
        }
    }
}

extension MethodExampleView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "indicator": return wrap(self.indicator)
        case "plan": return wrap(self.plan)
        case "target": return wrap(self.target)
        case "baseline": return wrap(self.baseline)
        case "compared": return wrap(self.compared)
        case "explanation": return wrap(self.explanation)
        case "calculation": return wrap(self.calculation)
        case "asOfNote": return wrap(self.asOfNote)
        default: return noChild(name)
        }
    }
}

extension MethodPageView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "page": return wrap(self.page)
        case "labels": return wrap(self.labels)
        case "statuses": return wrap(self.statuses)
        case "onTrackShare": return wrap(self.onTrackShare)
        case "aboutTolerance": return wrap(self.aboutTolerance)
        case "reviewGroups": return wrap(self.reviewGroups)
        case "hasReviewGroups": return wrap(self.hasReviewGroups)
        default: return noChild(name)
        }
    }
}

extension ViewBuilder {
    func methodPage() -> MethodPageView {
        let path = URLs.method
        let root = URLs.root(of: path)
        // Lazily: the site's indicators are not copied into an array of their own.
        let own = site.content.plans.lazy.flatMap(\.ownIndicators)
        let review = site.content.plans.lazy.flatMap(\.reviewIndicators)
        let statuses = ProgressStatus.allCases.map { s in
            // The plan's own targets first: an example from a review table only when none has it.
            let example = (own.first { status(of: $0.key) == s } ?? review.first { status(of: $0.key) == s })
                .flatMap { methodExample($0, root: root) }
                ?? earlierExample(of: s, among: own, root: root) ?? earlierExample(of: s, among: review, root: root)
            return MethodStatusView(status: labels.status(s), rule: labels.format("method-rule-\(s.rawValue)", ["onTrack": SVGText.number(ProgressEvaluator.onTrackRatio)]),
                                    count: own.filter { status(of: $0.key) == s }.count, example: example)
        }
        let reviews = site.content.plans.filter { !$0.reviewGroups.isEmpty }
            .map { "\($0.title)：\($0.reviewGroups.joined(separator: "、"))" }
        return MethodPageView(page: page(path: path, title: labels["method-title"]), labels: labels.values, statuses: statuses,
                              onTrackShare: percent(ProgressEvaluator.onTrackRatio),
                              aboutTolerance: percent(ProgressEvaluator.aboutTolerance),
                              reviewGroups: reviews, hasReviewGroups: !reviews.isEmpty)
    }

    /// An example of a status no target has as of `data_as_of`: the first indicator whose
    /// headline target has it when evaluated as of the end of a year with a comparable value
    /// before the target year (the statuses of forecasts, once every target year is over).
    func earlierExample(of status: ProgressStatus, among indicators: some Sequence<Indicator>, root: String) -> MethodExampleView? {
        for indicator in indicators {
            guard let headline = evaluations[indicator.key]?.headline, headline.target.value.number != nil else { continue }
            guard let metricKey = site.metricKey(of: indicator) else { continue }
            let observations = site.observations(forMetric: metricKey)
            for year in Set(observations.map(\.year)).sorted() where year < headline.target.year && year < config.dataAsOf.year {
                // As of the end of that year: only what was reported up to it.
                let asOf = SimpleDate(year: year, month: 12, day: 31)
                let then = ProgressEvaluator(asOf: asOf).evaluate(indicator, metric: site.metrics[metricKey],
                                                                    observations: observations.filter { $0.year <= year })
                if let h = then.headline, h.status == status {
                    return methodExample(indicator, headline: h, asOf: asOf, root: root)
                }
            }
        }
        return nil
    }

    func methodExample(_ indicator: Indicator, root: String) -> MethodExampleView? {
        evaluations[indicator.key]?.headline.map { methodExample(indicator, headline: $0, asOf: nil, root: root) }
    }

    func methodExample(_ indicator: Indicator, headline: TargetEvaluation, asOf: SimpleDate?, root: String) -> MethodExampleView {
        let plan = site.plan(indicator.planID)
        let n = { (v: Double) in SVGText.number(v, digits: 2) }
        var calculation: String?
        if let p = headline.progress, let e = headline.elapsed, let b = headline.baselineValue, let by = headline.baselineYear,
           let t = headline.target.value.number, let v = headline.observation?.value.number {
            let pace = p >= e * ProgressEvaluator.onTrackRatio ? "≥" : "<"
            calculation = labels.format("method-calculation", [
                "value": n(v), "baseline": n(b), "target": n(t), "progress": percent(p),
                "asOf": (asOf ?? config.dataAsOf).description, "baselineYear": "\(by)", "targetYear": "\(headline.target.year)",
                "elapsed": percent(e), "compare": pace, "ratio": n(ProgressEvaluator.onTrackRatio),
                "threshold": percent(e * ProgressEvaluator.onTrackRatio)])
        }
        return MethodExampleView(
            indicator: Link(text: indicator.name, url: root + URLs.indicator(indicator.key)),
            plan: Link(text: plan?.title ?? indicator.planID, url: root + URLs.plan(indicator.planID)),
            target: "\(headline.target.year)：\(display(headline.target.value, unit: indicator.unit))",
            baseline: headline.baselineValue.map { n($0) + (headline.baselineYear.map { "（\($0)）" } ?? "") } ?? labels["not-stated"],
            compared: headline.observation.map { "\($0.value.raw)（\($0.year)，\(labels.basis($0.basis))）" }
                ?? labels[headline.status == .qualitative ? "not-applicable" : "not-reported"],
            explanation: labels.reason(headline.reason), calculation: calculation,
            asOfNote: asOf.map { labels.format("method-earlier", ["asOf": $0.description]) })
    }
}

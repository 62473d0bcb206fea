/// Observations of a metric over the years, with target markers.
public struct LineChart: Sendable {
    public struct Point: Sendable, Hashable {
        public let year: Int
        public let value: Double
        public let label: String
        public init(year: Int, value: Double, label: String) {
            self.year = year
            self.value = value
            self.label = label
        }
    }

    public var id: String
    public var title: String
    public var unit: String
    public var points: [Point]
    public var targets: [Point]

    public init(id: String, title: String, unit: String, points: [Point], targets: [Point]) {
        self.id = id
        self.title = title
        self.unit = unit
        self.points = points.sorted { $0.year < $1.year }
        self.targets = targets.sorted { $0.year < $1.year }
    }

    public var description: String {
        let observed = points.map { "\($0.year)年 \($0.label)" }.joined(separator: "，")
        let goals = targets.map { "\($0.year)年目标 \($0.label)" }.joined(separator: "，")
        return [observed, goals].filter { !$0.isEmpty }.joined(separator: "；")
    }

    public func svg() -> String {
        let width = 420.0, height = 220.0, left = 48.0, right = 400.0, top = 20.0, bottom = 180.0
        let frame = ChartFrame(id: id, width: width, height: height, title: title, description: description)
        let all = points + targets
        guard let minYear = all.map(\.year).min(), let maxYear = all.map(\.year).max(),
              let lo = all.map(\.value).min(), let hi = all.map(\.value).max() else {
            return frame.wrap("<text x=\"210\" y=\"110\" text-anchor=\"middle\">—</text>")
        }
        // Shares and concentrations are not negative: their axis starts at zero, so that a small
        // difference is not drawn as a large one.
        let y = NiceScale(minimum: lo, maximum: hi, maxTicks: 5, includeZero: lo >= 0)
        let yearSpan = max(maxYear - minYear, 1)
        func px(_ year: Int) -> Double {
            maxYear == minYear ? (left + right) / 2 : left + Double(year - minYear) / Double(yearSpan) * (right - left)
        }
        func py(_ v: Double) -> Double { y.position(v, from: bottom, to: top) }
        let n = SVGText.number
        var body = ""
        for tick in y.ticks {
            body += "<line x1=\"\(n(left, 2))\" y1=\"\(n(py(tick), 2))\" x2=\"\(n(right, 2))\" y2=\"\(n(py(tick), 2))\" stroke=\"#ddd\"/>"
            body += "<text x=\"\(n(left - 6, 2))\" y=\"\(n(py(tick) + 4, 2))\" text-anchor=\"end\" fill=\"#333\">\(n(tick, 2))</text>"
        }
        let years = Array(Set(all.map(\.year))).sorted()
        let stride = max(1, years.count / 6 + (years.count % 6 == 0 ? 0 : 1))
        for (i, year) in years.enumerated() where i % stride == 0 || i == years.count - 1 {
            body += "<text x=\"\(n(px(year), 2))\" y=\"\(n(bottom + 18, 2))\" text-anchor=\"middle\" fill=\"#333\">\(year)</text>"
        }
        body += "<line x1=\"\(n(left, 2))\" y1=\"\(n(bottom, 2))\" x2=\"\(n(right, 2))\" y2=\"\(n(bottom, 2))\" stroke=\"#555\"/>"
        body += "<line x1=\"\(n(left, 2))\" y1=\"\(n(top, 2))\" x2=\"\(n(left, 2))\" y2=\"\(n(bottom, 2))\" stroke=\"#555\"/>"
        if !unit.isEmpty {
            body += "<text x=\"\(n(left + 6, 2))\" y=\"12\" fill=\"#333\">\(SVGText.escape("单位：" + unit))</text>"
        }
        for run in Self.consecutiveRuns(points) where run.count > 1 {
            let path = run.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(n(px(p.year), 2)) \(n(py(p.value), 2))" }.joined(separator: " ")
            body += "<path d=\"\(path)\" fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"2\"/>"
        }
        for p in points {
            body += "<circle cx=\"\(n(px(p.year), 2))\" cy=\"\(n(py(p.value), 2))\" r=\"4\" fill=\"#1f4e79\"><title>\(SVGText.escape("\(p.year)年 \(p.label)"))</title></circle>"
        }
        for t in targets {
            let cx = n(px(t.year), 2), cy = n(py(t.value), 2)
            body += "<path d=\"M\(cx) \(n(py(t.value) - 6, 2)) l6 6 l-6 6 l-6 -6 z\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"1.5\"><title>\(SVGText.escape("\(t.year)年目标 \(t.label)"))</title></path>"
            let text = "◇ \(t.label)"
            let lx = SVGText.clampedCenter(px(t.year), text: text, fontSize: 12, minX: 2, maxX: width - 2)
            // Below the marker when a reported value of that year sits where the label would go.
            let above = py(t.value) - 10
            let crowded = points.contains { $0.year == t.year && abs(py($0.value) - (above - 4)) < 14 }
            body += "<text x=\"\(n(lx, 2))\" y=\"\(n(crowded ? py(t.value) + 22 : above, 2))\" text-anchor=\"middle\" fill=\"#111\">\(SVGText.escape(text))</text>"
            _ = cy
        }
        body += "<text x=\"\(n(left, 2))\" y=\"\(n(height - 4, 2))\" fill=\"#333\">● 报告值（相邻年份间连线，缺年份处断开）  ◇ 目标</text>"
        return frame.wrap(body)
    }

    /// The points split where a year has no value: a line joins only the values of
    /// consecutive years, so nothing is drawn across years without data.
    static func consecutiveRuns(_ points: [Point]) -> [[Point]] {
        var runs: [[Point]] = []
        for p in points {
            if let last = runs.last?.last, p.year == last.year + 1 { runs[runs.count - 1].append(p) } else { runs.append([p]) }
        }
        return runs
    }
}

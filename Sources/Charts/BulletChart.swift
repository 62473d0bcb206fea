/// One indicator at a glance: a horizontal axis with the baseline, the target and the latest
/// reported value, each labelled in text.
public struct BulletChart: Sendable {
    public var id: String
    public var title: String
    public var unit: String
    public var baseline: (label: String, value: Double)?
    public var target: (label: String, value: Double)?
    public var latest: (label: String, value: Double)?
    public var status: StatusMark?

    public init(id: String, title: String, unit: String, baseline: (String, Double)?, target: (String, Double)?,
                latest: (String, Double)?, status: StatusMark?) {
        self.id = id
        self.title = title
        self.unit = unit
        self.baseline = baseline.map { (label: $0.0, value: $0.1) }
        self.target = target.map { (label: $0.0, value: $0.1) }
        self.latest = latest.map { (label: $0.0, value: $0.1) }
        self.status = status
    }

    public var description: String {
        var parts: [String] = []
        if let baseline { parts.append("\(baseline.label) \(SVGText.number(baseline.value))\(unit)") }
        if let target { parts.append("\(target.label) \(SVGText.number(target.value))\(unit)") }
        if let latest { parts.append("\(latest.label) \(SVGText.number(latest.value))\(unit)") }
        if let status { parts.append(status.label) }
        return parts.joined(separator: "；")
    }

    public func svg() -> String {
        let width = 360.0, height = 92.0, left = 16.0, right = 344.0, axisY = 46.0
        let values = [baseline?.value, target?.value, latest?.value].compactMap { $0 }
        let frame = ChartFrame(id: id, width: width, height: height, title: title, description: description)
        guard let lo = values.min(), let hi = values.max() else {
            return frame.wrap("<text x=\"\(SVGText.number(width / 2))\" y=\"50\" text-anchor=\"middle\">—</text>")
        }
        // Shares and concentrations start at zero: a 1 µg difference is not drawn full width.
        let scale = NiceScale(minimum: lo, maximum: hi, maxTicks: 5, includeZero: lo >= 0)
        func x(_ v: Double) -> String { SVGText.number(scale.position(v, from: left, to: right)) }
        var body = "<line x1=\"\(SVGText.number(left))\" y1=\"\(axisY)\" x2=\"\(SVGText.number(right))\" y2=\"\(axisY)\" class=\"axis\" stroke=\"#555\"/>"
        for tick in scale.ticks {
            body += "<line x1=\"\(x(tick))\" y1=\"\(axisY)\" x2=\"\(x(tick))\" y2=\"\(axisY + 4)\" stroke=\"#555\"/>"
            body += "<text x=\"\(x(tick))\" y=\"\(SVGText.number(axisY + 16))\" text-anchor=\"middle\" fill=\"#333\">\(SVGText.number(tick))</text>"
        }
        if !unit.isEmpty {
            body += "<text x=\"\(SVGText.number(right))\" y=\"12\" text-anchor=\"end\" fill=\"#333\">\(SVGText.escape("单位：" + unit))</text>"
        }
        if let baseline, let latest {
            let a = min(scale.position(baseline.value, from: left, to: right), scale.position(latest.value, from: left, to: right))
            let b = max(scale.position(baseline.value, from: left, to: right), scale.position(latest.value, from: left, to: right))
            body += "<rect x=\"\(SVGText.number(a))\" y=\"\(SVGText.number(axisY - 7))\" width=\"\(SVGText.number(max(b - a, 1)))\" height=\"6\" fill=\"#8aa9c9\"/>"
        }
        if let target {
            body += "<line x1=\"\(x(target.value))\" y1=\"\(SVGText.number(axisY - 16))\" x2=\"\(x(target.value))\" y2=\"\(SVGText.number(axisY + 2))\" stroke=\"#000\" stroke-width=\"3\"/>"
            body += label(x: x(target.value), y: axisY - 20, "▮ \(target.label) \(SVGText.number(target.value))")
        }
        if let baseline {
            body += "<circle cx=\"\(x(baseline.value))\" cy=\"\(SVGText.number(axisY - 4))\" r=\"4\" fill=\"#fff\" stroke=\"#000\"/>"
            body += label(x: x(baseline.value), y: axisY + 32, "○ \(baseline.label) \(SVGText.number(baseline.value))")
        }
        if let latest {
            body += "<path d=\"M\(x(latest.value)) \(SVGText.number(axisY - 10)) l5 8 l-10 0 z\" fill=\"#000\"/>"
            body += label(x: x(latest.value), y: axisY + 44, "▲ \(latest.label) \(SVGText.number(latest.value))")
        }
        return frame.wrap(body)
    }

    /// A label centred on its marker, moved inward when it would leave the chart.
    private func label(x: String, y: Double, _ text: String) -> String {
        let center = SVGText.clampedCenter(Double(x) ?? 0, text: text, fontSize: 12, minX: 2, maxX: 358)
        return "<text x=\"\(SVGText.number(center))\" y=\"\(SVGText.number(y))\" text-anchor=\"middle\" fill=\"#111\">\(SVGText.escape(text))</text>"
    }
}

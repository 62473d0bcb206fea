/// Horizontal stacked bars, e.g. each department's number of lead and co tasks. Long names
/// are shortened with the full name in a <title>; every bar carries its numbers as text.
public struct StackedBarChart: Sendable {
    public struct Row: Sendable, Hashable {
        public let label: String
        public let values: [Int]
        public init(label: String, values: [Int]) {
            self.label = label
            self.values = values
        }
    }

    public struct Series: Sendable, Hashable {
        public let name: String
        public let fill: String
        /// A pattern id (`hatch`) or nil for a solid fill, so series differ by more than colour.
        public let hatched: Bool
        public init(name: String, fill: String, hatched: Bool) {
            self.name = name
            self.fill = fill
            self.hatched = hatched
        }
    }

    public var id: String
    public var title: String
    public var series: [Series]
    public var rows: [Row]

    public init(id: String, title: String, series: [Series], rows: [Row]) {
        self.id = id
        self.title = title
        self.series = series
        self.rows = rows
    }

    public var description: String {
        rows.map { row in
            row.label + "：" + zip(series, row.values).map { "\($0.name) \($1)" }.joined(separator: "，")
        }.joined(separator: "；")
    }

    public func svg() -> String {
        let labelWidth = 150.0, barLeft = 160.0, barRight = 430.0, rowHeight = 24.0, top = 34.0
        let height = top + Double(rows.count) * rowHeight + 12
        let width = 480.0
        let frame = ChartFrame(id: id, width: width, height: height, title: title, description: description)
        let maxTotal = max(rows.map { $0.values.reduce(0, +) }.max() ?? 1, 1)
        let n = SVGText.number
        var body = "<defs>"
        for (i, s) in series.enumerated() where s.hatched {
            body += "<pattern id=\"\(id)-p\(i)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(s.fill)\" stroke-width=\"3\"/></pattern>"
        }
        body += "</defs>"
        // Legend.
        var lx = barLeft
        for (i, s) in series.enumerated() {
            let fill = s.hatched ? "url(#\(id)-p\(i))" : s.fill
            body += "<rect x=\"\(n(lx, 2))\" y=\"8\" width=\"14\" height=\"14\" fill=\"\(fill)\" stroke=\"#333\"/>"
            body += "<text x=\"\(n(lx + 18, 2))\" y=\"20\" fill=\"#111\">\(SVGText.escape(s.name))</text>"
            lx += 26 + SVGText.width(s.name) * 12
        }
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            let shown = SVGText.fit(row.label, maxWidth: labelWidth / 12)
            body += "<text x=\"\(n(barLeft - 6, 2))\" y=\"\(n(y + 16, 2))\" text-anchor=\"end\" fill=\"#111\"><title>\(SVGText.escape(row.label))</title>\(SVGText.escape(shown))</text>"
            var x = barLeft
            for (i, value) in row.values.enumerated() where value > 0 && i < series.count {
                let w = Double(value) / Double(maxTotal) * (barRight - barLeft)
                let s = series[i]
                let fill = s.hatched ? "url(#\(id)-p\(i))" : s.fill
                body += "<rect x=\"\(n(x, 2))\" y=\"\(n(y + 4, 2))\" width=\"\(n(w, 2))\" height=\"16\" fill=\"\(fill)\" stroke=\"#333\" stroke-width=\"0.5\"><title>\(SVGText.escape("\(row.label) \(s.name) \(value)"))</title></rect>"
                x += w
            }
            let total = row.values.map(String.init).joined(separator: "+")
            body += "<text x=\"\(n(x + 4, 2))\" y=\"\(n(y + 16, 2))\" fill=\"#111\">\(SVGText.escape(total))</text>"
        }
        return frame.wrap(body)
    }
}

/// How many indicators of a plan are in each status: one bar per status, labelled with the
/// status's symbol, word and count.
public struct StatusChart: Sendable {
    public struct Entry: Sendable, Hashable {
        public let mark: StatusMark
        public let count: Int
        public let fill: String
        public init(mark: StatusMark, count: Int, fill: String) {
            self.mark = mark
            self.count = count
            self.fill = fill
        }
    }

    public var id: String
    public var title: String
    public var entries: [Entry]

    public init(id: String, title: String, entries: [Entry]) {
        self.id = id
        self.title = title
        self.entries = entries
    }

    public var description: String {
        entries.map { "\($0.mark.label) \($0.count)" }.joined(separator: "，")
    }

    public func svg() -> String {
        let rowHeight = 22.0, left = 120.0, right = 360.0
        let height = Double(entries.count) * rowHeight + 12
        let frame = ChartFrame(id: id, width: 400, height: height, title: title, description: description)
        let maxCount = max(entries.map(\.count).max() ?? 1, 1)
        let n = SVGText.number
        var body = ""
        for (i, e) in entries.enumerated() {
            let y = 6 + Double(i) * rowHeight
            body += "<text x=\"\(n(left - 6, 2))\" y=\"\(n(y + 14, 2))\" text-anchor=\"end\" fill=\"#111\">\(SVGText.escape("\(e.mark.symbol) \(e.mark.label)"))</text>"
            let w = Double(e.count) / Double(maxCount) * (right - left)
            if e.count > 0 {
                body += "<rect x=\"\(n(left, 2))\" y=\"\(n(y + 2, 2))\" width=\"\(n(w, 2))\" height=\"16\" fill=\"\(e.fill)\" stroke=\"#333\" stroke-width=\"0.5\"/>"
            }
            body += "<text x=\"\(n(left + w + 4, 2))\" y=\"\(n(y + 14, 2))\" fill=\"#111\">\(e.count)</text>"
        }
        return frame.wrap(body)
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

/// An SVG parsed with Foundation's XMLParser: fails when the text is not well-formed XML.
final class ParsedSVG: NSObject, XMLParserDelegate {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
    }

    private(set) var elements: [Element] = []
    private var stack: [Int] = []
    private(set) var error: Error?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? NSError(domain: "xml", code: 1) }
    }

    var isWellFormed: Bool { error == nil && !elements.isEmpty }
    var root: Element? { elements.first }
    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }
    /// Every text node and attribute value, unescaped.
    var allText: [String] { elements.flatMap { [$0.text] + Array($0.attributes.values) } }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, text: ""))
        stack.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = stack.last { elements[i].text += string }
    }
}

/// Fixed inputs for every chart: the 湖州 PM2.5 case, departments with a long name, statuses.
enum Inputs {
    static let met = StatusMark(symbol: "✓", label: "已达标", cssClass: "met")

    static let bullet = BulletChart(id: "pm25", title: "PM2.5年均浓度", unit: "微克/立方米",
                                    baseline: ("2015年", 57), target: ("2020年目标", 35), latest: ("2020年", 26), status: met)

    static let line = LineChart(id: "pm25-line", title: "PM2.5年均浓度（微克/立方米）", unit: "微克/立方米",
                                points: [.init(year: 2020, value: 26, label: "26"), .init(year: 2015, value: 57, label: "57"),
                                         .init(year: 2018, value: 40, label: "40")],
                                targets: [.init(year: 2020, value: 35, label: "≤35"), .init(year: 2025, value: 30, label: "≤30")])

    static let stacked = StackedBarChart(
        id: "depts", title: "各部门牵头与配合任务数",
        series: [.init(name: "牵头", fill: "#1f4e79", hatched: false), .init(name: "配合", fill: "#8aa9c9", hatched: true)],
        rows: [.init(label: "市生态环境局", values: [5, 3]),
               .init(label: "湖州市发展和改革委员会南太湖新区分局", values: [2, 7]),
               .init(label: "市科技局", values: [0, 1])])

    static let status = StatusChart(id: "status", title: "指标进展", entries: [
        .init(mark: met, count: 5, fill: "#2e7d32"),
        .init(mark: StatusMark(symbol: "→", label: "按进度推进", cssClass: "on-track"), count: 2, fill: "#1565c0"),
        .init(mark: StatusMark(symbol: "!", label: "进度滞后", cssClass: "behind"), count: 1, fill: "#ef6c00"),
        .init(mark: StatusMark(symbol: "—", label: "无数据", cssClass: "no-data"), count: 0, fill: "#9e9e9e"),
    ])

    static let hostile = "<script>alert(1)</script>"
    static let hostileMark = StatusMark(symbol: "<b>", label: hostile, cssClass: "x")

    /// Every chart with hostile text in every place a text can come from.
    static let hostileCharts: [(String, String)] = [
        ("BulletChart", BulletChart(id: "h1", title: hostile, unit: hostile, baseline: (hostile, 1), target: (hostile, 3),
                                    latest: (hostile, 2), status: hostileMark).svg()),
        ("LineChart", LineChart(id: "h2", title: hostile, unit: hostile, points: [.init(year: 2020, value: 1, label: hostile),
                                                                                 .init(year: 2021, value: 2, label: hostile)],
                                targets: [.init(year: 2022, value: 3, label: hostile)]).svg()),
        ("StackedBarChart", StackedBarChart(id: "h3", title: hostile, series: [.init(name: hostile, fill: "#000", hatched: true)],
                                            rows: [.init(label: hostile, values: [3])]).svg()),
        ("StatusChart", StatusChart(id: "h4", title: hostile, entries: [.init(mark: hostileMark, count: 2, fill: "#000")]).svg()),
    ]
}

@Suite struct ChartSVGTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let svg: String
        let title: String
        let description: String
        var testDescription: String { name }
    }

    static let charts: [Case] = [
        Case(name: "BulletChart", svg: Inputs.bullet.svg(), title: Inputs.bullet.title, description: Inputs.bullet.description),
        Case(name: "LineChart", svg: Inputs.line.svg(), title: Inputs.line.title, description: Inputs.line.description),
        Case(name: "StackedBarChart", svg: Inputs.stacked.svg(), title: Inputs.stacked.title, description: Inputs.stacked.description),
        Case(name: "StatusChart", svg: Inputs.status.svg(), title: Inputs.status.title, description: Inputs.status.description),
        Case(name: "BulletChart-empty", svg: BulletChart(id: "e1", title: "无数据", unit: "", baseline: nil, target: nil,
                                                         latest: nil, status: nil).svg(), title: "无数据", description: ""),
        Case(name: "LineChart-empty", svg: LineChart(id: "e2", title: "无数据", unit: "%", points: [], targets: []).svg(),
             title: "无数据", description: ""),
        Case(name: "StackedBarChart-empty", svg: StackedBarChart(id: "e3", title: "无部门", series: [], rows: []).svg(),
             title: "无部门", description: ""),
        Case(name: "StatusChart-empty", svg: StatusChart(id: "e4", title: "无指标", entries: []).svg(), title: "无指标", description: ""),
    ]

    @Test(arguments: charts)
    func wellFormedAccessibleSVG(chart: Case) throws {
        let (name, svg, title, description) = (chart.name, chart.svg, chart.title, chart.description)
        let parsed = ParsedSVG(svg)
        #expect(parsed.isWellFormed, "\(name): \(String(describing: parsed.error))")
        let root = try #require(parsed.root)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
        // <title> and <desc> come first and are what aria-labelledby names.
        #expect(parsed.elements.count >= 3)
        let titleElement = parsed.elements[1], descElement = parsed.elements[2]
        #expect(titleElement.name == "title")
        #expect(descElement.name == "desc")
        #expect(titleElement.text == title)
        #expect(descElement.text == description)
        let ids = try #require(root.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
        #expect(ids == [titleElement.attributes["id"], descElement.attributes["id"]].compactMap { $0 })
    }

    @Test func descriptionsSayTheNumbersInWords() {
        #expect(Inputs.bullet.description == "2015年 57微克/立方米；2020年目标 35微克/立方米；2020年 26微克/立方米；已达标")
        #expect(Inputs.line.description == "2015年 57，2018年 40，2020年 26；2020年目标 ≤35，2025年目标 ≤30")
        #expect(Inputs.stacked.description == "市生态环境局：牵头 5，配合 3；湖州市发展和改革委员会南太湖新区分局：牵头 2，配合 7；市科技局：牵头 0，配合 1")
        #expect(Inputs.status.description == "已达标 5，按进度推进 2，进度滞后 1，无数据 0")
    }

    @Test(arguments: Inputs.hostileCharts)
    func hostileTextIsAlwaysEscaped(name: String, svg: String) throws {
        #expect(!svg.contains("<script"), "\(name)")
        #expect(!svg.contains("</script"), "\(name)")
        #expect(!svg.contains("<b>"), "\(name)")
        let parsed = ParsedSVG(svg)
        #expect(parsed.isWellFormed, "\(name): \(String(describing: parsed.error))")
        // The parser sees the hostile text as text, never as an element.
        #expect(!parsed.elements.contains { $0.name == "script" || $0.name == "b" })
        #expect(parsed.all("title").first?.text == Inputs.hostile)
        #expect(parsed.allText.contains { $0.contains(Inputs.hostile) })
    }

    @Test func charactersXMLForbidsDoNotBreakTheSVG() {
        // Control characters and the noncharacters U+FFFE/U+FFFF are valid in UTF-8 content files
        // but not in XML 1.0.
        let odd = "PM2.5\u{1}浓度\u{FFFE}\u{FFFF}"
        let svg = StatusChart(id: "odd", title: odd, entries: [.init(mark: StatusMark(symbol: "✓", label: odd, cssClass: "m"),
                                                                      count: 1, fill: "#000")]).svg()
        let parsed = ParsedSVG(svg)
        #expect(parsed.isWellFormed, "\(String(describing: parsed.error))")
        #expect(parsed.all("title").first?.text == "PM2.5浓度")
    }

    @Test func quotesInTextCannotBreakOutOfAttributes() {
        let evil = "\" onload=\"alert(1)"
        let svg = StackedBarChart(id: "q", title: evil, series: [.init(name: evil, fill: "#000", hatched: false)],
                                  rows: [.init(label: evil, values: [1])]).svg()
        let parsed = ParsedSVG(svg)
        #expect(parsed.isWellFormed)
        #expect(!parsed.elements.contains { $0.attributes.keys.contains("onload") })
    }

    // MARK: Geometry worked out by hand

    @Test func bulletChartGeometry() {
        // Values 26…57 → axis 0…60 (zero included as 26 < 57 / 2), x = 16 + v / 60 × 328.
        let svg = Inputs.bullet.svg()
        for (tick, x) in [(0, "16"), (20, "125.33"), (40, "234.67"), (60, "344")] {
            #expect(svg.contains("<text x=\"\(x)\" y=\"62\" text-anchor=\"middle\" fill=\"#333\">\(tick)</text>"), "tick \(tick)")
        }
        // Target 35 at 16 + 35 / 60 × 328 = 207.33; latest 26 at 158.13; baseline 57 at 327.6.
        #expect(svg.contains("<line x1=\"207.33\" y1=\"30\" x2=\"207.33\" y2=\"48\""))
        #expect(svg.contains("<path d=\"M158.13 36"))
        #expect(svg.contains("<circle cx=\"327.6\""))
        // The bar from latest to baseline: 158.13 … 327.6.
        #expect(svg.contains("<rect x=\"158.13\" y=\"39\" width=\"169.47\""))
        #expect(svg.contains("▮ 2020年目标 35"))
        #expect(svg.contains("○ 2015年 57"))
        #expect(svg.contains("▲ 2020年 26"))
    }

    @Test func lineChartGeometry() {
        // Years 2015…2025 → x = 48 + (year − 2015) / 10 × 352; values 26…57 → 0…60, y = 180 − v / 60 × 160.
        let svg = Inputs.line.svg()
        // 2015, 2018 and 2020 are not consecutive years: dots, no line across the years between.
        #expect(!svg.contains("fill=\"none\" stroke=\"#1f4e79\""))
        #expect(svg.contains("<circle cx=\"48\" cy=\"28\""))
        #expect(svg.contains("<circle cx=\"153.6\" cy=\"73.33\""))
        // Target 2025 ≤30 at (400, 100): a diamond from y 94.
        #expect(svg.contains("<path d=\"M400 94 l6 6 l-6 6 l-6 -6 z\""))
        for (tick, y) in [(0, "184"), (20, "130.67"), (40, "77.33"), (60, "24")] {
            #expect(svg.contains("y=\"\(y)\" text-anchor=\"end\" fill=\"#333\">\(tick)</text>"), "tick \(tick)")
        }
        // Points are sorted by year whatever the input order.
        #expect(Inputs.line.points.map(\.year) == [2015, 2018, 2020])
    }

    @Test func lineJoinsOnlyConsecutiveYears() {
        let points: [LineChart.Point] = [2015, 2020, 2021, 2022, 2024].map { .init(year: $0, value: 30, label: "30") }
        let chart = LineChart(id: "gaps", title: "t", unit: "%", points: points, targets: [])
        #expect(LineChart.consecutiveRuns(chart.points).map { $0.map(\.year) } == [[2015], [2020, 2021, 2022], [2024]])
        let svg = chart.svg()
        // One line, for 2020–2022 only.
        #expect(svg.components(separatedBy: "fill=\"none\" stroke=\"#1f4e79\"").count - 1 == 1)
        // A share starts at zero: the lowest tick is 0 although every value is 30.
        #expect(svg.contains("text-anchor=\"end\" fill=\"#333\">0</text>"))
    }

    @Test func axesStartAtZeroForNonNegativeValues() {
        // 湖州 PM2.5: 26 against a target of 25: the axis runs from 0, not from 25 to 26.
        let bullet = BulletChart(id: "b", title: "PM2.5", unit: "µg/m3", baseline: nil, target: ("目标2025", 25),
                                 latest: ("比较值2022", 26), status: nil).svg()
        #expect(bullet.contains(">0</text>"))
        #expect(bullet.contains(">单位：µg/m3</text>"))
    }

    @Test func stackedBarGeometry() {
        // The longest total is 2 + 7 = 9 → 270 px; 5 → 150, 3 → 90, 2 → 60, 7 → 210, 1 → 30.
        let svg = Inputs.stacked.svg()
        #expect(svg.contains("<rect x=\"160\" y=\"38\" width=\"150\" height=\"16\" fill=\"#1f4e79\""))
        #expect(svg.contains("<rect x=\"310\" y=\"38\" width=\"90\" height=\"16\" fill=\"url(#depts-p1)\""))
        #expect(svg.contains("<rect x=\"160\" y=\"62\" width=\"60\""))
        #expect(svg.contains("<rect x=\"220\" y=\"62\" width=\"210\""))
        #expect(svg.contains("<rect x=\"160\" y=\"86\" width=\"30\""))
        // A zero value draws no bar; totals are written as text.
        #expect(!svg.contains("width=\"0\""))
        #expect(svg.contains(">5+3</text>") && svg.contains(">2+7</text>") && svg.contains(">0+1</text>"))
        // The long name is shortened, with the full name in a <title>.
        #expect(svg.contains("<title>湖州市发展和改革委员会南太湖新区分局</title>湖州市发展和改革委员会…</text>"))
        // The hatched series has its pattern.
        #expect(svg.contains("<pattern id=\"depts-p1\""))
        #expect(!svg.contains("<pattern id=\"depts-p0\""))
    }

    /// Every text of the fixed charts stays inside the viewBox, by the charts' own width estimate
    /// (SVGText.width × 12 px font size) and the text's anchor.
    @Test(arguments: [("BulletChart", Inputs.bullet.svg()), ("LineChart", Inputs.line.svg()),
                      ("StackedBarChart", Inputs.stacked.svg()), ("StatusChart", Inputs.status.svg())])
    func labelsStayInsideTheViewBox(name: String, svg: String) throws {
        let parsed = ParsedSVG(svg)
        let root = try #require(parsed.root)
        let width = try #require(root.attributes["width"].flatMap(Double.init))
        for text in parsed.all("text") {
            guard let x = text.attributes["x"].flatMap(Double.init) else { continue }
            // The text's own characters (a <title> inside it, not drawn, is an element of its own).
            let drawn = text.text
            let w = SVGText.width(drawn) * 12
            let (from, to): (Double, Double)
            switch text.attributes["text-anchor"] {
            case "middle": (from, to) = (x - w / 2, x + w / 2)
            case "end": (from, to) = (x - w, x)
            default: (from, to) = (x, x + w)
            }
            #expect(from >= -1 && to <= width + 1, "\(name): '\(drawn)' spans \(SVGText.number(from))…\(SVGText.number(to)) of 0…\(SVGText.number(width))")
        }
    }

    @Test func statusChartGeometry() {
        // The largest count (5) is 240 px wide; 2 → 96, 1 → 48; 0 draws no bar.
        let svg = Inputs.status.svg()
        #expect(svg.contains("width=\"240\" height=\"16\" fill=\"#2e7d32\""))
        #expect(svg.contains("width=\"96\" height=\"16\" fill=\"#1565c0\""))
        #expect(svg.contains("width=\"48\" height=\"16\" fill=\"#ef6c00\""))
        #expect(!svg.contains("fill=\"#9e9e9e\""))
        // Every status is written with its symbol and word.
        for label in ["✓ 已达标", "→ 按进度推进", "! 进度滞后", "— 无数据"] { #expect(svg.contains(">\(label)</text>")) }
        // Height: 4 rows × 22 + 12.
        #expect(svg.contains("viewBox=\"0 0 400 100\""))
    }
}

@Suite struct ChartSnapshotTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

    /// Compares with __Snapshots__/NAME.svg; records the file (and fails) when it is missing.
    func assertSnapshot(_ svg: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = Self.snapshots.appendingPathComponent("\(name).svg")
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            try svg.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded a new snapshot at \(url.path); check it and re-run the tests", sourceLocation: sourceLocation)
            return
        }
        #expect(svg == expected, "\(name).svg differs from the snapshot; if the change is intended, delete \(url.path) and re-run to record it",
                sourceLocation: sourceLocation)
    }

    @Test func bulletChart() throws { try assertSnapshot(Inputs.bullet.svg(), named: "BulletChart") }
    @Test func lineChart() throws { try assertSnapshot(Inputs.line.svg(), named: "LineChart") }
    @Test func stackedBarChart() throws { try assertSnapshot(Inputs.stacked.svg(), named: "StackedBarChart") }
    @Test func statusChart() throws { try assertSnapshot(Inputs.status.svg(), named: "StatusChart") }
}

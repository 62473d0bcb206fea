/// The accessible frame every chart shares: role="img", <title> and <desc> referenced by
/// aria-labelledby, a CJK font stack and a viewBox so that it scales on a phone.
struct ChartFrame {
    let id: String
    let width: Double
    let height: Double
    let title: String
    let description: String

    func wrap(_ body: String) -> String {
        let t = SVGText.escape(title)
        let d = SVGText.escape(description)
        let w = SVGText.number(width)
        let h = SVGText.number(height)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" aria-labelledby=\"\(id)-title \(id)-desc\" font-family=\"\(SVGText.fontFamily)\" font-size=\"12\">"
            + "<title id=\"\(id)-title\">\(t)</title><desc id=\"\(id)-desc\">\(d)</desc>"
            + body + "</svg>"
    }
}

/// Status marks drawn in charts: a symbol and a word, never colour alone.
public struct StatusMark: Sendable, Hashable {
    public let symbol: String
    public let label: String
    public let cssClass: String
    public init(symbol: String, label: String, cssClass: String) {
        self.symbol = symbol
        self.label = label
        self.cssClass = cssClass
    }
}

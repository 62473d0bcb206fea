/// One way of writing each unit on the site: the documents write the same unit several ways
/// (`μg/m3`, `µg/m3`, `微克/立方米`); pages and charts show the Chinese form. A value and its
/// unit are joined by a no-break space, so that a line never breaks between them; `%` follows
/// the number directly.
enum UnitStyle {
    static let names: [String: String] = [
        "μg/m3": "微克/立方米", "µg/m3": "微克/立方米", "μg/m³": "微克/立方米", "µg/m³": "微克/立方米", "ug/m3": "微克/立方米",
        "mg/L": "毫克/升", "mg/l": "毫克/升", "km2": "平方千米", "km²": "平方千米",
    ]

    /// The unit as the site writes it.
    static func normal(_ unit: String) -> String {
        let trimmed = unit.trimmingWhitespaces()
        return names[trimmed] ?? trimmed
    }

    /// `value` followed by `unit` as the site writes them together; the unit goes before a
    /// closing word (`61.5以上` → `61.5%以上`, `25以下` → `25 微克/立方米以下`), as it is read.
    static func join(_ value: String, _ unit: String) -> String {
        let unit = normal(unit)
        var (number, closing) = (value, "")
        if let word = closingWords.first(where: { value.hasSuffix($0) && value.count > $0.count }),
           value.dropLast(word.count).last?.isNumber == true {
            (number, closing) = (String(value.dropLast(word.count)), word)
        }
        return (unit == "%" || unit == "％" ? number + "%" : number + "\u{00A0}" + unit) + closing
    }

    static let closingWords = ["以上", "以下", "以内", "左右"]
}

/// Chinese numerals, the one parser of the codebase: the numbers of chapters (一、), sections
/// ((一)), parts (第一部分), dates (二〇一一年五月十六日) and five-year plans (十四五).
public enum ChineseNumeral {
    static let digits: [Character: Int] = ["零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                                          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23, 一百零五 → 105; nil for anything else.
    public static func value(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        var current = 0
        for ch in text {
            if let d = digits[ch] {
                current = d
            } else if ch == "十" {
                total += (current == 0 ? 1 : current) * 10
                current = 0
            } else if ch == "百" {
                total += (current == 0 ? 1 : current) * 100
                current = 0
            } else {
                return nil
            }
        }
        return total + current
    }

    /// Digit by digit, as years are written: 二〇一一 → 2011; nil unless every character is a digit.
    public static func digitsValue(_ text: String) -> Int? {
        guard !text.isEmpty else { return nil }
        var total = 0
        for ch in text {
            guard let d = digits[ch] else { return nil }
            total = total * 10 + d
        }
        return total
    }

    /// 1 → 一, 10 → 十, 23 → 二十三; from 100 on, Arabic digits.
    public static func text(_ value: Int) -> String {
        let names = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if value < 10 { return names[max(0, value)] }
        if value < 20 { return "十" + (value % 10 == 0 ? "" : names[value % 10]) }
        if value < 100 { return names[value / 10] + "十" + (value % 10 == 0 ? "" : names[value % 10]) }
        return String(value)
    }
}

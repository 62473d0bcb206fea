import Foundation

/// Site settings from `Content/site.yaml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var organisation: String
    /// `YYYY-MM-DD`: the date the published data describe.
    public var dataAsOf: SimpleDate
    public var language: String
    public var allowRawHTML: Bool
    /// The terms the open data are published under (`data_licence`); empty when not given.
    public var dataLicence: String

    public init(title: String, organisation: String, dataAsOf: SimpleDate, language: String, allowRawHTML: Bool = false,
                dataLicence: String = "") {
        self.title = title
        self.organisation = organisation
        self.dataAsOf = dataAsOf
        self.language = language
        self.allowRawHTML = allowRawHTML
        self.dataLicence = dataLicence
    }
}

/// A calendar date without a time zone; month and day may be unknown (an issue date "2018").
public struct SimpleDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int?
    public let day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month: Int?
        var day: Int?
        if parts.count >= 2 {
            guard let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            month = m
        }
        if parts.count == 3 {
            guard let d = Int(parts[2]), (1...31).contains(d) else { return nil }
            day = d
        }
        self.init(year: year, month: month, day: day)
    }

    /// The year as a fraction: 2020-07-01 → about 2020.5. Unknown parts count as the start.
    public var fractionalYear: Double {
        let m = Double((month ?? 1) - 1)
        let d = Double((day ?? 1) - 1)
        return Double(year) + (m * 30.44 + d) / 365.25
    }

    public var description: String {
        var text = String(format: "%04d", year)
        if let month { text += String(format: "-%02d", month) }
        if let day { text += String(format: "-%02d", day) }
        return text
    }

    public static func < (lhs: SimpleDate, rhs: SimpleDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}

import Foundation

/// Site settings from `Content/site.yaml`.
public struct SiteConfig: Sendable, Equatable {
    public var title: String
    public var organisation: String
    /// `YYYY-MM-DD`: the date the published data describe.
    public var dataAsOf: SimpleDate
    public var language: String
    public var allowRawHTML: Bool
    /// What a Chinese government website shows in its footer (政府网站): all optional, "" when
    /// not set.
    public var identification: SiteIdentification
    /// The terms the open data are published under (`data_licence`); empty when not given.
    public var dataLicence: String

    public init(title: String, organisation: String, dataAsOf: SimpleDate, language: String, allowRawHTML: Bool = false,
                identification: SiteIdentification = SiteIdentification(), dataLicence: String = "") {
        self.title = title
        self.organisation = organisation
        self.dataAsOf = dataAsOf
        self.language = language
        self.allowRawHTML = allowRawHTML
        self.identification = identification
        self.dataLicence = dataLicence
    }
}

/// The footer fields of a government website, each "" when site.yaml does not set it.
public struct SiteIdentification: Sendable, Equatable {
    /// 主办单位 (`sponsor`).
    public var sponsor = ""
    /// 承办单位 (`operator`).
    public var operatedBy = ""
    /// 网站标识码 (`site_code`).
    public var siteCode = ""
    /// ICP备案号 (`icp_record`).
    public var icpRecord = ""
    /// 公安机关备案号 (`police_record`).
    public var policeRecord = ""
    /// 联系方式 (`contact`): a telephone number, an address, an e-mail address.
    public var contact = ""
    /// 纠错 (`correction`): where readers report an error, a URL or an e-mail address.
    public var correction = ""

    /// The site.yaml keys, in the order the footer shows them.
    public static let keys = ["sponsor", "operator", "site_code", "icp_record", "police_record", "contact", "correction"]

    public init() {}

    /// From site.yaml's values by key (`keys`); a missing key is "".
    public init(values: [String: String]) {
        sponsor = values["sponsor"] ?? ""
        operatedBy = values["operator"] ?? ""
        siteCode = values["site_code"] ?? ""
        icpRecord = values["icp_record"] ?? ""
        policeRecord = values["police_record"] ?? ""
        contact = values["contact"] ?? ""
        correction = values["correction"] ?? ""
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

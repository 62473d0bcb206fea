import Foundation

/// A region (湖州市, 浙江省) with the departments, metrics and observations its plans share.
public struct Region: Sendable, Identifiable {
    public let id: String
    public var name: String
    /// The level prefix its department names carry: 省, 市, 县, 区.
    public var level: String
    public var departments: [Department]
    public var metrics: [Metric]
    public var observations: [Observation]
    public let location: SourceLocation

    public init(id: String, name: String, level: String, departments: [Department] = [],
                metrics: [Metric] = [], observations: [Observation] = [], location: SourceLocation) {
        self.id = id
        self.name = name
        self.level = level
        self.departments = departments
        self.metrics = metrics
        self.observations = observations
        self.location = location
    }
}

public enum DepartmentKind: String, Sendable, CaseIterable, Codable {
    case party, government, agency, enterprise, other
}

public struct Department: Sendable, Identifiable, Hashable {
    public let id: String
    public let regionID: String
    public var name: String
    public var kind: DepartmentKind
    public var aliases: [String]
    public var note: String
    public let location: SourceLocation

    public init(id: String, regionID: String, name: String, kind: DepartmentKind, aliases: [String] = [], note: String = "", location: SourceLocation) {
        self.id = id
        self.regionID = regionID
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.note = note
        self.location = location
    }

    /// Region-qualified key, unique across the site.
    public var key: String { "\(regionID)/\(id)" }
}

public enum Direction: String, Sendable, Codable {
    case higher, lower
}

/// Something measured in a region, independent of any plan.
public struct Metric: Sendable, Identifiable, Hashable {
    public let id: String
    public let regionID: String
    public var name: String
    public var unit: String
    public var direction: Direction?
    public var note: String
    public let location: SourceLocation

    public init(id: String, regionID: String, name: String, unit: String = "", direction: Direction? = nil, note: String = "", location: SourceLocation) {
        self.id = id
        self.regionID = regionID
        self.name = name
        self.unit = unit
        self.direction = direction
        self.note = note
        self.location = location
    }

    public var key: String { "\(regionID)/\(id)" }
}

/// The statistical basis of a reported value.
public enum Basis: Sendable, Hashable, CustomStringConvertible {
    case annual
    case fiveYearMean
    /// Written 〔〕: the change over a five-year period, counted from the period's base year
    /// (2015 for a value of 2016–2020, 2020 for 2021–2025).
    case cumulative
    /// The change since a base year, as a document reports it ("比2013年削减6.18%"): `change-since-2013`.
    case changeSince(Int)
    case other(String)

    public init(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed {
        case "", "annual": self = .annual
        case "five-year-mean": self = .fiveYearMean
        case "cumulative": self = .cumulative
        case let other:
            if other.hasPrefix("change-since-"), let year = Int(other.dropFirst("change-since-".count)), year > 0 {
                self = .changeSince(year)
            } else {
                self = .other(other)
            }
        }
    }

    /// The base year of a change value of `year`: the year written in `change-since-YYYY`, or
    /// for a 〔〕 five-year cumulative value the end of the previous five-year period. Nil for
    /// values that are levels, not changes.
    public func changeBaseYear(valueYear year: Int) -> Int? {
        switch self {
        case .changeSince(let base): return base
        case .cumulative: return Basis.periodBaseYear(of: year)
        default: return nil
        }
    }

    /// The year before the five-year period that holds `year` (periods 2016–2020, 2021–2025 …).
    public static func periodBaseYear(of year: Int) -> Int { Int((Double(year - 1) / 5).rounded(.down)) * 5 }

    public var description: String {
        switch self {
        case .annual: return "annual"
        case .fiveYearMean: return "five-year-mean"
        case .cumulative: return "cumulative"
        case .changeSince(let year): return "change-since-\(year)"
        case .other(let text): return text
        }
    }
}

/// A value a source reports for a region's metric in a year.
public struct Observation: Sendable, Hashable {
    public let metricID: String
    public let regionID: String
    public let year: Int
    public let value: ValueExpression
    public let basis: Basis
    public let source: String
    public let note: String
    public let location: SourceLocation

    public init(metricID: String, regionID: String, year: Int, value: ValueExpression, basis: Basis, source: String, note: String = "", location: SourceLocation) {
        self.metricID = metricID
        self.regionID = regionID
        self.year = year
        self.value = value
        self.basis = basis
        self.source = source
        self.note = note
        self.location = location
    }

    public var metricKey: String { "\(regionID)/\(metricID)" }
}

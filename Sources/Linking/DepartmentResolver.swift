import Foundation
import PlanModel

/// Resolves department names as plans write them to departments of the region's registry.
///
/// A name resolves when it equals a department's canonical name or one of its aliases
/// (NFC, spaces removed). Within one list, a level prefix (省/市/县/区) carries over to
/// following names that have none — `市发改委、科技局` reads 科技局 as 市科技局 — unless the
/// registry resolves the bare name itself.
public struct DepartmentResolver: Sendable {
    public static let levelPrefixes: [Character] = ["省", "市", "县", "区"]

    let regionID: String
    let regionFolder: String
    private var byName: [String: Department] = [:]
    /// Department id → its canonical name normalised.
    private var canonical: [String: String] = [:]
    /// Department id → its key, made once: every assignment to the department shares it.
    private var keys: [String: String] = [:]

    public init(region: Region, regionFolder: String, log: inout DiagnosticLog) {
        regionID = region.id
        self.regionFolder = regionFolder
        for department in region.departments {
            if canonical[department.id] == nil { canonical[department.id] = Self.normalise(department.name) }
            if keys[department.id] == nil { keys[department.id] = department.key }
            for name in [department.name] + department.aliases {
                let key = Self.normalise(name)
                if let other = byName[key], other.id != department.id {
                    log.add(.error("ambiguous-department", at: department.location,
                                   "the name '\(name)' belongs to both '\(other.id)' and '\(department.id)'",
                                   hint: "a name or alias may belong to one department only; remove it from one of them"))
                    continue
                }
                byName[key] = department
            }
        }
    }

    /// Names are compared in `NameNormalisation`'s form (NFC, no spaces).
    public static func normalise(_ name: String) -> String { NameNormalisation.normalise(name) }

    public func lookup(_ name: String) -> Department? { byName[Self.normalise(name)] }

    /// Words that start with a level character without being a level prefix: 市场监管局 is
    /// not 市 + 场监管局.
    static let notPrefixed = ["市场", "区域", "省级", "县级", "市级", "区级"]

    /// The scalars a name's first Character can start with and equal a level character:
    /// U+F96D, a compatibility ideograph, is canonically equivalent to 省.
    static let levelScalars = Set("省市县区\u{F96D}".unicodeScalars)
    /// The second scalars of `notPrefixed`.
    static let notPrefixedSeconds = Set("场域级".unicodeScalars)

    /// The level prefix a name starts with (市发改委 → 市), if any.
    ///
    /// Decided on Characters (`levelPrefixCharacters` is the definition); the scalars answer
    /// first where they can: a name whose first scalar is no level character cannot start
    /// with one, and one whose second scalar is none of 场, 域, 级 cannot start with a word of
    /// `notPrefixed` (no other scalar or sequence is canonically equivalent to those three).
    public static func levelPrefix(of name: String) -> Character? {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, levelScalars.contains(first) else { return nil }
        let second = scalars.index(after: scalars.startIndex)
        guard second < scalars.endIndex else { return nil }
        guard let firstCharacter = name.first, levelPrefixes.contains(firstCharacter),
              name.index(after: name.startIndex) != name.endIndex else { return nil }
        if notPrefixedSeconds.contains(scalars[second]), notPrefixed.contains(where: { name.hasPrefix($0) }) { return nil }
        return firstCharacter
    }

    /// `levelPrefix(of:)` as it was written first, on Characters only (for the tests).
    static func levelPrefixCharacters(of name: String) -> Character? {
        guard let first = name.first, levelPrefixes.contains(first), name.count > 1,
              !notPrefixed.contains(where: { name.hasPrefix($0) }) else { return nil }
        return first
    }

    /// Resolves one list of names in order, applying the level-prefix carry-over.
    public func resolve(_ mentions: [DepartmentMention], log: inout DiagnosticLog) -> [ResolvedAssignment] {
        var carried: Character?
        var result: [ResolvedAssignment] = []
        for mention in mentions {
            let name = Self.normalise(mention.name)
            var department = byName[name]
            let ownPrefix = Self.levelPrefix(of: name)
            if department == nil, let prefix = carried, ownPrefix == nil {
                department = byName[String(prefix) + name]
            }
            if let ownPrefix {
                carried = ownPrefix
            }
            guard let department else {
                log.add(.error("unknown-department", at: mention.location,
                               "'\(mention.name)' is not a department of region '\(regionID)'",
                               hint: "add it to \(regionFolder)/departments.csv (as a name or an alias), or correct the spelling"))
                continue
            }
            let key = keys[department.id] ?? department.key
            if !result.contains(where: { $0.departmentKey == key && $0.role == mention.role }) {
                result.append(ResolvedAssignment(departmentKey: key, written: mention.name, role: mention.role,
                                                 writtenAsCanonical: name == canonical[department.id]))
            }
        }
        return result
    }
}

/// A department assigned to a task or an indicator.
public struct ResolvedAssignment: Sendable, Hashable {
    public let departmentKey: String
    /// The name as the document wrote it.
    public let written: String
    public let role: AssignmentRole
    /// Whether `written` is the department's canonical name (both normalised): otherwise
    /// pages show both.
    public let writtenAsCanonical: Bool

    package init(departmentKey: String, written: String, role: AssignmentRole, writtenAsCanonical: Bool) {
        self.departmentKey = departmentKey
        self.written = written
        self.role = role
        self.writtenAsCanonical = writtenAsCanonical
    }
}

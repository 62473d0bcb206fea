/// A plan document: metadata, structure, full text, indicators and optional status reports.
public struct Plan: Sendable, Identifiable, Equatable {
    public let id: String
    public var title: String
    /// A short title for cards and breadcrumbs as the front matter gives it (`short_title`);
    /// "" when it gives none.
    public var shortTitle: String
    public var docNumber: String
    public var issuer: String
    public var issueDate: SimpleDate?
    public var startYear: Int
    public var endYear: Int
    public var regionID: String
    public var source: String
    public var sourceNote: String
    public var notes: [String]
    /// Indicator groups (the `group` column) that review the previous plan period, such as
    /// 表1 “十三五”完成情况 in a 十四五 plan: front matter `review_groups`. Their rows are shown
    /// and counted apart from the plan's own targets.
    public var reviewGroups: [String] = []
    public var chapters: [Chapter]
    /// Units of work: every numbered task, and every section that has no numbered tasks.
    public var units: [WorkUnit]
    /// The full text in document order, each block tagged with the structure it belongs to.
    public var blocks: [PlanBlock]
    public var indicators: [Indicator]
    public var reports: [TaskReport]
    /// False for a plan made by `withoutBody`: no blocks, no unit texts or annotations.
    public package(set) var hasBody = true
    /// For a plan without body, a digest of the text it was made from (`withoutBody`).
    public package(set) var bodyDigest = 0
    /// `plan.md`, line 1.
    public let location: SourceLocation

    public init(id: String, title: String, docNumber: String = "", issuer: String, issueDate: SimpleDate? = nil,
                startYear: Int, endYear: Int, regionID: String, source: String, sourceNote: String = "",
                notes: [String] = [], chapters: [Chapter] = [], units: [WorkUnit] = [], blocks: [PlanBlock] = [],
                indicators: [Indicator] = [], reports: [TaskReport] = [], shortTitle: String = "", location: SourceLocation) {
        self.id = id
        self.title = title
        self.shortTitle = shortTitle
        self.docNumber = docNumber
        self.issuer = issuer
        self.issueDate = issueDate
        self.startYear = startYear
        self.endYear = endYear
        self.regionID = regionID
        self.source = source
        self.sourceNote = sourceNote
        self.notes = notes
        self.chapters = chapters
        self.units = units
        self.blocks = blocks
        self.indicators = indicators
        self.reports = reports
        self.location = location
    }

    /// Whether the indicator belongs to a review group: its group is one of `reviewGroups`, or
    /// a sub-group written after it and a space ("表1 “十三五”总量控制指标" under "表1").
    public func isReview(_ indicator: Indicator) -> Bool {
        reviewGroups.contains { Plan.group(indicator.group, isIn: $0) }
    }

    public static func group(_ group: String, isIn review: String) -> Bool {
        group == review || group.hasPrefix(review + " ")
    }

    /// The plan's own indicators (its targets), then those reviewing the previous period.
    public var ownIndicators: [Indicator] { reviewGroups.isEmpty ? indicators : indicators.filter { !isReview($0) } }
    public var reviewIndicators: [Indicator] { reviewGroups.isEmpty ? [] : indicators.filter { isReview($0) } }

    public var periodText: String { startYear == endYear ? "\(startYear)" : "\(startYear)-\(endYear)" }
    public var tasks: [WorkUnit] { units.filter { $0.kind == .task } }
}

public struct Chapter: Sendable, Identifiable, Hashable {
    public let id: String
    public let number: Int
    /// The heading as written, e.g. `一、总体要求`.
    public let heading: String
    public var sections: [Section]
    public let location: SourceLocation

    public init(id: String, number: Int, heading: String, sections: [Section] = [], location: SourceLocation) {
        self.id = id
        self.number = number
        self.heading = heading
        self.sections = sections
        self.location = location
    }
}

public struct Section: Sendable, Identifiable, Hashable {
    public let id: String
    public let number: Int
    /// The heading as written, e.g. `(一)指导思想`.
    public let heading: String
    public let location: SourceLocation

    public init(id: String, number: Int, heading: String, location: SourceLocation) {
        self.id = id
        self.number = number
        self.heading = heading
        self.location = location
    }
}

/// A task, or a section that is itself the unit of work.
public struct WorkUnit: Sendable, Identifiable, Hashable {
    public enum Kind: String, Sendable, Hashable { case task, section }

    public let id: String
    /// Number as written: `15.` or `(三)`.
    public let label: String
    public var title: String
    public let location: SourceLocation
    /// The text, annotations and references: a reference to one shared box, absent in a plan
    /// held without its text (`withoutBody`).
    private var body: Body?
    /// The chapter and section IDs when they are not prefixes of `id` (see `chapterLength`).
    private let otherScope: Scope?
    private let storedNumber: Int32
    public let kind: Kind
    /// The IDs the reader makes begin with the IDs of their chapter and section ("c2-s3-t8"
    /// is in "c2-s3" of "c2"; a section's or chapter's own unit has its own ID): those are
    /// held as their lengths in UTF-8 bytes of `id`, with `noSection` for none. With the box
    /// above, a unit held without text is a small record.
    private let chapterLength: UInt8
    private let sectionLength: UInt8
    private static let noSection = UInt8.max

    public var number: Int { Int(storedNumber) }

    public var chapterID: String { otherScope?.chapterID ?? Self.prefix(of: id, bytes: chapterLength) }

    public var sectionID: String? {
        if let otherScope { return otherScope.sectionID }
        return sectionLength == Self.noSection ? nil : Self.prefix(of: id, bytes: sectionLength)
    }

    private static func prefix(of id: String, bytes: UInt8) -> String {
        String(id[..<id.utf8.index(id.startIndex, offsetBy: Int(bytes))])
    }

    /// The length of `scope` in UTF-8 bytes when `id` begins with it (and it is short enough
    /// to count in a byte), else nil.
    private static func prefixLength(_ scope: String, of id: String) -> UInt8? {
        let length = scope.utf8.count
        return length < Int(noSection) && id.utf8.starts(with: scope.utf8) ? UInt8(length) : nil
    }

    /// Plain text of the unit (title paragraph and the paragraphs that belong to it).
    public var text: String {
        get { body?.text ?? "" }
        set { mutableBody().text = newValue }
    }

    public var annotations: [DepartmentAnnotation] {
        get { body?.annotations ?? [] }
        set { mutableBody().annotations = newValue }
    }

    /// Explicit `indicator:` references in the unit's text.
    public var indicatorReferences: [IndicatorReference] {
        get { body?.indicatorReferences ?? [] }
        set { mutableBody().indicatorReferences = newValue }
    }

    public init(id: String, kind: Kind, number: Int, label: String, title: String, text: String,
                chapterID: String, sectionID: String?, annotations: [DepartmentAnnotation] = [],
                indicatorReferences: [IndicatorReference] = [], location: SourceLocation) {
        self.id = id
        self.kind = kind
        self.storedNumber = Int32(clamping: number)
        self.label = label
        self.title = title
        self.location = location
        let chapter = Self.prefixLength(chapterID, of: id)
        let section = sectionID == nil ? Self.noSection : Self.prefixLength(sectionID!, of: id)
        if let chapter, let section {
            chapterLength = chapter
            sectionLength = section
            otherScope = nil
        } else {
            chapterLength = 0
            sectionLength = 0
            otherScope = Scope(chapterID: chapterID, sectionID: sectionID)
        }
        if !text.isEmpty || !annotations.isEmpty || !indicatorReferences.isEmpty {
            body = Body(text: text, annotations: annotations, indicatorReferences: indicatorReferences)
        }
    }

    /// The unit with an empty text and no annotations or references.
    public func withoutText() -> WorkUnit {
        var unit = self
        unit.body = nil
        return unit
    }

    /// Copy on write: the box is shared by copies of the unit until one of them changes it.
    private mutating func mutableBody() -> Body {
        // Checked before anything else holds the box: a `let` bound to it first would make
        // it never unique, and every change would copy it.
        if body != nil, isKnownUniquelyReferenced(&body!) { return body! }
        let copy = Body(text: body?.text ?? "", annotations: body?.annotations ?? [], indicatorReferences: body?.indicatorReferences ?? [])
        body = copy
        return copy
    }

    private final class Scope: Sendable {
        let chapterID: String
        let sectionID: String?

        init(chapterID: String, sectionID: String?) {
            self.chapterID = chapterID
            self.sectionID = sectionID
        }
    }

    private final class Body: @unchecked Sendable {
        // Changed only through `mutableBody()`, on a box no other unit shares.
        var text: String
        var annotations: [DepartmentAnnotation]
        var indicatorReferences: [IndicatorReference]

        init(text: String, annotations: [DepartmentAnnotation], indicatorReferences: [IndicatorReference]) {
            self.text = text
            self.annotations = annotations
            self.indicatorReferences = indicatorReferences
        }
    }

    public static func == (a: WorkUnit, b: WorkUnit) -> Bool {
        a.id == b.id && a.kind == b.kind && a.number == b.number && a.label == b.label && a.title == b.title
            && a.chapterID == b.chapterID && a.sectionID == b.sectionID && a.location == b.location
            && a.text == b.text && a.annotations == b.annotations && a.indicatorReferences == b.indicatorReferences
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(kind)
        hasher.combine(number)
        hasher.combine(label)
        hasher.combine(title)
        hasher.combine(location)
        hasher.combine(text)
    }
}

public enum AssignmentRole: String, Sendable, Hashable, Codable {
    /// 牵头单位
    case lead
    /// 责任单位 / 配合单位 …
    case co
}

/// A department name as written in an annotation or a table cell, not yet resolved.
public struct DepartmentMention: Sendable, Hashable {
    public let name: String
    public let role: AssignmentRole
    public let location: SourceLocation

    public init(name: String, role: AssignmentRole, location: SourceLocation) {
        self.name = name
        self.role = role
        self.location = location
    }
}

/// `(牵头单位:市经信委、环保局;责任单位:市发改委、科技局)` as read from the text.
public struct DepartmentAnnotation: Sendable, Hashable {
    public enum Scope: String, Sendable, Hashable { case unit, section }
    public let raw: String
    /// Names in order, grouped as written: each inner array is one list (carry-over applies within it).
    public let lists: [[DepartmentMention]]
    public var scope: Scope
    public let location: SourceLocation

    public init(raw: String, lists: [[DepartmentMention]], scope: Scope, location: SourceLocation) {
        self.raw = raw
        self.lists = lists
        self.scope = scope
        self.location = location
    }
}

public struct IndicatorReference: Sendable, Hashable {
    /// `pm25` or `other-plan/pm25`.
    public let target: String
    public let location: SourceLocation

    public init(target: String, location: SourceLocation) {
        self.target = target
        self.location = location
    }
}

/// One block of a plan's text, with the structure it belongs to.
public struct PlanBlock: Sendable, Hashable {
    public enum Role: Sendable, Hashable {
        case text
        case chapterHeading(String)
        case sectionHeading(String)
        /// The first block of a unit (its numbered paragraph or heading).
        case unitStart(String)
        /// A further block of a unit.
        case unitBody(String)
    }

    public let role: Role
    public let html: String
    public let line: Int

    public init(role: Role, html: String, line: Int) {
        self.role = role
        self.html = html
        self.line = line
    }
}

public struct Target: Sendable, Hashable {
    public let year: Int
    public let value: ValueExpression

    public init(year: Int, value: ValueExpression) {
        self.year = year
        self.value = value
    }
}

public struct Indicator: Sendable, Identifiable, Hashable {
    public let id: String
    public let planID: String
    /// `planID/id`, made once: every dictionary and link that names the indicator shares
    /// this string instead of making its own.
    public let key: String
    public var number: String
    public var group: String
    public var domain: String
    public var action: String
    public var name: String
    /// The document's own words where `name` is editorial (made up by the editors, not the
    /// document's); empty when the document gives the name.
    public var nameSource: String
    public var aliases: [String]
    public var unit: String
    public var nature: IndicatorNature?
    public var metricID: String
    public var baselineYear: Int?
    public var baseline: ValueExpression?
    public var targets: [Target]
    public var reported: String
    public var departments: [DepartmentMention]
    public var source: String
    public var note: String
    public let location: SourceLocation

    public init(id: String, planID: String, number: String = "", group: String = "", domain: String = "", action: String = "",
                name: String, nameSource: String = "", aliases: [String] = [], unit: String = "", nature: IndicatorNature? = nil, metricID: String = "",
                baselineYear: Int? = nil, baseline: ValueExpression? = nil, targets: [Target] = [], reported: String = "",
                departments: [DepartmentMention] = [], source: String, note: String = "", location: SourceLocation) {
        self.id = id
        self.planID = planID
        self.key = "\(planID)/\(id)"
        self.number = number
        self.group = group
        self.domain = domain
        self.action = action
        self.name = name
        self.nameSource = nameSource
        self.aliases = aliases
        self.unit = unit
        self.nature = nature
        self.metricID = metricID
        self.baselineYear = baselineYear
        self.baseline = baseline
        self.targets = targets
        self.reported = reported
        self.departments = departments
        self.source = source
        self.note = note
        self.location = location
    }

    /// The last target in time: what the plan ultimately aims for.
    public var finalTarget: Target? { targets.max { $0.year < $1.year } }
}

public enum TaskStatus: String, Sendable, CaseIterable {
    case done, inProgress = "in-progress", notStarted = "not-started", delayed
}

public struct TaskReport: Sendable, Hashable {
    public let taskID: String
    public let period: String
    public let status: TaskStatus
    public let note: String
    public let source: String
    public let location: SourceLocation

    public init(taskID: String, period: String, status: TaskStatus, note: String, source: String, location: SourceLocation) {
        self.taskID = taskID
        self.period = period
        self.status = status
        self.note = note
        self.source = source
        self.location = location
    }
}

/// Everything read from Content/.
public struct SiteContent: Sendable {
    public var config: SiteConfig
    public var regions: [Region]
    public var plans: [Plan]
    /// Paths of the files read, relative to the content folder, for incremental builds.
    public var root: String

    public init(config: SiteConfig, regions: [Region], plans: [Plan], root: String) {
        self.config = config
        self.regions = regions
        self.plans = plans
        self.root = root
    }

    public func region(_ id: String) -> Region? { regions.first { $0.id == id } }
    public func plan(_ id: String) -> Plan? { plans.first { $0.id == id } }
}

import PlanModel
/// Plans held without their text (`Plan.withoutBody`), and their diagnostics, in
/// `BinaryWriter`'s form: what Pipeline's `PlanCache` keeps of each plan between builds.
/// `decodeWithoutBody` gives back a plan equal (`==`) to the one encoded, its `bodyDigest`
/// included, so that the check a plan's page makes when it reads the text again
/// (`whole.withoutBody() == plan`) holds for a cached plan exactly as for a read one.
extension Plan {
    package func encodeWithoutBody(to w: inout BinaryWriter) {
        precondition(!hasBody, "only a plan without body is encoded")
        w.string(id); w.string(title); w.string(shortTitle); w.string(docNumber); w.string(issuer)
        w.bool(issueDate != nil)
        if let issueDate { issueDate.encode(to: &w) }
        w.int(startYear); w.int(endYear)
        w.string(regionID); w.string(source); w.string(sourceNote)
        w.strings(notes)
        w.strings(reviewGroups)
        w.int(bodyDigest)
        location.encode(to: &w)
        w.array(chapters) { w, chapter in
            w.string(chapter.id); w.int(chapter.number); w.string(chapter.heading)
            w.array(chapter.sections) { w, section in
                w.string(section.id); w.int(section.number); w.string(section.heading); section.location.encode(to: &w)
            }
            chapter.location.encode(to: &w)
        }
        w.array(units) { w, unit in
            precondition(unit.text.isEmpty && unit.annotations.isEmpty && unit.indicatorReferences.isEmpty,
                         "a unit of a plan without body has no text")
            w.string(unit.id); w.bool(unit.kind == .task); w.int(unit.number); w.string(unit.label); w.string(unit.title)
            w.string(unit.chapterID); w.optionalString(unit.sectionID)
            unit.location.encode(to: &w)
        }
        w.array(indicators) { w, indicator in indicator.encode(to: &w) }
        w.array(reports) { w, report in
            w.string(report.taskID); w.string(report.period); w.string(report.status.rawValue)
            w.string(report.note); w.string(report.source); report.location.encode(to: &w)
        }
    }

    package static func decodeWithoutBody(from r: inout BinaryReader) throws -> Plan {
        let id = try r.string(), title = try r.string(), shortTitle = try r.string(), docNumber = try r.string(), issuer = try r.string()
        let issueDate = try r.bool() ? try SimpleDate.decode(from: &r) : nil
        let startYear = try r.int(), endYear = try r.int()
        let regionID = try r.string(), source = try r.string(), sourceNote = try r.string()
        let notes = try r.strings()
        let reviewGroups = try r.strings()
        let bodyDigest = try r.int()
        let location = try SourceLocation.decode(from: &r)
        let chapters = try r.array { r in
            let id = try r.string(), number = try r.int(), heading = try r.string()
            let sections = try r.array { r in
                Section(id: try r.string(), number: try r.int(), heading: try r.string(), location: try SourceLocation.decode(from: &r))
            }
            return Chapter(id: id, number: number, heading: heading, sections: sections, location: try SourceLocation.decode(from: &r))
        }
        let units = try r.array { r in
            let id = try r.string(), kind: WorkUnit.Kind = try r.bool() ? .task : .section
            let number = try r.int(), label = try r.string(), title = try r.string()
            let chapterID = try r.string(), sectionID = try r.optionalString()
            return WorkUnit(id: id, kind: kind, number: number, label: label, title: title, text: "",
                            chapterID: chapterID, sectionID: sectionID, location: try SourceLocation.decode(from: &r))
        }
        let indicators = try r.array { try Indicator.decode(from: &$0) }
        let reports = try r.array { r in
            let taskID = try r.string(), period = try r.string()
            guard let status = TaskStatus(rawValue: try r.string()) else { throw r.damaged }
            return TaskReport(taskID: taskID, period: period, status: status, note: try r.string(), source: try r.string(),
                              location: try SourceLocation.decode(from: &r))
        }
        var plan = Plan(id: id, title: title, docNumber: docNumber, issuer: issuer, issueDate: issueDate,
                        startYear: startYear, endYear: endYear, regionID: regionID, source: source, sourceNote: sourceNote,
                        notes: notes, chapters: chapters, units: units, indicators: indicators, reports: reports,
                        shortTitle: shortTitle, location: location)
        plan.reviewGroups = reviewGroups
        plan.bodyDigest = bodyDigest
        plan.hasBody = false
        return plan
    }
}

extension Indicator {
    func encode(to w: inout BinaryWriter) {
        w.string(id); w.string(planID); w.string(number); w.string(group); w.string(domain); w.string(action)
        w.string(name); w.string(nameSource); w.strings(aliases); w.string(unit)
        w.int(nature.map { IndicatorNature.allCases.firstIndex(of: $0)! + 1 } ?? 0)
        w.string(metricID)
        w.bool(baselineYear != nil)
        if let baselineYear { w.int(baselineYear) }
        w.bool(baseline != nil)
        if let baseline { baseline.encode(to: &w) }
        w.array(targets) { w, target in w.int(target.year); target.value.encode(to: &w) }
        w.string(reported)
        w.array(departments) { w, mention in mention.encode(to: &w) }
        w.string(source); w.string(note)
        location.encode(to: &w)
    }

    static func decode(from r: inout BinaryReader) throws -> Indicator {
        let id = try r.string(), planID = try r.string(), number = try r.string(), group = try r.string()
        let domain = try r.string(), action = try r.string(), name = try r.string(), nameSource = try r.string()
        let aliases = try r.strings()
        let unit = try r.string()
        let nature = try r.choice([nil] + IndicatorNature.allCases.map { Optional($0) })
        let metricID = try r.string()
        let baselineYear = try r.bool() ? try r.int() : nil
        let baseline = try r.bool() ? try ValueExpression.decode(from: &r) : nil
        let targets = try r.array { r in Target(year: try r.int(), value: try ValueExpression.decode(from: &r)) }
        let reported = try r.string()
        let departments = try r.array { try DepartmentMention.decode(from: &$0) }
        return Indicator(id: id, planID: planID, number: number, group: group, domain: domain, action: action, name: name,
                         nameSource: nameSource, aliases: aliases, unit: unit, nature: nature, metricID: metricID, baselineYear: baselineYear,
                         baseline: baseline, targets: targets, reported: reported, departments: departments,
                         source: try r.string(), note: try r.string(), location: try SourceLocation.decode(from: &r))
    }
}

extension ValueExpression {
    private static let comparators: [Comparator] = [.atLeast, .atMost, .greater, .less, .about]
    private static let directions: [Direction?] = [nil, .higher, .lower]

    func encode(to w: inout BinaryWriter) {
        w.string(raw)
        switch form {
        case .number(let v): w.int(0); w.double(v)
        case .comparison(let c, let v): w.int(1); w.int(Self.comparators.firstIndex(of: c)!); w.double(v)
        case .range(let a, let b): w.int(2); w.double(a); w.double(b)
        case .qualitative(let d): w.int(3); w.int(Self.directions.firstIndex(of: d)!)
        case .redacted: w.int(4)
        case .notGiven: w.int(5)
        }
        w.optionalString(inlineUnit); w.bool(cumulative); w.optionalString(label)
        w.optionalString(repair?.written); w.optionalString(repair?.note)
    }

    static func decode(from r: inout BinaryReader) throws -> ValueExpression {
        let raw = try r.string()
        let form: Form
        switch try r.int() {
        case 0: form = .number(try r.double())
        case 1: form = .comparison(try r.choice(comparators), try r.double())
        case 2: form = .range(try r.double(), try r.double())
        case 3: form = .qualitative(try r.choice(directions))
        case 4: form = .redacted
        case 5: form = .notGiven
        default: throw r.damaged
        }
        let inlineUnit = try r.optionalString(), cumulative = try r.bool(), label = try r.optionalString()
        let written = try r.optionalString(), note = try r.optionalString()
        return ValueExpression(raw: raw, form: form, inlineUnit: inlineUnit, cumulative: cumulative, label: label,
                               repair: written.map { ValueExpression.Repair(written: $0, note: note ?? "") })
    }
}

extension DepartmentMention {
    func encode(to w: inout BinaryWriter) {
        w.string(name); w.bool(role == .co); location.encode(to: &w)
    }

    static func decode(from r: inout BinaryReader) throws -> DepartmentMention {
        DepartmentMention(name: try r.string(), role: try r.bool() ? .co : .lead, location: try SourceLocation.decode(from: &r))
    }
}

extension SimpleDate {
    func encode(to w: inout BinaryWriter) {
        w.int(year); w.int(month ?? -1); w.int(day ?? -1)
    }

    static func decode(from r: inout BinaryReader) throws -> SimpleDate {
        let year = try r.int(), month = try r.int(), day = try r.int()
        return SimpleDate(year: year, month: month < 0 ? nil : month, day: day < 0 ? nil : day)
    }
}

extension SourceLocation {
    package func encode(to w: inout BinaryWriter) {
        w.string(path); w.int(line); w.int(column)
    }

    package static func decode(from r: inout BinaryReader) throws -> SourceLocation {
        SourceLocation(path: try r.string(), line: try r.int(), column: try r.int())
    }
}

extension Diagnostic {
    package func encode(to w: inout BinaryWriter) {
        w.bool(severity == .error); w.string(code); location.encode(to: &w); w.string(message); w.optionalString(hint)
    }

    package static func decode(from r: inout BinaryReader) throws -> Diagnostic {
        let severity: Severity = try r.bool() ? .error : .warning
        let code = try r.string()
        let location = try SourceLocation.decode(from: &r)
        return Diagnostic(severity, code, at: location, try r.string(), hint: try r.optionalString())
    }
}

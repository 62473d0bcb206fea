import Testing
import PlanModel

/// A unit keeps its text, annotations and references in a box shared by its copies until one
/// of them changes it (copy on write), and without the box when held without its text.
@Suite struct WorkUnitStorageTests {
    static let location = SourceLocation(path: "Content/plans/p/plan.md", line: 12, column: 3)
    static let mention = DepartmentMention(name: "市发改委", role: .lead, location: location)

    static func unit(text: String = "推进节能改造。") -> WorkUnit {
        WorkUnit(id: "c1-t1", kind: .task, number: 1, label: "1.", title: "推进节能改造", text: text, chapterID: "c1", sectionID: nil,
                 annotations: [DepartmentAnnotation(raw: "（牵头单位：市发改委）", lists: [[mention]], scope: .unit, location: location)],
                 indicatorReferences: [IndicatorReference(target: "pm25", location: location)], location: location)
    }

    @Test func copiesAreIndependent() {
        let original = Self.unit()
        var copy = original
        copy.text += "再加一句。"
        copy.annotations = []
        #expect(original.text == "推进节能改造。")
        #expect(original.annotations.count == 1)
        #expect(copy.text == "推进节能改造。再加一句。")
        #expect(copy.annotations.isEmpty && copy.indicatorReferences.count == 1)
        #expect(copy != original)
        var again = copy
        again.indicatorReferences.append(IndicatorReference(target: "forest", location: Self.location))
        #expect(copy.indicatorReferences.count == 1 && again.indicatorReferences.count == 2)
    }

    @Test func withoutTextKeepsEverythingElse() {
        let unit = Self.unit()
        let held = unit.withoutText()
        #expect(held.text.isEmpty && held.annotations.isEmpty && held.indicatorReferences.isEmpty)
        #expect(held.id == unit.id && held.number == 1 && held.label == "1." && held.title == unit.title && held.location == unit.location)
        #expect(held != unit)
        #expect(held == Self.unit(text: "").withoutText())
        // A unit made without text equals one whose text was dropped.
        #expect(WorkUnit(id: "c1-t1", kind: .task, number: 1, label: "1.", title: "推进节能改造", text: "", chapterID: "c1", sectionID: nil,
                         location: Self.location) == held)
        #expect(Self.location.line == 12 && Self.location.column == 3)
        #expect(SourceLocation(path: "x", line: 0, column: -4).description == "x:1:1")
    }

    /// Chapter and section IDs that begin the unit's ID (as the reader makes them) are held
    /// as lengths; any others whole. Either way they read back as given.
    @Test func chapterAndSectionIDsReadBackAsGiven() {
        let cases: [(id: String, chapter: String, section: String?)] = [
            ("c2-s3-t8", "c2", "c2-s3"),      // a task in a section
            ("c2-t8", "c2", nil),             // a task in a chapter
            ("c2-s3", "c2", "c2-s3"),         // a section's own unit
            ("c2", "c2", nil),                // a chapter's own unit
            ("c1-s1-t3-2", "c1", "c1-s1"),    // made unique
            ("第一章-任务", "第一章", ""),       // not ASCII; an empty section ID is not none
            ("t1", "c1", "c1-s1"),            // not prefixes
            ("c1-t1", "c1", "c1-s1"),         // the section is not a prefix
            (String(repeating: "x", count: 300), String(repeating: "x", count: 260), nil),   // too long to count in a byte
        ]
        for c in cases {
            let unit = WorkUnit(id: c.id, kind: .task, number: 1, label: "1.", title: "t", text: "", chapterID: c.chapter,
                                sectionID: c.section, location: Self.location)
            #expect(unit.chapterID == c.chapter && unit.sectionID == c.section, "\(c)")
            #expect(unit.withoutText().chapterID == c.chapter && unit.withoutText().sectionID == c.section)
        }
        let a = WorkUnit(id: "t1", kind: .task, number: 1, label: "1.", title: "t", text: "", chapterID: "c1", sectionID: nil, location: Self.location)
        let b = WorkUnit(id: "t1", kind: .task, number: 1, label: "1.", title: "t", text: "", chapterID: "c2", sectionID: nil, location: Self.location)
        #expect(a != b)
        #expect(MemoryLayout<WorkUnit>.stride == 96)
    }
}

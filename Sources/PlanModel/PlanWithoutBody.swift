/// A plan without its text, as a build keeps every plan while it renders the site-wide
/// pages: the text of every plan is most of a site's memory, and only a plan's own page
/// shows it (the build reads the plan again for that page, its task table and its search
/// documents). The search postings, which every plan feeds, are made while the plan is read
/// (SiteRender's `SearchIndex.postings`).
extension Plan {
    /// The plan without its blocks, with each unit's text empty and its annotations and
    /// indicator references gone, and each indicator's departments as written (linking
    /// resolved them). Everything else — structure, titles, labels, indicators,
    /// reports — is kept.
    /// `bodyDigest` stands for the dropped text (its blocks, hashed: `digest(of:)`), so that
    /// two plans without body compare equal only when their texts were the same.
    public func withoutBody() -> Plan {
        var plan = self
        plan.bodyDigest = Int(truncatingIfNeeded: Self.digest(of: blocks))
        plan.blocks = []
        plan.hasBody = false
        // Indicators were appended as read: keep them in storage of their own size, without
        // their departments as written (linking resolved them: `LinkedSite.indicatorAssignments`).
        plan.indicators = indicators.map { indicator in
            var indicator = indicator
            indicator.departments = []
            return indicator
        }
        plan.units = units.map { $0.withoutText() }
        // Chapters and their sections were appended as read: storage of their own size too.
        plan.chapters = chapters.map { chapter in
            var chapter = chapter
            chapter.sections = chapter.sections.exactCapacity()
            return chapter
        }
        return plan
    }

    /// A digest of the blocks' roles, lines and HTML, the same in every process.
    public static func digest(of blocks: [PlanBlock]) -> UInt64 {
        var digest = TextDigest()
        digest.add(blocks.count)
        for block in blocks {
            switch block.role {
            case .text: digest.add(0)
            case .chapterHeading(let id): digest.add(1); digest.add(id)
            case .sectionHeading(let id): digest.add(2); digest.add(id)
            case .unitStart(let id): digest.add(3); digest.add(id)
            case .unitBody(let id): digest.add(4); digest.add(id)
            }
            digest.add(block.line)
            digest.add(block.html)
        }
        return digest.value
    }

    /// The plan with its text: structure, units and blocks as read from plan.md again.
    public func withBody(chapters: [Chapter], units: [WorkUnit], blocks: [PlanBlock]) -> Plan {
        var plan = self
        plan.chapters = chapters
        plan.units = units
        plan.blocks = blocks
        plan.hasBody = true
        plan.bodyDigest = 0
        return plan
    }
}

extension Array {
    /// The same elements in storage of their own count: appending leaves up to twice the room
    /// needed, and a site holds many small arrays (each plan's indicators and sections, each
    /// indicator's departments) from reading to the last page.
    public func exactCapacity() -> [Element] {
        guard capacity > count else { return self }
        var copy: [Element] = []
        copy.reserveCapacity(count)
        copy.append(contentsOf: self)
        return copy
    }
}

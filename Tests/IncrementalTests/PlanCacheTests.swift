import Foundation
import Testing
import SiteRender
import ContentReader
import Linking
@testable import Incremental
import PlanModel

/// The plan cache (`PlanCache`): a plan and its links read back from an entry are the ones
/// that were written, and an entry is used only under the key it was written with, intact.
@Suite struct PlanCacheTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Each plan of the bundled content and of the minimal fixture, as a build holds it, with
    /// its links and the plans its text links to.
    static let entries: [PlanCache.Entry] = {
        var result: [PlanCache.Entry] = []
        for content in ["Content", "Tests/Fixtures/sites/minimal/Content"] {
            let folder = ContentLoader.open(root.appendingPathComponent(content).path)
            let context = Linker.Context(regions: folder.regions, contentRoot: folder.display)
            for index in folder.planIDs.indices {
                let (plan, diagnostics) = folder.readPlan(at: index)
                guard let plan else { continue }
                result.append(PlanCache.Entry(plan: plan.withoutBody(), links: Linker.linkPlan(plan, context: context),
                                              explicitIndicatorPlans: PageDependencies.explicitIndicatorPlans(in: plan),
                                              diagnostics: diagnostics, searchPostings: SearchIndex.postings(SearchIndex.planEntries(plan))))
            }
        }
        return result
    }()

    @Test func everyPlanReadsBackAsWritten() throws {
        #expect(Self.entries.count >= 5)
        for entry in Self.entries {
            let bytes = PlanCache.encode(entry, key: 42)
            let back = try #require(PlanCache.decode(Data(bytes), key: 42), "\(entry.plan.id)")
            let (a, b) = (entry.plan, back.plan)
            // Compared as Bools: a failing comparison of two whole plans prints both.
            let same = (chapters: a.chapters == b.chapters, units: a.units == b.units, indicators: a.indicators == b.indicators,
                        reports: a.reports == b.reports, all: a == b)
            #expect(same.chapters && same.units && same.indicators && same.reports, "\(a.id): \(same)")
            #expect(a.bodyDigest == b.bodyDigest, "\(a.id)")
            #expect(same.all, "\(a.id)")
            #expect(back.diagnostics == entry.diagnostics)
            #expect(back.explicitIndicatorPlans == entry.explicitIndicatorPlans)
            #expect(back.searchPostings == entry.searchPostings && !entry.searchPostings.isEmpty)
            #expect(back.links.unitCount == entry.links.unitCount)
            for u in 0..<entry.links.unitCount {
                #expect(back.links.unit(u).assignments == entry.links.unit(u).assignments)
                #expect(back.links.unit(u).indicators == entry.links.unit(u).indicators)
            }
            // Encoding the decoded entry gives the same bytes: nothing was lost or added.
            #expect(PlanCache.encode(back, key: 42) == bytes, "\(a.id)")
        }
    }

    @Test func numbersAndStringsReadBackAsWritten() throws {
        let numbers = [0, 1, -1, 63, -64, 64, 127, 128, -129, 300, Int(Int32.max), Int(Int32.min), Int.max, Int.min, Int.max - 1]
        var w = BinaryWriter()
        for n in numbers { w.int(n) }
        w.string("湖州"); w.string(""); w.string("湖州"); w.optionalString(nil); w.optionalString("x")
        w.double(-0.0); w.double(31.79); w.uint64(UInt64.max); w.bool(true)
        let bytes = w.finished()
        try bytes.withUnsafeBytes { raw in
            var r = try BinaryReader(raw)
            for n in numbers { #expect(try r.int() == n) }
            #expect(try r.string() == "湖州")
            #expect(try r.string() == "")
            #expect(try r.string() == "湖州")
            #expect(try r.optionalString() == nil)
            #expect(try r.optionalString() == "x")
            #expect(try r.double().bitPattern == (-0.0).bitPattern)
            #expect(try r.double() == 31.79)
            #expect(try r.uint64() == UInt64.max)
            #expect(try r.bool())
            #expect(r.isAtEnd)
            #expect(throws: BinaryReader.Damaged.self) { try r.int() }
        }
        // A string written twice is held once in the table.
        var once = BinaryWriter()
        once.string("湖州市生态环境局")
        var twice = BinaryWriter()
        twice.string("湖州市生态环境局"); twice.string("湖州市生态环境局")
        #expect(twice.finished().count == once.finished().count + 1)
    }

    /// An entry is used only under its own key, complete and with the bytes it was written
    /// with: anything else reads as no entry (the plan is then read), never as another plan.
    @Test func entriesAreUsedOnlyUnderTheirKeyAndIntact() throws {
        let entry = try #require(Self.entries.first { $0.plan.id == "shengzhou-2024" })
        let bytes = PlanCache.encode(entry, key: 7)
        #expect(PlanCache.decode(Data(bytes), key: 7) != nil)
        #expect(PlanCache.decode(Data(bytes), key: 8) == nil)
        // Cut anywhere.
        for end in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 500)) {
            #expect(PlanCache.decode(Data(bytes[..<end]), key: 7) == nil, "cut at \(end)")
        }
        // One byte changed anywhere after the header: the checksum tells.
        var changed = bytes
        for at in stride(from: PlanCache.magic.count + 16, to: bytes.count, by: max(1, bytes.count / 200)) {
            changed[at] ^= 0x20
            #expect(PlanCache.decode(Data(changed), key: 7) == nil, "byte \(at)")
            changed[at] ^= 0x20
        }
    }

    /// What the decoder checks without the checksum: damaged values throw, they do not trap.
    @Test func damagedPayloadsThrowInsteadOfTrapping() throws {
        let entry = try #require(Self.entries.first { $0.plan.id == "huzhou-14th" })
        var w = BinaryWriter()
        entry.plan.encodeWithoutBody(to: &w)
        entry.links.encode(to: &w)
        let payload = w.finished()
        var threw = 0
        for round in 0..<300 {
            // Three bytes per round at spread, fixed places and values: the same damage on
            // every run.
            var damaged = payload
            for k in 1...3 {
                let at = (round * 7_919 + k * 104_729) % damaged.count
                damaged[at] = UInt8(truncatingIfNeeded: round &* 31 &+ k &* 97)
            }
            let decoded: Bool = damaged.withUnsafeBytes { raw in
                guard var r = try? BinaryReader(raw), (try? Plan.decodeWithoutBody(from: &r)) != nil,
                      (try? Linker.PlanLinks.decode(from: &r)) != nil else { return false }
                return true
            }
            if !decoded { threw += 1 }
        }
        // Much of it is refused by the checks themselves (damage inside a string's bytes reads
        // as other text, which the entry's checksum catches).
        #expect(threw >= 50, "\(threw) of 300 damaged payloads were refused")
    }
}

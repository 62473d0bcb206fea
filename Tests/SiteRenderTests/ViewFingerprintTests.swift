import Foundation
import Testing
import Pipeline
import Progress
@testable import SiteRender

/// A page is rendered again only when its view's fingerprint changed (`ViewFingerprint`): two
/// views that differ anywhere must have different fingerprints, and the same view the same one
/// in every process (dictionaries in key order).
@Suite struct ViewFingerprintTests {
    struct Nested: Encodable {
        let lists: [[String]]
        let note: String?
        let count: Int
        let flag: Bool
        let labels: [String: String]
    }

    func fingerprint(_ value: Nested, template: String = "plan", key: UInt64 = 7) -> UInt64 {
        ViewFingerprint.of(value, template: template, key: key)
    }

    @Test func everyDifferenceChangesTheFingerprint() {
        let base = Nested(lists: [["a"], ["b"]], note: nil, count: 1, flag: false, labels: ["k": "v"])
        let variants = [
            Nested(lists: [["a", "b"]], note: nil, count: 1, flag: false, labels: ["k": "v"]),   // same strings, other nesting
            Nested(lists: [["a"], ["b"], []], note: nil, count: 1, flag: false, labels: ["k": "v"]),
            Nested(lists: [["ab"]], note: nil, count: 1, flag: false, labels: ["k": "v"]),
            Nested(lists: [["a"], ["b"]], note: "", count: 1, flag: false, labels: ["k": "v"]),   // "" is not nil
            Nested(lists: [["a"], ["b"]], note: nil, count: 2, flag: false, labels: ["k": "v"]),
            Nested(lists: [["a"], ["b"]], note: nil, count: 1, flag: true, labels: ["k": "v"]),
            Nested(lists: [["a"], ["b"]], note: nil, count: 1, flag: false, labels: ["k": "w"]),
            Nested(lists: [["a"], ["b"]], note: nil, count: 1, flag: false, labels: ["kv": ""]),
            Nested(lists: [["a"], ["b"]], note: nil, count: 1, flag: false, labels: [:]),
        ]
        let prints = [fingerprint(base)] + variants.map { fingerprint($0) }
        #expect(Set(prints).count == prints.count, "\(prints)")
        #expect(!prints.contains(0))
        // Another template or another key (templates, plansite) is another page.
        #expect(fingerprint(base, template: "indicator") != fingerprint(base))
        #expect(fingerprint(base, key: 8) != fingerprint(base))
        #expect(fingerprint(base) == fingerprint(Nested(lists: [["a"], ["b"]], note: nil, count: 1, flag: false, labels: ["k": "v"])))
    }

    @Test func dictionariesCountByContentNotByOrder() {
        let pairs = (0..<300).map { ("label-\($0)", "值\($0)") }
        var forward: [String: String] = [:]
        for (k, v) in pairs { forward[k] = v }
        var backward = [String: String](minimumCapacity: 5_000)
        for (k, v) in pairs.reversed() { backward[k] = v }
        #expect(Array(forward.keys) != Array(backward.keys))   // iterated in another order
        let a = Nested(lists: [], note: nil, count: 0, flag: false, labels: forward)
        let b = Nested(lists: [], note: nil, count: 0, flag: false, labels: backward)
        #expect(fingerprint(a) == fingerprint(b))
    }

    /// Every page of the bundled site has a fingerprint of its own; rendering again gives the
    /// same ones; a page offered and taken is not rendered, and nothing but pages is offered.
    @Test func pagesOfARealSiteAreOfferedByView() throws {
        let renderer = try RenderFixture.bundled()
        func run(key: UInt64, take: Bool) throws -> (offered: [String: UInt64], emitted: [String: SiteRenderer.Made]) {
            var offered: [String: UInt64] = [:]
            var emitted: [String: SiteRenderer.Made] = [:]
            try renderer.render(threads: 2, regionFingerprints: [:], reuse: { _, _ in false }, viewKey: key,
                                reuseView: { path, made in offered[path] = made.view; return take },
                                emit: { path, _, made in emitted[path] = made })
            return (offered, emitted)
        }
        let first = try run(key: 1, take: false)
        let pages = first.emitted.keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 100)
        #expect(Set(first.offered.keys) == Set(pages))
        #expect(Set(first.offered.values).count == pages.count)
        #expect(!first.offered.values.contains(0))
        #expect(pages.allSatisfy { first.emitted[$0]?.view == first.offered[$0] })
        #expect(first.emitted.filter { !$0.key.hasSuffix(".html") }.allSatisfy { $0.value.view == 0 })

        let again = try run(key: 1, take: true)
        #expect(again.offered == first.offered)
        #expect(again.emitted.keys.allSatisfy { !$0.hasSuffix(".html") })
        #expect(again.emitted.count == first.emitted.count - pages.count)

        let otherKey = try run(key: 2, take: false)
        #expect(pages.allSatisfy { otherKey.offered[$0] != first.offered[$0] })
    }
}

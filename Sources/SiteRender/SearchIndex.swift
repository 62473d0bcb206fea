import Foundation
import Linking
import PlanModel

/// The offline search index (`docs/search.md`): scripts, since browsers refuse fetch() of
/// local files. Entries are grouped: a plan's group holds the plan, its units (tasks and
/// task-less sections) and its indicators; a region's group holds its departments. Each
/// group has a documents file with the whole text of its entries (`documents`), loaded only
/// when a query may find something in it. The words are indexed as character bigrams in
/// shard files (a bigram's shard is a hash of it, `bucket(of:)`), each listing per bigram the
/// groups that contain it: a query loads the shards of its bigrams, then the documents of the
/// groups that have them all, a few at a time, never the whole index.
public enum SearchIndex {
    /// The folder of the index files, under the output folder.
    public static let folder = "assets/search/"

    /// One searchable entry: kind (`plan`, `task`, `section`, `indicator`, `department`), title,
    /// URL from the site root, and the whole text.
    public struct Entry: Equatable, Sendable {
        public let kind: String
        public let title: String
        public let url: String
        public let text: String

        public init(kind: String, title: String, url: String, text: String) {
            self.kind = kind
            self.title = title
            self.url = url
            self.text = text
        }

        var fields: [String] { [kind, title, url, text] }
    }

    /// The shard count for a site of `plans` plans: about one per plan, a power of two from
    /// 8 to 1,024 (a query loads one shard per distinct bigram, up to a few).
    public static func shardCount(plans: Int) -> Int {
        var count = 8
        while count < plans && count < 1024 { count *= 2 }
        return count
    }

    /// The documents file of a plan's group and of a region's (departments).
    public static func planDocuments(_ planID: String) -> String { "p/\(planID)" }
    public static func regionDocuments(_ regionID: String) -> String { "r/\(regionID)" }
    public static func path(ofDocuments name: String) -> String { "\(folder)\(name).js" }
    public static func path(ofShard shard: Int) -> String { "\(folder)g/\(shard).js" }

    // MARK: Entries

    /// A plan's entries: the plan (title, 文号, issuer, period, notes, chapter and section
    /// headings, and the text that belongs to no unit: chapter introductions, attachments),
    /// its units with their whole text, its indicators.
    public static func planEntries(_ plan: Plan) -> [Entry] {
        var planText = [plan.docNumber, plan.issuer, plan.periodText, plan.sourceNote] + plan.notes
        for chapter in plan.chapters {
            planText.append(chapter.heading)
            planText += chapter.sections.map(\.heading)
        }
        for block in plan.blocks {
            if case .text = block.role { planText.append(singleLine(text(ofHTML: block.html))) }
        }
        var entries = [Entry(kind: "plan", title: plan.title, url: URLs.plan(plan.id), text: joined(planText))]
        for unit in plan.units {
            entries.append(Entry(kind: unit.kind == .task ? "task" : "section", title: "\(unit.label) \(unit.title)",
                                 url: URLs.unit(plan.id, unit.id), text: singleLine(unit.text)))
        }
        for indicator in plan.indicators {
            let text = [indicator.domain, indicator.group, indicator.action] + indicator.aliases
                + [indicator.unit, indicator.reported, indicator.note]
            entries.append(Entry(kind: "indicator", title: indicator.name, url: URLs.indicator(indicator.key), text: joined(text)))
        }
        return entries
    }

    /// A region's entries: its departments (name, aliases, region).
    public static func regionEntries(_ region: Region) -> [Entry] {
        region.departments.map { d in
            Entry(kind: "department", title: d.name, url: URLs.department(d.key), text: joined(d.aliases + [region.name]))
        }
    }

    /// The text of rendered HTML: inline tags dropped, other tags (paragraphs, table cells)
    /// as a space, the entities the renderer writes decoded.
    static func text(ofHTML html: String) -> String {
        var out = ""
        var tag: String?
        for character in html {
            if var name = tag {
                if character == ">" {
                    let bare = name.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                    if !inlineTags.contains(bare) { out.append(" ") }
                    tag = nil
                } else {
                    name.append(character)
                    tag = name
                }
            } else if character == "<" {
                tag = ""
            } else {
                out.append(character)
            }
        }
        guard out.contains("&") else { return out }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }

    static let inlineTags: Set<String> = ["a", "strong", "em", "b", "i", "code", "span", "sup", "sub", "del", "s", "mark"]

    static func joined(_ parts: [String]) -> String { parts.filter { !$0.isEmpty }.joined(separator: " ") }

    /// The text with its line breaks as spaces. (LF and CR are single bytes in UTF-8 that no
    /// other character's bytes contain, so they are replaced byte for byte.)
    static func singleLine(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 10 || $0 == 13 }) else { return text }
        return String(decoding: text.utf8.map { $0 == 10 || $0 == 13 ? 32 : $0 }, as: UTF8.self)
    }

    // MARK: Files

    static let documentsCall = "plansiteSearch.documents("
    static let shardCall = "plansiteSearch.shard("
    static let callEnd = ");\n"

    /// A group's documents file: `plansiteSearch.documents("p/ID",[[kind,title,url,text],…]);`.
    public static func documents(_ name: String, _ entries: [Entry]) -> Data {
        var out = ByteBuffer()
        out.append(documentsCall)
        JSONText.appendString(name, to: &out)
        out.append(UInt8(ascii: ","))
        JSONText.appendArrays(entries.map(\.fields), to: &out)
        out.append(callEnd)
        return out.data()
    }

    /// Bigrams are hashed to one of `buckets` buckets (`bucket(of:)`); a site's shard count
    /// divides it, and a shard holds the buckets whose number modulo the shard count is its
    /// own. The parts are made per bucket without knowing how many shards there will be.
    public static let buckets = 1024

    /// A group's postings, made once from its entries and kept (the plan cache keeps a plan's):
    /// its distinct bigrams, by bucket in bucket order: the bucket (2 bytes), the length of
    /// what follows (4 bytes) and the bucket's bigrams in code point order, 8 bytes each (the
    /// first code point in the high half), all little-endian. The group's number is not in
    /// it: `SearchShards` adds it when the shards are made.
    public static func postings(_ entries: [Entry]) -> Data {
        var grams = Set<UInt64>()
        for entry in entries {
            grams.formUnion(bigrams(entry.title))
            grams.formUnion(bigrams(entry.text))
        }
        let sorted = grams.map { (bucket: bucket(of: $0), gram: $0) }.sorted { ($0.bucket, $0.gram) < ($1.bucket, $1.gram) }
        let out = ByteBuffer()
        var n = 0
        while n < sorted.count {
            let bucket = sorted[n].bucket
            var end = n
            while end < sorted.count, sorted[end].bucket == bucket { end += 1 }
            withUnsafeBytes(of: UInt16(bucket).littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32((end - n) * 8).littleEndian) { out.append(contentsOf: $0) }
            for k in n..<end {
                withUnsafeBytes(of: sorted[k].gram.littleEndian) { out.append(contentsOf: $0) }
            }
            n = end
        }
        return out.data()
    }

    /// Each bucket's bigrams in a group's `postings`, in bucket order; nil when the bytes are
    /// not postings.
    public static func buckets(inPostings postings: Data) -> [(bucket: Int, object: Data)]? {
        var result: [(bucket: Int, object: Data)] = []
        var at = postings.startIndex
        while at < postings.endIndex {
            guard postings.endIndex - at >= 6 else { return nil }
            let bucket = Int(postings[at]) | Int(postings[at + 1]) << 8
            let length = readUInt32(postings, at + 2)
            let objectStart = at + 6
            guard bucket < buckets, length % 8 == 0, postings.endIndex - objectStart >= length else { return nil }
            result.append((bucket, postings[objectStart ..< objectStart + length]))
            at = objectStart + length
        }
        return result
    }

    /// The little-endian number at `at`.
    static func readUInt32(_ data: Data, _ at: Data.Index) -> Int {
        (0..<4).reduce(0) { $0 | Int(data[at + $1]) << (8 * $1) }
    }

    /// The little-endian number at `at`.
    static func readUInt64(_ data: Data, _ at: Data.Index) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[at + $1]) << (8 * UInt64($1)) }
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value >= 10 else { return out.append(UInt8(ascii: "0") + UInt8(value)) }
        appendDecimal(value / 10, to: &out)
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// Ascending groups, in the shorter of two forms: a list of each group's difference from
    /// the one before (the first from 0), `[3,4,5]` for 3, 7 and 12; or a bitmap string, six
    /// groups a character (`bitmapDigits`; group 6k + i is bit i of character k), `"ICB"`
    /// for the same groups. A bigram in most groups takes a sixth of a byte per group.
    static func appendGroups(_ groups: [Int], to out: inout [UInt8]) {
        var listLength = 1, previous = 0
        for group in groups {
            listLength += decimalDigits(group - previous) + 1
            previous = group
        }
        let characters = (groups.last ?? 0) / 6 + 1
        if characters + 2 < listLength {
            var bits = [UInt8](repeating: 0, count: characters)
            for group in groups { bits[group / 6] |= 1 << (group % 6) }
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: bits.map { bitmapDigits[Int($0)] })
            out.append(UInt8(ascii: "\""))
            return
        }
        out.append(UInt8(ascii: "["))
        previous = 0
        for (k, group) in groups.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            appendDecimal(group - previous, to: &out)
            previous = group
        }
        out.append(UInt8(ascii: "]"))
    }

    static func decimalDigits(_ value: Int) -> Int {
        var digits = 1, rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }

    /// The 64 characters of a bitmap string, for the values 0–63 (base64's).
    static let bitmapDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// The buckets of a shard, in order.
    public static func bucketsOfShard(_ shard: Int, shards: Int) -> StrideTo<Int> { stride(from: shard, to: buckets, by: shards) }

    // MARK: Bigrams (search.js does the same)

    /// A bigram as its two code points, the first in the high half.
    static func string(of gram: UInt64) -> String {
        var s = String.UnicodeScalarView()
        s.append(Unicode.Scalar(UInt32(gram >> 32))!)
        s.append(Unicode.Scalar(UInt32(gram & 0xFFFF_FFFF))!)
        return String(s)
    }

    /// The bucket of a bigram: FNV-1a (32 bits) of its two code points, modulo `buckets`; its
    /// shard is the bucket modulo the shard count.
    static func bucket(of gram: UInt64) -> Int {
        var hash: UInt32 = 2_166_136_261
        for point in [UInt32(gram >> 32), UInt32(gram & 0xFFFF_FFFF)] {
            hash = (hash ^ point) &* 16_777_619
        }
        return Int(hash) & (buckets - 1)
    }

    /// The bigrams of a text: pairs of neighbouring letters or digits (`isWordScalar`), after
    /// `fold`; a run of one character gives none.
    static func bigrams(_ text: String) -> [UInt64] {
        var grams: [UInt64] = []
        var previous: UInt32?
        for scalar in text.unicodeScalars {
            let folded = fold(scalar)
            guard isWordScalar(Unicode.Scalar(folded)!) else {
                previous = nil
                continue
            }
            if let previous { grams.append(UInt64(previous) << 32 | UInt64(folded)) }
            previous = folded
        }
        return grams
    }

    /// Public for tests: the bigrams of a text as strings.
    public static func bigramStrings(_ text: String) -> [String] { bigrams(text).map(string(of:)) }

    /// Case and width folded, one code point for one: full-width ASCII (！…～) as ASCII, A–Z as
    /// a–z, sub- and superscript digits as digits (O₃, PM₂.₅).
    static func fold(_ scalar: Unicode.Scalar) -> UInt32 {
        var v = scalar.value
        switch v {
        case 0xFF01...0xFF5E: v -= 0xFEE0
        case 0x2080...0x2089: v -= 0x2080 - 0x30
        case 0x2070, 0x2074...0x2079: v -= 0x2070 - 0x30
        case 0xB2, 0xB3: v -= 0xB0 - 0x30
        case 0xB9: v = 0x31
        default: break
        }
        if v >= 0x41 && v <= 0x5A { v += 0x20 }
        return v
    }

    /// Letters and digits (Unicode categories L and N, as `\p{L}` and `\p{N}` in search.js).
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x4E00...0x9FFF: return true  // ASCII letters and digits, CJK ideographs
        case 0..<0x80: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    // MARK: The whole index at once

    /// The files of the index made for the whole site at once (path → bytes): the shards and the
    /// regions' documents, for a site whose plans have their text. A plan's documents file is
    /// made with its page.
    public static func files(site: LinkedSite) -> [(String, Data)] {
        var files: [(String, Data)] = []
        var shards = SearchShards()
        func add(_ entries: [Entry], group: Int) {
            do { try shards.add(group: group, postings: postings(entries)) } catch { preconditionFailure("postings made here are well-formed") }
        }
        for (p, plan) in site.content.plans.enumerated() { add(planEntries(plan), group: p) }
        for (r, region) in site.content.regions.enumerated() {
            let name = regionDocuments(region.id), entries = regionEntries(region)
            files.append((path(ofDocuments: name), documents(name, entries)))
            add(entries, group: site.content.plans.count + r)
        }
        let count = shardCount(plans: site.content.plans.count)
        for shard in 0..<count { files.append((path(ofShard: shard), shards.shardFile(shard, of: count))) }
        return files
    }

    /// The groups as the search page lists them: `[documents name, label]`, plans (by
    /// `planTitle`, the short title the site names plans by in lists) in plan order, then
    /// regions (by name); a group's number is its place in the list.
    static func groups(site: LinkedSite, planTitle: (Plan) -> String) -> [[String]] {
        site.content.plans.map { [planDocuments($0.id), planTitle($0)] } + site.content.regions.map { [regionDocuments($0.id), $0.name] }
    }

    /// JSON for embedding in HTML: `<`, `>` and `&` escaped so no tag can close the block.
    static func embeddableJSON(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

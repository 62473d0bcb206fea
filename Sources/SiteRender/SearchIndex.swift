import Foundation
import Linking
import PlanModel

/// The offline search index (`docs/search.md`): scripts, since browsers refuse fetch() of
/// local files. Entries are grouped: a plan's group holds the plan, its units (tasks and
/// task-less sections) and its indicators; a region's group holds its departments. Each
/// group has a documents file with the whole text of its entries (`documents`), loaded only
/// when a query finds something in it. The words are indexed as character bigrams in `shards`
/// files (a bigram's shard is a hash of it, `shard(of:)`), each listing per group the entries
/// that contain the bigram: a query loads the shards of its bigrams, then the documents of the
/// groups it found, never the whole index.
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

    /// The text with its line breaks as spaces.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
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

    /// What a shard file starts with and ends with; between them, the groups' parts, separated
    /// by commas.
    public static func shardOpening(_ shard: Int) -> Data { Data("\(shardCall)\(shard),[".utf8) }
    public static let shardClosing = Data("]\(callEnd)".utf8)

    /// Bigrams are hashed to one of `buckets` buckets (`bucket(of:)`); a site's shard count
    /// divides it, and a shard holds the buckets whose number modulo the shard count is its
    /// own. The parts are made per bucket without knowing how many shards there will be.
    public static let buckets = 1024

    /// A group's postings, made once from its entries and kept (the plan cache keeps a plan's):
    /// for each bucket holding one of the group's bigrams, in bucket order, the bucket (2
    /// bytes), the length of the object that follows (4 bytes, little-endian) and the object
    /// `{"bigram":[e,…],…}` — bigrams in code point order, each with the entries that contain
    /// it as `2 × entry index`, plus 1 when it is in the title. The group's number is not in
    /// it: `appendPart` adds it when the shards are written.
    public static func postings(_ entries: [Entry]) -> Data {
        var postings: [UInt64: [Int32]] = [:]
        var seen = Set<UInt64>()
        for (index, entry) in entries.enumerated() {
            seen.removeAll(keepingCapacity: true)
            for gram in bigrams(entry.title) where seen.insert(gram).inserted {
                postings[gram, default: []].append(Int32(index * 2 + 1))
            }
            for gram in bigrams(entry.text) where seen.insert(gram).inserted {
                postings[gram, default: []].append(Int32(index * 2))
            }
        }
        let sorted = postings.keys.map { (bucket: bucket(of: $0), gram: $0) }.sorted { ($0.bucket, $0.gram) < ($1.bucket, $1.gram) }
        let out = ByteBuffer()
        var n = 0
        while n < sorted.count {
            let bucket = sorted[n].bucket
            var object: [UInt8] = [UInt8(ascii: "{")]
            var first = true
            while n < sorted.count, sorted[n].bucket == bucket {
                if !first { object.append(UInt8(ascii: ",")) }
                first = false
                JSONText.appendString(string(of: sorted[n].gram), to: &object)
                object.append(contentsOf: ":[".utf8)
                for (k, posting) in postings[sorted[n].gram]!.enumerated() {
                    if k > 0 { object.append(UInt8(ascii: ",")) }
                    appendDecimal(Int(posting), to: &object)
                }
                object.append(UInt8(ascii: "]"))
                n += 1
            }
            object.append(UInt8(ascii: "}"))
            withUnsafeBytes(of: UInt16(bucket).littleEndian) { out.append(contentsOf: $0) }
            withUnsafeBytes(of: UInt32(object.count).littleEndian) { out.append(contentsOf: $0) }
            out.append(contentsOf: object)
        }
        return out.data()
    }

    /// Each bucket's object in a group's `postings`, in bucket order; nil when the bytes are
    /// not postings.
    public static func buckets(inPostings postings: Data) -> [(bucket: Int, object: Data)]? {
        var result: [(bucket: Int, object: Data)] = []
        var at = postings.startIndex
        while at < postings.endIndex {
            guard postings.endIndex - at >= 6 else { return nil }
            let bucket = Int(postings[at]) | Int(postings[at + 1]) << 8
            let length = (0..<4).reduce(0) { $0 | Int(postings[at + 2 + $1]) << (8 * $1) }
            let objectStart = at + 6
            guard bucket < buckets, postings.endIndex - objectStart >= length else { return nil }
            result.append((bucket, postings[objectStart ..< objectStart + length]))
            at = objectStart + length
        }
        return result
    }

    /// A group's part of a bucket, after a comma: `,[GROUP,{…}]`.
    public static func appendPart(group: Int, object: Data, to data: inout Data) {
        data.append(contentsOf: ",[\(group),".utf8)
        data.append(object)
        data.append(UInt8(ascii: "]"))
    }

    static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value >= 10 else { return out.append(UInt8(ascii: "0") + UInt8(value)) }
        appendDecimal(value / 10, to: &out)
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// A shard file from the contents of its buckets in bucket order (each a run of parts
    /// made by `bucketParts`).
    public static func shardFile(_ shard: Int, buckets contents: [Data]) -> Data {
        var data = shardOpening(shard)
        var first = true
        for content in contents where !content.isEmpty {
            data.append(first ? content.dropFirst() : content)
            first = false
        }
        data.append(shardClosing)
        return data
    }

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

    /// Every file of the index (path → bytes), for a site whose plans have their text.
    public static func files(site: LinkedSite) -> [(String, Data)] {
        var files: [(String, Data)] = []
        var contents = [Data](repeating: Data(), count: buckets)
        func add(_ name: String, _ entries: [Entry], group: Int) {
            files.append((path(ofDocuments: name), documents(name, entries)))
            for (bucket, object) in buckets(inPostings: postings(entries)) ?? [] {
                appendPart(group: group, object: object, to: &contents[bucket])
            }
        }
        for (p, plan) in site.content.plans.enumerated() { add(planDocuments(plan.id), planEntries(plan), group: p) }
        for (r, region) in site.content.regions.enumerated() {
            add(regionDocuments(region.id), regionEntries(region), group: site.content.plans.count + r)
        }
        let shards = shardCount(plans: site.content.plans.count)
        for shard in 0..<shards {
            files.append((path(ofShard: shard), shardFile(shard, buckets: bucketsOfShard(shard, shards: shards).map { contents[$0] })))
        }
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

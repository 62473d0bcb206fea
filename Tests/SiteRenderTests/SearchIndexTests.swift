import Foundation
import Testing
import PlanModel
@testable import SiteRender

/// The search index (`SearchIndex`, `Templates/search.js`): what is indexed, the file format
/// the page reads, and that Swift and the page make the same bigrams and buckets.
@Suite struct SearchIndexTests {
    /// Every file of the bundled site's index, by path.
    static func bundledIndex() throws -> (files: [String: Data], renderer: SiteRenderer) {
        let renderer = try RenderFixture.bundled()
        return (Dictionary(SearchIndex.files(site: renderer.site), uniquingKeysWith: { a, _ in a }), renderer)
    }

    /// A script file's argument list as JSON: `call(ARGS);\n` → `[ARGS]`.
    static func arguments(_ data: Data, call: String) throws -> [Any] {
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(call) && text.hasSuffix(");\n"))
        let inner = text.dropFirst(call.count).dropLast(3)
        return try #require(try JSONSerialization.jsonObject(with: Data("[\(inner)]".utf8)) as? [Any])
    }

    @Test func bigramsFoldCaseWidthAndSubscriptsAndSkipPunctuation() {
        #expect(SearchIndex.bigramStrings("PM2.5") == ["pm", "m2"])
        #expect(SearchIndex.bigramStrings("Ｏ₃浓度") == ["o3", "3浓", "浓度"])
        #expect(SearchIndex.bigramStrings("臭氧，O3") == ["臭氧", "o3"])
        #expect(SearchIndex.bigramStrings("水") == [])
        #expect(SearchIndex.bigramStrings("") == [])
    }

    /// A group's postings, as the plan cache keeps them, give back each bucket's object; bytes
    /// cut short or with a bucket out of range are refused rather than read as an index.
    @Test func postingsListEachBucketOnceAndDamagedBytesAreRefused() throws {
        let entries = [SearchIndex.Entry(kind: "task", title: "1. 治理黑臭水体", url: "plans/a.html#c1-t1", text: "消除黑臭水体，O3 浓度下降"),
                       SearchIndex.Entry(kind: "task", title: "2. 臭氧", url: "plans/a.html#c1-t2", text: "水体")]
        let postings = SearchIndex.postings(entries)
        let buckets = try #require(SearchIndex.buckets(inPostings: postings))
        #expect(buckets.map(\.bucket) == buckets.map(\.bucket).sorted() && Set(buckets.map(\.bucket)).count == buckets.count)
        var found: [String: [Int]] = [:]
        for (bucket, object) in buckets {
            let grams = try #require(try JSONSerialization.jsonObject(with: object) as? [String: [Int]])
            for (gram, list) in grams {
                #expect(SearchIndex.bucket(of: SearchIndex.bigrams(gram)[0]) == bucket)
                found[gram] = list
            }
        }
        #expect(found["水体"] == [1, 2])   // in entry 0's title (2 × 0 + 1), in entry 1's text (2 × 1)
        #expect(found["臭氧"] == [3])
        #expect(found["o3"] == [0])
        #expect(Set(found.keys) == Set(entries.flatMap { SearchIndex.bigramStrings($0.title) + SearchIndex.bigramStrings($0.text) }))
        #expect(SearchIndex.buckets(inPostings: postings.dropLast()) == nil)
        var outOfRange = postings
        outOfRange[outOfRange.startIndex + 1] = 0xFF
        #expect(SearchIndex.buckets(inPostings: outOfRange) == nil)
    }

    @Test func theShardCountGrowsWithThePlansAsAPowerOfTwo() {
        #expect(SearchIndex.shardCount(plans: 4) == 8)
        #expect(SearchIndex.shardCount(plans: 100) == 128)
        #expect(SearchIndex.shardCount(plans: 1000) == 1024)
        #expect(SearchIndex.shardCount(plans: 100_000) == 1024)
        for plans in [1, 9, 300, 5000] {
            let n = SearchIndex.shardCount(plans: plans)
            #expect(n & (n - 1) == 0 && SearchIndex.buckets % n == 0)
        }
    }

    /// The documents hold the whole text of every unit; the shards list, under the unit's
    /// group, every bigram of its title and text, in the shard the bigram's bucket gives.
    @Test func theShardsListEveryBigramOfEveryEntryOfTheBundledSite() throws {
        let (files, renderer) = try Self.bundledIndex()
        let site = renderer.site
        let shards = SearchIndex.shardCount(plans: site.content.plans.count)
        // Bigram → group → entries (index × 2 + title bit), read as search.js reads the files.
        var postings: [String: [Int: Set<Int>]] = [:]
        for shard in 0..<shards {
            let args = try Self.arguments(try #require(files[SearchIndex.path(ofShard: shard)]), call: "plansiteSearch.shard(")
            #expect(args[0] as? Int == shard)
            for block in try #require(args[1] as? [[Any]]) {
                let group = try #require(block[0] as? Int)
                for (gram, list) in try #require(block[1] as? [String: [Int]]) {
                    let bucket = SearchIndex.bucket(of: SearchIndex.bigrams(gram)[0])
                    #expect(bucket & (shards - 1) == shard, "\(gram) in shard \(shard)")
                    postings[gram, default: [:]][group, default: []].formUnion(list)
                }
            }
        }
        let groups = SearchIndex.groups(site: site, planTitle: \.title)
        #expect(groups.count == site.content.plans.count + site.content.regions.count)
        var checked = 0
        for (g, group) in groups.enumerated() {
            let args = try Self.arguments(try #require(files[SearchIndex.path(ofDocuments: group[0])]), call: "plansiteSearch.documents(")
            #expect(args[0] as? String == group[0])
            let entries = try #require(args[1] as? [[String]])
            for (e, entry) in entries.enumerated() {
                let title = Set(SearchIndex.bigramStrings(entry[1]))
                for gram in title.union(SearchIndex.bigramStrings(entry[3])) {
                    let id = e * 2 + (title.contains(gram) ? 1 : 0)
                    #expect(postings[gram]?[g]?.contains(id) == true, "\(gram) of \(entry[2])")
                    checked += 1
                }
            }
        }
        #expect(checked > 30_000)
        // A unit's whole text, not its opening: 消耗臭氧层 is 40 characters into a long task.
        let huzhou = try Self.arguments(try #require(files["assets/search/p/huzhou-14th.js"]), call: "plansiteSearch.documents(")
        let task = try #require((huzhou[1] as? [[String]])?.first { $0[2] == "plans/huzhou-14th.html#c3-s3-t1" })
        #expect(task[3].contains("消耗臭氧层") && task[3].count > 300 && !task[3].contains("\n"))
    }

    /// search.js makes the same bigrams and buckets as Swift (run in Node when it is installed).
    @Test func thePageMakesTheSameBigramsAndBucketsAsTheBuild() throws {
        guard let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let texts = ["PM2.5年均浓度", "Ｏ₃ 臭氧", "化学需氧量(COD)", "消耗臭氧层物质(ODS)", "𠀀𠀁 汉字", "ÀB²³", "水质 2020"]
        let script = """
            global.window = {}; global.document = { getElementById: () => null };
            require(\(String(decoding: try JSONSerialization.data(withJSONObject: [TemplateTests.templates.path + "/search.js"]), as: UTF8.self))[0]);
            const texts = \(String(decoding: try JSONSerialization.data(withJSONObject: texts), as: UTF8.self));
            console.log(JSON.stringify(texts.map(t => window.plansiteSearch.bigrams(t).map(g => [g, window.plansiteSearch.bucket(g)]))));
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let fromPage = try #require(try JSONSerialization.jsonObject(with: output) as? [[[Any]]])
        for (text, page) in zip(texts, fromPage) {
            var seen = Set<UInt64>()
            let swift = SearchIndex.bigrams(text).filter { seen.insert($0).inserted }
            #expect(page.map { $0[0] as? String } == swift.map(SearchIndex.string(of:)), "\(text)")
            #expect(page.map { $0[1] as? Int } == swift.map(SearchIndex.bucket(of:)), "\(text)")
        }
    }

    @Test func theSynonymsFileGivesGroupsAndABadLineIsAnErrorAtItsLine() throws {
        let bundled = try SearchSynonyms.read(directory: TemplateTests.templates.path).get()
        for pair in [["pm2.5", "细颗粒物"], ["o3", "臭氧"], ["cod", "化学需氧量"], ["优良天数", "优良率"]] {
            #expect(bundled.groups.contains { group in pair.allSatisfy { term in group.contains { $0.lowercased() == term } } }, "\(pair)")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synonyms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(SearchSynonyms.fileName)
        try Data("# 说明\n\nA = 甲 = 阿\n".utf8).write(to: file)
        #expect(try SearchSynonyms.read(directory: dir.path).get().groups == [["A", "甲", "阿"]])
        try Data("A = 甲\n只有一个词\n".utf8).write(to: file)
        guard case .failure(let d) = SearchSynonyms.read(directory: dir.path) else {
            Issue.record("a line with one term was accepted")
            return
        }
        #expect(d.location.line == 2 && d.location.path.hasSuffix("synonyms.txt") && d.severity == .error)
        // The templates are refused with it.
        for name in ["labels.yaml"] + TemplateSet.pages.map({ "\($0).mustache" }) + ["head.mustache", "footer.mustache", "unit-meta.mustache", "indicator-table.mustache", "status.mustache"] {
            try FileManager.default.copyItem(atPath: TemplateTests.templates.path + "/" + name, toPath: dir.appendingPathComponent(name).path)
        }
        guard case .failure(let list) = SiteRenderer.loadTemplates(dir.path) else {
            Issue.record("templates with a bad synonyms file were accepted")
            return
        }
        #expect(list.diagnostics.contains { $0.location.line == 2 && $0.code == "synonyms" })
    }

    /// The search page carries the shard count, the groups and the synonyms; the synonyms
    /// file is not copied to assets/.
    @Test func theSearchPageCarriesTheGroupsAndSynonyms() throws {
        let renderer = try RenderFixture.bundled()
        var files: [String: Data] = [:]
        try renderer.render(threads: 2) { path, data in files[path] = data }
        let page = String(decoding: try #require(files["search.html"]), as: UTF8.self)
        let start = try #require(page.range(of: "<script type=\"application/json\" id=\"search-index\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let config = try #require(try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any])
        #expect(config["shards"] as? Int == 8)
        #expect((config["groups"] as? [[String]])?.first == ["p/huzhou-14th", renderer.site.content.plans[0].title])
        #expect((config["groups"] as? [[String]])?.last == ["r/zhejiang", "浙江省"])
        #expect((config["synonyms"] as? [[String]])?.contains(["O3", "臭氧"]) == true)
        #expect(files["assets/synonyms.txt"] == nil)
        #expect(files.keys.filter { $0.hasPrefix("assets/search/g/") }.count == 8)
    }
}

extension SearchIndexTests {
    /// Text outside every unit (a chapter's introduction, an attachment table) is searched
    /// through the plan's entry, as text.
    @Test func thePlanEntryHoldsTheTextOutsideUnits() throws {
        #expect(SearchIndex.text(ofHTML: "<p>深化<strong>改革</strong>&amp;开放</p><table><tr><td>甲</td><td>乙</td></tr></table>")
            == " 深化改革&开放    甲  乙   ")
        let site = try RenderFixture.bundled().site
        for plan in site.content.plans {
            let entry = SearchIndex.planEntries(plan)[0]
            let outside = plan.blocks.filter { if case .text = $0.role { return true } else { return false } }
            for block in outside {
                let text = SearchIndex.singleLine(SearchIndex.text(ofHTML: block.html))
                #expect(entry.text.contains(text), "\(plan.id) line \(block.line)")
                #expect(!text.contains("<"), "\(plan.id) line \(block.line)")
            }
        }
        #expect(site.content.plans.contains { plan in plan.blocks.contains { if case .text = $0.role { return true } else { return false } } })
    }
}

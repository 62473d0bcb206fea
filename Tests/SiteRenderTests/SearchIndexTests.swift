import Foundation
import Testing
import PlanModel
import TestSupport
@testable import SiteRender

/// The search index (`SearchIndex`, `Templates/search.js`): what is indexed, the file format
/// the page reads, and that Swift and the page make the same bigrams and buckets.
@Suite struct SearchIndexTests {
    /// Every file of the bundled site's index, by path.
    static func bundledIndex() throws -> (files: [String: Data], renderer: SiteRenderer) {
        let renderer = try RenderFixture.bundled()
        var files: [String: Data] = [:]
        try renderer.render(threads: 2) { path, data in if path.hasPrefix(SearchIndex.folder) { files[path] = data } }
        return (files, renderer)
    }

    /// A script file's argument list as JSON: `call(ARGS);\n` → `[ARGS]`.
    static func arguments(_ data: Data, call: String) throws -> [Any] {
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix(call) && text.hasSuffix(");\n"))
        let inner = text.dropFirst(call.count).dropLast(3)
        return try #require(try JSONSerialization.jsonObject(with: Data("[\(inner)]".utf8)) as? [Any])
    }

    /// A shard's groups of a bigram, read as search.js reads them: a bitmap string, six
    /// groups a character, or a list of differences.
    static func groups(_ value: Any) throws -> [Int] {
        if let bitmap = value as? String {
            var groups: [Int] = []
            for (k, character) in bitmap.utf8.enumerated() {
                let bits = try #require(SearchIndex.bitmapDigits.firstIndex(of: character))
                groups += (0..<6).filter { bits & (1 << $0) != 0 }.map { k * 6 + $0 }
            }
            return groups
        }
        var group = 0
        return try #require(value as? [Int]).map { group += $0; return group }
    }

    @Test func bigramsFoldCaseWidthAndSubscriptsAndSkipPunctuation() {
        #expect(SearchIndex.bigramStrings("PM2.5") == ["pm", "m2"])
        #expect(SearchIndex.bigramStrings("Ｏ₃浓度") == ["o3", "3浓", "浓度"])
        #expect(SearchIndex.bigramStrings("臭氧，O3") == ["臭氧", "o3"])
        #expect(SearchIndex.bigramStrings("水") == [])
        #expect(SearchIndex.bigramStrings("") == [])
    }

    /// A group's postings, as the plan cache keeps them, give back each bucket's bigrams
    /// (every distinct bigram of the group's titles and texts once, in its bucket, in code
    /// point order); bytes cut short or with a bucket out of range are refused rather than
    /// read as an index.
    @Test func postingsListEachBigramOnceInItsBucketAndDamagedBytesAreRefused() throws {
        let entries = [SearchIndex.Entry(kind: "task", title: "1. 治理黑臭水体", url: "plans/a.html#c1-t1", text: "消除黑臭水体，O3 浓度下降"),
                       SearchIndex.Entry(kind: "task", title: "2. 臭氧", url: "plans/a.html#c1-t2", text: "水体")]
        let postings = SearchIndex.postings(entries)
        let buckets = try #require(SearchIndex.buckets(inPostings: postings))
        #expect(buckets.map(\.bucket) == buckets.map(\.bucket).sorted() && Set(buckets.map(\.bucket)).count == buckets.count)
        var found: [UInt64] = []
        for (bucket, object) in buckets {
            #expect(object.count % 8 == 0 && !object.isEmpty)
            let grams = stride(from: object.startIndex, to: object.endIndex, by: 8).map { SearchIndex.readUInt64(object, $0) }
            #expect(grams == grams.sorted())
            for gram in grams { #expect(SearchIndex.bucket(of: gram) == bucket, "\(SearchIndex.string(of: gram))") }
            found += grams
        }
        let expected = entries.flatMap { SearchIndex.bigramStrings($0.title) + SearchIndex.bigramStrings($0.text) }
        #expect(found.map(SearchIndex.string(of:)).sorted() == Set(expected).sorted())
        #expect(found.map(SearchIndex.string(of:)).contains("o3") && found.map(SearchIndex.string(of:)).contains("水体"))
        #expect(SearchIndex.buckets(inPostings: postings.dropLast()) == nil)
        var outOfRange = postings
        outOfRange[outOfRange.startIndex + 1] = 0xFF
        #expect(SearchIndex.buckets(inPostings: outOfRange) == nil)
    }

    /// A shard lists each bigram of its buckets once, with the groups that have it ascending,
    /// as a bitmap or as differences, whichever is shorter; postings cut short or whose
    /// bigrams are not ascending are refused.
    @Test func aShardListsEachBigramWithItsGroupsInTheShorterForm() throws {
        let a = [SearchIndex.Entry(kind: "task", title: "臭氧", url: "a", text: "水体")]
        let b = [SearchIndex.Entry(kind: "task", title: "水体", url: "b", text: "")]
        var shards = SearchShards()
        for (group, entries) in [(3, a), (7, b), (12, a), (200, b)] {
            try shards.add(group: group, postings: SearchIndex.postings(entries))
        }
        let shard = SearchIndex.bucket(of: SearchIndex.bigrams("水体")[0]) & 7
        let file = shards.shardFile(shard, of: 8)
        let args = try Self.arguments(file, call: "plansiteSearch.shard(")
        #expect(args[0] as? Int == shard)
        let grams = try #require(args[1] as? [String: Any])
        #expect(grams["水体"] as? [Int] == [3, 4, 5, 188])   // differences; a bitmap to group 200 is longer
        if SearchIndex.bucket(of: SearchIndex.bigrams("臭氧")[0]) & 7 == shard { #expect(grams["臭氧"] as? [Int] == [3, 9]) }

        var dense = SearchShards()
        for group in [3, 7, 12] { try dense.add(group: group, postings: SearchIndex.postings(a)) }
        let denseGrams = try #require(try Self.arguments(dense.shardFile(shard, of: 8), call: "plansiteSearch.shard(")[1] as? [String: Any])
        #expect(denseGrams["水体"] as? String == "ICB")    // groups 3, 7, 12, shorter as a bitmap than as [3,4,5]

        let postings = SearchIndex.postings(a)
        var damaged = SearchShards()
        #expect(throws: SearchShards.DamagedPostings.self) { try damaged.add(group: 0, postings: postings.dropLast()) }
        // A bucket whose bigrams are not ascending is not postings.
        let gram = SearchIndex.bigrams("水体")[0], bucket = SearchIndex.bucket(of: gram)
        var unordered = Data()
        withUnsafeBytes(of: UInt16(bucket).littleEndian) { unordered.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(16).littleEndian) { unordered.append(contentsOf: $0) }
        for value in [gram, gram - 1] { withUnsafeBytes(of: value.littleEndian) { unordered.append(contentsOf: $0) } }
        #expect(throws: SearchShards.DamagedPostings.self) { try damaged.add(group: 1, postings: unordered) }
    }

    /// Groups come in any numbers and any spread (a bigram new in a late group, differences
    /// beyond one byte); each bigram lists exactly the groups whose postings have it.
    @Test func shardsListExactlyTheGroupsOfEachBigramAtAnyScale() throws {
        var generator = SplitMix(state: 23)
        let words = ["水体", "臭氧", "湿地", "森林", "空气", "河湖", "土壤", "噪声"]
        var expected: [String: [Int]] = [:]
        var shards = SearchShards()
        var group = 0
        for _ in 0..<300 {
            group += 1 + Int(generator.next() % 300)
            let chosen = words.filter { _ in generator.next() % 3 == 0 }
            let entries = [SearchIndex.Entry(kind: "task", title: chosen.joined(separator: "，"), url: "u", text: "")]
            for word in chosen { expected[word, default: []].append(group) }
            try shards.add(group: group, postings: SearchIndex.postings(entries))
        }
        var found: [String: [Int]] = [:]
        for shard in 0..<8 {
            let grams = try #require(try Self.arguments(shards.shardFile(shard, of: 8), call: "plansiteSearch.shard(")[1] as? [String: Any])
            for (gram, value) in grams { found[gram] = try Self.groups(value) }
        }
        for (word, groups) in expected { #expect(found[word] == groups, "\(word)") }
    }

    /// Line breaks become spaces one for one (CRLF two), every other character stays.
    @Test func singleLineReplacesEachLineBreakCharacter() {
        #expect(SearchIndex.singleLine("治理\n黑臭水体\r\n（一）\r") == "治理 黑臭水体  （一） ")
        #expect(SearchIndex.singleLine("O₃ 浓度\u{2028}下降") == "O₃ 浓度\u{2028}下降")
        #expect(SearchIndex.singleLine("") == "")
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

    /// The documents hold the whole text of every unit; the shards list every bigram of its
    /// title and text under the unit's group, in the shard the bigram's bucket gives, and no
    /// group that does not have the bigram.
    @Test func theShardsListEveryBigramOfEveryGroupOfTheBundledSite() throws {
        let (files, renderer) = try Self.bundledIndex()
        let site = renderer.site
        let shards = SearchIndex.shardCount(plans: site.content.plans.count)
        // Bigram → groups, read as search.js reads the files.
        var groupsOf: [String: [Int]] = [:]
        for shard in 0..<shards {
            let args = try Self.arguments(try #require(files[SearchIndex.path(ofShard: shard)]), call: "plansiteSearch.shard(")
            #expect(args[0] as? Int == shard)
            for (gram, value) in try #require(args[1] as? [String: Any]) {
                let bucket = SearchIndex.bucket(of: SearchIndex.bigrams(gram)[0])
                #expect(bucket & (shards - 1) == shard, "\(gram) in shard \(shard)")
                let groups = try Self.groups(value)
                #expect(groupsOf[gram] == nil && groups == Array(Set(groups)).sorted(), "\(gram)")
                groupsOf[gram] = groups
            }
        }
        let groups = SearchIndex.groups(site: site, planTitle: \.title)
        #expect(groups.count == site.content.plans.count + site.content.regions.count)
        var expected: [String: [Int]] = [:]
        for (g, group) in groups.enumerated() {
            let args = try Self.arguments(try #require(files[SearchIndex.path(ofDocuments: group[0])]), call: "plansiteSearch.documents(")
            #expect(args[0] as? String == group[0])
            let entries = try #require(args[1] as? [[String]])
            for gram in Set(entries.flatMap { SearchIndex.bigramStrings($0[1]) + SearchIndex.bigramStrings($0[3]) }) {
                expected[gram, default: []].append(g)
            }
        }
        #expect(expected.count > 10_000)
        let wrong = expected.keys.filter { groupsOf[$0] != expected[$0] }.sorted()
        #expect(wrong.isEmpty && groupsOf.count == expected.count, "\(wrong.count) bigrams, \(wrong.prefix(5))")
        // A unit's whole text, not its opening: 消耗臭氧层 is 40 characters into a long task.
        let huzhou = try Self.arguments(try #require(files["assets/search/p/huzhou-14th.js"]), call: "plansiteSearch.documents(")
        let task = try #require((huzhou[1] as? [[String]])?.first { $0[2] == "plans/huzhou-14th.html#c3-s3-t1" })
        #expect(task[3].contains("消耗臭氧层") && task[3].count > 300 && !task[3].contains("\n"))
    }

    /// search.js makes the same bigrams and buckets as Swift, and reads a shard's groups in
    /// both forms as Swift writes them (run in Node when it is installed).
    @Test func thePageMakesTheSameBigramsAndBucketsAndReadsTheGroupsAsTheBuildWritesThem() throws {
        guard let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let lists = [[0], [5], [6], [3, 7, 12], [0, 900], Array(0..<1040), Array(stride(from: 1, to: 1040, by: 3)), [1039]]
        let texts = ["PM2.5年均浓度", "Ｏ₃ 臭氧", "化学需氧量(COD)", "消耗臭氧层物质(ODS)", "𠀀𠀁 汉字", "ÀB²³", "水质 2020"]
        let script = """
            global.window = {}; global.document = { getElementById: () => null };
            require(\(String(decoding: try JSONSerialization.data(withJSONObject: [TemplateTests.templates.path + "/search.js"]), as: UTF8.self))[0]);
            const texts = \(String(decoding: try JSONSerialization.data(withJSONObject: texts), as: UTF8.self));
            const lists = \(String(decoding: try JSONSerialization.data(withJSONObject: lists.map(Self.encoded)), as: UTF8.self));
            console.log(JSON.stringify([texts.map(t => window.plansiteSearch.bigrams(t).map(g => [g, window.plansiteSearch.bucket(g)])),
                                        lists.map(l => window.plansiteSearch.decodeGroups(JSON.parse(l)))]));
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
        let fromPage = try #require(try JSONSerialization.jsonObject(with: output) as? [Any])
        #expect(try #require(fromPage[1] as? [[Int]]) == lists)
        #expect(lists.map(Self.encoded).contains { $0.hasPrefix("\"") } && lists.map(Self.encoded).contains { $0.hasPrefix("[") })
        for (text, page) in zip(texts, try #require(fromPage[0] as? [[[Any]]])) {
            var seen = Set<UInt64>()
            let swift = SearchIndex.bigrams(text).filter { seen.insert($0).inserted }
            #expect(page.map { $0[0] as? String } == swift.map(SearchIndex.string(of:)), "\(text)")
            #expect(page.map { $0[1] as? Int } == swift.map(SearchIndex.bucket(of:)), "\(text)")
        }
    }

    /// Groups as a shard writes them (`SearchIndex.appendGroups`), as JSON text.
    static func encoded(_ groups: [Int]) -> String {
        var out: [UInt8] = []
        SearchIndex.appendGroups(groups, to: &out)
        return String(decoding: out, as: UTF8.self)
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

import Foundation

/// The shard files of the search index (`SearchIndex`), made from the groups' postings as
/// they come, in group order. Each bucket holds its bigrams in code point order and, for
/// every 64 groups, a column of one word per bigram whose bit i says whether group 64·c + i
/// has it: a bit per bigram and group, and a group's postings touch one column per bucket.
public struct SearchShards {
    private var grams = [[UInt64]](repeating: [], count: SearchIndex.buckets)
    private var columns = [[[UInt64]]](repeating: [], count: SearchIndex.buckets)
    private var nextGroup = 0

    public init() {}

    /// Postings that are not what `SearchIndex.postings` makes (from a damaged cache entry).
    public struct DamagedPostings: Error {}

    /// A group's postings (`SearchIndex.postings`), after every earlier group's.
    public mutating func add(group: Int, postings: Data) throws {
        precondition(group >= nextGroup, "groups are added in ascending order")
        nextGroup = group + 1
        guard let buckets = SearchIndex.buckets(inPostings: postings) else { throw DamagedPostings() }
        for (bucket, object) in buckets {
            try object.withUnsafeBytes { try add(group: group, grams: $0, to: bucket) }
        }
    }

    /// A group's bigrams of one bucket (ascending, 8 bytes each) into the bucket.
    private mutating func add(group: Int, grams added: UnsafeRawBufferPointer, to bucket: Int) throws {
        let count = added.count / 8
        func gram(_ k: Int) -> UInt64 { UInt64(littleEndian: added.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)) }
        for k in 1 ..< max(count, 1) where gram(k - 1) >= gram(k) { throw DamagedPostings() }
        var known = grams[bucket], i = 0
        let allKnown = (0 ..< count).allSatisfy { k in
            while i < known.count, known[i] < gram(k) { i += 1 }
            return i < known.count && known[i] == gram(k)
        }
        if !allKnown {
            insert((0 ..< count).map(gram), into: bucket)
            known = grams[bucket]
        }
        let c = group / 64, bit = UInt64(1) << UInt64(group % 64)
        while columns[bucket].count <= c { columns[bucket].append([UInt64](repeating: 0, count: known.count)) }
        var column = columns[bucket][c]
        columns[bucket][c] = []   // so that `column` is changed in place
        i = 0
        for k in 0 ..< count {
            while known[i] < gram(k) { i += 1 }
            column[i] |= bit
        }
        columns[bucket][c] = column
    }

    /// The bigrams of `added` (ascending) that the bucket does not have yet, in their places,
    /// in no group so far.
    private mutating func insert(_ added: [UInt64], into bucket: Int) {
        let old = grams[bucket]
        var merged: [UInt64] = [], from: [Int?] = []   // each bigram's row in `old`, if it had one
        var i = 0, k = 0
        while i < old.count || k < added.count {
            if k == added.count || (i < old.count && old[i] <= added[k]) {
                if k < added.count, old[i] == added[k] { k += 1 }
                merged.append(old[i])
                from.append(i)
                i += 1
            } else {
                merged.append(added[k])
                from.append(nil)
                k += 1
            }
        }
        grams[bucket] = merged
        columns[bucket] = columns[bucket].map { column in from.map { $0.map { column[$0] } ?? 0 } }
    }

    /// Shard `shard` of `shards`: `plansiteSearch.shard(N,{"bigram":GROUPS,…});`, each bigram
    /// of the shard's buckets with the groups that contain it (`SearchIndex.appendGroups`), in
    /// bucket order, then code point order. The buckets' memory is given back as they are used.
    public mutating func shardFile(_ shard: Int, of shards: Int) -> Data {
        var out: [UInt8] = Array("\(SearchIndex.shardCall)\(shard),{".utf8)
        var first = true
        for bucket in SearchIndex.bucketsOfShard(shard, shards: shards) {
            for (row, gram) in grams[bucket].enumerated() {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONText.appendString(SearchIndex.string(of: gram), to: &out)
                out.append(UInt8(ascii: ":"))
                var groups: [Int] = []
                for (c, column) in columns[bucket].enumerated() {
                    var word = column[row]
                    while word != 0 {
                        groups.append(64 * c + word.trailingZeroBitCount)
                        word &= word - 1
                    }
                }
                SearchIndex.appendGroups(groups, to: &out)
            }
            (grams[bucket], columns[bucket]) = ([], [])
        }
        out.append(contentsOf: "}\(SearchIndex.callEnd)".utf8)
        return Data(out)
    }
}

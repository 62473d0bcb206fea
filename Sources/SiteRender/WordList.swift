/// Words replaced one after another in a fixed order, each as `ReaderText.replaceWord`
/// replaces it, trying only the words a text can hold.
///
/// `replaceWord` replaces a word only where no word character (`isWordByte`: ASCII letters,
/// digits, `_`, `-`, `/`, `.`) stands before or after it. A word made only of word characters
/// is therefore replaced only where it is a whole run of word characters of the text, so the
/// runs of the text tell which words to try: a list of a thousand plan IDs costs a lookup per
/// run instead of a search of the text per ID. Words with other characters (or empty) are
/// tried on every text.
struct WordList: Sendable {
    let words: [(word: String, replacement: String)]
    /// Where in `words` each word made only of word characters is.
    let place: [String: Int]
    /// The places of the other words (and of a word's second place), in order.
    let others: [Int]
    /// The lengths in bytes of the words of `place`.
    let lengths: Range<Int>

    init(_ words: [(String, String)]) {
        self.words = words.map { (word: $0.0, replacement: $0.1) }
        var place: [String: Int] = [:]
        var others: [Int] = []
        for (i, word) in words.map(\.0).enumerated() {
            if Self.isPlain(word) && place[word] == nil {
                place[word] = i
            } else {
                others.append(i)
            }
        }
        self.place = place
        self.others = others
        let byteCounts = place.keys.map(\.utf8.count)
        lengths = (byteCounts.min() ?? 0)..<((byteCounts.max() ?? -1) + 1)
    }

    /// `text` with each word replaced in turn: the same as calling `replaceWord` for every
    /// word in order.
    func apply(to text: String) -> String {
        var s = text
        var done = -1
        while let next = nextPlace(in: s, after: done) {
            s = ReaderText.replaceWord(words[next].word, in: s, with: words[next].replacement)
            done = next
        }
        return s
    }

    /// The first place after `done` whose word `text` may hold.
    func nextPlace(in text: String, after done: Int) -> Int? {
        var best = others.first { $0 > done }
        if !lengths.isEmpty {
            Self.forEachRun(in: text, lengths: lengths) { run in
                if let p = place[run], p > done, p < (best ?? .max) { best = p }
            }
        }
        return best
    }

    /// `words` replaced in order as `apply` does, for a short list made for one text.
    static func replacing(_ words: [(String, String)], in text: String) -> String {
        guard !words.isEmpty else { return text }
        var s = text
        var runs = Self.runs(in: s)
        for (word, replacement) in words where !isPlain(word) || runs.contains(word) {
            s = ReaderText.replaceWord(word, in: s, with: replacement)
            runs = Self.runs(in: s)
        }
        return s
    }

    static func isWordByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// Whether `word` is not empty and made only of word characters.
    static func isPlain(_ word: String) -> Bool { !word.isEmpty && word.utf8.allSatisfy(isWordByte) }

    /// The runs of word characters of `text`: each longest stretch of them.
    static func runs(in text: String) -> [String] {
        var result: [String] = []
        forEachRun(in: text, lengths: 1..<Int.max) { result.append($0) }
        return result
    }

    /// Calls `body` with each run of word characters of `text` whose length in bytes is in `lengths`.
    static func forEachRun(in text: String, lengths: Range<Int>, _ body: (String) -> Void) {
        var copy = text
        copy.withUTF8 { bytes in
            let n = bytes.count
            var i = 0
            while i < n {
                guard isWordByte(bytes[i]) else {
                    i += 1
                    continue
                }
                var j = i + 1
                while j < n && isWordByte(bytes[j]) { j += 1 }
                if lengths.contains(j - i) { body(String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)) }
                i = j
            }
        }
    }
}

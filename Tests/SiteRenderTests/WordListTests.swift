import Testing
import TestSupport
@testable import SiteRender

/// `WordList` tries only the words whose run of word characters a text holds; it must give
/// what trying every word in order with `ReaderText.replaceWord` gives.
@Suite struct WordListTests {
    /// What `WordList` stands for: every word, in order, searched for in the whole text.
    static func everyWord(_ words: [(String, String)], _ text: String) -> String {
        var s = text
        for (word, replacement) in words where s.contains(word) { s = ReaderText.replaceWord(word, in: s, with: replacement) }
        return s
    }

    /// One word begins another, one is part of a longer run, one has a dot, one is not made of
    /// word characters, one comes twice; some replacements hold other words of the list.
    static let words: [(String, String)] = [
        ("plan-12", "《含 plan-1 的规划》"), ("plan-1-a", "《一甲》"), ("ab.cd", "《甲》"), ("plan-1", "《一》"),
        ("见 x", "《见叉》"), ("x", "《plan-12》"), ("c2", "二"), ("plan-1", "《重复》"),
    ]
    static let fragments = ["plan-1", "plan-12", "plan-1-a", "ab.cd", "x", "c2", "见", "第3行", " ", "  ", "，", "(", ")", "（", "-", ".", "/",
                            "_", "e\u{301}", "\u{301}", "“", "”", "中", "\n", "plan-1x", "xab.cd", "plan-1/"]

    @Test func givesWhatTryingEveryWordGives() {
        let list = WordList(Self.words)
        var generator = SplitMix(state: 23)
        var replaced = 0
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 1...9, using: &generator)).map { _ in Self.fragments.randomElement(using: &generator)! }.joined()
            let expected = Self.everyWord(Self.words, text)
            #expect(list.apply(to: text) == expected, "\(text.debugDescription)")
            #expect(WordList.replacing(Self.words, in: text) == expected, "\(text.debugDescription)")
            if expected != text { replaced += 1 }
        }
        // The texts exercise the replacements, not only texts left as they are.
        #expect(replaced > 1000)
    }

    @Test func wordsAtTheEdges() {
        let list = WordList(Self.words)
        // Part of a longer run of word characters: left as it is.
        #expect(list.apply(to: "plan-1x 与 xab.cd、plan-1_2") == "plan-1x 与 xab.cd、plan-1_2")
        // Next to Chinese, with or without the space that sets it off.
        #expect(list.apply(to: "见plan-1第3行") == "见《一》第3行")
        #expect(list.apply(to: "见 plan-1 第3行") == "见《一》第3行")
        // One word begins the other: each is replaced whole; a replacement's own words are
        // replaced when their turn comes after it, not when it came before.
        #expect(list.apply(to: "plan-1-a，plan-12，plan-1") == "《一甲》，《含《一》的规划》，《一》")
        #expect(list.apply(to: "x，plan-12") == "《plan-12》，《含《一》的规划》")
    }

    @Test func runsAreTheLongestStretchesOfWordCharacters() {
        #expect(WordList.runs(in: "见 plan-1/ab.cd，中e\u{301}x_1") == ["plan-1/ab.cd", "e", "x_1"])
        #expect(WordList.isPlain("plan-1") && !WordList.isPlain("见 x") && !WordList.isPlain(""))
    }
}

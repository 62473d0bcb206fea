import Foundation

/// Which of a fixed list of names occur in a text, with the answers of `text.contains(name)`
/// (Foundation's search, which matches canonically equivalent characters), found in one pass
/// over the text's UTF-8 bytes instead of one Foundation search per name (which dominated
/// reading when every name was searched for on its own).
///
/// Byte comparison gives Foundation's answer when both strings consist only of "plain"
/// characters: ones without a canonical decomposition to another single character, that
/// are not combining marks and never join their neighbours into one grapheme cluster
/// (ASCII but CR, Latin-1, general punctuation and symbols, CJK punctuation, kana without
/// the combining voicing marks, CJK ideographs, private use, full-width forms). Any pair in
/// which either string has another character is answered by Foundation itself.
struct NameMatcher {
    let names: [String]
    private let bytes: [[UInt8]]
    private let plain: [Bool]
    /// Names (plain, 2 bytes or more) by their first two bytes.
    private let byFirstPair: [Int: [Int]]
    private let firstPairs: [Bool]

    init(_ names: [String]) {
        self.names = names
        bytes = names.map { Array($0.utf8) }
        plain = names.map { $0.utf8.count >= 2 && Self.isPlain($0) }
        var index: [Int: [Int]] = [:]
        var pairs = [Bool](repeating: false, count: 1 << 16)
        for (n, b) in bytes.enumerated() where plain[n] {
            let pair = Int(b[0]) << 8 | Int(b[1])
            index[pair, default: []].append(n)
            pairs[pair] = true
        }
        byFirstPair = index
        firstPairs = pairs
    }

    /// `result[i] == text.contains(names[i])`.
    func matches(in text: String) -> [Bool] {
        var result = [Bool](repeating: false, count: names.count)
        let textIsPlain = Self.isPlain(text)
        if textIsPlain {
            let t = Array(text.utf8)
            t.withUnsafeBufferPointer { buffer in
                guard buffer.count >= 2 else { return }
                for i in 0..<(buffer.count - 1) {
                    let pair = Int(buffer[i]) << 8 | Int(buffer[i + 1])
                    guard firstPairs[pair], let candidates = byFirstPair[pair] else { continue }
                    for n in candidates where !result[n] {
                        let needle = bytes[n]
                        guard i + needle.count <= buffer.count else { continue }
                        var equal = true
                        for k in 2..<needle.count where buffer[i + k] != needle[k] {
                            equal = false
                            break
                        }
                        if equal { result[n] = true }
                    }
                }
            }
        }
        for n in names.indices where !(textIsPlain && plain[n]) {
            result[n] = text.contains(names[n])
        }
        return result
    }

    /// Whether every character is plain (see the type's comment).
    static func isPlain(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D: return false                              // CR LF is one cluster
            case 0x00...0x2FF: continue                          // ASCII, Latin-1, Latin Extended, spacing modifiers
            case 0x2000, 0x2001, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F: return false
            case 0x20D0...0x20FF: return false                   // combining marks for symbols
            case 0x2126, 0x212A, 0x212B, 0x2329, 0x232A: return false  // Ω K Å 〈 〉: singleton decompositions
            case 0x2002...0x2BFF: continue                       // punctuation, letterlike, arrows, maths, shapes
            case 0x3000...0x3029, 0x3030...0x3098, 0x309B...0x30FF: continue  // CJK punctuation, kana
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: continue      // CJK ideographs
            case 0xE000...0xF8FF: continue                       // private use
            case 0xFF01...0xFF9D: continue                       // full-width and half-width forms
            default: return false
            }
        }
        return true
    }
}

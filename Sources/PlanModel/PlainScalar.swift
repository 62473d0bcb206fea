/// Scalars that are a grapheme cluster (a `Character`) on their own whatever stands beside
/// them, so that text made only of them can be cut and counted on UTF-8 bytes with the same
/// result as on Characters (which is several times slower).
public enum PlainScalar {
    /// Whether the scalar starting at byte `at` cannot extend the grapheme cluster before it
    /// and is not a prepend mark: ASCII other than CR/LF, Latin before the combining marks
    /// (below U+0300), general punctuation (“ ” — …), letterlike symbols, number forms,
    /// arrows, mathematical operators (≥ ≤), enclosed alphanumerics (①), shapes, and
    /// CJK/kana/fullwidth other than the tone marks U+302A–U+302F, the voiced marks
    /// U+3099/U+309A and the halfwidth voiced marks U+FF9E/U+FF9F (all of which join the
    /// character before them; `plainScalarsAreCharactersOfTheirOwn` checks every BMP scalar). (Not: ZWNJ/ZWJ U+200C/D, combining marks for symbols U+20D0–U+20FF,
    /// Hangul, anything outside the Basic Multilingual Plane.)
    public static func at(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        let b0 = bytes[at]
        if b0 < 0x80 { return b0 != 0x0D && b0 != 0x0A }
        if b0 & 0xE0 == 0xC0 {
            guard at + 1 < bytes.count else { return false }
            return (UInt32(b0 & 0x1F) << 6 | UInt32(bytes[at + 1] & 0x3F)) < 0x300
        }
        guard b0 & 0xF0 == 0xE0, at + 2 < bytes.count else { return false }
        let value = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[at + 1] & 0x3F) << 6) | UInt32(bytes[at + 2] & 0x3F)
        switch value {
        case 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x2BFF,
             0x3000...0x3029, 0x3030...0x3098, 0x309B...0x9FFF, 0xFF00...0xFF9D, 0xFFA0...0xFFEF: return true
        default: return false
        }
    }

    /// Bytes of the UTF-8 sequence that starts with `lead`.
    @inline(__always)
    public static func length(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }
}

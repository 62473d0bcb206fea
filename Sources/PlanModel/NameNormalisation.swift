import Foundation

/// The form in which department names (and their aliases) are compared: NFC, with every
/// space removed. The registry (ContentReader) stores names in this form and the resolver
/// (Linking) looks written names up in it, so both use this one function.
public enum NameNormalisation {
    public static func normalise(_ name: String) -> String {
        // Fast path: names made only of scalars that NFC leaves alone (no combining marks, no
        // singletons) need no Foundation round trip through UTF-16; only whitespace goes.
        var hasWhitespace = false
        for scalar in name.unicodeScalars {
            guard isNFCStable(scalar) else { return foundationNormalise(name) }
            if WhiteSpace.contains(scalar) { hasWhitespace = true }
        }
        guard hasWhitespace else { return name }
        var out = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where !WhiteSpace.contains(scalar) { out.append(scalar) }
        return String(out)
    }

    /// The reference implementation, used for every name with a scalar outside the fast path.
    static func foundationNormalise(_ name: String) -> String {
        name.precomposedStringWithCanonicalMapping.filter { !$0.isWhitespace }
    }

    /// Scalars that are unchanged by NFC whatever precedes or follows them: below U+0300
    /// (before the combining marks), CJK symbols and kana except the combining voiced marks
    /// U+3099/U+309A, CJK unified ideographs, and halfwidth/fullwidth forms. (Compatibility
    /// ideographs U+F900–U+FAFF, Hangul jamo and U+2000/U+2001 do change, so they are left
    /// to Foundation.)
    static func isNFCStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0x3000...0x3098, 0x309B...0x9FFF, 0xFF00...0xFFEF: return true
        default: return false
        }
    }
}

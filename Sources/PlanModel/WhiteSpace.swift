/// Unicode's White_Space property (`Unicode.Scalar.Properties.isWhitespace`, and what ICU's
/// `\s` matches) as a switch: the standard library looks the property up in its tables for
/// each scalar, which shows in a profile when every department name is normalised.
/// A test checks it against the property for every scalar.
public enum WhiteSpace {
    @inline(__always)
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}

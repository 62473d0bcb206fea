import Foundation
import PlanModel

/// Quick checks that spare Foundation's searches where they cannot find anything.
extension String {
    /// Whether the UTF-8 bytes of `needle` occur in the string's. Where they do not, neither a
    /// regular expression that needs `needle` nor Foundation's search for it can match (the
    /// needles used with it have no canonically equivalent spelling).
    func holdsBytes(_ needle: String) -> Bool {
        var copy = self
        let n = Array(needle.utf8)
        return copy.withUTF8 { ByteSearch.firstIndex(of: n, in: $0, from: 0) != nil }
    }

    /// `trimmingCharacters(in: .whitespaces)`, which is the string itself when neither end
    /// is whitespace.
    func trimmingWhitespaces() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last,
              CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last) else { return self }
        return trimmingCharacters(in: .whitespaces)
    }
}

import PlanModel

/// IDs become file names and URL parts: lower-case ASCII letters, digits and '-', so that
/// no ID can write outside Output/ or differ from another only by case.
public enum Identifiers {
    public static func isValid(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 64, first != "-" else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    static func check(_ id: String, what: String, at location: SourceLocation) -> Diagnostic? {
        if isValid(id) { return nil }
        return .error("invalid-id", at: location, "\(what) '\(id)' is not a valid ID",
                      hint: "use lower-case ASCII letters, digits and '-' (e.g. pm25, huzhou-2018); IDs become file names and URLs")
    }
}

/// A place in a content file. Lines and columns are 1-based and count characters, not bytes.
/// Held as 32-bit numbers (24 bytes a location instead of 32): every unit, indicator and
/// observation of a site keeps one from reading to the last page.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let path: String
    private let storedLine: Int32
    private let storedColumn: Int32

    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        storedLine = Int32(clamping: max(line, 1))
        storedColumn = Int32(clamping: max(column, 1))
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}

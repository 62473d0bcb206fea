/// Which link targets may reach a page.
public enum URLPolicy {
    static let dangerousSchemes = ["javascript:", "vbscript:", "data:", "file:"]

    /// True for URLs whose scheme can run code or read local files. Browsers ignore ASCII
    /// whitespace and control characters inside a scheme, so those are removed first.
    public static func isDangerous(_ url: String) -> Bool {
        let folded = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        return dangerousSchemes.contains { folded.hasPrefix($0) }
    }
}

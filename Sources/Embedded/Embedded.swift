import Foundation

/// What the plansite program carries with it, generated at build time from the checkout by
/// the EmbedDefaults plugin: the default templates (a site without a Templates/ folder is
/// built with them), the example content of `plansite init`, and the program's version.
public enum Embedded {
    /// A fingerprint of every file the program is built from (Sources/, Templates/,
    /// Package.swift, Package.resolved): a build by another plansite renders everything again.
    public static let programVersion: UInt64 = EmbeddedFiles.version

    /// Templates/ as it was when the program was built: file name → bytes.
    public static var templates: [String: Data] { decode(EmbeddedFiles.templates) }

    /// The example content (`Content/` of a new site): relative path → bytes.
    public static var exampleContent: [String: Data] { decode(EmbeddedFiles.example) }

    private static func decode(_ files: [(String, String)]) -> [String: Data] {
        Dictionary(files.map { ($0.0, Data(base64Encoded: $0.1)!) }, uniquingKeysWith: { a, _ in a })
    }
}

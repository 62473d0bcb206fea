import Fingerprint

/// A 64-bit digest of texts and numbers, each text ended by its length: `ContentHash` over
/// their UTF-8 bytes. The same in every process, unlike `Hasher`, and it hashes bytes as
/// they are: `String`'s own hashing brings non-ASCII text to NFC first, which is slow on a
/// plan's whole text.
public struct TextDigest: Sendable {
    private var stream = ContentHash.Stream()

    public init() {}

    public var value: UInt64 { stream.value }

    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { stream.add(UnsafeRawBufferPointer($0)) }
        add(text.utf8.count)
    }

    public mutating func add(_ number: Int) {
        withUnsafeBytes(of: Int64(number).littleEndian) { stream.add($0) }
    }
}

import Foundation

/// A fast 64-bit fingerprint of bytes, to tell whether a file changed between two builds
/// (not a cryptographic hash: nobody gains by forging a collision with their own content).
/// FNV-1a over 8-byte words, finished with MurmurHash3's fmix64; the length is mixed in.
public enum ContentHash {
    public static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes { of($0) }
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var stream = Stream()
        stream.add(bytes)
        return stream.value
    }

    /// The fingerprint of a file's bytes; nil when it cannot be read.
    public static func file(_ path: String) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return of(data)
    }

    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension ContentHash {
    /// The fingerprint computed over bytes that arrive in pieces (a file written as it is
    /// made): the same value however they are split; `of` is one piece.
    public struct Stream: Sendable {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325
        private var count = 0
        /// Bytes not yet making a whole 8-byte word, kept until the next piece (at most 7).
        private var pending: [UInt8] = []
        private static let prime: UInt64 = 0x0000_0100_0000_01b3

        public init() {}

        public mutating func add(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            var offset = 0
            if !pending.isEmpty {
                while pending.count < 8 && offset < bytes.count {
                    pending.append(bytes[offset])
                    offset += 1
                }
                guard pending.count == 8 else { return }
                pending.withUnsafeBytes { mix($0.loadUnaligned(as: UInt64.self)) }
                pending.removeAll(keepingCapacity: true)
            }
            while bytes.count - offset >= 8 {
                mix(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                offset += 8
            }
            pending.append(contentsOf: bytes[offset...])
        }

        private mutating func mix(_ word: UInt64) {
            h = (h ^ word) &* Self.prime
            h ^= h >> 29
        }

        /// The fingerprint of every byte added.
        public var value: UInt64 {
            var h = self.h
            for b in pending { h = (h ^ UInt64(b)) &* Self.prime }
            h ^= UInt64(count)
            h ^= h >> 33
            h &*= 0xff51_afd7_ed55_8ccd
            h ^= h >> 33
            h &*= 0xc4ce_b9fe_1a85_ec53
            h ^= h >> 33
            return h
        }
    }
}

import Foundation
import Testing
@testable import SiteOutput
import Fingerprint

/// Big files (open data, search index) are written in pieces as they are made.
@Suite struct StreamedFileTests {
    func tempDir() throws -> URL { try makeTemporaryDirectory("plansite-stream") }

    /// The fingerprint as it was computed in one piece before `ContentHash.of` became a
    /// one-piece `Stream` (FNV-1a over 8-byte words, fmix64): manifests keep their values.
    static func reference(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01b3
        let words = bytes.count / 8
        for i in 0..<words {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* prime
            h ^= h >> 29
        }
        for i in (words * 8)..<bytes.count { h = (h ^ UInt64(bytes[i])) &* prime }
        h ^= UInt64(bytes.count)
        h ^= h >> 33
        h &*= 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h &*= 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// Bytes in pieces of any sizes hash as the same bytes at once.
    @Test func streamingHashEqualsTheWholeHash() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 100, 1000] + (0..<50).map({ _ in Int.random(in: 0...5000, using: &generator) }) {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = bytes.withUnsafeBytes { Self.reference($0) }
            #expect(bytes.withUnsafeBytes { ContentHash.of($0) } == whole)
            var stream = ContentHash.Stream()
            var at = 0
            while at < bytes.count {
                let n = min(bytes.count - at, Int.random(in: 0...20, using: &generator))
                bytes[at..<(at + n)].withUnsafeBytes { stream.add($0) }
                at += n
            }
            #expect(stream.value == whole, "length \(length)")
        }
        var one = ContentHash.Stream()
        Array("ab".utf8).withUnsafeBytes { one.add($0) }
        #expect(one.value != ContentHash.of(Data("ba".utf8)))
    }

    @Test func aStreamedFileCannotLeaveTheOutputFolder() throws {
        let writer = try OutputWriter(destination: try tempDir().appendingPathComponent("Output").path)
        #expect(throws: OutputWriter.Failure.self) { _ = try writer.beginStream("../escape.csv") }
        writer.abort()
    }
}

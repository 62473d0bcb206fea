import Foundation

/// Somewhere bytes can be appended: a `[UInt8]` or a `ByteBuffer`.
protocol ByteSink {
    mutating func append(_ byte: UInt8)
    mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8
}

extension Array: ByteSink where Element == UInt8 {}

/// A growable byte buffer whose memory becomes a `Data` without a copy, or that hands its
/// bytes to a file as it fills (`init(drain:)`): the open data files and the search index
/// grow with the site and are not held whole.
final class ByteBuffer: ByteSink {
    private var base: UnsafeMutableRawPointer
    private var capacity: Int
    private(set) var count = 0
    /// Bytes already handed to `drain`.
    private var drained = 0
    /// Bytes appended since the start (where the next byte goes in the file being written).
    var offset: Int { drained + count }
    /// Where the bytes go whenever a piece of `pieceSize` is full (a file too big to hold),
    /// and the first error it threw (later pieces are dropped; `finish` throws it).
    private let drain: ((UnsafeRawBufferPointer) throws -> Void)?
    private var failure: Error?
    static let pieceSize = 1 << 20

    init(capacity: Int = 1 << 16) {
        self.capacity = capacity
        base = malloc(capacity)!
        drain = nil
    }

    /// A buffer that hands its bytes to `drain` in pieces of about `pieceSize` as they come;
    /// `finish` hands over the rest.
    init(drain: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        capacity = Self.pieceSize
        base = malloc(capacity)!
        self.drain = drain
    }

    /// Hands the bytes held to `drain` and throws the first error it threw.
    func finish() throws {
        flush()
        if let failure { throw failure }
    }

    private func flush() {
        guard let drain, count > 0 else { return }
        if failure == nil {
            do { try drain(UnsafeRawBufferPointer(start: base, count: count)) } catch { failure = error }
        }
        drained += count
        count = 0
    }

    deinit { free(base) }

    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        if drain != nil {
            flush()
            guard extra > capacity else { return }
        }
        capacity = max(capacity * 2, count + extra)
        base = realloc(base, capacity)!
    }

    func append(_ byte: UInt8) {
        reserve(1)
        base.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            guard let source = buffer.baseAddress, buffer.count > 0 else { return }
            reserve(buffer.count)
            (base + count).copyMemory(from: source, byteCount: buffer.count)
            count += buffer.count
        }
        if done == nil { for b in bytes { append(b) } }
    }

    func append(_ text: String) { append(contentsOf: text.utf8) }

    /// The bytes as `Data`, handing over the memory; the buffer is empty afterwards.
    func data() -> Data {
        let bytes = base
        let data = Data(bytesNoCopy: bytes, count: count, deallocator: .free)
        capacity = 1 << 8
        base = malloc(capacity)!
        count = 0
        return data
    }
}

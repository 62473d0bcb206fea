/// A compact binary form of model values, for the build's plan cache (Pipeline's
/// `PlanCache`): integers as LEB128 varints, strings once each in a table and then by index,
/// so that a decoded plan shares one storage per distinct string as a read one does (a
/// file's path is in every location of the file).
///
/// Decoding checks every length and index against the bytes: damaged input throws
/// `BinaryReader.Damaged`, it never traps or reads out of bounds.
package struct BinaryWriter {
    package private(set) var bytes: [UInt8] = []
    private var stringIndex: [String: Int] = [:]
    private var table: [String] = []

    package init() {}

    package mutating func int(_ value: Int) {
        // Zigzag, so that small negative numbers are short too.
        var v = UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1))))
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    package mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    package mutating func double(_ value: Double) { uint64(value.bitPattern) }

    /// A string, as an index into the table written by `finished()`.
    package mutating func string(_ value: String) {
        if let index = stringIndex[value] { int(index); return }
        stringIndex[value] = table.count
        int(table.count)
        table.append(value)
    }

    package mutating func optionalString(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    package mutating func strings(_ values: [String]) {
        int(values.count)
        for v in values { string(v) }
    }

    /// Raw bytes with their length (no table).
    package mutating func data(_ value: [UInt8]) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    package mutating func array<T>(_ values: [T], _ each: (inout BinaryWriter, T) -> Void) {
        int(values.count)
        for v in values { each(&self, v) }
    }

    /// The string table, then the values: what `BinaryReader` reads.
    package func finished() -> [UInt8] {
        var head = BinaryWriter()
        head.int(table.count)
        for s in table { head.data(Array(s.utf8)) }
        return head.bytes + bytes
    }
}

package struct BinaryReader {
    package struct Damaged: Error, CustomStringConvertible {
        package let offset: Int
        package init(offset: Int) { self.offset = offset }
        package var description: String { "damaged binary data at byte \(offset)" }
    }

    private let bytes: UnsafeRawBufferPointer
    private var offset = 0
    private var table: [String] = []

    /// Reads the string table; `bytes` must outlive the reader.
    package init(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes = bytes
        let count = try int()
        guard count >= 0, count <= bytes.count else { throw Damaged(offset: offset) }
        table.reserveCapacity(count)
        for _ in 0..<count {
            let length = try self.length()
            table.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)]), as: UTF8.self))
            offset += length
        }
    }

    package var isAtEnd: Bool { offset == bytes.count }

    /// The error for a value that was read whole but cannot be what was written.
    package var damaged: Damaged { Damaged(offset: offset) }

    package mutating func int() throws -> Int {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw Damaged(offset: offset) }
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        // Zigzag back: a logical shift, then the sign from the lowest bit.
        return Int(Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1))))
    }

    /// A count or length: not negative and not more than the bytes left.
    package mutating func length() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - offset else { throw Damaged(offset: offset) }
        return n
    }

    package mutating func bool() throws -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Damaged(offset: offset) }
        offset += 1
        return bytes[offset - 1] == 1
    }

    package mutating func uint64() throws -> UInt64 {
        guard bytes.count - offset >= 8 else { throw Damaged(offset: offset) }
        let v = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        offset += 8
        return UInt64(littleEndian: v)
    }

    package mutating func double() throws -> Double { Double(bitPattern: try uint64()) }

    package mutating func string() throws -> String {
        let i = try int()
        guard i >= 0, i < table.count else { throw Damaged(offset: offset) }
        return table[i]
    }

    package mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    /// Raw bytes written by `BinaryWriter.data`.
    package mutating func data() throws -> [UInt8] {
        let n = try length()
        defer { offset += n }
        return Array(bytes[offset..<(offset + n)])
    }

    package mutating func strings() throws -> [String] {
        try array { try $0.string() }
    }

    package mutating func array<T>(_ each: (inout BinaryReader) throws -> T) throws -> [T] {
        let n = try length()   // every element takes at least one byte
        var result: [T] = []
        result.reserveCapacity(n)
        for _ in 0..<n { result.append(try each(&self)) }
        return result
    }

    /// A value that must be one of `cases` (an enum's raw values, by position).
    package mutating func choice<T>(_ cases: [T]) throws -> T {
        let i = try int()
        guard i >= 0, i < cases.count else { throw Damaged(offset: offset) }
        return cases[i]
    }
}

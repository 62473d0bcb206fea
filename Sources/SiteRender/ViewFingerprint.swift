import Fingerprint
import Foundation

/// The fingerprint of a page's view (the structs of Views.swift), so that an incremental build
/// can tell that a page would come out as before without rendering it: with the same templates
/// and the same plansite (both in `key`), a page is a function of its view.
///
/// The views are `Encodable` with the conformance Swift writes for them, so no stored property
/// can be left out; this encoder writes each value into one byte string with a tag before
/// every value and around every nested one (so no two different views give the same bytes),
/// and hashes it. Dictionaries are written in key order: Swift's iteration order differs from
/// one process to the next.
enum ViewFingerprint {
    static func of<View: Encodable>(_ view: View, template: String, key: UInt64) -> UInt64 {
        let encoder = HashingEncoder()
        encoder.sink.int(Int64(bitPattern: key))
        encoder.sink.string(template)
        do {
            try view.encode(to: encoder)
        } catch {
            return 0   // not reached: nothing here throws; 0 means "render it"
        }
        let value = encoder.sink.bytes.withUnsafeBytes { ContentHash.of($0) }
        return value == 0 ? 1 : value
    }
}

/// The bytes the encoder writes into.
final class FingerprintSink {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    enum Tag: UInt8 {
        case key = 1, element, begin, end, string, int, bool, null, double
    }

    func tag(_ tag: Tag) { bytes.append(tag.rawValue) }

    func length(_ n: Int) {
        var v = UInt64(n)
        repeat {
            bytes.append(UInt8(v & 0x7F) | (v > 0x7F ? 0x80 : 0))
            v >>= 7
        } while v != 0
    }

    func raw(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            length(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    func string(_ text: String) {
        tag(.string)
        raw(text)
    }

    func int(_ value: Int64) {
        tag(.int)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func bool(_ value: Bool) {
        tag(.bool)
        bytes.append(value ? 1 : 0)
    }

    func double(_ value: Double) {
        tag(.double)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A nested value between `begin` and `end`; a `[String: String]` in key order.
    func nested<T: Encodable>(_ value: T, _ encoder: HashingEncoder) throws {
        tag(.begin)
        if T.self == [String: String].self {
            let dictionary = value as! [String: String]
            for key in dictionary.keys.sorted() {
                tag(.key)
                raw(key)
                string(dictionary[key]!)
            }
        } else {
            try value.encode(to: encoder)
        }
        tag(.end)
    }
}

final class HashingEncoder: Encoder {
    let sink = FingerprintSink()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(Keyed<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(encoder: self) }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(encoder: self) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: HashingEncoder
        var codingPath: [any CodingKey] { [] }
        var sink: FingerprintSink { encoder.sink }

        func key(_ key: Key) {
            sink.tag(.key)
            sink.raw(key.stringValue)
        }

        mutating func encodeNil(forKey key: Key) throws { self.key(key); sink.tag(.null) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { self.key(key); sink.bool(value) }
        mutating func encode(_ value: String, forKey key: Key) throws { self.key(key); sink.string(value) }
        mutating func encode(_ value: Double, forKey key: Key) throws { self.key(key); sink.double(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { self.key(key); sink.double(Double(value)) }
        mutating func encode(_ value: Int, forKey key: Key) throws { self.key(key); sink.int(Int64(value)) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { self.key(key); sink.int(Int64(value)) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { self.key(key); sink.int(Int64(value)) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { self.key(key); sink.int(Int64(value)) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { self.key(key); sink.int(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { self.key(key); sink.int(Int64(bitPattern: UInt64(value))) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { self.key(key); sink.int(Int64(value)) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { self.key(key); sink.int(Int64(value)) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { self.key(key); sink.int(Int64(value)) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { self.key(key); sink.int(Int64(bitPattern: value)) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { self.key(key); try sink.nested(value, encoder) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            self.key(key)
            return encoder.container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            self.key(key)
            return encoder.unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { encoder }
        mutating func superEncoder(forKey key: Key) -> any Encoder { self.key(key); return encoder }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let encoder: HashingEncoder
        var codingPath: [any CodingKey] { [] }
        private(set) var count = 0
        var sink: FingerprintSink { encoder.sink }

        init(encoder: HashingEncoder) { self.encoder = encoder }

        mutating func element() {
            count += 1
            sink.tag(.element)
        }

        mutating func encodeNil() throws { element(); sink.tag(.null) }
        mutating func encode(_ value: Bool) throws { element(); sink.bool(value) }
        mutating func encode(_ value: String) throws { element(); sink.string(value) }
        mutating func encode(_ value: Double) throws { element(); sink.double(value) }
        mutating func encode(_ value: Float) throws { element(); sink.double(Double(value)) }
        mutating func encode(_ value: Int) throws { element(); sink.int(Int64(value)) }
        mutating func encode(_ value: Int8) throws { element(); sink.int(Int64(value)) }
        mutating func encode(_ value: Int16) throws { element(); sink.int(Int64(value)) }
        mutating func encode(_ value: Int32) throws { element(); sink.int(Int64(value)) }
        mutating func encode(_ value: Int64) throws { element(); sink.int(value) }
        mutating func encode(_ value: UInt) throws { element(); sink.int(Int64(bitPattern: UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { element(); sink.int(Int64(value)) }
        mutating func encode(_ value: UInt16) throws { element(); sink.int(Int64(value)) }
        mutating func encode(_ value: UInt32) throws { element(); sink.int(Int64(value)) }
        mutating func encode(_ value: UInt64) throws { element(); sink.int(Int64(bitPattern: value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { element(); try sink.nested(value, encoder) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            element()
            return encoder.container(keyedBy: keyType)
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            element()
            return encoder.unkeyedContainer()
        }
        mutating func superEncoder() -> any Encoder { element(); return encoder }
    }

    struct Single: SingleValueEncodingContainer {
        let encoder: HashingEncoder
        var codingPath: [any CodingKey] { [] }
        var sink: FingerprintSink { encoder.sink }

        mutating func encodeNil() throws { sink.tag(.null) }
        mutating func encode(_ value: Bool) throws { sink.bool(value) }
        mutating func encode(_ value: String) throws { sink.string(value) }
        mutating func encode(_ value: Double) throws { sink.double(value) }
        mutating func encode(_ value: Float) throws { sink.double(Double(value)) }
        mutating func encode(_ value: Int) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Int8) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Int16) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Int32) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: Int64) throws { sink.int(value) }
        mutating func encode(_ value: UInt) throws { sink.int(Int64(bitPattern: UInt64(value))) }
        mutating func encode(_ value: UInt8) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: UInt16) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: UInt32) throws { sink.int(Int64(value)) }
        mutating func encode(_ value: UInt64) throws { sink.int(Int64(bitPattern: value)) }
        mutating func encode<T: Encodable>(_ value: T) throws { try sink.nested(value, encoder) }
    }
}

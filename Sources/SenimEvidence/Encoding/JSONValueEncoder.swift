import Foundation
import SenimCrypto

/// Encodes any `Encodable` straight into a ``JSONValue``, without Foundation's JSONEncoder and a second parse:
/// the audit log encodes every event this way inside the store's write transaction, so its cost is a command's
/// cost. It follows what JSONEncoder would write (omitted nil members, dates as ``CanonicalJSON/timestamp(_:)``
/// text, `Data` as base64) and refuses floating-point numbers, as evidence JSON carries integers only.
enum JSONValueEncoder {
    static func encode<Value: Encodable>(_ value: Value) throws(CanonicalJSONError) -> JSONValue {
        let root = Slot()
        do { try EncoderState(slot: root, codingPath: []).encodeValue(value) } catch let error as CanonicalJSONError {
            throw error
        } catch {
            throw .malformed("\(DecodingErrorText.sentence(error))")
        }
        return root.value
    }
}

/// A place a value is written to; containers fill theirs in place as members arrive.
private final class Slot {
    var scalar: JSONValue?
    var members: [String: Slot]?
    var items: [Slot]?

    var value: JSONValue {
        if let scalar { return scalar }
        if let items { return .array(items.map(\.value)) }
        return .object((members ?? [:]).mapValues(\.value))
    }

    func member(_ key: String) -> Slot {
        let slot = Slot()
        if members == nil { members = [:] }
        members?[key] = slot
        return slot
    }

    func appendItem() -> Slot {
        let slot = Slot()
        if items == nil { items = [] }
        items?.append(slot)
        return slot
    }

    func set(_ value: JSONValue) { scalar = value }
    func becomeObject() { if members == nil { members = [:] } }
    func becomeArray() { if items == nil { items = [] } }
}

private struct EncoderState: Encoder {
    let slot: Slot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        slot.becomeObject()
        return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        slot.becomeArray()
        return Unkeyed(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }

    /// The special cases JSONEncoder has, then the value's own encoding.
    func encodeValue<Value: Encodable>(_ value: Value) throws {
        switch value {
        case let date as Date: slot.set(.string(CanonicalJSON.timestamp(date)))
        case let data as Data: slot.set(.string(data.base64EncodedString()))
        case let url as URL: slot.set(.string(url.absoluteString))
        default: try value.encode(to: self)
        }
    }
}

private func integer<T: BinaryInteger>(_ value: T, _ path: [any CodingKey]) throws -> JSONValue {
    guard let exact = Int64(exactly: value) else {
        throw CanonicalJSONError.malformed("\(value) does not fit a 64-bit integer at \(path.map(\.stringValue))")
    }
    return .integer(exact)
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [any CodingKey]

    private func put(_ value: JSONValue, _ key: Key) { slot.member(key.stringValue).set(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { throw CanonicalJSONError.floatingPoint("\(value)") }
    mutating func encode(_ value: Float, forKey key: Key) throws { throw CanonicalJSONError.floatingPoint("\(value)") }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(try integer(value, codingPath + [key]), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try EncoderState(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<
        NestedKey
    > {
        let nested = slot.member(key.stringValue)
        nested.becomeObject()
        return KeyedEncodingContainer(Keyed<NestedKey>(slot: nested, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = slot.member(key.stringValue)
        nested.becomeArray()
        return Unkeyed(slot: nested, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { EncoderState(slot: slot.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        EncoderState(slot: slot.member(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]
    var count: Int { slot.items?.count ?? 0 }

    private func put(_ value: JSONValue) { slot.appendItem().set(value) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { throw CanonicalJSONError.floatingPoint("\(value)") }
    mutating func encode(_ value: Float) throws { throw CanonicalJSONError.floatingPoint("\(value)") }
    mutating func encode(_ value: Int) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: Int8) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: Int16) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: Int32) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt8) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt16) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt32) throws { put(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt64) throws { put(try integer(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try EncoderState(slot: slot.appendItem(), codingPath: codingPath).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = slot.appendItem()
        nested.becomeObject()
        return KeyedEncodingContainer(Keyed<NestedKey>(slot: nested, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = slot.appendItem()
        nested.becomeArray()
        return Unkeyed(slot: nested, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { EncoderState(slot: slot.appendItem(), codingPath: codingPath) }
}

private struct Single: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.set(.string(value)) }
    mutating func encode(_ value: Double) throws { throw CanonicalJSONError.floatingPoint("\(value)") }
    mutating func encode(_ value: Float) throws { throw CanonicalJSONError.floatingPoint("\(value)") }
    mutating func encode(_ value: Int) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: Int8) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: Int16) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: Int32) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: Int64) throws { slot.set(.integer(value)) }
    mutating func encode(_ value: UInt) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt8) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt16) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt32) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode(_ value: UInt64) throws { slot.set(try integer(value, codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try EncoderState(slot: slot, codingPath: codingPath).encodeValue(value) }
}

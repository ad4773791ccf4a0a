import Foundation

/// A type whose JSON schema is stated rather than discovered: an enum's cases, a string the type validates
/// (a phone number, an IIN), a bit set. Its placeholder is a valid value, so discovering a type that holds it
/// never fails the type's own checks.
protocol OpenAPISchemaStated: Decodable {
    static var openAPISchema: [String: Any] { get }
    static var schemaPlaceholder: Self? { get }
}

/// A string enum in the API: its schema lists its cases.
protocol OpenAPIEnum: OpenAPISchemaStated, RawRepresentable<String> {
    static var openAPICases: [Self] { get }
}

extension OpenAPIEnum {
    static var openAPISchema: [String: Any] { ["type": "string", "enum": openAPICases.map(\.rawValue)] }
    static var schemaPlaceholder: Self? { openAPICases.first }
}

extension OpenAPIEnum where Self: CaseIterable {
    static var openAPICases: [Self] { Array(allCases) }
}

/// The JSON schemas of the API's request and response types, discovered from their `Decodable` conformance:
/// each type is decoded once by ``SchemaDecoder``, which records every key the type asks for (required unless
/// asked with `decodeIfPresent`, which is how an optional property decodes) and the schema of its value. So the
/// OpenAPI document describes the very types the routes decode and encode, and a property added to one is in
/// the document at once. Object types become named components (`#/components/schemas/…`).
final class OpenAPISchemas {
    private(set) var components: [String: [String: Any]] = [:]
    private var names: [ObjectIdentifier: String] = [:]

    /// The schema of `type`: inline for strings, numbers, arrays and stated types; a reference for objects.
    func schema(for type: any Decodable.Type) -> [String: Any] {
        if let stated = type as? any OpenAPISchemaStated.Type { return stated.openAPISchema }
        switch type {
        case is String.Type: return ["type": "string"]
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt64.Type: return ["type": "integer"]
        case is Double.Type, is Float.Type: return ["type": "number"]
        case is Bool.Type: return ["type": "boolean"]
        case is Date.Type: return ["type": "string", "format": "date-time"]
        case is URL.Type: return ["type": "string", "format": "uri"]
        case is Data.Type: return ["type": "string", "contentEncoding": "base64"]
        default: break
        }
        if let wrapped = type as? any OptionalSchema.Type { return schema(for: wrapped.wrappedType) }
        if let array = type as? any ArraySchema.Type { return ["type": "array", "items": schema(for: array.elementType)] }
        return reference(to: type)
    }

    private func reference(to type: any Decodable.Type) -> [String: Any] {
        let key = ObjectIdentifier(type)
        if let name = names[key] { return ["$ref": "#/components/schemas/\(name)"] }
        let name = componentName(type)
        names[key] = name
        components[name] = [:] // a type that holds itself finds its reference
        let recorder = SchemaRecorder(schemas: self)
        _ = try? type.init(from: SchemaDecoder(recorder: recorder))
        components[name] = recorder.objectSchema(title: name)
        return ["$ref": "#/components/schemas/\(name)"]
    }

    /// The type's name without its module; nested types keep their parent (`DocumentController.SignerBody` →
    /// `SignerBody`, unless another type has that name: then `DocumentControllerSignerBody`).
    private func componentName(_ type: any Decodable.Type) -> String {
        let short = String(describing: type)
        guard components[short] != nil else { return short }
        let path = String(reflecting: type).split(separator: ".").dropFirst()
        return path.joined()
    }
}

/// Lets the schema see through `Optional` and `Array` (whose own `Decodable` code would otherwise be read).
protocol OptionalSchema { static var wrappedType: any Decodable.Type { get } }
extension Optional: OptionalSchema where Wrapped: Decodable { static var wrappedType: any Decodable.Type { Wrapped.self } }
protocol ArraySchema { static var elementType: any Decodable.Type { get } }
extension Array: ArraySchema where Element: Decodable { static var elementType: any Decodable.Type { Element.self } }

/// What one object type asked for while being decoded.
final class SchemaRecorder {
    let schemas: OpenAPISchemas
    var properties: [String: [String: Any]] = [:]
    var required: [String] = []
    /// The type decoded a single value (a wrapper around one string, say): its schema is that value's.
    var single: [String: Any]?

    init(schemas: OpenAPISchemas) { self.schemas = schemas }

    func objectSchema(title: String) -> [String: Any] {
        if let single { return single }
        var schema: [String: Any] = ["type": "object", "title": title, "properties": properties]
        if !required.isEmpty { schema["required"] = required }
        return schema
    }
}

/// A `Decoder` that records the shape a type asks for and hands it placeholder values (``SchemaPlaceholder``).
struct SchemaDecoder: Decoder {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedSchemaContainer<Key>(recorder: recorder))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { UnkeyedSchemaContainer(recorder: recorder) }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleSchemaContainer(recorder: recorder) }
}

enum SchemaPlaceholder {
    struct Unavailable: Error {}

    /// A value of `type` to return from a decode call: a stated type's own placeholder, a primitive's zero, or
    /// the type decoded by a fresh ``SchemaDecoder`` (its schema is recorded by ``OpenAPISchemas`` separately).
    static func value<T: Decodable>(_ type: T.Type, _ schemas: OpenAPISchemas) throws -> T {
        if let stated = type as? any OpenAPISchemaStated.Type {
            guard let value = stated.schemaPlaceholder as? T else { throw Unavailable() }
            return value
        }
        let zero: Any? =
            switch type {
            case is String.Type: ""
            case is Int.Type: 0
            case is Int64.Type: Int64(0)
            case is Int32.Type: Int32(0)
            case is UInt64.Type: UInt64(0)
            case is Double.Type: 0.0
            case is Float.Type: Float(0)
            case is Bool.Type: false
            case is Date.Type: Date(timeIntervalSince1970: 0)
            case is URL.Type: URL(string: "https://example.org")
            case is Data.Type: Data()
            default: nil
            }
        if let zero {
            guard let value = zero as? T else { throw Unavailable() }
            return value
        }
        return try T(from: SchemaDecoder(recorder: SchemaRecorder(schemas: schemas)))
    }
}

struct KeyedSchemaContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { false }

    /// Records the key (required, or not: `decodeIfPresent`) and its schema; a required key gets a placeholder.
    private func required<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        recorder.properties[key.stringValue] = recorder.schemas.schema(for: type)
        if !recorder.required.contains(key.stringValue) { recorder.required.append(key.stringValue) }
        return try SchemaPlaceholder.value(type, recorder.schemas)
    }

    private func optional<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        recorder.properties[key.stringValue] = recorder.schemas.schema(for: type)
        return nil
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try required(type, key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { optional(type, key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try required(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try required(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try required(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try required(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try required(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try required(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try required(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try required(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try required(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try required(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try required(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try required(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try required(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try required(type, key) }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { optional(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { optional(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { optional(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { optional(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { optional(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { optional(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { optional(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { optional(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { optional(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { optional(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedSchemaContainer<NestedKey>(recorder: SchemaRecorder(schemas: recorder.schemas)))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedSchemaContainer(recorder: SchemaRecorder(schemas: recorder.schemas))
    }
    func superDecoder() throws -> any Decoder { SchemaDecoder(recorder: recorder) }
    func superDecoder(forKey key: Key) throws -> any Decoder { SchemaDecoder(recorder: SchemaRecorder(schemas: recorder.schemas)) }
}

/// Arrays decode as empty: their element schema comes from ``ArraySchema``.
struct UnkeyedSchemaContainer: UnkeyedDecodingContainer {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] = []
    var count: Int? { 0 }
    var isAtEnd: Bool { true }
    var currentIndex: Int { 0 }

    mutating func decodeNil() throws -> Bool { false }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: String.Type) throws -> String { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Double.Type) throws -> Double { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Float.Type) throws -> Float { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Int.Type) throws -> Int { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try SchemaPlaceholder.value(type, recorder.schemas) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(KeyedSchemaContainer<NestedKey>(recorder: SchemaRecorder(schemas: recorder.schemas)))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { self }
    mutating func superDecoder() throws -> any Decoder { SchemaDecoder(recorder: SchemaRecorder(schemas: recorder.schemas)) }
}

/// A type that decodes one value (a wrapper): that value's schema is the type's.
struct SingleSchemaContainer: SingleValueDecodingContainer {
    let recorder: SchemaRecorder
    var codingPath: [any CodingKey] = []

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decode(generic: type) }
    func decode(_ type: Bool.Type) throws -> Bool { try decode(generic: type) }
    func decode(_ type: String.Type) throws -> String { try decode(generic: type) }
    func decode(_ type: Double.Type) throws -> Double { try decode(generic: type) }
    func decode(_ type: Float.Type) throws -> Float { try decode(generic: type) }
    func decode(_ type: Int.Type) throws -> Int { try decode(generic: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(generic: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(generic: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(generic: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(generic: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(generic: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(generic: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(generic: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(generic: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(generic: type) }

    private func decode<T: Decodable>(generic type: T.Type) throws -> T {
        recorder.single = recorder.schemas.schema(for: type)
        return try SchemaPlaceholder.value(type, recorder.schemas)
    }
}

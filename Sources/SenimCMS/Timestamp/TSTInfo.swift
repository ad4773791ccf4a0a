import Foundation
import SenimCrypto
import SenimPKI
import SwiftASN1

/// `TSTInfo` (RFC 3161 §2.4.2): what a time-stamping authority asserts, the eContent of a TimeStampToken.
public struct TSTInfo: Sendable, Hashable {
    /// `Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] (1..999) OPTIONAL, micros [1] (1..999) OPTIONAL }`.
    public struct Accuracy: Sendable, Hashable, CustomStringConvertible {
        public let seconds: Int
        public let milliseconds: Int
        public let microseconds: Int
        public init(seconds: Int, milliseconds: Int = 0, microseconds: Int = 0) {
            self.seconds = seconds
            self.milliseconds = milliseconds
            self.microseconds = microseconds
        }
        public var timeInterval: TimeInterval { Double(seconds) + Double(milliseconds) / 1e3 + Double(microseconds) / 1e6 }
        public var description: String { String(format: "±%.6fs", timeInterval) }
    }

    public let version: Int
    public let policy: ASN1ObjectIdentifier
    public let imprintAlgorithm: DigestAlgorithm
    public let messageImprint: [UInt8]
    /// The serial's content bytes, any sign: NCA's production TSA issues negative serials (docs/kazakh-eds.md §1.7).
    public let serialNumber: [UInt8]
    public let genTime: Date
    public let accuracy: Accuracy?
    public let ordering: Bool
    /// The nonce's content bytes (an INTEGER of up to 160 bits, so not an Int).
    public let nonce: [UInt8]?
    public let tsaName: GeneralName?
    public let derEncoded: [UInt8]

    public init(derEncoded bytes: [UInt8]) throws(CMSError) {
        do {
            let root = try BER.parse(bytes)
            var nodes = try BERReading.children(root, .sequence, "TSTInfo").makeIterator()
            func next(_ what: String) throws -> ASN1Node {
                guard let node = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "TSTInfo without \(what)") }
                return node
            }
            version = try Int(berEncoded: try next("version"))
            guard version == 1 else { throw ASN1Error.invalidASN1Object(reason: "TSTInfo version \(version)") }
            policy = try ASN1ObjectIdentifier(berEncoded: try next("policy"))
            var imprint = try BERReading.children(try next("messageImprint"), .sequence, "MessageImprint").makeIterator()
            guard let algorithmNode = imprint.next(), let hashNode = imprint.next(), imprint.next() == nil else {
                throw ASN1Error.invalidASN1Object(reason: "MessageImprint needs hashAlgorithm and hashedMessage")
            }
            imprintAlgorithm = try DigestAlgorithm(objectIdentifier: try AlgorithmIdentifier(berEncoded: algorithmNode).algorithm)
            messageImprint = try BERReading.octets(hashNode)
            guard messageImprint.count == imprintAlgorithm.digestByteCount else {
                throw ASN1Error.invalidASN1Object(
                    reason: "messageImprint of \(messageImprint.count) bytes for \(imprintAlgorithm.rawValue)")
            }
            serialNumber = try BERReading.integerBytes(try next("serialNumber"))
            genTime = try ASN1Time.date(from: try next("genTime"))

            var accuracy: Accuracy?
            var ordering = false
            var nonce: [UInt8]?
            var tsaName: GeneralName?
            while let node = nodes.next() {
                switch node.identifier {
                case .sequence where accuracy == nil && nonce == nil:
                    var seconds = 0
                    var millis = 0
                    var micros = 0
                    for part in try BERReading.children(node, .sequence, "Accuracy") {
                        switch part.identifier {
                        case .integer: seconds = try Int(berEncoded: part)
                        case BERReading.tag(0): millis = try Int(berEncoded: part, withIdentifier: part.identifier)
                        case BERReading.tag(1): micros = try Int(berEncoded: part, withIdentifier: part.identifier)
                        default: throw ASN1Error.unexpectedFieldType(part.identifier)
                        }
                    }
                    guard seconds >= 0, (0...999).contains(millis), (0...999).contains(micros) else {
                        throw ASN1Error.invalidASN1Object(reason: "accuracy out of range")
                    }
                    accuracy = Accuracy(seconds: seconds, milliseconds: millis, microseconds: micros)
                case .boolean:
                    ordering = try Bool(berEncoded: node)
                case .integer:
                    nonce = try BERReading.integerBytes(node)
                case BERReading.tag(0):
                    var inner = try BERReading.children(node, BERReading.tag(0), "tsa").makeIterator()
                    guard let name = inner.next() else { throw ASN1Error.invalidASN1Object(reason: "empty tsa") }
                    tsaName = try GeneralName(derEncoded: name)
                case BERReading.tag(1):
                    break // extensions: none are defined that change verification
                default:
                    throw ASN1Error.unexpectedFieldType(node.identifier)
                }
            }
            self.accuracy = accuracy
            self.ordering = ordering
            self.nonce = nonce
            self.tsaName = tsaName
            derEncoded = Array(root.encodedBytes)
        } catch let error as CMSError {
            throw error
        } catch let error as SenimCryptoError {
            throw .unsupportedAlgorithm(error.description)
        } catch {
            throw .malformed("TSTInfo: \(DecodingErrorText.sentence(error))")
        }
    }

    /// The serial as signed hex, e.g. `-5e84…` for a negative INTEGER.
    public var serialNumberDescription: String {
        guard let first = serialNumber.first, first & 0x80 != 0 else { return Hex.encode(serialNumber) }
        // Two's complement negation of the content bytes.
        var magnitude = serialNumber.map { ~$0 }
        var carry: UInt16 = 1
        for index in magnitude.indices.reversed() {
            let sum = UInt16(magnitude[index]) + carry
            magnitude[index] = UInt8(truncatingIfNeeded: sum)
            carry = sum >> 8
        }
        return "-" + Hex.encode(Array(magnitude.drop(while: { $0 == 0 })))
    }
}

import Foundation
import SenimCrypto
import SwiftASN1

/// An OCSP response (RFC 6960 §4.2) with its BasicOCSPResponse, keeping the exact ResponseData bytes the
/// responder signed. (NCANode never checks that signature; we do, in revocation checking.)
public struct OCSPResponse: Sendable {
    /// `OCSPResponseStatus`.
    public enum Status: Int, Sendable, Codable {
        case successful = 0
        case malformedRequest = 1
        case internalError = 2
        case tryLater = 3
        case signatureRequired = 5
        case unauthorized = 6
    }

    public enum ResponderID: Sendable, Hashable {
        case byName(DistinguishedName)
        /// SHA-1 of the responder's public key BIT STRING contents.
        case byKeyHash([UInt8])
    }

    public enum CertificateStatus: Sendable, Hashable {
        case good
        case revoked(at: Date, reason: RevocationReason?)
        case unknown
    }

    /// `CertID` and the status the responder gives for it.
    public struct SingleResponse: Sendable, Hashable {
        public let hashAlgorithm: DigestAlgorithm
        public let issuerNameHash: [UInt8]
        public let issuerKeyHash: [UInt8]
        public let serialNumber: [UInt8]
        public let status: CertificateStatus
        public let thisUpdate: Date
        public let nextUpdate: Date?
    }

    public let derEncoded: [UInt8]
    public let status: Status
    /// Present when `status == .successful`.
    public let responseDataBytes: [UInt8]
    public let responderID: ResponderID?
    public let producedAt: Date?
    public let responses: [SingleResponse]
    public let nonce: [UInt8]?
    public let signatureAlgorithm: AlgorithmIdentifier?
    public let signature: [UInt8]
    /// Certificates the responder included (its own, and possibly its chain).
    public let certificates: [Certificate]

    static let basicResponseType: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 1]
    static let nonceExtension: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 48, 1, 2]

    /// DER, base64 of DER (as NCANode and logs carry it), or PEM.
    public init(bytes: [UInt8]) throws(PKIError) {
        try self.init(derEncoded: try DERInput.decode(bytes, pemLabels: ["OCSP RESPONSE"]))
    }

    public init(derEncoded bytes: [UInt8]) throws(PKIError) {
        do {
            let root = try DER.parse(bytes)
            derEncoded = Array(root.encodedBytes)
            let (statusCode, basicBytes): (Int, [UInt8]?) = try DER.sequence(root, identifier: .sequence) { nodes in
                guard let statusNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no responseStatus") }
                let code = try Int(derEncoded: statusNode, withIdentifier: ASN1Identifier(tagWithNumber: 10, tagClass: .universal))
                let basic = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { responseBytes in
                    try DER.sequence(responseBytes, identifier: .sequence) { fields -> [UInt8] in
                        let type = try ASN1ObjectIdentifier(derEncoded: &fields)
                        guard type == OCSPResponse.basicResponseType else {
                            throw ASN1Error.invalidASN1Object(reason: "unsupported OCSP response type \(type)")
                        }
                        return Array(try ASN1OctetString(derEncoded: &fields).bytes)
                    }
                }
                return (code, basic)
            }
            guard let status = Status(rawValue: statusCode) else { throw ASN1Error.invalidASN1Object(reason: "OCSP status \(statusCode)") }
            self.status = status
            guard let basicBytes else {
                guard status != .successful else { throw ASN1Error.invalidASN1Object(reason: "successful response without responseBytes") }
                (responseDataBytes, responderID, producedAt, responses, nonce, signatureAlgorithm, signature, certificates) =
                    ([], nil, nil, [], nil, nil, [], [])
                return
            }
            var basic: (ASN1Node, AlgorithmIdentifier, [UInt8], [Certificate])?
            let basicRoot = try DER.parse(basicBytes)
            try DER.sequence(basicRoot, identifier: .sequence) { nodes in
                guard let data = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no ResponseData") }
                let algorithm = try AlgorithmIdentifier(derEncoded: &nodes)
                let signatureBits = try ASN1BitString(derEncoded: &nodes)
                let certificates =
                    try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { list in
                        try DERSequenceElements.of(list).map { node throws -> Certificate in
                            try Certificate(derEncoded: Array(node.encodedBytes))
                        }
                    } ?? []
                basic = (data, algorithm, Array(signatureBits.bytes), certificates)
            }
            guard let (data, algorithm, signatureValue, certificates) = basic else {
                throw ASN1Error.invalidASN1Object(reason: "empty BasicOCSPResponse")
            }
            responseDataBytes = Array(data.encodedBytes)
            signatureAlgorithm = algorithm
            signature = signatureValue
            self.certificates = certificates

            var fields: (ResponderID, Date, [SingleResponse], [UInt8]?)?
            try DER.sequence(data, identifier: .sequence) { nodes in
                let version =
                    try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { try Int(derEncoded: $0) } ?? 0
                guard version == 0 else { throw ASN1Error.invalidASN1Object(reason: "ResponseData version \(version + 1)") }
                guard let responderNode = nodes.next(), responderNode.identifier.tagClass == .contextSpecific else {
                    throw ASN1Error.invalidASN1Object(reason: "no ResponderID")
                }
                let responder: ResponderID
                switch responderNode.identifier.tagNumber {
                case 1:
                    responder = .byName(
                        try DER.explicitlyTagged(responderNode, tagNumber: 1, tagClass: .contextSpecific) {
                            try DistinguishedName(derEncoded: $0)
                        })
                case 2:
                    responder = .byKeyHash(
                        try DER.explicitlyTagged(responderNode, tagNumber: 2, tagClass: .contextSpecific) {
                            Array(try ASN1OctetString(derEncoded: $0).bytes)
                        })
                default: throw ASN1Error.unexpectedFieldType(responderNode.identifier)
                }
                guard let producedNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no producedAt") }
                let produced = try ASN1Time.date(from: producedNode)
                guard let responsesNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no responses") }
                let singles = try DERSequenceElements.of(responsesNode).map(Self.singleResponse)
                var nonce: [UInt8]?
                if let extensionsNode = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific, { $0 }) {
                    let list = try CertificateExtensions(sequence: extensionsNode)
                    if let item = list[OCSPResponse.nonceExtension] {
                        // RFC 8954: the value is an OCTET STRING holding the nonce; some responders omit the wrapper.
                        nonce = (try? ASN1OctetString(derEncoded: item.value)).map { Array($0.bytes) } ?? item.value
                    }
                }
                fields = (responder, produced, singles, nonce)
            }
            guard let fields else { throw ASN1Error.invalidASN1Object(reason: "empty ResponseData") }
            (responderID, producedAt, responses, nonce) = (fields.0, fields.1, fields.2, fields.3)
        } catch let error as PKIError {
            throw error
        } catch {
            throw .malformedEncoding(what: "OCSP response", reason: "\(DecodingErrorText.sentence(error))")
        }
    }

    private static func singleResponse(_ node: ASN1Node) throws -> SingleResponse {
        try DER.sequence(node, identifier: .sequence) { nodes in
            let (hash, nameHash, keyHash, serial) = try DER.sequence(nodes.next() ?? node, identifier: .sequence) { id in
                (
                    try AlgorithmIdentifier(derEncoded: &id), Array(try ASN1OctetString(derEncoded: &id).bytes),
                    Array(try ASN1OctetString(derEncoded: &id).bytes), Array(try ArraySlice<UInt8>(derEncoded: &id))
                )
            }
            guard let statusNode = nodes.next(), statusNode.identifier.tagClass == .contextSpecific else {
                throw ASN1Error.invalidASN1Object(reason: "no certStatus")
            }
            let status: CertificateStatus
            switch statusNode.identifier.tagNumber {
            case 0: status = .good
            case 2: status = .unknown
            case 1:
                guard case .constructed(let info) = statusNode.content else { throw ASN1Error.invalidASN1Object(reason: "RevokedInfo") }
                var iterator = info.makeIterator()
                guard let timeNode = iterator.next() else { throw ASN1Error.invalidASN1Object(reason: "no revocationTime") }
                let time = try ASN1Time.date(from: timeNode)
                var reason: RevocationReason?
                if let reasonNode = iterator.next() {
                    let code = try DER.explicitlyTagged(reasonNode, tagNumber: 0, tagClass: .contextSpecific) {
                        try Int(derEncoded: $0, withIdentifier: ASN1Identifier(tagWithNumber: 10, tagClass: .universal))
                    }
                    reason = RevocationReason(rawValue: code)
                }
                status = .revoked(at: time, reason: reason)
            default:
                throw ASN1Error.unexpectedFieldType(statusNode.identifier)
            }
            guard let thisUpdateNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no thisUpdate") }
            let thisUpdate = try ASN1Time.date(from: thisUpdateNode)
            let nextUpdate = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                try ASN1Time.date(from: $0)
            }
            while nodes.next() != nil {} // singleExtensions
            let digest: DigestAlgorithm
            do { digest = try DigestAlgorithm(objectIdentifier: hash.algorithm) } catch {
                throw ASN1Error.invalidASN1Object(reason: "CertID hash \(hash.algorithm)")
            }
            return SingleResponse(
                hashAlgorithm: digest, issuerNameHash: nameHash, issuerKeyHash: keyHash,
                serialNumber: serial, status: status, thisUpdate: thisUpdate, nextUpdate: nextUpdate)
        }
    }

    /// Whether `responderKey` verifies the signature over the exact ResponseData bytes.
    public func isSignatureValid(responderKey: PublicKey) throws(PKIError) -> Bool {
        guard let signatureAlgorithm else { return false }
        do {
            return try responderKey.isValidSignature(
                signature, for: responseDataBytes, algorithm: try SignatureAlgorithm(algorithmIdentifier: signatureAlgorithm))
        } catch {
            throw .crypto(error)
        }
    }
}

import SenimCrypto
import SenimPKI
import SwiftASN1

/// A TimeStampToken (RFC 3161 §2.4.2): a CMS SignedData whose eContent is a TSTInfo, signed by one TSA.
public struct TimeStampToken: Sendable {
    public let signedData: SignedData
    public let info: TSTInfo

    public init(signedData: SignedData) throws(CMSError) {
        guard signedData.encapsulatedContentType == .CMS.tstInfo else {
            throw .malformed("timestamp token content type \(signedData.encapsulatedContentType) is not id-ct-TSTInfo")
        }
        guard let content = signedData.encapsulatedContent else { throw .malformed("timestamp token without TSTInfo") }
        guard signedData.signerInfos.count == 1 else {
            throw .malformed("timestamp token with \(signedData.signerInfos.count) signers (RFC 3161 §2.4.2 requires one)")
        }
        self.signedData = signedData
        info = try TSTInfo(derEncoded: content)
    }

    public init(bytes: [UInt8]) throws(CMSError) {
        try self.init(signedData: try SignedData(bytes: bytes))
    }

    public var derEncoded: [UInt8] { signedData.derEncoded }
}

/// `TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }` (RFC 3161 §2.4.2).
public struct TimeStampResponse: Sendable {
    /// PKIStatus: 0 granted, 1 grantedWithMods, 2 rejection, 3 waiting, 4 revocationWarning, 5 revocationNotification.
    public let status: Int
    public let statusText: [String]
    /// PKIFailureInfo bits as set (badAlg 0, badRequest 2, badDataFormat 5, timeNotAvailable 14, …).
    public let failureBits: [Int]
    public let token: TimeStampToken?
    public let derEncoded: [UInt8]

    public var isGranted: Bool { status == 0 || status == 1 }

    public init(bytes: [UInt8]) throws(CMSError) {
        guard bytes.count <= SignedData.maximumInputSize else { throw .malformed("timestamp response too large") }
        do {
            let root = try BER.parse(bytes)
            var nodes = try BERReading.children(root, .sequence, "TimeStampResp").makeIterator()
            guard let statusNode = nodes.next() else { throw ASN1Error.invalidASN1Object(reason: "no PKIStatusInfo") }
            var statusParts = try BERReading.children(statusNode, .sequence, "PKIStatusInfo").makeIterator()
            guard let code = statusParts.next() else { throw ASN1Error.invalidASN1Object(reason: "no PKIStatus") }
            status = try Int(berEncoded: code)
            var texts: [String] = []
            var bits: [Int] = []
            while let part = statusParts.next() {
                if part.identifier == .sequence {
                    texts = try BERReading.children(part, .sequence, "PKIFreeText").map { String(try ASN1UTF8String(berEncoded: $0)) }
                } else if part.identifier == .bitString {
                    let bitString = try ASN1BitString(berEncoded: part)
                    for (byteIndex, byte) in bitString.bytes.enumerated() {
                        for bit in 0..<8 where byte & (0x80 >> bit) != 0 { bits.append(byteIndex * 8 + bit) }
                    }
                }
            }
            statusText = texts
            failureBits = bits
            if let tokenNode = nodes.next() {
                token = try TimeStampToken(signedData: try SignedData(node: tokenNode))
            } else {
                token = nil
            }
            derEncoded = Array(root.encodedBytes)
        } catch let error as CMSError {
            throw error
        } catch {
            throw .malformed("TimeStampResp: \(DecodingErrorText.sentence(error))")
        }
    }
}

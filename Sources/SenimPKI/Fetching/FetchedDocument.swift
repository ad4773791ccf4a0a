import Foundation

/// One document fetched from the network, kept byte-for-byte as evidence (the evidence package stores it).
public struct FetchedDocument: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable { case crl, ocspResponse, certificate, timestampResponse }

    public let kind: Kind
    public let url: String
    public let fetchedAt: Date
    public let bytes: [UInt8]
}

/// The Document Security Store (ETSI EN 319 142-1 §5.4.2, ISO 32000-2 §12.8.4.3): certificates, CRLs and OCSP
/// responses added for long-term validation, kept as the DER bytes of each stream.
public struct DocumentSecurityStore: Sendable {
    public var certificates: [[UInt8]] = []
    public var crls: [[UInt8]] = []
    public var ocspResponses: [[UInt8]] = []
    /// Keys of `/VRI` (upper-case hex SHA-1 of each signature's /Contents).
    public var vriKeys: [String] = []

    public var isEmpty: Bool { certificates.isEmpty && crls.isEmpty && ocspResponses.isEmpty }

    /// The DSS as of the latest revision, or nil when the catalog has none.
    static func read(_ document: PDFDocument) throws(PDFError) -> DocumentSecurityStore? {
        guard let root = try document.dictionary(document.lastRevision?.trailer["Root"]),
            let dss = try document.dictionary(root["DSS"])
        else { return nil }
        var store = DocumentSecurityStore()
        func streams(_ key: String) throws(PDFError) -> [[UInt8]] {
            var result: [[UInt8]] = []
            for item in (try document.resolve(dss[key])?.array ?? []).prefix(10_000) {
                if let object = try document.resolve(item), let data = try document.streamData(object) { result.append(data) }
            }
            return result
        }
        store.certificates = try streams("Certs")
        store.crls = try streams("CRLs")
        store.ocspResponses = try streams("OCSPs")
        store.vriKeys = (try document.dictionary(dss["VRI"])?.keys).map { Array($0).sorted() } ?? []
        return store
    }
}

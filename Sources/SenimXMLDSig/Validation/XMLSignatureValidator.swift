import Foundation
import SenimCrypto
import SenimPKI

/// Validates XML-DSig signatures as Kalkan, NCALayer and eGov mobile produce them, and W3C XML-DSig in
/// general, safe against signature wrapping: every reference resolves to exactly one node, only declared ID
/// attributes count, and the result carries exactly what each reference signed.
public struct XMLSignatureValidator: Sendable {
    public let context: ValidationContext
    public let options: XMLValidationOptions
    private let certificateValidator: SigningCertificateValidator

    public init(context: ValidationContext, options: XMLValidationOptions = XMLValidationOptions()) {
        self.context = context
        self.options = options
        certificateValidator = context.signingCertificateValidator()
    }

    public init(
        trustStore: TrustStore, policy: ValidationPolicy = .kazakhstanDefault, revocationSources: [any RevocationSource] = [],
        certificateSources: [any CertificateSource] = [], extraCertificates: [Certificate] = [],
        options: XMLValidationOptions = XMLValidationOptions()
    ) {
        self.init(
            context: ValidationContext(
                trustStore: trustStore, policy: policy, revocationSources: revocationSources,
                certificateSources: certificateSources, extraCertificates: extraCertificates), options: options)
    }

    /// Validates every ds:Signature in the document. Input that is not acceptable XML gives a report with
    /// TOTAL_FAILED / FORMAT_FAILURE.
    public func validate(xml bytes: [UInt8], at time: Date? = nil) async -> XMLValidationResult {
        let validationTime = time ?? Date()
        // libxml2 work happens synchronously here, before any suspension: the document never crosses threads.
        let prepared: [Prepared]
        var messages: [String] = []
        do {
            if !options.retainSignedData, let streamed = try StreamingEnvelopedSignatures(bytes: bytes, options: options) {
                (prepared, messages) = prepare(streamed)
            } else {
                let document = try XMLDocument(bytes: bytes)
                (prepared, messages) = prepare(document)
            }
        } catch {
            return XMLValidationResult(
                report: .unreadable(
                    container: "XML", validationTime: validationTime, policy: context.policyReference,
                    reason: error.description), signedData: [], signatureValues: [])
        }
        var reports: [SignatureReport] = []
        for item in prepared {
            reports.append(await finish(item, validationTime: validationTime))
        }
        let report = SignatureValidationReport(
            container: "XML", validationTime: validationTime, policy: context.policyReference,
            signatures: reports, messages: messages)
        return XMLValidationResult(report: report, signedData: prepared.map(\.references), signatureValues: prepared.map(\.signatureValue))
    }

    /// The document-bound part of one signature's validation: references, SignedInfo, signature value.
    struct Prepared: Sendable {
        var report: SignatureReport
        var references: [SignedReference]
        var certificate: Certificate?
        var chain: [Certificate]
        var algorithm: SignatureAlgorithm?
        var signatureValue: [UInt8] = []
    }

    func prepare(_ document: XMLDocument) -> ([Prepared], [String]) {
        var signatures: [XMLElement] = []
        document.root.forEachElement { if $0.is("Signature", XMLNamespace.dsig) { signatures.append($0) } }
        let index = XMLIDIndex(document: document, idAttributes: options.idAttributes)
        var messages: [String] = []
        if signatures.isEmpty { messages.append("the document holds no ds:Signature") }
        if !index.duplicated.isEmpty { messages.append("ID values used more than once: \(index.duplicated.joined(separator: ", "))") }
        if options.multipleSignatureOrder == .kalkan && signatures.count > 1 {
            messages.append(
                "\(signatures.count) signatures verified in the Kalkan order: last first, each with the later signatures removed"
            )
        }
        var prepared: [Prepared] = []
        for (position, element) in signatures.enumerated() {
            let later =
                options.multipleSignatureOrder == .kalkan
                ? Array(signatures[(position + 1)...]).filter { !$0.contains(element) && !element.contains($0) } : []
            let processor = ReferenceProcessor(
                document: document, signature: element, laterSignatures: later, allSignatures: signatures, idIndex: index)
            prepared.append(
                prepareSignature(element, id: "S-\(position + 1)", document: document, laterSignatureCount: later.count) {
                    reference, digest throws(XMLDSigError) in
                    try processor.process(reference, digest: digest, retain: options.retainSignedData)
                })
        }
        return (prepared, messages)
    }

    /// The same checks over signatures read by the streaming canonicaliser: each signature's own small
    /// document for SignedInfo and KeyInfo, the digests of the whole document from the stream.
    func prepare(_ streamed: StreamingEnvelopedSignatures) -> ([Prepared], [String]) {
        var messages: [String] = []
        if streamed.signatures.count > 1 {
            messages.append(
                "\(streamed.signatures.count) signatures verified in the Kalkan order: last first, each with the later signatures removed"
            )
        }
        let prepared = streamed.signatures.enumerated().map { position, captured in
            prepareSignature(
                captured.document.root, id: "S-\(position + 1)", document: captured.document,
                laterSignatureCount: streamed.signatures.count - position - 1
            ) { reference, digest throws(XMLDSigError) in
                guard let value = streamed.digests[position][digest] else {
                    throw .malformedSignature("no \(digest.rawValue) digest was computed")
                }
                return (
                    SignedReference(uri: "", coverage: .full, elementPath: nil, canonicalBytes: [], length: streamed.lengths[position]),
                    value
                )
            }
        }
        return (prepared, messages)
    }

    private func prepareSignature(
        _ element: XMLElement, id: String, document: XMLDocument, laterSignatureCount: Int,
        digestReference: (XMLReference, DigestAlgorithm) throws(XMLDSigError) -> (SignedReference, [UInt8])
    ) -> Prepared {
        var prepared = Prepared(
            report: SignatureReport(id: id, format: .xmlDSig, bestSignatureTime: Date()), references: [], certificate: nil, chain: [],
            algorithm: nil)
        let signature: XMLSignatureElement
        do { signature = try XMLSignatureElement(element) } catch {
            prepared.report.fail(error.subIndication, error.description)
            return prepared
        }
        prepared.signatureValue = signature.signatureValue
        do {
            let algorithm = try SignatureAlgorithm(xmlSignatureMethodURI: signature.signatureMethodURI)
            prepared.algorithm = algorithm
            prepared.report.signatureAlgorithm = algorithm.description
        } catch {
            prepared.report.fail(.cryptoConstraintsFailure, "SignatureMethod: \(DecodingErrorText.sentence(error))")
        }

        // References: dereference, transform, digest.
        var allIntact = true
        for (number, reference) in signature.references.enumerated() {
            let name = "reference \(number + 1)\(reference.uri.map { " (URI=\"\($0)\")" } ?? "")"
            do throws(XMLDSigError) {
                let digest: DigestAlgorithm
                do { digest = try DigestAlgorithm(xmlDigestMethodURI: reference.digestMethodURI) } catch {
                    throw XMLDSigError.unsupportedAlgorithm("DigestMethod \(reference.digestMethodURI)")
                }
                if prepared.report.digestAlgorithm == nil { prepared.report.digestAlgorithm = digest.rawValue }
                let (signed, actual) = try digestReference(reference, digest)
                prepared.references.append(signed)
                let description: String
                if let path = signed.elementPath {
                    description = "\(name): the element \(path)"
                } else {
                    let removed =
                        laterSignatureCount == 0
                        ? "" : " and the \(laterSignatureCount) later signature\(laterSignatureCount == 1 ? "" : "s")"
                    description = "\(name): the whole document without this signature\(removed)"
                }
                prepared.report.signedDataScope.append(
                    SignedDataScope(
                        name: reference.uri ?? "", coverage: signed.coverage, description: description,
                        digests: [digest.rawValue: Hex.encode(actual)], length: signed.length))
                if actual != reference.digestValue {
                    allIntact = false
                    prepared.report.fail(
                        .hashFailure, "\(name): the \(digest.rawValue) digest of the referenced data does not match its DigestValue")
                }
            } catch {
                allIntact = false
                prepared.report.fail(error.subIndication, "\(name): \(DecodingErrorText.sentence(error))")
            }
        }
        prepared.report.intact = allIntact
        if let expected = options.expectedReferenceCount, expected != signature.references.count {
            prepared.report.fail(
                .sigConstraintsFailure, "the signature has \(signature.references.count) references; \(expected) were expected")
        }
        if options.requireWholeDocument, !prepared.report.signedDataScope.contains(where: { $0.coverage == .full }) {
            prepared.report.fail(.sigConstraintsFailure, "the signature does not cover the whole document")
        }

        // SignedInfo and the signature value, with the key from KeyInfo (or the one the caller pins).
        let signedInfo: [UInt8]
        do {
            signedInfo = try Canonicalizer.canonicalize(
                document, NodeSelection(root: signature.signedInfo, excludeComments: false),
                method: signature.canonicalization, inclusivePrefixes: signature.canonicalizationPrefixes)
        } catch {
            prepared.report.fail(error.subIndication, "SignedInfo: \(DecodingErrorText.sentence(error))")
            return prepared
        }
        let keyInfoCertificates = signature.keyInfo.certificates.compactMap { try? Certificate(derEncoded: $0) }
        prepared.chain = keyInfoCertificates
        guard let algorithm = prepared.algorithm else { return prepared }
        let candidates =
            options.signingCertificate.map { [$0] }
            ?? KeyInfoResolver.candidates(
                signature.keyInfo, certificates: keyInfoCertificates,
                others: context.candidateCertificates)
        guard !candidates.isEmpty else {
            prepared.report.fail(
                .noSigningCertificateFound, "KeyInfo names no certificate that is in the document or among the given or trusted ones")
            return prepared
        }
        let value = XMLSignatureValueEncoding.openSSLForm(signature.signatureValue, algorithm: algorithm)
        var lastError: String?
        for candidate in candidates {
            do {
                if try candidate.publicKey.isValidSignature(value, for: signedInfo, algorithm: algorithm) {
                    prepared.certificate = candidate
                    prepared.report.cryptographicallyValid = true
                    break
                }
            } catch {
                lastError = "\(DecodingErrorText.sentence(error))"
            }
        }
        let certificate = prepared.certificate ?? candidates[0]
        prepared.certificate = certificate
        prepared.report.signer = Signer(certificate: certificate)
        prepared.report.signingCertificate = CertificateSummary(certificate: certificate)
        if !prepared.report.cryptographicallyValid {
            prepared.report.fail(
                .sigCryptoFailure, "the SignatureValue does not verify over the canonical SignedInfo\(lastError.map { ": \($0)" } ?? "")")
        }
        return prepared
    }

    private func finish(_ item: Prepared, validationTime: Date) async -> SignatureReport {
        var report = item.report
        report.bestSignatureTime = validationTime
        guard let certificate = item.certificate else { return report }
        let outcome = await certificateValidator.validate(
            certificate, at: validationTime, revocationSources: context.revocationSources,
            certificateSources: context.certificateSources,
            extraIntermediates: item.chain + context.extraCertificates, signatureAlgorithm: item.algorithm)
        report.apply(outcome.report)
        report.messages.append(contentsOf: outcome.errors.map { "fetch: \($0)" })
        return report
    }
}

/// Which certificates KeyInfo points at: by issuer and serial, subject name, SKI or digest when it says so
/// (looked up among the embedded and the given certificates), else the embedded certificates themselves.
enum KeyInfoResolver {
    static func candidates(_ keyInfo: XMLKeyInfo, certificates: [Certificate], others: [Certificate]) -> [Certificate] {
        let pool = certificates + others
        var named: [Certificate] = []
        for (issuer, serial) in keyInfo.issuerSerials {
            let serialHex = BigDecimal.hex(fromDecimal: serial.trimmingCharacters(in: .whitespacesAndNewlines))
            named += pool.filter {
                $0.serialNumberHex.drop(while: { $0 == "0" }) == serialHex.drop(while: { $0 == "0" }) && LDAPName.matches(issuer, $0.issuer)
            }
        }
        for subject in keyInfo.subjectNames { named += pool.filter { LDAPName.matches(subject, $0.subject) } }
        for ski in keyInfo.subjectKeyIdentifiers { named += pool.filter { ((try? $0.extensions.subjectKeyIdentifier) ?? nil) == ski } }
        for (uri, digest) in keyInfo.certificateDigests {
            guard let algorithm = try? DigestAlgorithm(xmlDigestMethodURI: uri) else { continue }
            named += pool.filter { algorithm.hash($0.derEncoded) == digest }
        }
        var unique: [Certificate] = []
        for certificate in named + (named.isEmpty ? leavesFirst(certificates) : []) where !unique.contains(certificate) {
            unique.append(certificate)
        }
        return unique
    }

    /// End-entity certificates before the CAs that issued them.
    static func leavesFirst(_ certificates: [Certificate]) -> [Certificate] {
        let issuers = Set(certificates.flatMap { subject in certificates.filter { $0 != subject && subject.issuer.matches($0.subject) } })
        return certificates.filter { !issuers.contains($0) } + certificates.filter { issuers.contains($0) }
    }
}

/// The decimal X509SerialNumber of XML-DSig as the hex OpenSSL prints.
enum BigDecimal {
    static func hex(fromDecimal decimal: String) -> String {
        var digits = decimal.compactMap { $0.wholeNumberValue }
        guard !digits.isEmpty, decimal.allSatisfy(\.isNumber) else { return "" }
        var bytes: [UInt8] = []
        while !(digits.count == 1 && digits[0] == 0) && !digits.isEmpty {
            var remainder = 0
            var quotient: [Int] = []
            for digit in digits {
                let value = remainder * 10 + digit
                quotient.append(value / 256)
                remainder = value % 256
            }
            bytes.insert(UInt8(remainder), at: 0)
            digits = Array(quotient.drop(while: { $0 == 0 }))
        }
        return Hex.encode(bytes.isEmpty ? [0] : bytes)
    }
}

/// RFC 4514 names as XML-DSig writes them (`CN=…,O=…`), compared with a certificate's DN attribute by attribute.
enum LDAPName {
    static func matches(_ text: String, _ name: DistinguishedName) -> Bool {
        func normalise(_ value: String) -> [String] {
            value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .map { $0.replacingOccurrences(of: "emailaddress=", with: "e=") }.sorted()
        }
        return normalise(text) == normalise(name.description)
    }
}

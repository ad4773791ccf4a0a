import SenimPKI

/// The report in English.
extension ReportStrings {
    static let english: [ReportKey: String] = [
        .title: "Document signing report", .subtitle: "Evidence for the arbitration court \u{201C}IUS CIVILE\u{201D}",
        .outcomePassed:
            "The evidence package of \u{201C}%1\u{201D} was verified: all %3 checks passed, all %2 signatures hold, and the "
            + "document has not changed since it was signed.",
        .outcomeFailed:
            "The evidence package fails at the step \u{201C}%1\u{201D}: %2. The package does not prove that this document was signed "
            + "as it stands.",
        .outcomeIndeterminate:
            "The evidence package cannot be fully verified (step \u{201C}%1\u{201D}: %2). This does not mean the signatures are invalid, "
            + "but the package does not prove them.",
        .documentSection: "What was signed", .fileName: "File name", .size: "Size", .sizeBytes: "%1 bytes", .sha256: "SHA-256",
        .gost34311: "GOST 34.311-95", .documentID: "Document identifier", .packageSHA256: "SHA-256 of the evidence package",
        .insidePackageNotice:
            "This copy of the report is stored inside the evidence package. A file cannot carry the digest of the archive it is in, "
            + "so here the package is identified by the document's SHA-256 and the head of the audit chain.",
        .signersSection: "Who signed", .noSignatures: "The package holds no signature.",
        .iinIs: "IIN %1", .binIs: "BIN %1", .roleIs: "Role: %1.", .roleSMSSigner: "a private person who signed with an SMS code",
        .methodCMS: "Method: an electronic digital signature (EDS) of the NCA of Kazakhstan, in CMS format.",
        .methodXML: "Method: an electronic digital signature (EDS) of the NCA of Kazakhstan, in XML format (through eGov mobile).",
        .methodSMS: "Method: a simple electronic signature, a one-time SMS code sent to %1.",
        .timeStamped: "Signed at %1, proven by a timestamp.",
        .timeClaimed: "Signed at %1, as the signer's software states; no timestamp proves it.",
        .timeRecorded: "Signed at %1, recorded by the platform when the code was entered.",
        .verdictEDSPassed:
            "Verdict: the signature holds: the document has not changed since it was signed, and the certificate was issued by a "
            + "trusted certification authority and was not revoked when it signed.",
        .verdictSESPassed:
            "Verdict: the simple signature holds: the code was entered for this document, and the platform sealed the record.",
        .verdictFailed: "Verdict: the signature does not hold: %1.",
        .verdictIndeterminate: "Verdict: the signature cannot be fully verified: %1.",
        .reasonNotRecorded: "no reason was recorded",
        .verifyOnline: "Check it on the platform's website",
        .verifyOnlineText:
            "Scan the code or open the link: the page says whether this exact document (by its SHA-256) was signed on the platform. "
            + "Checking without the platform is described under \u{201C}How to verify it yourself\u{201D}.",

        .timelineSection: "Timeline of actions", .time: "Time (UTC)", .actor: "By", .action: "Action", .ipAddress: "IP address",
        .device: "Device",
        .actorClient: "client", .actorPartner: "partner", .actorPartnerEmployee: "partner's employee", .actorAdministrator: "administrator",
        .actorPlatform: "platform",
        .actionAgreementAccepted: "Accepted the user agreement, edition %1",
        .actionDocumentUploaded: "Uploaded the document %1 (%2 bytes)",
        .actionSignerAdded: "Added the signer %1 (IIN %2, phone %3), position %4",
        .actionSentForSigning: "Sent for signing: %1, %2", .actionSmsSent: "Sent an SMS to %1: %2",
        .actionLinkOpened: "Opened the link to the document", .actionDocumentViewed: "Viewed the document",
        .actionOtpRequested: "Asked for an SMS code: %1", .actionOtpFailed: "Entered a wrong SMS code (attempt %1)",
        .actionOtpConfirmed: "Entered the right SMS code", .actionEdsSignatureReceived: "Received an EDS signature in %1 format; check: %2",
        .actionSesSignatureRecorded: "Recorded a simple signature by SMS code",
        .actionSignatureRefused: "A signature was refused by validation: %1",
        .actionRejected: "The signer refused to sign: %1", .actionCompleted: "The document was signed by every signer",
        .actionCancelled: "Signing was cancelled", .actionCancelledBecause: "Signing was cancelled: %1",
        .actionExpired: "The signing deadline passed", .actionTariffDebited: "One tariff use was debited (%1 left)",
        .actionDownloaded: "Downloaded: %1", .actionEvidenceExported: "Exported the evidence package, SHA-256 %1",
        .actionAdministrative: "Administrator action %1 on %2",
        .methodEDSOnly: "EDS only", .methodSESOnly: "SMS code only", .methodEither: "EDS or SMS code",
        .orderSequential: "signers one after another", .orderParallel: "signers at the same time",
        .purposeLogin: "a login code", .purposeLink: "the signing link", .purposeSign: "a signing code", .purposeReject: "a refusal code",
        .purposeConfirm: "a confirmation code",

        .proofsSection: "What each proof shows, and what it does not", .proves: "Shows:", .doesNotProve: "Does not show:",
        .proofEDSTitle: "Electronic digital signature (EDS)",
        .proofEDS:
            "Under the Law of the Republic of Kazakhstan \u{201C}On electronic document and electronic digital signature\u{201D} an EDS "
            + "is equivalent to a handwritten signature when it verifies with a certificate valid at the time of signing. The check "
            + "shows that the document was signed with the private key of the holder of an NCA certificate and has not changed since.",
        .proofEDSLimits:
            "Who physically used the key: its holder answers for keeping the key and its password. A signing time without a "
            + "timestamp is what the signer's computer said.",
        .proofSESTitle: "Simple electronic signature by SMS code",
        .proofSES:
            "Equivalent to a signature by the parties' agreement (the platform's user agreement): a code sent to the signer's phone "
            + "was entered for the document with this SHA-256, and the platform sealed the record.",
        .proofSESLimits:
            "It is not an EDS: it shows that whoever held the phone received the code, not a person identified by a certificate; "
            + "its force rests only on the parties' agreement.",
        .agreementEdition: "Agreement edition %1, SHA-256 of its text:",
        .consentText: "SHA-256 of the consent text confirmed with the code:",
        .proofHashTitle: "The document's digests (SHA-256, GOST 34.311-95)",
        .proofHash:
            "A digest is a fingerprint of a file's contents: changing a single byte gives another digest. The signatures, the log "
            + "and the seal all concern the document with exactly these digests.",
        .proofHashLimits: "What the document's text means, or who wrote it.",
        .proofTimeTitle: "Time",
        .proofTimeStamped: "A timestamp (RFC 3161) of a trusted service proves that the signature existed at the time it states.",
        .proofTimeClaimed:
            "The signatures of this package carry no timestamp: their times are what the signer's software stated. The times of "
            + "the events were recorded by the platform and are protected by the audit chain and the seal.",
        .proofTimeLimits: "A time without a timestamp is a statement of the signer or the platform, not independent proof.",
        .proofChainTitle: "The audit chain",
        .proofChain:
            "Each of the %1 events of the log holds the digest of the one before: removing, inserting or changing an event breaks "
            + "the chain.",
        .proofChainLimits:
            "That the platform did not rewrite the whole log before the export: the inclusion in the platform log guards against that.",
        .proofLogTitle: "Inclusion in the platform log",
        .proofLog:
            "The head of the chain is entry %1 of %2 in the log %3, which only ever grows (a Merkle tree, RFC 6962); the log's "
            + "checkpoint is signed with the platform's sealing key.",
        .proofLogLimits:
            "That the whole log was not replaced: that shows only when the checkpoint is compared with those published before.",
        .proofSealTitle: "The platform seal",
        .proofSeal:
            "The seal (the platform's CMS signature) over the manifest, which lists the SHA-256 of every file of the package, proves "
            + "that the platform issued the package and that it has not changed since.",
        .proofSealLimits: "The seal does not replace the parties' signatures: it attests only what the platform recorded.",
        .proofWitnessTitle: "Witnesses", .proofWitnessNone: "No independent witness has cosigned the log checkpoint in this package.",

        .howToSection: "How to verify it yourself",
        .howToVerifier:
            "The Senimkey verifier works offline, without the platform; its source is open, and the verification page links to it:",
        .howToCommand: "Verify the package (the expected result is \u{201C}TOTAL_PASSED\u{201D}, exit code 0):",
        .howToPackageDigest: "Compare the package file's SHA-256:",
        .howToSealFingerprint: "SHA-256 fingerprint of the platform's sealing certificate:",
        .howToUnzip: "Unpack the package with any ZIP tool, for example:",
        .howToDigests: "Compare the document's digest (and that of any file) with the value in META-INF/manifest.json:",
        .howToSeal:
            "Check the seal over the manifest with standard OpenSSL (add \u{201C}-CAfile\u{201D} with the platform's root to check its "
            + "chain too):",
        .howToManifest: "The manifest's SHA-256 must match:",
        .howToEDS:
            "RSA and ECDSA signatures verify the same way with \u{201C}openssl cms -verify\u{201D}, the document given as "
            + "\u{201C}-content\u{201D}; the NCA's GOST signatures are verified by Senimkey or by the NCA's own tools.",

        .annexSection: "Technical annex", .verificationSection: "Package verification steps", .step: "Step", .result: "Result",
        .finding: "Finding", .passed: "passed", .failed: "failed", .indeterminate: "indeterminate",
        .stepContainer: "Archive", .stepManifest: "Manifest", .stepSeal: "Platform seal", .stepDocument: "Document",
        .stepSignature: "EDS signature", .stepSimpleSignature: "Simple signature", .stepAuditChain: "Audit chain",
        .stepLogInclusion: "Inclusion in the platform log", .stepCheckpoint: "Log checkpoint",
        .stepArchiveTimestamp: "Archive timestamp",
        .certificatesSection: "Signatures and certificates", .signatureFile: "Signature file", .format: "Format",
        .verdictCode: "Result code (ETSI EN 319 102-1)", .certificate: "Certificate", .issuer: "Issuer", .serial: "Serial number",
        .validity: "Validity", .fingerprint: "SHA-256 fingerprint", .algorithm: "Certificate signature algorithm",
        .chainElement: "Chain, link %1", .trustAnchor: "(trusted root)", .revocation: "Revocation",
        .revocationGood: "not revoked", .revocationRevoked: "revoked", .revocationUnknown: "status unknown",
        .revocationUnchecked: "not checked", .revocationTrustAnchor: "trusted root, revocation not checked",
        .validatorWords: "The validator's messages (verbatim)", .sealSection: "The platform's sealing certificate",
        .integritySection: "Package integrity", .manifest: "SHA-256 of the manifest", .auditHead: "Head of the audit chain",
        .logInclusion: "Platform log: entry / size", .policy: "Validation policy and its SHA-256",
        .revocationFiles: "Revocation data in the package",
        .finalNotice: "This report was made from the verification of the evidence package and does not replace the package.",
        .page: "page", .pageOf: "of", .footerPackage: "Signing report · document %1 · package SHA-256 %2",
        .footerInsidePackage: "Signing report · document %1 · document SHA-256 %2",
        .rendererMissing:
            "A PDF report needs the Chromium browser and the DejaVu fonts: install the packages \u{201C}chromium\u{201D} and "
            + "\u{201C}fonts-dejavu-core\u{201D} (or name the browser in \u{201C}SENIMKEY_CHROMIUM\u{201D}). The HTML report works "
            + "without them.",
        .rendererFailed: "Chromium could not print the report as PDF. The HTML report is available.",

        .findingContainerUnreadable: "the archive cannot be read: %1",
        .findingMimetypeNotFirst: "the first entry is not \u{201C}mimetype\u{201D} holding %1",
        .findingFramingNotCanonical:
            "the archive's framing (headers, flags, directory) differs from the canonical form the platform writes: %1",
        .findingEntryChecksumMismatch: "%1 does not match its CRC-32",
        .findingContainerIntact: "%1 entries, every CRC-32 correct, mimetype first, canonical framing",
        .findingManifestUnreadable: "META-INF/manifest.json is missing or not canonical JSON",
        .findingManifestUnlisted: "%1 is not in the manifest", .findingManifestMissing: "%1 is listed but missing",
        .findingManifestDigestMismatch: "%1 does not match its SHA-256", .findingManifestMatches: "%1 files match their SHA-256",
        .findingSealMissing: "META-INF/seal.p7s is missing", .findingValidatedAt: "validated at %1 (%2)",
        .findingTimeGiven: "the time asked for", .findingTimeTimestamp: "the seal's RFC 3161 timestamp",
        .findingTimeClaimed: "the sealing time the seal claims; no timestamp proves it", .findingTimeNow: "now; the seal names no time",
        .findingTimeRecorded: "the time its report at completion recorded",
        .findingDocumentMissing: "no document/ entry", .findingDocumentAmbiguous: "%1 document/ entries; a package holds one document",
        .findingDocumentNotInLog: "the audit log holds no events of the document",
        .findingDocumentBoundElsewhere: "%1 audit events name other document digests",
        .findingDocumentBound: "%1: SHA-256 %2, GOST 34.311 %3, as in every audit event",
        .findingNotInAuditLog: "not recorded in the audit log", .findingSESSealMissing: "%1 is missing",
        .findingSESNotEDS: "a simple electronic signature by SMS code (not an EDS)",
        .findingAuditChainIntact: "%1 events, hash chain unbroken, head %2", .findingAuditChainBroken: "the audit hash chain is broken: %1",
        .findingInclusionMissing: "audit/inclusion.json is missing or malformed", .findingInclusionVerified: "leaf %1 of %2 in %3",
        .findingInclusionFailed: "the audit head is not proven in the log: %1",
        .findingCheckpointVerified: "signed by the sealing key: %1, size %2",
        .findingCheckpointFailed: "the checkpoint signature does not verify: %1",
        .findingArchiveLayoutBroken: "the archive entries are not numbered pairs of manifest and timestamp at the end of the package: %1",
        .findingArchiveManifestProblems: "archive manifest %1 does not cover the package as it was: %2",
        .findingArchiveTimestamp: "timestamp of %1 over %2 entries of the package, validated at %3",
        .findingExistedAt: "validated at %1: archive timestamp %2 proves the signature existed then",
        .framingNotContiguous: "%1 does not start where the previous entry ends",
        .framingLocalHeader: "the local header of %1 is not canonical",
        .framingDataDescriptor: "the data descriptor of %1 is not canonical",
        .framingCentralDirectory: "the central directory is not canonical",
        .framingEndRecord: "the end-of-central-directory record is not canonical or bytes follow it",
    ]

    static let englishSubIndications: [SubIndication: String] = [
        .formatFailure: "the signature is damaged or malformed", .hashFailure: "the document changed after it was signed",
        .sigCryptoFailure: "the signature value does not match the certificate's key", .revoked: "the signer's certificate is revoked",
        .expired: "the certificate expired before the signing", .notYetValid: "the certificate was not yet valid at the signing",
        .sigConstraintsFailure: "the signature does not meet the validation policy",
        .chainConstraintsFailure: "the certificate chain does not meet the validation policy",
        .cryptoConstraintsFailure: "the validation policy does not allow the signature's algorithm",
        .policyProcessingError: "the signature policy could not be processed",
        .signaturePolicyNotAvailable: "the signature policy is not available",
        .timestampOrderFailure: "the timestamps are out of order", .noSigningCertificateFound: "the signer's certificate was not found",
        .noCertificateChainFound: "no chain to a trusted certification authority could be built",
        .revokedNoPOE: "the certificate is revoked, and nothing proves the signature was made before the revocation",
        .revokedCANoPOE: "the certification authority's certificate is revoked, and nothing proves an earlier signing",
        .outOfBoundsNoPOE: "the certificate is not valid at the validation time, and nothing proves the signing time",
        .outOfBoundsNotRevoked: "the certificate expired (it was never revoked), and nothing proves the signing time",
        .revocationOutOfBoundsNoPOE: "the revocation data was issued outside the certificate's validity",
        .cryptoConstraintsFailureNoPOE: "the algorithm is no longer allowed, and nothing proves an earlier signing",
        .noPOE: "nothing proves when the signature existed",
        .tryLater: "revocation data is not available yet; the check can be repeated later",
        .signedDataNotFound: "the signed data was not found", .certificateChainGeneralFailure: "the certificate chain failed validation",
        .noCertificateChainFoundNoPOE: "no certificate chain could be built, and nothing proves the time",
    ]

    static let englishRoles: [SignerRole: String] = [
        .individual: "a private person", .legalEntity: "a representative of a legal entity", .firstHead: "the head of a legal entity",
        .signingRight: "a person with signing authority", .financialSigning: "a person who signs financial documents",
        .humanResources: "a human resources officer", .employee: "an employee of an organisation", .treasuryClient: "a Treasury client",
        .informationSystem: "an information system",
    ]
}

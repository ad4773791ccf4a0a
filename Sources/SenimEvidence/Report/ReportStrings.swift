import SenimPKI

/// Every sentence of the arbitration report, by key; one table per language (Russian first: the court's language),
/// in `ReportStrings+Russian.swift`, `+Kazakh.swift` and `+English.swift`. `%1`, `%2`… are the values a sentence
/// carries. A test checks that every language has every key, every sub-indication and every role word, and that
/// the rendered report holds no word of another language.
public enum ReportKey: String, Sendable, CaseIterable {
    // Page 1
    case title, subtitle, outcomePassed, outcomeFailed, outcomeIndeterminate
    case documentSection, fileName, size, sizeBytes, sha256, gost34311, documentID, packageSHA256, insidePackageNotice
    case signersSection, noSignatures, iinIs, binIs, roleIs, roleSMSSigner, methodCMS, methodXML, methodSMS
    case timeStamped, timeClaimed, timeRecorded, verdictEDSPassed, verdictSESPassed, verdictFailed, verdictIndeterminate
    case reasonNotRecorded, verifyOnline, verifyOnlineText
    // Timeline
    case timelineSection, time, actor, action, ipAddress, device
    case actorClient, actorPartner, actorPartnerEmployee, actorAdministrator, actorPlatform
    case actionAgreementAccepted, actionDocumentUploaded, actionSignerAdded, actionSentForSigning, actionSmsSent, actionLinkOpened
    case actionDocumentViewed, actionOtpRequested, actionOtpFailed, actionOtpConfirmed, actionEdsSignatureReceived
    case actionSesSignatureRecorded, actionSignatureRefused, actionRejected, actionCompleted, actionCancelled, actionCancelledBecause
    case actionExpired, actionTariffDebited, actionDownloaded, actionEvidenceExported, actionAdministrative
    case methodEDSOnly, methodSESOnly, methodEither, orderSequential, orderParallel
    case purposeLogin, purposeLink, purposeSign, purposeReject, purposeConfirm
    // What each proof means
    case proofsSection, proves, doesNotProve
    case proofEDSTitle, proofEDS, proofEDSLimits, proofSESTitle, proofSES, proofSESLimits, agreementEdition, consentText
    case proofHashTitle, proofHash, proofHashLimits, proofTimeTitle, proofTimeStamped, proofTimeClaimed, proofTimeLimits
    case proofChainTitle, proofChain, proofChainLimits, proofLogTitle, proofLog, proofLogLimits
    case proofSealTitle, proofSeal, proofSealLimits, proofWitnessTitle, proofWitnessNone
    // How to verify
    case howToSection, howToVerifier, howToCommand, howToPackageDigest, howToSealFingerprint, howToUnzip, howToDigests
    case howToSeal, howToManifest, howToEDS
    // Technical annex
    case annexSection, verificationSection, step, result, finding, passed, failed, indeterminate
    case stepContainer, stepManifest, stepSeal, stepDocument, stepSignature, stepSimpleSignature, stepAuditChain
    case stepLogInclusion, stepCheckpoint, stepArchiveTimestamp
    case certificatesSection, signatureFile, format, verdictCode, certificate, issuer, serial, validity, fingerprint, algorithm
    case chainElement, trustAnchor, revocation, revocationGood, revocationRevoked, revocationUnknown, revocationUnchecked
    case revocationTrustAnchor, validatorWords, sealSection, integritySection, manifest, auditHead, logInclusion, policy
    case revocationFiles, finalNotice, page, pageOf, footerPackage, footerInsidePackage
    // The PDF renderer's refusals
    case rendererMissing, rendererFailed
    // Templates of the verifier's findings (EvidenceFinding); %1, %2, %3 are its values.
    case findingContainerUnreadable, findingMimetypeNotFirst, findingFramingNotCanonical, findingEntryChecksumMismatch,
        findingContainerIntact, findingManifestUnreadable, findingManifestUnlisted, findingManifestMissing, findingManifestDigestMismatch,
        findingManifestMatches, findingSealMissing, findingValidatedAt, findingTimeGiven, findingTimeTimestamp, findingTimeClaimed,
        findingTimeNow, findingTimeRecorded, findingDocumentMissing, findingDocumentAmbiguous, findingDocumentNotInLog,
        findingDocumentBoundElsewhere, findingDocumentBound, findingNotInAuditLog, findingSESSealMissing, findingSESNotEDS,
        findingAuditChainIntact, findingAuditChainBroken, findingInclusionMissing, findingInclusionVerified, findingInclusionFailed,
        findingCheckpointVerified, findingCheckpointFailed, findingArchiveLayoutBroken, findingArchiveManifestProblems,
        findingArchiveTimestamp, findingExistedAt
    case framingNotContiguous, framingLocalHeader, framingDataDescriptor, framingCentralDirectory, framingEndRecord
}

enum ReportStrings {
    static func table(_ language: Language) -> [ReportKey: String] {
        switch language {
        case .ru: return russian
        case .kk: return kazakh
        case .en: return english
        }
    }

    /// What each ETSI EN 319 102-1 sub-indication means, as the clause of a sentence.
    static func subIndications(_ language: Language) -> [SubIndication: String] {
        switch language {
        case .ru: return russianSubIndications
        case .kk: return kazakhSubIndications
        case .en: return englishSubIndications
        }
    }

    /// The certificate roles that say who the signer is (docs/kazakh-eds.md §3.2); the key-usage presets
    /// (e-mail protection, client authentication…) say nothing about the person and have no entry.
    static func roles(_ language: Language) -> [SignerRole: String] {
        switch language {
        case .ru: return russianRoles
        case .kk: return kazakhRoles
        case .en: return englishRoles
        }
    }

    /// The roles a report names, most specific first.
    static let personRoles: [SignerRole] = [
        .firstHead, .signingRight, .financialSigning, .humanResources, .employee, .treasuryClient, .legalEntity, .individual,
        .informationSystem,
    ]
}

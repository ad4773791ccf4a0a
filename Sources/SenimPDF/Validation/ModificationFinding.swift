/// Why a later revision changed what it changed, named so a report (and a test) can say exactly which rule a
/// change met: the allowed kinds of ISO 32000-2 §12.8.2.2 and ETSI EN 319 142-1 §5.4, and the attacks of the
/// incremental-update literature (Mladenov et al., "1 Trillion Dollar Refund", CCS 2019; "shadow attacks", 2021).
public enum ModificationReason: String, Sendable, Codable, CaseIterable {
    case signatureAdded = "SIGNATURE_ADDED"
    case emptySignatureFieldAdded = "EMPTY_SIGNATURE_FIELD_ADDED"
    case documentTimestampAdded = "DOCUMENT_TIMESTAMP_ADDED"
    case securityStoreUpdated = "DSS_UPDATED"
    case metadataUpdated = "METADATA_UPDATED"
    case formFieldFilled = "FORM_FIELD_FILLED"
    case annotationAdded = "ANNOTATION_ADDED"
    case annotationChanged = "ANNOTATION_CHANGED"
    case annotationRemoved = "ANNOTATION_REMOVED"
    case formFieldAdded = "FORM_FIELD_ADDED"
    case pageContentChanged = "PAGE_CONTENT_CHANGED"
    case pageChanged = "PAGE_CHANGED"
    case pageTreeChanged = "PAGE_TREE_CHANGED"
    case signatureDictionaryAltered = "SIGNATURE_DICTIONARY_ALTERED"
    case catalogChanged = "CATALOG_CHANGED"
    case objectReplaced = "OBJECT_REPLACED"
    case objectDeleted = "OBJECT_DELETED"
}

/// One change a later revision made, the level it counts at, and a sentence for the report.
public struct ModificationFinding: Sendable, Codable, Equatable {
    /// The revision (0-based) that made the change.
    public let revision: Int
    public let object: Int?
    public let reason: ModificationReason
    public let level: ModificationLevel
    public let description: String

    public init(revision: Int, object: Int?, reason: ModificationReason, level: ModificationLevel, description: String) {
        self.revision = revision
        self.object = object
        self.reason = reason
        self.level = level
        self.description = description
    }
}

import Foundation
import SenimEvidence
import SenimPKI

/// A new document as uploaded: the facts the blob store measured while the bytes came in.
public struct UploadRequest: Sendable, Hashable, Codable {
    public var partnerID: String
    public var fileName: String
    public var mediaType: String
    public var size: Int64
    public var sha256: String
    public var gost34311: String
    public var language: Language
    public var signingMethod: Document.SigningMethod
    public var signingOrder: Document.SigningOrder
    public var partnerSignsFirst: Bool
    public var deadline: Date?

    public init(
        partnerID: String, fileName: String, mediaType: String, size: Int64, sha256: String, gost34311: String,
        language: Language = .ru, signingMethod: Document.SigningMethod = .either, signingOrder: Document.SigningOrder = .parallel,
        partnerSignsFirst: Bool = true, deadline: Date? = nil
    ) {
        self.partnerID = partnerID
        self.fileName = fileName
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.gost34311 = gost34311
        self.language = language
        self.signingMethod = signingMethod
        self.signingOrder = signingOrder
        self.partnerSignsFirst = partnerSignsFirst
        self.deadline = deadline
    }
}

/// A signer as the partner names them (docs/user-agreement.md §7.2).
public struct SignerRequest: Sendable, Hashable, Codable {
    public var surname: String
    public var name: String
    public var iin: String
    public var phone: String
    /// Nil: after the last one.
    public var order: Int?

    public init(surname: String, name: String, iin: String, phone: String, order: Int? = nil) {
        self.surname = surname
        self.name = name
        self.iin = iin
        self.phone = phone
        self.order = order
    }
}

/// A signer named in a ``WorkflowCommand/create(documentID:uploadedBy:_:signers:send:)``, with the id it gets.
public struct NamedSigner: Sendable, Hashable, Codable {
    public var signerID: String
    public var request: SignerRequest

    public init(signerID: String, _ request: SignerRequest) {
        self.signerID = signerID
        self.request = request
    }
}

/// Everything that changes a document. Each runs in one store transaction with its audit events.
public enum WorkflowCommand: Sendable, Hashable, Codable {
    case upload(documentID: String, uploadedBy: String, UploadRequest)
    /// Upload, name the signers and (with `send`) send, as one command: what a form with the file and its
    /// signers submits. The same audit events as the separate commands, in one transaction and one log leaf.
    case create(documentID: String, uploadedBy: String, UploadRequest, signers: [NamedSigner], send: Bool)
    case addSigner(documentID: String, signerID: String, SignerRequest)
    case send(documentID: String)
    case view(documentID: String, signerID: String)
    case sign(documentID: String, signerID: String, SignatureEvidence)
    case reject(documentID: String, signerID: String, reason: String)
    case cancel(documentID: String, reason: String?)
    case expire(documentID: String)

    public var documentID: String {
        switch self {
        case .upload(let id, _, _), .create(let id, _, _, _, _), .addSigner(let id, _, _), .send(let id), .view(let id, _),
            .sign(let id, _, _),
            .reject(let id, _, _), .cancel(let id, _), .expire(let id):
            return id
        }
    }

    public var kind: CommandKind {
        switch self {
        case .upload: return .upload
        case .create: return .create
        case .addSigner: return .addSigner
        case .send: return .send
        case .view: return .view
        case .sign: return .sign
        case .reject: return .reject
        case .cancel: return .cancel
        case .expire: return .expire
        }
    }
}

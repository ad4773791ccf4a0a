import Foundation
import Hummingbird
import SenimEvidence
import SenimWorkflow

/// An error as the API answers it: an HTTP status, a stable code for programs, and one sentence for the user
/// in the request's language (`{"code": …, "message": …}`, the shape eGov mobile shows as is).
public struct APIError: Error, Sendable, HTTPResponseError {
    public enum Reason: Sendable, Hashable {
        case workflow(WorkflowError)
        case notAuthenticated
        case permissionDenied(Denial)
        case badRequest(RequestProblem)
        case notFound
        /// The path exists, the method does not (RFC 9110 §15.5.6: 405 with `Allow`).
        case methodNotAllowed(allowed: [String])
        case payloadTooLarge(limit: Int64)
        /// A signature that cannot be read at all (not CMS, not XML, not base64).
        case unreadableSignature(SignatureProblem)
        /// A costly request (an evidence export, a report) asked too often; try again after the seconds given.
        case tooManyRequests(retryAfter: Int)
        /// The store or another dependency failed; the detail goes to the log, never to the user.
        case unavailable(String)
    }

    public let reason: Reason

    public init(_ reason: Reason) { self.reason = reason }
    public init(workflow: WorkflowError) { reason = .workflow(workflow) }

    public var status: HTTPResponse.Status {
        switch reason {
        case .notAuthenticated: return .unauthorized
        case .permissionDenied: return .forbidden
        case .badRequest: return .badRequest
        case .notFound: return .notFound
        case .methodNotAllowed: return .methodNotAllowed
        case .payloadTooLarge: return .contentTooLarge
        case .unreadableSignature: return .unprocessableContent
        case .tooManyRequests: return .tooManyRequests
        case .unavailable: return .serviceUnavailable
        case .workflow(let error): return Self.status(of: error)
        }
    }

    static func status(of error: WorkflowError) -> HTTPResponse.Status {
        switch error {
        case .documentNotFound, .signerNotFound, .partnerNotFound: return .notFound
        case .permissionDenied, .userBlocked, .partnerSignatureNeedsEDS: return .forbidden
        case .notAuthenticated, .linkExpired: return .unauthorized
        case .invalidInput: return .badRequest
        case .rateLimited: return .tooManyRequests
        case .illegalTransition, .notSignersTurn, .duplicateSigner, .idempotencyKeyReused, .deadlinePassed, .partnerInactive, .noSigners,
            .noTariffUsesLeft, .agreementNotAccepted, .signatureAlreadyUsed:
            return .conflict
        case .signingMethodNotAllowed, .signerIdentityMismatch, .partnerBINMismatch, .roleCannotSignForPartner, .signatureNotValid,
            .documentDigestMismatch, .codeNotAccepted:
            return .unprocessableContent
        }
    }

    /// The stable code, e.g. `NOT_SIGNERS_TURN`.
    public var code: String { UserMessages.code(of: reason) }

    public func message(in language: Language) -> String { UserMessages.text(for: reason, in: language) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        // The header, not the context: an error thrown inside a route unwinds past the middleware's copy of it.
        let language = Language(acceptLanguage: request.headers[.acceptLanguage])
        var headers = HTTPFields()
        if let seconds = retryAfter { headers[.retryAfter] = String(seconds) }
        if case .methodNotAllowed(let allowed) = reason { headers[.allow] = allowed.joined(separator: ", ") }
        let body = Array(try PlatformJSONEncoder.encoder.encode(APIErrorBody(code: code, message: message(in: language))))
        return PlatformJSONEncoder.response(encoded: body, status: status, headers: headers)
    }

    /// The seconds a client should wait before asking again (`Retry-After`), for limits that have one.
    var retryAfter: Int? {
        switch reason {
        case .tooManyRequests(let seconds), .workflow(.rateLimited(_, let seconds)): return seconds
        default: return nil
        }
    }
}

/// The body of every error answer.
public struct APIErrorBody: Codable, Sendable, Hashable {
    public let code: String
    public let message: String
}

extension APIError {
    /// Any error a route threw, as the API answers it: typed errors keep their meaning; anything else is a
    /// 503 without its internals (the log has them).
    static func from(_ error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as WorkflowError: return APIError(workflow: error)
        default: return APIError(.unavailable("\(error)"))
        }
    }
}

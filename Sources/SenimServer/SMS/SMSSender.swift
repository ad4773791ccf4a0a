import Foundation
import SenimWorkflow

/// One SMS: to whom, the text, and why (login, a signing link, a signature code).
public struct SMSMessage: Sendable, Hashable, Codable {
    public enum Purpose: String, Sendable, Codable { case loginCode, signingLink, signatureCode, rejectionCode }

    public let to: PhoneNumber
    public let text: String
    public let purpose: Purpose

    public init(to: PhoneNumber, text: String, purpose: Purpose) {
        self.to = to
        self.text = text
        self.purpose = purpose
    }
}

/// Why an SMS could not be handed over.
public struct SMSDeliveryError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Hands SMS to whoever delivers them; the returned id is the provider's message id, recorded as evidence.
public protocol SMSSender: Sendable {
    func send(_ message: SMSMessage) async throws -> String
}

import Foundation
import SenimEvidence
import SenimPKI
import SenimWorkflow

/// The Company's administration (docs/user-agreement.md §3.8), for the API and the admin pages alike: each change saved with
/// its audit event by the engine, which also checks that `principal` may make it.
extension SenimPlatform {
    /// A new partner; the BIN's check digit is checked (NCA test BINs only where the deployment accepts them).
    public func registerPartner(bin digits: String, organisation: String, by principal: WorkflowPrincipal, client: ClientContext)
        async throws -> Partner
    {
        guard let bin = KazakhIdentifier(digits, kind: .bin), configuration.rules.accepts(bin) else {
            throw WorkflowError.invalidInput(.invalidBIN(digits))
        }
        let name = organisation.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw WorkflowError.invalidInput(.organisationNameMissing) }
        if try await engine.partner(bin: bin) != nil { throw WorkflowError.invalidInput(.partnerAlreadyRegistered(bin.digits)) }
        let partner = Partner(id: try newIdentifier("p"), bin: bin, organisation: name, createdAt: now)
        try await engine.save(.partner(partner), by: principal, client: client, at: now)
        return partner
    }

    /// Activates or deactivates a partner; nil when there is no such partner.
    public func setStatus(ofPartner id: String, to status: Partner.Status, by principal: WorkflowPrincipal, client: ClientContext)
        async throws -> Partner?
    {
        guard var partner = try await engine.partner(id: id) else { return nil }
        partner.status = status
        try await engine.save(.partner(partner), by: principal, client: client, at: now)
        return partner
    }

    /// Blocks or restores a user (a block ends their sessions at once); nil when there is no such user.
    public func setStatus(ofUser id: String, to status: User.Status, by principal: WorkflowPrincipal, client: ClientContext) async throws
        -> User?
    {
        guard var user = try await engine.principal(userID: id)?.user else { return nil }
        user.status = status
        try await engine.save(.user(user), by: principal, client: client, at: now)
        return user
    }

    /// A tariff package for an existing partner, with uses and a validity period.
    public func issueTariff(
        partnerID: String, usesTotal: Int, validFrom: Date, validUntil: Date, by principal: WorkflowPrincipal,
        client: ClientContext
    ) async throws -> TariffPackage {
        guard usesTotal > 0, validUntil > validFrom else { throw WorkflowError.invalidInput(.tariffNeedsUsesAndPeriod) }
        guard try await engine.partner(id: partnerID) != nil else { throw WorkflowError.partnerNotFound(partnerID) }
        let tariff = TariffPackage(
            id: try newIdentifier("t"), partnerID: partnerID, usesTotal: usesTotal,
            validFrom: validFrom, validUntil: validUntil)
        try await engine.save(.tariff(tariff), by: principal, client: client, at: now)
        return tariff
    }

    /// Changes a package's uses (never below what is used or reserved), its end or whether it is active, atomically
    /// with any signature completing meanwhile; nil when there is no such package.
    public func changeTariff(
        id: String, usesTotal: Int? = nil, validUntil: Date? = nil, active: Bool? = nil, by principal: WorkflowPrincipal,
        client: ClientContext
    ) async throws -> TariffPackage? {
        try await engine.changeTariff(
            id: id, usesTotal: usesTotal, validUntil: validUntil, active: active, by: principal, client: client, at: now)
    }
}

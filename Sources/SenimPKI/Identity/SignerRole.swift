import SwiftASN1

/// What an NCA RK certificate says its holder may do, read from the extended key usage (docs/kazakh-eds.md §3.2):
/// since the GOST-2015 generation the policy OID is generic and the role lives in the EKU.
public enum SignerRole: String, Sendable, Hashable, Codable, CaseIterable {
    case individual // 1.2.398.3.3.4.1.1
    case legalEntity // 1.2.398.3.3.4.1.2
    case firstHead // 1.2.398.3.3.4.1.2.1  (CEO)
    case signingRight // 1.2.398.3.3.4.1.2.2
    case financialSigning // 1.2.398.3.3.4.1.2.3
    case humanResources // 1.2.398.3.3.4.1.2.4
    case employee // 1.2.398.3.3.4.1.2.5
    case treasuryClient // 1.2.398.3.3.4.1.2.6 (seen in the NCA SDK 2026 pack)
    case informationSystem // 1.2.398.5.19.1.2.2.1
    case identification // 1.2.398.3.3.4.3 and its sub-arcs
    case ncaPrivileges // 1.2.398.3.3.4.2 and its sub-arcs
    case emailProtection // 1.3.6.1.5.5.7.3.4: NCALayer's "signing key" preset
    case clientAuthentication // 1.3.6.1.5.5.7.3.2: NCALayer's "authentication key" preset
    case timeStamping // 1.3.6.1.5.5.7.3.8
    case ocspSigning // 1.3.6.1.5.5.7.3.9

    public static func roles(fromExtendedKeyUsage oids: [ASN1ObjectIdentifier]) -> [SignerRole] {
        var roles: [SignerRole] = []
        for oid in oids {
            let arcs = oid.oidComponents
            let role: SignerRole?
            switch arcs {
            case [1, 2, 398, 3, 3, 4, 1, 1]: role = .individual
            case [1, 2, 398, 3, 3, 4, 1, 2]: role = .legalEntity
            case [1, 2, 398, 3, 3, 4, 1, 2, 1]: role = .firstHead
            case [1, 2, 398, 3, 3, 4, 1, 2, 2]: role = .signingRight
            case [1, 2, 398, 3, 3, 4, 1, 2, 3]: role = .financialSigning
            case [1, 2, 398, 3, 3, 4, 1, 2, 4]: role = .humanResources
            case [1, 2, 398, 3, 3, 4, 1, 2, 5]: role = .employee
            case [1, 2, 398, 3, 3, 4, 1, 2, 6]: role = .treasuryClient
            case [1, 2, 398, 5, 19, 1, 2, 2, 1]: role = .informationSystem
            case [1, 3, 6, 1, 5, 5, 7, 3, 4]: role = .emailProtection
            case [1, 3, 6, 1, 5, 5, 7, 3, 2]: role = .clientAuthentication
            case [1, 3, 6, 1, 5, 5, 7, 3, 8]: role = .timeStamping
            case [1, 3, 6, 1, 5, 5, 7, 3, 9]: role = .ocspSigning
            default:
                if arcs.starts(with: [1, 2, 398, 3, 3, 4, 3]) {
                    role = .identification
                } else if arcs.starts(with: [1, 2, 398, 3, 3, 4, 2]) {
                    role = .ncaPrivileges
                } else {
                    role = nil
                }
            }
            if let role, !roles.contains(role) { roles.append(role) }
        }
        return roles
    }

    /// Roles that let the holder sign on behalf of the organisation in the certificate.
    public var signsForOrganisation: Bool {
        switch self {
        case .firstHead, .signingRight, .financialSigning, .humanResources: return true
        default: return false
        }
    }
}

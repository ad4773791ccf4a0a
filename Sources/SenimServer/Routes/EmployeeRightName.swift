import SenimWorkflow

/// An employee right (and a key's) as the API spells it in requests and answers.
enum EmployeeRightName: String, Codable, CaseIterable, Sendable {
    case upload, send, signForPartner, viewAllPartnerDocuments, manageEmployees

    var right: EmployeeRights {
        switch self {
        case .upload: return .upload
        case .send: return .send
        case .signForPartner: return .signForPartner
        case .viewAllPartnerDocuments: return .viewAllPartnerDocuments
        case .manageEmployees: return .manageEmployees
        }
    }

    /// The rights a request names, or a refusal naming the first unknown one and the names there are.
    static func rights(_ names: [String]) throws(APIError) -> EmployeeRights {
        var rights = EmployeeRights()
        for name in names {
            guard let known = EmployeeRightName(rawValue: name) else {
                throw APIError(.badRequest(.unknownValue(field: "rights", value: name, allowed: allCases.map(\.rawValue).sorted())))
            }
            rights.insert(known.right)
        }
        return rights
    }

    /// The names of `rights`, in declaration order.
    static func names(_ rights: EmployeeRights) -> [EmployeeRightName] { allCases.filter { rights.contains($0.right) } }
}

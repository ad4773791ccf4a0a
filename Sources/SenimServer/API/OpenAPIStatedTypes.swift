import Foundation
import SenimEvidence
import SenimPKI
import SenimWorkflow

// The API's enums and validated strings, with their schemas stated (``OpenAPISchemaStated``): an enum's cases
// are its schema's `enum`; a phone, an IIN or BIN and a bit set of rights have the pattern or type they are
// checked against.

extension Document.Status: OpenAPIEnum {}
extension Document.SigningMethod: OpenAPIEnum {}
extension Document.SigningOrder: OpenAPIEnum {}
extension Language: OpenAPIEnum {}
extension SignerInboxEntry.Awaited: OpenAPIEnum {}
extension WebhookEventType: OpenAPIEnum {}
extension WebhookFailure: OpenAPIEnum {}
extension EmployeeRightName: OpenAPIEnum {}
extension SignatureKind: OpenAPIEnum { static var openAPICases: [SignatureKind] { [.eds, .ses] } }
extension SenimWorkflow.Signer.Party: OpenAPIEnum { static var openAPICases: [SenimWorkflow.Signer.Party] { [.partner, .person] } }
extension SenimWorkflow.Signer.State: OpenAPIEnum {
    static var openAPICases: [SenimWorkflow.Signer.State] { [.waiting, .notified, .viewed, .signed, .rejected] }
}
extension Partner.Status: OpenAPIEnum { static var openAPICases: [Partner.Status] { [.active, .inactive] } }
extension User.Status: OpenAPIEnum { static var openAPICases: [User.Status] { [.active, .blocked] } }
extension WebhookEndpoint.Status: OpenAPIEnum { static var openAPICases: [WebhookEndpoint.Status] { [.active, .disabled] } }
extension WebhookDelivery.Status: OpenAPIEnum { static var openAPICases: [WebhookDelivery.Status] { [.pending, .delivered, .failed] } }
extension EDSFormat: OpenAPIEnum { static var openAPICases: [EDSFormat] { [.cms, .xml] } }
extension SESAction: OpenAPIEnum { static var openAPICases: [SESAction] { [.sign, .reject, .confirm, .login] } }
extension EGovMobile.SignMethod: OpenAPIEnum { static var openAPICases: [EGovMobile.SignMethod] { [.xml, .cmsWithData, .cmsSignOnly] } }

extension PhoneNumber: OpenAPISchemaStated {
    static var openAPISchema: [String: Any] {
        ["type": "string", "pattern": "^\\+7[0-9]{10}$", "description": "A Kazakh mobile number in E.164", "example": "+77011234567"]
    }
    static var schemaPlaceholder: PhoneNumber? { PhoneNumber("+77011234567") }
}

extension KazakhIdentifier: OpenAPISchemaStated {
    static var openAPISchema: [String: Any] { ["type": "string", "pattern": "^[0-9]{12}$", "description": "An IIN or BIN (12 digits)"] }
    static var schemaPlaceholder: KazakhIdentifier? { KazakhIdentifier("123456789021", kind: .bin) }
}

extension EmployeeRights: OpenAPISchemaStated {
    static var openAPISchema: [String: Any] {
        [
            "type": "integer", "minimum": 0, "maximum": EmployeeRights.all.rawValue,
            "description": "Rights as bits: 1 upload, 2 send, 4 signForPartner, 8 viewAllPartnerDocuments, 16 manageEmployees",
        ]
    }
    static var schemaPlaceholder: EmployeeRights? { [] }
}

import CLibXML2

/// The canonicalisation algorithms XML-DSig allows, by URI: inclusive C14N 1.0 (what Kalkan writes for
/// SignedInfo), its #WithComments form (Kalkan's Reference transform), exclusive C14N 1.0, and C14N 1.1.
public enum CanonicalizationMethod: String, Sendable, CaseIterable {
    case inclusive10 = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
    case inclusive10WithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
    case exclusive10 = "http://www.w3.org/2001/10/xml-exc-c14n#"
    case exclusive10WithComments = "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
    case inclusive11 = "http://www.w3.org/2006/12/xml-c14n11"
    case inclusive11WithComments = "http://www.w3.org/2006/12/xml-c14n11#WithComments"

    var withComments: Bool {
        switch self {
        case .inclusive10WithComments, .exclusive10WithComments, .inclusive11WithComments: return true
        default: return false
        }
    }

    var isExclusive: Bool { self == .exclusive10 || self == .exclusive10WithComments }

    var libxmlMode: Int32 {
        switch self {
        case .inclusive10, .inclusive10WithComments: return Int32(XML_C14N_1_0.rawValue)
        case .exclusive10, .exclusive10WithComments: return Int32(XML_C14N_EXCLUSIVE_1_0.rawValue)
        case .inclusive11, .inclusive11WithComments: return Int32(XML_C14N_1_1.rawValue)
        }
    }
}

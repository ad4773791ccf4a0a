// swift-format-ignore-file: AlwaysUseLowerCamelCase
// The names keep the standards' designators (tc26_512_A for id-tc26-gost-3410-12-512-paramSetA, gost34310_2004 for
// СТ РК ГОСТ 34.310-2004), where the underscore separates a standard's number, its year and its parameter set.

import SwiftASN1

/// The GOST signature algorithms by identifier: which digest, which key size, which byte layout.
public enum GOSTSignatureScheme: String, CaseIterable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// СТ РК ГОСТ 34.310-2004 with ГОСТ 34.311-95 (KZ, 1.2.398.3.10.1.1.1.2).
    case gost34310_2004
    /// ГОСТ 34.10-2015 (256) with ГОСТ 34.11-2015 (256) (KZ, 1.2.398.3.10.1.1.2.3.1).
    case gost34102015_256
    /// ГОСТ 34.10-2015 (512) with ГОСТ 34.11-2015 (512) (KZ, 1.2.398.3.10.1.1.2.3.2).
    case gost34102015_512
    /// GOST R 34.10-2001 with GOST R 34.11-94 CryptoPro (RFC 4491, 1.2.643.2.2.3).
    case gostR3410_2001
    /// GOST R 34.10-2012 256 with Streebog-256 (RFC 9215, 1.2.643.7.1.1.3.2).
    case gostR3410_2012_256
    /// GOST R 34.10-2012 512 with Streebog-512 (RFC 9215, 1.2.643.7.1.1.3.3).
    case gostR3410_2012_512

    public var objectIdentifier: ASN1ObjectIdentifier {
        typealias OID = ASN1ObjectIdentifier.SignatureAlgorithm
        switch self {
        case .gost34310_2004: return OID.kzGOST34310WithGOST34311
        case .gost34102015_256: return OID.kzGOST2015_256
        case .gost34102015_512: return OID.kzGOST2015_512
        case .gostR3410_2001: return OID.gostR3411_94WithGostR3410_2001
        case .gostR3410_2012_256: return OID.gostR3410_2012_256WithStreebog256
        case .gostR3410_2012_512: return OID.gostR3410_2012_512WithStreebog512
        }
    }

    public var digest: DigestAlgorithm {
        switch self {
        case .gost34310_2004: return .gost34311
        case .gostR3410_2001: return .gostR341194CryptoPro
        case .gost34102015_256, .gostR3410_2012_256: return .streebog256
        case .gost34102015_512, .gostR3410_2012_512: return .streebog512
        }
    }

    /// KZ identifiers use the Kalkan layout; Russian identifiers the RFC 4491 one.
    public var layout: GOSTSignatureLayout {
        switch self {
        case .gost34310_2004, .gost34102015_256, .gost34102015_512: return .kazakh
        case .gostR3410_2001, .gostR3410_2012_256, .gostR3410_2012_512: return .rfc4491
        }
    }

    /// Key size in bytes per coordinate: 32 or 64.
    var coordinateByteCount: Int {
        switch self {
        case .gost34102015_512, .gostR3410_2012_512: return 64
        default: return 32
        }
    }

    public var description: String {
        switch self {
        case .gost34310_2004: return "GOST 34.310-2004 with GOST 34.311-95"
        case .gost34102015_256: return "GOST 34.10-2015 (256) with GOST 34.11-2015 (256)"
        case .gost34102015_512: return "GOST 34.10-2015 (512) with GOST 34.11-2015 (512)"
        case .gostR3410_2001: return "GOST R 34.10-2001 with GOST R 34.11-94"
        case .gostR3410_2012_256: return "GOST R 34.10-2012 (256) with Streebog-256"
        case .gostR3410_2012_512: return "GOST R 34.10-2012 (512) with Streebog-512"
        }
    }
}

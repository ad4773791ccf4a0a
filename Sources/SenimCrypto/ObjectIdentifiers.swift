// swift-format-ignore-file: AlwaysUseLowerCamelCase
// The names keep the standards' designators (tc26_512_A for id-tc26-gost-3410-12-512-paramSetA, gost34310_2004 for
// СТ РК ГОСТ 34.310-2004), where the underscore separates a standard's number, its year and its parameter set.

import SwiftASN1

/// Object identifiers used by the crypto layer, grouped by what they name.
///
/// KZ identifiers (arc 1.2.398.3.10) come from NCA RK certificates and CMS (docs/kazakh-eds.md §1.1); the Russian
/// 1.2.643 ones from RFC 4357 / RFC 9215; the rest from the PKCS and NIST registries.
extension ASN1ObjectIdentifier {
    public enum Digest {
        public static let sha1: ASN1ObjectIdentifier = [1, 3, 14, 3, 2, 26]
        public static let sha224: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 4]
        public static let sha256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 1]
        public static let sha384: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 2]
        public static let sha512: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 2, 3]
        /// GOST 34.311-95 (KZ), test S-box.
        public static let kzGOST34311: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 3, 1]
        /// Streebog-256 (KZ arc; seen only in tooling).
        public static let kzStreebog256: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 3, 2]
        /// Streebog-512 (KZ arc).
        public static let kzStreebog512: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 3, 3]
        /// id-GostR3411-94 (RFC 4490: with the CryptoPro S-box).
        public static let gostR341194: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 9]
        public static let streebog256: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 1, 2, 2]
        public static let streebog512: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 1, 2, 3]
        /// Hash parameter set found in KZ GOST-2004 SubjectPublicKeyInfo (= GOST R 34.11-94 test S-box).
        public static let kzGOST34311ParamSet: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 3, 1, 1, 0]
        public static let gostR341194TestParamSet: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 30, 0]
        public static let gostR341194CryptoProParamSet: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 30, 1]
    }

    public enum PublicKeyAlgorithm {
        public static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
        public static let rsassaPSS: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 10]
        public static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
        public static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
        public static let dsa: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 1]
        /// GOST 34.310-2004 public key (KZ).
        public static let kzGOST34310: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 1, 1]
        /// GOST 34.10-2015 256-bit public key (KZ; seen only in tooling).
        public static let kzGOST2015_256: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 2, 1]
        /// GOST 34.10-2015 512-bit public key (KZ).
        public static let kzGOST2015_512: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 2, 2]
        public static let gostR3410_2001: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 19]
        public static let gostR3410_2012_256: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 1, 1, 1]
        public static let gostR3410_2012_512: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 1, 1, 2]
    }

    public enum SignatureAlgorithm {
        public static let sha1WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 5]
        public static let sha224WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 14]
        public static let sha256WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 11]
        public static let sha384WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 12]
        public static let sha512WithRSAEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 13]
        public static let ecdsaWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 1]
        public static let ecdsaWithSHA224: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 1]
        public static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
        public static let ecdsaWithSHA384: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 3]
        public static let ecdsaWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 4]
        public static let dsaWithSHA1: ASN1ObjectIdentifier = [1, 2, 840, 10040, 4, 3]
        public static let dsaWithSHA224: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 3, 1]
        public static let dsaWithSHA256: ASN1ObjectIdentifier = [2, 16, 840, 1, 101, 3, 4, 3, 2]
        /// GOST 34.311-95 with GOST 34.310-2004 (KZ).
        public static let kzGOST34310WithGOST34311: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 1, 2]
        /// GOST 34.11-2015 (256) with GOST 34.10-2015 (256) (KZ; NCANode's GOST3410_256_2015).
        public static let kzGOST2015_256: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 2, 3, 1]
        /// GOST 34.11-2015 (512) with GOST 34.10-2015 (512) (KZ).
        public static let kzGOST2015_512: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 2, 3, 2]
        public static let gostR3411_94WithGostR3410_2001: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 3]
        public static let gostR3410_2012_256WithStreebog256: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 1, 3, 2]
        public static let gostR3410_2012_512WithStreebog512: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 1, 3, 3]
    }

    public enum NamedCurve {
        public static let p256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 3, 1, 7]
        public static let p384: ASN1ObjectIdentifier = [1, 3, 132, 0, 34]
        public static let p521: ASN1ObjectIdentifier = [1, 3, 132, 0, 35]
        public static let kzGOST34310ParamSet: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 1, 1, 1]
        public static let kzGOST2015_256ParamSet: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 2, 1, 1]
        public static let kzGOST2015_512ParamSet: ASN1ObjectIdentifier = [1, 2, 398, 3, 10, 1, 1, 2, 2, 1]
        public static let gostTestParamSet: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 35, 0]
        public static let cryptoProA: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 35, 1]
        public static let cryptoProB: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 35, 2]
        public static let cryptoProC: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 35, 3]
        public static let cryptoProXchA: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 36, 0]
        public static let cryptoProXchB: ASN1ObjectIdentifier = [1, 2, 643, 2, 2, 36, 1]
        public static let tc26_256_A: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 2, 1, 1, 1]
        public static let tc26_512_test: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 2, 1, 2, 0]
        public static let tc26_512_A: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 2, 1, 2, 1]
        public static let tc26_512_B: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 2, 1, 2, 2]
        public static let tc26_512_C: ASN1ObjectIdentifier = [1, 2, 643, 7, 1, 2, 1, 2, 3]
    }

    public enum RSAPSS {
        public static let mgf1: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 8]
    }
}

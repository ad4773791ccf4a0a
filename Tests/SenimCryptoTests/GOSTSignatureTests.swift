import SenimTestSupport
import SwiftASN1
import Testing

@testable import SenimCrypto

@Suite("GOST R 34.10 / GOST 34.310 / GOST 34.10-2015 signatures")
struct GOSTSignatureTests {
    /// RFC 5832 §7 (= RFC 7091 §7.1): the 256-bit worked example. e is given as an integer.
    @Test func rfc5832WorkedExample256Verifies() throws {
        let group = GOSTGroup.shared(.example256)
        let d = BigNumber(hex: "7A929ADE789BB9BE10ED359DD39A72C11B60961F49397EEE1D19CE9891EC3B28")
        let e = BigNumber(hex: "2DFBC1B372D89A1188C09C52E0EEC61FCE52032AB1022E8E67ECE6672B043EE5")
        let k = BigNumber(hex: "77105C9B20BCD3122823C8CF6FCC7B956DE33814E95B7FE64FED924594DCEAB3")
        let q = GOSTSignatureMath.publicKey(privateKey: d, group: group).affineCoordinates()
        #expect(Hex.encode(q.x.bigEndianBytes(count: 32)) == "7f2b49e270db6d90d8595bec458b50c58585ba1d4e9b788f6689dbd8e56fd80b")
        #expect(Hex.encode(q.y.bigEndianBytes(count: 32)) == "26f1b489d6701dd185c8413a977b3cbbaf64d1c593d26627dffb101a87ff77da")
        let signature = try #require(GOSTSignatureMath.sign(alpha: e, privateKey: d, nonce: k, group: group))
        #expect(Hex.encode(signature.r.bigEndianBytes(count: 32)) == "41aa28d2f1ab148280cd9ed56feda41974053554a42767b83ad043fd39dc0493")
        #expect(Hex.encode(signature.s.bigEndianBytes(count: 32)) == "01456c64ba4642a1653c235a98a60249bcd6d3f746b631df928014f6c5bf9c40")
        let point = GOSTSignatureMath.publicKey(privateKey: d, group: group)
        #expect(try GOSTSignatureMath.verify(alpha: e, r: signature.r, s: signature.s, publicKey: point))
        let tampered = BigNumber(hex: "01456C64BA4642A1653C235A98A60249BCD6D3F746B631DF928014F6C5BF9C41")
        #expect(try !GOSTSignatureMath.verify(alpha: e, r: signature.r, s: tampered, publicKey: point))
    }

    /// RFC 7091 §7.2: the 512-bit worked example of GOST R 34.10-2012.
    @Test func rfc7091WorkedExample512Verifies() throws {
        let group = GOSTGroup.shared(.example512)
        let d = BigNumber(
            hex:
                "0BA6048AADAE241BA40936D47756D7C93091A0E8514669700EE7508E508B1020"
                + "72E8123B2200A0563322DAD2827E2714A2636B7BFD18AADFC62967821FA18DD4"
        )
        let e = BigNumber(
            hex:
                "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C591"
                + "7184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C"
        )
        let k = BigNumber(
            hex:
                "0359E7F4B1410FEACC570456C6801496946312120B39D019D455986E364F3658"
                + "86748ED7A44B3E794434006011842286212273A6D14CF70EA3AF71BB1AE679F1"
        )
        let point = GOSTSignatureMath.publicKey(privateKey: d, group: group)
        let q = point.affineCoordinates()
        #expect(
            Hex.encode(q.x.bigEndianBytes(count: 64))
                == "115dc5bc96760c7b48598d8ab9e740d4c4a85a65be33c1815b5c320c854621dd"
                + "5a515856d13314af69bc5b924c8b4ddff75c45415c1d9dd9dd33612cd530efe1"
        )
        #expect(
            Hex.encode(q.y.bigEndianBytes(count: 64))
                == "37c7c90cd40b0f5621dc3ac1b751cfa0e2634fa0503b3d52639f5d7fb72afd61"
                + "ea199441d943ffe7f0c70a2759a3cdb84c114e1f9339fdf27f35eca93677beec"
        )
        let signature = try #require(GOSTSignatureMath.sign(alpha: e, privateKey: d, nonce: k, group: group))
        #expect(
            Hex.encode(signature.r.bigEndianBytes(count: 64))
                == "2f86fa60a081091a23dd795e1e3c689ee512a3c82ee0dcc2643c78eea8fcacd3"
                + "5492558486b20f1c9ec197c90699850260c93bcbcd9c5c3317e19344e173ae36"
        )
        #expect(
            Hex.encode(signature.s.bigEndianBytes(count: 64))
                == "1081b394696ffe8e6585e7a9362d26b6325f56778aadbc081c0bfbe933d52ff5"
                + "823ce288e8c4f362526080df7f70ce406a6eeb1f56919cb92a9853bde73e5b4a"
        )
        #expect(try GOSTSignatureMath.verify(alpha: e, r: signature.r, s: signature.s, publicKey: point))
        let otherDigest = BigNumber(
            hex:
                "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C591"
                + "7184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8D"
        )
        #expect(try !GOSTSignatureMath.verify(alpha: otherDigest, r: signature.r, s: signature.s, publicKey: point))
    }

    /// Real NCA RK certificates: each signature over the exact TBS bytes verifies with the issuer's key,
    /// and fails after one flipped bit in the TBS or in the signature.
    @Test(arguments: [
        ("kz/ca/nca_gost_test.der", "kz/ca/root_gost_test.der"), // GOST-2004
        ("kz/ca/root_gost_test.der", "kz/ca/root_gost_test.der"), // self-signed GOST-2004
        ("kz/certs/ceo_valid_sign_2004_gost.der", "kz/ca/nca_gost_test.der"),
        ("kz/ca/nca_gost2015_test.cer", "kz/ca/root_test_gost_2022.cer"), // GOST-2015-512
        ("kz/ca/root_test_gost_2022.cer", "kz/ca/root_test_gost_2022.cer"),
        ("kz/keys/individual_valid_2015.cer", "kz/ca/nca_gost2015_test.cer"),
        ("kz/keys/ceo_revoked_2015.cer", "kz/ca/nca_gost2015_test.cer"),
        ("kz/prod-ca/nca_gost.crt", "kz/prod-ca/root_gost.crt"), // production GOST-2004
        ("kz/ca/nca_rsa_test.der", "kz/ca/root_rsa_test.der"), // RSA-4096
        ("kz/certs/individual_valid_sign_2004_rsa.der", "kz/ca/nca_rsa_test.der"),
        ("kz/prod-ca/nca_rsa.crt", "kz/prod-ca/root_rsa.crt"),
    ])
    func realCertificateSignature(subjectPath: String, issuerPath: String) throws {
        let subject = try CertificateFields(pemOrDER: try TestVectors.bytes(subjectPath))
        let issuer = try CertificateFields(pemOrDER: try TestVectors.bytes(issuerPath))
        let key = try PublicKey(subjectPublicKeyInfo: issuer.subjectPublicKeyInfo)
        let algorithm = try SignatureAlgorithm(algorithmIdentifier: subject.signatureAlgorithm)
        #expect(try key.isValidSignature(subject.signature, for: subject.tbsBytes, algorithm: algorithm))

        var tamperedTBS = subject.tbsBytes
        tamperedTBS[tamperedTBS.count / 2] ^= 0x01
        #expect(try !key.isValidSignature(subject.signature, for: tamperedTBS, algorithm: algorithm))

        var tamperedSignature = subject.signature
        tamperedSignature[3] ^= 0x80
        let tamperedVerdict = (try? key.isValidSignature(tamperedSignature, for: subject.tbsBytes, algorithm: algorithm)) ?? false
        #expect(!tamperedVerdict)
    }

    /// The same GOST signature in the RFC 4491 layout is the full byte reversal of the Kalkan one.
    @Test func kazakhLayoutIsReversedRFC4491() throws {
        let subject = try CertificateFields(der: try TestVectors.bytes("kz/ca/nca_gost2015_test.cer"))
        let issuer = try CertificateFields(der: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer"))
        let key = try GOSTPublicKey(subjectPublicKeyInfo: issuer.subjectPublicKeyInfo)
        let digest = DigestAlgorithm.streebog512.hash(subject.tbsBytes)
        #expect(try key.isValidSignature(subject.signature, digest: digest, layout: .kazakh))
        #expect(try key.isValidSignature(Array(subject.signature.reversed()), digest: digest, layout: .rfc4491))
        #expect(try !key.isValidSignature(subject.signature, digest: digest, layout: .rfc4491))
    }

    @Test func outOfRangeComponentsAreErrors() throws {
        let issuer = try CertificateFields(der: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer"))
        let key = try PublicKey(subjectPublicKeyInfo: issuer.subjectPublicKeyInfo)
        let zeros = [UInt8](repeating: 0, count: 128)
        #expect(throws: SenimCryptoError.self) {
            try key.isValidSignature(zeros, for: [1, 2, 3], algorithm: .gost(.gost34102015_512))
        }
        let ones = [UInt8](repeating: 0xff, count: 128) // r, s ≥ q
        #expect(throws: SenimCryptoError.self) {
            try key.isValidSignature(ones, for: [1, 2, 3], algorithm: .gost(.gost34102015_512))
        }
        #expect(throws: SenimCryptoError.self) {
            try key.isValidSignature([1, 2, 3], for: [1, 2, 3], algorithm: .gost(.gost34102015_512))
        }
        // A 512-bit key cannot verify a 256-bit scheme.
        #expect(throws: SenimCryptoError.self) {
            try key.isValidSignature(zeros, for: [1], algorithm: .gost(.gost34310_2004))
        }
    }

    @Test func pointOffTheCurveIsRejected() throws {
        let issuer = try CertificateFields(der: try TestVectors.bytes("kz/ca/root_test_gost_2022.cer"))
        var keyBits = issuer.subjectPublicKeyInfo.keyBytes
        keyBits[keyBits.count - 1] ^= 0x01 // Y changes: almost surely off the curve
        let spki = try SubjectPublicKeyInfo(
            algorithm: issuer.subjectPublicKeyInfo.algorithm,
            subjectPublicKey: ASN1BitString(bytes: keyBits[...]))
        #expect(throws: SenimCryptoError.self) { try PublicKey(subjectPublicKeyInfo: spki) }
    }
}

@Suite("GOST fast path agrees with OpenSSL")
struct GOSTFastPathTests {
    /// Random keys, digests and signatures on both KZ curves: the specialised arithmetic and OpenSSL's generic
    /// EC_GROUP must give the same verdict every time (valid signatures, wrong digests, random r and s).
    @Test(arguments: [GOSTCurve.cryptoProA, .tc26_512_A])
    func specialisedArithmeticAgreesWithOpenSSLsGenericGroup(curve: GOSTCurve) throws {
        let group = GOSTGroup.shared(curve)
        #expect(group.fast != nil)
        let n = curve.coordinateByteCount
        var mutator = Mutator(seed: UInt64(n))
        func randomBytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: mutator.next()) } }
        var agreedValid = 0
        for _ in 0..<60 {
            let d = BigNumber(littleEndian: randomBytes(n - 1))
            let key = GOSTSignatureMath.publicKey(privateKey: d, group: group)
            let digest = BigNumber(littleEndian: randomBytes(n))
            let (r, s) = try GOSTSignatureMath.sign(alpha: digest, privateKey: d, group: group)
            let fast = try GOSTSignatureMath.verify(alpha: digest, r: r, s: s, publicKey: key)
            let slow = try GOSTSignatureMath.verify(alpha: digest, r: r, s: s, publicKey: key, allowFastPath: false)
            #expect(fast && slow)
            if fast && slow { agreedValid += 1 }

            let otherDigest = BigNumber(littleEndian: randomBytes(n))
            #expect(try !GOSTSignatureMath.verify(alpha: otherDigest, r: r, s: s, publicKey: key))
            #expect(try !GOSTSignatureMath.verify(alpha: otherDigest, r: r, s: s, publicKey: key, allowFastPath: false))

            let randomR = BigNumber(littleEndian: randomBytes(n - 1))
            let randomS = BigNumber(littleEndian: randomBytes(n - 1))
            let fastRandom = try GOSTSignatureMath.verify(alpha: digest, r: randomR, s: randomS, publicKey: key)
            let slowRandom = try GOSTSignatureMath.verify(alpha: digest, r: randomR, s: randomS, publicKey: key, allowFastPath: false)
            #expect(fastRandom == slowRandom)
            #expect(!fastRandom)
        }
        #expect(agreedValid == 60)
    }
}

@Suite("Every GOST parameter set")
struct GOSTParameterSetTests {
    /// Building a group checks that G is on the curve and has order q (OpenSSL validates both); a signature
    /// round trip then exercises the equations, and a wrong digest must fail, on every published set.
    @Test(arguments: [
        GOSTCurve.cryptoProA, .cryptoProB, .cryptoProC, .tc26_256_A, .tc26_512_A, .tc26_512_B, .tc26_512_C,
        .example256, .example512,
    ])
    func signVerifyRoundTrip(curve: GOSTCurve) throws {
        let group = GOSTGroup.shared(curve)
        #expect(group.curve == curve)
        let n = curve.coordinateByteCount
        let d = BigNumber(littleEndian: (0..<(n - 1)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let key = GOSTSignatureMath.publicKey(privateKey: d, group: group)
        let digest = BigNumber(littleEndian: (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 5) })
        let (r, s) = try GOSTSignatureMath.sign(alpha: digest, privateKey: d, group: group)
        #expect(try GOSTSignatureMath.verify(alpha: digest, r: r, s: s, publicKey: key))
        let wrong = BigNumber(littleEndian: (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 17 &+ 3) })
        #expect(try !GOSTSignatureMath.verify(alpha: wrong, r: r, s: s, publicKey: key))
    }

    @Test func parameterSetOIDsNameTheirCurvesAndAnUnobservedOneIsRefused() throws {
        #expect(try GOSTCurve(parameterSet: .NamedCurve.kzGOST34310ParamSet) == .cryptoProA)
        #expect(try GOSTCurve(parameterSet: .NamedCurve.kzGOST2015_512ParamSet) == .tc26_512_A)
        #expect(try GOSTCurve(parameterSet: .NamedCurve.cryptoProXchB) == .cryptoProC)
        // No KZ 256-bit GOST-2015 certificate has been observed, so its curve is not guessed.
        #expect(throws: SenimCryptoError.self) { try GOSTCurve(parameterSet: .NamedCurve.kzGOST2015_256ParamSet) }
    }
}

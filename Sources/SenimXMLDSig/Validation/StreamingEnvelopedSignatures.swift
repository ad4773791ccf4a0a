import CShims
import Foundation
import SenimCrypto

/// Enveloped signatures of the Kalkan shape read without building the document tree: two SAX passes over the
/// bytes (C, `SenimXMLStream.c`), the first capturing each root-level ds:Signature as a small document of its
/// own, the second computing inclusive C14N of the whole document straight into the digests each signature
/// needs. A 20 MB document then costs its own size in memory rather than a 10–15× tree.
///
/// It applies only where the result is provably the same as the tree-based processing: every ds:Signature a
/// child of the document element, every Reference `URI=""` with the enveloped-signature transform and at most
/// an inclusive C14N after it, and the Kalkan order (or a single signature). Anything else returns nil and the
/// caller uses the tree.
struct StreamingEnvelopedSignatures {
    struct Captured {
        let document: XMLDocument
    }

    let signatures: [Captured]
    /// For signature k: its digest algorithms → the digest of the document without signatures k, k+1, ….
    let digests: [[DigestAlgorithm: [UInt8]]]
    let lengths: [Int]

    init?(bytes input: [UInt8], options: XMLValidationOptions) throws(XMLDSigError) {
        let start = input.firstIndex { !(($0 == 0x20) || ($0 == 0x09) || ($0 == 0x0A) || ($0 == 0x0D)) } ?? input.endIndex
        guard start < input.endIndex, input.count - start <= XMLDocument.maximumSize, input.count < Int(Int32.max) else { return nil }
        if let construct = XMLDocument.forbiddenPrologConstruct(Array(input[start..<min(input.endIndex, start + 65536)])) {
            throw .forbiddenConstruct(construct)
        }

        // Pass 1: the signatures.
        let collector = Collector()
        var config = senim_stream_config(
            emit: nil,
            capture: { context, index, bytes, length in
                guard let context, let bytes else { return }
                Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().captured.append(
                    Array(UnsafeRawBufferPointer(start: bytes, count: length)))
            }, context: Unmanaged.passUnretained(collector).toOpaque(), root_signatures: 0, nested_signatures: 0)
        try Self.run(input, from: start, &config)
        guard config.nested_signatures == 0, config.root_signatures > 0, collector.captured.count == Int(config.root_signatures) else {
            return nil
        }
        guard options.multipleSignatureOrder == .kalkan || collector.captured.count == 1 else { return nil }

        var signatures: [Captured] = []
        var algorithms: [Set<DigestAlgorithm>] = []
        for bytes in collector.captured {
            // A capture that does not parse, or a signature of another shape, is left to the tree (which reports it).
            guard let document = try? XMLDocument(bytes: bytes), let signature = try? XMLSignatureElement(document.root),
                signature.references.allSatisfy(Self.isStreamable)
            else { return nil }
            var needed = Set<DigestAlgorithm>()
            for reference in signature.references {
                if let digest = try? DigestAlgorithm(xmlDigestMethodURI: reference.digestMethodURI) { needed.insert(digest) }
            }
            signatures.append(Captured(document: document))
            algorithms.append(needed)
        }

        // Pass 2: the digests, state k receiving everything outside signatures k, k+1, ….
        let hashing = Hashing(algorithms.map { DigestSet(algorithms: $0.sorted { $0.rawValue < $1.rawValue }) })
        var digestConfig = senim_stream_config(
            emit: { context, firstState, bytes, length in
                guard let context, let bytes else { return }
                let sink = Unmanaged<Hashing>.fromOpaque(context).takeUnretainedValue()
                let buffer = UnsafeRawBufferPointer(start: bytes, count: length)
                for state in Int(firstState)..<sink.sets.count { sink.sets[state].update(bufferPointer: buffer) }
            }, capture: nil, context: Unmanaged.passUnretained(hashing).toOpaque(), root_signatures: 0, nested_signatures: 0)
        try Self.run(input, from: start, &digestConfig)
        withExtendedLifetime((collector, hashing)) {}
        self.signatures = signatures
        lengths = hashing.sets.map(\.byteCount)
        digests = hashing.sets.indices.map { hashing.sets[$0].finalize() }
    }

    /// URI="" with enveloped-signature and at most one inclusive C14N (1.0 or 1.1: they agree on a whole document).
    static func isStreamable(_ reference: XMLReference) -> Bool {
        guard reference.uri == "", reference.transforms.contains(.envelopedSignature) else { return false }
        return reference.transforms.allSatisfy { transform in
            switch transform {
            case .envelopedSignature: return true
            case .canonicalization(let method, _): return !method.isExclusive
            default: return false
            }
        }
    }

    private static func run(_ input: [UInt8], from start: Int, _ config: inout senim_stream_config) throws(XMLDSigError) {
        var error = [CChar](repeating: 0, count: 256)
        let result = input.withUnsafeBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress, start < buffer.count else { return -1 }
            return base.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: buffer.count - start) { pointer in
                senim_xml_stream(pointer, Int32(buffer.count - start), &config, &error, error.count)
            }
        }
        if result == -2 {
            throw .forbiddenConstruct("a document type declaration or an entity reference (DTDs and entities are not accepted)")
        }
        guard result == 0 else { throw .malformedXML(String(cString: error).trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    private final class Collector { var captured: [[UInt8]] = [] }
    private final class Hashing {
        var sets: [DigestSet]
        init(_ sets: [DigestSet]) { self.sets = sets }
    }
}

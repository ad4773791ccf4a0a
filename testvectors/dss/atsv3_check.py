"""Recomputes the imprint of every archive-time-stamp-v3 in CAdES files (ETSI EN 319 122-1 §5.5.3), independently
of the Swift code: eContentType || H(signed data) || SignerInfo fields before unsignedAttrs || ats-hash-index value.
Usage: python3 atsv3_check.py FILE... (needs asn1crypto; a detached signature's content is not known here)."""
import hashlib
import sys

from asn1crypto import cms, core, tsp  # noqa: F401 (tsp registers TSTInfo)

INDEX = {'0.4.0.1733.2.5': 'ats-hash-index', '0.4.0.19122.1.4': 'ats-hash-index-v2', '0.4.0.19122.1.5': 'ats-hash-index-v3'}
HASH = {'sha256': hashlib.sha256, 'sha384': hashlib.sha384, 'sha512': hashlib.sha512, 'sha1': hashlib.sha1}


def check(path):
    signed = cms.ContentInfo.load(open(path, 'rb').read())['content']
    encap = signed['encap_content_info']
    content = encap['content'].native
    for info in signed['signer_infos']:
        for number, attribute in enumerate(info['unsigned_attrs'] or []):
            if attribute['type'].dotted != '0.4.0.1733.2.4':
                continue
            token = cms.ContentInfo.load(attribute['values'][0].dump())
            tst = token['content']['encap_content_info']['content'].parsed
            algorithm = HASH[tst['message_imprint']['hash_algorithm']['algorithm'].native]
            index = [a for a in token['content']['signer_infos'][0]['unsigned_attrs'] if a['type'].dotted in INDEX][0]
            digest = algorithm()
            digest.update(encap['content_type'].dump())
            digest.update(algorithm(content).digest() if content is not None else b'')
            for field in ['version', 'sid', 'digest_algorithm', 'signed_attrs', 'signature_algorithm', 'signature']:
                digest.update(info[field].dump())
            digest.update(index['values'][0].dump())
            verdict = 'imprint ok' if digest.digest() == tst['message_imprint']['hashed_message'].native else 'IMPRINT MISMATCH'
            print(path, 'attribute', number, INDEX[index['type'].dotted], verdict, tst['gen_time'].native.isoformat())


for name in sys.argv[1:]:
    check(name)

"""Makes the PDF signature vectors under testvectors/pdf with pyHanko (PyPI pyhanko 0.38) and hand-made
incremental updates, then records pyHanko's own verdict on each in pyhanko-verdicts.json.

Run through make.sh. Keys: the project's test PKI (testvectors/generated/test-pki, CC0). Signing and
timestamp times are the time of the run; the verdicts recorded do not depend on them.
"""
import asyncio
import datetime
import hashlib
import io
import json
import re
import zlib
import sys
from pathlib import Path

from asn1crypto import keys, pem, x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

HERE = Path(__file__).resolve().parent
PKI = HERE.parent / "generated" / "test-pki"
# pyHanko stamps its signatures with the time they are made (signingTime, /M, the dummy TSA's genTime); the tests
# validate at this pinned time, after any run of this recipe and before the test PKI expires (2045).
VALIDATION_TIME = datetime.datetime(2030, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)


def load_cert(name):
    data = (PKI / f"{name}.cert.pem").read_bytes()
    return x509.Certificate.load(pem.unarmor(data)[2])


def load_key(name):
    data = (PKI / f"{name}.key.pem").read_bytes()
    return keys.PrivateKeyInfo.load(pem.unarmor(data)[2]) if b"BEGIN PRIVATE KEY" in data else None


ROOT = load_cert("root")
CRL = (PKI / "root.crl").read_bytes()


def signer(name):
    return signers.SimpleSigner.load(str(PKI / f"{name}.key.pem"), str(PKI / f"{name}.cert.pem"),
                                     ca_chain_files=(str(PKI / "root.cert.pem"),))


def tsa():
    key = load_key("tsa")
    return DummyTimeStamper(tsa_cert=load_cert("tsa"), tsa_key=key, certs_to_embed=[ROOT])


def validation_context():
    crl = pem.unarmor(CRL)[2] if CRL.startswith(b"-----") else CRL
    return ValidationContext(trust_roots=[ROOT], crls=[crl], allow_fetching=False, moment=VALIDATION_TIME)


# --- A hand-written one-page PDF with a classic cross-reference table -------------------------------------------

def base_pdf():
    content = b"BT /F1 24 Tf 72 720 Td (Senimkey test document) Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Title (Senimkey test) /Producer (make_vectors.py) >>",
    ]
    return classic_pdf(objects, b" /Info 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]")


def classic_pdf(objects, trailer_entries=b""):
    """Objects 1…n in order with a classic cross-reference table (ISO 32000-2 §7.5.4) and a trailer naming object 1
    as the catalog, plus `trailer_entries`."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, trailer_entries)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def xref_stream_pdf(hybrid=False):
    """The same page written the compact way (Acrobat, Word, most producers): the dictionaries in a compressed
    object stream, a FlateDecode cross-reference stream with the PNG Up predictor (ISO 32000-2 §7.5.7, §7.5.8).
    `hybrid`: a classic table for the uncompressed objects whose trailer points at the stream with /XRefStm, the
    layout for readers that predate PDF 1.5 (§7.5.8.4)."""
    content = b"BT /F1 24 Tf 72 720 Td (Senimkey test document) Tj ET\n"
    compressed = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: b"<< /Title (Senimkey test) /Producer (make_vectors.py) >>",
    }
    header, body = b"", b""
    for number, data in compressed.items():
        header += b"%d %d " % (number, len(body))
        body += data + b"\n"
    packed = zlib.compress(header + body)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {4: len(out)}
    out += b"4 0 obj\n<< /Length %d >>\nstream\n" % len(content) + content + b"endstream\nendobj\n"
    offsets[7] = len(out)
    out += (b"7 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(compressed), len(header), len(packed)) + packed + b"\nendstream\nendobj\n")
    offsets[8] = len(out)
    rows = [(0, 0, 255)]
    index_in_stream = {number: slot for slot, number in enumerate(compressed)}
    for number in range(1, 9):
        rows.append((2, 7, index_in_stream[number]) if number in compressed else (1, offsets[number], 0))
    raw = b"".join(bytes([t]) + f2.to_bytes(3, "big") + bytes([f3]) for t, f2, f3 in rows)
    predicted, previous = bytearray(), bytes(5)
    for start in range(0, len(raw), 5):
        row = raw[start:start + 5]
        predicted += bytes([2]) + bytes((a - b) & 0xFF for a, b in zip(row, previous))
        previous = row
    data = zlib.compress(bytes(predicted))
    out += (b"8 0 obj\n<< /Type /XRef /Size 9 /W [1 3 1] /Root 1 0 R /Info 6 0 R "
            b"/ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] "
            b"/Filter /FlateDecode /DecodeParms << /Columns 5 /Predictor 12 >> /Length %d >>\nstream\n" % len(data)
            + data + b"\nendstream\nendobj\n")
    if hybrid:
        table = len(out)
        out += b"xref\n0 1\n0000000000 65535 f \n4 1\n%010d 00000 n \n7 2\n%010d 00000 n \n%010d 00000 n \n" % (offsets[4], offsets[7], offsets[8])
        out += b"trailer\n<< /Size 9 /Root 1 0 R /Info 6 0 R /XRefStm %d >>\nstartxref\n%d\n%%%%EOF\n" % (offsets[8], table)
        return bytes(out)
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[8]
    return bytes(out)


# --- pyHanko signing ---------------------------------------------------------------------------------------------

def sign(data, who="signer_rsa", field="Signature1", subfilter=SigSeedSubFilter.PADES, certify=False,
         docmdp=None, timestamper=None, embed_dss=False, md="sha256"):
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=subfilter, certify=certify, md_algorithm=md,
        docmdp_permissions=docmdp or MDPPerm.FILL_FORMS,
        embed_validation_info=embed_dss, validation_context=validation_context() if embed_dss else None,
        use_pades_lta=False)
    s = signer(who)
    return signers.sign_pdf(writer, meta, signer=s, timestamper=timestamper).getvalue()


def document_timestamp(data):
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    stamper = signers.PdfTimeStamper(tsa(), field_name="DocTimeStamp1")
    return stamper.timestamp_pdf(writer, "sha256", validation_context=None).getvalue()


# --- Hand-made incremental updates (the attack cases) ------------------------------------------------------------

def last_startxref(data):
    return int(re.findall(rb"startxref\s+(\d+)", data)[-1])


def trailer_fields(data):
    """Size and Root of the last trailer (classic trailer or xref stream dictionary)."""
    tail = data[last_startxref(data):]
    size = int(re.search(rb"/Size\s+(\d+)", tail).group(1))
    root = re.search(rb"/Root\s+(\d+\s+\d+\s+R)", tail).group(1)
    return size, root


def object_body(data, number):
    """The latest body of object `number` written as a top-level object (not inside an object stream)."""
    matches = list(re.finditer(rb"(?<![0-9])%d 0 obj\s*(.*?)\s*endobj" % number, data, re.S))
    return matches[-1].group(1)


def append_update(data, replaced, added=()):
    """Appends one revision: `replaced` {number: body} rewrites objects, `added` bodies get new numbers."""
    size, root = trailer_fields(data)
    out = bytearray(data)
    if not out.endswith(b"\n"):
        out += b"\n"
    entries = {}
    for number, body in replaced.items():
        entries[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    for body in added:
        entries[size] = len(out)
        out += b"%d 0 obj\n" % size + body + b"\nendobj\n"
        size += 1
    xref = len(out)
    out += b"xref\n"
    for number in sorted(entries):
        out += b"%d 1\n%010d 00000 n \n" % (number, entries[number])
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, last_startxref(data), xref)
    return bytes(out)


def page_number(data):
    return int(re.search(rb"(\d+) 0 obj\s*<<\s*/Type\s*/Page\b", data).group(1))


def content_replaced(signed):
    new = b"BT /F1 24 Tf 72 720 Td (Senimkey test document, amount 1000000) Tj ET\n"
    return append_update(signed, {4: b"<< /Length %d >>\nstream\n" % len(new) + new + b"endstream"})


def page_added(signed):
    size, _ = trailer_fields(signed)
    new_page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
    return append_update(signed, {2: b"<< /Type /Pages /Kids [3 0 R %d 0 R] /Count 2 >>" % size}, [new_page])


def annotation_added(signed):
    size, _ = trailer_fields(signed)
    page = object_body(signed, 3)
    annot = b"<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /Contents (added later) /P 3 0 R >>"
    if b"/Annots" in page:
        page = re.sub(rb"/Annots\s*\[", b"/Annots [%d 0 R " % size, page)
    else:
        page = page[:-2] + b" /Annots [%d 0 R] >>" % size
    return append_update(signed, {3: page}, [annot])


def signature_dictionary_altered(signed):
    number = int(re.findall(rb"(\d+) 0 obj\s*<<(?:(?!endobj).)*?/ByteRange", signed, re.S)[-1])
    body = object_body(signed, number)
    if b"/Reason" in body:
        body = re.sub(rb"/Reason\s*\([^)]*\)", b"/Reason (approved by the director)", body)
    else:
        body = body.replace(b"/Type /Sig", b"/Type /Sig /Reason (approved by the director)", 1)
    return append_update(signed, {number: body})


def hand_signed(data, subfilter, cms_for, lie=False):
    """Signs `data` through a hand-made signature dictionary: `cms_for(signed_bytes)` returns the DER CMS. With
    `lie`, the ByteRange hole is wider than /Contents: it also leaves out the /Reason string after it, so that
    text is unsigned though the CMS verifies over the bytes the ByteRange names."""
    size, root = trailer_fields(data)
    contents_hex = 16384
    placeholder_br = b"[0000000000 0000000000 0000000000 0000000000]"
    sig_number, field_number = size, size + 1
    sig = (b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /" + subfilter + b" /ByteRange " + placeholder_br +
           b" /Contents <" + b"0" * contents_hex + b"> /Reason (signed as is                   ) /M (D:20260601120000Z) >>")
    page = object_body(data, 3)
    page = page[:-2] + b" /Annots [%d 0 R] >>" % field_number
    catalog = object_body(data, 1)
    catalog = catalog[:-2] + b" /AcroForm << /Fields [%d 0 R] /SigFlags 3 >> >>" % field_number
    field = b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /V %d 0 R /Rect [0 0 0 0] /F 132 /P 3 0 R >>" % sig_number
    out = append_update(data, {1: catalog, 3: page}, [sig, field])
    contents_at = out.index(b"/Contents <" + b"0" * 16) + len(b"/Contents ")
    hole_start = contents_at
    hole_end = contents_at + contents_hex + 2
    if lie:
        hole_end = out.index(b")", out.index(b"/Reason (signed as is", hole_start)) + 1
    br = b"[%010d %010d %010d %010d]" % (0, hole_start, hole_end, len(out) - hole_end)
    out = out.replace(placeholder_br, br, 1)
    der = cms_for(out[:hole_start] + out[hole_end:]).hex().encode()
    assert len(der) <= contents_hex
    return out[:contents_at + 1] + der + b"0" * (contents_hex - len(der)) + out[contents_at + 1 + contents_hex:]


def byte_range_lying(data):
    def cms(signed):
        return asyncio.run(signer("signer_rsa").async_sign(hashlib.sha256(signed).digest(), "sha256", use_pades=True)).dump()
    return hand_signed(data, b"ETSI.CAdES.detached", cms, lie=True)


def adbe_sha1(data):
    """adbe.pkcs7.sha1 (ISO 32000-1 §12.8.3.3.1): the CMS encapsulates the SHA-1 digest of the ByteRange bytes and
    is itself signed with RSA-SHA1, as old Acrobat versions wrote it."""
    def cms(signed):
        digest = hashlib.sha1(signed).digest()
        return asyncio.run(signer("signer_rsa").async_sign_general_data(digest, "sha1", detached=False)).dump()
    return hand_signed(data, b"adbe.pkcs7.sha1", cms)


# --- pyHanko's own verdicts ----------------------------------------------------------------------------------------

async def verdicts(data):
    reader = PdfFileReader(io.BytesIO(data))
    result = []
    for embedded in reader.embedded_signatures:
        entry = {"field": embedded.field_name}
        try:
            if embedded.sig_object.get("/Type") == "/DocTimeStamp":
                from pyhanko.sign.validation import async_validate_pdf_timestamp
                status = await async_validate_pdf_timestamp(embedded, validation_context=validation_context())
            else:
                status = await async_validate_pdf_signature(embedded, validation_context(), ts_validation_context=validation_context())
            entry.update({
                "coverage": status.coverage.name if getattr(status, "coverage", None) else None,
                "modificationLevel": status.modification_level.name if getattr(status, "modification_level", None) else None,
                "docmdpOk": getattr(status, "docmdp_ok", None), "intact": status.intact, "valid": status.valid,
                "trusted": status.trusted, "bottomLine": getattr(status, "bottom_line", None),
            })
        except Exception as error:  # a vector pyHanko refuses is recorded as such
            entry["error"] = f"{type(error).__name__}: {error}"
        result.append(entry)
    return result


def main():
    vectors = {}
    base = base_pdf()
    vectors["base.pdf"] = base
    base_xs = xref_stream_pdf()
    vectors["base-xrefstream.pdf"] = base_xs
    vectors["base-hybrid.pdf"] = xref_stream_pdf(hybrid=True)
    rsa = sign(base)
    vectors["rsa-pades.pdf"] = rsa
    vectors["ecdsa-pades-xrefstream.pdf"] = sign(base_xs, who="signer_ec")
    vectors["rsa-adbe-pkcs7.pdf"] = sign(base, subfilter=SigSeedSubFilter.ADOBE_PKCS7_DETACHED)
    certified_p2 = sign(base, certify=True, docmdp=MDPPerm.FILL_FORMS)
    vectors["certified-p2.pdf"] = certified_p2
    certified_p1 = sign(base, certify=True, docmdp=MDPPerm.NO_CHANGES)
    vectors["certified-p1.pdf"] = certified_p1
    vectors["two-signatures.pdf"] = sign(rsa, who="signer_ec", field="Signature2")
    vectors["pades-t-doc-timestamp.pdf"] = document_timestamp(sign(base, timestamper=tsa()))
    vectors["pades-lta-ecdsa.pdf"] = document_timestamp(sign(base, who="signer_ec"))
    vectors["pades-lt-dss.pdf"] = sign(base, timestamper=tsa(), embed_dss=True)
    # attacks
    vectors["attack-content-replaced.pdf"] = content_replaced(rsa)
    vectors["attack-page-added.pdf"] = page_added(rsa)
    vectors["annotation-added-approval.pdf"] = annotation_added(rsa)
    vectors["attack-annotation-added-certified.pdf"] = annotation_added(certified_p2)
    # pyHanko refuses to sign a no-changes certified document ("Author signature forbids all changes"); the
    # attacker's copy of it skips that check, which is what this vector plays.
    from pyhanko.sign.signers.pdf_signer import PdfSigner
    enforce = PdfSigner._enforce_certification_constraints
    PdfSigner._enforce_certification_constraints = lambda self, reader: None
    vectors["attack-second-signature-certified-p1.pdf"] = sign(certified_p1, who="signer_ec", field="Signature2")
    PdfSigner._enforce_certification_constraints = enforce
    vectors["attack-signature-dictionary-altered.pdf"] = signature_dictionary_altered(rsa)
    vectors["attack-byterange-hole.pdf"] = byte_range_lying(base)
    vectors["rsa-adbe-pkcs7-sha1.pdf"] = adbe_sha1(base)
    for name, data in vectors.items():
        (HERE / name).write_bytes(data)
    recorded = {name: asyncio.run(verdicts(data)) for name, data in vectors.items()}
    (HERE / "pyhanko-verdicts.json").write_text(json.dumps(recorded, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()

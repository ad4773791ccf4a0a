"""A ~100 MB PDF with two signatures for the verification benchmark: one page whose image XObject carries
~100 MB of pseudo-random bytes, signed by pyHanko with the test PKI's RSA key, then its EC key (an incremental
update). Not committed; bench-pdf-verify.sh makes it under /tmp."""
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testvectors" / "pdf"))
import make_vectors as mv  # noqa: E402


def big_base(size):
    random.seed(23)
    image = random.randbytes(size)
    side = 1
    while side * side * 3 < size:
        side += 1
    image = image[:side * side * 3] if len(image) >= side * side * 3 else image + bytes(side * side * 3 - len(image))
    content = b"q 400 0 0 400 100 200 cm /Im1 Do Q BT /F1 24 Tf 72 720 Td (Senimkey benchmark) Tj ET\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length %d >>\nstream\n"
        % (side, side, len(image)) + image + b"\nendstream",
    ]
    return mv.classic_pdf(objects)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    base = big_base(100 * 1000 * 1000)
    once = mv.sign(base, who="signer_rsa", field="Signature1")
    twice = mv.sign(once, who="signer_ec", field="Signature2")
    target.write_bytes(twice)
    print(f"{target}: {len(twice)} bytes")

"""The long-lived test PKI of issue 20 (evidence that outlives its keys), made once for this project (CC0).

A root valid 2026-2056 issues:
  tsa-2056   a TSA that outlives every other key here (certificate valid to 2056-12-31): the archive timestamps
             that carry a package to 2040 and beyond;
  tsa-2029   a TSA whose certificate expires 2029-12-31: the first archive timestamp, which a renewal must cover;
  seal-2029  the platform's seal, expiring 2029-06-30;
  signer-2029 a signer (nonRepudiation), expiring 2029-06-30.
root.crl is empty, issued 2026-01-01, next update 2056-12-31. EC P-256 keys, unencrypted PKCS#8 PEM.

Run: python3 make.py (Python `cryptography` 48). Keys and serials are random, so a rerun changes every byte; the
tests read the files, never the recipe.
"""
import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

UTC = datetime.timezone.utc


def name(common):
    return x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Senimkey Test"),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
    ])


def save(stem, key, certificate):
    with open(f"{stem}.key.pem", "wb") as out:
        out.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    with open(f"{stem}.cert.pem", "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))


start = datetime.datetime(2026, 1, 1, tzinfo=UTC)
root_key = ec.generate_private_key(ec.SECP256R1())
root_name = name("Senimkey Test Long-Term Root")
root = (
    x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name).public_key(root_key.public_key())
    .serial_number(x509.random_serial_number()).not_valid_before(start)
    .not_valid_after(datetime.datetime(2056, 12, 31, tzinfo=UTC))
    .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
    .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
    .sign(root_key, hashes.SHA256())
)
save("root", root_key, root)


def leaf(stem, common, until, timestamping):
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (
        x509.CertificateBuilder().subject_name(name(common)).issuer_name(root_name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, not timestamping, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
    )
    if timestamping:
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
    save(stem, key, builder.sign(root_key, hashes.SHA256()))


leaf("tsa-2056", "Senimkey Test TSA 2056", datetime.datetime(2056, 12, 31, tzinfo=UTC), True)
leaf("tsa-2029", "Senimkey Test TSA 2029", datetime.datetime(2029, 12, 31, tzinfo=UTC), True)
leaf("seal-2029", "Senimkey Test platform seal 2029", datetime.datetime(2029, 6, 30, tzinfo=UTC), False)
leaf("signer-2029", "Senimkey Test signer 2029", datetime.datetime(2029, 6, 30, tzinfo=UTC), False)

crl = (
    x509.CertificateRevocationListBuilder().issuer_name(root_name).last_update(start)
    .next_update(datetime.datetime(2056, 12, 31, tzinfo=UTC))
    .add_extension(x509.CRLNumber(1), critical=False)
    .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
    .sign(root_key, hashes.SHA256())
)
with open("root.crl", "wb") as out:
    out.write(crl.public_bytes(serialization.Encoding.DER))

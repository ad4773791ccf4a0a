#!/bin/sh
# RFC 5280 §6.3 CRL conformance vectors, made with OpenSSL 3 (`openssl ca`, `-gencrl`, `crl_extensions`,
# `-crl_reason`) and, for the one structure `openssl ca` cannot write (the certificateIssuer CRL entry
# extension of an indirect CRL, RFC 5280 §5.3.3), Python `cryptography`. Dates are pinned: certificates
# 2025-01-01 → 2035-01-01 (the negative-serial leaf, which only `openssl x509 -set_serial` can make, is valid
# ten years from the day it was made), CRLs thisUpdate 2026-01-01, nextUpdate 2031-01-01; validate at 2030-06-01.
# Run from anywhere: ./make.sh (rewrites out/; keys are test keys, never used elsewhere).
set -eu
cd "$(dirname "$0")"
rm -rf work out
mkdir -p work out
export OPENSSL_CONF="$PWD/openssl.cnf" CADIR=work/root
START=20250101000000Z END=20350101000000Z LAST=260101000000Z NEXT=310101000000Z

newca() { # name
    mkdir -p "work/$1"; : > "work/$1/index.txt"; echo 1000 > "work/$1/serial"; echo 01 > "work/$1/crlnumber"
}
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "work/$1.key" 2>/dev/null; }
# issue NAME SUBJECT ISSUER_CA_DIR ISSUER_CERT ISSUER_KEY EXTENSIONS
issue() {
    openssl req -new -key "work/$1.key" -subj "$2" -out "work/$1.csr"
    CADIR="work/$3" openssl ca -batch -notext -in "work/$1.csr" -cert "$4" -keyfile "$5" -extensions "$6" \
        -startdate "$START" -enddate "$END" -out "out/$1.pem" 2>/dev/null
}
# crl CA_DIR CERT KEY EXTENSIONS OUT
crl() {
    CADIR="work/$1" openssl ca -gencrl -cert "$2" -keyfile "$3" -crlexts "$4" -crl_lastupdate "$LAST" -crl_nextupdate "$NEXT" \
        -out "work/$5.pem" 2>/dev/null
    openssl crl -in "work/$5.pem" -outform DER -out "out/$5.crl"
}
revoke() { # CA_DIR CERT KEY PEM REASON
    CADIR="work/$1" openssl ca -revoke "$4" -cert "$2" -keyfile "$3" -crl_reason "$5" 2>/dev/null
}

# Root (self-signed) and CA A.
key root; newca root
openssl req -new -key work/root.key -subj "/O=Senimkey Test/CN=Senimkey Test CRL Root" -out work/root.csr
CADIR=work/root openssl ca -batch -notext -selfsign -in work/root.csr -keyfile work/root.key -extensions v3_ca \
    -startdate "$START" -enddate "$END" -out out/root.pem 2>/dev/null
R="out/root.pem"; RK="work/root.key"
key ca; newca ca
issue ca "/O=Senimkey Test/CN=Senimkey Test CA A" root "$R" "$RK" v3_ca
A="out/ca.pem"; AK="work/ca.key"
crl root "$R" "$RK" crl_plain root        # the root's CRL: CA A, the CRL issuer and the rollover CA are not revoked

# 1. Delta CRLs: complete CRL #1 lists nothing; leaf-delta is revoked afterwards, only in delta CRL #2 (base 1).
key leaf-good; issue leaf-good "/O=Senimkey Test/CN=Leaf Good" ca "$A" "$AK" v3_leaf
key leaf-delta; issue leaf-delta "/O=Senimkey Test/CN=Leaf Revoked In Delta" ca "$A" "$AK" v3_leaf
crl ca "$A" "$AK" crl_plain ca-complete-1
revoke ca "$A" "$AK" out/leaf-delta.pem keyCompromise
crl ca "$A" "$AK" crl_delta ca-delta-2
# A delta CRL #3 whose base is #5: the complete CRL #1 at hand is too old for it.
crl ca "$A" "$AK" crl_delta_stale_base ca-delta-stale-base
# 2. Scope: a CRL for CA certificates only (out of scope for a leaf), then one full CRL #5 listing leaf-delta.
crl ca "$A" "$AK" crl_only_ca ca-only-ca
# 3. Reason partitions: two CRLs that together cover every reason.
crl ca "$A" "$AK" crl_reasons_a ca-reasons-a
crl ca "$A" "$AK" crl_reasons_b ca-reasons-b
# 4. An unknown critical CRL extension.
crl ca "$A" "$AK" crl_unknown_critical ca-unknown-critical

# 5. Key rollover: CA B's CRL is signed by its new key; the leaf was issued under the old key.
key rollover-old; key rollover-new; newca rollover; cp work/rollover-new.key work/rollover-new-with-old.key
issue rollover-old "/O=Senimkey Test/CN=Senimkey Test CA B" root "$R" "$RK" v3_ca
# Self-issued certificates: new key certified by the old one, and old by new (RFC 4210 §4.4).
issue rollover-new-with-old "/O=Senimkey Test/CN=Senimkey Test CA B" rollover out/rollover-old.pem work/rollover-old.key v3_ca
cp work/rollover-old.key work/rollover-old-with-new.key
issue rollover-old-with-new "/O=Senimkey Test/CN=Senimkey Test CA B" rollover out/rollover-new-with-old.pem work/rollover-new.key v3_ca
key leaf-rollover; issue leaf-rollover "/O=Senimkey Test/CN=Leaf Under Old Key" rollover out/rollover-old.pem work/rollover-old.key v3_leaf
revoke rollover out/rollover-new-with-old.pem work/rollover-new.key out/leaf-rollover.pem superseded
crl rollover out/rollover-new-with-old.pem work/rollover-new.key crl_plain rollover-by-new-key

# 6. Negative serial numbers (RFC 5280 §4.1.2.2 forbids them; seen in the wild): a leaf with serial -4660,
#    revoked on CA A's CRL by its exact bytes.
key leaf-negative
openssl req -new -key work/leaf-negative.key -subj "/O=Senimkey Test/CN=Leaf Negative Serial" -out work/leaf-negative.csr
openssl x509 -req -in work/leaf-negative.csr -CA "$A" -CAkey "$AK" -set_serial -4660 -extfile openssl.cnf -extensions v3_leaf \
    -days 3650 -out out/leaf-negative.pem 2>/dev/null
revoke ca "$A" "$AK" out/leaf-negative.pem keyCompromise
crl ca "$A" "$AK" crl_plain ca-full-5

# 7. Indirect CRL: a separate CRL issuer (cRLSign, certified by the root) revokes a leaf of CA A; the leaf's CRL DP
#    names that issuer in cRLIssuer.
key crl-issuer
openssl req -new -key work/crl-issuer.key -subj "/O=Senimkey Test/CN=Senimkey Test Indirect CRL Issuer" -out work/crl-issuer.csr
CADIR=work/root openssl ca -batch -notext -in work/crl-issuer.csr -cert "$R" -keyfile "$RK" -extensions v3_crl_signer \
    -startdate "$START" -enddate "$END" -out out/crl-issuer.pem 2>/dev/null
key leaf-indirect; issue leaf-indirect "/O=Senimkey Test/CN=Leaf On Indirect CRL" ca "$A" "$AK" v3_leaf_indirect
python3 - <<'PY'
import datetime
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID
load = lambda p: x509.load_pem_x509_certificate(open(p, 'rb').read())
issuer, leaf, ca = load('out/crl-issuer.pem'), load('out/leaf-indirect.pem'), load('out/ca.pem')
key = serialization.load_pem_private_key(open('work/crl-issuer.key', 'rb').read(), None)
utc = datetime.timezone.utc
entry = (x509.RevokedCertificateBuilder().serial_number(leaf.serial_number)
         .revocation_date(datetime.datetime(2025, 6, 1, tzinfo=utc))
         .add_extension(x509.CertificateIssuer([x509.DirectoryName(ca.subject)]), critical=True)
         .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False).build())
idp = x509.IssuingDistributionPoint(full_name=[x509.UniformResourceIdentifier('http://crl.test/indirect.crl')], relative_name=None,
                                    only_contains_user_certs=False, only_contains_ca_certs=False, only_some_reasons=None,
                                    indirect_crl=True, only_contains_attribute_certs=False)
crl = (x509.CertificateRevocationListBuilder().issuer_name(issuer.subject)
       .last_update(datetime.datetime(2026, 1, 1, tzinfo=utc)).next_update(datetime.datetime(2031, 1, 1, tzinfo=utc))
       .add_extension(x509.CRLNumber(1), critical=False)
       .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.public_key()), critical=False)
       .add_extension(idp, critical=True).add_revoked_certificate(entry).sign(key, hashes.SHA256()))
open('out/indirect.crl', 'wb').write(crl.public_bytes(serialization.Encoding.DER))
PY
for f in out/*.pem; do openssl x509 -in "$f" -outform DER -out "${f%.pem}.cer"; rm "$f"; done
rm -rf work
ls out

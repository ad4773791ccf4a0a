#!/usr/bin/env bash
# Seed inputs for the fuzz harnesses, all from the repository's own vectors (testvectors/README.md has their
# origins and licences) plus a few PKCS#12 files made here with openssl from the generated test keys.
#
#   Fuzz/seeds/make.sh [OUT]
#
# writes OUT/<harness>/ (default /tmp/senim-fuzz-seeds): every seed, for `-merge=1` into Fuzz/corpus/<harness>/.
# It also rewrites the committed Fuzz/seeds/<harness>/ folders of the harnesses that learn which signatures pass
# on their seeds and need extracted inputs (cms, timestamp, xmldsig): named copies and extractions, small. (The
# pdf-signature and evidence harnesses learn from testvectors/pdf and testvectors/evidence directly.)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tv="$root/testvectors"
out="${1:-/tmp/senim-fuzz-seeds}"
rm -rf "$out"
mkdir -p "$out"

copy() { # harness files...
    local harness="$1"
    shift
    mkdir -p "$out/$harness"
    for file in "$@"; do
        local name="${file#"$tv"/}"
        name="${name#"$extract"/}"
        cp "$file" "$out/$harness/$(echo "$name" | tr '/ ' '__')"
    done
}

# Extractions: the evidence sample's members, the CMS (and timestamp tokens) inside the PDFs' /Contents.
extract="$out/.extract"
mkdir -p "$extract/evidence" "$extract/pdf-cms"
python3 - "$tv" "$extract" <<'PY'
import re, sys, zipfile, pathlib
tv, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
with zipfile.ZipFile(tv / "evidence/sample.asice") as archive:
    for index, info in enumerate(archive.infolist()):
        suffix = pathlib.Path(info.filename).suffix or ".bin"
        stem = {"signatures": "signature", "validation": "validation", "audit": "audit", "META-INF": "meta",
                "chains": "chain", "revocation": "revocation", "document": "document"}.get(info.filename.split("/")[0], "member")
        (out / "evidence" / f"{index:02d}-{stem}{suffix}").write_bytes(archive.read(info))
for pdf in sorted((tv / "pdf").glob("*.pdf")):
    data = pdf.read_bytes()
    for number, match in enumerate(re.finditer(rb"/Contents\s*<([0-9A-Fa-f\s]+)>", data)):
        blob = bytes.fromhex(match.group(1).decode())
        if blob[:1] == b"\x30":
            (out / "pdf-cms" / f"{pdf.stem}-{number}.p7s").write_bytes(blob.rstrip(b"\x00") or blob)
PY

# PKCS#12 variants of the generated RSA and EC keys under the harness password `senimkey`: without a MAC (the
# decryption is reached without forging one), with one iteration (fast), and the legacy PBES1 algorithms.
p12="$extract/pkcs12"
mkdir -p "$p12"
for key in rsa2048 ecp256; do
    cert="$tv/generated/$key.cert.pem"
    pem="$tv/generated/$key.key.pem"
    openssl pkcs12 -export -in "$cert" -inkey "$pem" -passout pass:senimkey -nomac -out "$p12/$key-nomac.p12"
    openssl pkcs12 -export -in "$cert" -inkey "$pem" -passout pass:senimkey -noiter -nomaciter -out "$p12/$key-iter1.p12"
    openssl pkcs12 -export -in "$cert" -inkey "$pem" -passout pass:senimkey -noiter -nomaciter \
        -keypbe PBE-SHA1-3DES -certpbe PBE-SHA1-3DES -out "$p12/$key-pbes1-3des.p12" 2>/dev/null || true
    openssl pkcs12 -export -in "$cert" -inkey "$pem" -passout pass:senimkey -noiter -nomaciter -certpbe NONE -keypbe NONE \
        -out "$p12/$key-plain.p12"
done

copy der "$tv"/kz/ca/root_gost_test.der "$tv"/kz/ca/nca_rsa_test.der "$tv"/kz/crl/nca_gost2022_test.crl \
    "$tv"/kz/ocsp/ocsp_response_individual_2015.bin "$tv"/kz/cms/signed_cms_one_signer_rsa_attached.cms \
    "$tv"/kz/tsp/tsp_token.bin "$tv"/generated/ecp256.pbes2.p12 "$tv"/generated/rsa2048.cert.pem
copy certificate "$tv"/kz/ca/*.der "$tv"/kz/ca/*.cer "$tv"/kz/certs/*.der "$tv"/kz/prod-ca/*.crt "$tv"/generated/*.cert.pem \
    "$tv"/generated/test-pki/*.cert.pem "$tv"/generated/crl-conformance/out/*.cer "$tv"/suites/pkits/certs/*.crt \
    "$extract"/evidence/*-chain.cer
copy crl "$tv"/kz/crl/*.crl "$tv"/generated/test-pki/root.crl "$tv"/generated/crl-conformance/out/*.crl \
    "$tv"/suites/pkits/crls/*.crl "$extract"/evidence/*-revocation.crl
copy ocsp "$tv"/kz/ocsp/*.bin
copy cms "$tv"/kz/cms/*.cms "$extract"/evidence/*.p7s "$extract"/pdf-cms/*.p7s
copy timestamp "$tv"/kz/tsp/*.bin "$extract"/pdf-cms/pades-t-doc-timestamp-*.p7s "$extract"/pdf-cms/pades-lta-ecdsa-*.p7s
copy pkcs12 "$tv"/generated/*.p12 "$p12"/*.p12
copy xmldsig "$tv"/kz/xml/*.xml "$extract"/evidence/*-signature.xml "$tv"/suites/xmlsec/aleksey-xmldsig-01/enveloped-*.xml
copy c14n "$tv"/suites/xmlsec/merlin-c14n-three/signature.xml "$tv"/kz/xml/xml_signed_one_signer_rsa.xml \
    "$extract"/evidence/*-signature.xml "$tv"/suites/xmlsec/aleksey-xmldsig-01/enveloped-sha256-ecdsa-sha256.xml
copy evidence "$tv"/evidence/sample.asice
copy zip "$tv"/evidence/sample.asice
copy json "$extract"/evidence/*.json "$extract"/evidence/*-audit.jsonl
copy pdf-reader "$tv"/pdf/*.pdf
copy pdf-signature "$tv"/pdf/*.pdf

# Hand-written small inputs the vectors lack.
printf '{"a":[1,-2,true,false,null],"b":{"\\u00e9":"\\n\\t\\"x\\""},"c":""}' >"$out/json/handmade-1.json"
printf '[9223372036854775807,-9223372036854775808,0,{}]' >"$out/json/handmade-2.json"
python3 - "$out/zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1] + "/handmade-stored.zip", "w", zipfile.ZIP_STORED) as archive:
    archive.writestr("mimetype", "application/vnd.etsi.asic-e+zip")
    archive.writestr("a/b.txt", "hello")
    archive.writestr("empty", "")
PY
cat >"$out/c14n/handmade-namespaces.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<r:root xmlns:r="urn:r" xmlns="urn:default" xmlns:x="urn:x" b="2" a="1" xml:lang="kk"><!-- c -->
  <x:child x:attr="&lt;&amp;&gt;" r:y="&#xD;&#x9;"><e xmlns=""/>text &#x20AC; <![CDATA[<cdata>]]></x:child>
  <?pi data?><inner xmlns:x="urn:x" xml:space="preserve">  </inner>
</r:root>
XML

# The committed seeds of the harnesses that learn the passing signatures (named, from the copies above).
learn() { # harness files...
    local harness="$1"
    shift
    rm -rf "${here:?}/$harness"
    mkdir -p "$here/$harness"
    cp "$@" "$here/$harness/"
    # The attack PDFs reuse their base file's CMS: one copy of each distinct input.
    sha256sum "$here/$harness"/* | sort -s -k1,1 | awk 'seen[$1]++ { print $2 }' | xargs -r rm --
}
learn cms "$out"/cms/*
learn timestamp "$out"/timestamp/*
learn xmldsig "$out"/xmldsig/kz_* "$out"/xmldsig/*signature.xml
rm -rf "$extract"
for harness in "$out"/*/; do echo "$(basename "$harness"): $(ls "$harness" | wc -l) seeds"; done

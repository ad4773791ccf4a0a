#!/usr/bin/env bash
# Process-level benchmark (issue 23): verify a ~100 MB PDF with two signatures with `senimkey verify` and with
# pyHanko 0.38 (async_validate_pdf_signature on each signature, diff analysis included, through
# testvectors/pdf/pyhanko_validate.py), side by side in one run; wall time (best of N) and peak RSS from
# /usr/bin/time -v. Usage: Benchmarks/pdf/bench-pdf-verify.sh [SENIMKEY_BINARY] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
binary="${1:-$root/.build/release/senimkey}"
runs="${2:-3}"
pdf=/tmp/senimkey-bench-100mb.pdf
pki="$root/testvectors/generated/test-pki"
[ -f "$pdf" ] || python3 "$root/Benchmarks/pdf/make_big.py" "$pdf"
ls -l "$pdf"

measure() {  # label, command...
    local label="$1"; shift
    local best="" rss=""
    for _ in $(seq 1 "$runs"); do
        /usr/bin/time -v "$@" >/tmp/senimkey-bench.out 2>/tmp/senimkey-bench.time || true
        local wall kb
        wall="$(grep 'Elapsed (wall clock)' /tmp/senimkey-bench.time | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')"
        kb="$(grep 'Maximum resident set size' /tmp/senimkey-bench.time | awk '{print $NF}')"
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best="$wall"; fi
        if [ -z "$rss" ] || [ "$kb" -gt "$rss" ]; then rss="$kb"; fi
    done
    printf '%-10s best %6.2f s   peak RSS %7.1f MB\n' "$label" "$best" "$(awk "BEGIN{print $rss/1024}")"
    echo "$best" > "/tmp/senimkey-bench-$label.wall"
}

measure senimkey "$binary" verify "$pdf" --trust "$pki/root.cert.pem" --crl "$pki/root.crl" --at 2030-01-01T00:00:00Z
head -3 /tmp/senimkey-bench.out
measure pyhanko python3 "$root/testvectors/pdf/pyhanko_validate.py" "$pdf"
head -c 400 /tmp/senimkey-bench.out; echo
awk -v a="$(cat /tmp/senimkey-bench-pyhanko.wall)" -v b="$(cat /tmp/senimkey-bench-senimkey.wall)" \
    'BEGIN { printf "speed ratio (pyHanko time / senimkey time): %.2fx\n", a / b }'

#!/usr/bin/env bash
# A longer fuzzing campaign (issue 26): each harness for MINUTES minutes, niced, one process at a time, growing the
# committed corpus in place. Crashes land in Fuzz/artifacts/<harness>/ and do not stop the other harnesses.
# Per-harness numbers (executions, cov, ft) are appended to Fuzz/artifacts/campaign.tsv for CAMPAIGN.md.
#
#   Fuzz/campaign.sh [MINUTES] [HARNESS...]        (build first: Fuzz/smoke.sh 0, or swift build as in smoke.sh)
#
# Afterwards minimise the grown corpus: Fuzz/merge.sh HARNESS...
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
minutes="${1:-10}"
shift || true
bin="$(cd "$here" && swift build --sanitize=fuzzer --sanitize=address --show-bin-path)/SenimFuzz"
harnesses=("$@")
[ "${#harnesses[@]}" -gt 0 ] || mapfile -t harnesses < <("$bin" --list | cut -f1)
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:handle_abort=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}"
mkdir -p "$here/artifacts"
for harness in "${harnesses[@]}"; do
    mkdir -p "$here/corpus/$harness" "$here/artifacts/$harness"
    dict=()
    case "$harness" in
    der | certificate | crl | ocsp | cms | timestamp | pkcs12) dict=("-dict=$here/dictionaries/der.dict") ;;
    xmldsig | c14n) dict=("-dict=$here/dictionaries/xml.dict") ;;
    pdf-reader | pdf-signature) dict=("-dict=$here/dictionaries/pdf.dict") ;;
    json) dict=("-dict=$here/dictionaries/json.dict") ;;
    esac
    log="$here/artifacts/$harness/campaign-$(date -u +%Y%m%dT%H%M%SZ).log"
    # -fork=1 -ignore_crashes=1: a crash is saved and the campaign goes on in a fresh child process.
    nice -n 19 "$bin" --harness="$harness" "${dict[@]}" -max_total_time=$((minutes * 60)) -timeout=30 -rss_limit_mb=2560 \
        -max_len=65536 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 -print_final_stats=1 \
        -artifact_prefix="$here/artifacts/$harness/" "$here/corpus/$harness" >"$log" 2>&1
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
    ft=$(grep -oE 'ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+$')
    crashes=$(find "$here/artifacts/$harness" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' \) | wc -l)
    printf '%s\t%s\t%s min\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$harness" "$minutes" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$crashes" \
        | tee -a "$here/artifacts/campaign.tsv"
done

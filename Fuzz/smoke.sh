#!/usr/bin/env bash
# CI smoke run of the fuzz harnesses (issue 26): builds the fuzz package with libFuzzer and AddressSanitizer, then
# runs every harness over its committed corpus plus SECONDS of fuzzing (default 20; 14 harnesses × 20 s < 5 min).
# A crash, leak, timeout or invariant failure fails the run and prints the harness, the reproducer (path, size,
# hex) and libFuzzer's report with the stack.
#
#   Fuzz/smoke.sh [SECONDS] [HARNESS...]
#
# Environment: SENIM_FUZZ_WORK (scratch folder, default a fresh mktemp -d), SENIM_FUZZ_BUILD=0 to reuse a build.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-20}"
shift || true
work="${SENIM_FUZZ_WORK:-$(mktemp -d /tmp/senim-fuzz-smoke.XXXXXX)}"
mkdir -p "$work"

build_start=$(date +%s)
if [ "${SENIM_FUZZ_BUILD:-1}" != 0 ]; then
    (cd "$here" && swift build --sanitize=fuzzer --sanitize=address 2>&1 | tail -n 25) || { echo "fuzz build failed" >&2; exit 1; }
fi
bin="$(cd "$here" && swift build --sanitize=fuzzer --sanitize=address --show-bin-path)/SenimFuzz"
[ -x "$bin" ] || { echo "no fuzz binary at $bin" >&2; exit 1; }
build_seconds=$(( $(date +%s) - build_start ))

harnesses=("$@")
[ "${#harnesses[@]}" -gt 0 ] || mapfile -t harnesses < <("$bin" --list | cut -f1)

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:handle_abort=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}"
if ! command -v llvm-symbolizer >/dev/null 2>&1; then
    export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(dirname "$(command -v swift)")/llvm-symbolizer}"
fi

failed=()
printf '%-14s %10s %8s %8s %6s  %s\n' harness execs cov ft secs result
fuzz_start=$(date +%s)
for harness in "${harnesses[@]}"; do
    corpus="$here/corpus/$harness"
    mkdir -p "$work/$harness/new" "$work/$harness/artifacts"
    dict=()
    case "$harness" in
    der | certificate | crl | ocsp | cms | timestamp | pkcs12) dict=("-dict=$here/dictionaries/der.dict") ;;
    xmldsig | c14n) dict=("-dict=$here/dictionaries/xml.dict") ;;
    pdf-reader | pdf-signature) dict=("-dict=$here/dictionaries/pdf.dict") ;;
    json) dict=("-dict=$here/dictionaries/json.dict") ;;
    esac
    log="$work/$harness/log"
    start=$(date +%s)
    # New inputs go to the scratch folder; the committed corpus is only read.
    nice -n 19 "$bin" --harness="$harness" "${dict[@]}" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$work/$harness/artifacts/" \
        "$work/$harness/new" "$corpus" >"$log" 2>&1
    status=$?
    elapsed=$(( $(date +%s) - start ))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
    cov=$(grep -oE '(DONE|INITED|pulse|NEW|REDUCE) +cov: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
    ft=$(grep -oE 'ft: [0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
    result=ok
    if [ "$status" -ne 0 ]; then
        result="FAILED ($status)"
        failed+=("$harness")
    fi
    printf '%-14s %10s %8s %8s %6s  %s\n' "$harness" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$elapsed" "$result"
    if [ "$status" -ne 0 ]; then
        echo "----- $harness: libFuzzer report ($log) -----"
        grep -v '^#[0-9]' "$log" | tail -n 60
        for artifact in "$work/$harness/artifacts/"*; do
            [ -f "$artifact" ] || continue
            echo "----- reproducer $artifact ($(wc -c <"$artifact") bytes): $bin --harness=$harness $artifact -----"
            head -c 2048 "$artifact" | od -A x -t x1z | head -n 40
        done
    fi
done
fuzz_seconds=$(( $(date +%s) - fuzz_start ))
echo "build ${build_seconds}s, fuzzing ${fuzz_seconds}s (${#harnesses[@]} harnesses × ${seconds}s), scratch $work"
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz smoke FAILED: ${failed[*]}" >&2
    exit 1
fi

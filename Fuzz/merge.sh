#!/usr/bin/env bash
# Minimises Fuzz/corpus/<harness>/ with libFuzzer's -merge=1: the seeds of Fuzz/seeds/make.sh and whatever a
# campaign added, reduced to the smallest set of inputs keeping every coverage feature.
#
#   Fuzz/merge.sh [HARNESS...]        (build first, as smoke.sh does)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(cd "$here" && swift build --sanitize=fuzzer --sanitize=address --show-bin-path)/SenimFuzz"
harnesses=("$@")
[ "${#harnesses[@]}" -gt 0 ] || mapfile -t harnesses < <("$bin" --list | cut -f1)
seeds="${SENIM_FUZZ_SEEDS:-/tmp/senim-fuzz-seeds}"
[ -d "$seeds" ] || "$here/seeds/make.sh" "$seeds"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:handle_abort=1:allocator_may_return_null=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}"
for harness in "${harnesses[@]}"; do
    merged="$(mktemp -d /tmp/senim-fuzz-merge.XXXXXX)"
    mkdir -p "$here/corpus/$harness"
    nice -n 19 "$bin" --harness="$harness" -merge=1 -timeout=30 -rss_limit_mb=2560 -max_len=65536 \
        "$merged" "$here/corpus/$harness" "$seeds/$harness" 2>&1 | grep -E 'MERGE-OUTER: [0-9]+ new files' || true
    rm -rf "$here/corpus/$harness"
    mv "$merged" "$here/corpus/$harness"
    echo "$harness: $(ls "$here/corpus/$harness" | wc -l) inputs, $(du -sk "$here/corpus/$harness" | cut -f1) KiB"
done

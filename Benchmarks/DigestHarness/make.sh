#!/usr/bin/env bash
# In-process C harness behind the README's "Digest speed" in-process table: the Streebog kernels of
# Sources/CShims (and the previous SSE2 kernel, taken from git) and the GOST R 34.11-94 step, against the gost
# engine's md_gost12_512/256 and md_gost94 through OpenSSL EVP, all in one process. Times are the process's CPU
# time (the development host is shared), 16 MiB per run, 5 runs; take the best of each line.
# Needs libssl-dev and libengine-gost-openssl. Run from the repository root: Benchmarks/DigestHarness/make.sh
set -euo pipefail
out="$(mktemp -d)"
s=Sources/CShims
base="${BASELINE_COMMIT:-354ef46}"   # the commit before issue 25
git show "$base:$s/SenimStreebogCore.c" | sed 's/#include "SenimStreebogCore.h"/#include <stdint.h>\n#include <stddef.h>/; s/senim_streebog_/old_streebog_/g' > "$out/old_core.c"
clang -O2 -Wno-deprecated-declarations -I$s/include -I$s -o "$out/streebog_bench" Benchmarks/DigestHarness/streebog_bench.c \
    "$out/old_core.c" $s/SenimStreebogCore.c $s/SenimStreebogTables.c -lcrypto
clang -O2 -Wno-deprecated-declarations -I$s/include -o "$out/gost94_bench" Benchmarks/DigestHarness/gost94_bench.c $s/SenimGOST94Core.c -lcrypto
"$out/streebog_bench"
"$out/gost94_bench"

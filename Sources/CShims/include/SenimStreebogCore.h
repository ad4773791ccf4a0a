#ifndef SENIM_STREEBOG_CORE_H
#define SENIM_STREEBOG_CORE_H
#include <stdint.h>
#include <stddef.h>

/// The compression kernels of Streebog; all compute the same function (differential-tested).
typedef enum senim_streebog_kernel_t {
    SENIM_STREEBOG_PORTABLE = 0,
    SENIM_STREEBOG_SSE2 = 1,
    SENIM_STREEBOG_AVX2 = 2,
    SENIM_STREEBOG_AVX512 = 3,
} senim_streebog_kernel_t;

/// Whether this CPU can run `kernel` (runtime check, `__builtin_cpu_supports`).
int senim_streebog_kernel_supported(senim_streebog_kernel_t kernel);
/// The kernel `senim_streebog_absorb` uses, chosen on first call.
senim_streebog_kernel_t senim_streebog_kernel(void);

/// Streebog compression g_N(h, m) over `blocks` consecutive 64-byte message blocks, updating h, N and Σ
/// (eight little-endian 64-bit words each), with the static tables.
void senim_streebog_absorb(uint64_t *h, uint64_t *n, uint64_t *sigma, const unsigned char *message, size_t blocks);
/// The same with an explicit kernel (an unsupported one falls back to portable).
void senim_streebog_absorb_kernel(senim_streebog_kernel_t kernel, uint64_t *h, uint64_t *n, uint64_t *sigma,
                                  const unsigned char *message, size_t blocks);

/// One compression g_N(h, m) with an explicit counter (the final padded block, N and Σ).
void senim_streebog_compress(uint64_t *h, const uint64_t *n, const uint64_t *m);
void senim_streebog_compress_kernel(senim_streebog_kernel_t kernel, uint64_t *h, const uint64_t *n, const uint64_t *m);

/// The static LPS tables (8×256) and iteration constants (12×8), for tests against the standard's values.
const uint64_t *senim_streebog_lps_table(void);
const uint64_t *senim_streebog_constants(void);
#endif

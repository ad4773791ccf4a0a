#ifndef SENIM_STREEBOG_CORE_H
#define SENIM_STREEBOG_CORE_H
#include <stdint.h>
#include <stddef.h>

/// Streebog compression g_N(h, m) over `blocks` consecutive 64-byte message blocks, updating h, N and Σ.
/// `table` is the 8×256 LPS lookup table and `constants` the 12 iteration constants (12×8 words), both
/// computed by SenimCrypto from the standard's π, A and C. Words are little-endian 64-bit values.
void senim_streebog_absorb(uint64_t *h, uint64_t *n, uint64_t *sigma,
                           const unsigned char *message, size_t blocks,
                           const uint64_t *table, const uint64_t *constants);

/// One compression with an explicit counter (for the final padded block, N and Σ).
void senim_streebog_compress(uint64_t *h, const uint64_t *n, const uint64_t *m,
                             const uint64_t *table, const uint64_t *constants);
#endif

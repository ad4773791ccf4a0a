#ifndef SENIM_GOST94_CORE_H
#define SENIM_GOST94_CORE_H
#include <stdint.h>
#include <stddef.h>

/// The step function χ(H, M) of GOST R 34.11-94 §7 (СТ РК ГОСТ 34.311-95) over `blocks` consecutive 32-byte
/// blocks: H ← χ(H, M) and Σ ← Σ + M (mod 2^256). H and Σ are four little-endian 64-bit words. `table` is the
/// S-box as four 256-entry tables, table[256·j + b] = ROL11 of byte b at byte j substituted by S-box rows 2j and
/// 2j+1: one S-box parameter (test or CryptoPro), computed and cached by SenimCrypto.
void senim_gost94_absorb(uint64_t *h, uint64_t *sigma, const unsigned char *message, size_t blocks,
                         const uint32_t *table);

/// One step χ(H, M) without Σ (the length and checksum steps of finalisation).
void senim_gost94_step(uint64_t *h, const uint64_t *m, const uint32_t *table);
#endif

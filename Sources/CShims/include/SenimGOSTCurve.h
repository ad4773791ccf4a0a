#ifndef SENIM_GOST_CURVE_H
#define SENIM_GOST_CURVE_H
#include <stdint.h>

/// Fast GOST R 34.10 verification arithmetic for curves with p = 2^(64·limbs) − c and a = −3, which is
/// exactly the two Kazakh curves: CryptoPro-A (GOST 34.310-2004, 2^256 − 617) and tc26-512-paramSetA
/// (GOST 34.10-2015, 2^512 − 569). Verification handles public values only, so variable time is fine;
/// signing stays on OpenSSL's constant-time ladder. All numbers are little-endian 64-bit limbs.
typedef struct senim_gost_curve senim_gost_curve;

/// Builds the curve and its table of odd multiples of G. `limbs` is 4 or 8; returns NULL otherwise.
senim_gost_curve *senim_gost_curve_new(int limbs, uint64_t c, const uint64_t *gx, const uint64_t *gy);
void senim_gost_curve_free(senim_gost_curve *curve);

/// Returns 1 when C = z1·G + z2·Q is finite and x(C) equals r or r_plus_q (pass NULL when r + q ≥ p),
/// 0 otherwise. (x(C) mod q = r ⇔ x(C) ∈ {r, r + q}, because x(C) < p < 2q.)
int senim_gost_verify_x(const senim_gost_curve *curve, const uint64_t *qx, const uint64_t *qy,
                        const uint64_t *z1, const uint64_t *z2, const uint64_t *r, const uint64_t *r_plus_q);
#endif

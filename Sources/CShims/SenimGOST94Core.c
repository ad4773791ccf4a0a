/* GOST R 34.11-94 (СТ РК ГОСТ 34.311-95), the step function χ(H, M) of §7, in C: in Swift the four
   GOST 28147-89 encryptions of a step ran one after the other at ~41 MB/s. Here the four run interleaved,
   round by round, so their four independent dependency chains (lookup → XOR → add → lookup) overlap in the
   CPU; the round function f(x) = ROL11(S(x)) is four lookups into per-byte tables (two S-box rows each,
   the rotation folded in). ψ^n is the 16-bit LFSR it is: z[t+16] = z[t]⊕z[t+1]⊕z[t+2]⊕z[t+3]⊕z[t+12]⊕z[t+15]
   and ψ^n(z[0..15]) = z[n..n+15]. Words are little-endian: word 0 holds message bytes 0…7. */
#include "SenimGOST94Core.h"
#include <string.h>

#include "SenimLittleEndian.h"

/* P(Y) (§7.1): output byte i + 4j is input byte 8i + j, a transpose of the 4×8 byte matrix. */
static inline void transpose(const uint64_t *y, uint32_t *key) {
    for (int j = 0; j < 8; j++) {
        key[j] = (uint32_t)((y[0] >> (8 * j)) & 0xff) | (uint32_t)((y[1] >> (8 * j)) & 0xff) << 8 |
                 (uint32_t)((y[2] >> (8 * j)) & 0xff) << 16 | (uint32_t)((y[3] >> (8 * j)) & 0xff) << 24;
    }
}

/* A(Y) for Y = y4‖y3‖y2‖y1: (y1 ⊕ y2)‖y4‖y3‖y2. */
static inline void shift_a(uint64_t *y) {
    uint64_t first = y[0] ^ y[1];
    y[0] = y[1]; y[1] = y[2]; y[2] = y[3]; y[3] = first;
}

/* y ← ψ^n(y), n ≤ 61. */
static inline void psi(uint64_t *y, int n) {
    uint16_t z[16 + 64];
    for (int i = 0; i < 16; i++) z[i] = (uint16_t)(y[i / 4] >> (16 * (i % 4)));
    for (int t = 0; t < n; t++) z[t + 16] = z[t] ^ z[t + 1] ^ z[t + 2] ^ z[t + 3] ^ z[t + 12] ^ z[t + 15];
    for (int w = 0; w < 4; w++) {
        y[w] = (uint64_t)z[n + 4 * w] | (uint64_t)z[n + 4 * w + 1] << 16 | (uint64_t)z[n + 4 * w + 2] << 32 |
               (uint64_t)z[n + 4 * w + 3] << 48;
    }
}

#define F(x) (table[(x) & 0xff] ^ table[256 + (((x) >> 8) & 0xff)] ^ table[512 + (((x) >> 16) & 0xff)] ^ \
              table[768 + ((x) >> 24)])
/* One round in all four lanes: b ^= f(a + k[lane][j]). */
#define ROUND4(a, b, j) do { uint32_t t0 = a##0 + k0[j], t1 = a##1 + k1[j], t2 = a##2 + k2[j], t3 = a##3 + k3[j]; \
    b##0 ^= F(t0); b##1 ^= F(t1); b##2 ^= F(t2); b##3 ^= F(t3); } while (0)

void senim_gost94_step(uint64_t *h, const uint64_t *m, const uint32_t *table) {
    /* C3 of the key generation, the standard's 0xff00ffff…ff00 as little-endian words; C2 = C4 = 0. */
    static const uint64_t c3[4] = {0xff00ff00ff00ff00ULL, 0x00ff00ff00ff00ffULL, 0xff0000ff00ffff00ULL,
                                   0xff00ffff000000ffULL};
    uint64_t u[4] = {h[0], h[1], h[2], h[3]}, v[4] = {m[0], m[1], m[2], m[3]}, w[4];
    uint32_t k0[8], k1[8], k2[8], k3[8];
    for (int i = 0; i < 4; i++) w[i] = u[i] ^ v[i];
    transpose(w, k0);
    shift_a(u); shift_a(v); shift_a(v);
    for (int i = 0; i < 4; i++) w[i] = u[i] ^ v[i];
    transpose(w, k1);
    shift_a(u); for (int i = 0; i < 4; i++) u[i] ^= c3[i];
    shift_a(v); shift_a(v);
    for (int i = 0; i < 4; i++) w[i] = u[i] ^ v[i];
    transpose(w, k2);
    shift_a(u); shift_a(v); shift_a(v);
    for (int i = 0; i < 4; i++) w[i] = u[i] ^ v[i];
    transpose(w, k3);

    /* Encryption (GOST 28147-89 simple substitution, 32 rounds: K0…K7 three times, then K7…K0) of each
       64-bit quarter of H under its own key, the four interleaved. */
    uint32_t a0 = (uint32_t)h[0], b0 = (uint32_t)(h[0] >> 32), a1 = (uint32_t)h[1], b1 = (uint32_t)(h[1] >> 32);
    uint32_t a2 = (uint32_t)h[2], b2 = (uint32_t)(h[2] >> 32), a3 = (uint32_t)h[3], b3 = (uint32_t)(h[3] >> 32);
    for (int pass = 0; pass < 3; pass++) {
        ROUND4(a, b, 0); ROUND4(b, a, 1); ROUND4(a, b, 2); ROUND4(b, a, 3);
        ROUND4(a, b, 4); ROUND4(b, a, 5); ROUND4(a, b, 6); ROUND4(b, a, 7);
    }
    ROUND4(a, b, 7); ROUND4(b, a, 6); ROUND4(a, b, 5); ROUND4(b, a, 4);
    ROUND4(a, b, 3); ROUND4(b, a, 2); ROUND4(a, b, 1); ROUND4(b, a, 0);
    /* The last round does not swap the halves. */
    uint64_t s[4] = {(uint64_t)a0 << 32 | b0, (uint64_t)a1 << 32 | b1, (uint64_t)a2 << 32 | b2, (uint64_t)a3 << 32 | b3};

    /* Shuffle: H' = ψ^61(H ⊕ ψ(M ⊕ ψ^12(S))). */
    psi(s, 12);
    for (int i = 0; i < 4; i++) s[i] ^= m[i];
    psi(s, 1);
    for (int i = 0; i < 4; i++) s[i] ^= h[i];
    psi(s, 61);
    for (int i = 0; i < 4; i++) h[i] = s[i];
}

void senim_gost94_absorb(uint64_t *h, uint64_t *sigma, const unsigned char *message, size_t blocks,
                         const uint32_t *table) {
    for (size_t block = 0; block < blocks; block++) {
        uint64_t m[4];
        for (int i = 0; i < 4; i++) m[i] = load_le64(message + 32 * block + 8 * i);
        senim_gost94_step(h, m, table);
        uint64_t carry = 0;
        for (int i = 0; i < 4; i++) {
            uint64_t sum = sigma[i] + m[i], carry1 = sum < m[i], result = sum + carry, carry2 = result < sum;
            sigma[i] = result;
            carry = carry1 | carry2;
        }
    }
}

/* The hot loop of Streebog (GOST R 34.11-2012), in C because Swift's optimiser spilled the eight LPS
   accumulators to the stack (0.75x of gost-engine). On x86-64 the state lives in SSE2 registers;
   elsewhere a portable loop runs. The tables are computed in SenimCrypto/Digests/Streebog from the
   standard's pi, A and C; this file only runs them. Words are little-endian 64-bit values. */
#include "SenimStreebogCore.h"

#if defined(__SSE2__)
#include <emmintrin.h>

/* Two output words from one 16-bit lane extraction per input word: the low byte (byte 2j of the word)
   indexes output word 2j, the high byte output word 2j+1. */
#define SENIM_GATHER(J, a, b, c, d, t, result) do { \
    unsigned w; uint64_t lo, hi; \
    w = (unsigned)_mm_extract_epi16(a, J);     lo  = t[(w & 0xff)];        hi  = t[(w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(a, J + 4); lo ^= t[256 + (w & 0xff)];  hi ^= t[256 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(b, J);     lo ^= t[512 + (w & 0xff)];  hi ^= t[512 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(b, J + 4); lo ^= t[768 + (w & 0xff)];  hi ^= t[768 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(c, J);     lo ^= t[1024 + (w & 0xff)]; hi ^= t[1024 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(c, J + 4); lo ^= t[1280 + (w & 0xff)]; hi ^= t[1280 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(d, J);     lo ^= t[1536 + (w & 0xff)]; hi ^= t[1536 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(d, J + 4); lo ^= t[1792 + (w & 0xff)]; hi ^= t[1792 + (w >> 8)]; \
    result = _mm_unpacklo_epi64(_mm_cvtsi64_si128((long long)lo), _mm_cvtsi64_si128((long long)hi)); \
} while (0)

/* (o0..o3) = LPS((x0..x3) ^ (y0..y3)), each a pair of 64-bit words. */
#define SENIM_XLPS(x0, x1, x2, x3, y0, y1, y2, y3, o0, o1, o2, o3, t) do { \
    __m128i a_ = _mm_xor_si128(x0, y0), b_ = _mm_xor_si128(x1, y1); \
    __m128i c_ = _mm_xor_si128(x2, y2), d_ = _mm_xor_si128(x3, y3); \
    SENIM_GATHER(0, a_, b_, c_, d_, t, o0); SENIM_GATHER(1, a_, b_, c_, d_, t, o1); \
    SENIM_GATHER(2, a_, b_, c_, d_, t, o2); SENIM_GATHER(3, a_, b_, c_, d_, t, o3); \
} while (0)

#define SENIM_LOAD4(p, v0, v1, v2, v3) do { const __m128i *q_ = (const __m128i *)(const void *)(p); \
    v0 = _mm_loadu_si128(q_); v1 = _mm_loadu_si128(q_ + 1); \
    v2 = _mm_loadu_si128(q_ + 2); v3 = _mm_loadu_si128(q_ + 3); } while (0)

void senim_streebog_compress(uint64_t *h, const uint64_t *n, const uint64_t *m,
                             const uint64_t *table, const uint64_t *constants) {
    __m128i h0, h1, h2, h3, m0, m1, m2, m3, n0, n1, n2, n3, c0, c1, c2, c3;
    __m128i k0, k1, k2, k3, s0, s1, s2, s3;
    SENIM_LOAD4(h, h0, h1, h2, h3);
    SENIM_LOAD4(m, m0, m1, m2, m3);
    SENIM_LOAD4(n, n0, n1, n2, n3);
    SENIM_XLPS(h0, h1, h2, h3, n0, n1, n2, n3, k0, k1, k2, k3, table);
    SENIM_XLPS(k0, k1, k2, k3, m0, m1, m2, m3, s0, s1, s2, s3, table);
    for (int round = 0; round < 11; round++) {
        SENIM_LOAD4(constants + 8 * round, c0, c1, c2, c3);
        SENIM_XLPS(k0, k1, k2, k3, c0, c1, c2, c3, k0, k1, k2, k3, table);
        SENIM_XLPS(k0, k1, k2, k3, s0, s1, s2, s3, s0, s1, s2, s3, table);
    }
    SENIM_LOAD4(constants + 88, c0, c1, c2, c3);
    SENIM_XLPS(k0, k1, k2, k3, c0, c1, c2, c3, k0, k1, k2, k3, table);
    __m128i *out = (__m128i *)(void *)h;
    _mm_storeu_si128(out,     _mm_xor_si128(_mm_xor_si128(k0, s0), _mm_xor_si128(h0, m0)));
    _mm_storeu_si128(out + 1, _mm_xor_si128(_mm_xor_si128(k1, s1), _mm_xor_si128(h1, m1)));
    _mm_storeu_si128(out + 2, _mm_xor_si128(_mm_xor_si128(k2, s2), _mm_xor_si128(h2, m2)));
    _mm_storeu_si128(out + 3, _mm_xor_si128(_mm_xor_si128(k3, s3), _mm_xor_si128(h3, m3)));
}

#else

/* out = LPS(a ^ b): output word k XORs table row i at byte k of input word i. */
static inline void xlps(const uint64_t *a, const uint64_t *b, uint64_t *out, const uint64_t *t) {
    uint64_t x0 = a[0] ^ b[0], x1 = a[1] ^ b[1], x2 = a[2] ^ b[2], x3 = a[3] ^ b[3];
    uint64_t x4 = a[4] ^ b[4], x5 = a[5] ^ b[5], x6 = a[6] ^ b[6], x7 = a[7] ^ b[7];
    for (int k = 0; k < 8; k++) {
        unsigned shift = 8u * (unsigned)k;
        out[k] = t[(x0 >> shift) & 0xff] ^ t[256 + ((x1 >> shift) & 0xff)] ^
                 t[512 + ((x2 >> shift) & 0xff)] ^ t[768 + ((x3 >> shift) & 0xff)] ^
                 t[1024 + ((x4 >> shift) & 0xff)] ^ t[1280 + ((x5 >> shift) & 0xff)] ^
                 t[1536 + ((x6 >> shift) & 0xff)] ^ t[1792 + ((x7 >> shift) & 0xff)];
    }
}

void senim_streebog_compress(uint64_t *h, const uint64_t *n, const uint64_t *m,
                             const uint64_t *table, const uint64_t *constants) {
    uint64_t key[8], text[8];
    xlps(h, n, key, table);
    xlps(key, m, text, table);
    for (int round = 0; round < 11; round++) {
        xlps(key, constants + 8 * round, key, table);
        xlps(key, text, text, table);
    }
    xlps(key, constants + 88, key, table);
    for (int i = 0; i < 8; i++) h[i] ^= key[i] ^ text[i] ^ m[i];
}
#endif

static inline uint64_t load_le64(const unsigned char *p) {
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 | (uint64_t)p[3] << 24 |
           (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 | (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

/* a += b mod 2^512 */
static inline void add512(uint64_t *a, const uint64_t *b) {
    uint64_t carry = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t sum = a[i] + b[i];
        uint64_t carry1 = sum < a[i];
        uint64_t result = sum + carry;
        uint64_t carry2 = result < sum;
        a[i] = result;
        carry = carry1 | carry2;
    }
}

void senim_streebog_absorb(uint64_t *h, uint64_t *n, uint64_t *sigma,
                           const unsigned char *message, size_t blocks,
                           const uint64_t *table, const uint64_t *constants) {
    static const uint64_t block_bits[8] = {512, 0, 0, 0, 0, 0, 0, 0};
    uint64_t m[8];
    for (size_t block = 0; block < blocks; block++) {
        for (int i = 0; i < 8; i++) m[i] = load_le64(message + 64 * block + 8 * i);
        senim_streebog_compress(h, n, m, table, constants);
        add512(n, block_bits);
        add512(sigma, m);
    }
}

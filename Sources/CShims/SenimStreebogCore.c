/* The compression function g_N(h, m) of Streebog (GOST R 34.11-2012 §8) over whole 64-byte blocks.

   Every LPS transform is 64 lookups into the static 8×256 tables of SenimStreebogTables.c (16 KiB: stays
   in L1) XORed together; the work is bound by those loads. Three kernels compute the same function:
   - portable: the eight source words in general registers, bytes peeled off by shifts (any CPU);
   - sse2: the state in SSE registers, two lookups per 16-bit lane extracted with pextrw;
   - avx2: four lookups per vpgatherqq, the indices of a source word's bytes made by vpmovzxbq;
   - avx512: eight lookups per gather (one per source word), the whole state in one zmm register.
   On the Sapphire Rapids VM of the README's "Digest speed" table avx512 ran 1.3x sse2, avx2 1.1x.
   senim_streebog_kernel() picks the fastest one the CPU supports on first use (no start-up cost); tests run
   every supported kernel against the portable one. Words are little-endian 64-bit values. */
#include "SenimStreebogCore.h"
#include "SenimStreebogTables.h"
#include <string.h>

#define T senim_streebog_lps
#define C senim_streebog_c

/* ---------------------------------------------------------------------------------------------------- */
/* portable                                                                                             */

/* Adds the contribution of source word x (row i of the tables) into the eight accumulators. */
#define SENIM_ROW(i, x) do { uint64_t v_ = (x); const uint64_t *t_ = T + 256 * (i); \
    o0 ^= t_[v_ & 0xff]; o1 ^= t_[(v_ >> 8) & 0xff]; o2 ^= t_[(v_ >> 16) & 0xff]; o3 ^= t_[(v_ >> 24) & 0xff]; \
    o4 ^= t_[(v_ >> 32) & 0xff]; o5 ^= t_[(v_ >> 40) & 0xff]; o6 ^= t_[(v_ >> 48) & 0xff]; o7 ^= t_[v_ >> 56]; \
} while (0)

/* out = LPS(a ^ b); out may alias a or b. */
static inline void xlps_portable(const uint64_t *a, const uint64_t *b, uint64_t *out) {
    uint64_t o0 = 0, o1 = 0, o2 = 0, o3 = 0, o4 = 0, o5 = 0, o6 = 0, o7 = 0;
    SENIM_ROW(0, a[0] ^ b[0]); SENIM_ROW(1, a[1] ^ b[1]); SENIM_ROW(2, a[2] ^ b[2]); SENIM_ROW(3, a[3] ^ b[3]);
    SENIM_ROW(4, a[4] ^ b[4]); SENIM_ROW(5, a[5] ^ b[5]); SENIM_ROW(6, a[6] ^ b[6]); SENIM_ROW(7, a[7] ^ b[7]);
    out[0] = o0; out[1] = o1; out[2] = o2; out[3] = o3; out[4] = o4; out[5] = o5; out[6] = o6; out[7] = o7;
}

static void compress_portable(uint64_t *h, const uint64_t *n, const uint64_t *m) {
    uint64_t key[8], text[8];
    xlps_portable(h, n, key);
    xlps_portable(key, m, text);
    for (int round = 0; round < 11; round++) {
        xlps_portable(key, C + 8 * round, key);
        xlps_portable(key, text, text);
    }
    xlps_portable(key, C + 88, key);
    for (int i = 0; i < 8; i++) h[i] ^= key[i] ^ text[i] ^ m[i];
}

#include "SenimLittleEndian.h"

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

/* N += 512 */
static inline void add512_block(uint64_t *n) {
    uint64_t old = n[0];
    n[0] = old + 512;
    if (n[0] < old) for (int i = 1; i < 8 && ++n[i] == 0; i++) {}
}

typedef void (*senim_compress_fn)(uint64_t *h, const uint64_t *n, const uint64_t *m);

static inline void absorb_with(senim_compress_fn compress, uint64_t *h, uint64_t *n, uint64_t *sigma,
                               const unsigned char *message, size_t blocks) {
    uint64_t m[8];
    for (size_t block = 0; block < blocks; block++) {
        for (int i = 0; i < 8; i++) m[i] = load_le64(message + 64 * block + 8 * i);
        compress(h, n, m);
        add512_block(n);
        add512(sigma, m);
    }
}

/* ---------------------------------------------------------------------------------------------------- */
/* sse2                                                                                                */
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define SENIM_X86 1

/* Two output words from one 16-bit lane extraction per source word: the low byte (byte 2j of the word)
   indexes output word 2j, the high byte output word 2j+1. */
#define SENIM_GATHER(J, a, b, c, d, result) do { \
    unsigned w; uint64_t lo, hi; \
    w = (unsigned)_mm_extract_epi16(a, J);     lo  = T[(w & 0xff)];        hi  = T[(w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(a, J + 4); lo ^= T[256 + (w & 0xff)];  hi ^= T[256 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(b, J);     lo ^= T[512 + (w & 0xff)];  hi ^= T[512 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(b, J + 4); lo ^= T[768 + (w & 0xff)];  hi ^= T[768 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(c, J);     lo ^= T[1024 + (w & 0xff)]; hi ^= T[1024 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(c, J + 4); lo ^= T[1280 + (w & 0xff)]; hi ^= T[1280 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(d, J);     lo ^= T[1536 + (w & 0xff)]; hi ^= T[1536 + (w >> 8)]; \
    w = (unsigned)_mm_extract_epi16(d, J + 4); lo ^= T[1792 + (w & 0xff)]; hi ^= T[1792 + (w >> 8)]; \
    result = _mm_unpacklo_epi64(_mm_cvtsi64_si128((long long)lo), _mm_cvtsi64_si128((long long)hi)); \
} while (0)

/* (o0..o3) = LPS((x0..x3) ^ (y0..y3)), each a pair of 64-bit words. */
#define SENIM_XLPS(x0, x1, x2, x3, y0, y1, y2, y3, o0, o1, o2, o3) do { \
    __m128i a_ = _mm_xor_si128(x0, y0), b_ = _mm_xor_si128(x1, y1); \
    __m128i c_ = _mm_xor_si128(x2, y2), d_ = _mm_xor_si128(x3, y3); \
    SENIM_GATHER(0, a_, b_, c_, d_, o0); SENIM_GATHER(1, a_, b_, c_, d_, o1); \
    SENIM_GATHER(2, a_, b_, c_, d_, o2); SENIM_GATHER(3, a_, b_, c_, d_, o3); \
} while (0)

#define SENIM_LOAD4(p, v0, v1, v2, v3) do { const __m128i *q_ = (const __m128i *)(const void *)(p); \
    v0 = _mm_loadu_si128(q_); v1 = _mm_loadu_si128(q_ + 1); \
    v2 = _mm_loadu_si128(q_ + 2); v3 = _mm_loadu_si128(q_ + 3); } while (0)

__attribute__((target("sse2")))
static void compress_sse2(uint64_t *h, const uint64_t *n, const uint64_t *m) {
    __m128i h0, h1, h2, h3, m0, m1, m2, m3, n0, n1, n2, n3, c0, c1, c2, c3;
    __m128i k0, k1, k2, k3, s0, s1, s2, s3;
    SENIM_LOAD4(h, h0, h1, h2, h3);
    SENIM_LOAD4(m, m0, m1, m2, m3);
    SENIM_LOAD4(n, n0, n1, n2, n3);
    SENIM_XLPS(h0, h1, h2, h3, n0, n1, n2, n3, k0, k1, k2, k3);
    SENIM_XLPS(k0, k1, k2, k3, m0, m1, m2, m3, s0, s1, s2, s3);
    for (int round = 0; round < 11; round++) {
        SENIM_LOAD4(C + 8 * round, c0, c1, c2, c3);
        SENIM_XLPS(k0, k1, k2, k3, c0, c1, c2, c3, k0, k1, k2, k3);
        SENIM_XLPS(k0, k1, k2, k3, s0, s1, s2, s3, s0, s1, s2, s3);
    }
    SENIM_LOAD4(C + 88, c0, c1, c2, c3);
    SENIM_XLPS(k0, k1, k2, k3, c0, c1, c2, c3, k0, k1, k2, k3);
    __m128i *out = (__m128i *)(void *)h;
    _mm_storeu_si128(out,     _mm_xor_si128(_mm_xor_si128(k0, s0), _mm_xor_si128(h0, m0)));
    _mm_storeu_si128(out + 1, _mm_xor_si128(_mm_xor_si128(k1, s1), _mm_xor_si128(h1, m1)));
    _mm_storeu_si128(out + 2, _mm_xor_si128(_mm_xor_si128(k2, s2), _mm_xor_si128(h2, m2)));
    _mm_storeu_si128(out + 3, _mm_xor_si128(_mm_xor_si128(k3, s3), _mm_xor_si128(h3, m3)));
}

/* ---------------------------------------------------------------------------------------------------- */
/* avx2: four lookups per gather; the indices of word i's bytes 0-3 and 4-7 come from vpmovzxbq.         */

#define SENIM_AVX2_ROW(i, lanes, lo, hi) do { \
    __m128i w_ = (lanes); \
    lo = _mm256_xor_si256(lo, _mm256_i64gather_epi64((const long long *)(T + 256 * (i)), _mm256_cvtepu8_epi64(w_), 8)); \
    hi = _mm256_xor_si256(hi, _mm256_i64gather_epi64((const long long *)(T + 256 * (i)), \
                                                      _mm256_cvtepu8_epi64(_mm_srli_epi64(w_, 32)), 8)); \
} while (0)

__attribute__((target("avx2")))
static inline void xlps_avx2(__m256i a0, __m256i a1, __m256i b0, __m256i b1, __m256i *o0, __m256i *o1) {
    __m256i x0 = _mm256_xor_si256(a0, b0), x1 = _mm256_xor_si256(a1, b1);
    __m256i lo = _mm256_setzero_si256(), hi = _mm256_setzero_si256();
    __m128i p0 = _mm256_castsi256_si128(x0), p1 = _mm256_extracti128_si256(x0, 1);
    __m128i p2 = _mm256_castsi256_si128(x1), p3 = _mm256_extracti128_si256(x1, 1);
    SENIM_AVX2_ROW(0, p0, lo, hi); SENIM_AVX2_ROW(1, _mm_unpackhi_epi64(p0, p0), lo, hi);
    SENIM_AVX2_ROW(2, p1, lo, hi); SENIM_AVX2_ROW(3, _mm_unpackhi_epi64(p1, p1), lo, hi);
    SENIM_AVX2_ROW(4, p2, lo, hi); SENIM_AVX2_ROW(5, _mm_unpackhi_epi64(p2, p2), lo, hi);
    SENIM_AVX2_ROW(6, p3, lo, hi); SENIM_AVX2_ROW(7, _mm_unpackhi_epi64(p3, p3), lo, hi);
    *o0 = lo; *o1 = hi;
}

__attribute__((target("avx2")))
static void compress_avx2(uint64_t *h, const uint64_t *n, const uint64_t *m) {
    const __m256i *hp = (const __m256i *)(const void *)h, *np = (const __m256i *)(const void *)n;
    const __m256i *mp = (const __m256i *)(const void *)m, *cp = (const __m256i *)(const void *)C;
    __m256i h0 = _mm256_loadu_si256(hp), h1 = _mm256_loadu_si256(hp + 1);
    __m256i m0 = _mm256_loadu_si256(mp), m1 = _mm256_loadu_si256(mp + 1);
    __m256i k0, k1, s0, s1;
    xlps_avx2(h0, h1, _mm256_loadu_si256(np), _mm256_loadu_si256(np + 1), &k0, &k1);
    xlps_avx2(k0, k1, m0, m1, &s0, &s1);
    for (int round = 0; round < 11; round++) {
        xlps_avx2(k0, k1, _mm256_loadu_si256(cp + 2 * round), _mm256_loadu_si256(cp + 2 * round + 1), &k0, &k1);
        xlps_avx2(k0, k1, s0, s1, &s0, &s1);
    }
    xlps_avx2(k0, k1, _mm256_loadu_si256(cp + 22), _mm256_loadu_si256(cp + 23), &k0, &k1);
    __m256i *out = (__m256i *)(void *)h;
    _mm256_storeu_si256(out, _mm256_xor_si256(_mm256_xor_si256(k0, s0), _mm256_xor_si256(h0, m0)));
    _mm256_storeu_si256(out + 1, _mm256_xor_si256(_mm256_xor_si256(k1, s1), _mm256_xor_si256(h1, m1)));
}

/* ---------------------------------------------------------------------------------------------------- */
/* avx512: eight lookups per gather, the whole state in one register.                                    */

#define SENIM_AVX512_ROW(i, lanes, acc) \
    acc = _mm512_xor_si512(acc, _mm512_i64gather_epi64(_mm512_cvtepu8_epi64(lanes), (const void *)(T + 256 * (i)), 8))

__attribute__((target("avx512f")))
static inline __m512i xlps_avx512(__m512i a, __m512i b) {
    __m512i x = _mm512_xor_si512(a, b), acc = _mm512_setzero_si512();
    __m128i p0 = _mm512_castsi512_si128(x), p1 = _mm512_extracti32x4_epi32(x, 1);
    __m128i p2 = _mm512_extracti32x4_epi32(x, 2), p3 = _mm512_extracti32x4_epi32(x, 3);
    SENIM_AVX512_ROW(0, p0, acc); SENIM_AVX512_ROW(1, _mm_unpackhi_epi64(p0, p0), acc);
    SENIM_AVX512_ROW(2, p1, acc); SENIM_AVX512_ROW(3, _mm_unpackhi_epi64(p1, p1), acc);
    SENIM_AVX512_ROW(4, p2, acc); SENIM_AVX512_ROW(5, _mm_unpackhi_epi64(p2, p2), acc);
    SENIM_AVX512_ROW(6, p3, acc); SENIM_AVX512_ROW(7, _mm_unpackhi_epi64(p3, p3), acc);
    return acc;
}

__attribute__((target("avx512f")))
static void compress_avx512(uint64_t *h, const uint64_t *n, const uint64_t *m) {
    __m512i hv = _mm512_loadu_si512(h), mv = _mm512_loadu_si512(m);
    __m512i k = xlps_avx512(hv, _mm512_loadu_si512(n));
    __m512i s = xlps_avx512(k, mv);
    for (int round = 0; round < 11; round++) {
        k = xlps_avx512(k, _mm512_loadu_si512(C + 8 * round));
        s = xlps_avx512(k, s);
    }
    k = xlps_avx512(k, _mm512_loadu_si512(C + 88));
    _mm512_storeu_si512(h, _mm512_xor_si512(_mm512_xor_si512(k, s), _mm512_xor_si512(hv, mv)));
}

__attribute__((target("sse2")))
static void absorb_sse2(uint64_t *h, uint64_t *n, uint64_t *s, const unsigned char *p, size_t blocks) {
    absorb_with(compress_sse2, h, n, s, p, blocks);
}
__attribute__((target("avx2")))
static void absorb_avx2(uint64_t *h, uint64_t *n, uint64_t *s, const unsigned char *p, size_t blocks) {
    absorb_with(compress_avx2, h, n, s, p, blocks);
}
__attribute__((target("avx512f")))
static void absorb_avx512(uint64_t *h, uint64_t *n, uint64_t *s, const unsigned char *p, size_t blocks) {
    absorb_with(compress_avx512, h, n, s, p, blocks);
}
#endif

static void absorb_portable(uint64_t *h, uint64_t *n, uint64_t *s, const unsigned char *p, size_t blocks) {
    absorb_with(compress_portable, h, n, s, p, blocks);
}

/* ---------------------------------------------------------------------------------------------------- */
/* dispatch                                                                                             */

int senim_streebog_kernel_supported(senim_streebog_kernel_t kernel) {
    switch (kernel) {
    case SENIM_STREEBOG_PORTABLE: return 1;
#ifdef SENIM_X86
    case SENIM_STREEBOG_SSE2: return __builtin_cpu_supports("sse2");
    case SENIM_STREEBOG_AVX2: return __builtin_cpu_supports("avx2");
    case SENIM_STREEBOG_AVX512: return __builtin_cpu_supports("avx512f");
#endif
    default: return 0;
    }
}

static int chosen_kernel = -1;

senim_streebog_kernel_t senim_streebog_kernel(void) {
    int kernel = __atomic_load_n(&chosen_kernel, __ATOMIC_RELAXED);
    if (kernel < 0) {
        kernel = SENIM_STREEBOG_PORTABLE;
#ifdef SENIM_X86
        __builtin_cpu_init();
        /* Fastest first, as measured (README "Digest speed"). */
        if (senim_streebog_kernel_supported(SENIM_STREEBOG_AVX512)) kernel = SENIM_STREEBOG_AVX512;
        else if (senim_streebog_kernel_supported(SENIM_STREEBOG_AVX2)) kernel = SENIM_STREEBOG_AVX2;
        else if (senim_streebog_kernel_supported(SENIM_STREEBOG_SSE2)) kernel = SENIM_STREEBOG_SSE2;
#endif
        __atomic_store_n(&chosen_kernel, kernel, __ATOMIC_RELAXED);
    }
    return (senim_streebog_kernel_t)kernel;
}

void senim_streebog_absorb_kernel(senim_streebog_kernel_t kernel, uint64_t *h, uint64_t *n, uint64_t *sigma,
                                  const unsigned char *message, size_t blocks) {
    if (!senim_streebog_kernel_supported(kernel)) kernel = SENIM_STREEBOG_PORTABLE;
    switch (kernel) {
#ifdef SENIM_X86
    case SENIM_STREEBOG_SSE2: absorb_sse2(h, n, sigma, message, blocks); return;
    case SENIM_STREEBOG_AVX2: absorb_avx2(h, n, sigma, message, blocks); return;
    case SENIM_STREEBOG_AVX512: absorb_avx512(h, n, sigma, message, blocks); return;
#endif
    default: absorb_portable(h, n, sigma, message, blocks); return;
    }
}

void senim_streebog_absorb(uint64_t *h, uint64_t *n, uint64_t *sigma, const unsigned char *message, size_t blocks) {
    senim_streebog_absorb_kernel(senim_streebog_kernel(), h, n, sigma, message, blocks);
}

void senim_streebog_compress_kernel(senim_streebog_kernel_t kernel, uint64_t *h, const uint64_t *n, const uint64_t *m) {
    if (!senim_streebog_kernel_supported(kernel)) kernel = SENIM_STREEBOG_PORTABLE;
    switch (kernel) {
#ifdef SENIM_X86
    case SENIM_STREEBOG_SSE2: compress_sse2(h, n, m); return;
    case SENIM_STREEBOG_AVX2: compress_avx2(h, n, m); return;
    case SENIM_STREEBOG_AVX512: compress_avx512(h, n, m); return;
#endif
    default: compress_portable(h, n, m); return;
    }
}

void senim_streebog_compress(uint64_t *h, const uint64_t *n, const uint64_t *m) {
    senim_streebog_compress_kernel(senim_streebog_kernel(), h, n, m);
}

const uint64_t *senim_streebog_lps_table(void) { return senim_streebog_lps; }
const uint64_t *senim_streebog_constants(void) { return senim_streebog_c; }

/* Field and point arithmetic for the Kazakh GOST curves (see SenimGOSTCurve.h). Field elements are kept
   below 2^(64L) and reduced with 2^(64L) ≡ c (mod p); they are made canonical only for comparisons. */
#include "SenimGOSTCurve.h"
#include <stdlib.h>
#include <string.h>

#define MAXL 8
#define G_WINDOW 7          /* odd multiples 1·G … 63·G, affine */
#define Q_WINDOW 5          /* odd multiples 1·Q … 15·Q, Jacobian, per verification */
#define G_TABLE (1 << (G_WINDOW - 2))
#define Q_TABLE (1 << (Q_WINDOW - 2))
#define ALWAYS_INLINE static inline __attribute__((always_inline))

typedef unsigned __int128 u128;
typedef struct { uint64_t v[MAXL]; } fe;
typedef struct { fe x, y, z; int infinity; } jacobian;
typedef struct { fe x, y; } affine;

struct senim_gost_curve {
    int limbs;
    uint64_t c;
    affine g[G_TABLE];
};

/* ---- field ---- */

ALWAYS_INLINE void fe_fold(fe *r, uint64_t carry, int L, uint64_t c) {
    /* r + carry·2^(64L) ≡ r + carry·c */
    while (carry) {
        u128 t = (u128)carry * c + r->v[0];
        r->v[0] = (uint64_t)t;
        uint64_t k = (uint64_t)(t >> 64);
        for (int i = 1; i < L && k; i++) { t = (u128)r->v[i] + k; r->v[i] = (uint64_t)t; k = (uint64_t)(t >> 64); }
        carry = k;
    }
}

ALWAYS_INLINE void fe_add(fe *r, const fe *a, const fe *b, int L, uint64_t c) {
    uint64_t carry = 0;
    for (int i = 0; i < L; i++) { u128 t = (u128)a->v[i] + b->v[i] + carry; r->v[i] = (uint64_t)t; carry = (uint64_t)(t >> 64); }
    fe_fold(r, carry, L, c);
}

ALWAYS_INLINE void fe_sub(fe *r, const fe *a, const fe *b, int L, uint64_t c) {
    uint64_t borrow = 0;
    for (int i = 0; i < L; i++) { u128 t = (u128)a->v[i] - b->v[i] - borrow; r->v[i] = (uint64_t)t; borrow = (uint64_t)(t >> 64) & 1; }
    /* a − b + 2^(64L) was stored; subtract c (≡ 2^(64L)) until no borrow remains */
    while (borrow) {
        u128 t = (u128)r->v[0] - c;
        r->v[0] = (uint64_t)t;
        uint64_t k = (uint64_t)(t >> 64) & 1;
        for (int i = 1; i < L && k; i++) { t = (u128)r->v[i] - k; r->v[i] = (uint64_t)t; k = (uint64_t)(t >> 64) & 1; }
        borrow = k;
    }
}

ALWAYS_INLINE void fe_mul(fe *r, const fe *a, const fe *b, int L, uint64_t c) {
    uint64_t t[2 * MAXL];
    memset(t, 0, sizeof(uint64_t) * 2 * (size_t)L);
    for (int i = 0; i < L; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < L; j++) {
            u128 p = (u128)a->v[i] * b->v[j] + t[i + j] + carry;
            t[i + j] = (uint64_t)p;
            carry = (uint64_t)(p >> 64);
        }
        t[i + L] = carry;
    }
    uint64_t carry = 0;
    for (int i = 0; i < L; i++) {
        u128 p = (u128)t[i + L] * c + t[i] + carry;
        r->v[i] = (uint64_t)p;
        carry = (uint64_t)(p >> 64);
    }
    fe_fold(r, carry, L, c);
}

ALWAYS_INLINE void fe_sqr(fe *r, const fe *a, int L, uint64_t c) { fe_mul(r, a, a, L, c); }

/* Canonical value in [0, p): values are < 2^(64L) < 2p, so one conditional subtraction of p
   (= adding c modulo 2^(64L), which overflows exactly when the value is ≥ p) suffices. */
ALWAYS_INLINE void fe_canonical(fe *r, const fe *a, int L, uint64_t c) {
    fe t;
    uint64_t carry = c;
    for (int i = 0; i < L; i++) { u128 s = (u128)a->v[i] + carry; t.v[i] = (uint64_t)s; carry = (uint64_t)(s >> 64); }
    *r = carry ? t : *a;
}

ALWAYS_INLINE int fe_equal(const fe *a, const fe *b, int L, uint64_t c) {
    fe x, y;
    fe_canonical(&x, a, L, c);
    fe_canonical(&y, b, L, c);
    return memcmp(x.v, y.v, sizeof(uint64_t) * (size_t)L) == 0;
}

ALWAYS_INLINE int fe_is_zero(const fe *a, int L, uint64_t c) {
    fe x;
    fe_canonical(&x, a, L, c);
    for (int i = 0; i < L; i++) if (x.v[i]) return 0;
    return 1;
}

static void fe_load(fe *r, const uint64_t *words, int L) {
    memset(r, 0, sizeof(*r));
    memcpy(r->v, words, sizeof(uint64_t) * (size_t)L);
}

/* a^(p−2) by square-and-multiply: used only when building the G table. */
static void fe_invert(fe *r, const fe *a, int L, uint64_t c) {
    fe exponent = {{0}};
    for (int i = 0; i < L; i++) exponent.v[i] = ~0ULL;
    exponent.v[0] = (uint64_t)0 - c - 2;      /* p − 2 = 2^(64L) − c − 2 */
    fe result = {{0}};
    result.v[0] = 1;
    for (int bit = 64 * L - 1; bit >= 0; bit--) {
        fe_sqr(&result, &result, L, c);
        if ((exponent.v[bit / 64] >> (bit % 64)) & 1) fe_mul(&result, &result, a, L, c);
    }
    *r = result;
}

/* ---- points (Jacobian, a = −3) ---- */

/* dbl-2001-b: 3M + 5S */
ALWAYS_INLINE void point_double(jacobian *r, const jacobian *p, int L, uint64_t c) {
    if (p->infinity || fe_is_zero(&p->y, L, c)) { r->infinity = 1; return; }
    fe delta, gamma, beta, alpha, t1, t2, t3;
    fe_sqr(&delta, &p->z, L, c);
    fe_sqr(&gamma, &p->y, L, c);
    fe_mul(&beta, &p->x, &gamma, L, c);
    fe_sub(&t1, &p->x, &delta, L, c);
    fe_add(&t2, &p->x, &delta, L, c);
    fe_mul(&t3, &t1, &t2, L, c);
    fe_add(&alpha, &t3, &t3, L, c);
    fe_add(&alpha, &alpha, &t3, L, c);                     /* α = 3(X − δ)(X + δ) */
    fe z3, y3, x3, beta4, beta8, gamma2;
    fe_add(&t1, &p->y, &p->z, L, c);
    fe_sqr(&t1, &t1, L, c);
    fe_sub(&t1, &t1, &gamma, L, c);
    fe_sub(&z3, &t1, &delta, L, c);                        /* Z3 = (Y + Z)² − γ − δ */
    fe_add(&beta4, &beta, &beta, L, c);
    fe_add(&beta4, &beta4, &beta4, L, c);
    fe_add(&beta8, &beta4, &beta4, L, c);
    fe_sqr(&x3, &alpha, L, c);
    fe_sub(&x3, &x3, &beta8, L, c);                        /* X3 = α² − 8β */
    fe_sub(&t1, &beta4, &x3, L, c);
    fe_mul(&y3, &alpha, &t1, L, c);
    fe_sqr(&gamma2, &gamma, L, c);
    fe_add(&gamma2, &gamma2, &gamma2, L, c);
    fe_add(&gamma2, &gamma2, &gamma2, L, c);
    fe_add(&gamma2, &gamma2, &gamma2, L, c);
    fe_sub(&y3, &y3, &gamma2, L, c);                       /* Y3 = α(4β − X3) − 8γ² */
    r->x = x3; r->y = y3; r->z = z3; r->infinity = 0;
}

/* The shared tail of both additions: X3 = rr² − J − 2V, Y3 = rr·(V − X3) − 2·S·J. */
ALWAYS_INLINE void addition_tail(fe *x3, fe *y3, const fe *rr, const fe *j, const fe *v, const fe *s, int L, uint64_t c) {
    fe t;
    fe_sqr(x3, rr, L, c);
    fe_sub(x3, x3, j, L, c);
    fe_sub(x3, x3, v, L, c);
    fe_sub(x3, x3, v, L, c);
    fe_sub(&t, v, x3, L, c);
    fe_mul(y3, rr, &t, L, c);
    fe_mul(&t, s, j, L, c);
    fe_add(&t, &t, &t, L, c);
    fe_sub(y3, y3, &t, L, c);
}

/* madd-2007-bl: r = p + (ax, ay), the affine point not at infinity */
ALWAYS_INLINE void point_add_affine(jacobian *r, const jacobian *p, const fe *ax, const fe *ay, int L, uint64_t c) {
    if (p->infinity) {
        r->x = *ax; r->y = *ay; memset(&r->z, 0, sizeof(fe)); r->z.v[0] = 1; r->infinity = 0;
        return;
    }
    fe z1z1, u2, s2, h, hh, i, j, rr, v, t;
    fe_sqr(&z1z1, &p->z, L, c);
    fe_mul(&u2, ax, &z1z1, L, c);
    fe_mul(&t, &p->z, &z1z1, L, c);
    fe_mul(&s2, ay, &t, L, c);
    fe_sub(&h, &u2, &p->x, L, c);
    fe_sub(&rr, &s2, &p->y, L, c);
    fe_add(&rr, &rr, &rr, L, c);
    if (fe_is_zero(&h, L, c)) {
        if (fe_is_zero(&rr, L, c)) { jacobian q = *p; point_double(r, &q, L, c); }
        else r->infinity = 1;
        return;
    }
    fe_sqr(&hh, &h, L, c);
    fe_add(&i, &hh, &hh, L, c);
    fe_add(&i, &i, &i, L, c);
    fe_mul(&j, &h, &i, L, c);
    fe_mul(&v, &p->x, &i, L, c);
    fe x3, y3, z3;
    addition_tail(&x3, &y3, &rr, &j, &v, &p->y, L, c);
    fe_add(&t, &p->z, &h, L, c);
    fe_sqr(&z3, &t, L, c);
    fe_sub(&z3, &z3, &z1z1, L, c);
    fe_sub(&z3, &z3, &hh, L, c);
    r->x = x3; r->y = y3; r->z = z3; r->infinity = 0;
}

/* add-2007-bl: r = p + q, both Jacobian */
ALWAYS_INLINE void point_add(jacobian *r, const jacobian *p, const jacobian *q, int L, uint64_t c) {
    if (p->infinity) { *r = *q; return; }
    if (q->infinity) { *r = *p; return; }
    fe z1z1, z2z2, u1, u2, s1, s2, h, i, j, rr, v, t;
    fe_sqr(&z1z1, &p->z, L, c);
    fe_sqr(&z2z2, &q->z, L, c);
    fe_mul(&u1, &p->x, &z2z2, L, c);
    fe_mul(&u2, &q->x, &z1z1, L, c);
    fe_mul(&t, &q->z, &z2z2, L, c);
    fe_mul(&s1, &p->y, &t, L, c);
    fe_mul(&t, &p->z, &z1z1, L, c);
    fe_mul(&s2, &q->y, &t, L, c);
    fe_sub(&h, &u2, &u1, L, c);
    fe_sub(&rr, &s2, &s1, L, c);
    fe_add(&rr, &rr, &rr, L, c);
    if (fe_is_zero(&h, L, c)) {
        if (fe_is_zero(&rr, L, c)) { jacobian copy = *p; point_double(r, &copy, L, c); }
        else r->infinity = 1;
        return;
    }
    fe_add(&i, &h, &h, L, c);
    fe_sqr(&i, &i, L, c);
    fe_mul(&j, &h, &i, L, c);
    fe_mul(&v, &u1, &i, L, c);
    fe x3, y3, z3;
    addition_tail(&x3, &y3, &rr, &j, &v, &s1, L, c);
    fe_add(&t, &p->z, &q->z, L, c);
    fe_sqr(&t, &t, L, c);
    fe_sub(&t, &t, &z1z1, L, c);
    fe_sub(&t, &t, &z2z2, L, c);
    fe_mul(&z3, &t, &h, L, c);
    r->x = x3; r->y = y3; r->z = z3; r->infinity = 0;
}

/* ---- scalars ---- */

/* Width-w NAF of a little-endian scalar of L limbs; returns the number of digits (≤ 64L + 1). */
static int wnaf(int8_t *digits, const uint64_t *scalar, int L, int w) {
    uint64_t k[MAXL + 1];
    memcpy(k, scalar, sizeof(uint64_t) * (size_t)L);
    k[L] = 0;
    int length = 0, nonzero;
    const int64_t window = (int64_t)1 << w, half = window >> 1;
    do {
        int8_t digit = 0;
        if (k[0] & 1) {
            int64_t d = (int64_t)(k[0] & (uint64_t)(window - 1));
            if (d >= half) d -= window;
            digit = (int8_t)d;
            if (d > 0) {  /* k −= d */
                uint64_t borrow = (uint64_t)d;
                for (int i = 0; i <= L && borrow; i++) { uint64_t old = k[i]; k[i] -= borrow; borrow = old < borrow; }
            } else {      /* k += −d */
                uint64_t carry = (uint64_t)(-d);
                for (int i = 0; i <= L && carry; i++) { uint64_t old = k[i]; k[i] += carry; carry = k[i] < old; }
            }
        }
        digits[length++] = digit;
        for (int i = 0; i < L; i++) k[i] = (k[i] >> 1) | (k[i + 1] << 63);
        k[L] >>= 1;
        nonzero = 0;
        for (int i = 0; i <= L; i++) nonzero |= k[i] != 0;
    } while (nonzero);
    return length;
}

/* ---- API ---- */

senim_gost_curve *senim_gost_curve_new(int limbs, uint64_t c, const uint64_t *gx, const uint64_t *gy) {
    if (limbs != 4 && limbs != 8) return NULL;
    senim_gost_curve *curve = calloc(1, sizeof(*curve));
    if (!curve) return NULL;
    curve->limbs = limbs;
    curve->c = c;
    const int L = limbs;
    jacobian g = {{{0}}, {{0}}, {{0}}, 0}, g2, multiples[G_TABLE];
    fe_load(&g.x, gx, L);
    fe_load(&g.y, gy, L);
    g.z.v[0] = 1;
    point_double(&g2, &g, L, c);
    multiples[0] = g;
    for (int i = 1; i < G_TABLE; i++) point_add(&multiples[i], &multiples[i - 1], &g2, L, c);
    for (int i = 0; i < G_TABLE; i++) {
        fe zinv, zinv2, zinv3;
        fe_invert(&zinv, &multiples[i].z, L, c);
        fe_sqr(&zinv2, &zinv, L, c);
        fe_mul(&zinv3, &zinv2, &zinv, L, c);
        fe_mul(&curve->g[i].x, &multiples[i].x, &zinv2, L, c);
        fe_mul(&curve->g[i].y, &multiples[i].y, &zinv3, L, c);
    }
    return curve;
}

void senim_gost_curve_free(senim_gost_curve *curve) { free(curve); }

ALWAYS_INLINE int verify_limbs(const senim_gost_curve *curve, const uint64_t *qx, const uint64_t *qy,
                               const uint64_t *z1, const uint64_t *z2, const uint64_t *r, const uint64_t *r_plus_q,
                               const int L) {
    const uint64_t c = curve->c;
    jacobian q = {{{0}}, {{0}}, {{0}}, 0}, q2, qtable[Q_TABLE];
    fe_load(&q.x, qx, L);
    fe_load(&q.y, qy, L);
    q.z.v[0] = 1;
    point_double(&q2, &q, L, c);
    qtable[0] = q;
    for (int i = 1; i < Q_TABLE; i++) point_add(&qtable[i], &qtable[i - 1], &q2, L, c);

    int8_t d1[64 * MAXL + 2], d2[64 * MAXL + 2];
    int n1 = wnaf(d1, z1, L, G_WINDOW), n2 = wnaf(d2, z2, L, Q_WINDOW);
    int n = n1 > n2 ? n1 : n2;
    for (int i = n1; i < n; i++) d1[i] = 0;
    for (int i = n2; i < n; i++) d2[i] = 0;

    jacobian acc;
    acc.infinity = 1;
    const fe zero = {{0}};
    for (int i = n - 1; i >= 0; i--) {
        jacobian doubled;
        point_double(&doubled, &acc, L, c);
        acc = doubled;
        if (d1[i]) {
            const affine *entry = &curve->g[(d1[i] > 0 ? d1[i] : -d1[i]) / 2];
            fe y = entry->y;
            if (d1[i] < 0) fe_sub(&y, &zero, &entry->y, L, c);
            jacobian sum;
            point_add_affine(&sum, &acc, &entry->x, &y, L, c);
            acc = sum;
        }
        if (d2[i]) {
            jacobian entry = qtable[(d2[i] > 0 ? d2[i] : -d2[i]) / 2];
            if (d2[i] < 0) fe_sub(&entry.y, &zero, &entry.y, L, c);
            jacobian sum;
            point_add(&sum, &acc, &entry, L, c);
            acc = sum;
        }
    }
    if (acc.infinity) return 0;
    /* x(C) = X / Z²: compare X with r·Z² (and (r + q)·Z²) instead of inverting Z. */
    fe zz, candidate, target;
    fe_sqr(&zz, &acc.z, L, c);
    fe_load(&target, r, L);
    fe_mul(&candidate, &target, &zz, L, c);
    if (fe_equal(&candidate, &acc.x, L, c)) return 1;
    if (r_plus_q) {
        fe_load(&target, r_plus_q, L);
        fe_mul(&candidate, &target, &zz, L, c);
        if (fe_equal(&candidate, &acc.x, L, c)) return 1;
    }
    return 0;
}

int senim_gost_verify_x(const senim_gost_curve *curve, const uint64_t *qx, const uint64_t *qy,
                        const uint64_t *z1, const uint64_t *z2, const uint64_t *r, const uint64_t *r_plus_q) {
    /* Two instantiations so the limb loops have constant bounds. */
    if (curve->limbs == 4) return verify_limbs(curve, qx, qy, z1, z2, r, r_plus_q, 4);
    return verify_limbs(curve, qx, qy, z1, z2, r, r_plus_q, 8);
}

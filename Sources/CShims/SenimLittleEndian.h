/* Loading message words for the GOST digests: both read 64-bit little-endian words (word 0 holds message bytes
   0…7), whatever the host's byte order; memcpy keeps unaligned input legal. */
#ifndef SENIM_LITTLE_ENDIAN_H
#define SENIM_LITTLE_ENDIAN_H
#include <stdint.h>
#include <string.h>

static inline uint64_t load_le64(const unsigned char *p) {
    uint64_t v;
    memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

#endif

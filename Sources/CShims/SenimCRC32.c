#include "SenimCRC32.h"

static uint32_t table[8][256];
static int ready = 0;

static void build(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[0][i] = c;
    }
    for (int t = 1; t < 8; t++)
        for (int i = 0; i < 256; i++) table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xFF];
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
}

uint32_t senim_crc32(uint32_t crc, const unsigned char *bytes, size_t length) {
    /* Building the table twice from two threads writes the same values: harmless. */
    if (!__atomic_load_n(&ready, __ATOMIC_ACQUIRE)) build();
    crc = ~crc;
    while (length >= 8) {
        uint32_t one = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
        one ^= crc;
        crc = table[7][one & 0xFF] ^ table[6][(one >> 8) & 0xFF] ^ table[5][(one >> 16) & 0xFF] ^ table[4][one >> 24]
            ^ table[3][bytes[4]] ^ table[2][bytes[5]] ^ table[1][bytes[6]] ^ table[0][bytes[7]];
        bytes += 8;
        length -= 8;
    }
    while (length--) crc = table[0][(crc ^ *bytes++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

#ifndef SENIM_CRC32_H
#define SENIM_CRC32_H
#include <stddef.h>
#include <stdint.h>

/// CRC-32 (ISO 3309, the ZIP checksum), slicing by 8: `crc` is the running value (0 to start).
uint32_t senim_crc32(uint32_t crc, const unsigned char *bytes, size_t length);
#endif

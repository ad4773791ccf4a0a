#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <openssl/evp.h>
#include <openssl/engine.h>
#include "SenimStreebogCore.h"
#include "SenimStreebogTables.h"
void old_streebog_absorb(uint64_t *h, uint64_t *n, uint64_t *sigma, const unsigned char *message, size_t blocks,
                         const uint64_t *table, const uint64_t *constants);
static double now(void) { struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec * 1e-9; }
#define SIZE (16u << 20)
int main(int argc, char **argv) {
    unsigned char *buf = aligned_alloc(64, SIZE);
    for (size_t i = 0; i < SIZE; i++) buf[i] = (unsigned char)(i * 2654435761u >> 13);
    size_t blocks = SIZE / 64;
    uint64_t st[24];
    for (int rep = 0; rep < 5; rep++) {
    memset(st, 0, sizeof st);
    double t0 = now(); old_streebog_absorb(st, st + 8, st + 16, buf, blocks, senim_streebog_lps, senim_streebog_c);
    double t1 = now(); printf("old sse2      %.1f MB/s  %016llx\n", SIZE / (t1 - t0) / 1e6, (unsigned long long)st[0]);
    for (int k = 0; k < 4; k++) {
        if (!senim_streebog_kernel_supported(k)) { printf("kernel %d unsupported\n", k); continue; }
        memset(st, 0, sizeof st);
        t0 = now(); senim_streebog_absorb_kernel(k, st, st + 8, st + 16, buf, blocks);
        t1 = now(); printf("kernel %d      %.1f MB/s  %016llx\n", k, SIZE / (t1 - t0) / 1e6, (unsigned long long)st[0]);
    }
    ENGINE_load_builtin_engines();
    ENGINE *e = ENGINE_by_id("gost");
    if (!e || !ENGINE_init(e)) { printf("no engine\n"); return 1; }
    ENGINE_set_default(e, ENGINE_METHOD_ALL);
    const char *names[] = {"md_gost12_512", "md_gost12_256", "md_gost94", "sha256"};
    for (int i = 0; i < 4; i++) {
        const EVP_MD *md = EVP_get_digestbyname(names[i]);
        if (!md) { printf("no %s\n", names[i]); continue; }
        EVP_MD_CTX *c = EVP_MD_CTX_new(); unsigned char out[64]; unsigned len;
        size_t size = i == 2 ? SIZE / 4 : SIZE;
        t0 = now(); EVP_DigestInit_ex(c, md, i == 3 ? NULL : e); EVP_DigestUpdate(c, buf, size); EVP_DigestFinal_ex(c, out, &len);
        t1 = now(); printf("openssl %-14s %.1f MB/s\n", names[i], size / (t1 - t0) / 1e6);
        EVP_MD_CTX_free(c);
    }
    }
    return 0;
}

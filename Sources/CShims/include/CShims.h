#ifndef SENIM_CSHIMS_H
#define SENIM_CSHIMS_H
#include <stddef.h>
#include <openssl/bio.h>

/// OPENSSL_free is a function-like macro over CRYPTO_free.
void senim_OPENSSL_free(void *pointer);
/// BIO_get_mem_data is a macro over BIO_ctrl.
long senim_BIO_get_mem_data(BIO *bio, char **data);
/// xmlFree is a global function-pointer variable, which Swift 6 rejects as shared mutable state.
void senim_xmlFree(void *pointer);
#endif

#include <openssl/ec.h>
/// EC_GROUP_precompute_mult is deprecated in OpenSSL 3.0 yet still the only way to give a custom
/// (GOST) curve a precomputed generator table for wNAF multiplication.
int senim_EC_GROUP_precompute_mult(EC_GROUP *group, BN_CTX *context);

#include "SenimStreebogCore.h"
#include "SenimGOSTCurve.h"

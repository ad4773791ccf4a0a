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
#include "SenimGOST94Core.h"
#include "SenimGOSTCurve.h"
#include "SenimXML.h"
#include "SenimXMLStream.h"
#include "SenimCRC32.h"

#include <openssl/evp.h>
/// An RSA public key from big-endian modulus and exponent via EVP_PKEY_fromdata (~4 µs instead of ~85 µs for
/// d2i_PUBKEY in OpenSSL 3). In C because OSSL_PARAM_BLD keeps pointers to the parameter *names*, which must be
/// static strings; Swift's bridged C strings are temporaries. Returns NULL on failure.
EVP_PKEY *senim_rsa_public_key(const unsigned char *modulus, size_t modulus_length,
                               const unsigned char *exponent, size_t exponent_length);

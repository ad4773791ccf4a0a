#define OPENSSL_SUPPRESS_DEPRECATED
#include "CShims.h"
#include <openssl/crypto.h>
#include <libxml/xmlmemory.h>

void senim_OPENSSL_free(void *pointer) { OPENSSL_free(pointer); }
long senim_BIO_get_mem_data(BIO *bio, char **data) { return BIO_get_mem_data(bio, data); }
void senim_xmlFree(void *pointer) { xmlFree(pointer); }

int senim_EC_GROUP_precompute_mult(EC_GROUP *group, BN_CTX *context) {
    return EC_GROUP_precompute_mult(group, context);
}

#include <openssl/core_names.h>
#include <openssl/param_build.h>

EVP_PKEY *senim_rsa_public_key(const unsigned char *modulus, size_t modulus_length,
                               const unsigned char *exponent, size_t exponent_length) {
    EVP_PKEY *key = NULL;
    BIGNUM *n = BN_bin2bn(modulus, (int)modulus_length, NULL);
    BIGNUM *e = BN_bin2bn(exponent, (int)exponent_length, NULL);
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM *parameters = NULL;
    EVP_PKEY_CTX *context = NULL;
    if (n && e && builder
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n)
        && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e)
        && (parameters = OSSL_PARAM_BLD_to_param(builder)) != NULL
        && (context = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL)) != NULL
        && EVP_PKEY_fromdata_init(context) == 1) {
        if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, parameters) != 1) key = NULL;
    }
    EVP_PKEY_CTX_free(context);
    OSSL_PARAM_free(parameters);
    OSSL_PARAM_BLD_free(builder);
    BN_free(n);
    BN_free(e);
    return key;
}

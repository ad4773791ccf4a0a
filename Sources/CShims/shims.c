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

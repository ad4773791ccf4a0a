#ifndef SENIM_CLIBXML2_SHIM_H
#define SENIM_CLIBXML2_SHIM_H
/* Debian's libxml2 is built with ICU; <libxml/encoding.h> then pulls <unicode/ucnv.h>, whose UErrorCode
   clashes with Foundation's _FoundationICU in any module that imports both. We never touch the ICU
   part of xmlCharEncodingHandler, so hiding it is safe. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/c14n.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlsave.h>
#endif

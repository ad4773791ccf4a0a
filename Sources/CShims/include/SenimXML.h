#ifndef SENIM_XML_H
#define SENIM_XML_H
/* See CLibXML2/shim.h: the ICU part of libxml2's headers clashes with Foundation's. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/tree.h>

/// Which nodes of a document a canonicalisation sees (an XML-DSig node-set, W3C XML-DSig §4.4.3.3):
/// the subtree at `root` (NULL: the whole document), minus the subtrees in `excluded` (the enveloped
/// signature and, in the Kalkan multi-signature order, every later signature), minus comments when
/// `exclude_comments` (a same-document URI without xpointer selects no comment nodes).
typedef struct {
    xmlNodePtr root;
    xmlNodePtr *excluded;
    int excluded_count;
    int exclude_comments;
} senim_c14n_selection;

/// xmlC14NExecute over the selection. `mode` is an xmlC14NMode; `inclusive_prefixes` a NULL-terminated list
/// for exclusive C14N (may be NULL). Appends to `out`; returns the number of bytes written or -1.
int senim_c14n(xmlDocPtr document, const senim_c14n_selection *selection, int mode,
               xmlChar **inclusive_prefixes, int with_comments, xmlBufferPtr out);

/// Canonicalises an explicit node set (the test harness builds one with XPath for the W3C golden files).
int senim_c14n_node_set(xmlDocPtr document, const char *xpath, const char **namespace_pairs, int mode,
                        xmlChar **inclusive_prefixes, int with_comments, xmlBufferPtr out);

/// Like senim_c14n, but hands the canonical octets to `write` as they are produced (a digest needs no copy
/// of a 20 MB canonical form). `write` returns the number of bytes taken or -1.
typedef int (*senim_c14n_write)(void *context, const char *bytes, int length);
int senim_c14n_stream(xmlDocPtr document, const senim_c14n_selection *selection, int mode,
                      xmlChar **inclusive_prefixes, int with_comments, senim_c14n_write write, void *context);
#endif

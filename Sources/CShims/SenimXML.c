#include "SenimXML.h"
#include <libxml/c14n.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

/* The element a node belongs to for ancestry: attributes and namespace nodes belong to their parent. */
static xmlNodePtr owner(xmlNodePtr node, xmlNodePtr parent) {
    if (node == NULL) return parent;
    if (node->type == XML_NAMESPACE_DECL) return parent;
    return node;
}

static int within(xmlNodePtr node, xmlNodePtr ancestor) {
    for (xmlNodePtr cursor = node; cursor != NULL; cursor = cursor->parent) {
        if (cursor == ancestor) return 1;
        if (cursor->type == XML_DOCUMENT_NODE) break;
    }
    return 0;
}

static int senim_is_visible(void *user_data, xmlNodePtr node, xmlNodePtr parent) {
    const senim_c14n_selection *selection = (const senim_c14n_selection *)user_data;
    xmlNodePtr element = owner(node, parent);
    if (selection->exclude_comments && node != NULL && node->type == XML_COMMENT_NODE) return 0;
    if (selection->root != NULL && !within(element, selection->root)) return 0;
    for (int index = 0; index < selection->excluded_count; index++) {
        if (within(element, selection->excluded[index])) return 0;
    }
    return 1;
}

/* Canonicalises the selection into `output`, which it closes. */
static int c14n_into(xmlDocPtr document, const senim_c14n_selection *selection, int mode,
                     xmlChar **inclusive_prefixes, int with_comments, xmlOutputBufferPtr output) {
    if (output == NULL) return -1;
    int whole = selection == NULL || (selection->root == NULL && selection->excluded_count == 0 && !selection->exclude_comments);
    int result = xmlC14NExecute(document, whole ? NULL : senim_is_visible, (void *)selection, mode,
                                inclusive_prefixes, with_comments, output);
    int closed = xmlOutputBufferClose(output);
    return result < 0 || closed < 0 ? -1 : result;
}

int senim_c14n(xmlDocPtr document, const senim_c14n_selection *selection, int mode,
               xmlChar **inclusive_prefixes, int with_comments, xmlBufferPtr out) {
    return c14n_into(document, selection, mode, inclusive_prefixes, with_comments, xmlOutputBufferCreateBuffer(out, NULL));
}

int senim_c14n_node_set(xmlDocPtr document, const char *xpath, const char **namespace_pairs, int mode,
                        xmlChar **inclusive_prefixes, int with_comments, xmlBufferPtr out) {
    xmlXPathContextPtr context = xmlXPathNewContext(document);
    if (context == NULL) return -1;
    for (int index = 0; namespace_pairs != NULL && namespace_pairs[index] != NULL && namespace_pairs[index + 1] != NULL; index += 2) {
        xmlXPathRegisterNs(context, (const xmlChar *)namespace_pairs[index], (const xmlChar *)namespace_pairs[index + 1]);
    }
    xmlXPathObjectPtr object = xmlXPathEvalExpression((const xmlChar *)xpath, context);
    int result = -1;
    if (object != NULL && object->type == XPATH_NODESET) {
        xmlOutputBufferPtr output = xmlOutputBufferCreateBuffer(out, NULL);
        if (output != NULL) {
            result = xmlC14NDocSaveTo(document, object->nodesetval, mode, inclusive_prefixes, with_comments, output);
            if (xmlOutputBufferClose(output) < 0) result = -1;
        }
    }
    xmlXPathFreeObject(object);
    xmlXPathFreeContext(context);
    return result;
}

int senim_c14n_stream(xmlDocPtr document, const senim_c14n_selection *selection, int mode,
                      xmlChar **inclusive_prefixes, int with_comments, senim_c14n_write write, void *context) {
    return c14n_into(document, selection, mode, inclusive_prefixes, with_comments,
                     xmlOutputBufferCreateIO((xmlOutputWriteCallback)write, NULL, context, NULL));
}

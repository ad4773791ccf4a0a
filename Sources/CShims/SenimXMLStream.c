#include "SenimXMLStream.h"
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <stdlib.h>
#include <string.h>

#define DSIG "http://www.w3.org/2000/09/xmldsig#"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

typedef struct { char *data; size_t length, capacity; } buffer;

static void buffer_append(buffer *b, const char *bytes, size_t length) {
    if (b->length + length > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 65536;
        while (capacity < b->length + length) capacity *= 2;
        char *grown = realloc(b->data, capacity);
        if (!grown) return;
        b->data = grown;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, bytes, length);
    b->length += length;
}
static void buffer_text(buffer *b, const char *text) { buffer_append(b, text, strlen(text)); }

/* A namespace binding in scope, with the element depth that declared it. */
typedef struct { char *prefix; char *uri; int depth; } binding;
/* An xml:* attribute in scope (C14N 1.0 carries those of omitted ancestors into a subset). */
typedef struct { char *name; char *value; int depth; } xml_attribute;

typedef struct {
    senim_stream_config *config;
    buffer out;                 /* canonical octets not yet emitted */
    int out_state;              /* the first_state of what is in `out` */
    buffer capture;             /* the signature being captured */
    binding *bindings; int binding_count, binding_capacity;
    xml_attribute *xml_attributes; int xml_count, xml_capacity;
    int depth;                  /* 0 before the root element, 1 inside it */
    int after_root;
    int signature_index;        /* the root-level signature being read, or -1 */
    int signature_depth;
    int capturing;              /* whether put() also writes to the capture */
    int forbidden;              /* a DTD or an entity reference was met: the parse stopped */
} stream;

static void flush(stream *s) {
    if (s->out.length && s->config->emit) s->config->emit(s->config->context, s->out_state, s->out.data, s->out.length);
    s->out.length = 0;
}
/* Canonical octets for the states from `state` on. */
static void emit(stream *s, int state, const char *bytes, size_t length) {
    if (!s->config->emit) return;
    if (state != s->out_state || s->out.length > (1 << 20)) { flush(s); s->out_state = state; }
    buffer_append(&s->out, bytes, length);
}
static int current_state(stream *s) { return s->signature_index >= 0 ? s->signature_index + 1 : 0; }

/* Writes to the canonical output and, inside a captured signature, to the capture. */
static void put(stream *s, const char *bytes, size_t length) {
    emit(s, current_state(s), bytes, length);
    if (s->capturing) buffer_append(&s->capture, bytes, length);
}
static void put_text(stream *s, const char *text) { put(s, text, strlen(text)); }
static void stream_sink(void *target, const char *bytes, size_t length) { put(target, bytes, length); }

/* C14N §2.3 escaping: text escapes & < > and CR; attribute values & < " TAB LF CR. */
static const char *escape_for(char ch, int attribute) {
    switch (ch) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return attribute ? NULL : "&gt;";
    case '"': return attribute ? "&quot;" : NULL;
    case '\t': return attribute ? "&#x9;" : NULL;
    case '\n': return attribute ? "&#xA;" : NULL;
    case '\r': return "&#xD;";
    default: return NULL;
    }
}

typedef void (*sink)(void *target, const char *bytes, size_t length);
static void stream_sink(void *target, const char *bytes, size_t length);
static void buffer_sink(void *target, const char *bytes, size_t length) { buffer_append(target, bytes, length); }

static void escape_into(sink write, void *target, const char *text, size_t length, int attribute) {
    size_t start = 0;
    for (size_t i = 0; i < length; i++) {
        const char *replacement = escape_for(text[i], attribute);
        if (!replacement) continue;
        write(target, text + start, i - start);
        write(target, replacement, strlen(replacement));
        start = i + 1;
    }
    write(target, text + start, length - start);
}
static void put_escaped_text(stream *s, const char *text, size_t length) { escape_into(stream_sink, s, text, length, 0); }
static void put_escaped_attribute(stream *s, const char *value, size_t length) { escape_into(stream_sink, s, value, length, 1); }

static const char *lookup(stream *s, const char *prefix, int below_depth) {
    for (int i = s->binding_count - 1; i >= 0; i--) {
        if (s->bindings[i].depth >= below_depth) continue;
        if (strcmp(s->bindings[i].prefix, prefix) == 0) return s->bindings[i].uri;
    }
    return "";
}

typedef struct { const char *prefix; const char *uri; } ns_pair;
typedef struct { const char *uri; const char *local; const char *prefix; const char *value; size_t length; } attribute;

static int compare_ns(const void *a, const void *b) { return strcmp(((const ns_pair *)a)->prefix, ((const ns_pair *)b)->prefix); }
static int compare_attribute(const void *a, const void *b) {
    const attribute *x = a, *y = b;
    int byURI = strcmp(x->uri, y->uri);
    return byURI ? byURI : strcmp(x->local, y->local);
}

static void put_qname(stream *s, const char *prefix, const char *local) {
    if (prefix && *prefix) { put_text(s, prefix); put_text(s, ":"); }
    put_text(s, local);
}

/* The canonical start tag: namespace declarations by prefix, then attributes by (namespace URI, local name). */
static void put_start_tag(stream *s, const char *prefix, const char *localname, ns_pair *declared, int declared_count,
                          attribute *list, int count) {
    put_text(s, "<"); put_qname(s, prefix, localname);
    qsort(declared, (size_t)declared_count, sizeof(ns_pair), compare_ns);
    for (int i = 0; i < declared_count; i++) {
        if (*declared[i].prefix) { put_text(s, " xmlns:"); put_text(s, declared[i].prefix); } else { put_text(s, " xmlns"); }
        put_text(s, "=\""); put_escaped_attribute(s, declared[i].uri, strlen(declared[i].uri)); put_text(s, "\"");
    }
    qsort(list, (size_t)count, sizeof(attribute), compare_attribute);
    for (int i = 0; i < count; i++) {
        put_text(s, " "); put_qname(s, list[i].prefix, list[i].local); put_text(s, "=\"");
        put_escaped_attribute(s, list[i].value, list[i].length); put_text(s, "\"");
    }
    put_text(s, ">");
}

static void start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI,
                          int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                          const xmlChar **attributes) {
    (void)nb_defaulted;
    stream *s = ((xmlParserCtxtPtr)ctx)->_private;
    s->depth++;
    int depth = s->depth;
    int starts_signature = depth == 2 && URI && strcmp((const char *)URI, DSIG) == 0 && strcmp((const char *)localname, "Signature") == 0;
    if (!starts_signature && URI && strcmp((const char *)URI, DSIG) == 0 && strcmp((const char *)localname, "Signature") == 0) {
        s->config->nested_signatures++;
    }

    /* Namespace declarations of this element, rendered unless they repeat what is in scope. */
    ns_pair *declared = calloc((size_t)nb_namespaces + 1, sizeof(ns_pair));
    int declared_count = 0;
    for (int i = 0; i < nb_namespaces; i++) {
        const char *p = namespaces[2 * i] ? (const char *)namespaces[2 * i] : "";
        const char *u = namespaces[2 * i + 1] ? (const char *)namespaces[2 * i + 1] : "";
        if (strcmp(lookup(s, p, depth), u) != 0) { declared[declared_count].prefix = p; declared[declared_count].uri = u; declared_count++; }
        if (s->binding_count == s->binding_capacity) {
            s->binding_capacity = s->binding_capacity ? s->binding_capacity * 2 : 32;
            s->bindings = realloc(s->bindings, (size_t)s->binding_capacity * sizeof(binding));
        }
        s->bindings[s->binding_count++] = (binding){strdup(p), strdup(u), depth};
    }

    if (starts_signature) {
        s->signature_index = s->config->root_signatures++;
        s->signature_depth = depth;
        s->capture.length = 0;
    }

    attribute *list = calloc((size_t)nb_attributes + 1 + (size_t)s->xml_count, sizeof(attribute));
    int count = 0;
    for (int i = 0; i < nb_attributes; i++) {
        const xmlChar **a = attributes + 5 * i;
        list[count++] = (attribute){a[2] ? (const char *)a[2] : "", (const char *)a[0], a[1] ? (const char *)a[1] : NULL,
                                    (const char *)a[3], (size_t)(a[4] - a[3])};
        if (a[2] && strcmp((const char *)a[2], XML_NS) == 0) {
            if (s->xml_count == s->xml_capacity) {
                s->xml_capacity = s->xml_capacity ? s->xml_capacity * 2 : 8;
                s->xml_attributes = realloc(s->xml_attributes, (size_t)s->xml_capacity * sizeof(xml_attribute));
            }
            char *value = malloc((size_t)(a[4] - a[3]) + 1);
            memcpy(value, a[3], (size_t)(a[4] - a[3]));
            value[a[4] - a[3]] = 0;
            s->xml_attributes[s->xml_count++] = (xml_attribute){strdup((const char *)a[0]), value, depth};
        }
    }

    /* Inclusive C14N of the whole document: the root declares what it declares; a captured signature's root
       additionally declares every namespace in scope and inherits the ancestors' xml:* attributes. */
    if (starts_signature && s->config->capture) {
        /* The signature's own start tag: the document's rendering to the canonical output (states that
           include this signature), a self-contained rendering to the capture. */
        put_start_tag(s, (const char *)prefix, (const char *)localname, declared, declared_count, list, count);
        s->capture.length = 0;
        /* The capture's root: every binding in scope (topmost per prefix), own and inherited xml:* attributes. */
        buffer *c = &s->capture;
        buffer_text(c, "<"); if (prefix && *prefix) { buffer_text(c, (const char *)prefix); buffer_text(c, ":"); } buffer_text(c, (const char *)localname);
        for (int i = s->binding_count - 1; i >= 0; i--) {
            int shadowed = 0;
            for (int j = i + 1; j < s->binding_count; j++) if (strcmp(s->bindings[j].prefix, s->bindings[i].prefix) == 0) shadowed = 1;
            if (shadowed || (!*s->bindings[i].prefix && !*s->bindings[i].uri)) continue;
            buffer_text(c, *s->bindings[i].prefix ? " xmlns:" : " xmlns");
            buffer_text(c, s->bindings[i].prefix);
            buffer_text(c, "=\""); escape_into(buffer_sink, c, s->bindings[i].uri, strlen(s->bindings[i].uri), 1); buffer_text(c, "\"");
        }
        for (int i = 0; i < s->xml_count; i++) {
            int own = s->xml_attributes[i].depth == depth, overridden = 0;
            for (int j = i + 1; j < s->xml_count; j++) if (strcmp(s->xml_attributes[j].name, s->xml_attributes[i].name) == 0) overridden = 1;
            if (own || overridden) continue;
            buffer_text(c, " xml:"); buffer_text(c, s->xml_attributes[i].name); buffer_text(c, "=\"");
            escape_into(buffer_sink, c, s->xml_attributes[i].value, strlen(s->xml_attributes[i].value), 1); buffer_text(c, "\"");
        }
        for (int i = 0; i < count; i++) {
            buffer_text(c, " ");
            if (list[i].prefix) { buffer_text(c, list[i].prefix); buffer_text(c, ":"); }
            buffer_text(c, list[i].local); buffer_text(c, "=\"");
            escape_into(buffer_sink, c, list[i].value, list[i].length, 1);
            buffer_text(c, "\"");
        }
        buffer_text(c, ">");
        s->capturing = 1;
    } else {
        put_start_tag(s, (const char *)prefix, (const char *)localname, declared, declared_count, list, count);
    }
    free(declared);
    free(list);
}

static void end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *URI) {
    (void)URI;
    stream *s = ((xmlParserCtxtPtr)ctx)->_private;
    put_text(s, "</"); put_qname(s, (const char *)prefix, (const char *)localname); put_text(s, ">");
    if (s->signature_index >= 0 && s->depth == s->signature_depth) {
        if (s->config->capture) s->config->capture(s->config->context, s->signature_index, s->capture.data, s->capture.length);
        s->signature_index = -1;
        s->capturing = 0;
    }
    while (s->binding_count > 0 && s->bindings[s->binding_count - 1].depth == s->depth) {
        s->binding_count--;
        free(s->bindings[s->binding_count].prefix);
        free(s->bindings[s->binding_count].uri);
    }
    while (s->xml_count > 0 && s->xml_attributes[s->xml_count - 1].depth == s->depth) {
        s->xml_count--;
        free(s->xml_attributes[s->xml_count].name);
        free(s->xml_attributes[s->xml_count].value);
    }
    s->depth--;
    if (s->depth == 0) s->after_root = 1;
}

static void characters(void *ctx, const xmlChar *text, int length) {
    stream *s = ((xmlParserCtxtPtr)ctx)->_private;
    if (s->depth == 0) return;  /* no text outside the document element in canonical XML */
    put_escaped_text(s, (const char *)text, (size_t)length);
}

static void processing_instruction(void *ctx, const xmlChar *target, const xmlChar *data) {
    stream *s = ((xmlParserCtxtPtr)ctx)->_private;
    if (s->depth == 0 && s->after_root) put_text(s, "\n");
    put_text(s, "<?"); put_text(s, (const char *)target);
    if (data && *data) { put_text(s, " "); put_text(s, (const char *)data); }
    put_text(s, "?>");
    if (s->depth == 0 && !s->after_root) put_text(s, "\n");
}

/* URI="" selects no comments: they reach only a captured signature (its SignedInfo may be #WithComments). */
static void comment(void *ctx, const xmlChar *value) {
    stream *s = ((xmlParserCtxtPtr)ctx)->_private;
    if (s->capturing) {
        buffer_text(&s->capture, "<!--"); buffer_text(&s->capture, (const char *)value); buffer_text(&s->capture, "-->");
    }
}

static void silent(void *ctx, const char *message, ...) { (void)ctx; (void)message; }

/* A document type declaration anywhere (not only in the first bytes the caller scanned) stops the parse: it is
   what entity bombs and external entities are made of, and this parser never substitutes entities. */
static void internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id) {
    (void)name; (void)external_id; (void)system_id;
    xmlParserCtxtPtr context = ctx;
    ((stream *)context->_private)->forbidden = 1;
    xmlStopParser(context);
}

/* A reference to an entity no one declared (there is no DTD to declare one). */
static void entity_reference(void *ctx, const xmlChar *name) {
    (void)name;
    xmlParserCtxtPtr context = ctx;
    ((stream *)context->_private)->forbidden = 1;
    xmlStopParser(context);
}

int senim_xml_stream(const char *bytes, int length, senim_stream_config *config, char *error, size_t error_length) {
    xmlSAXHandler handler;
    memset(&handler, 0, sizeof(handler));
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = start_element;
    handler.endElementNs = end_element;
    handler.characters = characters;
    handler.ignorableWhitespace = characters;
    handler.cdataBlock = characters;
    handler.processingInstruction = processing_instruction;
    handler.comment = comment;
    handler.internalSubset = internal_subset;
    handler.externalSubset = internal_subset;
    handler.reference = entity_reference;
    handler.warning = silent;
    handler.error = silent;
    stream s;
    memset(&s, 0, sizeof(s));
    s.config = config;
    s.signature_index = -1;
    config->root_signatures = 0;
    config->nested_signatures = 0;
    xmlParserCtxtPtr context = xmlCreatePushParserCtxt(&handler, NULL, NULL, 0, "document.xml");
    int result = -1;
    if (context) {
        context->_private = &s;
        /* No declared entity can exist: a DTD stops the parse at its first byte (internal_subset), before any
           declaration in it is read. NOENT stays only for the five predefined entities, which canonical XML
           writes as characters: without it libxml2 hands attribute values over with `&#38;` in place of `&`. */
        xmlCtxtUseOptions(context, XML_PARSE_NONET | XML_PARSE_NOENT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
        const int chunk = 1 << 20;
        int failed = 0;
        for (int offset = 0; offset < length && !failed; offset += chunk) {
            int size = length - offset < chunk ? length - offset : chunk;
            failed = xmlParseChunk(context, bytes + offset, size, 0) != 0;
        }
        if (!failed) failed = xmlParseChunk(context, NULL, 0, 1) != 0;
        if (s.forbidden) {
            result = -2;
        } else if (!failed && context->wellFormed) {
            flush(&s);
            result = 0;
        } else if (error && error_length) {
            xmlErrorPtr last = xmlCtxtGetLastError(context);
            snprintf(error, error_length, "%s", last && last->message ? last->message : "not well-formed");
        }
        xmlFreeParserCtxt(context);
    }
    for (int i = 0; i < s.binding_count; i++) { free(s.bindings[i].prefix); free(s.bindings[i].uri); }
    for (int i = 0; i < s.xml_count; i++) { free(s.xml_attributes[i].name); free(s.xml_attributes[i].value); }
    free(s.bindings); free(s.xml_attributes); free(s.out.data); free(s.capture.data);
    return result;
}

#ifndef SENIM_XML_STREAM_H
#define SENIM_XML_STREAM_H
#include <stddef.h>

/// Streaming canonical XML for the common Kalkan / NCALayer shape: enveloped signatures appended to the
/// document element, each with one Reference URI="" and the enveloped-signature transform. A SAX pass over
/// the bytes (no tree) writes inclusive C14N 1.0 of the whole document without comments, as URI="" selects it.
///
/// `emit(context, first_state, bytes, length)`: the octets belong to every digest state with index
/// ≥ first_state. State k is "the document without the root-level signatures k, k+1, …" (the Kalkan order),
/// so octets outside any signature go to state 0 on, octets of signature m to states m+1 on.
/// `capture(context, index, bytes, length)`: with capture on, the index-th root-level ds:Signature is handed
/// over as a standalone document whose root declares every namespace in scope and the inherited xml:*
/// attributes, so its SignedInfo canonicalises exactly as in place.
typedef void (*senim_stream_emit)(void *context, int first_state, const char *bytes, size_t length);
typedef void (*senim_stream_capture)(void *context, int index, const char *bytes, size_t length);

typedef struct {
    senim_stream_emit emit;         /* NULL: no canonical output (capture pass) */
    senim_stream_capture capture;   /* NULL: no capture (digest pass) */
    void *context;
    int root_signatures;            /* out: ds:Signature children of the document element */
    int nested_signatures;          /* out: ds:Signature elements elsewhere (the stream cannot handle them) */
} senim_stream_config;

/// Returns 0, -1 with a message in `error` (not well-formed, over libxml2's limits), or -2 when a document type
/// declaration or an entity reference stopped the parse.
int senim_xml_stream(const char *bytes, int length, senim_stream_config *config, char *error, size_t error_length);
#endif

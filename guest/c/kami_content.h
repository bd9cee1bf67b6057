/*
 * kami_content.h — rich results for C tools (kami:mcp/content@0.1.0, world kami-tool-mcp).
 *
 * Include it only in tools that return more than text: the import exists only when a kami_content_* function is
 * called, and guest/c/componentize.mjs then builds the component against world kami-tool-mcp.
 *
 *     char *png = kami_base64(bytes, size);              // bytes travel as base64, as MCP sends them
 *     char *why = NULL;
 *     if (kami_content_image("image/png", png, &why) != 0) { kami_err(out, why); free(why); ... }
 *     free(png);
 *     kami_ok(out, "");                                   // returned text, when not empty, comes after the blocks
 *
 * Each kami_content_* adds one block to the call's result, in order; it returns 0, or non-zero with *error (when
 * error is not NULL) set to the host's reason, a malloc'd NUL-terminated string the tool frees. What the host
 * refuses: image types other than image/png, jpeg, gif, webp; audio other than audio/wav, mpeg, ogg, webm, flac,
 * aac, mp4; invalid base64; URIs that are not absolute or are javascript:, data:, file: or vbscript:; more than
 * 64 blocks; more than the call's output limit over every block and the returned text together. Blocks are kept
 * only when run returns ok.
 */
#ifndef KAMI_CONTENT_H
#define KAMI_CONTENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* result<_, string> as the canonical ABI writes it: discriminant byte, then the error string (allocated by the host
 * with cabi_realloc). */
typedef struct kami__content_ret {
    uint8_t is_err;
    char *ptr;
    size_t len;
} kami__content_ret;

/* Lowered host import: the block variant's case, then its payload flattened into 10 slots (the widest case, link),
 * then where the result goes. */
__attribute__((import_module("kami:mcp/content@0.1.0"), import_name("add")))
void kami__content_add(int32_t tag, int32_t a0, int32_t a1, int32_t a2, int32_t a3, int32_t a4, int32_t a5,
                       int32_t a6, int32_t a7, int32_t a8, int32_t a9, kami__content_ret *ret);

#define KAMI__S(p) ((int32_t)(intptr_t)(p))
#define KAMI__L(p) ((int32_t)((p) ? strlen(p) : 0))

static inline int kami__content_done(kami__content_ret *ret, char **error) {
    if (!ret->is_err) return 0;
    if (error) {
        *error = (char *)malloc(ret->len + 1);
        if (*error) {
            memcpy(*error, ret->ptr, ret->len);
            (*error)[ret->len] = '\0';
        }
    }
    free(ret->ptr);
    return 1;
}

static inline int kami_content_text(const char *text, char **error) {
    kami__content_ret ret = {0};
    kami__content_add(0, KAMI__S(text), KAMI__L(text), 0, 0, 0, 0, 0, 0, 0, 0, &ret);
    return kami__content_done(&ret, error);
}

static inline int kami__content_media(int32_t tag, const char *mime, const char *base64, char **error) {
    kami__content_ret ret = {0};
    kami__content_add(tag, KAMI__S(mime), KAMI__L(mime), KAMI__S(base64), KAMI__L(base64), 0, 0, 0, 0, 0, 0, &ret);
    return kami__content_done(&ret, error);
}

static inline int kami_content_image(const char *mime, const char *base64, char **error) {
    return kami__content_media(1, mime, base64, error);
}

static inline int kami_content_audio(const char *mime, const char *base64, char **error) {
    return kami__content_media(2, mime, base64, error);
}

/* mime and description may be NULL. */
static inline int kami_content_link(const char *uri, const char *name, const char *mime, const char *description, char **error) {
    kami__content_ret ret = {0};
    kami__content_add(3, KAMI__S(uri), KAMI__L(uri), KAMI__S(name), KAMI__L(name), mime != NULL, KAMI__S(mime), KAMI__L(mime),
                      description != NULL, KAMI__S(description), KAMI__L(description), &ret);
    return kami__content_done(&ret, error);
}

static inline int kami__content_resource(const char *uri, const char *mime, int32_t body_tag, const char *body, char **error) {
    kami__content_ret ret = {0};
    kami__content_add(4, KAMI__S(uri), KAMI__L(uri), mime != NULL, KAMI__S(mime), KAMI__L(mime), body_tag, KAMI__S(body), KAMI__L(body), 0, 0, &ret);
    return kami__content_done(&ret, error);
}

/* An embedded resource with a text body; mime may be NULL. */
static inline int kami_content_resource_text(const char *uri, const char *mime, const char *text, char **error) {
    return kami__content_resource(uri, mime, 0, text, error);
}

/* An embedded resource with a binary body, given as base64; mime may be NULL. */
static inline int kami_content_resource_blob(const char *uri, const char *mime, const char *base64, char **error) {
    return kami__content_resource(uri, mime, 1, base64, error);
}

/* Standard base64 of len bytes, NUL-terminated and malloc'd (the caller frees it); NULL when out of memory. */
static inline char *kami_base64(const void *data, size_t len) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *in = (const unsigned char *)data;
    char *out = (char *)malloc((len + 2) / 3 * 4 + 1);
    if (!out) return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i += 3) {
        uint32_t n = (uint32_t)in[i] << 16 | (i + 1 < len ? (uint32_t)in[i + 1] << 8 : 0) | (i + 2 < len ? in[i + 2] : 0);
        out[o++] = alphabet[n >> 18 & 63];
        out[o++] = alphabet[n >> 12 & 63];
        out[o++] = i + 1 < len ? alphabet[n >> 6 & 63] : '=';
        out[o++] = i + 2 < len ? alphabet[n & 63] : '=';
    }
    out[o] = '\0';
    return out;
}

#undef KAMI__S
#undef KAMI__L

#ifdef __cplusplus
}
#endif

#endif

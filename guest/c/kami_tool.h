/*
 * kami_tool.h — header-only C SDK for KAMI tools (world kami:tool/kami-tool@0.1.0).
 *
 * A KAMI tool is a WebAssembly component. Rather than pulling in wit-bindgen, this
 * header hand-writes the few canonical-ABI symbols the world needs, so a tool is a
 * single C file built with plain clang + wasi-libc (see guest/c/build.sh).
 *
 *     #include "kami_tool.h"
 *
 *     static void run(const char *input, size_t input_len, kami_output *out) {
 *         kami_log(KAMI_LOG_INFO, "called");
 *         kami_ok(out, "{\"ok\":true}");          // or kami_err(out, "bad input: ...")
 *     }
 *     KAMI_TOOL(run, "{\"name\":\"dev.example.x\",\"description\":\"...\",\"version\":\"1.0.0\"}")
 *
 * Contract for the handler:
 *   - `input` is the UTF-8 JSON argument object, NUL-terminated for convenience
 *     (input_len excludes the NUL; the string may itself contain NULs).
 *     It is only valid during the call.
 *   - Set the result with kami_ok/kami_err (or the _n variants). The SDK copies the bytes,
 *     so stack buffers and literals are fine. A later call overrides an earlier one.
 *     If none is set, the tool returns err "tool returned no result".
 *   - Results must be valid UTF-8: the host rejects anything else as a trap. Build JSON with kami_buf
 *     (below): kami_buf_json_string escapes and repairs text, so the result is always valid.
 *   - Errors: kami_err(out, "bad input: ...") — the message reaches the caller (the model) as the tool's error.
 *     Say what was wrong and what to send instead; never include secrets.
 *   - Logging: kami_log(KAMI_LOG_INFO, "message") goes to the host's log and the MCP client (as
 *     notifications/message), never to stdout. Levels: TRACE, DEBUG, INFO, WARN, ERROR.
 *   - Reading arguments: kami_json.h (kami_json_find_string, kami_json_get_string, kami_json_find_number).
 *
 * KAMI_TOOL must appear in exactly one translation unit: it defines the exports.
 */
#ifndef KAMI_TOOL_H
#define KAMI_TOOL_H

#include <stddef.h>
#include <stdint.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Same order as the WIT enum log-level: the canonical ABI passes the case index. */
typedef enum kami_log_level {
    KAMI_LOG_TRACE = 0,
    KAMI_LOG_DEBUG = 1,
    KAMI_LOG_INFO = 2,
    KAMI_LOG_WARN = 3,
    KAMI_LOG_ERROR = 4
} kami_log_level;

typedef struct kami_output {
    int set;      /* 0 until kami_ok/kami_err is called */
    int is_err;   /* result discriminant: 0 = ok, 1 = err */
    char *ptr;
    size_t len;
    int owned;    /* ptr came from malloc and is freed in post-return */
} kami_output;

/* Lowered host import: (level, ptr, len). The host copies the string during the call. */
__attribute__((import_module("kami:tool/host@0.1.0"), import_name("log")))
void kami__host_log(int32_t level, const char *ptr, size_t len);

static inline void kami_log_n(kami_log_level level, const char *msg, size_t len) {
    kami__host_log((int32_t)level, msg, len);
}

static inline void kami_log(kami_log_level level, const char *msg) {
    kami__host_log((int32_t)level, msg, strlen(msg));
}

static inline void kami__out_clear(kami_output *out) {
    if (out->owned) free(out->ptr);
    out->set = 0;
    out->ptr = NULL;
    out->len = 0;
    out->owned = 0;
}

/* Takes ownership of a malloc'd buffer: avoids a copy for large results. */
static inline void kami_set_owned(kami_output *out, int is_err, char *buf, size_t len) {
    kami__out_clear(out);
    out->set = 1;
    out->is_err = is_err;
    out->ptr = buf;
    out->len = len;
    out->owned = 1;
}

static inline void kami__set_copy(kami_output *out, int is_err, const char *s, size_t len) {
    /* Copying before clearing lets a handler pass out->ptr back in. */
    char *copy = (char *)malloc(len ? len : 1);
    if (copy == NULL) {
        /* Typical after the tool exhausted its memory limit: report it instead of
         * trapping, using a static string that post-return must not free. */
        static const char oom[] = "tool out of memory while building its result";
        kami__out_clear(out);
        out->set = 1;
        out->is_err = 1;
        out->ptr = (char *)oom;
        out->len = sizeof oom - 1;
        out->owned = 0;
        return;
    }
    memcpy(copy, s, len);
    kami_set_owned(out, is_err, copy, len);
}

static inline void kami_ok_n(kami_output *out, const char *s, size_t len) { kami__set_copy(out, 0, s, len); }
static inline void kami_err_n(kami_output *out, const char *s, size_t len) { kami__set_copy(out, 1, s, len); }
static inline void kami_ok(kami_output *out, const char *s) { kami__set_copy(out, 0, s, strlen(s)); }
static inline void kami_err(kami_output *out, const char *s) { kami__set_copy(out, 1, s, strlen(s)); }

/*
 * kami_buf: a growable output buffer for building a JSON result without printf (which would link stdio and
 * add WASI imports). Every append is bounds-checked; after an allocation failure the buffer stays "failed",
 * later appends do nothing, and kami_ok_buf reports "out of memory" instead of a truncated result.
 *
 *     kami_buf b = KAMI_BUF_INIT;
 *     kami_buf_raw(&b, "{\"greeting\":");
 *     kami_buf_json_string(&b, name, name_len);   // quoted and escaped, always valid UTF-8
 *     kami_buf_raw(&b, "}");
 *     kami_ok_buf(out, &b);                        // hands the bytes to the result; b is empty after
 */
typedef struct kami_buf {
    char *ptr;
    size_t len;
    size_t cap;
    int failed;
} kami_buf;

#define KAMI_BUF_INIT {NULL, 0, 0, 0}

static inline int kami__buf_reserve(kami_buf *b, size_t more) {
    if (b->failed) return 0;
    if (more > SIZE_MAX - b->len) { b->failed = 1; return 0; }
    size_t need = b->len + more;
    if (need <= b->cap) return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = (char *)realloc(b->ptr, cap);
    if (p == NULL) { b->failed = 1; return 0; }
    b->ptr = p;
    b->cap = cap;
    return 1;
}

static inline void kami_buf_raw_n(kami_buf *b, const char *s, size_t n) {
    if (n == 0 || !kami__buf_reserve(b, n)) return;
    memcpy(b->ptr + b->len, s, n);
    b->len += n;
}

/* Appends text as it is: use it for JSON punctuation and for already-valid JSON. */
static inline void kami_buf_raw(kami_buf *b, const char *s) { kami_buf_raw_n(b, s, strlen(s)); }

static inline void kami_buf_char(kami_buf *b, char c) { kami_buf_raw_n(b, &c, 1); }

/* Length of the valid UTF-8 sequence at s[0..n), or 0 if it is not one (overlong, surrogate, > U+10FFFF, cut). */
static inline size_t kami__utf8_seq(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    if (c < 0x80) return 1;
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (len == 0 || c > 0xF4 || len > n) return 0;
    for (size_t k = 1; k < len; k++) if ((s[k] & 0xC0) != 0x80) return 0;
    if (len == 3 && ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))) return 0;
    if (len == 4 && ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))) return 0;
    return len;
}

/* Appends s as a JSON string: quoted, with '"', '\\' and control characters escaped. Bytes that are not
 * valid UTF-8 become U+FFFD, so the result is always valid UTF-8 (the host refuses anything else). */
static inline void kami_buf_json_string(kami_buf *b, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    kami_buf_char(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = u[i];
        if (c == '"' || c == '\\') { kami_buf_char(b, '\\'); kami_buf_char(b, (char)c); i++; }
        else if (c == '\n') { kami_buf_raw_n(b, "\\n", 2); i++; }
        else if (c == '\r') { kami_buf_raw_n(b, "\\r", 2); i++; }
        else if (c == '\t') { kami_buf_raw_n(b, "\\t", 2); i++; }
        else if (c < 0x20 || c == 0x7F) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            kami_buf_raw_n(b, esc, 6);
            i++;
        } else {
            size_t len = kami__utf8_seq(u + i, n - i);
            if (len == 0) { kami_buf_raw_n(b, "\xEF\xBF\xBD", 3); i++; }
            else { kami_buf_raw_n(b, s + i, len); i += len; }
        }
    }
    kami_buf_char(b, '"');
}

static inline void kami_buf_json_cstring(kami_buf *b, const char *s) { kami_buf_json_string(b, s, strlen(s)); }

static inline void kami_buf_u64(kami_buf *b, unsigned long long v) {
    char digits[20];
    size_t n = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) kami_buf_char(b, digits[--n]);
}

static inline void kami_buf_i64(kami_buf *b, long long v) {
    if (v < 0) { kami_buf_char(b, '-'); kami_buf_u64(b, 0ULL - (unsigned long long)v); }
    else kami_buf_u64(b, (unsigned long long)v);
}

static inline void kami_buf_free(kami_buf *b) {
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

static inline void kami__set_buf(kami_output *out, int is_err, kami_buf *b) {
    if (b->failed) {
        kami_buf_free(b);
        kami_err(out, "tool out of memory while building its result");
        return;
    }
    if (b->ptr == NULL) kami__set_copy(out, is_err, "", 0);
    else kami_set_owned(out, is_err, b->ptr, b->len);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

/* Makes the buffer the call's ok (or err) result, taking its bytes; the buffer is empty afterwards. */
static inline void kami_ok_buf(kami_output *out, kami_buf *b) { kami__set_buf(out, 0, b); }
static inline void kami_err_buf(kami_output *out, kami_buf *b) { kami__set_buf(out, 1, b); }

/* An error message built from parts without printf: kami_err2(out, "unknown unit: ", unit). */
static inline void kami_err2(kami_output *out, const char *prefix, const char *detail) {
    kami_buf b = KAMI_BUF_INIT;
    kami_buf_raw(&b, prefix);
    kami_buf_raw(&b, detail);
    kami_err_buf(out, &b);
}

typedef void (*kami_handler)(const char *input, size_t input_len, kami_output *out);

#ifdef __cplusplus
}
#endif

/*
 * The exports. Names are the canonical-ABI mangling that wit-component matches
 * against the embedded world; signatures are the flattened lowering:
 *   run(ptr, len) -> retptr      ret area: u8 disc @0, ptr @4, len @8
 *   describe() -> retptr         ret area: ptr @0, len @4
 * The return area is static: the host reads it before the next call can start
 * (component instances are not reentrant), then calls the post-return export.
 */
/* The allocator the host uses to pass strings into the guest. */
#define KAMI_EXPORT_REALLOC()                                                               \
    __attribute__((export_name("cabi_realloc")))                                           \
    void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {    \
        (void)old_size;                                                                    \
        /* Zero-size allocations need a non-null, aligned, never-dereferenced pointer. */  \
        if (new_size == 0) return (void *)align;                                           \
        /* malloc aligns to 16, enough for every canonical-ABI type. */                   \
        void *p = realloc(old_ptr, new_size);                                              \
        if (p == NULL) __builtin_trap(); /* no way to report failure to the caller */      \
        return p;                                                                          \
    }

/* run: calls HANDLER and lowers its kami_output into the result return area. */
#define KAMI_EXPORT_RUN(HANDLER)                                                            \
    static _Alignas(4) uint8_t kami__run_ret[12];                                          \
    static kami_output kami__last;                                                         \
                                                                                           \
    __attribute__((export_name("kami:tool/tool@0.1.0#run")))                               \
    uint8_t *kami__export_run(char *input, size_t input_len) {                             \
        /* The host allocated input via cabi_realloc and handed us ownership. Grow it by \
         * one byte so handlers can use C string functions. */                            \
        char *in = (char *)realloc(input_len ? input : NULL, input_len + 1);               \
        if (in == NULL) __builtin_trap();                                                  \
        in[input_len] = '\0';                                                              \
        kami_output out = {0, 0, NULL, 0, 0};                                              \
        HANDLER(in, input_len, &out);                                                      \
        free(in);                                                                          \
        if (!out.set) kami_err(&out, "tool returned no result");                           \
        kami__last = out;                                                                  \
        kami__run_ret[0] = (uint8_t)(out.is_err ? 1 : 0);                                  \
        uint32_t p = (uint32_t)(uintptr_t)out.ptr, l = (uint32_t)out.len;                  \
        memcpy(kami__run_ret + 4, &p, 4);                                                  \
        memcpy(kami__run_ret + 8, &l, 4);                                                  \
        return kami__run_ret;                                                              \
    }                                                                                      \
                                                                                           \
    __attribute__((export_name("cabi_post_kami:tool/tool@0.1.0#run")))                     \
    void kami__post_run(uint8_t *ret) {                                                    \
        (void)ret;                                                                         \
        if (kami__last.owned) free(kami__last.ptr);                                        \
        kami__last.ptr = NULL;                                                             \
        kami__last.owned = 0;                                                              \
    }

/* describe: returns the given JSON literal. */
#define KAMI_EXPORT_DESCRIBE(DESCRIBE_JSON)                                                 \
    static const char kami__describe_json[] = DESCRIBE_JSON;                               \
    static _Alignas(4) uint8_t kami__describe_ret[8];                                      \
                                                                                           \
    __attribute__((export_name("kami:tool/tool@0.1.0#describe")))                          \
    uint8_t *kami__export_describe(void) {                                                 \
        /* Copied so the host may treat the string like any other returned memory. */    \
        size_t n = sizeof kami__describe_json - 1;                                         \
        char *copy = (char *)malloc(n ? n : 1);                                            \
        if (copy == NULL) __builtin_trap();                                                \
        memcpy(copy, kami__describe_json, n);                                              \
        uint32_t p = (uint32_t)(uintptr_t)copy, l = (uint32_t)n;                           \
        memcpy(kami__describe_ret + 0, &p, 4);                                             \
        memcpy(kami__describe_ret + 4, &l, 4);                                             \
        return kami__describe_ret;                                                         \
    }                                                                                      \
                                                                                           \
    __attribute__((export_name("cabi_post_kami:tool/tool@0.1.0#describe")))                \
    void kami__post_describe(uint8_t *ret) {                                               \
        uint32_t p;                                                                        \
        memcpy(&p, ret, 4);                                                                \
        free((void *)(uintptr_t)p);                                                        \
    }

/* The whole tool. The three parts are separate only so test fixtures can
 * hand-write a misbehaving run export. */
#define KAMI_TOOL(HANDLER, DESCRIBE_JSON) \
    KAMI_EXPORT_REALLOC()                 \
    KAMI_EXPORT_RUN(HANDLER)              \
    KAMI_EXPORT_DESCRIBE(DESCRIBE_JSON)

#endif /* KAMI_TOOL_H */

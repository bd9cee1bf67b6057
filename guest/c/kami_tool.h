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
 *   - Results must be valid UTF-8: the host rejects anything else as a trap.
 *
 * KAMI_TOOL must appear in exactly one translation unit: it defines the exports.
 */
#ifndef KAMI_TOOL_H
#define KAMI_TOOL_H

#include <stddef.h>
#include <stdint.h>
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

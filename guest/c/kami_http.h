/*
 * kami_http.h — outbound HTTP for C tools (kami:http/outgoing@0.1.0, world kami-tool-http).
 *
 * Include it only in tools that make requests: the import exists only when kami_http_fetch is called, and
 * guest/c/componentize.mjs then builds the component against world kami-tool-http instead of kami-tool.
 *
 *     #include "kami_tool.h"
 *     #include "kami_http.h"
 *
 *     kami_http_header h = KAMI_HTTP_HEADER("accept", "application/json");
 *     kami_http_request req = {.url = "https://api.example.com/v1/x", .headers = &h, .header_count = 1};
 *     kami_http_response res;
 *     if (kami_http_fetch(&req, &res) != 0) {
 *         kami_err2(out, kami_http_error_name(res.error), res.message);   // e.g. "denied" + the host's reason
 *     } else {
 *         ... res.status, res.headers[i], res.body (res.body_is_bytes says which case) ...
 *     }
 *     kami_http_response_free(&res);
 *
 * What the host does (the policy is the operator's, not the tool's):
 *   - The host must be on the tool's net_allow_list in tool.toml; private and loopback addresses are refused
 *     unless the operator allows them. A refusal is KAMI_HTTP_DENIED with a reason, not a crash.
 *   - Redirects are followed (each re-checked); a non-2xx status is a response, not an error.
 *   - The response body is text (res.body_is_bytes == 0) when its bytes are valid UTF-8, bytes otherwise.
 *   - Headers Host, Connection, Keep-Alive, Content-Length, Transfer-Encoding, Upgrade, TE, Trailer, Expect and
 *     Proxy-* may not be set (KAMI_HTTP_INVALID). Credentials the operator configured are added by the host;
 *     the tool never sees them.
 *
 * Memory: the response's strings and lists belong to the tool (the host allocated them with cabi_realloc);
 * kami_http_response_free releases them. res.message and res.body are NUL-terminated for convenience
 * (the length fields exclude the NUL). Header names and values are not NUL-terminated: use their lengths.
 */
#ifndef KAMI_HTTP_H
#define KAMI_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The layout is the canonical ABI's for record header {name: string, value: string} on wasm32, so an array
 * of these is passed to the host as the list as it is. */
typedef struct kami_http_header {
    const char *name;
    size_t name_len;
    const char *value;
    size_t value_len;
} kami_http_header;

#define KAMI_HTTP_HEADER(NAME, VALUE) {(NAME), sizeof(NAME) - 1, (VALUE), sizeof(VALUE) - 1}

typedef struct kami_http_request {
    const char *method;          /* NULL means "GET" */
    const char *url;             /* NUL-terminated */
    const kami_http_header *headers;
    size_t header_count;
    const char *body;            /* NULL: no body */
    size_t body_len;
    int body_is_bytes;           /* 0: send the body as text (must be UTF-8), 1: as bytes */
    uint32_t timeout_ms;         /* 0: the host's default (10 s), always bounded by the call's own time */
} kami_http_request;

/* Same order as the WIT variant error: the canonical ABI passes the case index. */
typedef enum kami_http_error {
    KAMI_HTTP_DENIED = 0,      /* the policy refused it: not on the allow-list, a private address, a scheme... */
    KAMI_HTTP_UNREACHABLE = 1, /* the name did not resolve, the connection or TLS failed */
    KAMI_HTTP_TIMEOUT = 2,     /* no complete answer in time (no message) */
    KAMI_HTTP_TOO_LARGE = 3,   /* the request or the response is larger than the host allows */
    KAMI_HTTP_INVALID = 4      /* a malformed URL, method or header, or a header a tool may not set */
} kami_http_error;

typedef struct kami_http_response {
    int is_err;
    /* is_err == 1 */
    kami_http_error error;
    char *message;               /* the host's reason; "" for KAMI_HTTP_TIMEOUT */
    size_t message_len;
    /* is_err == 0 */
    uint16_t status;
    kami_http_header *headers;
    size_t header_count;
    int body_is_bytes;
    char *body;
    size_t body_len;
} kami_http_response;

/* Lowered import: request flattened to 13 i32 (more than 16 would go through memory), result via retptr. */
__attribute__((import_module("kami:http/outgoing@0.1.0"), import_name("fetch")))
void kami__http_fetch(int32_t method, int32_t method_len, int32_t url, int32_t url_len,
                      int32_t headers, int32_t headers_len, int32_t has_body, int32_t body_case,
                      int32_t body, int32_t body_len, int32_t has_timeout, int32_t timeout, int32_t ret);

/* The case name as the WIT spells it: "denied", "unreachable", "timeout", "too-large", "invalid". */
static inline const char *kami_http_error_name(kami_http_error e) {
    static const char *const names[] = {"denied", "unreachable", "timeout", "too-large", "invalid"};
    return (unsigned)e < 5 ? names[e] : "unknown";
}

/* cabi_realloc hands out (void *)align for zero-size allocations: those must not reach free. */
static inline void kami__http_free(void *p, size_t len) {
    if (len) free(p);
}

/* Adds the NUL the host did not send; on allocation failure the string keeps its length without one
 * (and becomes "" when empty). */
static inline char *kami__http_terminate(char *p, size_t len) {
    if (len == 0) return (char *)"";
    char *q = (char *)realloc(p, len + 1);
    if (q == NULL) return p;
    q[len] = '\0';
    return q;
}

/* Sends the request and waits for the answer. Returns 0 with res->status etc. set, or -1 with res->error and
 * res->message set. Either way, call kami_http_response_free(res) afterwards. */
static inline int kami_http_fetch(const kami_http_request *req, kami_http_response *res) {
    /* result<response, error>: +0 is-err; ok: +4 status u16, +8/+12 headers, +16 body case, +20/+24 body;
     * err: +4 case, +8/+12 message. */
    _Alignas(4) uint8_t ret[28];
    const char *method = req->method ? req->method : "GET";
    const char *url = req->url ? req->url : "";
    memset(res, 0, sizeof *res);
    kami__http_fetch((int32_t)(uintptr_t)method, (int32_t)strlen(method), (int32_t)(uintptr_t)url,
                     (int32_t)strlen(url), (int32_t)(uintptr_t)req->headers, (int32_t)req->header_count,
                     req->body ? 1 : 0, req->body_is_bytes ? 1 : 0, (int32_t)(uintptr_t)req->body,
                     (int32_t)req->body_len, req->timeout_ms ? 1 : 0, (int32_t)req->timeout_ms,
                     (int32_t)(uintptr_t)ret);
    uint32_t p, n;
    if (ret[0]) {
        res->is_err = 1;
        res->error = (kami_http_error)ret[4];
        if (res->error == KAMI_HTTP_TIMEOUT) {
            res->message = (char *)"";
            return -1;
        }
        memcpy(&p, ret + 8, 4);
        memcpy(&n, ret + 12, 4);
        res->message = kami__http_terminate((char *)(uintptr_t)p, n);
        res->message_len = n;
        return -1;
    }
    uint16_t status;
    memcpy(&status, ret + 4, 2);
    res->status = status;
    memcpy(&p, ret + 8, 4);
    memcpy(&n, ret + 12, 4);
    res->headers = (kami_http_header *)(uintptr_t)p;
    res->header_count = n;
    res->body_is_bytes = ret[16] ? 1 : 0;
    memcpy(&p, ret + 20, 4);
    memcpy(&n, ret + 24, 4);
    res->body = kami__http_terminate((char *)(uintptr_t)p, n);
    res->body_len = n;
    return 0;
}

/* Releases what kami_http_fetch received; the struct is zeroed afterwards. Safe to call twice. */
static inline void kami_http_response_free(kami_http_response *res) {
    if (res->is_err) {
        kami__http_free(res->message, res->message_len);
    } else {
        for (size_t i = 0; i < res->header_count; i++) {
            kami__http_free((void *)res->headers[i].name, res->headers[i].name_len);
            kami__http_free((void *)res->headers[i].value, res->headers[i].value_len);
        }
        kami__http_free(res->headers, res->header_count);
        kami__http_free(res->body, res->body_len);
    }
    memset(res, 0, sizeof *res);
}

#ifdef __cplusplus
}
#endif

#endif /* KAMI_HTTP_H */

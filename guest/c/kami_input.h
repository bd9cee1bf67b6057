/*
 * kami_input.h — ask the MCP client for input (kami:mcp/input@0.1.0, world kami-tool-mcp).
 *
 * A tool cannot wait for a person inside its sandbox, so a call that needs input runs in rounds: each round runs the
 * tool from the start; what it asks and does not have yet goes to the client (MCP's input_required result); the
 * client answers and retries, and the next round has the answers. So ask first, work after:
 *
 *     char *answer = kami_input_ask(out, "user_name", "elicitation/create",
 *         "{\"message\":\"What is your name?\",\"requestedSchema\":{\"type\":\"object\","
 *         "\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}");
 *     if (!answer) return;     // pending (this round's result is not used) or refused: the result is set
 *     ... answer is the client's result as JSON ({"action":"accept","content":{...}}) ...
 *     free(answer);
 *
 * kami_input_request() gives the three outcomes (ANSWERED, PENDING, REFUSED) to a tool that wants to handle them.
 *
 * Methods: elicitation/create, sampling/createMessage, roots/list, with their MCP params (a JSON object, at most
 * 64 KiB). Keys: letters, digits, '_', '-', '.', at most 64, not starting with "kami" (the host's own). A round may
 * leave at most 16 requests pending. kami_input_keep() keeps a string (at most 16 KiB) for the next round, sealed by
 * the host so the client cannot read or change it; kami_input_kept() returns it there.
 */
#ifndef KAMI_INPUT_H
#define KAMI_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kami_tool.h"

#ifdef __cplusplus
extern "C" {
#endif

/* result<option<string>, string> as the canonical ABI writes it: result tag at 0; ok's option tag at 4 and its string
 * at 8/12; err's string at 4/8. Strings are allocated by the host with cabi_realloc. */
typedef struct kami__input_ret {
    uint8_t is_err;
    union {
        struct { uint8_t is_some; char *ptr; size_t len; } ok;
        struct { char *ptr; size_t len; } err;
    } u;
} kami__input_ret;

/* option<string> and result<_, string>: tag at 0, string at 4/8. */
typedef struct kami__input_str_ret {
    uint8_t tag;
    char *ptr;
    size_t len;
} kami__input_str_ret;

__attribute__((import_module("kami:mcp/input@0.1.0"), import_name("request")))
void kami__input_request(const char *key, size_t key_len, const char *method, size_t method_len,
                         const char *params, size_t params_len, kami__input_ret *ret);

__attribute__((import_module("kami:mcp/input@0.1.0"), import_name("keep")))
void kami__input_keep(const char *state, size_t state_len, kami__input_str_ret *ret);

__attribute__((import_module("kami:mcp/input@0.1.0"), import_name("kept")))
void kami__input_kept(kami__input_str_ret *ret);

typedef enum { KAMI_INPUT_ANSWERED, KAMI_INPUT_PENDING, KAMI_INPUT_REFUSED } kami_input_status;

static inline char *kami__input_take(char *ptr, size_t len) {
    char *text = (char *)malloc(len + 1);
    if (text) {
        memcpy(text, ptr, len);
        text[len] = '\0';
    }
    free(ptr);
    return text;
}

/* On ANSWERED *text is the answer's JSON, on REFUSED the reason (NUL-terminated, free() it); NULL on PENDING. */
static inline kami_input_status kami_input_request(const char *key, const char *method, const char *params_json, char **text) {
    kami__input_ret ret;
    memset(&ret, 0, sizeof ret);
    kami__input_request(key, strlen(key), method, strlen(method), params_json, strlen(params_json), &ret);
    if (text) *text = NULL;
    if (ret.is_err) {
        char *why = kami__input_take(ret.u.err.ptr, ret.u.err.len);
        if (text) *text = why; else free(why);
        return KAMI_INPUT_REFUSED;
    }
    if (!ret.u.ok.is_some) return KAMI_INPUT_PENDING;
    char *answer = kami__input_take(ret.u.ok.ptr, ret.u.ok.len);
    if (text) *text = answer; else free(answer);
    return KAMI_INPUT_ANSWERED;
}

/* Keeps state for the next round; returns 0, or 1 with *error set (free() it) when it is refused. */
static inline int kami_input_keep(const char *state, char **error) {
    kami__input_str_ret ret;
    memset(&ret, 0, sizeof ret);
    kami__input_keep(state, strlen(state), &ret);
    if (!ret.tag) return 0;
    char *why = kami__input_take(ret.ptr, ret.len);
    if (error) *error = why; else free(why);
    return 1;
}

/* The usual way to ask: returns the answer's JSON (free() it), or NULL after setting the round's result (an error
 * saying it waits for input, or why the request was refused); then return from run. */
static inline char *kami_input_ask(kami_output *out, const char *key, const char *method, const char *params_json) {
    char *text = NULL;
    switch (kami_input_request(key, method, params_json, &text)) {
    case KAMI_INPUT_ANSWERED: return text;
    case KAMI_INPUT_PENDING: kami_err(out, "waiting for input"); return NULL;
    default: kami_err(out, text ? text : "input request refused"); free(text); return NULL;
    }
}

/* What the previous round kept (free() it), or NULL. */
static inline char *kami_input_kept(void) {
    kami__input_str_ret ret;
    memset(&ret, 0, sizeof ret);
    kami__input_kept(&ret);
    return ret.tag ? kami__input_take(ret.ptr, ret.len) : NULL;
}

#ifdef __cplusplus
}
#endif

#endif

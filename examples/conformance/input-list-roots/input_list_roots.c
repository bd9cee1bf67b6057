/* Conformance pack: test_input_required_result_list_roots (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"

/* Asks for `key`; returns its answer (free() it) or NULL with the round's result set (pending or refused). */
__attribute__((unused)) static char *ask(kami_output *out, const char *key, const char *method, const char *params) {
    char *text = NULL;
    switch (kami_input_request(key, method, params, &text)) {
    case KAMI_INPUT_ANSWERED: return text;
    case KAMI_INPUT_PENDING: kami_err(out, "waiting for input"); return NULL;
    default: kami_err(out, text ? text : "input refused"); free(text); return NULL;
    }
}

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *answer = ask(out, "client_roots", "roots/list", "{}");
    if (!answer) return;
    const char *roots = "[]"; size_t roots_len = 2;
    kami_json_find_value(answer, strlen(answer), "roots", &roots, &roots_len);
    char result[1024];
    snprintf(result, sizeof result, "Client roots: %.*s", (int)(roots_len < 900 ? roots_len : 900), roots);
    kami_ok(out, result);
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.list.roots\",\"description\":\"Asks the client for its roots and lists them\",\"version\":\"1.0.0\"}")

/* Conformance pack: test_input_required_result_tampered_state (kami:mcp/input), for the suite's input-required-result scenarios. */
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
    kami_input_keep("confirm-asked", NULL);
    char *answer = ask(out, "confirm", "elicitation/create", "{\"message\":\"Please confirm\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}}");
    if (!answer) return;
    kami_ok(out, "confirmed");
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.tampered.state\",\"description\":\"Asks for confirmation; its state is sealed, so a changed one is refused\",\"version\":\"1.0.0\"}")

/* Conformance pack: test_input_required_result_multi_round (kami:mcp/input), for the suite's input-required-result scenarios. */
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
    char *step1 = ask(out, "step1", "elicitation/create", "{\"message\":\"Step 1: What is your name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}");
    if (!step1) return;
    char *step2 = ask(out, "step2", "elicitation/create", "{\"message\":\"Step 2: What is your favorite color?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"color\":{\"type\":\"string\"}},\"required\":[\"color\"]}}");
    if (!step2) { free(step1); return; }
    kami_ok(out, "Both steps answered: name and favorite color");
    free(step1), free(step2);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.multi.round\",\"description\":\"Asks for a name, then for a colour, in two rounds\",\"version\":\"1.0.0\"}")

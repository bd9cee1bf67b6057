/* Conformance pack: test_input_required_result_multi_round (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *step1 = kami_input_ask(out, "step1", "elicitation/create", "{\"message\":\"Step 1: What is your name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}");
    if (!step1) return;
    char *step2 = kami_input_ask(out, "step2", "elicitation/create", "{\"message\":\"Step 2: What is your favorite color?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"color\":{\"type\":\"string\"}},\"required\":[\"color\"]}}");
    if (!step2) { free(step1); return; }
    kami_ok(out, "Both steps answered: name and favorite color");
    free(step1), free(step2);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.multi.round\",\"description\":\"Asks for a name, then for a colour, in two rounds\",\"version\":\"1.0.0\"}")

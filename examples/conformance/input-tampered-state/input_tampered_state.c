/* Conformance pack: test_input_required_result_tampered_state (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_input_keep("confirm-asked", NULL);
    char *answer = kami_input_ask(out, "confirm", "elicitation/create", "{\"message\":\"Please confirm\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}}");
    if (!answer) return;
    kami_ok(out, "confirmed");
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.tampered.state\",\"description\":\"Asks for confirmation; its state is sealed, so a changed one is refused\",\"version\":\"1.0.0\"}")

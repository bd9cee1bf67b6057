/* Conformance pack: test_input_required_result_request_state (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *kept = kami_input_kept();
    if (!kept) kami_input_keep("round-1", NULL);
    char *answer = kami_input_ask(out, "confirm", "elicitation/create", "{\"message\":\"Please confirm\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}}");
    if (!answer) { free(kept); return; }
    kami_ok(out, kept && strcmp(kept, "round-1") == 0 ? "state-ok: the state kept in round 1 came back sealed" : "state-missing");
    free(kept);
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.request.state\",\"description\":\"Keeps state across rounds and checks it came back\",\"version\":\"1.0.0\"}")

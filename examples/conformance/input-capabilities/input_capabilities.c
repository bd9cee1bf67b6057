/* Conformance pack: test_input_required_result_capabilities (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *sampled = NULL, *elicited = NULL;
    kami_input_status s = kami_input_request("capital_question", "sampling/createMessage", "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"What is the capital of France?\"}}],\"maxTokens\":100}", &sampled);
    kami_input_status e = kami_input_request("user_name", "elicitation/create", "{\"message\":\"What is your name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}", &elicited);
    if (s == KAMI_INPUT_ANSWERED || e == KAMI_INPUT_ANSWERED) kami_ok(out, "Input received through what the client supports");
    else if (s == KAMI_INPUT_PENDING || e == KAMI_INPUT_PENDING) kami_err(out, "waiting for input");
    else kami_err(out, "the client declared neither sampling nor elicitation");
    free(sampled), free(elicited);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.capabilities\",\"description\":\"Asks by sampling and elicitation; the host passes on only what the client declared\",\"version\":\"1.0.0\"}")

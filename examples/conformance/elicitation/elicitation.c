#include <stdio.h>
#include <stdlib.h>
#include "kami_input.h"
#include "kami_json.h"
#include "kami_tool.h"

/* Conformance pack: test_elicitation (2025-11-25 tools-call-elicitation) asks the user through kami:mcp/input. */
static void run(const char *input, size_t input_len, kami_output *out) {
    const char *message = ""; size_t message_len = 0;
    kami_json_find_string(input, input_len, "message", &message, &message_len);
    if (message_len > 4000) { kami_err(out, "message too long"); return; }
    char params[4600];
    snprintf(params, sizeof params, "{\"message\":\"%.*s\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{"
        "\"username\":{\"type\":\"string\",\"description\":\"User's response\"},"
        "\"email\":{\"type\":\"string\",\"description\":\"User's email address\"}},\"required\":[\"username\",\"email\"]}}",
        (int)message_len, message);
    char *answer = kami_input_ask(out, "user_response", "elicitation/create", params);
    if (!answer) return;
    size_t n = strlen(answer) + 32;
    char *result = malloc(n);
    if (!result) { free(answer); kami_err(out, "out of memory"); return; }
    snprintf(result, n, "User response: %s", answer);
    kami_ok(out, result);
    free(result), free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.elicitation\",\"description\":\"Asks the user for a username and email\",\"version\":\"1.0.0\"}")

#include <stdio.h>
#include <stdlib.h>
#include "kami_input.h"
#include "kami_json.h"
#include "kami_tool.h"

/* Conformance pack: test_elicitation_sep1034_defaults asks with a default for each primitive type. */
static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *answer = kami_input_ask(out, "defaults", "elicitation/create",
        "{\"message\":\"Test client default value handling - please accept with defaults\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{"
        "\"name\":{\"type\":\"string\",\"description\":\"User name\",\"default\":\"John Doe\"},"
        "\"age\":{\"type\":\"integer\",\"description\":\"User age\",\"default\":30},"
        "\"score\":{\"type\":\"number\",\"description\":\"User score\",\"default\":95.5},"
        "\"status\":{\"type\":\"string\",\"description\":\"User status\",\"enum\":[\"active\",\"inactive\",\"pending\"],\"default\":\"active\"},"
        "\"verified\":{\"type\":\"boolean\",\"description\":\"Verification status\",\"default\":true}},\"required\":[]}}");
    if (!answer) return;
    size_t n = strlen(answer) + 64;
    char *result = malloc(n);
    if (!result) { free(answer); kami_err(out, "out of memory"); return; }
    snprintf(result, n, "Elicitation completed: %s", answer);
    kami_ok(out, result);
    free(result), free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.elicitation.sep1034.defaults\",\"description\":\"Asks with defaults for every primitive type (SEP-1034)\",\"version\":\"1.0.0\"}")

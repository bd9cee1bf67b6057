/* Conformance pack: test_input_required_result_elicitation (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *answer = kami_input_ask(out, "user_name", "elicitation/create", "{\"message\":\"What is your name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}");
    if (!answer) return;
    const char *content; size_t content_len; const char *name = "there"; size_t name_len = 5;
    if (kami_json_find_value(answer, strlen(answer), "content", &content, &content_len))
        kami_json_find_string(content, content_len, "name", &name, &name_len);
    char text[256];
    snprintf(text, sizeof text, "Hello, %.*s!", (int)(name_len < 200 ? name_len : 200), name);
    kami_ok(out, text);
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.elicitation\",\"description\":\"Asks the user for their name (elicitation) and greets them\",\"version\":\"1.0.0\"}")

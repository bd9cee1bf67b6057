/* Conformance pack: test_input_required_result_multiple_inputs (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *name = NULL, *greeting = NULL, *roots = NULL;
    kami_input_request("user_name", "elicitation/create", "{\"message\":\"What is your name?\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}},\"required\":[\"name\"]}}", &name);
    kami_input_request("greeting", "sampling/createMessage", "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Generate a greeting\"}}],\"maxTokens\":50}", &greeting);
    kami_input_request("client_roots", "roots/list", "{}", &roots);
    if (name && greeting && roots && name[0] == '{' && greeting[0] == '{' && roots[0] == '{')
        kami_ok(out, "All three inputs received: name, greeting and roots");
    else
        kami_err(out, "waiting for input");
    free(name), free(greeting), free(roots);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.multiple.inputs\",\"description\":\"Asks for a name, a sampled greeting and the roots at once\",\"version\":\"1.0.0\"}")

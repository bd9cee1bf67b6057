/* Conformance pack: the package behind test_input_required_result_prompt, a prompt that asks the user for a value
 * (ask_message/ask_field in tool.toml) before it is given; the tool says what the package serves. */
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_ok(out, "This package serves the prompt test_input_required_result_prompt, which asks for its context.");
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result\",\"description\":\"Says what the input-prompt package serves\",\"version\":\"1.0.0\"}")

/* Conformance pack: the package behind the suite's test_prompt_with_* prompts and its resources ([[prompts]] and
 * [[resources]] in tool.toml, served without running this tool); the tool itself says what the package holds. */
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_ok(out, "This package serves prompts (test_prompt_with_arguments, test_prompt_with_embedded_resource, test_prompt_with_image) and resources (test://static-text, test://static-binary, test://template/{id}/data).");
}

KAMI_TOOL(run, "{\"name\":\"test.prompt\",\"description\":\"Says what the prompts package serves\",\"version\":\"1.0.0\"}")

/* Conformance pack: the package behind the suite's test_simple_prompt ([[prompts]] in tool.toml). */
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_ok(out, "This package serves the prompt test_simple_prompt.");
}

KAMI_TOOL(run, "{\"name\":\"test.simple\",\"description\":\"Says what the simple-prompt package serves\",\"version\":\"1.0.0\"}")

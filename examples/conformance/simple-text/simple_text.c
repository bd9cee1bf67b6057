/* Conformance pack: test_simple_text (served as test.simple.text with --tool-names underscore). */
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_ok(out, "This is a simple text response for testing.");
}

KAMI_TOOL(run, "{\"name\":\"test.simple.text\",\"description\":\"Returns simple text\",\"version\":\"1.0.0\"}")

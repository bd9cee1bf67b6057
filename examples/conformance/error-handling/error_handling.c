/* Conformance pack: test_error_handling, a tool whose every call fails (an isError result, not a protocol error). */
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_err(out, "This tool intentionally returns an error for testing");
}

KAMI_TOOL(run, "{\"name\":\"test.error.handling\",\"description\":\"Always fails\",\"version\":\"1.0.0\"}")

/* Conformance pack: test_tool_with_logging sends three info lines through host.log; the host forwards them as
 * notifications/message to a client that set a log level. (A guest cannot sleep, so there are no delays between
 * them: the host sends each as it comes.) */
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_log(KAMI_LOG_INFO, "Tool execution started");
    kami_log(KAMI_LOG_INFO, "Tool processing data");
    kami_log(KAMI_LOG_INFO, "Tool execution completed");
    kami_ok(out, "Logged three messages.");
}

KAMI_TOOL(run, "{\"name\":\"test.tool.with.logging\",\"description\":\"Logs three messages\",\"version\":\"1.0.0\"}")

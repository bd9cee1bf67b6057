/* Conformance pack: test_tool_with_progress reports 0/100, 50/100 and 100/100 (kami:mcp/progress), as the suite's
 * tools-call-with-progress scenario asks; the host sends them only when the call carries a progress token. */
#include "kami_progress.h"
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    kami_progress(0, 100, "starting");
    kami_progress(50, 100, "halfway");
    kami_progress(100, 100, "done");
    kami_ok(out, "Progress reported: 0, 50 and 100 of 100.");
}

KAMI_TOOL(run, "{\"name\":\"test.tool.with.progress\",\"description\":\"Reports progress\",\"version\":\"1.0.0\"}")

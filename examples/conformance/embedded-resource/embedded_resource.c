/* Conformance pack: test_embedded_resource returns one embedded text resource (kami:mcp/content). */
#include "kami_content.h"
#include "kami_tool.h"

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *why = NULL;
    if (kami_content_resource_text("test://embedded-resource", "text/plain", "This is an embedded resource content.", &why) != 0) {
        kami_err(out, why ? why : "the host refused the resource");
        free(why);
        return;
    }
    kami_ok(out, "");
}

KAMI_TOOL(run, "{\"name\":\"test.embedded.resource\",\"description\":\"Returns an embedded resource\",\"version\":\"1.0.0\"}")

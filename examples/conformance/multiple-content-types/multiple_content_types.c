/* Conformance pack: test_multiple_content_types returns text, an image and an embedded resource (kami:mcp/content). */
#include "kami_content.h"
#include "kami_tool.h"

static const char red_pixel_png[] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4z8AAAAMBAQAY3Y2wAAAAAElFTkSuQmCC";

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *why = NULL;
    int failed = kami_content_text("Multiple content types test:", &why)
        || kami_content_image("image/png", red_pixel_png, &why)
        || kami_content_resource_text("test://mixed-content-resource", "application/json", "{\"test\":\"data\",\"value\":123}", &why);
    if (failed) {
        kami_err(out, why ? why : "the host refused a block");
        free(why);
        return;
    }
    kami_ok(out, "");
}

KAMI_TOOL(run, "{\"name\":\"test.multiple.content.types\",\"description\":\"Returns several kinds of content\",\"version\":\"1.0.0\"}")

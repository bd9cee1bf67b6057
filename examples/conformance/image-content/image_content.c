/* Conformance pack: test_image_content returns one image block, a 1x1 red PNG (kami:mcp/content). */
#include "kami_content.h"
#include "kami_tool.h"

static const char red_pixel_png[] = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVQI12P4z8AAAAMBAQAY3Y2wAAAAAElFTkSuQmCC";

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *why = NULL;
    if (kami_content_image("image/png", red_pixel_png, &why) != 0) {
        kami_err(out, why ? why : "the host refused the image");
        free(why);
        return;
    }
    kami_ok(out, "");
}

KAMI_TOOL(run, "{\"name\":\"test.image.content\",\"description\":\"Returns an image\",\"version\":\"1.0.0\"}")

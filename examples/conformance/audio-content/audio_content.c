/* Conformance pack: test_audio_content returns one audio block, a silent WAV (kami:mcp/content). */
#include "kami_content.h"
#include "kami_tool.h"

/* A WAV header with no samples: 8 kHz, mono, 8-bit. */
static const char silent_wav[] = "UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=";

static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *why = NULL;
    if (kami_content_audio("audio/wav", silent_wav, &why) != 0) {
        kami_err(out, why ? why : "the host refused the audio");
        free(why);
        return;
    }
    kami_ok(out, "");
}

KAMI_TOOL(run, "{\"name\":\"test.audio.content\",\"description\":\"Returns audio\",\"version\":\"1.0.0\"}")

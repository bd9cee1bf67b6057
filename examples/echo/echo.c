/* echo — returns {"echo": <text>} for input {"text": "..."}. */
#include "kami_json.h"
#include "kami_tool.h"

static void echo(const char *input, size_t input_len, kami_output *out) {
    const char *text;
    size_t text_len;
    if (!kami_json_find_string(input, input_len, "text", &text, &text_len)) {
        kami_err(out, "bad input: expected {\"text\": \"...\"}");
        return;
    }

    /* Routine, so debug: a client sees it after logging/setLevel debug, and the server log shows it with
     * log_level = "debug" (KAMI_LOG_LEVEL). A constant message: printf-family calls would link stdio and add WASI imports. */
    kami_log(KAMI_LOG_DEBUG, "echo called");

    /* The raw span is already valid JSON string contents, escapes and all. */
    static const char head[] = "{\"echo\":\"", tail[] = "\"}";
    size_t n = sizeof head - 1 + text_len + sizeof tail - 1;
    char *json = malloc(n);
    if (json == NULL) {
        kami_err(out, "out of memory");
        return;
    }
    memcpy(json, head, sizeof head - 1);
    memcpy(json + sizeof head - 1, text, text_len);
    memcpy(json + sizeof head - 1 + text_len, tail, sizeof tail - 1);
    kami_set_owned(out, 0, json, n);
}

KAMI_TOOL(echo, "{\"name\":\"dev.kami.echo\",\"description\":\"Echoes the given text back\",\"version\":\"1.0.0\"}")

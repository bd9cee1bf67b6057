/* {{name}}: a KAMI tool in C. `kami build` compiles it with clang for wasm32-wasi and makes a component.
 * The SDK is header-only: kami_tool.h (result, logging, JSON output) and kami_json.h (reading arguments). */
#include <ctype.h>
#include "kami_json.h"
#include "kami_tool.h"

static void greet(const char *input, size_t input_len, kami_output *out) {
    char *name;
    size_t name_len;
    if (!kami_json_get_string(input, input_len, "name", &name, &name_len) || name_len == 0) {
        kami_err(out, "bad input: pass who to greet as a string, e.g. {\"name\": \"Ada\"}");
        return;
    }
    const char *shout;
    size_t shout_len;
    int loud = kami_json_find_value(input, input_len, "shout", &shout, &shout_len) && shout_len == 4 && memcmp(shout, "true", 4) == 0;
    if (loud) {
        /* ASCII only: multi-byte UTF-8 sequences are left as they are. */
        for (size_t i = 0; i < name_len; i++) name[i] = (char)toupper((unsigned char)name[i]);
    }
    kami_log(KAMI_LOG_DEBUG, "greeting");

    kami_buf text = KAMI_BUF_INIT; /* the greeting as plain text */
    kami_buf_raw(&text, loud ? "HELLO, " : "Hello, ");
    kami_buf_raw_n(&text, name, name_len);
    kami_buf_raw(&text, "!");
    free(name);

    kami_buf b = KAMI_BUF_INIT; /* the JSON result */
    kami_buf_raw(&b, "{\"greeting\":");
    kami_buf_json_string(&b, text.ptr, text.len); /* quotes and escapes: any name gives valid JSON */
    kami_buf_raw(&b, "}");
    if (text.failed) b.failed = 1;
    kami_buf_free(&text);
    kami_ok_buf(out, &b);
}

KAMI_TOOL(greet, "{\"name\":\"{{id}}\",\"description\":\"Greets someone by name\",\"version\":\"0.1.0\"}")

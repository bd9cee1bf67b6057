#include <stdio.h>
#include <stdlib.h>
#include "kami_input.h"
#include "kami_json.h"
#include "kami_tool.h"

/* Conformance pack: test_sampling (2025-11-25 tools-call-sampling) asks the client to sample through kami:mcp/input;
 * a 2025-11-25 client on a session gets a sampling/createMessage request from the server, a 2026-07-28 one an
 * input_required result. */
static void run(const char *input, size_t input_len, kami_output *out) {
    const char *prompt = ""; size_t prompt_len = 0;
    kami_json_find_string(input, input_len, "prompt", &prompt, &prompt_len);
    if (prompt_len > 4000) { kami_err(out, "prompt too long"); return; }
    char params[4200];
    snprintf(params, sizeof params, "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"%.*s\"}}],\"maxTokens\":100}", (int)prompt_len, prompt);
    char *answer = kami_input_ask(out, "llm_reply", "sampling/createMessage", params);
    if (!answer) return;
    const char *content; size_t content_len; const char *text = ""; size_t text_len = 0;
    if (kami_json_find_value(answer, strlen(answer), "content", &content, &content_len))
        kami_json_find_string(content, content_len, "text", &text, &text_len);
    char result[4200];
    snprintf(result, sizeof result, "LLM response: %.*s", (int)(text_len < 4000 ? text_len : 4000), text);
    kami_ok(out, result);
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.sampling\",\"description\":\"Asks the client to sample a reply to a prompt\",\"version\":\"1.0.0\"}")

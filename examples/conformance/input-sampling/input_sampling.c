/* Conformance pack: test_input_required_result_sampling (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *answer = kami_input_ask(out, "capital_question", "sampling/createMessage", "{\"messages\":[{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"What is the capital of France?\"}}],\"maxTokens\":100}");
    if (!answer) return;
    const char *content; size_t content_len; const char *text = ""; size_t text_len = 0;
    if (kami_json_find_value(answer, strlen(answer), "content", &content, &content_len))
        kami_json_find_string(content, content_len, "text", &text, &text_len);
    char result[512];
    snprintf(result, sizeof result, "Sampling response: %.*s", (int)(text_len < 400 ? text_len : 400), text);
    kami_ok(out, result);
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.sampling\",\"description\":\"Asks the client to sample an answer and returns it\",\"version\":\"1.0.0\"}")

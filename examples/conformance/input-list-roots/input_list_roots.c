/* Conformance pack: test_input_required_result_list_roots (kami:mcp/input), for the suite's input-required-result scenarios. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_input.h"
#include "kami_tool.h"


static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *answer = kami_input_ask(out, "client_roots", "roots/list", "{}");
    if (!answer) return;
    const char *roots = "[]"; size_t roots_len = 2;
    kami_json_find_value(answer, strlen(answer), "roots", &roots, &roots_len);
    char result[1024];
    snprintf(result, sizeof result, "Client roots: %.*s", (int)(roots_len < 900 ? roots_len : 900), roots);
    kami_ok(out, result);
    free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.input.required.result.list.roots\",\"description\":\"Asks the client for its roots and lists them\",\"version\":\"1.0.0\"}")

#include <stdio.h>
#include <stdlib.h>
#include "kami_input.h"
#include "kami_json.h"
#include "kami_tool.h"

/* Conformance pack: test_elicitation_sep1330_enums asks with each of the five enum forms. */
static void run(const char *input, size_t input_len, kami_output *out) {
    (void)input, (void)input_len;
    char *answer = kami_input_ask(out, "enums", "elicitation/create",
        "{\"message\":\"Test enum schema variants\",\"requestedSchema\":{\"type\":\"object\",\"properties\":{"
        "\"untitledSingle\":{\"type\":\"string\",\"enum\":[\"option1\",\"option2\",\"option3\"]},"
        "\"titledSingle\":{\"type\":\"string\",\"oneOf\":[{\"const\":\"value1\",\"title\":\"First Option\"},{\"const\":\"value2\",\"title\":\"Second Option\"},{\"const\":\"value3\",\"title\":\"Third Option\"}]},"
        "\"legacyEnum\":{\"type\":\"string\",\"enum\":[\"opt1\",\"opt2\",\"opt3\"],\"enumNames\":[\"Option One\",\"Option Two\",\"Option Three\"]},"
        "\"untitledMulti\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"enum\":[\"option1\",\"option2\",\"option3\"]}},"
        "\"titledMulti\":{\"type\":\"array\",\"items\":{\"anyOf\":[{\"const\":\"value1\",\"title\":\"First Choice\"},{\"const\":\"value2\",\"title\":\"Second Choice\"},{\"const\":\"value3\",\"title\":\"Third Choice\"}]}}},\"required\":[]}}");
    if (!answer) return;
    size_t n = strlen(answer) + 64;
    char *result = malloc(n);
    if (!result) { free(answer); kami_err(out, "out of memory"); return; }
    snprintf(result, n, "Elicitation completed: %s", answer);
    kami_ok(out, result);
    free(result), free(answer);
}

KAMI_TOOL(run, "{\"name\":\"test.elicitation.sep1330.enums\",\"description\":\"Asks with the five enum forms (SEP-1330)\",\"version\":\"1.0.0\"}")

/* notes: keeps notes in notes.txt in the tool's sandbox directory, one JSON string per line
 * (so any text, newlines included, round-trips). fs_access = "sandbox" in tool.toml. */
#include <stdio.h>
#include "kami_json.h"
#include "kami_tool.h"

#define NOTES "notes.txt"
#define MAX_NOTE 4096
#define MAX_NOTES 1000

static long count_notes(void) {
    FILE *f = fopen(NOTES, "r");
    if (!f) return 0;
    long n = 0;
    int c;
    while ((c = fgetc(f)) != EOF) if (c == '\n') n++;
    fclose(f);
    return n;
}

static void add(const char *input, size_t input_len, kami_output *out) {
    const char *raw;
    size_t raw_len;
    /* Store the escaped JSON form exactly as it came: it is valid JSON string contents already. */
    if (!kami_json_find_string(input, input_len, "text", &raw, &raw_len) || raw_len == 0) {
        kami_err(out, "bad input: add needs a non-empty text, e.g. {\"action\":\"add\",\"text\":\"buy milk\"}");
        return;
    }
    if (raw_len > MAX_NOTE) { kami_err(out, "bad input: a note may be at most 4096 bytes"); return; }
    long n = count_notes();
    if (n >= MAX_NOTES) { kami_err(out, "the notebook is full (1000 notes): clear it first"); return; }
    FILE *f = fopen(NOTES, "a");
    if (!f) { kami_err(out, "cannot write notes: is fs_access = \"sandbox\" set in tool.toml?"); return; }
    int failed = fputc('"', f) == EOF || fwrite(raw, 1, raw_len, f) != raw_len || fputs("\"\n", f) == EOF;
    failed |= fclose(f) != 0;
    if (failed) { kami_err(out, "cannot write notes: the sandbox directory refused the write"); return; }
    kami_log(KAMI_LOG_INFO, "note added");
    kami_buf b = KAMI_BUF_INIT;
    kami_buf_raw(&b, "{\"added\":true,\"count\":");
    kami_buf_i64(&b, n + 1);
    kami_buf_raw(&b, "}");
    kami_ok_buf(out, &b);
}

static void list(kami_output *out) {
    kami_buf b = KAMI_BUF_INIT;
    kami_buf_raw(&b, "{\"notes\":[");
    FILE *f = fopen(NOTES, "r");
    long n = 0;
    if (f) {
        char line[MAX_NOTE + 8];
        while (fgets(line, sizeof line, f)) {
            size_t len = strlen(line);
            if (len && line[len - 1] == '\n') line[--len] = '\0';
            /* Lines are ours, but the directory is writable: re-check before passing a line on as JSON. */
            const char *s; size_t sl;
            char wrapped[MAX_NOTE + 32];
            int w = snprintf(wrapped, sizeof wrapped, "{\"t\":%s}", line);
            if (w <= 0 || (size_t)w >= sizeof wrapped || !kami_json_find_string(wrapped, (size_t)w, "t", &s, &sl)) continue;
            char *decoded = malloc(sl + 1);
            if (!decoded) break;
            long dl = kami_json_unescape(s, sl, decoded);
            if (dl >= 0) {
                if (n++) kami_buf_char(&b, ',');
                kami_buf_json_string(&b, decoded, (size_t)dl);
            }
            free(decoded);
        }
        fclose(f);
    }
    kami_buf_raw(&b, "],\"count\":");
    kami_buf_i64(&b, n);
    kami_buf_raw(&b, "}");
    kami_ok_buf(out, &b);
}

static void run(const char *input, size_t input_len, kami_output *out) {
    const char *action;
    size_t len;
    if (!kami_json_find_string(input, input_len, "action", &action, &len)) {
        kami_err(out, "bad input: action must be add, list or clear");
        return;
    }
    if (len == 3 && memcmp(action, "add", 3) == 0) add(input, input_len, out);
    else if (len == 4 && memcmp(action, "list", 4) == 0) list(out);
    else if (len == 5 && memcmp(action, "clear", 5) == 0) {
        long n = count_notes();
        if (remove(NOTES) != 0 && n > 0) { kami_err(out, "cannot clear the notes"); return; }
        kami_buf b = KAMI_BUF_INIT;
        kami_buf_raw(&b, "{\"cleared\":");
        kami_buf_i64(&b, n);
        kami_buf_raw(&b, "}");
        kami_ok_buf(out, &b);
    } else kami_err(out, "bad input: action must be add, list or clear");
}

KAMI_TOOL(run, "{\"name\":\"dev.kami.notes\",\"description\":\"Keeps notes in its sandbox\",\"version\":\"1.0.0\"}")

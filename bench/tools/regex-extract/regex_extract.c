/* regex-extract — every match of a small regular expression in a text, as {"matches": [...], "count": n}.
 *
 * Input: {"pattern": "...", "text": "...", "limit": n (optional, default 100)}. The syntax is a practical subset:
 * literals (UTF-8), '.', classes [a-z0-9_] and [^...], \d \w \s \D \W \S (Unicode, from unicode_tables.h),
 * quantifiers * + ? {m} {m,} {m,n} (greedy), anchors ^ and $, escapes of metacharacters, and a leading (?i)
 * for case-insensitive matching (simple lower-casing of the BMP). Matching backtracks over a compiled node
 * list; quantified atoms are single characters or classes, so the recursion is bounded by the pattern's length.
 *
 * Stands in for a Rust regex tool (the machine that builds KAMI's fixtures has no Rust wasm target): its
 * flat Unicode tables give it a ~1.3 MB data section, as a Rust regex build's tables and code give it size. */
#include <stdint.h>
#include "kami_json.h"
#include "kami_tool.h"
#include "unicode_tables.h"

enum { C_DIGIT = 1, C_WORD = 2, C_SPACE = 4 };
enum { N_CHAR, N_ANY, N_CLASS, N_BOL, N_EOL };
#define MAX_NODES 128
#define MAX_RANGES 32
#define MAX_STEPS 2000000L

typedef struct range { uint32_t lo, hi; } range;
typedef struct node {
    int kind, negated, min, max; /* max < 0: unbounded */
    uint32_t ch;
    int class_bits, neg_class_bits, nranges;
    range ranges[MAX_RANGES];
} node;

typedef struct regex {
    node nodes[MAX_NODES];
    int count, icase;
    long steps;
} regex;

static uint32_t fold(const regex *re, uint32_t c) { return re->icase && c < 0x10000 ? kami_ulower[c] : c; }

static int class_has(uint32_t c, int bits) { return c < 0x110000 && (kami_uclass[c] & bits) != 0; }

/* Decodes one UTF-8 code point at s[*i] (invalid bytes decode as themselves). */
static uint32_t next_cp(const char *s, size_t n, size_t *i) {
    const unsigned char *u = (const unsigned char *)s;
    uint32_t c = u[*i];
    size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (*i + extra >= n + (extra == 0)) extra = 0;
    if (extra) c &= 0x3F >> extra;
    (*i)++;
    for (size_t k = 0; k < extra; k++, (*i)++) c = (c << 6) | (u[*i] & 0x3F);
    return c;
}

static int escape_class(char e, int *bits, int *negbits) {
    switch (e) {
        case 'd': *bits |= C_DIGIT; return 1;
        case 'w': *bits |= C_WORD; return 1;
        case 's': *bits |= C_SPACE; return 1;
        case 'D': *negbits |= C_DIGIT; return 1;
        case 'W': *negbits |= C_WORD; return 1;
        case 'S': *negbits |= C_SPACE; return 1;
        default: return 0;
    }
}

static uint32_t escape_char(char e) {
    switch (e) {
        case 'n': return '\n';
        case 't': return '\t';
        case 'r': return '\r';
        default: return (unsigned char)e;
    }
}

/* Compiles pattern p into re; returns NULL or a message. */
static const char *compile(regex *re, const char *p, size_t n) {
    size_t i = 0;
    re->count = 0;
    re->icase = 0;
    if (n >= 4 && memcmp(p, "(?i)", 4) == 0) { re->icase = 1; i = 4; }
    while (i < n) {
        if (re->count == MAX_NODES) return "pattern too long";
        node *nd = &re->nodes[re->count++];
        memset(nd, 0, sizeof *nd);
        nd->min = nd->max = 1;
        char c = p[i];
        if (c == '^') { nd->kind = N_BOL; i++; continue; }
        if (c == '$') { nd->kind = N_EOL; i++; continue; }
        if (c == '.') { nd->kind = N_ANY; i++; }
        else if (c == '\\') {
            if (++i == n) return "trailing backslash";
            nd->kind = N_CLASS;
            if (!escape_class(p[i], &nd->class_bits, &nd->neg_class_bits)) { nd->kind = N_CHAR; nd->ch = escape_char(p[i]); }
            i++;
        } else if (c == '[') {
            nd->kind = N_CLASS;
            if (++i < n && p[i] == '^') { nd->negated = 1; i++; }
            int first = 1;
            while (i < n && (p[i] != ']' || first)) {
                first = 0;
                uint32_t lo;
                if (p[i] == '\\') {
                    if (++i == n) return "unterminated class";
                    if (escape_class(p[i], &nd->class_bits, &nd->neg_class_bits)) { i++; continue; }
                    lo = escape_char(p[i++]);
                } else lo = next_cp(p, n, &i);
                uint32_t hi = lo;
                if (i + 1 < n && p[i] == '-' && p[i + 1] != ']') {
                    i++;
                    if (p[i] == '\\') { if (++i == n) return "unterminated class"; hi = escape_char(p[i++]); }
                    else hi = next_cp(p, n, &i);
                    if (hi < lo) return "class range out of order";
                }
                if (nd->nranges == MAX_RANGES) return "too many ranges in a class";
                nd->ranges[nd->nranges++] = (range){lo, hi};
            }
            if (i == n) return "unterminated class";
            i++;
        } else if (c == '*' || c == '+' || c == '?' || c == '{') return "quantifier without an atom";
        else if (c == '(' || c == ')' || c == '|') return "groups and alternation are not supported";
        else { nd->kind = N_CHAR; nd->ch = next_cp(p, n, &i); }
        if (i < n) { /* quantifier */
            if (p[i] == '*') { nd->min = 0; nd->max = -1; i++; }
            else if (p[i] == '+') { nd->min = 1; nd->max = -1; i++; }
            else if (p[i] == '?') { nd->min = 0; nd->max = 1; i++; }
            else if (p[i] == '{') {
                int m = 0, x, any = 0;
                for (i++; i < n && p[i] >= '0' && p[i] <= '9'; i++, any = 1) { m = m * 10 + (p[i] - '0'); if (m > 1000) return "repetition too large"; }
                if (!any) return "bad repetition";
                x = m;
                if (i < n && p[i] == ',') {
                    x = -1;
                    if (++i < n && p[i] >= '0' && p[i] <= '9') {
                        for (x = 0; i < n && p[i] >= '0' && p[i] <= '9'; i++) { x = x * 10 + (p[i] - '0'); if (x > 1000) return "repetition too large"; }
                        if (x < m) return "repetition range out of order";
                    }
                }
                if (i == n || p[i] != '}') return "bad repetition";
                i++;
                nd->min = m; nd->max = x;
            }
        }
    }
    return NULL;
}

static int atom_matches(const regex *re, const node *nd, uint32_t c) {
    switch (nd->kind) {
        case N_ANY: return c != '\n';
        case N_CHAR: return fold(re, c) == fold(re, nd->ch);
        default: {
            int in = class_has(c, nd->class_bits) || (nd->neg_class_bits && c < 0x110000 && (kami_uclass[c] & nd->neg_class_bits) != nd->neg_class_bits);
            uint32_t f = fold(re, c);
            for (int r = 0; !in && r < nd->nranges; r++) {
                in = (c >= nd->ranges[r].lo && c <= nd->ranges[r].hi) || (f >= fold(re, nd->ranges[r].lo) && f <= fold(re, nd->ranges[r].hi));
            }
            return nd->negated ? !in : in;
        }
    }
}

/* Matches nodes[k..] at s[i]; returns the end offset or -1. */
static long match_here(regex *re, int k, const char *s, size_t n, size_t i) {
    if (++re->steps > MAX_STEPS) return -2;
    if (k == re->count) return (long)i;
    node *nd = &re->nodes[k];
    if (nd->kind == N_BOL) return i == 0 || s[i - 1] == '\n' ? match_here(re, k + 1, s, n, i) : -1;
    if (nd->kind == N_EOL) return i == n || s[i] == '\n' ? match_here(re, k + 1, s, n, i) : -1;
    int count = 0;
    size_t at = i;
    while ((nd->max < 0 || count < nd->max) && at < n) {
        size_t next = at;
        if (!atom_matches(re, nd, next_cp(s, n, &next))) break;
        at = next;
        count++;
    }
    /* Greedy: try the longest run first, then give back one code point at a time (UTF-8 steps back). */
    for (;;) {
        if (count < nd->min) return -1;
        long end = match_here(re, k + 1, s, n, at);
        if (end != -1) return end;
        if (count-- == 0) return -1;
        do at--; while (at > i && ((unsigned char)s[at] & 0xC0) == 0x80);
    }
}

static void extract(const char *input, size_t input_len, kami_output *out) {
    char *pattern = NULL, *text = NULL;
    size_t pattern_len = 0, text_len = 0;
    long long limit = 100;
    if (!kami_json_get_string(input, input_len, "pattern", &pattern, &pattern_len)
        || !kami_json_get_string(input, input_len, "text", &text, &text_len)) {
        free(pattern);
        kami_err(out, "bad input: expected {\"pattern\": \"...\", \"text\": \"...\"}");
        return;
    }
    (void)kami_json_find_i64(input, input_len, "limit", &limit);
    static regex re;
    const char *problem = compile(&re, pattern, pattern_len);
    if (problem != NULL) {
        kami_err2(out, "bad pattern: ", problem);
        free(pattern);
        free(text);
        return;
    }
    kami_buf b = KAMI_BUF_INIT;
    kami_buf_raw(&b, "{\"matches\":[");
    long long found = 0;
    re.steps = 0;
    for (size_t i = 0; i <= text_len && found < limit;) {
        long end = match_here(&re, 0, text, text_len, i);
        if (end == -2) {
            kami_buf_free(&b);
            kami_err(out, "pattern too costly for this text");
            free(pattern);
            free(text);
            return;
        }
        if (end >= 0) {
            if (found++) kami_buf_char(&b, ',');
            kami_buf_json_string(&b, text + i, (size_t)end - i);
            if ((size_t)end > i) { i = (size_t)end; continue; }
        }
        if (i == text_len) break;
        next_cp(text, text_len, &i);
    }
    kami_buf_raw(&b, "],\"count\":");
    kami_buf_i64(&b, found);
    kami_buf_raw(&b, "}");
    kami_ok_buf(out, &b);
    free(pattern);
    free(text);
}

KAMI_TOOL(extract, "{\"name\":\"dev.kami.regex-extract\",\"description\":\"Every match of a regular expression in a text\",\"version\":\"0.1.0\"}")

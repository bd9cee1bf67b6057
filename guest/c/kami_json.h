/*
 * kami_json.h — optional, minimal JSON helpers for KAMI C tools.
 *
 * Tools receive their MCP arguments as one JSON object. Most only need a string
 * member or two, so this finds top-level string members without a full parser
 * or any allocation. It is a scanner, not a validator: the host already passed
 * the arguments through a real JSON parser.
 */
#ifndef KAMI_JSON_H
#define KAMI_JSON_H

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static inline size_t kami__json_ws(const char *s, size_t n, size_t i) {
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
    return i;
}

/* s[i] == '"'. Returns the index of the closing quote, or n if unterminated. */
static inline size_t kami__json_str_end(const char *s, size_t n, size_t i) {
    for (i++; i < n; i++) {
        if (s[i] == '\\') i++;
        else if (s[i] == '"') return i;
    }
    return n;
}

/* Returns the index just past the value starting at s[i]. */
static inline size_t kami__json_skip(const char *s, size_t n, size_t i) {
    if (i >= n) return n;
    if (s[i] == '"') {
        size_t e = kami__json_str_end(s, n, i);
        return e < n ? e + 1 : n;
    }
    if (s[i] == '{' || s[i] == '[') {
        int depth = 0;
        for (; i < n; i++) {
            if (s[i] == '"') { i = kami__json_str_end(s, n, i); continue; }
            if (s[i] == '{' || s[i] == '[') depth++;
            else if (s[i] == '}' || s[i] == ']') { if (--depth == 0) return i + 1; }
        }
        return n;
    }
    while (i < n && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
           s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
        i++;
    return i;
}

/*
 * Finds the top-level member `key` (matched literally, so no escapes in `key`)
 * whose value is a string. On success returns 1 and points *start and *len at the
 * raw contents between the quotes, escapes intact — which can be copied verbatim
 * into another JSON string, or decoded with kami_json_unescape.
 */
static inline int kami_json_find_string(const char *s, size_t n, const char *key,
                                 const char **start, size_t *len) {
    size_t klen = strlen(key);
    size_t i = kami__json_ws(s, n, 0);
    if (i >= n || s[i] != '{') return 0;
    i = kami__json_ws(s, n, i + 1);
    while (i < n && s[i] == '"') {
        size_t kend = kami__json_str_end(s, n, i);
        if (kend >= n) return 0;
        int match = (kend - i - 1 == klen) && memcmp(s + i + 1, key, klen) == 0;
        i = kami__json_ws(s, n, kend + 1);
        if (i >= n || s[i] != ':') return 0;
        i = kami__json_ws(s, n, i + 1);
        if (match && i < n && s[i] == '"') {
            size_t vend = kami__json_str_end(s, n, i);
            if (vend >= n) return 0;
            *start = s + i + 1;
            *len = vend - i - 1;
            return 1;
        }
        i = kami__json_ws(s, n, kami__json_skip(s, n, i));
        if (i < n && s[i] == ',') i = kami__json_ws(s, n, i + 1);
        else break;
    }
    return 0;
}

/*
 * Finds the top-level member `key` whatever its value: points *start and *len at the raw value text
 * (a number, true/false/null, a quoted string with its quotes, an object or an array). Returns 1 if found.
 * Handy for copying a value verbatim into the result, or for kami_json_find_i64.
 */
static inline int kami_json_find_value(const char *s, size_t n, const char *key, const char **start, size_t *len) {
    size_t klen = strlen(key);
    size_t i = kami__json_ws(s, n, 0);
    if (i >= n || s[i] != '{') return 0;
    i = kami__json_ws(s, n, i + 1);
    while (i < n && s[i] == '"') {
        size_t kend = kami__json_str_end(s, n, i);
        if (kend >= n) return 0;
        int match = (kend - i - 1 == klen) && memcmp(s + i + 1, key, klen) == 0;
        i = kami__json_ws(s, n, kend + 1);
        if (i >= n || s[i] != ':') return 0;
        i = kami__json_ws(s, n, i + 1);
        size_t vend = kami__json_skip(s, n, i);
        if (match) {
            if (vend <= i) return 0;
            *start = s + i;
            *len = vend - i;
            return 1;
        }
        i = kami__json_ws(s, n, vend);
        if (i < n && s[i] == ',') i = kami__json_ws(s, n, i + 1);
        else break;
    }
    return 0;
}

/*
 * Finds the top-level member `key` holding an integer (no fraction or exponent) within long long.
 * Returns 1 and sets *out, or 0 if it is missing, not an integer, or out of range.
 */
static inline int kami_json_find_i64(const char *s, size_t n, const char *key, long long *out) {
    const char *v;
    size_t len;
    if (!kami_json_find_value(s, n, key, &v, &len)) return 0;
    size_t i = 0;
    int neg = 0;
    if (i < len && v[i] == '-') { neg = 1; i++; }
    if (i >= len) return 0;
    unsigned long long acc = 0, limit = neg ? 9223372036854775808ULL : 9223372036854775807ULL;
    for (; i < len; i++) {
        if (v[i] < '0' || v[i] > '9') return 0;
        unsigned d = (unsigned)(v[i] - '0');
        if (acc > (limit - d) / 10) return 0;
        acc = acc * 10 + d;
    }
    *out = neg ? (long long)(0ULL - acc) : (long long)acc;
    return 1;
}

static inline int kami__hex4(const char *s, unsigned *out) {
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (unsigned)(c - 'A' + 10);
        else return 0;
    }
    *out = v;
    return 1;
}

/*
 * Decodes JSON string contents into dst, which needs len + 1 bytes (decoding
 * never grows the text). NUL-terminates. Returns the decoded length, or -1 on
 * a malformed escape. A decoded \u0000 is kept, so check the length if it matters.
 */
static inline long kami_json_unescape(const char *src, size_t len, char *dst) {
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        if (c != '\\') { dst[o++] = c; continue; }
        if (++i >= len) return -1;
        switch (src[i]) {
        case '"': dst[o++] = '"'; break;
        case '\\': dst[o++] = '\\'; break;
        case '/': dst[o++] = '/'; break;
        case 'b': dst[o++] = '\b'; break;
        case 'f': dst[o++] = '\f'; break;
        case 'n': dst[o++] = '\n'; break;
        case 'r': dst[o++] = '\r'; break;
        case 't': dst[o++] = '\t'; break;
        case 'u': {
            unsigned cp, lo;
            if (i + 4 >= len || !kami__hex4(src + i + 1, &cp)) return -1;
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (i + 6 >= len || src[i + 1] != '\\' || src[i + 2] != 'u' ||
                    !kami__hex4(src + i + 3, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return -1;
                i += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return -1;
            }
            /* UTF-8 is never longer than the 6- or 12-byte escape it came from. */
            if (cp < 0x80) dst[o++] = (char)cp;
            else if (cp < 0x800) {
                dst[o++] = (char)(0xC0 | (cp >> 6));
                dst[o++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                dst[o++] = (char)(0xE0 | (cp >> 12));
                dst[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                dst[o++] = (char)(0x80 | (cp & 0x3F));
            } else {
                dst[o++] = (char)(0xF0 | (cp >> 18));
                dst[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                dst[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                dst[o++] = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: return -1;
        }
    }
    dst[o] = '\0';
    return (long)o;
}

/*
 * Finds the top-level string member `key` and decodes it into a malloc'd, NUL-terminated buffer the caller
 * frees. Returns 1 on success; 0 if missing, not a string, malformed, or out of memory.
 */
static inline int kami_json_get_string(const char *s, size_t n, const char *key, char **decoded, size_t *decoded_len) {
    const char *raw;
    size_t raw_len;
    if (!kami_json_find_string(s, n, key, &raw, &raw_len)) return 0;
    char *buf = (char *)malloc(raw_len + 1);
    if (buf == NULL) return 0;
    long got = kami_json_unescape(raw, raw_len, buf);
    if (got < 0) { free(buf); return 0; }
    *decoded = buf;
    *decoded_len = (size_t)got;
    return 1;
}

#endif /* KAMI_JSON_H */

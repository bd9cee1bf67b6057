/* hash: SHA-256 (FIPS 180-4), base64 (RFC 4648) and hex, in C with the KAMI C SDK. */
#include <stdint.h>
#include "kami_json.h"
#include "kami_tool.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = k + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha256(const uint8_t *data, size_t n, uint8_t out[32]) {
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t i = 0;
    for (; i + 64 <= n; i += 64) sha256_block(h, data + i);
    uint8_t tail[128] = {0};
    size_t rest = n - i;
    memcpy(tail, data + i, rest);
    tail[rest] = 0x80;
    size_t blocks = rest + 9 > 64 ? 2 : 1;
    uint64_t bits = (uint64_t)n * 8;
    for (int b = 0; b < 8; b++) tail[blocks * 64 - 1 - b] = (uint8_t)(bits >> (8 * b));
    for (size_t b = 0; b < blocks; b++) sha256_block(h, tail + 64 * b);
    for (int j = 0; j < 8; j++) for (int b = 0; b < 4; b++) out[4 * j + b] = (uint8_t)(h[j] >> (24 - 8 * b));
}

static const char HEX[] = "0123456789abcdef";
static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void hex(kami_buf *b, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i++) { kami_buf_char(b, HEX[p[i] >> 4]); kami_buf_char(b, HEX[p[i] & 15]); }
}

static void base64(kami_buf *b, const uint8_t *p, size_t n) {
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
        kami_buf_char(b, B64[v >> 18 & 63]);
        kami_buf_char(b, B64[v >> 12 & 63]);
        kami_buf_char(b, i + 1 < n ? B64[v >> 6 & 63] : '=');
        kami_buf_char(b, i + 2 < n ? B64[v & 63] : '=');
    }
}

static int b64_value(char c) {
    const char *at = c ? strchr(B64, c) : NULL;
    return at ? (int)(at - B64) : -1;
}

/* Decodes standard or URL-safe base64, padded or not, ignoring whitespace. Returns 0 on bad input. */
static int unbase64(kami_buf *b, const char *s, size_t n) {
    uint32_t acc = 0;
    int bits = 0, pad = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') { pad++; continue; }
        int v = b64_value(c);
        if (v < 0 || pad) return 0;
        acc = acc << 6 | (uint32_t)v;
        bits += 6;
        if (bits >= 8) { bits -= 8; kami_buf_char(b, (char)(acc >> bits & 0xFF)); }
    }
    return bits < 6 && pad <= 2;
}

static int unhex(kami_buf *b, const char *s, size_t n) {
    if (n % 2) return 0;
    for (size_t i = 0; i < n; i += 2) {
        const char *hi = strchr(HEX, s[i] | 0x20), *lo = strchr(HEX, s[i + 1] | 0x20);
        if (!s[i] || !s[i + 1] || !hi || !lo) return 0;
        kami_buf_char(b, (char)((hi - HEX) << 4 | (lo - HEX)));
    }
    return 1;
}

static void run(const char *input, size_t input_len, kami_output *out) {
    char *text, *op;
    size_t text_len, op_len;
    if (!kami_json_get_string(input, input_len, "op", &op, &op_len)) {
        kami_err(out, "bad input: op must be one of sha256, base64, base64-decode, hex, hex-decode");
        return;
    }
    if (!kami_json_get_string(input, input_len, "text", &text, &text_len)) {
        free(op);
        kami_err(out, "bad input: text must be a string");
        return;
    }
    kami_buf r = KAMI_BUF_INIT; /* the result, raw bytes */
    int ok = 1, is_text = 1;
    if (strcmp(op, "sha256") == 0) {
        uint8_t digest[32];
        sha256((const uint8_t *)text, text_len, digest);
        hex(&r, digest, sizeof digest);
    } else if (strcmp(op, "base64") == 0) base64(&r, (const uint8_t *)text, text_len);
    else if (strcmp(op, "hex") == 0) hex(&r, (const uint8_t *)text, text_len);
    else if (strcmp(op, "base64-decode") == 0) { ok = unbase64(&r, text, text_len); is_text = 0; }
    else if (strcmp(op, "hex-decode") == 0) { ok = unhex(&r, text, text_len); is_text = 0; }
    else {
        kami_err2(out, "bad input: unknown op; use sha256, base64, base64-decode, hex or hex-decode, not ", op);
        free(op); free(text); kami_buf_free(&r);
        return;
    }
    free(text);
    if (!ok) {
        kami_err2(out, "bad input: text is not valid ", strcmp(op, "hex-decode") == 0 ? "hex" : "base64");
        free(op); kami_buf_free(&r);
        return;
    }
    kami_buf b = KAMI_BUF_INIT;
    kami_buf_raw(&b, "{\"op\":");
    kami_buf_json_cstring(&b, op);
    kami_buf_raw(&b, ",\"result\":");
    /* Decoded bytes may not be UTF-8: kami_buf_json_string replaces what is not, and says so. */
    kami_buf_json_string(&b, r.ptr ? r.ptr : "", r.len);
    if (!is_text) {
        kami_buf_raw(&b, ",\"bytes\":");
        kami_buf_u64(&b, r.len);
    }
    kami_buf_raw(&b, "}");
    if (r.failed) b.failed = 1;
    free(op);
    kami_buf_free(&r);
    kami_ok_buf(out, &b);
}

KAMI_TOOL(run, "{\"name\":\"dev.kami.hash\",\"description\":\"SHA-256, base64 and hex\",\"version\":\"1.0.0\"}")

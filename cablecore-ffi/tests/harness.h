/*
 * A tiny test harness for the cablecore C tests: checks, a growable string,
 * file helpers. Plain C99 + POSIX; header-only (static inline).
 */
#ifndef CABLECORE_TEST_HARNESS_H
#define CABLECORE_TEST_HARNESS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cablecore.h"

/* ------------------------------------------------------------------ checks */

static const char *g_test = "";   /* name of the running test */
static int g_test_failures = 0;   /* failed checks in the running test */
static int g_passed = 0;          /* tests passed */
static int g_failed = 0;          /* tests failed */

/* The last error message of this thread, for failure reports. */
static inline const char *last_error(void) {
    static char buf[512];
    cc_last_error_message(buf, sizeof buf);
    return buf;
}

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: [%s] check failed: %s\n", __FILE__, __LINE__,    \
                    g_test, #cond);                                                  \
            g_test_failures++;                                                       \
        }                                                                            \
    } while (0)

/* Checks that a call returns the expected cc_result; prints both names and the
 * last error message otherwise. */
#define CHECK_RC(call, want)                                                         \
    do {                                                                             \
        cc_result rc_ = (call);                                                      \
        if (rc_ != (want)) {                                                         \
            fprintf(stderr, "%s:%d: [%s] %s returned %s, expected %s (last error: %s)\n", \
                    __FILE__, __LINE__, g_test, #call, cc_result_name((int32_t)rc_), \
                    cc_result_name((int32_t)(want)), last_error());                  \
            g_test_failures++;                                                       \
        }                                                                            \
    } while (0)

/* Runs one test function and counts it as passed or failed. */
static inline void run_test(const char *name, void (*test)(void)) {
    g_test = name;
    g_test_failures = 0;
    test();
    if (g_test_failures == 0) {
        g_passed++;
        printf("ok   %s\n", name);
    } else {
        g_failed++;
        printf("FAIL %s (%d failed checks)\n", name, g_test_failures);
    }
}

#define RUN(test) run_test(#test, test)

/* Prints the summary line and returns the exit status. */
static inline int finish(const char *suite) {
    printf("%s: %d passed, %d failed\n", suite, g_passed, g_failed);
    return g_failed == 0 ? 0 : 1;
}

/* ------------------------------------------------------------------ strings */

/* A growable, always NUL-terminated byte string. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} sb;

static inline void sb_reserve(sb *s, size_t extra) {
    if (s->len + extra + 1 <= s->cap) return;
    size_t cap = s->cap ? s->cap : 64;
    while (cap < s->len + extra + 1) cap *= 2;
    char *data = realloc(s->data, cap);
    if (!data) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    s->data = data;
    s->cap = cap;
}

static inline void sb_put(sb *s, const char *p, size_t n) {
    sb_reserve(s, n);
    if (n) memcpy(s->data + s->len, p, n);
    s->len += n;
    s->data[s->len] = '\0';
}

static inline void sb_puts(sb *s, const char *p) { sb_put(s, p, strlen(p)); }

static inline void sb_printf(sb *s, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    sb_reserve(s, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(s->data + s->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    s->len += (size_t)n;
}

static inline void sb_clear(sb *s) {
    s->len = 0;
    if (s->data) s->data[0] = '\0';
}

static inline void sb_free(sb *s) {
    free(s->data);
    s->data = NULL;
    s->len = s->cap = 0;
}

/* A NUL-terminated copy of `s` (for a string view). */
static inline char *view_dup(cc_str v) {
    char *out = malloc(v.len + 1);
    if (!out) exit(2);
    if (v.len) memcpy(out, v.ptr, v.len);
    out[v.len] = '\0';
    return out;
}

/* True when the view holds exactly `want` (NUL-terminated). */
static inline bool view_eq(cc_str v, const char *want) {
    size_t n = strlen(want);
    return v.ptr != NULL && v.len == n && memcmp(v.ptr, want, n) == 0;
}

/* True when the view's bytes lie inside [base, base + len). */
static inline bool view_inside(cc_str v, const void *base, size_t len) {
    const char *b = base;
    return v.ptr != NULL && v.ptr >= b && v.ptr + v.len <= b + len;
}

/* ------------------------------------------------------------------ files */

/* Reads a whole file into a malloc'd buffer (NUL added, not counted). NULL on error. */
static inline char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    sb s = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) sb_put(&s, chunk, n);
    fclose(f);
    if (!s.data) sb_put(&s, "", 0);
    *len = s.len;
    return s.data;
}

/* Writes `len` bytes to `path`; false on error. */
static inline bool write_file(const char *path, const char *data, size_t len) {
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

#endif /* CABLECORE_TEST_HARNESS_H */

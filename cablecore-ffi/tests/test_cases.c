/*
 * The shared test cases (testdata/cases/NAME.cable + NAME.expect, format in
 * testdata/README.md), checked through the C API: each .cable is parsed with
 * cc_parse_with and every expectation key is read through the generic
 * key -> accessor mapping of fields.h.
 *
 * Usage: test_cases CASES_DIR
 */
#include <dirent.h>

#include "fields.h"

/* One expectation key and its expected values, in file order. */
typedef struct {
    char *key;
    char **values;
    size_t n;
} expectation;

typedef struct {
    expectation *items;
    size_t n;
    char *reference_id; /* @reference_id, or NULL */
    int32_t year;       /* @year, or 0 */
} expectations;

/* Undoes the value escapes \n, \t and \\ (and \x for any other x). */
static char *unescape(const char *v, size_t len) {
    sb s = {0};
    sb_put(&s, "", 0);
    for (size_t i = 0; i < len; i++) {
        if (v[i] == '\\' && i + 1 < len) {
            char c = v[++i];
            sb_put(&s, c == 'n' ? "\n" : c == 't' ? "\t" : &v[i], 1);
        } else {
            sb_put(&s, &v[i], 1);
        }
    }
    return s.data;
}

static char *dup_n(const char *p, size_t n) {
    char *out = malloc(n + 1);
    if (!out) exit(2);
    memcpy(out, p, n);
    out[n] = '\0';
    return out;
}

static void add_value(expectations *e, const char *key, size_t key_len, char *value) {
    expectation *x = NULL;
    for (size_t i = 0; i < e->n; i++) {
        if (strlen(e->items[i].key) == key_len && !memcmp(e->items[i].key, key, key_len)) {
            x = &e->items[i];
            break;
        }
    }
    if (!x) {
        e->items = realloc(e->items, (e->n + 1) * sizeof *e->items);
        if (!e->items) exit(2);
        x = &e->items[e->n++];
        x->key = dup_n(key, key_len);
        x->values = NULL;
        x->n = 0;
    }
    x->values = realloc(x->values, (x->n + 1) * sizeof *x->values);
    if (!x->values) exit(2);
    x->values[x->n++] = value;
}

static void parse_expectations(const char *text, size_t len, expectations *e) {
    memset(e, 0, sizeof *e);
    size_t pos = 0;
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) : len - pos;
        pos += n + (nl ? 1 : 0);
        if (n && line[n - 1] == '\r') n--;
        bool blank = true;
        for (size_t i = 0; i < n; i++)
            if (line[i] != ' ' && line[i] != '\t') blank = false;
        if (blank || line[0] == '#') continue;
        const char *tab = memchr(line, '\t', n);
        size_t key_len = tab ? (size_t)(tab - line) : n;
        const char *value = tab ? tab + 1 : line + n;
        char *v = unescape(value, (size_t)(line + n - value));
        if (key_len == 5 && !memcmp(line, "@year", 5)) {
            e->year = (int32_t)atoi(v);
            free(v);
        } else if (key_len == 13 && !memcmp(line, "@reference_id", 13)) {
            free(e->reference_id);
            e->reference_id = v;
        } else {
            add_value(e, line, key_len, v);
        }
    }
}

static void free_expectations(expectations *e) {
    for (size_t i = 0; i < e->n; i++) {
        for (size_t j = 0; j < e->items[i].n; j++) free(e->items[i].values[j]);
        free(e->items[i].values);
        free(e->items[i].key);
    }
    free(e->items);
    free(e->reference_id);
}

/* The values the cable has for `key`, rendered like the expectations, one per
 * line in `got` (each followed by '\n'); *count is the number of values.
 * Returns false (with a reason in `got`) for a key the mapping does not know. */
static bool actual(const cc_cable *c, const expectation *x, sb *got, size_t *count) {
    const char *key = x->key;
    const char *hash = strstr(key, "#len");
    const char *dot = strchr(key, '.');
    size_t name_len = hash ? (size_t)(hash - key) : dot ? (size_t)(dot - key) : strlen(key);
    const field *f = field_by_name(key, name_len);
    *count = 0;
    if (!f || (hash && !is_list(f)) || (dot && !is_list(f))) {
        sb_printf(got, "<no accessor for key %s>\n", key);
        return false;
    }
    if (!is_list(f)) {
        if (put_scalar(got, c, f, false) != CC_OK) return false;
        sb_puts(got, "\n");
        *count = 1;
        return true;
    }
    size_t n = 0;
    if (f->count(c, &n) != CC_OK) return false;
    if (hash) {
        sb_printf(got, "%zu\n", n);
        *count = 1;
        return true;
    }
    if (!dot && n == 0 && x->n == 1 && !strcmp(x->values[0], "[]")) {
        sb_puts(got, "[]\n");
        *count = 1;
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        if (put_item(got, c, f, i, dot ? dot + 1 : NULL, false) != CC_OK) {
            sb_printf(got, "<no sub-field %s>\n", key);
            return false;
        }
        sb_puts(got, "\n");
    }
    *count = n;
    return true;
}

/* Checks one case; prints every mismatch; returns true when all keys match. */
static bool check_case(const char *dir, const char *name) {
    char path[4096];
    size_t text_len = 0, expect_len = 0;
    snprintf(path, sizeof path, "%s/%s.cable", dir, name);
    char *text = read_file(path, &text_len);
    snprintf(path, sizeof path, "%s/%s.expect", dir, name);
    char *expect_text = read_file(path, &expect_len);
    if (!text || !expect_text) {
        fprintf(stderr, "%s: cannot read %s\n", name, path);
        free(text);
        free(expect_text);
        return false;
    }
    expectations e;
    parse_expectations(expect_text, expect_len, &e);

    cc_str ref = {NULL, 0};
    if (e.reference_id) {
        ref.ptr = e.reference_id;
        ref.len = strlen(e.reference_id);
    }
    cc_cable *cable = NULL;
    bool ok = true;
    cc_result rc = cc_parse_with(text, text_len, ref, e.year, &cable);
    if (rc != CC_OK) {
        fprintf(stderr, "%s: cc_parse_with returned %s: %s\n", name, cc_result_name(rc),
                last_error());
        ok = false;
    }
    sb want = {0}, got = {0};
    for (size_t i = 0; ok && i < e.n; i++) {
        const expectation *x = &e.items[i];
        sb_clear(&want);
        sb_clear(&got);
        for (size_t j = 0; j < x->n; j++) {
            sb_puts(&want, x->values[j]);
            sb_puts(&want, "\n");
        }
        size_t count = 0;
        bool known = actual(cable, x, &got, &count);
        if (!known || count != x->n || strcmp(want.data, got.data) != 0) {
            fprintf(stderr, "%s: %s:\n  expected:\n%s  got:\n%s", name, x->key, want.data,
                    got.data ? got.data : "");
            ok = false;
        }
    }
    if (cable) {
        /* The accessors and cc_cable_to_json must agree on every field. */
        size_t needed = 0;
        sb rebuilt = {0};
        if (cc_cable_to_json(cable, NULL, 0, &needed) == CC_BUFFER_TOO_SMALL) {
            char *json = malloc(needed);
            if (!json) exit(2);
            if (cc_cable_to_json(cable, json, needed, &needed) != CC_OK ||
                cable_json_from_accessors(&rebuilt, cable) != CC_OK ||
                strcmp(json, rebuilt.data) != 0) {
                fprintf(stderr, "%s: accessors and JSON disagree\n  json:      %s\n  accessors: %s\n",
                        name, json, rebuilt.data);
                ok = false;
            }
            free(json);
        } else {
            fprintf(stderr, "%s: cc_cable_to_json size query failed\n", name);
            ok = false;
        }
        sb_free(&rebuilt);
    }
    sb_free(&want);
    sb_free(&got);
    cc_cable_free(cable);
    free_expectations(&e);
    free(text);
    free(expect_text);
    return ok;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s CASES_DIR\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    char **names = NULL;
    size_t n = 0;
    DIR *d = opendir(dir);
    if (d) {
        struct dirent *ent;
        while ((ent = readdir(d)) != NULL) {
            size_t len = strlen(ent->d_name);
            if (len > 6 && !strcmp(ent->d_name + len - 6, ".cable")) {
                names = realloc(names, (n + 1) * sizeof *names);
                if (!names) exit(2);
                names[n++] = dup_n(ent->d_name, len - 6);
            }
        }
        closedir(d);
    }
    if (n == 0) printf("no shared cases in %s: ran zero cases\n", dir);
    if (n) qsort(names, n, sizeof *names, compare_names);
    for (size_t i = 0; i < n; i++) {
        bool ok = check_case(dir, names[i]);
        if (ok) g_passed++;
        else g_failed++;
        printf("%s case %s\n", ok ? "ok  " : "FAIL", names[i]);
        free(names[i]);
    }
    free(names);
    return finish("test_cases");
}

/*
 * Tests of the cablecore C API: every container (CSV, HTML and text buffers, a
 * path, a directory), every accessor, error paths, NULL arguments for every
 * function, index out of range, lifetimes (the buffer freed after the reader),
 * cc_cable_to_json, the thread-local last error.
 *
 * All cable text below is invented, in the real format. Run under valgrind by
 * run-tests.sh. Usage: test_api TMPDIR [CORPUS_DIR]
 */
#define _GNU_SOURCE /* memmem, mkdtemp */
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fields.h"

static const char *g_tmpdir = "/tmp";
static const char *g_corpus = NULL; /* shared/corpus, when present */

/* ------------------------------------------------------------------ inputs */

/* A bare cable text (preamble and body). */
static const char TEXT_CABLE[] =
    "S E C R E T FOOBAR 000193 \n"
    " \n"
    "NOFORN \n"
    "SIPDIS \n"
    " \n"
    "E.O. 12958: DECL: 01/23/2019 \n"
    "TAGS: PREL, PGOV, XX \n"
    "SUBJECT: (C) AN INVENTED SUBJECT \n"
    " \n"
    "REF: A. FOOBAR 001234 \n"
    "     B. 08 STATE 5678 \n"
    " \n"
    "Classified By: Ambassador Jane Q. Roe for reasons 1.4 (b) and (d). \n"
    " \n"
    "1. (S/NF) Text of the first paragraph. \n"
    " \n"
    "2. (C) Text of the second paragraph. \n"
    " \n"
    "ROE \n";

/* Two rows of a cables.csv dump: eight quoted columns, \" escapes, raw newlines. */
#define CSV_ROW1                                                                      \
    "\"1\",\"1/23/2009 23:11\",\"09FOOBAR193\",\"Embassy Foobar\",\"SECRET//NOFORN\",\"\","  \
    "\"R 232312Z JAN 09\nFM AMEMBASSY FOOBAR\nTO SECSTATE WASHDC IMMEDIATE 0250\n"      \
    "INFO AMCONSUL QUUXTOWN PRIORITY\",\"S E C R E T FOOBAR 000193 \n \nNOFORN \n"      \
    "SIPDIS \n \nE.O. 12958: DECL: 01/23/2019 \nTAGS: PREL, PGOV, XX \n"                \
    "SUBJECT: (C) AN INVENTED SUBJECT \n \n"                                            \
    "Classified By: Ambassador Jane Q. Roe for reasons 1.4 (b) and (d). \n \n"          \
    "1. (S/NF) The minister said \\\"NO\\\" twice. \n \nROE \n\"\n"
#define CSV_ROW2                                                                      \
    "\"2\",\"2/1/2009 10:05\",\"09FOOBAR200\",\"Embassy Foobar\",\"UNCLASSIFIED\",\"\","    \
    "\"R 011005Z FEB 09\nFM AMEMBASSY FOOBAR\nTO SECSTATE WASHDC ROUTINE 0300\","        \
    "\"UNCLAS FOOBAR 000200 \n \nE.O. 12958: N/A \nTAGS: ECON, XX \n"                    \
    "SUBJECT: A SECOND INVENTED CABLE \n \n1. Text of the paragraph. \n \nROE \n\"\n"

static const char CSV[] = CSV_ROW1 CSV_ROW2;

/* The first row, then the second row cut inside a quoted field. */
static const char CSV_TRUNCATED[] =
    CSV_ROW1 "\"2\",\"2/1/2009 10:05\",\"09FOOBAR200\",\"Embassy Foobar\",\"UNCLASSIFIED\",\"\","
             "\"R 011005Z FEB 09\nFM AMEMBASSY FOO";

/* A cablegate-style HTML page: metadata table, then two <pre> blocks. */
static const char HTML[] =
    "<?xml version='1.0' encoding='utf-8' ?>\n"
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" "
    "\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
    "<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>\n"
    "<head>\n<title>Cable Viewer</title>\n</head>\n<body>\n<div class='pane big'>\n"
    "<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n"
    "<th>Released</th>\n<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n<td>\n"
    "<a href='/cable/2009/01/09FOOBAR193.html'>09FOOBAR193</a>\n</td>\n<td>\n"
    "<a href='/date/2009-01_0.html'>2009-01-23 23:11</a>\n</td>\n<td>\n"
    "<a href='/reldate/2010-12-02_0.html'>2010-12-02 21:09</a>\n</td>\n<td>\n"
    "<a href='/classification/4_0.html' title='secret//noforn'>SECRET//NOFORN</a>\n"
    "</td>\n<td>\n<a href='/origin/99_0.html'>Embassy Foobar</a>\n</td>\n</tr>\n"
    "</table>\n"
    "<code><pre>R 232312Z JAN 09&#x000A;FM AMEMBASSY FOOBAR&#x000A;"
    "TO SECSTATE WASHDC IMMEDIATE 0250</pre></code>\n"
    "<code><pre>S E C R E T FOOBAR 000193 &#x000A; &#x000A;NOFORN &#x000A;SIPDIS &#x000A;"
    " &#x000A;E.O. 12958: DECL: 01/23/2019 &#x000A;TAGS: "
    "<a href='/tag/PREL_0.html'>PREL</a>, <a href='/tag/PGOV_0.html'>PGOV</a>, "
    "<a href='/tag/XX_0.html'>XX</a> &#x000A;SUBJECT: (C) AN INVENTED SUBJECT &#x000A; &#x000A;"
    "<a id='par1' href='#par1'>\xc2\xb6</a>1. (S/NF) Text of the first paragraph. &#x000A;"
    " &#x000A;ROE</pre></code>\n"
    "</div>\n</body>\n</html>\n";

/* ------------------------------------------------------------------ helpers */

/* Checks every accessor of `c`: CC_OK on the cable, CC_NULL_ARGUMENT for a NULL
 * cable or out, CC_INDEX_OUT_OF_RANGE at index == count, and that the accessors
 * rebuild exactly the JSON of cc_cable_to_json. */
static void check_all_accessors(const cc_cable *c) {
    for (size_t k = 0; k < N_FIELDS; k++) {
        const field *f = &FIELDS[k];
        sb s = {0};
        if (!is_list(f)) {
            CHECK_RC(put_scalar(&s, c, f, true), CC_OK);
            CHECK_RC(put_scalar(&s, NULL, f, true), CC_NULL_ARGUMENT);
            switch (f->kind) {
            case K_STR: CHECK_RC(f->get_str(c, NULL), CC_NULL_ARGUMENT); break;
            case K_BOOL: CHECK_RC(f->get_bool(c, NULL), CC_NULL_ARGUMENT); break;
            case K_OPT_U64: CHECK_RC(f->get_u64(c, NULL), CC_NULL_ARGUMENT); break;
            case K_OPT_U32: CHECK_RC(f->get_u32(c, NULL), CC_NULL_ARGUMENT); break;
            case K_LEVEL: CHECK_RC(f->get_level(c, NULL), CC_NULL_ARGUMENT); break;
            case K_POSITION: CHECK_RC(f->get_position(c, NULL), CC_NULL_ARGUMENT); break;
            default: CHECK_RC(f->get_datetime(c, NULL), CC_NULL_ARGUMENT); break;
            }
        } else {
            size_t n = 12345;
            CHECK_RC(f->count(c, &n), CC_OK);
            CHECK(n != 12345);
            CHECK_RC(f->count(NULL, &n), CC_NULL_ARGUMENT);
            CHECK_RC(f->count(c, NULL), CC_NULL_ARGUMENT);
            for (size_t i = 0; i < n; i++) CHECK_RC(put_item(&s, c, f, i, NULL, true), CC_OK);
            CHECK_RC(put_item(&s, c, f, n, NULL, true), CC_INDEX_OUT_OF_RANGE);
            CHECK_RC(put_item(&s, c, f, (size_t)-1, NULL, true), CC_INDEX_OUT_OF_RANGE);
            CHECK_RC(put_item(&s, NULL, f, 0, NULL, true), CC_NULL_ARGUMENT);
            switch (f->kind) {
            case K_LIST_STR: CHECK_RC(f->at_str(c, 0, NULL), CC_NULL_ARGUMENT); break;
            case K_LIST_RECIPIENT: CHECK_RC(f->at_recipient(c, 0, NULL), CC_NULL_ARGUMENT); break;
            case K_LIST_REFERENCE: CHECK_RC(f->at_reference(c, 0, NULL), CC_NULL_ARGUMENT); break;
            case K_LIST_PARAGRAPH: CHECK_RC(f->at_paragraph(c, 0, NULL), CC_NULL_ARGUMENT); break;
            case K_LIST_SPAN: CHECK_RC(f->at_span(c, 0, NULL), CC_NULL_ARGUMENT); break;
            default: CHECK_RC(f->at_diagnostic(c, 0, NULL), CC_NULL_ARGUMENT); break;
            }
        }
        sb_free(&s);
    }
    /* errors list (not part of the JSON) */
    size_t n = 0;
    CHECK_RC(cc_cable_errors_count(c, &n), CC_OK);
    for (size_t i = 0; i < n; i++) {
        cc_error e;
        CHECK_RC(cc_cable_errors_at(c, i, &e), CC_OK);
        CHECK(cc_str_is_present(e.message));
    }
    cc_error e;
    CHECK_RC(cc_cable_errors_at(c, n, &e), CC_INDEX_OUT_OF_RANGE);
    CHECK_RC(cc_cable_errors_at(NULL, 0, &e), CC_NULL_ARGUMENT);
    CHECK_RC(cc_cable_errors_at(c, 0, NULL), CC_NULL_ARGUMENT);
    CHECK_RC(cc_cable_errors_count(NULL, &n), CC_NULL_ARGUMENT);
    CHECK_RC(cc_cable_errors_count(c, NULL), CC_NULL_ARGUMENT);

    /* The accessors rebuild exactly the JSON. */
    size_t needed = 0;
    CHECK_RC(cc_cable_to_json(c, NULL, 0, &needed), CC_BUFFER_TOO_SMALL);
    char *json = malloc(needed ? needed : 1);
    if (!json) exit(2);
    CHECK_RC(cc_cable_to_json(c, json, needed, NULL), CC_OK);
    sb rebuilt = {0};
    CHECK_RC(cable_json_from_accessors(&rebuilt, c), CC_OK);
    if (rebuilt.data && strcmp(json, rebuilt.data) != 0) {
        fprintf(stderr, "[%s] JSON and accessors disagree:\n  json:      %s\n  accessors: %s\n",
                g_test, json, rebuilt.data);
        g_test_failures++;
    }
    sb_free(&rebuilt);
    free(json);
}

/* The values of a string-list field, joined by '|'. */
static char *list_joined(const cc_cable *c, cc_result (*count)(const cc_cable *, size_t *),
                         cc_result (*at)(const cc_cable *, size_t, cc_str *)) {
    sb s = {0};
    sb_put(&s, "", 0);
    size_t n = 0;
    if (count(c, &n) != CC_OK) return s.data;
    for (size_t i = 0; i < n; i++) {
        cc_str v;
        if (at(c, i, &v) != CC_OK) break;
        if (i) sb_puts(&s, "|");
        put_str(&s, v, false);
    }
    return s.data;
}

static void check_list(const cc_cable *c, cc_result (*count)(const cc_cable *, size_t *),
                       cc_result (*at)(const cc_cable *, size_t, cc_str *), const char *want,
                       const char *what) {
    char *got = list_joined(c, count, at);
    if (strcmp(got, want) != 0) {
        fprintf(stderr, "[%s] %s: expected \"%s\", got \"%s\"\n", g_test, what, want, got);
        g_test_failures++;
    }
    free(got);
}

#define CHECK_LIST(c, name, want) check_list(c, cc_cable_##name##_count, cc_cable_##name##_at, want, #name)

static void check_str(const cc_cable *c, cc_result (*get)(const cc_cable *, cc_str *),
                      const char *want, const char *what) {
    cc_str v = {NULL, 0};
    CHECK_RC(get(c, &v), CC_OK);
    if (want == NULL ? cc_str_is_present(v) : !view_eq(v, want)) {
        char *got = view_dup(v);
        fprintf(stderr, "[%s] %s: expected %s%s%s, got %s%s%s\n", g_test, what, want ? "\"" : "",
                want ? want : "absent", want ? "\"" : "", v.ptr ? "\"" : "",
                v.ptr ? got : "absent", v.ptr ? "\"" : "");
        g_test_failures++;
        free(got);
    }
}

#define CHECK_STR(c, name, want) check_str(c, cc_cable_##name, want, #name)

/* The preamble fields every sample cable above has. */
static void check_sample_preamble(const cc_cable *c) {
    cc_level level = CC_LEVEL_NONE;
    CHECK_RC(cc_cable_banner_classification(c, &level), CC_OK);
    CHECK(level == CC_LEVEL_SECRET);
    CHECK_STR(c, post, "FOOBAR");
    CHECK_STR(c, serial, "000193");
    CHECK_STR(c, subject, "AN INVENTED SUBJECT");
    CHECK_STR(c, subject_marking, "C");
    CHECK_LIST(c, tags, "PREL|PGOV|XX");
    CHECK_LIST(c, caveats, "NOFORN|SIPDIS");
    cc_datetime d;
    CHECK_RC(cc_cable_nondisclosure_deadline(c, &d), CC_OK);
    CHECK(d.present && d.year == 2019 && d.month == 1 && d.day == 23 && d.hour == 0);
    CHECK_LIST(c, signers, "ROE");
    size_t n = 0;
    CHECK_RC(cc_cable_paragraphs_count(c, &n), CC_OK);
    CHECK(n >= 1);
    cc_paragraph p;
    CHECK_RC(cc_cable_paragraphs_at(c, 0, &p), CC_OK);
    CHECK(p.number.present && p.number.value == 1);
    CHECK(view_eq(p.marking, "S/NF"));
    CHECK(p.span.start < p.span.end);
}

/* Opens a reader over `buf`, checks it succeeds, returns it (NULL on failure). */
static cc_reader *open_buffer(const void *buf, size_t len, cc_format fmt) {
    cc_reader *r = NULL;
    CHECK_RC(cc_reader_open_buffer(buf, len, fmt, &r), CC_OK);
    CHECK(r != NULL);
    return r;
}

/* ------------------------------------------------------------------ tests */

static void test_version_and_names(void) {
    CHECK(cc_version() != NULL && strlen(cc_version()) >= 5);
    CHECK(!strcmp(cc_result_name(CC_OK), "CC_OK"));
    CHECK(!strcmp(cc_result_name(CC_END), "CC_END"));
    CHECK(!strcmp(cc_result_name(CC_TRUNCATED), "CC_TRUNCATED"));
    CHECK(!strcmp(cc_result_name(CC_INDEX_OUT_OF_RANGE), "CC_INDEX_OUT_OF_RANGE"));
    CHECK(!strcmp(cc_result_name(CC_ERROR), "CC_ERROR"));
    CHECK(!strcmp(cc_result_name(-1), "CC_UNKNOWN"));
    CHECK(!strcmp(cc_result_name(1000), "CC_UNKNOWN"));
    /* the codes are numbered and distinct */
    CHECK(CC_OK == 0 && CC_END == 1 && CC_NULL_ARGUMENT == 2 && CC_PANIC == 3);
    CHECK(CC_BUFFER_TOO_SMALL == 11 && CC_INDEX_OUT_OF_RANGE == 12 && CC_ERROR == 14);
    CHECK(view_eq(cc_level_name(CC_LEVEL_SECRET), "SECRET"));
    CHECK(view_eq(cc_level_name(CC_LEVEL_TOP_SECRET), "TOP_SECRET"));
    CHECK(!cc_str_is_present(cc_level_name(CC_LEVEL_NONE)));
    CHECK(!cc_str_is_present(cc_level_name(77)));
    CHECK(view_eq(cc_ref_kind_name(CC_REF_CABLE), "cable"));
    CHECK(view_eq(cc_ref_kind_name(CC_REF_OTHER), "other"));
    CHECK(!cc_str_is_present(cc_ref_kind_name(9)));
    CHECK(view_eq(cc_part_name(CC_PART_BODY), "body"));
    CHECK(view_eq(cc_part_name(CC_PART_METADATA), "metadata"));
    CHECK(!cc_str_is_present(cc_part_name(-3)));
    cc_str absent = {NULL, 0};
    cc_str empty = {"", 0};
    CHECK(!cc_str_is_present(absent));
    CHECK(cc_str_is_present(empty));
}

static void test_parse_text(void) {
    cc_cable *c = NULL;
    CHECK_RC(cc_parse(TEXT_CABLE, sizeof TEXT_CABLE - 1, &c), CC_OK);
    if (!c) return;
    check_all_accessors(c);
    check_sample_preamble(c);
    /* zero-copy: a view of a field that is written on one line points into the text */
    cc_str post;
    CHECK_RC(cc_cable_post(c, &post), CC_OK);
    CHECK(view_inside(post, TEXT_CABLE, sizeof TEXT_CABLE - 1));
    /* no container: no position, no metadata */
    cc_position pos;
    CHECK_RC(cc_cable_position(c, &pos), CC_OK);
    CHECK(!pos.present);
    cc_opt_u64 id;
    CHECK_RC(cc_cable_id(c, &id), CC_OK);
    CHECK(!id.present && id.value == 0);
    cc_datetime created;
    CHECK_RC(cc_cable_created(c, &created), CC_OK);
    CHECK(!created.present);
    CHECK_STR(c, classification, NULL);
    /* references: bullet, text, kind, value */
    size_t n = 0;
    CHECK_RC(cc_cable_references_count(c, &n), CC_OK);
    CHECK(n == 2);
    cc_reference ref;
    CHECK_RC(cc_cable_references_at(c, 1, &ref), CC_OK);
    CHECK(view_eq(ref.bullet, "B"));
    CHECK(view_eq(ref.text, "08 STATE 5678"));
    CHECK(ref.kind == CC_REF_CABLE);
    CHECK(view_eq(ref.value, "08STATE5678"));
    CHECK_LIST(c, reasons, "1.4(b)|1.4(d)");
    CHECK_STR(c, classified_by, "Jane Q. Roe");
    CHECK_STR(c, classified_by_title, "Ambassador");
    /* no errors for valid UTF-8 */
    CHECK_RC(cc_cable_errors_count(c, &n), CC_OK);
    CHECK(n == 0);
    cc_cable_free(c);
}

static void test_parse_with_context(void) {
    /* A fragment: a REF item without year takes the year of the context. */
    static const char frag[] = "REF: A. FOOBAR 1234 \n";
    cc_cable *c = NULL;
    cc_str none = {NULL, 0};
    CHECK_RC(cc_parse_with(frag, sizeof frag - 1, none, 2009, &c), CC_OK);
    cc_reference ref;
    CHECK_RC(cc_cable_references_at(c, 0, &ref), CC_OK);
    CHECK(view_eq(ref.value, "09FOOBAR1234"));
    cc_cable_free(c);

    char id[] = "08QUUX55";
    cc_str ctx = {id, strlen(id)};
    c = NULL;
    CHECK_RC(cc_parse_with(frag, sizeof frag - 1, ctx, 0, &c), CC_OK);
    memset(id, 'Z', strlen(id)); /* the id is copied: changing it afterwards is fine */
    CHECK_RC(cc_cable_references_at(c, 0, &ref), CC_OK);
    CHECK(view_eq(ref.value, "08FOOBAR1234"));
    cc_cable_free(c);

    cc_str bad = {"\xff\xfe", 2};
    c = (cc_cable *)1;
    CHECK_RC(cc_parse_with(frag, sizeof frag - 1, bad, 0, &c), CC_INVALID_ARGUMENT);
    CHECK(c == NULL);
}

static void test_parse_empty_and_invalid_utf8(void) {
    cc_cable *c = NULL;
    CHECK_RC(cc_parse("", 0, &c), CC_OK);
    size_t n = 1;
    CHECK_RC(cc_cable_tags_count(c, &n), CC_OK);
    CHECK(n == 0);
    cc_str s;
    CHECK_RC(cc_cable_subject(c, &s), CC_OK);
    CHECK(!cc_str_is_present(s) && s.len == 0);
    check_all_accessors(c);
    cc_cable_free(c);

    static const char bad[] = "TAGS: PREL \nSUBJECT: BAD \xff BYTE \n";
    c = NULL;
    CHECK_RC(cc_parse(bad, sizeof bad - 1, &c), CC_OK);
    CHECK_RC(cc_cable_errors_count(c, &n), CC_OK);
    CHECK(n == 1);
    cc_error e;
    CHECK_RC(cc_cable_errors_at(c, 0, &e), CC_OK);
    CHECK(e.code == CC_INVALID_UTF8);
    CHECK(e.byte_offset == 25);
    CHECK(e.line == 2);
    CHECK(cc_str_is_present(e.message) && memmem(e.message.ptr, e.message.len, "byte 25", 7));
    CHECK_LIST(c, tags, "PREL");
    check_all_accessors(c);
    cc_cable_free(c);
}

static void test_csv_buffer(void) {
    static const cc_format formats[] = {CC_FORMAT_CSV, CC_FORMAT_AUTO};
    for (size_t f = 0; f < 2; f++) {
        cc_reader *r = open_buffer(CSV, sizeof CSV - 1, formats[f]);
        if (!r) return;
        const cc_cable *c = NULL;
        CHECK_RC(cc_reader_next(r, &c), CC_OK);
        if (!c) {
            cc_reader_free(r);
            return;
        }
        check_all_accessors(c);
        check_sample_preamble(c);
        cc_opt_u64 id;
        CHECK_RC(cc_cable_id(c, &id), CC_OK);
        CHECK(id.present && id.value == 1);
        CHECK_STR(c, reference_id, "09FOOBAR193");
        CHECK_STR(c, created_raw, "1/23/2009 23:11");
        CHECK_STR(c, classification, "SECRET//NOFORN");
        CHECK_STR(c, origin, "Embassy Foobar");
        CHECK_STR(c, from, "AMEMBASSY FOOBAR");
        cc_datetime d;
        CHECK_RC(cc_cable_created(c, &d), CC_OK);
        CHECK(d.present && d.year == 2009 && d.month == 1 && d.day == 23 && d.hour == 23 &&
              d.minute == 11);
        CHECK_RC(cc_cable_dtg(c, &d), CC_OK);
        CHECK(d.present && d.year == 2009 && d.day == 23 && d.hour == 23 && d.minute == 12);
        cc_position pos;
        CHECK_RC(cc_cable_position(c, &pos), CC_OK);
        CHECK(pos.present && pos.byte == 0 && pos.line == 1 && pos.record == 0);
        /* zero-copy: the reference id is a view into the caller's buffer */
        cc_str ref;
        CHECK_RC(cc_cable_reference_id(c, &ref), CC_OK);
        CHECK(view_inside(ref, CSV, sizeof CSV - 1));
        /* a recipient: route, name, precedence, mcn */
        cc_recipient to;
        CHECK_RC(cc_cable_recipients_at(c, 0, &to), CC_OK);
        CHECK(!cc_str_is_present(to.route));
        CHECK(view_eq(to.name, "SECSTATE WASHDC"));
        CHECK(view_eq(to.precedence, "IMMEDIATE"));
        CHECK(view_eq(to.mcn, "0250"));
        /* the \" escape is decoded in the paragraph text */
        cc_paragraph p;
        CHECK_RC(cc_cable_paragraphs_at(c, 0, &p), CC_OK);
        CHECK(p.text.ptr && memmem(p.text.ptr, p.text.len, "said \"NO\" twice", 15));

        CHECK_RC(cc_reader_next(r, &c), CC_OK);
        if (c) {
            check_all_accessors(c);
            CHECK_STR(c, reference_id, "09FOOBAR200");
            CHECK_LIST(c, tags, "ECON|XX");
            cc_level level;
            CHECK_RC(cc_cable_banner_classification(c, &level), CC_OK);
            CHECK(level == CC_LEVEL_UNCLASSIFIED);
            CHECK_RC(cc_cable_position(c, &pos), CC_OK);
            CHECK(pos.present && pos.byte == sizeof CSV_ROW1 - 1 && pos.record == 1);
        }
        CHECK_RC(cc_reader_next(r, &c), CC_END);
        CHECK(c == NULL);
        CHECK_RC(cc_reader_next(r, &c), CC_END); /* stays at the end */
        cc_reader_free(r);
    }
}

static void test_html_buffer(void) {
    static const cc_format formats[] = {CC_FORMAT_HTML, CC_FORMAT_AUTO};
    for (size_t f = 0; f < 2; f++) {
        cc_reader *r = open_buffer(HTML, sizeof HTML - 1, formats[f]);
        if (!r) return;
        const cc_cable *c = NULL;
        CHECK_RC(cc_reader_next(r, &c), CC_OK);
        if (c) {
            check_all_accessors(c);
            check_sample_preamble(c);
            CHECK_STR(c, reference_id, "09FOOBAR193");
            CHECK_STR(c, classification, "SECRET//NOFORN");
            CHECK_STR(c, origin, "Embassy Foobar");
            CHECK_LIST(c, signers, "ROE");
            cc_datetime d;
            CHECK_RC(cc_cable_released(c, &d), CC_OK);
            CHECK(d.present && d.year == 2010 && d.month == 12 && d.day == 2);
            CHECK_RC(cc_cable_created(c, &d), CC_OK);
            CHECK(d.present && d.year == 2009 && d.month == 1 && d.day == 23 && d.hour == 23);
            cc_str from;
            CHECK_RC(cc_cable_from(c, &from), CC_OK);
            CHECK(view_eq(from, "AMEMBASSY FOOBAR"));
        }
        CHECK_RC(cc_reader_next(r, &c), CC_END);
        cc_reader_free(r);
    }
}

static void test_text_buffer(void) {
    static const cc_format formats[] = {CC_FORMAT_TEXT, CC_FORMAT_AUTO};
    for (size_t f = 0; f < 2; f++) {
        cc_reader *r = open_buffer(TEXT_CABLE, sizeof TEXT_CABLE - 1, formats[f]);
        if (!r) return;
        const cc_cable *c = NULL;
        CHECK_RC(cc_reader_next(r, &c), CC_OK);
        if (c) {
            check_all_accessors(c);
            check_sample_preamble(c);
            cc_position pos;
            CHECK_RC(cc_cable_position(c, &pos), CC_OK);
            CHECK(pos.present && pos.byte == 0 && pos.line == 1);
            cc_str post;
            CHECK_RC(cc_cable_post(c, &post), CC_OK);
            CHECK(view_inside(post, TEXT_CABLE, sizeof TEXT_CABLE - 1));
        }
        CHECK_RC(cc_reader_next(r, &c), CC_END);
        cc_reader_free(r);
    }
}

/* The buffer may be freed once the reader is freed; a copied cable lives on. */
static void test_buffer_freed_after_reader(void) {
    size_t len = sizeof CSV - 1;
    char *buf = malloc(len);
    if (!buf) exit(2);
    memcpy(buf, CSV, len);
    cc_reader *r = open_buffer(buf, len, CC_FORMAT_CSV);
    if (!r) {
        free(buf);
        return;
    }
    const cc_cable *c = NULL;
    cc_cable *copy = NULL;
    CHECK_RC(cc_reader_next(r, &c), CC_OK);
    if (c) {
        cc_str ref;
        CHECK_RC(cc_cable_reference_id(c, &ref), CC_OK);
        CHECK(view_inside(ref, buf, len)); /* borrows from the buffer ... */
        CHECK_RC(cc_cable_copy(c, &copy), CC_OK);
        CHECK_RC(cc_cable_reference_id(copy, &ref), CC_OK);
        CHECK(!view_inside(ref, buf, len)); /* ... the copy does not */
    }
    cc_reader_free(r); /* first the reader (and the cable it lent) ... */
    memset(buf, 0, len);
    free(buf);         /* ... then the buffer */
    if (copy) {
        CHECK_STR(copy, reference_id, "09FOOBAR193");
        CHECK_LIST(copy, tags, "PREL|PGOV|XX");
        check_all_accessors(copy);
        cc_cable_free(copy);
    }

    /* The same for cc_parse: a copy outlives the text. */
    char *text = malloc(sizeof TEXT_CABLE);
    if (!text) exit(2);
    memcpy(text, TEXT_CABLE, sizeof TEXT_CABLE);
    cc_cable *parsed = NULL;
    copy = NULL;
    CHECK_RC(cc_parse(text, sizeof TEXT_CABLE - 1, &parsed), CC_OK);
    CHECK_RC(cc_cable_copy(parsed, &copy), CC_OK);
    cc_cable_free(parsed);
    free(text);
    CHECK_STR(copy, subject, "AN INVENTED SUBJECT");
    cc_cable_free(copy);
}

static void test_truncated_csv(void) {
    cc_reader *r = open_buffer(CSV_TRUNCATED, sizeof CSV_TRUNCATED - 1, CC_FORMAT_CSV);
    if (!r) return;
    const cc_cable *c = NULL;
    CHECK_RC(cc_reader_next(r, &c), CC_OK);
    CHECK_STR(c, reference_id, "09FOOBAR193");
    cc_result rc = cc_reader_next(r, &c);
    CHECK(rc == CC_TRUNCATED || rc == CC_UNTERMINATED_QUOTE);
    CHECK(c == NULL);
    if (rc == CC_TRUNCATED || rc == CC_UNTERMINATED_QUOTE) {
        int64_t row2 = (int64_t)(sizeof CSV_ROW1 - 1);
        int64_t at = cc_last_error_byte_offset();
        CHECK(at >= row2 && at < (int64_t)(sizeof CSV_TRUNCATED - 1));
        CHECK(cc_last_error_line() > 1);
        char msg[256];
        size_t n = cc_last_error_message(msg, sizeof msg);
        CHECK(n > 0 && n < sizeof msg && strlen(msg) == n);
        char want[64];
        snprintf(want, sizeof want, "byte %lld", (long long)at);
        if (!strstr(msg, want)) {
            fprintf(stderr, "[%s] message \"%s\" lacks \"%s\"\n", g_test, msg, want);
            g_test_failures++;
        }
    }
    /* The reader goes on after an error and comes to an end. */
    int rounds = 0;
    while ((rc = cc_reader_next(r, &c)) != CC_END && rounds < 10) rounds++;
    CHECK(rc == CC_END);
    cc_reader_free(r);
}

static void test_path(void) {
    char dir[4096], file[4200], file2[4200];
    snprintf(dir, sizeof dir, "%s/cc-test-XXXXXX", g_tmpdir);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "[%s] mkdtemp failed\n", g_test);
        g_test_failures++;
        return;
    }
    snprintf(file, sizeof file, "%s/a.csv", dir);
    snprintf(file2, sizeof file2, "%s/b.txt", dir);
    CHECK(write_file(file, CSV, sizeof CSV - 1));
    CHECK(write_file(file2, TEXT_CABLE, sizeof TEXT_CABLE - 1));

    /* a file */
    cc_reader *r = NULL;
    CHECK_RC(cc_reader_open_path(file, CC_FORMAT_AUTO, &r), CC_OK);
    const cc_cable *c = NULL;
    size_t n = 0;
    cc_result rc;
    while ((rc = cc_reader_next(r, &c)) == CC_OK) {
        check_all_accessors(c);
        if (n == 0) {
            check_sample_preamble(c);
            CHECK_STR(c, reference_id, "09FOOBAR193");
        } else {
            CHECK_STR(c, reference_id, "09FOOBAR200");
        }
        n++;
    }
    CHECK(rc == CC_END);
    CHECK(n == 2);
    cc_reader_free(r);

    /* a directory: every file, sorted by path, format detected per file */
    r = NULL;
    CHECK_RC(cc_reader_open_path(dir, CC_FORMAT_AUTO, &r), CC_OK);
    n = 0;
    while ((rc = cc_reader_next(r, &c)) == CC_OK) {
        if (n == 2) check_sample_preamble(c); /* the text file comes after a.csv */
        n++;
    }
    CHECK(rc == CC_END);
    CHECK(n == 3);
    cc_reader_free(r);

    /* a path that does not exist */
    char missing[4300];
    snprintf(missing, sizeof missing, "%s/no-such-file.csv", dir);
    r = (cc_reader *)1;
    CHECK_RC(cc_reader_open_path(missing, CC_FORMAT_AUTO, &r), CC_IO);
    CHECK(r == NULL);
    char msg[512];
    CHECK(cc_last_error_message(msg, sizeof msg) > 0);
    CHECK(cc_last_error_byte_offset() == -1);

    unlink(file);
    unlink(file2);
    rmdir(dir);
}

static void test_to_json(void) {
    cc_cable *c = NULL;
    CHECK_RC(cc_parse(TEXT_CABLE, sizeof TEXT_CABLE - 1, &c), CC_OK);
    size_t needed = 0;
    CHECK_RC(cc_cable_to_json(c, NULL, 0, &needed), CC_BUFFER_TOO_SMALL);
    CHECK(needed > 2);
    char msg[256];
    cc_last_error_message(msg, sizeof msg);
    CHECK(strstr(msg, "needed") != NULL);
    char *buf = malloc(needed);
    if (!buf) exit(2);
    size_t again = 0;
    memset(buf, 'x', needed);
    CHECK_RC(cc_cable_to_json(c, buf, needed - 1, &again), CC_BUFFER_TOO_SMALL);
    CHECK(again == needed);
    CHECK(buf[0] == 'x'); /* nothing written when too small */
    CHECK_RC(cc_cable_to_json(c, buf, needed, &again), CC_OK);
    CHECK(again == needed);
    CHECK(strlen(buf) == needed - 1);
    CHECK(buf[0] == '{' && buf[needed - 2] == '}');
    CHECK(strstr(buf, "\"subject\":\"AN INVENTED SUBJECT\"") != NULL);
    CHECK(strstr(buf, "\"tags\":[\"PREL\",\"PGOV\",\"XX\"]") != NULL);
    CHECK_RC(cc_cable_to_json(c, buf, needed, NULL), CC_OK); /* needed is optional */
    CHECK_RC(cc_cable_to_json(c, NULL, 10, &again), CC_NULL_ARGUMENT);
    CHECK_RC(cc_cable_to_json(NULL, buf, needed, &again), CC_NULL_ARGUMENT);
    free(buf);
    cc_cable_free(c);
}

/* NULL for every pointer argument of every function: an error code, no crash. */
static void test_null_arguments(void) {
    cc_cable *cable = NULL;
    cc_reader *reader = NULL;
    const cc_cable *lent = NULL;
    cc_str none = {NULL, 0};

    CHECK_RC(cc_parse(NULL, 0, &cable), CC_NULL_ARGUMENT);
    CHECK_RC(cc_parse(NULL, 10, &cable), CC_NULL_ARGUMENT);
    CHECK(cable == NULL);
    CHECK_RC(cc_parse("x", 1, NULL), CC_NULL_ARGUMENT);
    char msg[256];
    cc_last_error_message(msg, sizeof msg);
    CHECK(!strcmp(msg, "cc_parse: argument `out` is NULL"));
    CHECK(cc_last_error_byte_offset() == -1 && cc_last_error_line() == -1);
    CHECK_RC(cc_parse_with(NULL, 0, none, 0, &cable), CC_NULL_ARGUMENT);
    CHECK_RC(cc_parse_with("x", 1, none, 0, NULL), CC_NULL_ARGUMENT);
    CHECK_RC(cc_cable_copy(NULL, &cable), CC_NULL_ARGUMENT);
    CHECK(cable == NULL);
    CHECK_RC(cc_reader_open_buffer(NULL, 0, CC_FORMAT_AUTO, &reader), CC_NULL_ARGUMENT);
    CHECK_RC(cc_reader_open_buffer(NULL, 5, CC_FORMAT_CSV, &reader), CC_NULL_ARGUMENT);
    CHECK(reader == NULL);
    CHECK_RC(cc_reader_open_buffer((const uint8_t *)CSV, sizeof CSV - 1, CC_FORMAT_AUTO, NULL), CC_NULL_ARGUMENT);
    CHECK_RC(cc_reader_open_path(NULL, CC_FORMAT_AUTO, &reader), CC_NULL_ARGUMENT);
    CHECK_RC(cc_reader_open_path("/nonexistent", CC_FORMAT_AUTO, NULL), CC_NULL_ARGUMENT);
    CHECK_RC(cc_reader_next(NULL, &lent), CC_NULL_ARGUMENT);
    CHECK(lent == NULL);
    size_t needed = 0;
    CHECK_RC(cc_cable_to_json(NULL, NULL, 0, &needed), CC_NULL_ARGUMENT);
    cc_cable_free(NULL);  /* no-ops */
    cc_reader_free(NULL);
    CHECK(cc_last_error_message(NULL, 0) > 0); /* length only */
    CHECK(cc_last_error_message(NULL, 100) > 0); /* NULL buffer: nothing written */

    /* with a live cable / reader, the other arguments NULL */
    CHECK_RC(cc_parse(TEXT_CABLE, sizeof TEXT_CABLE - 1, &cable), CC_OK);
    CHECK_RC(cc_cable_copy(cable, NULL), CC_NULL_ARGUMENT);
    check_all_accessors(cable); /* NULL cable and NULL out for every accessor */
    cc_cable_free(cable);
    reader = open_buffer(CSV, sizeof CSV - 1, CC_FORMAT_CSV);
    CHECK_RC(cc_reader_next(reader, NULL), CC_NULL_ARGUMENT);
    CHECK_RC(cc_reader_next(reader, &lent), CC_OK); /* the reader is unharmed */
    cc_reader_free(reader);
}

static void test_index_out_of_range(void) {
    cc_cable *c = NULL;
    CHECK_RC(cc_parse(TEXT_CABLE, sizeof TEXT_CABLE - 1, &c), CC_OK);
    cc_str s;
    size_t n = 0;
    CHECK_RC(cc_cable_tags_count(c, &n), CC_OK);
    CHECK(n == 3);
    CHECK_RC(cc_cable_tags_at(c, 2, &s), CC_OK);
    CHECK(view_eq(s, "XX"));
    CHECK_RC(cc_cable_tags_at(c, 3, &s), CC_INDEX_OUT_OF_RANGE);
    char msg[256];
    cc_last_error_message(msg, sizeof msg);
    CHECK(strstr(msg, "index 3") != NULL);
    cc_recipient rcpt;
    CHECK_RC(cc_cable_excluded_recipients_at(c, 0, &rcpt), CC_INDEX_OUT_OF_RANGE);
    cc_diagnostic d;
    CHECK_RC(cc_cable_diagnostics_at(c, (size_t)-1, &d), CC_INDEX_OUT_OF_RANGE);
    cc_cable_free(c);
}

static void test_invalid_arguments(void) {
    cc_reader *r = (cc_reader *)1;
    CHECK_RC(cc_reader_open_buffer((const uint8_t *)CSV, sizeof CSV - 1, 99, &r), CC_INVALID_ARGUMENT);
    CHECK(r == NULL);
    CHECK_RC(cc_reader_open_path("/tmp", 4, &r), CC_INVALID_ARGUMENT);
    CHECK_RC(cc_reader_open_buffer((const uint8_t *)CSV, SIZE_MAX, CC_FORMAT_CSV, &r),
             CC_INVALID_ARGUMENT);
    cc_cable *parsed = (cc_cable *)1;
    CHECK_RC(cc_parse(CSV, SIZE_MAX / 2 + 1, &parsed), CC_INVALID_ARGUMENT);
    CHECK(parsed == NULL);

    /* A cable lent by a reader is not freed by cc_cable_free. */
    r = open_buffer(CSV, sizeof CSV - 1, CC_FORMAT_CSV);
    const cc_cable *c = NULL;
    CHECK_RC(cc_reader_next(r, &c), CC_OK);
    cc_cable_free((cc_cable *)c);
    char msg[256];
    cc_last_error_message(msg, sizeof msg);
    CHECK(strstr(msg, "belongs to a reader") != NULL);
    CHECK_STR(c, reference_id, "09FOOBAR193"); /* still alive */
    cc_reader_free(r);
}

static void test_last_error_message(void) {
    cc_cable *c = NULL;
    CHECK_RC(cc_parse(NULL, 0, &c), CC_NULL_ARGUMENT);
    const char *want = "cc_parse: argument `text` is NULL";
    char small[8];
    memset(small, 'x', sizeof small);
    size_t n = cc_last_error_message(small, sizeof small);
    CHECK(n == strlen(want));
    CHECK(!memcmp(small, want, 7) && small[7] == '\0');
    char one[1] = {'x'};
    CHECK(cc_last_error_message(one, 1) == strlen(want));
    CHECK(one[0] == '\0');
    /* success leaves the last error as it was */
    CHECK_RC(cc_parse("x", 1, &c), CC_OK);
    char msg[128];
    cc_last_error_message(msg, sizeof msg);
    CHECK(!strcmp(msg, want));
    cc_cable_free(c);
}

static void *thread_main(void *arg) {
    (void)arg;
    cc_cable *c = NULL;
    cc_parse(NULL, 0, &c); /* sets this thread's last error only */
    char msg[128];
    cc_last_error_message(msg, sizeof msg);
    return strstr(msg, "`text` is NULL") ? (void *)1 : NULL;
}

static void test_last_error_is_thread_local(void) {
    const cc_cable *c = NULL;
    CHECK_RC(cc_reader_next(NULL, &c), CC_NULL_ARGUMENT);
    pthread_t t;
    void *ok = NULL;
    CHECK(pthread_create(&t, NULL, thread_main, NULL) == 0);
    CHECK(pthread_join(t, &ok) == 0);
    CHECK(ok == (void *)1);
    char msg[128];
    cc_last_error_message(msg, sizeof msg);
    CHECK(!strcmp(msg, "cc_reader_next: argument `reader` is NULL"));
}

/* The accessors agree with cc_cable_to_json on every cable of the real corpus
 * (read at run time; skipped with a reason when absent). */
static void check_corpus_file(const char *name, cc_format fmt, size_t want_min, bool stream) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", g_corpus, name);
    size_t len = 0;
    char *buf = NULL;
    cc_reader *r = NULL;
    if (stream) {
        CHECK_RC(cc_reader_open_path(path, fmt, &r), CC_OK);
    } else if ((buf = read_file(path, &len)) != NULL) {
        r = open_buffer(buf, len, fmt);
    } else {
        printf("     skipped %s: cannot read %s\n", g_test, path);
        return;
    }
    const cc_cable *c = NULL;
    size_t n = 0, bad = 0;
    cc_result rc;
    sb rebuilt = {0};
    while (r && (rc = cc_reader_next(r, &c)) != CC_END) {
        if (rc != CC_OK) {
            fprintf(stderr, "[%s] %s: %s: %s\n", g_test, name, cc_result_name(rc), last_error());
            bad++;
            continue;
        }
        n++;
        size_t needed = 0;
        if (cc_cable_to_json(c, NULL, 0, &needed) != CC_BUFFER_TOO_SMALL) {
            bad++;
            continue;
        }
        char *json = malloc(needed);
        if (!json) exit(2);
        sb_clear(&rebuilt);
        if (cc_cable_to_json(c, json, needed, NULL) != CC_OK ||
            cable_json_from_accessors(&rebuilt, c) != CC_OK || strcmp(json, rebuilt.data) != 0) {
            if (bad < 3)
                fprintf(stderr, "[%s] %s: cable %zu: accessors and JSON disagree\n", g_test, name, n);
            bad++;
        }
        free(json);
    }
    sb_free(&rebuilt);
    cc_reader_free(r);
    free(buf);
    CHECK(bad == 0);
    CHECK(n >= want_min);
    printf("     %s: %zu cables, %zu problems\n", name, n, bad);
}

static void test_corpus(void) {
    if (!g_corpus) {
        printf("     skipped %s: no corpus directory given\n", g_test);
        return;
    }
    check_corpus_file("cables-sample.csv", CC_FORMAT_CSV, 783, false);
    check_corpus_file("seed/mexico-city-cables.txt", CC_FORMAT_TEXT, 12, false);
    check_corpus_file("cablegate-html", CC_FORMAT_AUTO, 783, true);
}

int main(int argc, char **argv) {
    if (argc > 1) g_tmpdir = argv[1];
    if (argc > 2) g_corpus = argv[2];
    RUN(test_version_and_names);
    RUN(test_parse_text);
    RUN(test_parse_with_context);
    RUN(test_parse_empty_and_invalid_utf8);
    RUN(test_csv_buffer);
    RUN(test_html_buffer);
    RUN(test_text_buffer);
    RUN(test_buffer_freed_after_reader);
    RUN(test_truncated_csv);
    RUN(test_path);
    RUN(test_to_json);
    RUN(test_null_arguments);
    RUN(test_index_out_of_range);
    RUN(test_invalid_arguments);
    RUN(test_last_error_message);
    RUN(test_last_error_is_thread_local);
    RUN(test_corpus);
    return finish("test_api");
}

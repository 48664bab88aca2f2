/*
 * The schema of a cable as seen from C: one entry per field of cablecore::Cable,
 * in the order of its JSON form, with the accessor(s) that read it. Used by
 * test_api.c (every accessor, and rebuilding the JSON from the accessors) and by
 * test_cases.c (the generic key -> accessor mapping of the shared cases).
 */
#ifndef CABLECORE_TEST_FIELDS_H
#define CABLECORE_TEST_FIELDS_H

#include <inttypes.h>

#include "harness.h"

typedef enum {
    K_STR,        /* cc_str, absent = null */
    K_BOOL,       /* bool */
    K_OPT_U64,    /* cc_opt_u64 */
    K_OPT_U32,    /* cc_opt_u32 */
    K_NAIVE,      /* cc_datetime without zone: 2009-01-23T23:11:00 */
    K_UTC,        /* cc_datetime in UTC: 2009-01-23T23:12:00Z */
    K_DATE,       /* cc_datetime, date only: 2019-01-22 */
    K_LEVEL,      /* cc_level */
    K_POSITION,   /* cc_position */
    K_LIST_STR,   /* count + at -> cc_str */
    K_LIST_RECIPIENT,
    K_LIST_REFERENCE,
    K_LIST_PARAGRAPH,
    K_LIST_SPAN,
    K_LIST_DIAGNOSTIC,
} field_kind;

typedef struct {
    const char *name;
    field_kind kind;
    cc_result (*get_str)(const cc_cable *, cc_str *);
    cc_result (*get_bool)(const cc_cable *, bool *);
    cc_result (*get_u64)(const cc_cable *, cc_opt_u64 *);
    cc_result (*get_u32)(const cc_cable *, cc_opt_u32 *);
    cc_result (*get_datetime)(const cc_cable *, cc_datetime *);
    cc_result (*get_level)(const cc_cable *, cc_level *);
    cc_result (*get_position)(const cc_cable *, cc_position *);
    cc_result (*count)(const cc_cable *, size_t *);
    cc_result (*at_str)(const cc_cable *, size_t, cc_str *);
    cc_result (*at_recipient)(const cc_cable *, size_t, cc_recipient *);
    cc_result (*at_reference)(const cc_cable *, size_t, cc_reference *);
    cc_result (*at_paragraph)(const cc_cable *, size_t, cc_paragraph *);
    cc_result (*at_span)(const cc_cable *, size_t, cc_span *);
    cc_result (*at_diagnostic)(const cc_cable *, size_t, cc_diagnostic *);
} field;

#define STR(n) {#n, K_STR, .get_str = cc_cable_##n}
#define DT(n, k) {#n, k, .get_datetime = cc_cable_##n}
#define LIST(n, k, member) {#n, k, .count = cc_cable_##n##_count, .member = cc_cable_##n##_at}

static const field FIELDS[] = {
    {"position", K_POSITION, .get_position = cc_cable_position},
    {"id", K_OPT_U64, .get_u64 = cc_cable_id},
    STR(reference_id),
    {"reference_id_inferred", K_BOOL, .get_bool = cc_cable_reference_id_inferred},
    STR(canonical_id),
    DT(created, K_NAIVE),
    STR(created_raw),
    DT(released, K_NAIVE),
    STR(released_raw),
    STR(classification),
    STR(origin),
    LIST(metadata_references, K_LIST_STR, at_str),
    STR(transmission_id),
    STR(routing_precedence),
    LIST(routing, K_LIST_STR, at_str),
    STR(station),
    STR(station_serial),
    STR(station_section),
    STR(filing_time),
    STR(security),
    DT(dtg, K_UTC),
    STR(dtg_raw),
    LIST(dtg_precedence, K_LIST_STR, at_str),
    STR(from),
    LIST(recipients, K_LIST_RECIPIENT, at_recipient),
    LIST(info_recipients, K_LIST_RECIPIENT, at_recipient),
    LIST(excluded_recipients, K_LIST_RECIPIENT, at_recipient),
    LIST(distribution, K_LIST_STR, at_str),
    STR(banner),
    {"banner_classification", K_LEVEL, .get_level = cc_cable_banner_classification},
    {"section", K_OPT_U32, .get_u32 = cc_cable_section},
    {"section_total", K_OPT_U32, .get_u32 = cc_cable_section_total},
    STR(post),
    STR(serial),
    LIST(caveats, K_LIST_STR, at_str),
    LIST(pass_lines, K_LIST_STR, at_str),
    STR(eo),
    DT(nondisclosure_deadline, K_DATE),
    STR(nondisclosure_raw),
    DT(downgrade_date, K_DATE),
    LIST(tags, K_LIST_STR, at_str),
    STR(subject),
    STR(subject_marking),
    LIST(references, K_LIST_REFERENCE, at_reference),
    STR(classified_by),
    STR(classified_by_title),
    LIST(reasons, K_LIST_STR, at_str),
    STR(derived_from),
    LIST(paragraphs, K_LIST_PARAGRAPH, at_paragraph),
    STR(summary),
    STR(comment),
    LIST(signers, K_LIST_STR, at_str),
    LIST(redactions, K_LIST_SPAN, at_span),
    LIST(diagnostics, K_LIST_DIAGNOSTIC, at_diagnostic),
};

#undef STR
#undef DT
#undef LIST

#define N_FIELDS (sizeof FIELDS / sizeof FIELDS[0])

static inline const field *field_by_name(const char *name, size_t len) {
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (strlen(FIELDS[i].name) == len && memcmp(FIELDS[i].name, name, len) == 0)
            return &FIELDS[i];
    }
    return NULL;
}

static inline bool is_list(const field *f) { return f->kind >= K_LIST_STR; }

/* ------------------------------------------------------------------ rendering
 *
 * Two modes, both as the shared cases and serde_json see the value:
 *  json  = serde_json's compact form ("text" quoted and escaped, null);
 *  plain = the test-case form (strings unquoted, ~ for null; objects as JSON).
 */

/* Appends a string as serde_json writes it. */
static inline void put_json_string(sb *s, const char *p, size_t n) {
    static const char hex[] = "0123456789abcdef";
    sb_puts(s, "\"");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        switch (c) {
        case '"': sb_puts(s, "\\\""); break;
        case '\\': sb_puts(s, "\\\\"); break;
        case '\b': sb_puts(s, "\\b"); break;
        case '\f': sb_puts(s, "\\f"); break;
        case '\n': sb_puts(s, "\\n"); break;
        case '\r': sb_puts(s, "\\r"); break;
        case '\t': sb_puts(s, "\\t"); break;
        default:
            if (c < 0x20) {
                char esc[7] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0};
                sb_puts(s, esc);
            } else {
                sb_put(s, (const char *)&c, 1);
            }
        }
    }
    sb_puts(s, "\"");
}

static inline void put_null(sb *s, bool json) { sb_puts(s, json ? "null" : "~"); }

static inline void put_str(sb *s, cc_str v, bool json) {
    if (!cc_str_is_present(v)) {
        put_null(s, json);
    } else if (json) {
        put_json_string(s, v.ptr, v.len);
    } else {
        sb_put(s, v.ptr, v.len);
    }
}

static inline void put_text(sb *s, const char *text, bool json) {
    if (json) put_json_string(s, text, strlen(text));
    else sb_puts(s, text);
}

static inline void put_datetime(sb *s, cc_datetime d, field_kind kind, bool json) {
    if (!d.present) {
        put_null(s, json);
        return;
    }
    char buf[64];
    if (kind == K_DATE)
        snprintf(buf, sizeof buf, "%04d-%02u-%02u", (int)d.year, d.month, d.day);
    else
        snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02u%s", (int)d.year, d.month,
                 d.day, d.hour, d.minute, d.second, kind == K_UTC ? "Z" : "");
    put_text(s, buf, json);
}

static inline void put_span(sb *s, cc_span sp) {
    sb_printf(s, "{\"start\":%zu,\"end\":%zu}", sp.start, sp.end);
}

static inline void put_opt_u32(sb *s, cc_opt_u32 v, bool json) {
    if (v.present) sb_printf(s, "%" PRIu32, v.value);
    else put_null(s, json);
}

/* Appends sub-field `sub` of a record (NULL sub: the whole record as JSON).
 * Returns false when the record has no such sub-field. */
static inline bool put_recipient(sb *s, cc_recipient r, const char *sub, bool json) {
    if (!sub) {
        sb_puts(s, "{\"route\":");
        put_str(s, r.route, true);
        sb_puts(s, ",\"name\":");
        put_str(s, r.name, true);
        sb_puts(s, ",\"precedence\":");
        put_str(s, r.precedence, true);
        sb_puts(s, ",\"mcn\":");
        put_str(s, r.mcn, true);
        sb_puts(s, "}");
    } else if (!strcmp(sub, "route")) put_str(s, r.route, json);
    else if (!strcmp(sub, "name")) put_str(s, r.name, json);
    else if (!strcmp(sub, "precedence")) put_str(s, r.precedence, json);
    else if (!strcmp(sub, "mcn")) put_str(s, r.mcn, json);
    else return false;
    return true;
}

static inline bool put_reference(sb *s, cc_reference r, const char *sub, bool json) {
    cc_str kind = cc_ref_kind_name((int32_t)r.kind);
    if (!sub) {
        sb_puts(s, "{\"bullet\":");
        put_str(s, r.bullet, true);
        sb_puts(s, ",\"text\":");
        put_str(s, r.text, true);
        sb_puts(s, ",\"kind\":");
        put_str(s, kind, true);
        sb_puts(s, ",\"value\":");
        put_str(s, r.value, true);
        sb_puts(s, "}");
    } else if (!strcmp(sub, "bullet")) put_str(s, r.bullet, json);
    else if (!strcmp(sub, "text")) put_str(s, r.text, json);
    else if (!strcmp(sub, "kind")) put_str(s, kind, json);
    else if (!strcmp(sub, "value")) put_str(s, r.value, json);
    else return false;
    return true;
}

static inline bool put_paragraph(sb *s, cc_paragraph p, const char *sub, bool json) {
    if (!sub) {
        sb_puts(s, "{\"number\":");
        put_opt_u32(s, p.number, true);
        sb_puts(s, ",\"marking\":");
        put_str(s, p.marking, true);
        sb_puts(s, ",\"text\":");
        put_str(s, p.text, true);
        sb_puts(s, ",\"span\":");
        put_span(s, p.span);
        sb_puts(s, "}");
    } else if (!strcmp(sub, "number")) put_opt_u32(s, p.number, json);
    else if (!strcmp(sub, "marking")) put_str(s, p.marking, json);
    else if (!strcmp(sub, "text")) put_str(s, p.text, json);
    else if (!strcmp(sub, "span")) put_span(s, p.span);
    else return false;
    return true;
}

static inline bool put_span_sub(sb *s, cc_span sp, const char *sub) {
    if (!sub) put_span(s, sp);
    else if (!strcmp(sub, "start")) sb_printf(s, "%zu", sp.start);
    else if (!strcmp(sub, "end")) sb_printf(s, "%zu", sp.end);
    else return false;
    return true;
}

static inline bool put_diagnostic(sb *s, cc_diagnostic d, const char *sub, bool json) {
    cc_str part = cc_part_name((int32_t)d.part);
    if (!sub) {
        sb_puts(s, "{\"code\":");
        put_str(s, d.code, true);
        sb_puts(s, ",\"message\":");
        put_str(s, d.message, true);
        sb_puts(s, ",\"part\":");
        put_str(s, part, true);
        sb_printf(s, ",\"offset\":%zu}", d.offset);
    } else if (!strcmp(sub, "code")) put_str(s, d.code, json);
    else if (!strcmp(sub, "message")) put_str(s, d.message, json);
    else if (!strcmp(sub, "part")) put_str(s, part, json);
    else if (!strcmp(sub, "offset")) sb_printf(s, "%zu", d.offset);
    else return false;
    return true;
}

/* Appends item `i` of list field `f` (sub-field `sub`, or the whole item).
 * Returns CC_OK, the accessor's error, or CC_INVALID_ARGUMENT for an unknown sub. */
static inline cc_result put_item(sb *s, const cc_cable *c, const field *f, size_t i,
                                 const char *sub, bool json) {
    cc_result rc = CC_OK;
    bool known = true;
    switch (f->kind) {
    case K_LIST_STR: {
        cc_str v;
        if ((rc = f->at_str(c, i, &v)) == CC_OK) {
            if (sub) known = false;
            else put_str(s, v, json);
        }
        break;
    }
    case K_LIST_RECIPIENT: {
        cc_recipient v;
        if ((rc = f->at_recipient(c, i, &v)) == CC_OK) known = put_recipient(s, v, sub, json);
        break;
    }
    case K_LIST_REFERENCE: {
        cc_reference v;
        if ((rc = f->at_reference(c, i, &v)) == CC_OK) known = put_reference(s, v, sub, json);
        break;
    }
    case K_LIST_PARAGRAPH: {
        cc_paragraph v;
        if ((rc = f->at_paragraph(c, i, &v)) == CC_OK) known = put_paragraph(s, v, sub, json);
        break;
    }
    case K_LIST_SPAN: {
        cc_span v;
        if ((rc = f->at_span(c, i, &v)) == CC_OK) known = put_span_sub(s, v, sub);
        break;
    }
    case K_LIST_DIAGNOSTIC: {
        cc_diagnostic v;
        if ((rc = f->at_diagnostic(c, i, &v)) == CC_OK) known = put_diagnostic(s, v, sub, json);
        break;
    }
    default:
        return CC_INVALID_ARGUMENT;
    }
    return rc == CC_OK && !known ? CC_INVALID_ARGUMENT : rc;
}

/* Appends the value of a scalar field. Returns the accessor's result. */
static inline cc_result put_scalar(sb *s, const cc_cable *c, const field *f, bool json) {
    cc_result rc = CC_INVALID_ARGUMENT;
    switch (f->kind) {
    case K_STR: {
        cc_str v;
        if ((rc = f->get_str(c, &v)) == CC_OK) put_str(s, v, json);
        break;
    }
    case K_BOOL: {
        bool v;
        if ((rc = f->get_bool(c, &v)) == CC_OK) sb_puts(s, v ? "true" : "false");
        break;
    }
    case K_OPT_U64: {
        cc_opt_u64 v;
        if ((rc = f->get_u64(c, &v)) == CC_OK) {
            if (v.present) sb_printf(s, "%" PRIu64, v.value);
            else put_null(s, json);
        }
        break;
    }
    case K_OPT_U32: {
        cc_opt_u32 v;
        if ((rc = f->get_u32(c, &v)) == CC_OK) put_opt_u32(s, v, json);
        break;
    }
    case K_NAIVE:
    case K_UTC:
    case K_DATE: {
        cc_datetime v;
        if ((rc = f->get_datetime(c, &v)) == CC_OK) put_datetime(s, v, f->kind, json);
        break;
    }
    case K_LEVEL: {
        cc_level v;
        if ((rc = f->get_level(c, &v)) == CC_OK) put_str(s, cc_level_name((int32_t)v), json);
        break;
    }
    case K_POSITION: {
        cc_position v;
        if ((rc = f->get_position(c, &v)) == CC_OK) {
            if (v.present)
                sb_printf(s, "{\"byte\":%" PRIu64 ",\"line\":%" PRIu64 ",\"record\":%" PRIu64 "}",
                          v.byte, v.line, v.record);
            else put_null(s, json);
        }
        break;
    }
    default:
        break;
    }
    return rc;
}

/* Rebuilds the cable's JSON (serde_json's compact form) from the accessors alone. */
static inline cc_result cable_json_from_accessors(sb *s, const cc_cable *c) {
    sb_puts(s, "{");
    for (size_t k = 0; k < N_FIELDS; k++) {
        const field *f = &FIELDS[k];
        if (k) sb_puts(s, ",");
        sb_printf(s, "\"%s\":", f->name);
        cc_result rc;
        if (is_list(f)) {
            size_t n = 0;
            if ((rc = f->count(c, &n)) != CC_OK) return rc;
            sb_puts(s, "[");
            for (size_t i = 0; i < n; i++) {
                if (i) sb_puts(s, ",");
                if ((rc = put_item(s, c, f, i, NULL, true)) != CC_OK) return rc;
            }
            sb_puts(s, "]");
        } else if ((rc = put_scalar(s, c, f, true)) != CC_OK) {
            return rc;
        }
    }
    sb_puts(s, "}");
    return CC_OK;
}

#endif /* CABLECORE_TEST_FIELDS_H */

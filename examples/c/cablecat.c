/*
 * cablecat (C): prints the reference id, created date, subject and tags of every
 * cable in a file (cables.csv, a cablegate HTML page, or text) or a directory.
 *
 *     cablecat PATH [auto|csv|html|text]
 *
 * Output, one line per cable, tab-separated:
 *     REFERENCE_ID  CREATED  SUBJECT  TAGS (comma-separated)
 * with "-" for an absent value. Container errors are reported on stderr and
 * reading goes on with the next cable; the exit status is 1 if there were any.
 */
#include <stdio.h>
#include <string.h>

#include "cablecore.h"

/* Prints a string view (not NUL-terminated), or "-" when absent. */
static void print_str(cc_str s) {
    if (s.ptr == NULL) fputs("-", stdout);
    else fwrite(s.ptr, 1, s.len, stdout);
}

static void print_last_error(const char *what) {
    char msg[512];
    cc_last_error_message(msg, sizeof msg);
    fprintf(stderr, "cablecat: %s: %s\n", what, msg);
}

static int print_cable(const cc_cable *cable) {
    cc_str reference_id, subject;
    cc_datetime created;
    size_t n_tags = 0;
    if (cc_cable_reference_id(cable, &reference_id) != CC_OK ||
        cc_cable_created(cable, &created) != CC_OK ||
        cc_cable_subject(cable, &subject) != CC_OK ||
        cc_cable_tags_count(cable, &n_tags) != CC_OK) {
        print_last_error("accessor");
        return -1;
    }
    print_str(reference_id);
    if (created.present)
        printf("\t%04d-%02u-%02u %02u:%02u", (int)created.year, created.month, created.day,
               created.hour, created.minute);
    else
        fputs("\t-", stdout);
    fputs("\t", stdout);
    print_str(subject);
    fputs("\t", stdout);
    for (size_t i = 0; i < n_tags; i++) {
        cc_str tag;
        if (cc_cable_tags_at(cable, i, &tag) != CC_OK) break;
        if (i) fputs(",", stdout);
        print_str(tag);
    }
    if (n_tags == 0) fputs("-", stdout);
    fputs("\n", stdout);
    return 0;
}

static int parse_format(const char *name, cc_format *fmt) {
    static const struct {
        const char *name;
        cc_format fmt;
    } formats[] = {{"auto", CC_FORMAT_AUTO}, {"csv", CC_FORMAT_CSV},
                   {"html", CC_FORMAT_HTML}, {"text", CC_FORMAT_TEXT}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        if (strcmp(name, formats[i].name) == 0) {
            *fmt = formats[i].fmt;
            return 0;
        }
    }
    return -1;
}

int main(int argc, char **argv) {
    cc_format fmt = CC_FORMAT_AUTO;
    if (argc < 2 || argc > 3 || (argc == 3 && parse_format(argv[2], &fmt) != 0)) {
        fprintf(stderr, "usage: %s PATH [auto|csv|html|text]\n", argv[0]);
        return 2;
    }

    cc_reader *reader = NULL;
    if (cc_reader_open_path(argv[1], fmt, &reader) != CC_OK) {
        print_last_error(argv[1]);
        return 1;
    }

    int status = 0;
    const cc_cable *cable = NULL; /* owned by the reader: valid until the next call */
    for (;;) {
        cc_result rc = cc_reader_next(reader, &cable);
        if (rc == CC_END) break;
        if (rc != CC_OK) {
            /* e.g. a truncated CSV row: report it (with its byte offset) and go on */
            print_last_error(cc_result_name(rc));
            status = 1;
            continue;
        }
        if (print_cable(cable) != 0) status = 1;
    }
    cc_reader_free(reader);
    return status;
}

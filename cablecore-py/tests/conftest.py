"""Shared fixtures: invented cables in the real formats (never corpus text)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

#: The workspace root (…/cablecore-py/tests/ → …/).
ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "testdata" / "cases"
SHARED = ROOT.parent / "shared"
CORPUS_CSV = SHARED / "corpus" / "cables-sample.csv"
SAMPLE_DIR = ROOT / "examples" / "sample"


def invented_header(i: int) -> str:
    """An ACP-127 header in the `cables.csv` `header` column style (invented)."""
    return (
        f"VZCZCXRO{1000 + i}\n"
        "RR RUEHXX\n"
        f"DE RUEHFO #{100 + i:04d} 0231200\n"
        "ZNY CCCCC ZZH\n"
        "R 231200Z JAN 09\n"
        "FM AMEMBASSY FOOBAR\n"
        f"TO RUEHC/SECSTATE WASHDC PRIORITY {i:04d}\n"
        "INFO RUEHZZ/AMEMBASSY QUUX PRIORITY 0456"
    )


def invented_body(i: int, pad: int = 0) -> str:
    """A cable body in the real format with invented text; `pad` adds paragraphs."""
    paras = "".join(
        f"{n}. (C) Invented paragraph {n} of cable {i}, with a \"quoted\" word and "
        "some more words so that the line is about as long as a real one.\n\n"
        for n in range(3, 3 + pad)
    )
    return (
        f"C O N F I D E N T I A L FOOBAR {100 + i:06d}\n\n"
        "SIPDIS\n\n"
        "E.O. 12958: DECL: 01/23/2019\n"
        "TAGS: PGOV PREL XX\n"
        f"SUBJECT: INVENTED SUBJECT NUMBER {i}\n\n"
        "REF: A. FOOBAR 000100\n     B. STATE 001234\n\n"
        "Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).\n\n"
        f"1. (C) Summary: an invented summary for cable {i}. End summary.\n\n"
        "2. (U) A second paragraph, with a \"quote\" in it.\n\n"
        f"{paras}"
        "DOE\n"
    )


def _csv_field(s: str) -> str:
    # cables.csv escapes a double quote as \" (backslash), not "" (RFC 4180).
    return '"' + s.replace('"', '\\"') + '"'


def make_csv(n: int, pad: int = 0) -> bytes:
    """`n` invented cables in the `cables.csv` layout (8 quoted columns, raw newlines)."""
    rows = []
    for i in range(1, n + 1):
        cols = [
            str(i),
            f"1/{1 + i % 28}/2009 12:{i % 60:02d}",
            f"09FOOBAR{100 + i}",
            "Embassy Foobar",
            "CONFIDENTIAL",
            "",
            invented_header(i),
            invented_body(i, pad),
        ]
        rows.append(",".join(_csv_field(c) for c in cols))
    return ("\n".join(rows) + "\n").encode()


@pytest.fixture(scope="session")
def small_csv() -> bytes:
    """Five invented cables as cables.csv."""
    return make_csv(5)


@pytest.fixture()
def csv_file(tmp_path: Path, small_csv: bytes) -> Path:
    path = tmp_path / "cables.csv"
    path.write_bytes(small_csv)
    return path


def full_record() -> dict:
    """A record with every field filled (invented values), as JSON would carry it."""
    return {
        "position": {"byte": 10, "line": 2, "record": 1},
        "id": 240473,
        "reference_id": "09FOOBAR193",
        "reference_id_inferred": False,
        "canonical_id": "09FOOBAR193",
        "created": "2009-01-23T23:11:00",
        "created_raw": "1/23/2009 23:11",
        "released": "2010-12-02T21:09:00",
        "released_raw": "2010-12-02 21:09",
        "classification": "SECRET//NOFORN",
        "origin": "Embassy Foobar",
        "metadata_references": ["09FOOBAR100", "09STATE1234"],
        "transmission_id": "VZCZCXRO5863",
        "routing_precedence": "RR",
        "routing": ["RUEHCD", "RUEHGD"],
        "station": "RUEHFO",
        "station_serial": "0193",
        "station_section": "01",
        "filing_time": "0232311",
        "security": "ZNY SSSSS ZZH",
        "dtg": "2009-01-23T23:12:00Z",
        "dtg_raw": "R 232312Z JAN 09",
        "dtg_precedence": ["R"],
        "from": "AMEMBASSY FOOBAR",
        "recipients": [
            {"route": "RUEHC", "name": "SECSTATE WASHDC", "precedence": "IMMEDIATE", "mcn": "0250"}
        ],
        "info_recipients": [
            {"route": None, "name": "AMEMBASSY QUUX", "precedence": "PRIORITY", "mcn": None}
        ],
        "excluded_recipients": [],
        "distribution": ["LOG-00", "EEB-00"],
        "banner": "S E C R E T SECTION 01 OF 02 FOOBAR 000193",
        "banner_classification": "SECRET",
        "section": 1,
        "section_total": 2,
        "post": "FOOBAR",
        "serial": "000193",
        "caveats": ["NOFORN", "SIPDIS"],
        "pass_lines": ["STATE FOR WHA/XX"],
        "eo": "E.O. 12958: DECL: 01/23/2019",
        "nondisclosure_deadline": "2019-01-23",
        "nondisclosure_raw": "01/23/2019",
        "downgrade_date": "2019-01-22",
        "tags": ["PGOV", "PREL", "XX"],
        "subject": "AN INVENTED SUBJECT WITH ÜNICODE ’QUOTES’",
        "subject_marking": "C",
        "references": [
            {"bullet": "A", "text": "FOOBAR 000100", "kind": "cable", "value": "09FOOBAR100"},
            {"bullet": "B", "text": "EMAIL OF 1/2/09", "kind": "other", "value": None},
        ],
        "classified_by": "Jane Q. Doe",
        "classified_by_title": "Ambassador",
        "reasons": ["1.4(b)", "1.4(d)"],
        "derived_from": None,
        "paragraphs": [
            {"number": 1, "marking": "S/NF", "text": "Invented text.", "span": {"start": 5, "end": 30}},
            {"number": None, "marking": None, "text": "More.", "span": {"start": 31, "end": 36}},
        ],
        "summary": "An invented summary.",
        "comment": None,
        "signers": ["DOE"],
        "redactions": [{"start": 40, "end": 52}],
        "diagnostics": [
            {"code": "banner_mismatch", "message": "invented", "part": "header", "offset": 7}
        ],
    }


@pytest.fixture()
def full_json() -> str:
    return json.dumps(full_record(), ensure_ascii=False, separators=(",", ":"))

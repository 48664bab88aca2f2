"""The Cable class and its parts: attributes, to_dict/to_json, repr, equality, pickling.

Most checks use a record rebuilt from invented JSON with every field filled
(`_cable_from_json`), so they do not depend on what the engine extracts.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import re

import pytest

import cablecore
from cablecore import _cablecore

from conftest import ROOT, full_record

UTC = dt.timezone.utc


def rust_cable_fields() -> list[str]:
    """Field names of `pub struct Cable` in record.rs, in order (read at run time)."""
    src = (ROOT / "cablecore" / "src" / "record.rs").read_text()
    body = src[src.index("pub struct Cable<'a> {") :]
    body = body[: body.index("\n}")]
    return re.findall(r"^\s*pub (\w+):", body, flags=re.M)


def test_fields_match_rust_schema() -> None:
    names = [n for n, _ in cablecore.FIELDS]
    assert names == rust_cable_fields()
    assert len(names) == len(set(names))


def test_json_keys_are_the_rust_field_names() -> None:
    cable = cablecore.parse("TAGS: PGOV XX\n")
    assert list(json.loads(cable.to_json())) == rust_cable_fields()
    assert list(cable.to_dict()) == rust_cable_fields()


def test_every_field_is_an_attribute() -> None:
    cable = cablecore.parse("")
    for name, _ in cablecore.FIELDS:
        getattr(cable, name)  # raises AttributeError when missing
    assert cable.from_ is None


def test_empty_text_gives_empty_record() -> None:
    cable = cablecore.parse("")
    assert cable.tags == [] and cable.subject is None and cable.position is None
    assert cable.reference_id_inferred is False


def test_json_round_trip_is_exact(full_json: str) -> None:
    cable = _cablecore._cable_from_json(full_json)
    assert cable.to_json() == full_json
    assert json.loads(cable.to_json(indent=2)) == full_record()
    assert "\n  " in cable.to_json(indent=2)


def test_attribute_types(full_json: str) -> None:
    c = _cablecore._cable_from_json(full_json)
    assert c.position == cablecore.Position(byte=10, line=2, record=1)
    assert c.id == 240473
    assert c.created == dt.datetime(2009, 1, 23, 23, 11)
    assert c.created.tzinfo is None
    assert c.released == dt.datetime(2010, 12, 2, 21, 9)
    assert c.dtg == dt.datetime(2009, 1, 23, 23, 12, tzinfo=UTC)
    assert c.dtg.utcoffset() == dt.timedelta(0)
    assert c.nondisclosure_deadline == dt.date(2019, 1, 23)
    assert type(c.nondisclosure_deadline) is dt.date
    assert c.downgrade_date == dt.date(2019, 1, 22)
    assert c.banner_classification == "SECRET"
    assert c.section == 1 and c.section_total == 2
    assert getattr(c, "from") == "AMEMBASSY FOOBAR" == c.from_
    assert c.tags == ["PGOV", "PREL", "XX"]
    assert c.reasons == ["1.4(b)", "1.4(d)"]
    assert c.subject == "AN INVENTED SUBJECT WITH ÜNICODE ’QUOTES’"
    assert c.recipients == [cablecore.Recipient("RUEHC", "SECSTATE WASHDC", "IMMEDIATE", "0250")]
    assert c.info_recipients[0].route is None
    assert c.info_recipients[0].name == "AMEMBASSY QUUX"
    assert c.excluded_recipients == []
    ref_a, ref_b = c.references
    assert (ref_a.bullet, ref_a.text, ref_a.kind, ref_a.value) == (
        "A",
        "FOOBAR 000100",
        "cable",
        "09FOOBAR100",
    )
    assert ref_b.kind == "other" and ref_b.value is None
    p1, p2 = c.paragraphs
    assert (p1.number, p1.marking, p1.text, p1.span) == (1, "S/NF", "Invented text.", (5, 30))
    assert p2.number is None and p2.marking is None
    assert c.redactions == [(40, 52)]
    (d,) = c.diagnostics
    assert (d.code, d.message, d.part, d.offset) == ("banner_mismatch", "invented", "header", 7)
    assert c.derived_from is None and c.comment is None


def test_to_dict_is_json_shape_with_dates(full_json: str) -> None:
    c = _cablecore._cable_from_json(full_json)
    d = c.to_dict()
    expected = full_record()
    for key in ("created", "released", "dtg", "nondisclosure_deadline", "downgrade_date"):
        assert d[key].isoformat().replace("+00:00", "Z") == expected.pop(key)
        del d[key]
    assert d == expected


def test_repr(full_json: str) -> None:
    c = _cablecore._cable_from_json(full_json)
    r = repr(c)
    assert r.startswith("<Cable 09FOOBAR193 2009-01-23 'AN INVENTED SUBJECT WITH ÜNICODE ’QUOTES")
    assert "…'" in r
    assert r.endswith("tags=['PGOV', 'PREL', 'XX']>")
    assert repr(cablecore.parse("")) == "<Cable ? - tags=[]>"
    assert repr(c.position) == "Position(byte=10, line=2, record=1)"
    assert "name='SECSTATE WASHDC'" in repr(c.recipients[0])


def test_repr_html_escapes(full_json: str) -> None:
    rec = full_record()
    rec["subject"] = "A <b>BOLD</b> & INVENTED SUBJECT"
    c = _cablecore._cable_from_json(json.dumps(rec))
    html = c._repr_html_()
    assert html.startswith("<table") and html.endswith("</table>")
    assert "&lt;b&gt;BOLD&lt;/b&gt; &amp; INVENTED" in html
    assert "09FOOBAR193" in html and "PGOV, PREL, XX" in html


def test_equality(full_json: str) -> None:
    a = _cablecore._cable_from_json(full_json)
    b = _cablecore._cable_from_json(full_json)
    assert a == b and not (a != b)
    rec = full_record()
    rec["tags"] = ["PGOV"]
    assert a != _cablecore._cable_from_json(json.dumps(rec))
    assert a != "not a cable"
    with pytest.raises(TypeError):
        hash(a)


def test_pickle_round_trip(full_json: str) -> None:
    c = _cablecore._cable_from_json(full_json)
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(c, protocol=proto))
        assert back == c and back.to_json() == full_json
    assert copy.deepcopy(c) == c
    parsed = cablecore.parse("TAGS: PGOV XX\nSUBJECT: AN INVENTED SUBJECT\n", year=2009)
    assert pickle.loads(pickle.dumps(parsed)) == parsed


@pytest.mark.parametrize(
    "obj",
    [
        cablecore.Position(1, 2, 3),
        cablecore.Recipient("RUEHC", "SECSTATE WASHDC", None, "0250"),
        cablecore.Reference("A", "FOOBAR 1", "cable", "09FOOBAR1"),
        cablecore.Paragraph(1, None, "text", (0, 4)),
        cablecore.Diagnostic("bad_date", "invented", "body", 3),
    ],
)
def test_parts_pickle_hash_eq(obj: object) -> None:
    back = pickle.loads(pickle.dumps(obj))
    assert back == obj and hash(back) == hash(obj)
    assert repr(back) == repr(obj)


def test_parts_are_read_only() -> None:
    p = cablecore.Position(1, 2, 3)
    with pytest.raises(AttributeError):
        p.byte = 5  # type: ignore[misc]
    c = cablecore.parse("")
    with pytest.raises(AttributeError):
        c.tags = []  # type: ignore[misc]


def test_bad_json_is_value_error() -> None:
    with pytest.raises(ValueError, match="not a cable record"):
        _cablecore._cable_from_json("[]")
    rec = full_record()
    rec["dtg"] = "yesterday"
    with pytest.raises(ValueError, match="dtg"):
        _cablecore._cable_from_json(json.dumps(rec))


def test_parse_accepts_str_and_bytes() -> None:
    text = "TAGS: PGOV XX\nSUBJECT: AN INVENTED SUBJECT\n"
    assert cablecore.parse(text) == cablecore.parse(text.encode())
    assert cablecore.parse(text) == cablecore.parse(bytearray(text.encode()))
    # Invalid UTF-8 is replaced, never an exception.
    cablecore.parse(b"TAGS: PGOV \xff\xfe XX\n")
    with pytest.raises(TypeError, match="str or bytes"):
        cablecore.parse(42)  # type: ignore[arg-type]


def test_parse_context_keywords_only() -> None:
    cablecore.parse("REF: A. FOOBAR 001234\n", reference_id="09FOOBAR193", year=2009)
    with pytest.raises(TypeError):
        cablecore.parse("x", "09FOOBAR193")  # type: ignore[misc]


def test_parse_unicode_and_odd_input_never_fails() -> None:
    for text in ["\u00a0", "’“”", "lone \ud800 surrogate", "\r\n\r\n", "1. (S) x" * 1000, "\x00" * 10, "TAGS:\n" * 50]:
        cablecore.parse(text).to_json()


def test_version() -> None:
    assert re.match(r"^\d+\.\d+\.\d+", cablecore.__version__)

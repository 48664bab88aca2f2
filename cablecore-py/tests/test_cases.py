"""The shared test cases (testdata/cases/*.cable + *.expect, format in testdata/README.md),
checked through the Python API so the bindings cannot drift from the engine."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import cablecore
from conftest import CASES


@dataclass
class Expect:
    """The parsed `.expect` file of one case."""

    context: dict[str, Any] = field(default_factory=dict)
    #: key → every value given for it, in order (a list key repeats).
    checks: dict[str, list[str]] = field(default_factory=dict)
    #: key → line number of its first occurrence (for messages).
    lines: dict[str, int] = field(default_factory=dict)


def unescape(value: str) -> str:
    """Undo the value escapes: `\\n` newline, `\\t` tab, `\\<c>` the character c."""
    out = []
    chars = iter(value)
    for c in chars:
        if c == "\\":
            nxt = next(chars, None)
            out.append({"n": "\n", "t": "\t", None: "\\"}.get(nxt, nxt or ""))
        else:
            out.append(c)
    return "".join(out)


def read_expect(path: Path) -> Expect:
    exp = Expect()
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        key, sep, value = raw.partition("\t")
        if not sep:
            raise ValueError(f"{path.name}:{n}: no TAB between key and value: {raw!r}")
        value = unescape(value)
        if key == "@year":
            exp.context["year"] = int(value)
        elif key == "@reference_id":
            exp.context["reference_id"] = value
        else:
            exp.checks.setdefault(key, []).append(value)
            exp.lines.setdefault(key, n)
    return exp


def render(value: Any) -> str:
    """A JSON value rendered as the .expect format writes it: as in JSON without
    quotes, `~` for null."""
    if value is None:
        return "~"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def actual_values(record: dict[str, Any], key: str) -> tuple[bool, list[str] | str]:
    """The rendered value(s) of `key` in the JSON record: (is_list, values)."""
    if key.endswith("#len"):
        value = record[key[: -len("#len")]]
        return False, str(len(value))
    if "." in key:
        name, sub = key.split(".", 1)
        value = record[name]
        if isinstance(value, list):
            return True, [render(item[sub]) for item in value]
        return False, render(None if value is None else value[sub])
    value = record[key]
    if isinstance(value, list):
        return True, [render(v) for v in value]
    return False, render(value)


def check_case(text: str, exp: Expect) -> list[str]:
    """Compare a parse of `text` with the expectations; returns the mismatches."""
    cable = cablecore.parse(text, **exp.context)
    record = json.loads(cable.to_json())
    problems = []
    for key, wanted in exp.checks.items():
        where = f"line {exp.lines[key]}: {key}"
        base = key.split(".", 1)[0].removesuffix("#len")
        if base not in record:
            problems.append(f"{where}: not a field of Cable")
            continue
        is_list, got = actual_values(record, key)
        if is_list:
            if wanted == ["[]"]:
                wanted = []
            if got != wanted:
                problems.append(f"{where}: expected {wanted!r}, got {got!r}")
        else:
            if len(wanted) != 1:
                problems.append(f"{where}: scalar key given {len(wanted)} times")
            elif got != wanted[0]:
                problems.append(f"{where}: expected {wanted[0]!r}, got {got!r}")
    return problems


CASE_FILES = sorted(CASES.glob("*.cable")) if CASES.is_dir() else []


@pytest.mark.parametrize("case", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_shared_case(case: Path) -> None:
    expect = case.with_suffix(".expect")
    assert expect.exists(), f"{case.name} has no {expect.name}"
    problems = check_case(case.read_text(encoding="utf-8"), read_expect(expect))
    assert not problems, "\n".join(problems)


# ---- the reader and comparer themselves (independent of the engine and the cases) ----


def test_read_expect_format(tmp_path: Path) -> None:
    p = tmp_path / "x.expect"
    p.write_text(
        "# comment\n\n@year\t2009\n@reference_id\t09FOOBAR1\n"
        "subject\tAN INVENTED SUBJECT\ntags\tPGOV\ntags\tPREL\ncaveats\t[]\n"
        "references.value\t09FOOBAR100\nreferences.value\t~\nparagraphs#len\t3\n",
        encoding="utf-8",
    )
    exp = read_expect(p)
    assert exp.context == {"year": 2009, "reference_id": "09FOOBAR1"}
    assert exp.checks["tags"] == ["PGOV", "PREL"]
    assert exp.checks["caveats"] == ["[]"]
    assert exp.checks["references.value"] == ["09FOOBAR100", "~"]
    assert exp.checks["paragraphs#len"] == ["3"]
    assert exp.lines["subject"] == 5


def test_unescape() -> None:
    assert unescape("a\\nb") == "a\nb"
    assert unescape("a\\tb") == "a\tb"
    assert unescape("a\\\\nb") == "a\\nb"
    assert unescape("plain") == "plain"
    assert unescape("end\\") == "end\\"


def test_actual_values_rendering() -> None:
    record = {
        "subject": "X",
        "dtg": "2009-01-23T23:12:00Z",
        "section": 1,
        "reference_id_inferred": False,
        "comment": None,
        "tags": ["A", "B"],
        "references": [{"value": "09X1"}, {"value": None}],
        "position": None,
    }
    assert actual_values(record, "subject") == (False, "X")
    assert actual_values(record, "dtg") == (False, "2009-01-23T23:12:00Z")
    assert actual_values(record, "section") == (False, "1")
    assert actual_values(record, "reference_id_inferred") == (False, "false")
    assert actual_values(record, "comment") == (False, "~")
    assert actual_values(record, "tags") == (True, ["A", "B"])
    assert actual_values(record, "tags#len") == (False, "2")
    assert actual_values(record, "references.value") == (True, ["09X1", "~"])
    assert actual_values(record, "position.byte") == (False, "~")


def test_check_case_reports_mismatches(tmp_path: Path) -> None:
    p = tmp_path / "x.expect"
    p.write_text("subject\tSOMETHING THE TEXT DOES NOT HAVE\nnot_a_field\tx\n", encoding="utf-8")
    problems = check_case("", read_expect(p))
    assert any("subject" in m and "expected" in m for m in problems)
    assert any("not_a_field" in m for m in problems)


def test_check_case_empty_expectations_hold(tmp_path: Path) -> None:
    p = tmp_path / "x.expect"
    p.write_text("tags\t[]\nsubject\t~\nreferences#len\t0\n", encoding="utf-8")
    assert check_case("", read_expect(p)) == []

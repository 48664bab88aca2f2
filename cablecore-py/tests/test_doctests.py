"""The examples in the docstrings (Python and Rust side) run and are right."""

from __future__ import annotations

import doctest
import inspect

import pytest

import cablecore
from cablecore import _cablecore


def collect() -> list[tuple[str, object]]:
    objs: list[tuple[str, object]] = [("cablecore", cablecore)]
    for name in dir(_cablecore):
        if name.startswith("__"):
            continue
        obj = getattr(_cablecore, name)
        if inspect.isclass(obj) or callable(obj):
            objs.append((f"_cablecore.{name}", obj))
    for name in ("read", "read_dataframe", "read_arrow"):
        objs.append((f"cablecore.{name}", getattr(cablecore, name)))
    return objs


def examples() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = []
    for name, obj in collect():
        tests.extend(finder.find(obj, name, module=False, globs={"cablecore": cablecore}))
    return [t for t in tests if t.examples]


EXAMPLES = examples()


def test_there_are_examples() -> None:
    names = {t.name for t in EXAMPLES}
    for wanted in ("_cablecore.parse", "_cablecore.read", "cablecore.read_dataframe",
                   "_cablecore.Cable", "_cablecore.Recipient"):
        assert any(n.startswith(wanted) for n in names), wanted


@pytest.mark.parametrize("test", EXAMPLES, ids=[t.name for t in EXAMPLES])
def test_docstring_examples(test: doctest.DocTest) -> None:
    if "pandas" in test.docstring and not _has("pandas"):
        pytest.skip("pandas not installed")
    if "read_arrow" in test.name and not _has("pyarrow"):
        pytest.skip("pyarrow not installed")
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    result = runner.run(test, out=lambda s: print(s, end=""))
    assert result.failed == 0


def _has(mod: str) -> bool:
    try:
        __import__(mod)
    except ImportError:
        return False
    return True

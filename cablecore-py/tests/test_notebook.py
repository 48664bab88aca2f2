"""examples/notebook.ipynb executes headless (nbclient) and saves its figures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "notebook.ipynb"


def test_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for mod in ("nbclient", "nbformat", "matplotlib", "ipykernel", "pandas"):
        pytest.importorskip(mod, reason=f"{mod} is needed to run the notebook")
    import nbformat
    from nbclient import NotebookClient

    out = tmp_path / "figures"
    # The kernel inherits the environment: the notebook saves its figures there.
    monkeypatch.setenv("CABLECORE_NOTEBOOK_OUT", str(out))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()
    errors = [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "error"
    ]
    assert not errors
    for name in ("cables-per-month.png", "most-cited.png"):
        png = out / name
        assert png.exists() and png.stat().st_size > 1000, name
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = "".join(
        o.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
    )
    assert "cables," in text  # the sample was read
    assert os.fspath(out) in text

#!/usr/bin/env python3
"""Performance check of the Python bindings.

1. ``read_dataframe`` and ``read_arrow`` over a ``cables.csv`` (given with ``--csv``, or
   generated from invented cables with ``--generate N``), all columns: wall seconds,
   CPU seconds (all threads), MB/s and peak RSS.
2. Iterating ``read()`` over the shared corpus (``../shared/corpus/cables-sample.csv``
   beside the repository, or ``--corpus``): cables per second.

Each measurement runs in a fresh subprocess so that its peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``) is its own; the RSS after importing
cablecore, pandas and pyarrow is reported as the baseline. ``--repeat N`` runs each
table measurement N times (fresh processes) and reports the fastest, as the machine
may be busy.

    python cablecore-py/bench.py                      # generated 20000 cables + corpus
    python cablecore-py/bench.py --csv cables.csv     # the real dump
    python cablecore-py/bench.py --json               # one JSON object
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "cables-sample.csv"


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (ru_maxrss is KiB on Linux)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1 << 20) if sys.platform == "darwin" else rss / 1024


def generate_csv(path: Path, n: int) -> None:
    """`n` invented cables in the cables.csv layout (quoted fields, ``\\"`` escapes)."""

    def field(s: str) -> str:
        return '"' + s.replace('"', '\\"') + '"'

    with open(path, "w", encoding="utf-8") as out:
        for i in range(1, n + 1):
            header = (
                f"VZCZCXRO{i % 10000:04d}\nRR RUEHXX\nDE RUEHFO #{i % 10000:04d} 0231200\n"
                "ZNY CCCCC ZZH\nR 231200Z JAN 09\nFM AMEMBASSY FOOBAR\n"
                f"TO RUEHC/SECSTATE WASHDC PRIORITY {i % 10000:04d}\n"
                "INFO RUEHZZ/AMEMBASSY QUUX PRIORITY 0456"
            )
            paras = "".join(
                f"{k}. (C) Invented paragraph {k} of cable {i}: the minister said that the "
                "talks had gone well, that the \"next round\" would start in May, and that\n"
                "the agenda was not yet fixed. XXXXXXXXXXXX added more details.\n\n"
                for k in range(2, 8)
            )
            body = (
                f"C O N F I D E N T I A L FOOBAR {i:06d}\n\nSIPDIS\n\n"
                "E.O. 12958: DECL: 01/23/2019\nTAGS: PGOV PREL XX\n"
                f"SUBJECT: INVENTED SUBJECT NUMBER {i}\n\n"
                "REF: A. FOOBAR 000100\n     B. STATE 001234\n\n"
                "Classified By: Ambassador Jane Q. Doe for reasons 1.4 (b) and (d).\n\n"
                f"1. (C) Summary: an invented summary for cable {i}. End summary.\n\n"
                f"{paras}DOE\n"
            )
            cols = [
                str(i),
                f"1/{1 + i % 28}/2009 12:{i % 60:02d}",
                f"09FOOBAR{i}",
                "Embassy Foobar",
                "CONFIDENTIAL",
                "",
                header,
                body,
            ]
            out.write(",".join(field(c) for c in cols) + "\n")


def child_table(path: str, what: str) -> dict[str, object]:
    """``read_dataframe`` or ``read_arrow`` of `path`, all columns."""
    import pandas  # noqa: F401  (counted in the baseline)

    try:
        import pyarrow  # noqa: F401
    except ImportError:
        if what == "read_arrow":
            return {"what": what, "skipped": "pyarrow not installed"}

    import cablecore

    base = peak_rss_mb()
    start = time.perf_counter()
    cpu = time.process_time()
    if what == "read_dataframe":
        table = cablecore.read_dataframe(path, errors="skip")
        rows, columns = len(table), len(table.columns)
    else:
        table = cablecore.read_arrow(path, errors="skip")
        rows, columns = table.num_rows, table.num_columns
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    size = os.path.getsize(path)
    return {
        "what": what,
        "input": path,
        "bytes": size,
        "rows": rows,
        "columns": columns,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu, 3),
        "mb_per_s": round(size / 1e6 / seconds, 1),
        "baseline_rss_mb": round(base, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def child_iterate(path: str) -> dict[str, object]:
    import cablecore

    base = peak_rss_mb()
    start = time.perf_counter()
    n = 0
    for _ in cablecore.read(path, errors="skip"):
        n += 1
    seconds = time.perf_counter() - start
    size = os.path.getsize(path)
    return {
        "what": "read() iteration",
        "input": path,
        "bytes": size,
        "cables": n,
        "seconds": round(seconds, 3),
        "cables_per_s": round(n / seconds) if seconds else None,
        "mb_per_s": round(size / 1e6 / seconds, 1),
        "baseline_rss_mb": round(base, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }


def run_child(kind: str, path: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--csv", type=Path, help="a cables.csv for read_dataframe")
    ap.add_argument("--generate", type=int, default=20000, metavar="N",
                    help="cables to generate when --csv is not given (default 20000)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="CSV to iterate with read()")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="run each table measurement N times, report the fastest")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.child:
        kind, path = args.child
        result = child_iterate(path) if kind == "iterate" else child_table(path, kind)
        print(json.dumps(result))
        return 0

    results = []
    with tempfile.TemporaryDirectory(prefix="cablecore-bench-") as tmp:
        csv = args.csv
        if csv is None:
            csv = Path(tmp) / "cables.csv"
            generate_csv(csv, args.generate)
        for what in ("read_dataframe", "read_arrow"):
            runs = [run_child(what, csv) for _ in range(max(1, args.repeat))]
            results.append(min(runs, key=lambda r: float(r.get("seconds", 0))))  # type: ignore[arg-type]
    if args.corpus.exists():
        results.append(run_child("iterate", args.corpus))
    else:
        results.append({"what": "read() iteration", "skipped": f"{args.corpus} not found"})

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    for r in results:
        if "skipped" in r:
            print(f"{r['what']}: skipped ({r['skipped']})")
        elif r["what"] in ("read_dataframe", "read_arrow"):
            print(
                f"{r['what']}: {r['rows']} rows x {r['columns']} columns from "
                f"{int(r['bytes']) / 1e6:.1f} MB in {r['seconds']} s "
                f"({r['cpu_seconds']} s CPU, {r['mb_per_s']} MB/s); "
                f"peak RSS {r['peak_rss_mb']} MiB (baseline {r['baseline_rss_mb']} MiB)"
            )
        else:
            print(
                f"read(): {r['cables']} cables from {int(r['bytes']) / 1e6:.1f} MB in "
                f"{r['seconds']} s = {r['cables_per_s']} cables/s ({r['mb_per_s']} MB/s); "
                f"peak RSS {r['peak_rss_mb']} MiB (baseline {r['baseline_rss_mb']} MiB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

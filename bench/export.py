"""Benchmark of the RDF export: triples per second and peak memory of edugraph's streaming
N-Triples and Turtle writers beside rdflib's own N-Triples serializer, on synthetic graphs of
about 10k, 100k and 1M triples.

Each measurement runs in a fresh subprocess (peak memory is that process's
``resource.getrusage`` maxrss).  The synthetic graph is generated lazily, record by
record, the way a store pages it out, so the streaming writers never hold it.  rdflib is
given the very same triples already in an rdflib Graph (parsing them is not timed) and
timed on ``Graph.serialize(format="nt")`` alone.

    .venv/bin/python bench/export.py [--sizes 10000,100000,1000000] [--no-rdflib]
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
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.export.rdf import export_rdf  # noqa: E402

SENTENCE = "Провести семинар на базе МОУ СОШ № {i} с участием учителя {i} и методистов района. "
DOC_EVERY = 40  # units per document
TRIPLES_PER_UNIT = 81  # measured on this generator (80–84 depending on size)


def _doc_id(unit: int) -> str:
    return f"doc-{unit // DOC_EVERY}"


def _doc_text(doc: int) -> str:
    return "".join(SENTENCE.format(i=doc * DOC_EVERY + k) for k in range(DOC_EVERY))


def _span(unit: int) -> tuple[int, int]:
    """Where unit's sentence sits in its document's text."""
    start = sum(len(SENTENCE.format(i=(unit // DOC_EVERY) * DOC_EVERY + k)) for k in range(unit % DOC_EVERY))
    return start, start + len(SENTENCE.format(i=unit))


def synthetic_nodes(units: int) -> Iterator[dict]:
    for district in range(min(units, 50)):
        yield {"id": f"district-{district}", "labels": ["District"], "properties": {
            "id": f"district-{district}", "name": f"Район {district}", "sources": ["doc-0"]}}
    for doc in range((units + DOC_EVERY - 1) // DOC_EVERY):
        did = f"doc-{doc}"
        yield {"id": did, "labels": ["Document"], "properties": {
            "id": did, "name": f"Приказ № {doc}", "kind": "order", "number": str(doc), "date": "2020-01-15",
            "issuer": "Управление образования", "text": _doc_text(doc), "sources": [did]}}
    for unit in range(units):
        doc = _doc_id(unit)
        yield {"id": f"school-{unit}", "labels": ["Organization", "School"], "properties": {
            "id": f"school-{unit}", "name": f"МОУ СОШ № {unit}", "aliases": [f"СОШ № {unit}", f"школа № {unit}"],
            "kind": "school", "district": f"Район {unit % 50}", "sources": [doc]}}
        yield {"id": f"person-{unit}", "labels": ["Person"], "properties": {
            "id": f"person-{unit}", "name": f"Иванова Анна Петровна {unit}", "family": "Иванова", "given": "Анна",
            "patronymic": "Петровна", "initials": "А.П.", "sources": [doc]}}
        yield {"id": f"event-{unit}", "labels": ["Event"], "properties": {
            "id": f"event-{unit}", "name": f"Семинар {unit}", "kind": "seminar", "date": "2020-02-01",
            "sources": [doc]}}


def synthetic_relationships(units: int) -> Iterator[dict]:
    for unit in range(units):
        doc = _doc_id(unit)
        span = _span(unit)
        prov = {"sources": [doc], "evidence": [f"{doc}:{span[0]}-{span[1]}"]}
        school, person, event = f"school-{unit}", f"person-{unit}", f"event-{unit}"
        yield {"type": "HOLDS_POST", "start": person, "end": school,
               "properties": {"post": f"учитель предмета {unit % 30}", **prov}}
        yield {"type": "LOCATED_IN", "start": school, "end": f"district-{unit % 50}", "properties": prov}
        yield {"type": "PARTICIPATED_IN", "start": school, "end": event, "properties": {"role": "host", **prov}}
        yield {"type": "PARTICIPATED_IN", "start": person, "end": event,
               "properties": {"role": "participant", **prov}}
        yield {"type": "MENTIONS", "start": doc, "end": school, "properties": prov}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kB


def measure_one(method: str, units: int, out_dir: Path) -> dict:
    """Run in a fresh process: one export of the synthetic graph, its time and peak memory."""
    if method in ("ntriples", "turtle"):
        path = out_dir / f"out-{method}"
        began = time.perf_counter()
        triples = export_rdf(synthetic_nodes(units), synthetic_relationships(units), path, method)
        seconds = time.perf_counter() - began
    else:  # rdflib's own serializer, over the same triples held in an rdflib Graph
        import rdflib

        source = out_dir / "source.nt"
        export_rdf(synthetic_nodes(units), synthetic_relationships(units), source, "ntriples")
        graph = rdflib.Graph()
        graph.parse(source, format="nt")
        triples = len(graph)
        began = time.perf_counter()
        graph.serialize(destination=str(out_dir / "out-rdflib.nt"), format="nt", encoding="utf-8")
        seconds = time.perf_counter() - began
    return {"method": method, "units": units, "triples": triples, "seconds": seconds, "peak_mb": peak_mb()}


def run_in_subprocess(method: str, units: int, out_dir: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--one", method, str(units), str(out_dir)],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="target triples, comma-separated")
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib (slow and big at 1M)")
    parser.add_argument("--one", nargs=3, metavar=("METHOD", "UNITS", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        method, units, out_dir = args.one
        print(json.dumps(measure_one(method, int(units), Path(out_dir))))
        return 0

    methods = ["ntriples", "turtle"] + ([] if args.no_rdflib else ["rdflib-nt"])
    rows = []
    with tempfile.TemporaryDirectory(prefix="edugraph-bench-") as tmp:
        for target in [int(s) for s in args.sizes.split(",")]:
            units = max(1, target // TRIPLES_PER_UNIT)
            for method in methods:
                row = run_in_subprocess(method, units, Path(tmp))
                rows.append(row)
                print(f"  {method:10s} {row['triples']:>9,d} triples  {row['seconds']:7.2f} s  "
                      f"{row['triples'] / row['seconds']:>10,.0f} triples/s  peak {row['peak_mb']:7.1f} MB",
                      flush=True)
                for name in os.listdir(tmp):
                    os.unlink(os.path.join(tmp, name))
    print()
    print("size       method        triples/s   ×rdflib   peak MB   ×smallest")
    smallest = {m: next(r["peak_mb"] for r in rows if r["method"] == m) for m in methods}
    for row in rows:
        ref = next((r for r in rows if r["method"] == "rdflib-nt" and r["units"] == row["units"]), None)
        speed = row["triples"] / row["seconds"]
        ratio = f"{speed / (ref['triples'] / ref['seconds']):7.2f}" if ref else "    n/a"
        print(f"{row['triples']:>9,d}  {row['method']:10s} {speed:>11,.0f}  {ratio}  {row['peak_mb']:8.1f}  "
              f"{row['peak_mb'] / smallest[row['method']]:9.2f}")
    streamed = [r for r in rows if r["method"] in ("ntriples", "turtle")]
    growth = max(r["peak_mb"] / smallest[r["method"]] for r in streamed)
    print(f"\nstreaming formats: peak memory at the largest size is {growth:.2f}× the smallest "
          f"({'flat' if growth < 1.25 else 'GROWS'})")
    if not args.no_rdflib:
        slowest = min(r["triples"] / r["seconds"] / next(
            x["triples"] / x["seconds"] for x in rows if x["method"] == "rdflib-nt" and x["units"] == r["units"])
            for r in streamed)
        print(f"slowest streaming throughput is {slowest:.2f}× rdflib's N-Triples serializer "
              f"({'at least rdflib' if slowest >= 1 else 'SLOWER than rdflib'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

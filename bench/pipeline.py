"""End to end: read, extract and load generated documents of the genre's size with --jobs workers (issue 12).

    .venv/bin/python bench/pipeline.py [--docs 10000] [--jobs 2] [--backend falkordb|neo4j]

The documents are made by recombining the real sentences of data/sample/ with varied names, schools and
dates — for throughput only, never for quality. Prints documents/s, the time of each stage (read and extract
summed over the workers, load in the main process and the store), and the peak memory of every process
(main, each worker, the FalkorDB server). Targets: 10,000 documents in < 10 minutes on 2 cores, no process
over 1 GB. Neo4j: the database of NEO4J_URI, cleared first.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.load.loader import load_documents  # noqa: E402
from graph.store import open_store  # noqa: E402
from ingest.pipeline import Outcome, _extracted  # noqa: E402
from ingest.readers import ReadError, read_document  # noqa: E402

FAMILIES = ["Орлова", "Зайцева", "Комарова", "Белова", "Соколова", "Лебедева", "Морозова", "Волкова", "Крылова",
            "Титова", "Громова", "Никитина", "Ершова", "Рябова", "Гусева"]
GIVEN = ["Анна", "Мария", "Елена", "Ольга", "Татьяна", "Ирина", "Наталья", "Светлана", "Юлия", "Вера"]
PATRONYMICS = ["Петровна", "Ивановна", "Сергеевна", "Андреевна", "Викторовна", "Олеговна", "Николаевна"]
SUBJECTS = ["математики", "русского языка", "истории", "физики", "химии", "биологии", "информатики"]
PLACES = ["Берёзовского", "Озёрного", "Сосновского", "Ключевского", "Заречного", "Луговского", "Кедрового"]
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "сентября", "октября", "ноября", "декабря"]
DATE = re.compile(r"\b\d{1,2}\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
                  r"\s+\d{4}")


def sample_sentences() -> list[str]:
    lines = []
    for path in sorted((ROOT / "data" / "sample").glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 20]
    return lines


def made_sentence(rng: random.Random) -> str:
    """A sentence of the genre with a new person, school and district."""
    person = f"{rng.choice(FAMILIES)} {rng.choice(GIVEN)} {rng.choice(PATRONYMICS)}"
    school = f"МБОУ «СОШ № {rng.randint(1, 60)}» {rng.choice(PLACES)} района"
    return rng.choice([
        f"Наградить почётной грамотой {person}, учителя {rng.choice(SUBJECTS)} {school}.",
        f"{person}, директор {school}, выступила с докладом на семинаре.",
        f"В конкурсе приняли участие команды {school} и МКОУ «Гимназия № {rng.randint(1, 20)}».",
    ])


def make_documents(folder: Path, count: int, seed: int = 5) -> int:
    """``count`` text files of recombined sentences; returns their total size in bytes."""
    rng = random.Random(seed)
    sentences = sample_sentences()
    total = 0
    for number in range(count):
        date = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2010, 2024)}"
        body = [DATE.sub(date, rng.choice(sentences)) for _ in range(rng.randint(15, 45))]
        body[rng.randrange(len(body)):0] = [made_sentence(rng) for _ in range(rng.randint(2, 6))]
        text = f"ПРИКАЗ № {rng.randint(1, 900)} от {date} года\n" + "\n".join(body) + "\n"
        path = folder / f"{number:05d}.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def _warm_up() -> None:
    from ingest.extract import load_models

    load_models()


def timed_extract(path: str) -> tuple[Outcome, float, float, int, int]:
    """A worker's outcome with its read and extract seconds, its pid and peak memory (KB)."""
    started = time.perf_counter()
    outcome = Outcome(path)
    try:
        document = read_document(path)
    except ReadError as exc:
        return outcome.fail(str(exc), exc.code), time.perf_counter() - started, 0.0, os.getpid(), _peak_kb()
    read_s = time.perf_counter() - started
    _extracted(outcome, document)
    return outcome, read_s, time.perf_counter() - started - read_s, os.getpid(), _peak_kb()


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def server_peak_kb(data_dir: Path) -> int | None:
    """VmHWM of the FalkorDB server of ``data_dir`` (Linux)."""
    from graph.store.falkor import server_paths

    try:
        pid = int(server_paths(data_dir).pid_file.read_text().strip())
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, ValueError):
        return None
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found[1]) if found else None


class Stages:
    """Seconds per stage and peak memory per worker, gathered as the outcomes come."""

    def __init__(self) -> None:
        self.read = self.extract = self.waiting = self.store = 0.0
        self.workers: dict[int, int] = {}

    def outcomes(self, files: list[str], jobs: int) -> Iterator[Outcome]:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_warm_up) as pool:
            results = pool.imap(timed_extract, files, chunksize=4)
            while True:
                started = time.perf_counter()
                try:
                    outcome, read_s, extract_s, pid, peak = next(results)
                except StopIteration:
                    return
                self.waiting += time.perf_counter() - started
                self.read, self.extract = self.read + read_s, self.extract + extract_s
                self.workers[pid] = max(peak, self.workers.get(pid, 0))
                yield outcome


def timed_store(store, stages: Stages):
    real = store.write_atomic

    def write_atomic(statements):
        started = time.perf_counter()
        try:
            return real(statements)
        finally:
            stages.store += time.perf_counter() - started

    store.write_atomic = write_atomic
    return store


def report(args, stages: Stages, seconds: float, summary, size: int, server_kb: int | None) -> None:
    docs = args.docs
    print(f"{docs:,} documents ({size / docs / 1024:.1f} KB each on average), --jobs {args.jobs}, {args.backend}: "
          f"{seconds:.1f} s, {docs / seconds:.1f} documents/s")
    print("  " + summary.lines()[0])
    print(f"  read     {stages.read:8.1f} s  (summed over the workers; {stages.read / docs * 1000:.1f} ms a document)")
    print(f"  extract  {stages.extract:8.1f} s  (summed over the workers; {stages.extract / docs * 1000:.1f} ms a "
          "document)")
    print(f"  load     {seconds - stages.waiting:8.1f} s  in the main process (rows and statements), of which the "
          f"store's writes {stages.store:.1f} s (a writer thread, beside the rest)")
    print(f"  waiting for the workers {stages.waiting:.1f} s")
    peaks = {"main": _peak_kb(), **{f"worker {pid}": kb for pid, kb in sorted(stages.workers.items())}}
    if server_kb:
        peaks["FalkorDB server"] = server_kb
    over = [name for name, kb in peaks.items() if kb > 1024 * 1024]
    print("  peak memory: " + ", ".join(f"{name} {kb / 1024:.0f} MB" for name, kb in peaks.items()))
    minutes = seconds / docs * 10_000 / 60
    print(f"  at this rate 10,000 documents take {minutes:.1f} min (target < 10: {'met' if minutes < 10 else 'NOT met'});"
          f" processes over 1 GB: {', '.join(over) or 'none'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--backend", choices=("falkordb", "neo4j"), default="falkordb")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="edugraph-pipeline-") as tmp:
        folder, data_dir = Path(tmp) / "docs", Path(tmp) / "data"
        folder.mkdir()
        size = make_documents(folder, args.docs)
        if args.backend == "falkordb":
            os.environ.pop("NEO4J_URI", None)
        stages = Stages()
        store = timed_store(open_store(data_dir), stages)
        try:
            store.clear()
            store.ensure_schema()
            started = time.perf_counter()
            summary = load_documents(store, stages.outcomes(sorted(map(str, folder.glob("*.txt"))), args.jobs))
            seconds = time.perf_counter() - started
            server_kb = server_peak_kb(data_dir) if args.backend == "falkordb" else None
        finally:
            store.close()
            if args.backend == "falkordb":
                from graph.store.falkor import stop_server

                stop_server(data_dir)
        report(args, stages, seconds, summary, size, server_kb)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: ``python -m lib timex FILE`` (start-up included) against dateparser on the same news text.

A user with a news file has two obvious ways to find its dates: the project's command line, or
``dateparser.search.search_dates`` in their own Python session, paragraph by paragraph. This measures
both on about 190,000 characters of news that are not the Geneva articles: the ``<TEXT>`` of TimeML
documents (TimeBank), joined in file-name order with a blank line between paragraphs and cut at
190,000 characters. The text is written to a temporary folder and deleted afterwards; it is never
committed (TimeBank's licence is its owners').

- command line: a fresh ``python -m lib timex FILE --dct DCT`` process, wall time from start to exit
  (interpreter start-up, imports and the CSV output included), best of ``--repeat`` after one warm-up,
  with Python's default bytecode cache (``__pycache__``, written by the warm-up: the child runs without
  ``PYTHONDONTWRITEBYTECODE`` even if the caller's shell sets it, as a user's Python does); its CPU time
  without a cache for the project's own modules (compiled from source on each start, as under
  ``PYTHONDONTWRITEBYTECODE=1``) is recorded too;
- dateparser: ``search_dates(paragraph, languages=["en"], settings={"RELATIVE_BASE": dct})`` for each
  paragraph in this process, after a warm-up call that loads its language data, best of ``--repeat``;
- for reference, the tagger in this process (``lib.timeline.tagger.tag`` on the whole text) and the command
  line's start-up alone (a one-word file);
- CPU seconds of both (the command line's from the operating system's account of the child process),
  which a crowded machine disturbs less than wall time.

The DCT is the first document's. Writes ``benchmarks/timex_cli.csv`` (one row) and prints it.

    python -m benchmarks.timex_cli TIMEML_DIR [--repeat 3] [--out benchmarks]
"""

import argparse
import csv
import datetime as dt
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lib.core import paths
from lib.timeline import tagger, timex_eval

CHARACTERS = 190_000
COLUMNS = ["date", "characters", "paragraphs", "expressions", "cli_seconds", "cli_startup_seconds",
           "tagger_in_process_seconds", "dateparser_seconds", "dateparser_dates", "speedup_cli",
           "speedup_in_process", "cli_cpu_seconds", "dateparser_cpu_seconds", "speedup_cli_cpu",
           "cli_cpu_seconds_no_bytecode_cache", "speedup_cli_cpu_no_bytecode_cache", "load_average", "python"]


def news_text(folder: Path, characters: int = CHARACTERS) -> tuple[str, dt.date]:
    """The first ``characters`` characters of the documents' text, paragraphs apart, and the first DCT."""
    documents = timex_eval.read_folder(folder)
    parts, length = [], 0
    for doc in documents:
        for paragraph in doc.text.split("\n"):
            if paragraph.strip():
                parts.append(paragraph.strip())
                length += len(parts[-1]) + 2
        if length >= characters:
            break
    if length < characters:
        raise SystemExit(f"{folder}: only {length:,} characters of text, {characters:,} needed")
    return "\n\n".join(parts)[:characters], documents[0].dct


def best(run, repeat: int) -> tuple[float, object, float]:
    """The shortest wall time of ``repeat`` calls, the last call's result, and the smallest CPU time
    (this process's plus that of the child processes it waited for): on a shared machine CPU time
    moves less than wall time."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), _cpu()
        result = run()
        times.append(time.perf_counter() - start)
        cpu.append(_cpu() - start_cpu)
    return min(times), result, min(cpu)


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def cli(path: Path, dct: dt.date, cache_prefix: Path | None = None, write_cache: bool = True) -> str:
    """Run ``python -m lib timex`` in a fresh process, as a user would; its CSV output. By default with
    Python's own bytecode cache; ``cache_prefix`` moves the cache there (``PYTHONPYCACHEPREFIX``)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if cache_prefix is not None:
        env["PYTHONPYCACHEPREFIX"] = str(cache_prefix)
    if not write_cache:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-m", "lib", "timex", str(path), "--dct", dct.isoformat()],
                          cwd=paths.ROOT, check=True, capture_output=True, text=True, env=env).stdout


def cli_without_project_cache(path: Path, dct: dt.date, tmp: Path, repeat: int) -> float:
    """The command line's smallest CPU time when the project's modules have no bytecode cache (each
    start compiles them from source; the standard library's stays cached): a warm-up fills a cache
    of its own, the project's part of it is deleted, and the timed runs write none."""
    prefix = tmp / "pycache"
    cli(path, dct, prefix)
    shutil.rmtree(prefix / paths.ROOT.relative_to(paths.ROOT.anchor))
    return best(lambda: cli(path, dct, prefix, write_cache=False), repeat)[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.timex_cli", description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="a folder of TimeML .tml files (e.g. TimeBank)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=paths.ROOT / "benchmarks")
    args = parser.parse_args(argv)
    from dateparser.search import search_dates

    text, dct = news_text(args.folder)
    paragraphs = text.split("\n\n")
    base = dt.datetime.combine(dct, dt.time())
    with tempfile.TemporaryDirectory() as tmp:
        news, word = Path(tmp) / "news.txt", Path(tmp) / "word.txt"
        news.write_text(text, encoding="utf-8")
        word.write_text("Wednesday\n", encoding="utf-8")
        cli(news, dct)                                    # warm-up: files and modules in the page cache
        cli_s, output, cli_cpu = best(lambda: cli(news, dct), args.repeat)
        startup_s, _, _ = best(lambda: cli(word, dct), args.repeat)
        source_cpu = cli_without_project_cache(news, dct, Path(tmp), args.repeat)
    in_process_s, tags, _ = best(lambda: tagger.tag(text, dct), args.repeat)
    if len(output.splitlines()) - 1 != len(tags):
        raise SystemExit(f"the command line found {len(output.splitlines()) - 1} expressions, tag() {len(tags)}")
    search_dates(paragraphs[0], languages=["en"], settings={"RELATIVE_BASE": base})   # loads its data
    dateparser_s, found, dateparser_cpu = best(lambda: [search_dates(p, languages=["en"], settings={"RELATIVE_BASE": base})
                                        for p in paragraphs], args.repeat)
    row = dict(date=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), characters=len(text),
               paragraphs=len(paragraphs), expressions=len(tags), cli_seconds=round(cli_s, 3),
               cli_startup_seconds=round(startup_s, 3), tagger_in_process_seconds=round(in_process_s, 3),
               dateparser_seconds=round(dateparser_s, 3), dateparser_dates=sum(len(f or []) for f in found),
               speedup_cli=round(dateparser_s / cli_s, 1), speedup_in_process=round(dateparser_s / in_process_s, 1),
               cli_cpu_seconds=round(cli_cpu, 3), dateparser_cpu_seconds=round(dateparser_cpu, 3),
               speedup_cli_cpu=round(dateparser_cpu / cli_cpu, 1),
               cli_cpu_seconds_no_bytecode_cache=round(source_cpu, 3),
               speedup_cli_cpu_no_bytecode_cache=round(dateparser_cpu / source_cpu, 1),
               load_average=round(os.getloadavg()[0], 2), python=platform.python_version())
    args.out.mkdir(parents=True, exist_ok=True)
    with open(args.out / "timex_cli.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerow(row)
    for key in COLUMNS:
        print(f"{key:28s} {row[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

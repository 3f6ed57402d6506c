"""Throughput of the target-directed tone measure beside VADER, and the command line on 1,000 rows.

Run from the repository root: ``.venv/bin/python -m benchmarks.tone_throughput`` (about a minute).
Writes ``benchmarks/tone_throughput.csv``. A benchmark, not a test: it reports, and the README judges.

What is timed (best of 3 after a warm-up, one process, one BLAS thread as the model always uses):
- each target of NewsMTSC ``devtest_mt`` repeated to 14,760 targets, scored by VADER on the whole
  sentence (the baseline), VADER on the mention's clause, and the recommended trained measure
  (``context_lr``: lexicon features plus words, then the logistic regression); the model's training on
  ``train`` is timed on its own (it happens once per process);
- ``python -m lib sentiment`` on a 1,000-row .csv (half the rows with a target), wall time of the whole
  command as a user runs it, start-up and training included.
"""

import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from lib.core import paths
from lib.tone import newsmtsc, targeted

REPEAT = 3
COPIES = 10
COLUMNS = ["task", "method", "n_targets", "seconds", "cpu_seconds", "targets_per_s", "targets_per_cpu_s",
           "relative_to_vader", "load_1min"]


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the command-line runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best(fn, repeat: int = REPEAT) -> dict:
    """Wall and CPU seconds of the fastest of ``repeat`` timed calls of ``fn`` after one untimed warm-up.
    CPU seconds are reported because the machine is shared: wall time grows with other people's load."""
    fn()
    runs = []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), _cpu()
        fn()
        runs.append({"seconds": time.perf_counter() - wall, "cpu_seconds": _cpu() - cpu})
    return min(runs, key=lambda run: run["seconds"])


def cli_rows(folder: Path, n: int = 1000) -> Path:
    """A .csv of ``n`` devtest sentences; every other row carries its target's offsets."""
    table = newsmtsc.load("devtest_mt").iloc[:n]
    file = folder / "thousand.csv"
    with file.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "target_start", "target_end"])
        for i, row in enumerate(table.itertuples()):
            writer.writerow([row.sentence, row.target_start, row.target_end] if i % 2 else [row.sentence, "", ""])
    return file


def run() -> pd.DataFrame:
    load = os.getloadavg()[0]
    test = newsmtsc.load("devtest_mt")
    targets = pd.concat([test] * COPIES, ignore_index=True)
    rows = []
    wall, cpu = time.perf_counter(), _cpu()
    targeted.trained(targeted.RECOMMENDED)
    rows.append({"task": "train once", "method": targeted.RECOMMENDED, "n_targets": len(newsmtsc.load("train")),
                 "seconds": time.perf_counter() - wall, "cpu_seconds": _cpu() - cpu})
    for method in (targeted.BASELINE, "vader_clause", targeted.RECOMMENDED):
        rows.append({"task": "score targets", "method": method, "n_targets": len(targets),
                     **best(lambda: targeted.score(targets, method))})
    with tempfile.TemporaryDirectory() as folder:
        file = cli_rows(Path(folder))
        env = {**os.environ, "PYTHONPATH": str(paths.ROOT)}
        command = [sys.executable, "-m", "lib", "sentiment", str(file)]
        rows.append({"task": "python -m lib sentiment (1,000-row csv)", "method": "all + recommended", "n_targets": 1000,
                     **best(lambda: subprocess.run(command, env=env, check=True, capture_output=True), 2)})
    table = pd.DataFrame(rows)
    table["targets_per_s"] = table["n_targets"] / table["seconds"]
    table["targets_per_cpu_s"] = table["n_targets"] / table["cpu_seconds"]
    # Relative speed by CPU time: on a shared machine the wall clock also measures the neighbours.
    vader = table.loc[(table["task"] == "score targets") & (table["method"] == targeted.BASELINE), "targets_per_cpu_s"].iloc[0]
    table["relative_to_vader"] = (table["targets_per_cpu_s"] / vader).where(table["task"] == "score targets")
    table["load_1min"] = load
    return table[COLUMNS]


def main() -> None:
    table = run()
    out = paths.ROOT / "benchmarks" / "tone_throughput.csv"
    table.to_csv(out, index=False, lineterminator="\n", float_format="%.4g")
    print(table.to_string(index=False))


if __name__ == "__main__":
    main()

"""``python -m lib bench``: how fast the project runs, against the tools a user would reach for.

Four measurements, each written as rows of ``benchmarks/results.csv`` (columns
:data:`RESULT_COLUMNS`):

- ``pipeline``: validate, clean, segment, tag and score a scaled corpus (:mod:`benchmarks.scaled`) of 5,
  50, 500 and 5,000 articles with :func:`benchmarks.pipeline.run`, against the plain calls in one process.
  Each size runs in a fresh Python process, so its peak memory is its own: the larger of the
  parent's exact peak (``resource.getrusage``; it covers the final combining step, when the
  workers have exited) and the sampled peak of the whole process tree (:class:`TreeMemory`, which
  covers the parallel phase). ``pipeline_runs.csv`` also keeps the plain sum of every process's
  own peak, an upper bound that counts the pages a forked worker shares with its parent twice.
- ``timex``: the project's temporal tagger against ``dateparser.search.search_dates`` on the same
  body sentences (speed), and both against the reference annotation (gold) (accuracy, written to
  ``benchmarks/timex_accuracy.csv``).
- ``sentiment``: VADER sentence scoring through :func:`benchmarks.pipeline.pooled_vader_scores` against a
  plain loop over NLTK's ``polarity_scores``; the scores must be identical or the run fails.
- ``reproduce``: what ``make reproduce`` runs (``python -m lib run``), into a temporary folder, with
  wall time per notebook in ``benchmarks/reproduce_notebooks.csv``.

Timings are wall-clock seconds, best of ``--repeat`` runs for the short measurements. The machine is
described in ``benchmarks/machine.csv`` (cores, memory, CPU, versions, load average before the run):
numbers from a shared or busy machine are slower than the same code on an idle one. The benchmark
reports; ``benchmarks/README.md`` holds a reader's verdict against the targets.
"""

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

import pandas as pd

from lib.core import outputs, paths, settings
from lib.corpus import clean, load, segment
from lib.tone import scorers
from . import pipeline, scaled
from lib.core.errors import InputError

RESULT_COLUMNS = ["task", "n_articles", "n_sentences", "seconds", "per_article_ms", "peak_mib", "baseline",
                  "baseline_seconds", "speedup"]
ACCURACY_COLUMNS = ["gold", "system", "n_gold", "n_predicted", "strict_precision", "strict_recall", "strict_f1",
                    "relaxed_precision", "relaxed_recall", "relaxed_f1", "value_accuracy", "value_correct_of_gold"]
DEFAULT_SIZES = (5, 50, 500, 5000)
QUICK_SIZES = (5, 50)
#: Largest corpus on which the plain calls are timed by default.
BASELINE_UP_TO = 500
#: Articles of the scaled corpus whose sentences the sentiment measurement scores.
SENTIMENT_ARTICLES = 500
PACKAGES = ("pandas", "numpy", "nltk", "vaderSentiment", "textblob", "dateparser", "regex", "nbclient",
            "ipykernel", "tqdm")
PLAIN_BASELINE = "plain calls, one process"
NLTK_BASELINE = "nltk polarity_scores loop"
DATEPARSER_BASELINE = "dateparser.search.search_dates"


# --- The machine -----------------------------------------------------------------------------------

def machine() -> pd.DataFrame:
    """What the numbers were measured on: ``key, value`` rows."""
    rows = {"date_utc": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M"),
            "nproc": str(pipeline.default_workers()), "platform": platform.platform(),
            "python": platform.python_version()}
    try:
        info = Path("/proc/cpuinfo").read_text()
        rows["cpu"] = next(line.split(":", 1)[1].strip() for line in info.splitlines()
                           if line.startswith("model name"))
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        rows["memory_gib"] = f"{int(mem) / 1024 ** 2:.1f}"
    except (OSError, StopIteration):
        rows["cpu"] = platform.processor()
    if hasattr(os, "getloadavg"):
        rows["load_average_1_5_15"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    for name in PACKAGES:
        try:
            rows[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            rows[name] = ""
    return pd.DataFrame({"key": list(rows), "value": list(rows.values())})


def _row(task: str, n_articles: int, n_sentences: int, seconds: float, peak_mib: float | None,
         baseline: str, baseline_seconds: float | None) -> dict:
    return dict(task=task, n_articles=n_articles, n_sentences=n_sentences, seconds=round(seconds, 4),
                per_article_ms=round(1000 * seconds / n_articles, 4),
                peak_mib=round(peak_mib, 1) if peak_mib is not None else None, baseline=baseline,
                baseline_seconds=round(baseline_seconds, 4) if baseline_seconds is not None else None,
                speedup=round(baseline_seconds / seconds, 3) if baseline_seconds else None)


def _best(fn, repeat: int) -> tuple[float, object]:
    """Best wall time of ``repeat`` calls of ``fn`` and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


# --- Memory ---------------------------------------------------------------------------------------

def _pss_mib(pid: int) -> float:
    """Proportional set size of one process (MiB): shared pages split between their users (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


class TreeMemory(threading.Thread):
    """Samples, every ``interval`` seconds, the memory of this process and its children as the sum of
    their proportional set sizes, and keeps the peak.

    ``getrusage`` gives each process's own peak; adding the workers' peaks to the parent's counts
    the pages a forked worker still shares with its parent twice, so it is an upper bound. PSS
    splits shared pages between the processes that map them, so the sum is what the tree really
    holds (sampled: a peak shorter than the interval can be missed). Linux only; elsewhere 0.
    """

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval, self.peak_mib, self._halt = interval, 0.0, threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._halt.is_set():
            self.peak_mib = max(self.peak_mib, sum(_pss_mib(p) for p in [me, *_children(me)]))
            self._halt.wait(self.interval)

    def stop(self) -> float:
        self._halt.set()
        self.join()
        return self.peak_mib


# --- Pipeline ---------------------------------------------------------------------------------------

def _child(mode: str, folder: str) -> dict:
    """Inside a fresh process: time one pipeline run (``mode`` pipeline or plain) on ``folder``.

    Lexicons and models are loaded first, on one article, so both modes time the work and not the
    first-use setup; validation (:func:`lib.corpus.load.load`) is inside the timed region.
    """
    first = load.load(paths.ROOT / "corpus").iloc[:1]
    first_targets = settings.load(paths.ROOT / "corpus").targets
    pipeline.process(first, first_targets)
    pipeline.plain(first, first_targets)
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cpu_before = os.times()
    sampler = TreeMemory()
    sampler.start()
    started = time.perf_counter()
    if mode == "pipeline":
        result = pipeline.run(folder, progress=True)
        tables, workers, extra = result.tables, result.workers, sum(result.worker_peak_mib.values())
    else:
        tables = pipeline.plain(load.load(folder), settings.load(folder).targets)
        workers, extra = 1, 0.0
    seconds = time.perf_counter() - started
    pss_peak = sampler.stop()
    cpu = os.times()
    cpu_seconds = sum(getattr(cpu, f) - getattr(cpu_before, f) for f in ("user", "system", "children_user",
                                                                         "children_system"))
    parent = pipeline.peak_rss_mib()
    return dict(seconds=seconds, cpu_seconds=cpu_seconds, load_average=load_average, n_sentences=len(tables["sentences"]),
                workers=workers, peak_mib=max(parent, pss_peak), parent_peak_mib=parent, pss_peak_mib=pss_peak,
                rusage_sum_mib=parent + extra, rows={k: len(v) for k, v in tables.items()})


def _in_child(mode: str, folder: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(paths.ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run([sys.executable, "-m", "lib", "bench", "--child", mode, str(folder)], cwd=paths.ROOT,
                          env=env, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child ({mode}, {folder}) failed with status {done.returncode}")
    return json.loads(done.stdout.strip().splitlines()[-1])


DETAIL_COLUMNS = ["n_articles", "mode", "workers", "seconds", "cpu_seconds", "peak_mib", "parent_peak_mib",
                  "pss_peak_mib", "rusage_sum_mib", "load_average"]


def bench_pipeline(sizes: list[int], baseline_up_to: int, log=print) -> tuple[list[dict], pd.DataFrame]:
    """One ``pipeline`` row per size (the parallel pipeline against the plain calls), and the details:
    CPU seconds (own and children's) and the 1-minute load average when each run started, so a reader
    can tell a slow machine from a slow program."""
    rows, details = [], []
    for n in sizes:
        with scaled.temporary(n) as folder:
            fast = _in_child("pipeline", folder)
            plain = _in_child("plain", folder) if n <= baseline_up_to else None
        for mode, run in (("pipeline", fast), ("plain", plain)):
            if run:
                details.append(dict(n_articles=n, mode=mode, workers=run["workers"], seconds=round(run["seconds"], 3),
                                    cpu_seconds=round(run["cpu_seconds"], 3), peak_mib=round(run["peak_mib"], 1),
                                    parent_peak_mib=round(run["parent_peak_mib"], 1),
                                    pss_peak_mib=round(run["pss_peak_mib"], 1),
                                    rusage_sum_mib=round(run["rusage_sum_mib"], 1),
                                    load_average=round(run["load_average"], 2)))
        if plain and plain["rows"] != fast["rows"]:
            raise RuntimeError(f"pipeline and plain calls disagree on {n} articles: {fast['rows']} vs {plain['rows']}")
        rows.append(_row("pipeline", n, fast["n_sentences"], fast["seconds"], fast["peak_mib"], PLAIN_BASELINE,
                         plain["seconds"] if plain else None))
        log(f"pipeline  {n:>6} articles {fast['n_sentences']:>7} sentences  {fast['seconds']:7.2f} s "
            f"({fast['workers']} process(es), peak {fast['peak_mib']:.0f} MiB)"
            + (f"; plain calls {plain['seconds']:7.2f} s, peak {plain['peak_mib']:.0f} MiB" if plain else ""))
    return rows, pd.DataFrame(details, columns=DETAIL_COLUMNS)


# --- Temporal tagging ------------------------------------------------------------------------------

def _dateparser_loop(texts: list[tuple[str, dt.datetime]]) -> list:
    """The baseline as a user would write it: ``search_dates`` on each sentence, English, DCT as base."""
    from dateparser.search import search_dates
    return [search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) for text, base in texts]


def _tagger_inputs(articles: pd.DataFrame, sentences: pd.DataFrame) -> list[tuple[str, dt.date, list]]:
    """Each article's text, DCT (``published``) and body sentence spans: what the tagger is given."""
    spans = {doc: list(zip(g["start"], g["end"])) for doc, g in sentences.groupby("doc_id", sort=False)}
    return [(art.text, dt.date.fromisoformat(art.published), spans.get(art.doc_id, []))
            for art in articles.itertuples()]


def _tagger_loop(inputs: list[tuple[str, dt.date, list]]) -> list:
    """The project's tagger (:func:`lib.timeline.tagger.tag`) on the same sentences, article by article."""
    from lib.timeline import tagger
    return [timex for text, dct, spans in inputs for timex in tagger.tag(text, dct, spans)]


def timex_accuracy(articles: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Tagger and dateparser against each gold set: :func:`lib.timeline.tagger.evaluate` (what notebook 02
    reports), one row per gold set and system.

    Gold sets: ``five articles`` (the tagger's rules were written looking at them, so for the tagger
    this is a development score), ``held-out A`` (passages written before the rules) and ``held-out B``
    (written after the tagger was finished). dateparser's day counts as right when it falls inside the
    gold date (generous: it is never penalised for false precision).
    """
    from lib.timeline import tagger
    scores, _errors = tagger.evaluate(articles, sentences)
    table = scores.pivot_table(index=["dataset", "method"], columns="metric", values="value", sort=False)
    table = table.reset_index().rename(columns={"dataset": "gold", "method": "system"}).rename_axis(columns=None)
    return table[ACCURACY_COLUMNS].round(4).astype({"n_gold": int, "n_predicted": int})


def bench_timex(articles: pd.DataFrame, sentences: pd.DataFrame, repeat: int, log=print) -> dict:
    """A ``timex`` row: the tagger against ``search_dates`` on the same body sentences."""
    by_id = articles.set_index("doc_id")
    texts = [(t, dt.datetime.fromisoformat(by_id.loc[d, "published"])) for d, t in zip(sentences["doc_id"],
                                                                                     sentences["text"])]
    inputs = _tagger_inputs(articles, sentences)
    _dateparser_loop(texts[:1])            # dateparser loads its language data on first use
    _tagger_loop(inputs[:1])
    tagger_s, _ = _best(lambda: _tagger_loop(inputs), repeat)
    dateparser_s, _ = _best(lambda: _dateparser_loop(texts), repeat)
    n = len(sentences)
    log(f"timex     {len(articles):>6} articles {n:>7} sentences  {tagger_s:7.3f} s ({n / tagger_s:,.0f} sentences/s); "
        f"dateparser {dateparser_s:7.3f} s ({n / dateparser_s:,.0f} sentences/s)")
    return _row("timex", len(articles), n, tagger_s, None, DATEPARSER_BASELINE, dateparser_s)


# --- Sentence scoring -------------------------------------------------------------------------------

def bench_sentiment(texts: list[str], n_articles: int, repeat: int, log=print) -> dict:
    """A ``sentiment`` row: the pooled loop against the plain NLTK loop, scores checked identical."""
    analyser = scorers.nltk_analyser()      # a plain NLTK VADER with the project's lexicon: the baseline
    plain_s, plain = _best(lambda: pipeline.plain_vader_scores(analyser, texts), repeat)
    fast_s, fast = _best(lambda: pipeline.pooled_vader_scores(analyser, texts), repeat)
    if fast != plain:
        differ = sum(a != b for a, b in zip(fast, plain))
        raise RuntimeError(f"pooled VADER scores differ from NLTK's on {differ} of {len(texts)} sentences")
    log(f"sentiment {n_articles:>6} articles {len(texts):>7} sentences  {fast_s:7.2f} s; "
        f"plain NLTK loop {plain_s:7.2f} s (scores identical)")
    return _row("sentiment", n_articles, len(texts), fast_s, None, NLTK_BASELINE, plain_s)


# --- Reproduce --------------------------------------------------------------------------------------

def bench_reproduce(log=print) -> tuple[dict, pd.DataFrame]:
    """A ``reproduce`` row (what ``make reproduce`` runs, into a temporary folder) and per-notebook times."""
    code = ("import json, sys; from lib.delivery import runner; "
            "print(json.dumps(runner.run(out=sys.argv[1], quiet=True)))")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(paths.ROOT), os.environ.get("PYTHONPATH")])))
    env.pop("GENEVA_CORPUS", None)
    with tempfile.TemporaryDirectory(prefix="geneva-reproduce-") as out:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", code, out], cwd=paths.ROOT, env=env, stdout=subprocess.PIPE,
                              text=True)
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"python -m lib run failed with status {done.returncode}")
    times = json.loads(done.stdout.strip().splitlines()[-1])
    table = pd.DataFrame({"notebook": list(times), "seconds": [round(t, 3) for t in times.values()]})
    articles = load.load()
    n_sentences = len(segment.sentences(articles))
    log(f"reproduce {len(articles):>6} articles {n_sentences:>7} sentences  {seconds:7.2f} s for "
        f"{len(times)} notebooks (" + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()) + ")")
    return _row("reproduce", len(articles), n_sentences, seconds, None, "", None), table


# --- Summary ---------------------------------------------------------------------------------------

def summary(results: pd.DataFrame, details: pd.DataFrame) -> list[str]:
    """Each target beside what was measured (the numbers only: the verdict is the reader's)."""
    lines = []
    pipe = results[results["task"] == "pipeline"].set_index("n_articles")
    for small, big in zip(pipe.index[:-1], pipe.index[1:]):
        ratio = pipe.loc[big, "per_article_ms"] / pipe.loc[small, "per_article_ms"]
        cpu = details[details["mode"] == "pipeline"].set_index("n_articles")["cpu_seconds"]
        cpu_ratio = (cpu[big] / big) / (cpu[small] / small)
        lines.append(f"per-article time {small} -> {big} articles: x{ratio:.2f} wall, x{cpu_ratio:.2f} CPU "
                     "(target for 500 -> 5000: within x1.3)")
    if 5000 in pipe.index:
        run = details[(details["mode"] == "pipeline") & (details["n_articles"] == 5000)].iloc[0]
        lines.append(f"5,000 articles: {pipe.loc[5000, 'seconds']:.1f} s, peak {pipe.loc[5000, 'peak_mib']:.0f} MiB "
                     f"(parent {run['parent_peak_mib']:.0f}, process tree {run['pss_peak_mib']:.0f} sampled; sum of "
                     f"per-process peaks {run['rusage_sum_mib']:.0f}) (target: < 60 s and < 1024 MiB)")
    for task, target in (("timex", "at least x10 dateparser's throughput, higher accuracy"),
                         ("sentiment", "at least x2 the plain NLTK loop, identical scores")):
        for row in results[results["task"] == task].itertuples():
            lines.append(f"{task} on {row.n_sentences} sentences: x{row.speedup:.2f} (target: {target})")
    for row in results[results["task"] == "reproduce"].itertuples():
        lines.append(f"reproduce: {row.seconds:.1f} s (target: < 60 s)")
    return lines


# --- Command line -----------------------------------------------------------------------------------

def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise InputError("--sizes", f"{text!r} is not a comma-separated list of whole numbers") from None
    if not sizes or any(not 1 <= n <= scaled.MAX_ARTICLES for n in sizes):
        raise InputError("--sizes", f"each size must be between 1 and {scaled.MAX_ARTICLES}")
    return sizes


def main(argv: list[str]) -> int:
    """Run the benchmark and write ``benchmarks/`` (or ``--out``)."""
    parser = argparse.ArgumentParser(
        prog="python -m lib bench",
        description="Benchmark the pipeline, the temporal tagger, sentence scoring and the notebook run "
                    "against the tools a user would reach for; write benchmarks/results.csv.")
    parser.add_argument("--sizes", default=None,
                        help="comma-separated corpus sizes for the pipeline (default 5,50,500,5000)")
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: sizes 5,50, sentiment on the real sentences, one repeat, no reproduce")
    parser.add_argument("--baseline-up-to", type=int, default=BASELINE_UP_TO, metavar="N",
                        help=f"time the plain calls only for sizes up to N articles (default {BASELINE_UP_TO}: "
                             "on 5,000 they take nearly two minutes more)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats of the short measurements (best is kept)")
    parser.add_argument("--no-reproduce", action="store_true", help="skip timing the notebooks")
    parser.add_argument("--out", type=Path, default=paths.ROOT / "benchmarks",
                        help="folder for results.csv and the other tables (default benchmarks/)")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    sizes = _sizes(args.sizes) if args.sizes else list(QUICK_SIZES if args.quick else DEFAULT_SIZES)
    repeat = 1 if args.quick else max(1, args.repeat)
    args.out.mkdir(parents=True, exist_ok=True)
    info = machine()
    print("machine: " + ", ".join(f"{k} {v}" for k, v in zip(info["key"], info["value"]) if k in
                                  ("nproc", "cpu", "memory_gib", "python", "load_average_1_5_15")))
    rows, details = bench_pipeline(sizes, args.baseline_up_to)
    outputs.write_csv(details, "pipeline_runs.csv", args.out)

    articles = load.load()
    real = segment.sentences(articles)
    rows.append(bench_timex(articles, real, repeat))
    accuracy = timex_accuracy(articles, real)
    outputs.write_csv(accuracy, "timex_accuracy.csv", args.out)
    print(accuracy[["gold", "system", "n_gold", "n_predicted", "relaxed_f1", "value_accuracy",
                    "value_correct_of_gold"]].to_string(index=False))
    rows.append(bench_sentiment([clean.normalise(t) for t in real["text"]], len(articles), repeat))
    if not args.quick:
        with scaled.temporary(SENTIMENT_ARTICLES) as folder:
            texts = [clean.normalise(t) for t in segment.sentences(load.load(folder))["text"]]
        rows.append(bench_sentiment(texts, SENTIMENT_ARTICLES, repeat))

    if not (args.quick or args.no_reproduce):
        row, notebooks = bench_reproduce()
        rows.append(row)
        outputs.write_csv(notebooks, "reproduce_notebooks.csv", args.out)

    results = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    outputs.write_csv(results, "results.csv", args.out)
    outputs.write_csv(info, "machine.csv", args.out)
    print("\n".join(["", "measured against the targets:", *summary(results, details)]))
    print(f"written: {args.out / 'results.csv'}")
    return 0

"""The per-article pipeline, batched and spread over the machine's cores.

Validate, clean and segment every article, tag its temporal expressions, score every body sentence
and every leader-mentioning clause with every sentiment method. :func:`plain` does it the way a
notebook does, with the project's public functions on the whole corpus (:func:`lib.corpus.load.load`,
:func:`lib.corpus.segment.sentences`, :func:`lib.timeline.tagger.tag_articles`, :func:`lib.tone.scorers.all_scores`).
:func:`run` does the same on chunks of articles: articles are independent once the corpus is
validated, so chunks can go to worker processes, and the tables are put back together in the
whole-corpus order. They equal :func:`plain`'s cell for cell (``benchmarks/tests/test_bench.py``).

Why it is faster than the plain calls on a large corpus: a second (third …) core works on other
chunks (a process pool: the work is pure Python and the GIL keeps threads from helping). A small
corpus stays in one process, where starting workers would cost more than it saves. Everything else
that makes a run fast is in the modules the notebooks use too: the tagger's prefilter
(:data:`lib.timeline.tagger.RULE_NEEDS`), and row grouping done once per table in ``tagger.tag_articles``
and ``scorers._calibrated``.

``benchmarks/README.md`` has the measured numbers.
"""

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from lib.core import settings
from lib.corpus import load, segment
from lib.timeline import tagger
from lib.tone import scorers

#: Below this many articles the pipeline stays in one process (starting workers costs ~0.1 s).
MIN_PARALLEL_ARTICLES = 40
#: Articles per chunk sent to a worker: big enough to amortise pickling, small enough to balance.
CHUNK_ARTICLES = 25


# --- Sentence scoring -----------------------------------------------------------------------------

def plain_vader_scores(analyser: SentimentIntensityAnalyzer, texts: list[str]) -> list[dict[str, float]]:
    """The baseline: a plain loop over NLTK's ``polarity_scores``, as a user would write it."""
    return [analyser.polarity_scores(text) for text in texts]


def pooled_vader_scores(analyser: SentimentIntensityAnalyzer, texts: list[str],
                        workers: int | None = None) -> list[dict[str, float]]:
    """``polarity_scores`` of every text, identical to :func:`plain_vader_scores`: the same loop, spread
    over a process pool for long lists (more than 5,000 texts; below that, starting workers costs more)."""
    workers = workers or default_workers()
    if workers < 2 or len(texts) <= 5000:
        return plain_vader_scores(analyser, texts)
    size = -(-len(texts) // (workers * 4))
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    with _pool(workers) as pool:
        parts = pool.map(plain_vader_scores, [analyser] * len(chunks), chunks)
        return [score for part in parts for score in part]


# --- The pipeline ----------------------------------------------------------------------------------

@dataclass
class Step:
    """One per-chunk step: ``run(articles, tables_so_far, targets) -> DataFrame`` stored under ``name``.

    ``combine`` puts the chunks' tables back together in the order the whole-corpus call gives
    (default: concatenate in chunk order).
    """

    name: str
    run: Callable[[pd.DataFrame, dict[str, pd.DataFrame], dict], pd.DataFrame]
    combine: Callable[[list[pd.DataFrame], dict], pd.DataFrame] = (
        lambda parts, _targets: pd.concat(parts, ignore_index=True))


def _sentences(articles: pd.DataFrame, _tables: dict[str, pd.DataFrame], _targets: dict) -> pd.DataFrame:
    return segment.sentences(articles)


def _timex(articles: pd.DataFrame, tables: dict[str, pd.DataFrame], _targets: dict) -> pd.DataFrame:
    return tagger.tag_articles(articles, tables["sentences"])


def _sentiment(_articles: pd.DataFrame, tables: dict[str, pd.DataFrame], targets: dict) -> pd.DataFrame:
    return scorers.all_scores(tables["sentences"], targets)


def _combine_sentiment(parts: list[pd.DataFrame], targets: dict) -> pd.DataFrame:
    """Chunks of :func:`lib.tone.scorers.all_scores` in its whole-corpus order: target (``all`` first, then
    the targets in settings order), then method, then sentence order (a stable sort keeps the last)."""
    table = pd.concat(parts, ignore_index=True)
    parts.clear()          # the chunks are copied into ``table``: free them before the sorted copy
    target = pd.Categorical(table["target"], categories=["all", *targets]).codes
    method = pd.Categorical(table["method"], categories=scorers.AUTOMATED).codes
    return table.take(np.lexsort((method, target))).reset_index(drop=True)   # lexsort is stable


def plain(articles: pd.DataFrame, targets: dict) -> dict[str, pd.DataFrame]:
    """The same tables from the project's public functions called once on the whole corpus, the way a
    notebook calls them: the reference the pipeline must equal, and the benchmark's baseline."""
    sentences = segment.sentences(articles)
    return {"sentences": sentences, "timex": tagger.tag_articles(articles, sentences),
            "sentiment": scorers.all_scores(sentences, targets)}


#: The steps in order; each sees the tables of the steps before it (for the same chunk).
STEPS: list[Step] = [Step("sentences", _sentences), Step("timex", _timex),
                     Step("sentiment", _sentiment, _combine_sentiment)]


@dataclass
class Result:
    """What :func:`run` returns: one table per step, and how the work was spread."""

    tables: dict[str, pd.DataFrame]
    n_articles: int
    workers: int
    chunks: int
    #: peak resident memory (MiB) of each worker process, by process id (empty when serial)
    worker_peak_mib: dict[int, float] = field(default_factory=dict)


def default_workers() -> int:
    """Worker processes to use: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def peak_rss_mib(who: int | None = None) -> float:
    """Peak resident memory (MiB) of this process, or of its waited-for children with
    ``who=resource.RUSAGE_CHILDREN`` (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    import resource
    usage = resource.getrusage(resource.RUSAGE_SELF if who is None else who).ru_maxrss
    return usage / (1024 * 1024) if sys.platform == "darwin" else usage / 1024


def process(articles: pd.DataFrame, targets: dict) -> dict[str, pd.DataFrame]:
    """Run every step on ``articles`` (already validated) in this process; ``targets`` are the
    corpus's sentiment targets (:func:`lib.core.settings.load`)."""
    tables: dict[str, pd.DataFrame] = {}
    for step in STEPS:
        tables[step.name] = step.run(articles, tables, targets)
    return tables


def _process_chunk(articles: pd.DataFrame, targets: dict) -> tuple[dict[str, pd.DataFrame], int, float]:
    return process(articles, targets), os.getpid(), peak_rss_mib()


@contextmanager
def _pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool that forks where the platform allows (workers inherit loaded lexicons)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool


def chunks(articles: pd.DataFrame, size: int = CHUNK_ARTICLES) -> list[pd.DataFrame]:
    """``articles`` cut into consecutive chunks of ``size`` rows."""
    return [articles.iloc[i:i + size] for i in range(0, len(articles), size)]


def run(folder: Path | str | None = None, workers: int | None = None, progress: bool = False,
        articles: pd.DataFrame | None = None, targets: dict | None = None,
        parallel_from: int = MIN_PARALLEL_ARTICLES, chunk_articles: int = CHUNK_ARTICLES) -> Result:
    """Validate the corpus in ``folder`` (and read its settings) and run every step on every article.

    ``workers`` defaults to the cores available; a corpus of fewer than ``parallel_from`` articles
    runs in this process. ``articles`` and ``targets`` skip loading (for a corpus already validated). ``progress``
    shows a tqdm bar on stderr. The tables equal :func:`process` on the whole corpus, row for row.
    """
    if articles is None:
        articles = load.load(folder)
    if targets is None:
        targets = settings.load(folder).targets
    workers = workers or default_workers()
    parts = chunks(articles, chunk_articles)
    if workers < 2 or len(articles) < parallel_from:
        workers, results = 1, [(process(part, targets), os.getpid(), 0.0) for part in _bar(parts, progress)]
    else:
        with _pool(workers) as pool:
            results = list(_bar(pool.map(_process_chunk, parts, [targets] * len(parts)), progress,
                                total=len(parts)))
    peaks: dict[int, float] = {}
    for _tables, pid, peak in results:
        peaks[pid] = max(peaks.get(pid, 0.0), peak)
    tables = {}
    for step in STEPS:     # chunk tables leave ``results`` as they are combined, so they can be freed
        tables[step.name] = step.combine([r[0].pop(step.name) for r in results], targets)
    return Result(tables, len(articles), workers, len(parts), peaks if workers > 1 else {})


def _bar(items, show: bool, total: int | None = None):
    if not show:
        return items
    from tqdm import tqdm
    return tqdm(items, total=total if total is not None else len(items), unit="chunk", file=sys.stderr,
                leave=False)

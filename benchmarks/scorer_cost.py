"""CPU cost per article of tone scoring and of the whole per-article work, in one process.

Run it from two checkouts on the same scaled corpus to compare code versions (how the 2026-11-29 rows of
``benchmarks/README.md`` were measured: this checkout against one of commit fd56927, the last with
``lib/fastscore.py``, alternately, because on a shared machine only runs made side by side compare)::

    DIR=$(mktemp -d)/scaled-200                                       # any folder outside the checkout
    .venv/bin/python benchmarks/scorer_cost.py "$DIR"                 # writes the corpus on first use
    PYTHONPATH=/path/to/other/checkout .venv/bin/python benchmarks/scorer_cost.py "$DIR"

(run as a file, so that ``lib`` and ``benchmarks`` come from ``PYTHONPATH`` when it is set).

CPU seconds (``time.process_time``), best of 3, after a warm-up that loads lexicons and models.
"""

import argparse
import time
from pathlib import Path

from lib.core import settings
from lib.corpus import load, segment
from lib.tone import scorers

from benchmarks import pipeline, scaled


def best_cpu(fn, repeat: int = 3) -> float:
    """The smallest CPU time of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/scorer_cost.py", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="scaled corpus folder (written if missing)")
    parser.add_argument("--articles", type=int, default=200, help="size of the scaled corpus to write (default 200)")
    args = parser.parse_args(argv)
    if not args.folder.exists():
        scaled.generate(args.articles, args.folder)
    case = settings.load(args.folder)
    articles = load.load(args.folder)
    sentences = segment.sentences(articles)
    scorers.all_scores(sentences.head(20), case.targets)            # warm-up
    n = len(articles)
    tone = best_cpu(lambda: scorers.all_scores(sentences, case.targets))
    whole = best_cpu(lambda: pipeline.plain(load.load(args.folder), case.targets))
    print(f"{Path(scorers.__file__).parents[2]}: {n} articles, {len(sentences)} sentences")
    print(f"  sentiment.all_scores            {tone:6.2f} CPU s  {tone / n * 1000:6.1f} ms per article")
    print(f"  validation + pipeline.plain     {whole:6.2f} CPU s  {whole / n * 1000:6.1f} ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

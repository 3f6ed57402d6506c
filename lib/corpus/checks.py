"""``python -m lib validate [DIR]`` and ``python -m lib init-corpus DIR``.

``validate`` runs the same checks as :func:`lib.corpus.load.load` (and reads ``settings.toml``) and
prints a one-line summary; ``init-corpus`` writes a ``metadata.csv`` skeleton for a new corpus.
"""

import argparse
from pathlib import Path

from ..core import paths, settings
from . import load as corpus


def main(argv: list[str]) -> int:
    """Validate a corpus folder; exit 0 with a one-line summary, or 2 with a one-line error."""
    parser = argparse.ArgumentParser(prog="python -m lib validate", description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None,
                        help="corpus folder (default: corpus/ or $GENEVA_CORPUS)")
    args = parser.parse_args(argv)
    folder = args.folder or paths.corpus_dir()
    articles = corpus.load(folder)
    case = settings.load(folder)
    print(f"{folder}: ok: {corpus.summary(articles)}; case: {case.title}, event {case.event_date}")
    return 0


def main_init_corpus(argv: list[str]) -> int:
    """Write ``DIR/metadata.csv`` with doc_id, file and sha256 filled in, for the user to complete."""
    parser = argparse.ArgumentParser(prog="python -m lib init-corpus",
                                     description="write a metadata.csv skeleton for a folder of .txt files")
    parser.add_argument("folder", type=Path, help="folder holding raw/*.txt (or *.txt directly)")
    args = parser.parse_args(argv)
    target = corpus.init_metadata(args.folder)
    print(f"{target}: written; fill in outlet, author, title, dates, genre and timing, add a settings.toml "
          f"(copy corpus/settings.toml), then run: python -m lib validate {args.folder}")
    return 0

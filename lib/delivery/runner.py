"""Execute the notebooks in order, headless: what ``make reproduce`` runs.

Each notebook in ``notebooks/`` whose name starts with two digits runs top to bottom in a fresh
kernel (nbclient), in name order, with the repository root importable and as working directory.
The corpus and output folders reach the notebooks through ``GENEVA_CORPUS`` and ``GENEVA_OUT`` (see
:mod:`lib.core.paths`), so ``make reproduce CORPUS=… OUT=…`` reruns the series on another corpus without
touching the committed ``results/`` and ``figures/``. Executed copies go to ``build/`` (git-ignored).
A failing cell stops the run with the notebook's name, the cell's number and the error, on one line;
a cell that raises :class:`lib.core.readiness.SkipRest` ends its notebook early on purpose (the steps that
need missing annotation files), and the series goes on. On a corpus other than the project's own,
cells tagged ``geneva-findings`` (prose that states what the Geneva articles show) are replaced by a
note, so a reader of another corpus never sees Geneva's findings as if they were theirs.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ..core import paths
from ..core.errors import InputError

#: Environment every kernel gets: deterministic hashing, a non-interactive matplotlib backend.
ANSI = re.compile(r"\x1b\[[0-9;]*m")

KERNEL_ENV = {"PYTHONHASHSEED": "0", "MPLBACKEND": "Agg", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}

#: Cell tag of prose that states the Geneva corpus' findings, and what replaces it on another corpus.
GENEVA_TAG = "geneva-findings"
GENEVA_NOTE = ("> *This paragraph describes what the five Geneva articles show; it is not shown for another "
               "corpus. Read your own tables and figures above, and the write-up (notebook 05).*")
#: The write-up: the report's front page, and exported as ``docs/write-up.md`` after every run of it.
WRITEUP = "05-write-up"


def notebooks(folder: Path | None = None, solutions: bool = False) -> list[Path]:
    """The series in run order: ``NN-*.ipynb`` (and, with ``solutions``, ``solutions/NN-*.ipynb``)."""
    folder = folder or paths.ROOT / "notebooks"
    found = sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb"))
    if solutions:
        found += sorted((folder / "solutions").glob("[0-9][0-9]-*.ipynb"))
    return found


def _failed_cell(nb: nbformat.NotebookNode) -> int | None:
    """Number (1-based, counting all cells) of the first code cell whose output is an error."""
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return number
    return None


def execute(path: Path, build: Path, timeout: int = 600) -> float:
    """Run one notebook, save the executed copy under ``build``, return seconds taken.

    Raises :class:`InputError` naming the notebook and cell when a cell fails.
    """
    nb = nbformat.read(path, as_version=4)
    if not paths.is_default_corpus():
        for cell in nb.cells:
            if GENEVA_TAG in cell.metadata.get("tags", []):
                cell.cell_type, cell.source = "markdown", GENEVA_NOTE
                cell.pop("outputs", None), cell.pop("execution_count", None)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(paths.ROOT)}})
    started = time.perf_counter()
    try:
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's start-up chatter (cell errors are in the outputs)
    except CellExecutionError as exc:
        if exc.ename == "SkipRest":
            return time.perf_counter() - started
        cell = _failed_cell(nb)
        lines = ANSI.sub("", str(exc)).strip().splitlines()
        error = next((line for line in reversed(lines) if line.strip()), "error")
        raise InputError(path.relative_to(paths.ROOT) if path.is_relative_to(paths.ROOT) else path,
                         f"cell {cell} failed: {error.strip()}") from None
    finally:
        build.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, build / path.name)
    return time.perf_counter() - started


def run(corpus: Path | None = None, out: Path | None = None, solutions: bool = False,
        only: list[str] | None = None, quiet: bool = False) -> dict[str, float]:
    """Run the series (or the notebooks named in ``only``) and return seconds per notebook."""
    if corpus:
        os.environ["GENEVA_CORPUS"] = str(Path(corpus).resolve())
    if out:
        os.environ["GENEVA_OUT"] = str(Path(out).resolve())
    os.environ.update(KERNEL_ENV)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(paths.ROOT), os.environ.get("PYTHONPATH")]))
    build = paths.out_dir() / "build" / "notebooks"
    series = notebooks(solutions=solutions)
    if only:
        series = [p for p in series if any(p.name.startswith(o) or p.stem == o for o in only)]
        if not series:
            raise InputError("notebooks/", f"no notebook matches {', '.join(only)}")
    times = {}
    total = time.perf_counter()
    for i, path in enumerate(series, start=1):
        name = str(path.relative_to(paths.ROOT / "notebooks"))
        if not quiet:
            print(f"[{i}/{len(series)}] {name} …", end=" ", flush=True)
        times[name] = execute(path, build / path.parent.relative_to(paths.ROOT / "notebooks"))
        if not quiet:
            print(f"{times[name]:.1f} s", flush=True)
        if path.stem == WRITEUP:   # readable on a code host without running anything
            from . import markdown_export

            markdown_export.write(build / path.name, paths.out_dir() / "docs" / "write-up.md", paths.figures_dir())
    if not quiet:
        print(f"done: {len(series)} notebooks in {time.perf_counter() - total:.1f} s; "
              f"results in {paths.results_dir()}, figures in {paths.figures_dir()}, executed copies in {build}")
    return times


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib run", description="execute the notebooks in order")
    parser.add_argument("only", nargs="*", help="run only these notebooks (e.g. 01 or 03-sentiment)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default corpus/)")
    parser.add_argument("--out", type=Path, help="folder for results/, figures/ and build/ (default: the repository)")
    parser.add_argument("--solutions", action="store_true", help="also run notebooks/solutions/")
    args = parser.parse_args(argv)
    if args.corpus and not args.corpus.is_dir():
        raise InputError(args.corpus, "not a folder")
    if args.corpus and not args.out and args.corpus.resolve() != (paths.ROOT / "corpus").resolve():
        raise InputError(args.corpus, "another corpus needs its own output folder: add --out DIR "
                                      "(make reproduce CORPUS=… OUT=…), so the committed results stay as they are")
    try:
        run(args.corpus, args.out, args.solutions, args.only)
    except InputError as exc:
        print(file=sys.stderr)
        raise exc
    return 0

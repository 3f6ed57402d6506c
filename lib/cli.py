"""The command line: ``python -m lib COMMAND …``.

Each command lives in the module of its concept and exposes ``main(argv: list[str]) -> int``; this
file only dispatches, so ``python -m lib validate`` does not import matplotlib and a module's own
tests can call its ``main`` directly. Any :class:`~lib.core.errors.InputError` (and any file the system
cannot read) ends the command with one line on stderr and exit status 2, never a traceback.
"""

import importlib
import sys

from .core.errors import InputError

#: command -> (module, one-line help)
COMMANDS = {
    "validate": ("lib.corpus.checks", "check a corpus folder (default corpus/): checksums, encoding, metadata"),
    "init-corpus": ("lib.corpus.checks", "write a metadata.csv skeleton with checksums for a folder of .txt files"),
    "skeleton": ("lib.skeletons", "draft an annotation file from the tools' proposals, for a person to review"),
    "run": ("lib.delivery.runner", "execute the notebooks in order, headless (what `make reproduce` calls)"),
    "timex": ("lib.timeline.tagger", "tag temporal expressions in a text file: CSV on stdout"),
    "timex-eval": ("lib.timeline.timex_eval", "score the temporal tagger on a folder of TimeML files (TempEval-3 style)"),
    "sentiment": ("lib.tone.scorers", "score sentences (.txt, one per line) or a .csv with text and optional target offsets: CSV on stdout"),
    "coding-sheet": ("lib.tone.coding_sheet", "write a sheet of sentences for students to code (--score FILE: its agreement)"),
    "bench": ("benchmarks.bench", "benchmark the pipeline against the tools a user would reach for"),
    "report": ("lib.delivery.report", "build the offline HTML site and PDF from the executed notebooks"),
}


def usage() -> str:
    lines = ["usage: python -m lib COMMAND [ARGS]", "", "commands:"]
    lines += [f"  {name:<12} {help_}" for name, (_, help_) in COMMANDS.items()]
    lines += ["", "python -m lib COMMAND --help describes one command."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name not in COMMANDS:
        print(f"python -m lib: unknown command {name!r} (one of: {', '.join(COMMANDS)})", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    entry = getattr(module, "main_" + name.replace("-", "_"), None) or module.main
    try:
        return int(entry(rest) or 0)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, UnicodeError) as exc:
        print(f"error: {getattr(exc, 'filename', None) or name}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}",
              file=sys.stderr)
        return 2

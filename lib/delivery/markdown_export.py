"""The write-up as a Markdown page a code host shows as it is: ``docs/write-up.md``.

Why Markdown, not the HTML site committed under ``docs/``: GitHub, GitLab and Gitea render a Markdown file
(with its tables and images) when a reader opens it in the repository, but show an HTML file as source
code, so a committed site would only be readable after a download or with a Pages setup. The page is
written by ``python -m lib run`` from the executed write-up, every time the series runs, so it can never
show other numbers than ``results/``; its figures are links to the committed ``figures/*.png`` (not copies),
and ``make reproduce`` rewrites it byte for byte (``tests/test_notebooks.py`` checks that).

What is converted: Markdown cells as they are (links that point into the repository re-aimed from
``notebooks/`` to ``docs/``), Markdown outputs as they are, pandas tables as Markdown tables, and each saved
figure as an image link named by its alt text. Code and the in-class exercise cells (tagged ``exercise``) are
left out: the page is read as a report.
"""

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat

from ..core.errors import InputError

HEADER = ("<!-- Written by `python -m lib run` from the executed notebooks/{name}.ipynb; do not edit by hand: "
          "every number comes from results/ of the same run. -->")
#: Cells with this tag are classroom exercises (blanks to fill in): the report leaves them out.
EXERCISE_TAG = "exercise"
LINK = re.compile(r"(\]\()([^)\s]+)(\))")


class _Table(HTMLParser):
    """The header rows and body rows of the (first) HTML table pandas wrote, as lists of cell texts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head: list[list[str]] = []
        self.body: list[list[str]] = []
        self._section = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("thead", "tbody"):
            self._section = self.head if tag == "thead" else self.body
        elif tag == "tr" and self._section is not None:
            self._section.append([])
        elif tag in ("th", "td") and self._section is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._section[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag in ("thead", "tbody"):
            self._section = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_markdown(html: str) -> str:
    """A pandas HTML table as a Markdown table (header rows merged column by column, ``|`` escaped)."""
    parser = _Table()
    parser.feed(html)
    if not parser.head:
        raise InputError("write-up", "an HTML output is not a table with a header")
    width = max(len(r) for r in parser.head + parser.body)
    pad = lambda row: row + [""] * (width - len(row))  # noqa: E731
    header = [" ".join(filter(None, cells)) for cells in zip(*(pad(r) for r in parser.head))]
    esc = lambda text: text.replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(esc(h) for h in header) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(esc(c) for c in pad(row)) + " |" for row in parser.body]
    return "\n".join(lines) + ("" if parser.body else "\n\n*(no rows)*")


def relink(markdown: str, source: Path, target: Path) -> str:
    """Re-aim relative links in ``markdown`` written for a file in ``source`` to a file in ``target``."""
    def fix(match):
        url = match.group(2)
        if re.match(r"^([a-z][a-z0-9+.-]*:|#|/)", url, flags=re.I):
            return match.group(0)
        path, _, anchor = url.partition("#")
        moved = Path(os.path.relpath(source / path, target)).as_posix()
        return match.group(1) + moved + ("#" + anchor if anchor else "") + match.group(3)
    return LINK.sub(fix, markdown)


def figure_link(output, figures: Path, target: Path) -> str:
    """An image link to the committed PNG a saved figure shows (named in its alt text, ``Figure NAME…``)."""
    alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
    found = re.match(r"Figure (\S+?):?(\s|$)", alt)
    png = figures / f"{found.group(1)}.png" if found else None
    if png is None or not png.is_file():
        raise InputError("write-up", f"a figure output names no saved figure in {figures} (alt text {alt!r})")
    return f"![{alt}]({Path(os.path.relpath(png, target)).as_posix()})"


#: Where the page's links are aimed from and to, as folders of the repository: the page sits in ``docs/`` and
#: the notebooks' own links were written for ``notebooks/``. Relative, so the page has the same bytes whatever
#: output folder a run writes it to.
PAGE_FOLDER, NOTEBOOK_FOLDER = Path("docs"), Path("notebooks")


def export(executed: Path, target: Path, figures: Path) -> str:
    """The Markdown page for the executed notebook ``executed``, to be saved in folder ``target`` beside
    ``figures`` (links into the repository are aimed as from ``docs/``)."""
    nb = nbformat.read(executed, as_version=4)
    parts = [HEADER.format(name=executed.stem)]
    for cell in nb.cells:
        if EXERCISE_TAG in cell.get("metadata", {}).get("tags", []):
            continue   # a fill-in-the-blanks cell for class, not part of the report
        if cell.cell_type == "markdown":
            parts.append(relink(cell.source.strip(), NOTEBOOK_FOLDER, PAGE_FOLDER))
            continue
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                parts.append(figure_link(output, figures, target))
            elif "text/markdown" in data:
                parts.append(relink(data["text/markdown"].strip(), NOTEBOOK_FOLDER, PAGE_FOLDER))
            elif "text/html" in data and "<table" in data["text/html"]:
                parts.append(table_markdown(data["text/html"]))
            elif output.get("output_type") == "stream" or "text/plain" in data:
                text = output.get("text") or data.get("text/plain", "")
                parts.append("```text\n" + text.strip() + "\n```")
    return "\n\n".join(p for p in parts if p) + "\n"


def write(executed: Path, out: Path, figures: Path) -> Path:
    """Write :func:`export` of ``executed`` to the file ``out`` (its folder is created)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(export(executed, out.parent, figures), encoding="utf-8", newline="\n")
    return out

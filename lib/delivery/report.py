"""The offline report: a static HTML site and a print-ready PDF, built from the executed notebooks.

``python -m lib report`` (what ``make report`` calls) turns the executed copies that ``python -m lib
run`` leaves in ``build/notebooks/`` into ``site/``: the write-up (notebook 05) as ``index.html``, one
page per notebook, a navigation bar between them, and ``geneva-2021-write-up.pdf``.

Why these choices:
- Conversion is nbconvert's ``HTMLExporter`` (the Jupyter ecosystem's own tool) with JupyterLab's
  template, extended in ``lib/delivery/report_template/geneva/`` to drop every script the stock template loads
  from a CDN (require.js, MathJax, mermaid, widgets). Figures are already base64 in the notebooks'
  outputs and ``embed_images`` inlines any image a Markdown cell refers to, so the site makes no
  request to any outside address and opens from a USB stick in a classroom. The build checks its own
  output for such requests (:func:`outside_requests`) and fails if it finds one.
- The write-up page hides its code cells (it is read as a report; its code is in the notebook); the
  other pages keep theirs, because reading the code is what they teach.
- The PDF is headless Chromium's ``--print-to-pdf`` of the write-up page: no TeX installation needed.
  Without Chromium the site is still built and one line on stderr says the PDF was skipped (the site is
  the report; the PDF is a convenience for printing).
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from ..core import paths
from . import markdown_export, runner
from ..core.errors import InputError

TEMPLATE_DIR = Path(__file__).resolve().parent / "report_template"
SITE_TITLE = "Geneva 2021 notebooks"
PDF_NAME = "geneva-2021-write-up.pdf"
#: The notebook that becomes the front page (``index.html``).
WRITEUP = runner.WRITEUP
#: A file in the site folder that marks it as built here, so a rebuild may clear it.
MARKER = ".geneva-site"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Flags for a headless Chromium that contacts nothing: no background services, no name resolution.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost"]


@dataclass(frozen=True)
class Page:
    """One page of the site: the executed notebook it comes from, its file name and its nav label."""

    notebook: Path
    href: str
    label: str
    title: str


def title_of(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first Markdown heading (``# 01 · The corpus: …``), or ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*$", cell.source, flags=re.M)
            if match:
                return match.group(1).strip()
    return fallback


def nav_label(title: str) -> str:
    """The short label of a title for the navigation bar: ``01 · The corpus``."""
    return title.split(":")[0].strip()


def plan(build: Path, solutions: bool = False, root: Path | None = None) -> list[Page]:
    """The site's pages from the executed copies in ``build`` of the notebooks in ``root``.

    ``root`` defaults to the project's ``notebooks/``; the write-up comes first, then the series in order.
    """
    root = root or paths.ROOT / "notebooks"
    pages = []
    for source in runner.notebooks(root, solutions=solutions):
        relative = source.relative_to(root)
        executed = build / relative
        nb = nbformat.read(executed, as_version=4)
        title = title_of(nb, source.stem)
        href = "index.html" if source.stem == WRITEUP else relative.with_suffix(".html").as_posix().replace("/", "-")
        label = "Write-up" if source.stem == WRITEUP else nav_label(title)
        if relative.parent.name == "solutions":
            label = f"Solutions {source.stem[:2]}"
        pages.append(Page(executed, href, label, title))
    pages.sort(key=lambda p: p.href != "index.html")
    return pages


def stale(build: Path, solutions: bool = False, root: Path | None = None) -> list[str]:
    """Notebooks to execute before building: those whose executed copy is missing from ``build`` or
    older than the notebook, and always the write-up, which reads every other notebook's results
    (it runs in seconds, and a front page showing yesterday's numbers would be worse than slow)."""
    root = root or paths.ROOT / "notebooks"
    names = []
    for source in runner.notebooks(root, solutions=solutions):
        executed = build / source.relative_to(root)
        if (source.stem == WRITEUP or not executed.is_file()
                or executed.stat().st_mtime < source.stat().st_mtime):
            names.append(source.stem)
    return names


def exporter(writeup: bool) -> HTMLExporter:
    """nbconvert's HTML exporter with the offline template; the write-up page hides its code and its
    in-class exercise cells."""
    html = HTMLExporter(template_name="geneva", extra_template_basedirs=[str(TEMPLATE_DIR)], theme="light",
                        embed_images=True, exclude_input=writeup, exclude_input_prompt=writeup,
                        exclude_output_prompt=writeup)
    if writeup:   # the write-up reads as a report: its fill-in-the-blanks class exercise stays in the notebook
        html.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={markdown_export.EXERCISE_TAG}), enabled=True)
    return html


def render(page: Page, pages: list[Page], pdf: bool) -> str:
    """The HTML of one page, with the navigation bar marking it as the current one."""
    nb = nbformat.read(page.notebook, as_version=4)
    nb.metadata["title"] = f"{page.title} · {SITE_TITLE}"
    nav = [{"href": p.href, "label": p.label, "current": p is page} for p in pages]
    if pdf:
        nav.append({"href": PDF_NAME, "label": "Write-up (PDF)", "current": False})
    source = page.notebook.name if page.notebook.parent.name != "solutions" else f"solutions/{page.notebook.name}"
    footer = (f"Built by python -m lib report from the executed notebook notebooks/{source}. "
              "Every number comes from results/ and figures/ of the same run.")
    resources = {"geneva": {"site_title": SITE_TITLE, "nav": nav, "footer": footer},
                 "metadata": {"path": str(page.notebook.parent)}}
    body, _ = exporter(page.href == "index.html").from_notebook_node(nb, resources=resources)
    return body


class _Requests(HTMLParser):
    """Collects the URLs an HTML page would load by itself (not the links a reader may follow)."""

    LOADING = {"src", "srcset", "data", "poster", "background"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in self.LOADING or (name == "href" and tag in ("link", "base", "use", "image"))):
                self.urls += [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
            if name == "style" and value:
                self.urls += _css_urls(value)
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if self._style:
            self.urls += _css_urls(data)


def _css_urls(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)  # comments credit sources by URL; they load nothing
    return (re.findall(r"url\(\s*['\"]?([^'\")\s]+)", css)
            + re.findall(r"@import\s+['\"]([^'\"]+)", css))


def outside_requests(html: str) -> list[str]:
    """The addresses outside this machine that ``html`` would request when opened (should be none).

    Counts what loads by itself: ``src``-like attributes, ``<link href>``, CSS ``url()`` and ``@import``.
    Ordinary ``<a href>`` links are not requests until a reader clicks them.
    """
    parser = _Requests()
    parser.feed(html)
    return [u for u in parser.urls if re.match(r"^\s*(https?:)?//", u, flags=re.I)]


def find_chromium(explicit: str | None = None) -> str | None:
    """The Chromium executable to print with: ``explicit``, ``$CHROMIUM``, or one found on PATH."""
    for candidate in (explicit, os.environ.get("CHROMIUM")):
        if candidate:
            return shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def print_pdf(page: Path, pdf: Path, chromium: str, timeout: int = 120) -> Path:
    """Print ``page`` to ``pdf`` with headless Chromium (no header or footer, A4 from the page CSS)."""
    with tempfile.TemporaryDirectory(prefix="geneva-chromium-") as profile:
        result = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                                 f"--print-to-pdf={pdf}", page.resolve().as_uri()],
                                capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0 or not pdf.is_file() or pdf.read_bytes()[:5] != b"%PDF-":
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise InputError(chromium, f"printing {page.name} to PDF failed (exit {result.returncode}): {last}")
    return pdf


def _clear(site: Path) -> None:
    """Empty ``site`` if this module built it; refuse to touch a folder it did not make."""
    if site.exists() and any(site.iterdir()):
        if not (site / MARKER).is_file():
            raise InputError(site, "exists and was not built by `python -m lib report`: choose another --site folder")
        shutil.rmtree(site)
    site.mkdir(parents=True, exist_ok=True)
    (site / MARKER).write_text("built by python -m lib report; rebuilt (emptied) on every run\n", encoding="utf-8")


def build_site(site: Path, build: Path, solutions: bool = False, pdf: bool = True,
               root: Path | None = None) -> list[Path]:
    """Write every page into ``site`` and return their paths; fails on any request leaving the machine."""
    pages = plan(build, solutions, root)
    if not any(p.href == "index.html" for p in pages):
        raise InputError("notebooks/", f"no {WRITEUP}.ipynb: the write-up is the site's front page")
    _clear(site)
    written = []
    for page in pages:
        html = render(page, pages, pdf)
        leaks = outside_requests(html)
        if leaks:
            raise InputError(page.href, f"would request {len(leaks)} outside address(es), e.g. {leaks[0]}")
        target = site / page.href
        target.write_text(html, encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib report",
                                     description="build the offline HTML site and PDF from the executed notebooks")
    parser.add_argument("--site", type=Path, help="output folder (default: site/ beside results/)")
    parser.add_argument("--solutions", action="store_true", help="add the worked solutions as pages")
    parser.add_argument("--rerun", action="store_true", help="execute every notebook first, even if up to date")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (no Chromium needed)")
    parser.add_argument("--chromium", help="Chromium executable for the PDF (default: $CHROMIUM or chromium on PATH)")
    args = parser.parse_args(argv)
    build = paths.out_dir() / "build" / "notebooks"
    site = (args.site or paths.out_dir() / "site").resolve()
    chromium = None if args.no_pdf else find_chromium(args.chromium)
    if args.chromium and not chromium:   # asked for by name: a wrong name is an error, not a skip
        raise InputError(args.chromium, "not found: give the path of a Chromium executable, or build without it: --no-pdf")
    if not args.no_pdf and not chromium:
        print("warning: no Chromium found, so the site is built without the PDF "
              "(Debian: apt-get install chromium; --no-pdf skips it without this warning)", file=sys.stderr)
    todo = [p.stem for p in runner.notebooks(solutions=args.solutions)] if args.rerun else stale(build, args.solutions)
    if todo:
        print(f"executing first: {', '.join(todo)}")
        runner.run(solutions=args.solutions, only=todo)
    pages = build_site(site, build, args.solutions, pdf=chromium is not None)
    print(f"site: {len(pages)} pages in {site} (front page {site / 'index.html'})")
    if chromium:
        pdf = print_pdf(site / "index.html", site / PDF_NAME, chromium)
        print(f"pdf:  {pdf} ({pdf.stat().st_size // 1024} KiB)")
    return 0

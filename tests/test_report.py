"""The offline site: pages from executed notebooks, navigation, embedded figures, no outside request.

These tests build a site from two small notebooks made here (no kernel needed: the outputs are
written in), so they run in a second. tests/test_report_browser.py loads the real site in Chromium.
"""

import base64
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from conftest import run_cli
from lib.delivery import report
from lib.core.errors import InputError

# a 2 x 1 red PNG
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAEElEQVR4nGP4z8DAwMDAAAAJ/gH/0N5AIQAAAABJRU5ErkJggg==")


def notebook(title: str, *extra) -> nbformat.NotebookNode:
    figure = new_output("display_data", data={"image/png": base64.b64encode(PNG).decode(), "text/plain": "<Figure>"},
                        metadata={"image/png": {"alt": "Figure 02-timeline from notebook 02"}})
    prose = new_output("display_data", data={"text/markdown": "The corpus holds **5 articles**.", "text/plain": ""})
    cells = [new_markdown_cell(f"# {title}\n\nIntro."),
             new_code_cell("show_the_figure()", outputs=[figure, prose], execution_count=1), *extra]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def nav_links(html: str) -> list[tuple[str, bool]]:
    """(href, is the current page) of each link in the page's navigation bar."""
    class Nav(HTMLParser):
        inside, links = False, []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.inside = self.inside or (tag == "nav" and "geneva-nav" in attrs.get("class", ""))
            if self.inside and tag == "a":
                self.links.append((attrs["href"], attrs.get("aria-current") == "page"))

        def handle_endtag(self, tag):
            self.inside = self.inside and tag != "nav"

    parser = Nav()
    parser.links = []
    parser.feed(html)
    return parser.links


@pytest.fixture
def project(tmp_path) -> tuple[Path, Path]:
    """A notebooks/ folder with 01 and 05 and, as `python -m lib run` leaves them, their executed copies."""
    root, build = tmp_path / "notebooks", tmp_path / "build"
    root.mkdir()
    build.mkdir()
    (build / "local.png").write_bytes(PNG)
    books = {"01-corpus.ipynb": notebook("01 · The corpus: what we have"),
             "05-write-up.ipynb": notebook("05 · Write-up: what the articles say",
                                           new_markdown_cell("A figure from disk: ![local](local.png)"))}
    for name, nb in books.items():
        nbformat.write(nb, root / name)
        nbformat.write(nb, build / name)
    return root, build


def test_the_write_up_is_the_front_page_and_every_page_links_every_other(project, tmp_path):
    root, build = project
    written = report.build_site(tmp_path / "site", build, root=root, pdf=True)
    assert [p.name for p in written] == ["index.html", "01-corpus.html"]
    for page in written:
        links = nav_links(page.read_text(encoding="utf-8"))
        assert [href for href, _ in links] == ["index.html", "01-corpus.html", report.PDF_NAME]
        assert [href for href, current in links if current] == [page.name]
    assert ">01 · The corpus</a>" in written[1].read_text(encoding="utf-8")
    assert "<title>05 · Write-up: what the articles say · Geneva 2021 notebooks</title>" in written[0].read_text(
        encoding="utf-8")


def test_figures_are_embedded_and_the_write_up_hides_its_code(project, tmp_path):
    root, build = project
    index, corpus = report.build_site(tmp_path / "site", build, root=root)
    front, other = index.read_text(encoding="utf-8"), corpus.read_text(encoding="utf-8")
    png = base64.b64encode(PNG).decode()
    assert front.count(f"data:image/png;base64,{png}") == 2  # the output and the Markdown image from disk
    assert 'src="local.png"' not in front
    assert 'alt="Figure 02-timeline from notebook 02"' in front  # the alternative text the notebook gave
    assert "<strong>5 articles</strong>" in front  # Markdown outputs are rendered, not shown as source
    assert "show_the_figure" not in front and "show_the_figure" in other


def test_the_site_requests_nothing_outside(project, tmp_path):
    root, build = project
    for page in report.build_site(tmp_path / "site", build, root=root):
        html = page.read_text(encoding="utf-8")
        assert report.outside_requests(html) == []
        assert "<script" not in html  # no require.js, MathJax, mermaid or widget loader


def test_a_notebook_that_would_load_from_the_web_stops_the_build(project, tmp_path):
    root, build = project
    nb = notebook("01 · The corpus", new_markdown_cell('<img src="https://example.org/logo.png">'))
    nbformat.write(nb, build / "01-corpus.ipynb")
    with pytest.raises(InputError, match=r"01-corpus.html: would request 1 outside address\(es\), e.g. https://"):
        report.build_site(tmp_path / "site", build, root=root)


@pytest.mark.parametrize("html, found", [
    ('<script src="https://cdn.example/require.js"></script>', ["https://cdn.example/require.js"]),
    ('<link rel="stylesheet" href="//fonts.example/css">', ["//fonts.example/css"]),
    ('<style>@import "https://fonts.example/a.css"; b { background: url(http://x.example/i.png) }</style>',
     ["http://x.example/i.png", "https://fonts.example/a.css"]),
    ('<img srcset="a.png 1x, https://x.example/b.png 2x">', ["https://x.example/b.png"]),
    ('<div style="background-image: url(\'https://x.example/c.png\')"></div>', ["https://x.example/c.png"]),
    ('<a href="https://www.example.org/source">a source</a>', []),            # a link loads nothing
    ('<style>/* colours from https://example.org/palette */</style>', []),    # nor does a comment
    ('<img src="data:image/png;base64,AAAA"><link rel="icon" href="data:,">', []),
])
def test_outside_requests_are_what_a_page_loads_by_itself(html, found):
    assert sorted(report.outside_requests(html)) == sorted(found)


def test_a_folder_not_built_here_is_never_emptied(project, tmp_path):
    root, build = project
    site = tmp_path / "mine"
    site.mkdir()
    (site / "thesis.txt").write_text("precious")
    with pytest.raises(InputError, match="was not built by `python -m lib report`"):
        report.build_site(site, build, root=root)
    assert (site / "thesis.txt").read_text() == "precious"
    report.build_site(tmp_path / "site", build, root=root)
    (tmp_path / "site" / "old.html").write_text("stale page")
    report.build_site(tmp_path / "site", build, root=root)
    assert not (tmp_path / "site" / "old.html").exists()


def test_missing_or_outdated_executed_copies_are_rerun_and_the_write_up_always(project):
    import os
    root, build = project
    assert report.stale(build, root=root) == ["05-write-up"]
    (build / "01-corpus.ipynb").unlink()
    assert report.stale(build, root=root) == ["01-corpus", "05-write-up"]
    nbformat.write(notebook("01 · The corpus"), build / "01-corpus.ipynb")
    source = root / "01-corpus.ipynb"
    os.utime(source, (source.stat().st_atime, (build / "01-corpus.ipynb").stat().st_mtime + 10))
    assert report.stale(build, root=root) == ["01-corpus", "05-write-up"]


def test_a_chromium_named_but_missing_is_one_clear_line_before_any_work(tmp_path):
    result = run_cli("report", "--chromium", str(tmp_path / "no-such-chromium"))
    assert result.returncode == 2
    assert result.stderr.strip().endswith("not found: give the path of a Chromium executable, or build without it: --no-pdf")
    assert "Traceback" not in result.stderr and "executing" not in result.stdout


def test_without_any_chromium_the_site_is_built_and_the_pdf_skipped_with_one_warning(project, tmp_path, monkeypatch,
                                                                                      capsys):
    root, build = project
    built = {}
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(report, "find_chromium", lambda explicit=None: None)
    monkeypatch.setattr(report, "stale", lambda *a, **k: [])
    monkeypatch.setattr(report.paths, "out_dir", lambda: tmp_path)
    real_build = report.build_site
    monkeypatch.setattr(report, "build_site", lambda site, _build, solutions, pdf: built.setdefault(
        "pages", real_build(site, build, solutions, pdf=pdf, root=root)))
    assert report.main(["--site", str(tmp_path / "site")]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("warning: no Chromium found") and "without the PDF" in err
    assert (tmp_path / "site" / "index.html").is_file() and not (tmp_path / "site" / report.PDF_NAME).exists()
    assert report.PDF_NAME not in (tmp_path / "site" / "index.html").read_text()


def test_report_is_a_registered_command():
    result = run_cli("--help")
    assert "report" in result.stdout and "offline HTML site and PDF" in result.stdout

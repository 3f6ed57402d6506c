"""docs/write-up.md: the write-up as a page a code host renders, built from the executed notebook."""

import re

import pytest

from lib.core import paths
from lib.core.errors import InputError
from lib.delivery import markdown_export

PAGE = paths.ROOT / "docs" / "write-up.md"


def test_a_pandas_table_becomes_a_markdown_table_with_header_rows_merged():
    import pandas as pd

    table = pd.DataFrame({"n": [1, 2], "note": ["a | b", "c"]}, index=pd.Index(["x", "y"], name="doc_id"))
    assert markdown_export.table_markdown(table.to_html()).splitlines() == [
        "| doc_id | n | note |", "|---|---|---|", "| x | 1 | a \\| b |", "| y | 2 | c |"]


def test_links_are_reaimed_from_notebooks_to_docs_and_outside_links_kept():
    text = "See [02](02-timeline.ipynb#top), [guide](../docs/teaching.md), [web](https://example.org), [s](#s)."
    moved = markdown_export.relink(text, markdown_export.NOTEBOOK_FOLDER, markdown_export.PAGE_FOLDER)
    assert moved == ("See [02](../notebooks/02-timeline.ipynb#top), [guide](teaching.md), "
                     "[web](https://example.org), [s](#s).")


def test_a_figure_output_must_name_a_saved_figure(tmp_path):
    output = {"metadata": {"image/png": {"alt": "Figure 99-none from notebook 09"}}}
    with pytest.raises(InputError, match="names no saved figure"):
        markdown_export.figure_link(output, tmp_path, tmp_path)


def test_the_committed_page_shows_every_figure_of_the_write_up_and_its_links_resolve():
    text = PAGE.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) >= 10 and all((PAGE.parent / i).resolve().is_file() for i in images)
    links = [u.split("#")[0] for u in re.findall(r"\]\(([^)#][^)]*)\)", text) if not re.match(r"[a-z]+:", u)]
    missing = [u for u in links if not (PAGE.parent / u).resolve().exists()]
    assert missing == []
    assert "```python" not in text and "import " not in text.split("-->", 1)[1]

"""The documentation keeps up with the outputs: every results column is in docs/columns.md."""

import csv
import re

from lib.core import paths


def documented_columns() -> dict[str, set[str]]:
    sections, current = {}, None
    for line in (paths.ROOT / "docs" / "columns.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## results/(\S+\.csv)", line)
        if heading:
            current = sections.setdefault(heading.group(1), set())
        elif current is not None and line.startswith("| ") and not line.startswith("| column"):
            current.add(line.split("|")[1].strip())
    return sections


def test_every_results_column_is_documented():
    docs = documented_columns()
    for path in sorted((paths.ROOT / "results").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert path.name in docs, f"docs/columns.md has no section for results/{path.name}"
        missing = [c for c in header if c not in docs[path.name]]
        assert missing == [], f"results/{path.name}: columns not in docs/columns.md: {missing}"


def test_no_documented_table_is_missing_from_results():
    written = {p.name for p in (paths.ROOT / "results").glob("*.csv")}
    assert set(documented_columns()) <= written


def test_no_shipped_text_speaks_of_how_it_was_developed():
    """Readers get the product, not its to-do list: no issue numbers or 'the issue' in shipped prose."""
    shipped = [p for folder in ("corpus", "docs", "notebooks", "benchmarks", "class") for p in (paths.ROOT / folder).rglob("*")
               if p.is_file() and p.suffix in {".md", ".ipynb"}]
    shipped += [paths.ROOT / "README.md", paths.ROOT / "CITATION.cff"]
    for path in shipped:
        text = path.read_text(encoding="utf-8")
        found = re.search(r"\bissues? \d+\b|\bthe issue (?:warned|asks|says)\b", text, flags=re.I)
        assert not found, f"{path.relative_to(paths.ROOT)}: '{found.group(0)}'"

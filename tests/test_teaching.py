"""The series is ready for a class: each notebook states what it teaches and ends with exercises that have
worked solutions, and docs/teaching.md plans a session per notebook and defines the terms used.

Read as a checklist for anyone adding a notebook: give it learning objectives, prerequisites and a time
estimate in its first cell, two to four numbered exercises at the end, a solutions notebook that answers
each of them under a heading of the same number, and a section in docs/teaching.md.
"""

import re
from pathlib import Path

import nbformat
import pytest

from lib.core import paths
from lib.delivery import runner

GUIDE = paths.ROOT / "docs" / "teaching.md"
NOTEBOOKS = runner.notebooks()

#: Every term the glossary must define (case-insensitive, exactly as the entry's bold name).
#: Removing an entry from docs/teaching.md, or emptying its definition, fails the test.
GLOSSARY_TERMS = [
    # 01 corpus
    "boilerplate", "provenance", "checksum", "UTF-8", "offsets", "body sentence", "Punkt",
    "abbreviation list", "normalisation (of characters)",
    # 02 timeline
    "temporal expression", "TIMEX3", "DCT", "anchor", "normalisation (of time expressions)", "granularity",
    "ISO week", "DURATION and SET", "PAST_REF, PRESENT_REF, FUTURE_REF", "tense heuristic", "gold annotation",
    "held-out set", "precision", "recall", "F1", "strict vs relaxed span", "value accuracy", "baseline",
    "dateparser", "corroboration", "discrepancy", "public record",
    # 03 sentiment
    "lexicon", "VADER compound", "thresholds", "TextBlob", "diplomacy lexicon", "accuracy", "macro-F1",
    "confusion matrix", "Spearman correlation", "codebook", "Krippendorff's alpha", "ordinal level",
    "leave-one-article-out", "logistic regression (calibrated)", "bootstrap", "percentile interval",
    "seed", "confound",
    # 04 forecasts
    "forecast", "hedge", "modal verb", "words of estimative probability", "claim", "group (restatement)",
    "outcome", "partial outcome", "horizon", "Brier score", "proper scoring rule", "base rate", "skill score",
    "Murphy decomposition", "reliability", "resolution", "uncertainty", "calibration", "reliability diagram",
    "sensitivity analysis", "hindsight bias",
    # 05 write-up and the project
    "data contract", "reproducible", "traceability",
]

PLAN_ROW = re.compile(r"^\|\s*(\d+)\s*[–-]\s*(\d+)\s*\|")
NUMBERED = re.compile(r"^(\d+)\.\s+\S")


def markdown_lines(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell index, line) for every line of every markdown cell."""
    return [(i, line) for i, cell in enumerate(nb.cells) if cell.cell_type == "markdown"
            for line in cell.source.splitlines()]


def exercises(path: Path) -> tuple[list[int], str]:
    """The numbers of the items under the notebook's ``## Exercises`` heading, and that section's text."""
    nb = nbformat.read(path, as_version=4)
    lines = markdown_lines(nb)
    starts = [k for k, (_, line) in enumerate(lines) if line.strip() == "## Exercises"]
    assert len(starts) == 1, f"{path.name}: expected one '## Exercises' heading, found {len(starts)}"
    cell, _ = lines[starts[0]]
    last_markdown = max(i for i, c in enumerate(nb.cells) if c.cell_type == "markdown")
    assert cell == last_markdown and cell == len(nb.cells) - 1, f"{path.name}: the exercises are not at the end"
    section = []
    for _, line in lines[starts[0] + 1:]:
        if line.startswith("#"):
            break
        section.append(line)
    numbers = [int(m.group(1)) for m in map(NUMBERED.match, section) if m]
    return numbers, "\n".join(section)


def solutions_path(path: Path) -> Path:
    return path.parent / "solutions" / f"{path.stem}-solutions.ipynb"


def guide_sections(level: str, text: str) -> dict[str, str]:
    """Heading -> body for headings of one level (e.g. '## ') in a markdown text."""
    parts = re.split(rf"^{re.escape(level)}(?!#)(.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


@pytest.fixture(scope="module")
def guide() -> str:
    assert GUIDE.is_file(), "docs/teaching.md is missing"
    return GUIDE.read_text(encoding="utf-8")


def test_there_are_notebooks_to_check():
    assert len(NOTEBOOKS) >= 5


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_opens_with_objectives_prerequisites_and_time(path):
    first = nbformat.read(path, as_version=4).cells[0]
    assert first.cell_type == "markdown", f"{path.name}: the first cell is not markdown"
    text = first.source
    assert "You will learn" in text or "Learning objectives" in text, f"{path.name}: no learning objectives"
    assert re.search(r"\*\*Prerequisites\.?\*\*", text), f"{path.name}: no prerequisites"
    assert re.search(r"\*\*Time\.?\*\*.*\d", text), f"{path.name}: no expected time (with a number)"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_ends_with_two_to_four_numbered_exercises(path):
    numbers, section = exercises(path)
    assert 2 <= len(numbers) <= 4, f"{path.name}: {len(numbers)} exercises"
    assert numbers == list(range(1, len(numbers) + 1)), f"{path.name}: exercises numbered {numbers}"
    assert f"`notebooks/solutions/{solutions_path(path).name}`" in section, \
        f"{path.name}: the exercises do not point to their solutions notebook"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_has_a_worked_solution(path):
    numbers, _ = exercises(path)
    solution = solutions_path(path)
    assert solution.is_file(), f"{solution.relative_to(paths.ROOT)} is missing"
    nb = nbformat.read(solution, as_version=4)
    # Split the solutions notebook at its numbered headings ("## 2. …"), wherever in a cell they sit.
    answered, current = {}, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                heading = re.match(r"^## (\d+)\.\s+\S", line)
                if heading:
                    current = int(heading.group(1))
                    answered.setdefault(current, [])
                elif current is not None and line.strip():
                    answered[current].append("text")
        elif cell.cell_type == "code" and current is not None and cell.source.strip():
            answered[current].append("code")
    assert sorted(answered) == numbers, f"{solution.name}: answers {sorted(answered)} for exercises {numbers}"
    for number, parts in answered.items():
        assert "code" in parts and "text" in parts, \
            f"{solution.name}: answer {number} needs both an explanation and code that runs"


def test_guide_has_a_section_per_notebook(guide):
    sections = guide_sections("## ", guide)
    for path in NOTEBOOKS:
        titles = [t for t in sections if t.startswith(f"Notebook {path.stem[:2]}") and path.stem in t]
        assert len(titles) == 1, f"docs/teaching.md has no '## Notebook {path.stem[:2]} · {path.stem}' section"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_guide_section_plans_discusses_warns_and_grades(guide, path):
    title = next(t for t in guide_sections("## ", guide) if path.stem in t and t.startswith("Notebook"))
    parts = guide_sections("### ", guide_sections("## ", guide)[title])
    for needed in ("90-minute session plan", "Discussion questions", "Common student errors",
                   "Grading the exercises"):
        assert needed in parts, f"teaching.md, {title}: no '### {needed}'"

    # The plan is a table of timed segments that tile 0 to 90 minutes without gaps or overlaps.
    rows = [tuple(map(int, m.groups())) for m in map(PLAN_ROW.match, parts["90-minute session plan"].splitlines()) if m]
    assert rows and rows[0][0] == 0 and rows[-1][1] == 90, f"{title}: the plan does not run from 0 to 90: {rows}"
    assert all(a[1] == b[0] for a, b in zip(rows, rows[1:])), f"{title}: gaps or overlaps in the plan: {rows}"
    assert all(start < end for start, end in rows), f"{title}: a segment ends before it starts: {rows}"

    questions = [m for m in map(NUMBERED.match, parts["Discussion questions"].splitlines()) if m]
    assert 3 <= len(questions) <= 5, f"{title}: {len(questions)} discussion questions"

    errors = [line for line in parts["Common student errors"].splitlines() if line.startswith("- ")]
    assert len(errors) >= 3, f"{title}: fewer than three common errors"

    grading = parts["Grading the exercises"]
    assert f"notebooks/solutions/{solutions_path(path).name}" in grading, f"{title}: solutions notebook not named"
    numbers, _ = exercises(path)
    graded = sorted(int(n) for n in re.findall(r"^- \*\*Exercise (\d+)\b", grading, flags=re.M))
    assert graded == numbers, f"{title}: grading covers exercises {graded}, the notebook has {numbers}"
    for number in numbers:
        entry = re.search(rf"^- \*\*Exercise {number}\b.*?(?=^- \*\*Exercise|\Z)", grading, flags=re.M | re.S).group(0)
        entry = " ".join(entry.split())   # the guide wraps lines anywhere
        assert "Full answer" in entry and "Partial credit" in entry, \
            f"{title}, exercise {number}: say what a full answer holds and what earns partial credit"


def glossary(guide: str) -> dict[str, str]:
    """Term -> definition for the entries ``- **Term**: definition`` of the guide's glossary."""
    section = guide_sections("## ", guide).get("Glossary")
    assert section is not None, "docs/teaching.md has no '## Glossary'"
    entries = re.findall(r"^- \*\*(.+?)\*\*:?\s*(.+?)(?=^- \*\*|^#|\Z)", section, flags=re.M | re.S)
    return {term.strip().lower(): " ".join(definition.split()) for term, definition in entries}


def test_glossary_defines_every_term(guide):
    defined = glossary(guide)
    missing = [t for t in GLOSSARY_TERMS if t.lower() not in defined]
    assert missing == [], f"glossary entries missing: {missing}"
    for term in GLOSSARY_TERMS:
        definition = defined[term.lower()]
        assert len(definition.split()) >= 12, f"glossary: {term!r} is not defined in plain words"
        assert re.search(r"\*Where:?\*:?.*(0[1-5]|README|corpus/|lib/)", definition), \
            f"glossary: {term!r} does not say where it appears"


def test_glossary_is_in_alphabetical_order(guide):
    terms = list(glossary(guide))
    assert terms == sorted(terms, key=lambda t: re.sub(r"[^a-z0-9 ]", "", t)), "keep the glossary alphabetical"


def test_guide_covers_running_a_class(guide):
    sections = guide_sections("## ", guide)
    running = next((body for title, body in sections.items() if title.startswith("Running the series")), None)
    assert running is not None, "docs/teaching.md has no 'Running the series …' section"
    for needed in ("make reproduce", "make lab", "Binder", "Colab", "pip install -r requirements.txt",
                   "init-corpus", "settings.toml", "make reproduce CORPUS="):
        assert needed in running, f"the section on running the series does not mention {needed!r}"


def test_guide_points_only_to_files_that_exist(guide):
    named = set(re.findall(r"`((?:notebooks|corpus|lib|docs|tests|results|figures)/[\w./-]+?)`", guide))
    missing = sorted(p for p in named if "*" not in p and not (paths.ROOT / p).exists())
    assert missing == [], f"docs/teaching.md names files that do not exist: {missing}"

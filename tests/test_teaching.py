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


# ---- plain-words explanations before first use, and one exercise for class per notebook ---------------------

#: Every measure a notebook's prose names, with the pattern that finds a use of it, and where the series explains it
#: in plain words with a tiny worked example (a notebook's "### In plain words: …" cell naming the measure).
#: Keep this list when you add a measure: the test then holds the new notebook to the same rule.
MEASURES = {
    "precision": (r"\bprecision\b", "02-timeline"),
    "recall": (r"\brecall\b", "02-timeline"),
    "F1": (r"\bF1\b", "02-timeline"),
    "TIMEX3": (r"\bTIMEX3\b", "02-timeline"),
    "document date": (r"\bDCT\b|document date|document creation time", "02-timeline"),
    "VADER": (r"\bVADER\b", "03-sentiment"),
    "compound score": (r"\bcompound\b", "03-sentiment"),
    "accuracy": (r"\baccuracy\b", "03-sentiment"),
    "macro-F1": (r"\bmacro-F1\b", "03-sentiment"),
    "Spearman's rank correlation": (r"\bSpearman", "03-sentiment"),
    "Krippendorff's alpha": (r"\bKrippendorff", "03-sentiment"),
    "bootstrap interval": (r"\bbootstrap", "03-sentiment"),
    "Brier score": (r"\bBrier\b", "04-forecasts"),
    "baseline": (r"\bbaselines?\b", "04-forecasts"),
}


def explanations(nb: nbformat.NotebookNode) -> dict[str, int]:
    """measure -> index of the markdown cell whose '### In plain words: …' heading names it (with a worked example)."""
    found = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        for heading in re.findall(r"^#+ .*in plain words.*$", cell.source, flags=re.M | re.I):
            for measure in MEASURES:
                if measure.lower() in heading.lower() and "worked example" in cell.source.lower():
                    found.setdefault(measure, i)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_measure_is_explained_in_plain_words_before_its_first_use(path):
    """The first markdown cell after the opening one that names a measure must come at or after its plain-words
    explanation in this notebook, or hold (or follow) a link to the notebook that explains it. The opening cell
    (learning objectives) may name what the notebook will teach."""
    nb = nbformat.read(path, as_version=4)
    here = explanations(nb)
    for measure, (pattern, home) in MEASURES.items():
        uses = [i for i, c in enumerate(nb.cells) if i > 0 and c.cell_type == "markdown" and re.search(pattern, c.source)]
        if not uses:
            continue
        if path.stem == home:
            assert measure in here, f"{path.name}: no '### In plain words: … {measure} …' cell with a worked example"
            assert here[measure] <= uses[0], f"{path.name}: {measure} is used in cell {uses[0]}, explained in cell {here[measure]}"
        elif measure not in here or here[measure] > uses[0]:
            linked = [i for i, c in enumerate(nb.cells[:uses[0] + 1]) if c.cell_type == "markdown"
                      and f"]({home}.ipynb" in c.source]
            assert linked, f"{path.name}: {measure} is used in cell {uses[0]} without its explanation or a link to {home}"


def test_the_explaining_notebooks_hold_every_explanation():
    by_notebook = {p.stem: explanations(nbformat.read(p, as_version=4)) for p in NOTEBOOKS}
    missing = [m for m, (_, home) in MEASURES.items() if m not in by_notebook.get(home, {})]
    assert missing == [], f"no plain-words explanation with a worked example for: {missing}"


def class_exercise(path: Path) -> tuple[int, str]:
    """The number of the exercise marked 'In class', and the code cell with its blanks ('# In class: exercise N')."""
    _, section = exercises(path)
    marked = re.findall(r"^(\d+)\. \*\*In class \((\d+)[–-](\d+) minutes\)", section, flags=re.M)
    assert len(marked) == 1, f"{path.name}: expected one exercise marked '**In class (10–15 minutes)…'"
    number = int(marked[0][0])
    assert int(marked[0][2]) <= 15, f"{path.name}: an in-class exercise takes at most 15 minutes"
    nb = nbformat.read(path, as_version=4)
    cells = [c.source for c in nb.cells if c.cell_type == "code" and c.source.startswith(f"# In class: exercise {number}.")]
    assert len(cells) == 1, f"{path.name}: no code cell '# In class: exercise {number}.' with the blanks"
    return number, cells[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_each_notebook_has_a_scaffolded_exercise_for_class_and_marks_the_rest(path):
    number, cell = class_exercise(path)
    filled_in = [line for line in re.sub(r"#.*", "", cell).splitlines() if not line.strip().startswith(("if ", "elif "))]
    blanks = re.findall(r"(?<![.\w])\.\.\.(?![.\w])", "\n".join(filled_in))
    assert 1 <= len(blanks) <= 4, f"{path.name}: the class exercise should have one to four blanks (...), has {len(blanks)}"
    assert "again" in cell, f"{path.name}: the class exercise should tell a student what to do while blanks remain"
    numbers, section = exercises(path)
    for n in numbers:
        if n != number:
            item = re.search(rf"^{n}\. \*\*[^*]+\*\*[^\n]*", section, flags=re.M).group(0)
            assert re.search(r"\((homework|advanced)", item), f"{path.name}: exercise {n} is not marked homework or advanced"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_the_solution_of_the_class_exercise_fills_every_blank(path):
    number, _ = class_exercise(path)
    nb = nbformat.read(solutions_path(path), as_version=4)
    code, current = [], None
    for cell in nb.cells:
        heading = re.search(r"^## (\d+)\.", cell.source, flags=re.M) if cell.cell_type == "markdown" else None
        if heading:
            current = int(heading.group(1))
        elif cell.cell_type == "code" and current == number:
            code.append(cell.source)
    assert code, f"{solutions_path(path).name}: no code for exercise {number}"
    assert not any(re.search(r"(?<![.\w])\.\.\.(?![.\w])", re.sub(r"#.*", "", c)) for c in code), \
        f"{solutions_path(path).name}: the solution of exercise {number} still has blanks"


#: Glossary entries of the measures above, and the notebook whose plain-words explanation each must link to.
GLOSSARY_LINKS = {"precision": "02-timeline", "recall": "02-timeline", "F1": "02-timeline", "TIMEX3": "02-timeline",
                  "DCT": "02-timeline", "VADER compound": "03-sentiment", "accuracy": "03-sentiment",
                  "macro-F1": "03-sentiment", "Spearman correlation": "03-sentiment",
                  "Krippendorff's alpha": "03-sentiment", "bootstrap": "03-sentiment",
                  "Brier score": "04-forecasts", "baseline": "04-forecasts"}


def test_glossary_links_each_measure_to_its_explanation(guide):
    defined = glossary(guide)
    for term, home in GLOSSARY_LINKS.items():
        assert f"](../notebooks/{home}.ipynb)" in defined[term.lower()], f"glossary: {term!r} does not link to {home}"


def test_guide_plans_a_single_90_minute_seminar_with_a_hand_in(guide):
    section = guide_sections("## ", guide).get("One 90-minute seminar")
    assert section, "docs/teaching.md has no '## One 90-minute seminar'"
    rows = [tuple(map(int, m.groups())) for m in map(PLAN_ROW.match, section.splitlines()) if m]
    assert rows and rows[0][0] == 0 and rows[-1][1] == 90 and all(a[1] == b[0] for a, b in zip(rows, rows[1:]))
    header = next(line for line in section.splitlines() if line.startswith("| minutes"))
    for column in ("which sections", "what the lecturer shows", "what students do"):
        assert column in header, f"the one-session plan has no '{column}' column"
    assert "hand in" in section.lower() and "coding-sheet" in section

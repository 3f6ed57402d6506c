"""Separate each article's body from the page furniture around it.

The raw texts are web pages flattened to text: besides the article they carry site notices, share
prompts, bylines, datelines, author bios, copyright and disclaimer blocks, comment forms and markdown
link remnants. Cleaning never edits the raw text. It classifies each non-blank line as ``title``,
``heading``, ``body`` or ``boilerplate`` with the name of the rule that decided, then groups body
lines into paragraphs (rejoining a sentence that a stray paragraph break cut in two). Every unit
keeps ``start``/``end`` offsets into the raw text, so ``raw[start:end]`` is always the unit.

The rules are explicit and each says why it exists; ``corpus/annotations/line_labels.csv`` holds a
reference labelling of every line of the five articles, and ``tests/test_clean.py`` checks the rules
against it.
"""

import re
from dataclasses import dataclass

import pandas as pd

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"

#: Boilerplate rules: (name, pattern on the stripped line, why). Checked in order; first match wins.
BOILERPLATE_RULES: list[tuple[str, re.Pattern, str]] = [
    (name, re.compile(pattern, re.IGNORECASE), why)
    for name, pattern, why in [
        ("section_label", r"^(Analysis(?: & Opinions?)?|Opinion|Commentary|News)$",
         "a site's section label printed above the title"),
        ("byline", r"^by\s+(\[[^\]]+\]\(#\)|[\w .'’-]{2,40})$",
         "'By Name' lines name the author; the author is metadata"),
        ("dateline", rf"^(\|\s*)?([\w .'’()-]+,\s*)?{MONTH}\s+\d{{1,2}},\s+\d{{4}}$",
         "a bare publication date, possibly after the outlet's name; the date is metadata"),
        ("taxonomy", r"^(Region|Theme|Topics?|Tags?|Categories?):",
         "the site's subject tags"),
        ("translation_prompt", r"can be read in \d+ languages|Translate Website",
         "the site's offer to machine-translate the page"),
        ("follow_prompt", r"^(Visit and )?follow us\b|^Subscribe to\b",
         "social-media follow prompts"),
        ("note_to_readers", r"^Note to readers:",
         "share prompts ('click the share buttons', 'Forward this article')"),
        ("separator", r"^[*\-_=~#]{1,5}$",
         "typographic separators between article and page furniture"),
        ("republication", r"^This article was originally published on\b|^The original source of this article is\b",
         "where the article was first published (kept as metadata notes)"),
        ("via_line", r"^[–—-]\s*Via\b",
         "'– Via Outlet.' credit lines"),
        ("author_bio", r"^([A-Z][\w.'’-]+\s){1,3}is an?\s.*\b(analyst|journalist|writer|editor|correspondent|"
                       r"contributor|fellow|professor|researcher|director|author)\b",
         "'Name is a/an … analyst' author bios"),
        ("image_credit", r"^(Featured )?(image|photo|picture)s? (is |are )?(from|by|credit)\b",
         "image credits"),
        ("copyright", r"^Copyright\b|©",
         "copyright notices"),
        ("link_only", r"^\[[^\]]*\]\([^)]*\)$",
         "a line that is only a markdown link (site buttons such as 'Comment on … Facebook page')"),
        ("author_box", r"^(Articles by:|About the author\b|The Author\s*$)",
         "author boxes and their labels"),
        ("disclaimer", r"^Disclaimer:|contains copyrighted material|\"fair use\"",
         "legal disclaimers and fair-use notices"),
        ("contact", r"^For (media|press) inquiries|^Contact:|@\w+\.\w+$",
         "contact lines"),
        ("more_information", r"^For more information\b",
         "'For more information on this publication' lines"),
        ("citation_label", r"^For Academic Citation:?$|^How to cite\b",
         "the label of a suggested citation"),
        ("citation", r"^[A-Z][\w'’-]+, [A-Z][\w.'’ -]+\. [\"“].+[\"”] ?.*\d{4}\.$",
         "a suggested citation ('Surname, Name. \"Title,\" Outlet, Date.')"),
        ("related_links", r"^(Latest|Related|Most read|Popular|More) (news|posts|articles|stories)$",
         "related-content link lists"),
        ("comment_form", r"^Please enter your (comment|name|email)|^Leave a (comment|reply)",
         "comment-form prompts"),
    ]
]

TERMINAL = tuple(".!?\"”’)…")
WORD = re.compile(r"[A-Za-z][\w'’-]*")


@dataclass(frozen=True)
class Line:
    """One non-blank line of a raw text and how cleaning classified it."""

    line_no: int   # 1-based line number in the raw text
    start: int     # offset of the first non-blank character
    end: int       # offset after the last non-blank character
    kind: str      # title, heading, body or boilerplate
    rule: str      # the rule that decided


def boilerplate_rule(text: str, previous_rule: str = "") -> str:
    """The name of the boilerplate rule a stripped line matches, or '' for none.

    ``previous_rule`` lets a line be judged by its neighbour: a short 'Name, Outlet' line straight
    after a byline continues the byline.
    """
    for name, pattern, _why in BOILERPLATE_RULES:
        if pattern.search(text):
            return name
    if previous_rule == "byline" and len(text.split()) <= 6 and "," in text and not text.endswith(TERMINAL):
        return "byline"
    return ""


def is_heading(text: str) -> bool:
    """A short title-case line with no closing full stop is a heading, not a sentence.

    Title case: at least 60% of the words longer than three letters start with a capital. A
    question mark is allowed ('What Could Go Wrong?'); a full stop is not.
    """
    words = WORD.findall(text)
    if not words or len(words) > 14 or text.endswith((".", ",", ";", ":")):
        return False
    long_words = [w for w in words if len(w) > 3] or words
    capitals = sum(w[0].isupper() for w in long_words)
    return capitals / len(long_words) >= 0.6


def classify_lines(raw: str) -> list[Line]:
    """Classify every non-blank line of a raw text (see the module docstring)."""
    lines: list[Line] = []
    offset = 0
    seen_title = False
    previous_rule = ""
    for number, line in enumerate(raw.split("\n"), start=1):
        stripped = line.strip()
        if stripped:
            start = offset + (len(line) - len(line.lstrip()))
            end = start + len(stripped)
            rule = boilerplate_rule(stripped, previous_rule)
            if rule:
                kind = "boilerplate"
            elif not seen_title:
                kind, rule, seen_title = "title", "first_content_line", True
            elif is_heading(stripped):
                kind, rule = "heading", "short_title_case"
            else:
                kind, rule = "body", "prose"
            lines.append(Line(number, start, end, kind, rule))
            previous_rule = rule
        offset += len(line) + 1
    return lines


def joins_next(raw: str, line: Line, following: Line) -> bool:
    """Whether a body line and the next body line are one paragraph cut by a stray break.

    Two cases, both seen in the corpus: the line ends mid-sentence and the next starts in lower
    case ('make progress' / 'on the Russian front'), or the line ends with a comma that leads into a
    quotation set as its own paragraph ('barked,' / 'When did I say …').
    """
    text = raw[line.start:line.end]
    nxt = raw[following.start:following.end]
    if text.endswith(","):
        return True
    return not text.endswith(TERMINAL + (":", ";")) and nxt[:1].islower()


def _merged(raw: str) -> list[dict]:
    """The units of :func:`units` as dictionaries, in reading order (without ``unit_id``)."""
    merged: list[dict] = []
    for line in classify_lines(raw):
        prev = merged[-1] if merged else None
        if (prev and prev["kind"] == "body" and line.kind == "body"
                and joins_next(raw, prev["_last"], line)):
            prev.update(end=line.end, line_last=line.line_no, rule="joined_across_break", _last=line)
            continue
        merged.append(dict(kind=line.kind, rule=line.rule, start=line.start, end=line.end,
                           line_first=line.line_no, line_last=line.line_no, _last=line))
    return merged


def units(raw: str) -> pd.DataFrame:
    """The article as units with raw offsets: titles, headings, body paragraphs, boilerplate lines.

    Columns: ``unit_id`` (1-based, reading order), ``kind``, ``rule``, ``start``, ``end``,
    ``line_first``, ``line_last``. Body lines that :func:`joins_next` links form one paragraph with
    rule ``joined_across_break``.
    """
    table = pd.DataFrame(_merged(raw), columns=["kind", "rule", "start", "end", "line_first", "line_last"])
    table.insert(0, "unit_id", range(1, len(table) + 1))
    return table


def body_paragraphs(raw: str) -> list[tuple[int, int, int]]:
    """``(unit_id, start, end)`` of each body paragraph of :func:`units`, without building the table
    (the segmenter calls this once per article, and on a large corpus the table costs more than the
    classification)."""
    return [(unit_id, unit["start"], unit["end"])
            for unit_id, unit in enumerate(_merged(raw), start=1) if unit["kind"] == "body"]


#: Same-length character replacements for analysis text: offsets into the raw text stay valid.
NORMALISE = str.maketrans({
    "\u00a0": " ",   # no-break space: a plain space to tokenisers and lexicons
    "\u2018": "'", "\u2019": "'",   # curly single quotes: lexicons list "don't", not "don’t"
    "\u201c": '"', "\u201d": '"',   # curly double quotes
    "\u2013": "-", "\u2014": "-",   # en and em dashes
})


def normalise(text: str) -> str:
    """Analysis text for a raw span: same length, so offsets still point into the raw text.

    Maps no-break spaces, curly quotes and dashes to ASCII one character for one; nothing else.
    (An ASCII text has none of them and comes back as it is: the check is much cheaper than the
    translation, and the scorers normalise every sentence and clause several times.)
    """
    return text if text.isascii() else text.translate(NORMALISE)

"""Paragraphs, sentences and words, each with offsets into the raw text.

Sentences come from NLTK's Punkt algorithm with parameters this project writes itself: an explicit
abbreviation list instead of the downloadable ``punkt``/``punkt_tab`` model, which these machines
(and many classrooms) cannot fetch. Punkt is run on each body paragraph from :mod:`lib.corpus.clean`, so
headings and boilerplate never become sentences and a paragraph break always ends a sentence,
even one without a final stop.
"""

import re

import pandas as pd
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from . import clean

#: Abbreviations after which a full stop does not end a sentence (lower case, no final dot).
ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "e.u", "u.s.s.r", "d.c", "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col",
    "maj", "capt", "sgt", "adm", "sen", "rep", "gov", "pres", "amb", "st", "jr", "sr", "vs", "etc",
    "e.g", "i.e", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "inc", "corp", "ltd", "co", "dept", "approx", "a.m", "p.m",
})

WORD = re.compile(r"\w+(?:[’'.\-]+\w+)*")


def sentence_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with the project's abbreviation list and no downloaded model."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_PUNKT = sentence_tokenizer()


def sentence_spans(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``raw[start:end]`` as absolute offsets, trimmed of white space."""
    spans = []
    for s, e in _PUNKT.span_tokenize(raw[start:end]):
        piece = raw[start + s:start + e]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            spans.append((start + s + left, start + s + right))
    return spans


def word_spans(raw: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Word spans (letters and digits, with inner apostrophes, hyphens and dots) as raw offsets."""
    end = len(raw) if end is None else end
    return [(start + m.start(), start + m.end()) for m in WORD.finditer(raw, start, end)]


def paragraphs(articles: pd.DataFrame) -> pd.DataFrame:
    """Every unit of every article: ``doc_id, unit_id, kind, rule, start, end, line_first, line_last, text``.

    ``kind`` is title, heading, body or boilerplate; ``text`` is ``raw[start:end]``.
    """
    frames = []
    for _, art in articles.iterrows():
        table = clean.units(art["text"])
        table.insert(0, "doc_id", art["doc_id"])
        table["text"] = [art["text"][s:e] for s, e in zip(table["start"], table["end"])]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Body sentences: ``doc_id, sent_id, start, end, text, para_id, n_words``.

    ``sent_id`` counts from 1 within each article in reading order; ``para_id`` is the ``unit_id``
    of the body paragraph holding the sentence; ``raw[start:end] == text``.
    """
    rows = []
    for doc_id, raw in zip(articles["doc_id"], articles["text"]):
        sent_id = 0
        for unit_id, start, end in clean.body_paragraphs(raw):
            for s, e in sentence_spans(raw, start, end):
                sent_id += 1
                rows.append(dict(doc_id=doc_id, sent_id=sent_id, start=s, end=e, text=raw[s:e],
                                 para_id=unit_id, n_words=len(WORD.findall(raw, s, e))))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "text", "para_id", "n_words"])


def words(raw: str, start: int = 0, end: int | None = None) -> list[str]:
    """The words of ``raw[start:end]`` (see :func:`word_spans`)."""
    return [raw[s:e] for s, e in word_spans(raw, start, end)]

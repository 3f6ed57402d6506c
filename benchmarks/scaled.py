"""A scaled corpus: N articles made from the real ones, for measuring how the pipeline grows.

Timing five articles says nothing about five thousand. This module writes a corpus folder of any
size from the project's own articles: copy ``k`` is article ``k mod 5`` with its dates shifted by a
whole number of weeks (so "on Wednesday" stays true of the shifted summit day), its years moved with
them, and the two leaders and the host city renamed to invented names. The folder is a valid corpus
(``raw/``, ``metadata.csv`` with checksums, ``settings.toml``) that :func:`lib.corpus.load.load` accepts,
so the benchmark measures the same checks and code paths a user's own corpus would go through.

It is written into a temporary folder and never committed: it is synthetic text, useful for timing
and memory only, never for any finding about the summit.
"""

import csv
import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from lib.core import paths
from lib.corpus import load

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
_MONTH = "|".join(MONTHS)
#: "June 16, 2021", "June 04, 2021", "June 16", "May 2021", "April" (a bare "May" is left alone: it
#: is far more often the verb).
DATE = re.compile(rf"\b(?P<month>{_MONTH})\b(?:\s(?P<day>\d{{1,2}})(?!\d))?(?:(?P<sep>,?\s)(?P<year>(?:19|20)\d\d)\b)?")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")

#: Invented names (so no real person is quoted saying what another said): side A, side B, city.
SIDE_A = (("Joe", "Biden"), ("Anna", "Harlow"), ("Tom", "Whitcombe"), ("Grace", "Lindqvist"),
          ("Paul", "Ostrander"), ("Maria", "Kessling"), ("Ben", "Adair"))
SIDE_B = (("Vladimir", "Putin"), ("Oleg", "Varnov"), ("Irina", "Sokhina"), ("Pavel", "Dremov"),
          ("Yuri", "Kalganov"), ("Nadia", "Orlenko"), ("Lev", "Tarasin"))
CITIES = ("Geneva", "Vienna", "Helsinki", "Reykjavik", "Lisbon", "Oslo", "Ljubljana", "Valletta")
AUTHORS = ("Alex Morgan", "Sam Rivera", "Jordan Lee", "Chris Novak", "Robin Hale", "Dana Brooks")

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"
#: Largest corpus the three-character doc_id allows.
MAX_ARTICLES = len(ALPHABET) ** 3
SEED = 20210616


def doc_id(index: int) -> str:
    """Three-character id for copy ``index`` (base 36, so ids sort in generation order)."""
    if not 0 <= index < MAX_ARTICLES:
        raise ValueError(f"index {index} outside 0..{MAX_ARTICLES - 1}")
    digits = ""
    for _ in range(3):
        index, rest = divmod(index, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def shift_dates(text: str, weeks: int, base_year: int) -> str:
    """``text`` with every written date moved by ``weeks`` weeks and every year with it.

    A date without a year ("June 16") is read in ``base_year`` (the article's publication year), a
    month without a day as the 15th; bare years move by the same number of years as the summit day.
    """
    offset = dt.timedelta(weeks=weeks)
    year_delta = (dt.date(base_year, 6, 16) + offset).year - base_year

    def one_date(m: re.Match) -> str:
        month, day, year = m["month"], m["day"], m["year"]
        if month == "May" and not (day or year):
            return m[0]
        number = MONTHS.index(month) + 1
        old_year = int(year) if year else base_year
        try:
            new = dt.date(old_year, number, int(day) if day else 15) + offset
        except ValueError:
            return m[0]
        out = MONTHS[new.month - 1]
        if day:
            out += " " + str(new.day).zfill(len(day))
        if year:
            out += m["sep"] + str(new.year)
        return out

    pieces, last = [], 0
    for m in DATE.finditer(text):
        pieces.append(YEAR.sub(lambda y: str(int(y[0]) + year_delta), text[last:m.start()]))
        pieces.append(one_date(m))
        last = m.end()
    pieces.append(YEAR.sub(lambda y: str(int(y[0]) + year_delta), text[last:]))
    return "".join(pieces)


def rename(text: str, variant: int) -> str:
    """``text`` with the two leaders and the host city replaced by variant ``variant``'s names."""
    (a_first, a_last), (b_first, b_last) = SIDE_A[variant % len(SIDE_A)], SIDE_B[variant % len(SIDE_B)]
    city = CITIES[variant % len(CITIES)]
    table = {"Joe": a_first, "Biden": a_last, "Vladimir": b_first, "Putin": b_last, "Geneva": city}
    return re.sub(r"\b(?:Joe|Biden|Vladimir|Putin|Geneva)\b", lambda m: table[m[0]], text)


def _settings_text(source: Path) -> str:
    """The source corpus's settings with every invented leader name added to the mentions."""
    text = (source / "settings.toml").read_text(encoding="utf-8")
    for original, names in (("Biden", SIDE_A), ("Putin", SIDE_B)):
        extra = "".join(f', "{last}"' for _, last in names if last != original)
        text = re.sub(rf'(mentions = \["{original}")', rf"\1{extra}", text, count=1)
    return text


def generate(n: int, folder: Path | str, source: Path | str | None = None, seed: int = SEED) -> Path:
    """Write an ``n``-article corpus into ``folder`` (created; must not hold a corpus yet).

    Copy ``k`` comes from source article ``k mod len(source)``; its date shift (a whole number of
    weeks, up to about three years either way) is drawn from a generator seeded with ``seed``, so
    the same ``n`` and ``seed`` give byte-identical folders.
    """
    if not 1 <= n <= MAX_ARTICLES:
        raise ValueError(f"n must be between 1 and {MAX_ARTICLES}")
    source = Path(source) if source else paths.corpus_dir()
    folder = Path(folder)
    if (folder / "metadata.csv").exists():
        raise FileExistsError(folder / "metadata.csv")
    originals = load.load(source)
    raw = folder / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    weeks = rng.integers(-150, 151, size=n)
    rows = []
    for k in range(n):
        art = originals.iloc[k % len(originals)]
        variant, shift = k // len(originals), int(weeks[k])
        base_year = int((art["published"] or "2021-06-16")[:4])
        text = rename(shift_dates(art["text"], shift, base_year), variant)
        data = text.encode("utf-8")
        ident = doc_id(k)
        digest = load.sha256(data)
        name = f"{ident}_{digest[:16]}.txt"
        (raw / name).write_bytes(data)
        moved = {col: str(dt.date.fromisoformat(art[col]) + dt.timedelta(weeks=shift)) if art[col] else ""
                 for col in load.DATE_COLUMNS}
        rows.append(dict(
            doc_id=ident, file=name, sha256=digest, outlet=art["outlet"],
            author=AUTHORS[variant % len(AUTHORS)] if art["author"] else "",
            title=rename(shift_dates(art["title"], shift, base_year), variant),
            published_basis=art["published_basis"], genre=art["genre"], timing=art["timing"],
            notes=f"synthetic copy of doc {art['doc_id']}: dates moved {shift:+d} weeks, names variant {variant}",
            **moved))
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, load.REQUIRED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (folder / "settings.toml").write_text(_settings_text(source), encoding="utf-8")
    return folder


@contextmanager
def temporary(n: int, source: Path | str | None = None, seed: int = SEED) -> Iterator[Path]:
    """A scaled corpus of ``n`` articles in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f"geneva-scaled-{n}-") as tmp:
        yield generate(n, Path(tmp) / "corpus", source, seed)

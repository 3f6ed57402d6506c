"""Corpus-level case settings (``settings.toml`` in the corpus folder).

What is specific to one case (the event's date, which article holds the forecasts, the leaders whose
tone is measured) is data beside the corpus, not code, so the series can be rerun on another event.
"""

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import InputError


@dataclass(frozen=True)
class Target:
    """A side whose tone is measured: its key (``biden``), a readable label and mention words."""

    key: str
    label: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    """The case settings of one corpus folder."""

    title: str
    event: str
    event_date: dt.date
    later_horizon: dt.date
    forecast_doc: str
    targets: dict[str, Target] = field(default_factory=dict)
    later_name: str = ""

    @property
    def horizons(self) -> dict[str, str]:
        """Horizon key -> outcome column: ``event`` -> ``outcome`` (the contract's), and the later
        horizon's name (``later_horizon_name``, default its year) -> ``outcome_<name>``. The names of
        the later horizon's columns in ``outcomes.csv`` and ``results/`` follow from it."""
        return {"event": "outcome", self.later_name: f"outcome_{self.later_name}"}


def _date(value, where: str, key: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(where, f"{key} = {value!r} is not an ISO date (YYYY-MM-DD)") from None


def load(corpus: Path | None = None) -> Settings:
    """Read ``settings.toml`` from the corpus folder and check it."""
    corpus = Path(corpus) if corpus else paths.corpus_dir()
    path = corpus / "settings.toml"
    if not path.is_file():
        raise InputError(path, "missing: every corpus folder needs a settings.toml (see corpus/settings.toml)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not valid TOML: {str(exc).splitlines()[0]}") from None
    case = data.get("case", {})
    for key in ("title", "event", "event_date", "later_horizon", "forecast_doc"):
        if key not in case:
            raise InputError(path, f"[case] has no {key}")
    targets = {}
    for key, spec in data.get("targets", {}).items():
        if not spec.get("mentions"):
            raise InputError(path, f"[targets.{key}] has no mentions")
        targets[key] = Target(key, spec.get("label", key), tuple(spec["mentions"]))
    return Settings(
        title=case["title"],
        event=case["event"],
        event_date=_date(case["event_date"], str(path), "event_date"),
        later_horizon=_date(case["later_horizon"], str(path), "later_horizon"),
        forecast_doc=str(case["forecast_doc"]),
        targets=targets,
        later_name=_name(case.get("later_horizon_name", _date(case["later_horizon"], str(path), "later_horizon").year),
                         str(path)),
    )


def _name(value, where: str) -> str:
    """A horizon name usable in column names: letters, digits and underscores."""
    name = str(value).strip()
    if not name or not name.replace("_", "").isalnum() or name == "event":
        raise InputError(where, f"later_horizon_name = {value!r} must be letters, digits or _ (and not 'event')")
    return name

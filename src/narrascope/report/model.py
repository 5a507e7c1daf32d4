"""What the report and the dashboard show, as plain records built from Store queries.

Both front ends call these functions, so a number on a dashboard page and in the report is
computed once, the same way. Narrative labels come from the run's codebook when it can be
loaded; otherwise the narrative ids stand in (the run stays viewable without its codebook).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd

from narrascope.errors import NarrascopeError
from narrascope.report.markup import Segment, Span, segments
from narrascope.trends.stats import wilson_interval

if TYPE_CHECKING:
    from narrascope.store import Store

__all__ = [
    "EvidenceItem",
    "GroupCounts",
    "NarrativeRow",
    "Narratives",
    "RunInfo",
    "Summary",
    "comparison_frames",
    "evidence_items",
    "group_counts",
    "narrative_rows",
    "outlet_shares",
    "period_shares",
    "records",
    "resolve_codebook",
    "run_info",
    "run_summary",
]


class _NarrativeLike(Protocol):
    id: str
    label: str
    description: str
    parent: str | None


class CodebookLike(Protocol):
    """What the report needs of a codebook (``narrascope.codebook.Codebook`` fits)."""

    @property
    def id(self) -> str: ...

    @property
    def version(self) -> str: ...

    @property
    def narratives(self) -> Any: ...


@dataclass(frozen=True)
class RunInfo:
    """One analysis run's manifest, ready to show."""

    run_id: str
    manifest: dict[str, Any]
    codebook_note: str = ""

    @property
    def detectors(self) -> list[str]:
        """Detector names the run used."""
        value = self.manifest.get("detectors") or []
        return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def run_info(store: Store, run_id: str | None = None) -> RunInfo:
    """The manifest of ``run_id`` (default: the newest finished run), see ``Store.run``."""
    manifest = store.run(run_id)
    return RunInfo(str(manifest["run_id"]), manifest)


def resolve_codebook(
    codebook: CodebookLike | str | Path | None, manifest: dict[str, Any]
) -> tuple[CodebookLike | None, str]:
    """The codebook to label a run with, and a note for the reader ('' when all is well).

    ``codebook`` may be a loaded codebook, a shipped name or a YAML path; None loads the run's
    own ``codebook_id``. A codebook that cannot be loaded yields ``(None, note)``.
    """
    if codebook is None or isinstance(codebook, str | Path):
        name = codebook if codebook is not None else manifest.get("codebook_id")
        if not name:
            return None, "the run names no codebook: narratives are shown by id"
        try:
            from narrascope.codebook import load_codebook

            codebook = load_codebook(name)
        except (NarrascopeError, ImportError, OSError) as exc:
            return None, f"codebook {name!s} could not be loaded ({exc}): narratives shown by id"
    expected = manifest.get("codebook_hash")
    if expected and getattr(codebook, "version", None) != expected:
        return codebook, (
            f"codebook version {str(getattr(codebook, 'version', ''))[:12]} differs from the "
            f"run's {str(expected)[:12]}: labels may not match what was detected"
        )
    return codebook, ""


@dataclass(frozen=True)
class Narratives:
    """Labels, descriptions and hierarchy of the narratives shown (codebook order first)."""

    order: tuple[str, ...]
    labels: dict[str, str]
    descriptions: dict[str, str]
    parents: dict[str, str | None]

    @classmethod
    def build(cls, codebook: CodebookLike | None, seen: Iterable[str] = ()) -> Narratives:
        """From a codebook (may be None) plus narrative ids found in the data."""
        items: list[_NarrativeLike] = list(getattr(codebook, "narratives", ()) or ())
        order = [n.id for n in items]
        order += sorted({str(s) for s in seen} - set(order))
        by_id = {n.id: n for n in items}
        return cls(
            order=tuple(order),
            labels={i: (by_id[i].label if i in by_id else i) for i in order},
            descriptions={i: (by_id[i].description or "" if i in by_id else "") for i in order},
            parents={i: (by_id[i].parent if i in by_id else None) for i in order},
        )

    def label(self, narrative_id: str) -> str:
        """The human label (the id when unknown)."""
        return self.labels.get(narrative_id, narrative_id)

    def family(self, narrative_id: str) -> list[str]:
        """The narrative and all its descendants (whose hits count as its evidence)."""
        out, frontier = [narrative_id], [narrative_id]
        while frontier:
            current = frontier.pop()
            children = [n for n, p in self.parents.items() if p == current and n not in out]
            out.extend(children)
            frontier.extend(children)
        return out

    def depth(self, narrative_id: str) -> int:
        """0 for a top-level narrative, 1 for its children, ..."""
        depth, parent, seen = 0, self.parents.get(narrative_id), {narrative_id}
        while parent is not None and parent not in seen:
            depth, seen = depth + 1, seen | {parent}
            parent = self.parents.get(parent)
        return depth

    def root(self, narrative_id: str) -> str:
        """The top-level narrative that ``narrative_id`` belongs to (itself when top-level)."""
        current, seen = narrative_id, {narrative_id}
        while (parent := self.parents.get(current)) is not None and parent not in seen:
            current, seen = parent, seen | {parent}
        return current

    def __contains__(self, narrative_id: object) -> bool:
        return narrative_id in self.labels


@dataclass(frozen=True)
class NarrativeRow:
    """One narrative's overall numbers in a run."""

    id: str
    label: str
    description: str
    depth: int
    articles: int
    share: float
    hits: int
    n: int = 0
    low: float = float("nan")
    high: float = float("nan")


@dataclass(frozen=True)
class Summary:
    """A run's labelled-article counts and the stored-article totals they divide by."""

    labels: pd.DataFrame
    totals: pd.DataFrame
    hits: dict[str, int]

    def level(self, frame: pd.DataFrame, level: str) -> pd.DataFrame:
        """The rows of ``labels`` or ``totals`` at one level (all, outlet, week, month)."""
        return frame[frame["level"] == level]

    @property
    def narratives(self) -> list[str]:
        """Narrative ids that label at least one article or have a hit."""
        return sorted(set(self.labels["narrative"].dropna()) | set(self.hits))

    @property
    def total(self) -> int:
        """All stored articles."""
        return int(self.level(self.totals, "all")["articles"].sum())


def run_summary(store: Store, run_id: str) -> Summary:
    """Counts for the overview of a run (one pass over its labels; see ``labelled_counts``)."""
    hits = store.hit_counts(run_id)
    return Summary(
        labels=store.labelled_counts(run_id),
        totals=store.article_totals(),
        hits=dict(zip(hits["narrative"], hits["hits"].astype(int), strict=True)),
    )


def narrative_rows(summary: Summary, names: Narratives) -> list[NarrativeRow]:
    """Every narrative of the codebook (and of the data) with articles, share and hits."""
    overall = summary.level(summary.labels, "all").set_index("narrative")["articles"]
    total = max(summary.total, 1)
    rows = []
    for nid in names.order:
        articles = int(overall.get(nid, 0))
        low, high = wilson_interval(articles, summary.total)
        rows.append(
            NarrativeRow(
                id=nid,
                label=names.label(nid),
                description=names.descriptions.get(nid, ""),
                depth=names.depth(nid),
                articles=articles,
                share=articles / total,
                hits=sum(summary.hits.get(n, 0) for n in names.family(nid)),
                n=summary.total,
                low=float(low),
                high=float(high),
            )
        )
    return rows


def _shares(
    summary: Summary, names: Narratives, key: str, wanted: list[str] | None
) -> pd.DataFrame:
    """Per (``key`` value, narrative): ``articles``, ``total``, ``share``, ``label``; 0-filled."""
    totals = summary.level(summary.totals, key)[[key, "articles"]].dropna(subset=[key])
    totals = totals.rename(columns={"articles": "total"})
    counts = summary.level(summary.labels, key)[[key, "narrative", "articles"]]
    frame = pd.DataFrame({"narrative": wanted if wanted is not None else list(names.order)})
    grid = totals.merge(frame, how="cross")
    grid = grid.merge(counts, how="left", on=[key, "narrative"]).fillna({"articles": 0})
    grid["articles"] = grid["articles"].astype(int)
    grid["total"] = grid["total"].astype(int)
    grid["share"] = grid["articles"] / grid["total"].clip(lower=1)
    grid["label"] = grid["narrative"].map(names.label)
    return grid.reset_index(drop=True)


def outlet_shares(summary: Summary, names: Narratives) -> pd.DataFrame:
    """Per (outlet, narrative): ``articles``, ``total``, ``share``; outlets by size."""
    grid = _shares(summary, names, "outlet", None)
    order = grid.groupby("outlet")["total"].transform("max")
    return (
        grid.assign(_n=order)
        .sort_values(["_n", "outlet"], ascending=[False, True], kind="stable")
        .drop(columns="_n")
    )


def period_shares(
    summary: Summary, names: Narratives, *, freq: str = "week", only: list[str] | None = None
) -> pd.DataFrame:
    """Per (period, narrative): ``articles``, ``total``, ``share``; periods without articles
    are absent (no share), periods with articles but no label count 0."""
    if freq not in ("week", "month"):
        raise ValueError(f"unknown period {freq!r}")
    grid = _fill_periods(_shares(summary, names, freq, only), freq, "narrative")
    grid["label"] = grid["narrative"].map(names.label)
    return with_interval(grid).sort_values([freq, "narrative"], kind="stable")


_PANDAS_FREQ = {"week": "W-MON", "month": "MS"}


def _fill_periods(frame: pd.DataFrame, freq: str, key: str) -> pd.DataFrame:
    """Every period from the first to the last for each ``key`` value: periods without
    articles get ``total`` 0 (and later no share), so a line breaks there."""
    if frame.empty:
        return frame
    frame = frame.assign(**{freq: pd.to_datetime(frame[freq]).astype("datetime64[ns]")})
    periods = pd.date_range(frame[freq].min(), frame[freq].max(), freq=_PANDAS_FREQ[freq])
    full = pd.MultiIndex.from_product([periods, frame[key].unique()], names=[freq, key])
    out = frame.set_index([freq, key]).reindex(full).reset_index()
    out[["articles", "total"]] = out[["articles", "total"]].fillna(0).astype(int)
    return out


def with_interval(
    frame: pd.DataFrame, labelled: str = "articles", n: str = "total"
) -> pd.DataFrame:
    """Add ``n`` (articles the share divides by), ``n_labelled``, ``share`` (missing when n is
    0) and its Wilson 95% interval ``low``/``high``."""
    k, m = frame[labelled].to_numpy(float), frame[n].to_numpy(float)
    out = frame.assign(n=frame[n].astype(int), n_labelled=frame[labelled].astype(int))
    out["share"] = (out["n_labelled"] / out["n"]).where(out["n"] > 0)
    out["low"], out["high"] = wilson_interval(k, m)
    return out


@dataclass(frozen=True)
class GroupCounts:
    """Dated articles (``totals``) and articles carrying each narrative (``labelled``) per
    period and outlet and per period and language (column ``by``): the comparisons' input,
    two store scans for every narrative of a run."""

    totals: pd.DataFrame
    labelled: pd.DataFrame
    freq: str = "month"


def group_counts(
    store: Store, run_id: str, freq: str = "month", narratives: list[str] | None = None
) -> GroupCounts:
    """The counts behind :func:`comparison_frames` (``narratives``: only these; default all)."""
    return GroupCounts(
        store.period_group_totals(freq),
        store.period_group_labelled(run_id, freq, narratives),
        freq,
    )


def comparison_frames(counts: GroupCounts, narrative: str) -> dict[str, pd.DataFrame]:
    """Per ``outlet`` and per ``language`` (the keys): rows per (period, value) with the share
    of that outlet's or language's own articles carrying ``narrative`` (attention normalised
    by volume), its n and Wilson interval; every period from the first to the last, so
    periods without articles are gaps."""
    keys = ["period", "by", "grp"]
    mine = counts.labelled.loc[counts.labelled["narrative"] == narrative, [*keys, "n_labelled"]]
    frame = counts.totals.merge(mine, on=keys, how="left").fillna({"n_labelled": 0})
    frame = frame.rename(columns={"period": counts.freq, "n_articles": "total"})
    frame = frame.rename(columns={"n_labelled": "articles"})
    out = {}
    for group in ("outlet", "language"):
        part = frame[frame["by"] == group].drop(columns="by").rename(columns={"grp": group})
        part = part.assign(**{group: part[group].astype(str)}).reset_index(drop=True)
        out[group] = with_interval(_fill_periods(part, counts.freq, group))
    return out


@dataclass(frozen=True)
class EvidenceItem:
    """One evidence sentence with its cue marked, and the article it comes from."""

    article_id: str
    title: str
    outlet: str
    language: str
    published_at: Any
    narrative: str
    narrative_label: str
    detector: str
    score: float
    char_start: int
    segments: list[Segment] = field(default_factory=list)
    stance: str = ""
    speaker: str = ""

    @property
    def anchor(self) -> str:
        """The id of this hit in the article page."""
        return f"hit-{self.char_start}"

    @property
    def text(self) -> str:
        """The sentence (or evidence) as plain text."""
        return "".join(s.text for s in self.segments)


def evidence_items(frame: pd.DataFrame, names: Narratives) -> list[EvidenceItem]:
    """Evidence rows (from ``Store.evidence``/``top_evidence``) as items with marked cues."""
    return [_evidence_item(row, names) for row in frame.to_dict("records")]


def _evidence_item(row: Mapping[Hashable, Any], names: Narratives) -> EvidenceItem:
    span = Span(int(row["char_start"]), int(row["char_end"]), "hit", names.label(row["narrative"]))
    sentence = row.get("sentence")
    if isinstance(sentence, str) and not pd.isna(row.get("sentence_start")):
        segs = segments(sentence, [span], int(row["sentence_start"]))
    else:
        evidence = str(row.get("evidence") or "")
        segs = segments(evidence, [Span(0, len(evidence), "hit", span.title)])
    return EvidenceItem(
        article_id=str(row["article_id"]),
        title=_text(row.get("title")) or "(untitled)",
        outlet=_text(row.get("outlet")) or "(none)",
        language=_text(row.get("language")),
        published_at=row.get("published_at"),
        narrative=str(row["narrative"]),
        narrative_label=names.label(str(row["narrative"])),
        detector=str(row["detector"]),
        score=float(row["score"]),
        char_start=int(row["char_start"]),
        segments=segs,
        stance=_text(row.get("stance")),
        speaker=_text(row.get("speaker")),
    )


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as dicts, with missing values (NaN, NaT, NA) as None."""
    return [{str(k): _none(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _none(value: Any) -> Any:
    if value is None or isinstance(value, list | tuple | dict) or hasattr(value, "__len__"):
        return value
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):
        return value


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)

"""Case study: the November 2018 "Moscow format" talks on Afghanistan, end to end.

Runs the method of docs/case-study-moscow-format.md with narrascope's Python API and computes
every number that document quotes:

    python examples/moscow_format.py [--polls DIR] [--out docs/case-study] [--db FILE]
                                     [--sync-doc docs/case-study-moscow-format.md]

1. a fresh store (a temporary directory unless ``--db`` names a file);
2. ingest the shipped sample corpus (JSONL, an RSS feed, saved HTML pages), import the shipped
   events and the two-coder gold labels;
3. analyse with the default ``crisis-diplomacy`` codebook (lexicon detector; actors and quotes
   when the ``nlp`` extra is installed);
4. corpus, narratives by outlet, evidence sentences, voices, the event window around
   9 November 2018, Levada poll series beside the narrative series with the linkage statistics,
   and agreement with the human coding;
5. write ``numbers.json`` (every quoted number, keyed) and SVG figures into ``--out``
   (drawn by ``_figures.py`` and ``_svg.py``: no matplotlib or kaleido needed).

``--sync-doc FILE`` rewrites the ``<!-- n:KEY -->value<!-- /n -->`` markers and the generated
tables of FILE from the new numbers (use it after changing the codebook or the corpus).
The sample corpus is synthetic: the numbers illustrate the method, not real media.
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _casedoc  # sibling helper modules of this script
import _figures

from narrascope import __version__
from narrascope.analysis import analyze, build_detectors
from narrascope.cli.demo import optional_actor_extractors
from narrascope.codebook import Codebook, load_codebook
from narrascope.errors import DataError
from narrascope.ingest import IngestOptions, ingest
from narrascope.sample import sample_path, sample_sources
from narrascope.store import Store
from narrascope.trends import (
    benjamini_hochberg,
    event_periods,
    event_window,
    permutation_p,
    prevalence,
)
from narrascope.trends.events import load_events
from narrascope.trends.linkage import (
    MIN_POINTS,
    WINDOW_DAYS,
    align_monthly,
    align_windows,
    poll_alignment,
)
from narrascope.trends.polls import PollMapping, import_polls, levada_path, link, poll_values
from narrascope.validation.annotations import import_annotations
from narrascope.validation.evaluate import evaluate_run

EVENT = "moscow-format-2018"
WINDOW = 7
SEED = 0
DETECTOR = "lexicon"
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POLLS = levada_path("levada_attitude_usa.csv").parent  # shipped with the package
POLL_FILES = {
    "attitude-usa": (
        "levada_attitude_usa.csv",
        PollMapping(
            shape="long",
            date_col="date",
            answer_col="attitude",
            value_col="percentage",
            series_id="attitude-usa",
            question="Levada: your attitude to the USA",
            source="Levada Center",
        ),
    ),
    "putin-approval": (
        "levada_putin_approval_monthly.csv",
        PollMapping(
            shape="wide",
            date_col="Date",
            series_id="putin-approval",
            question="Levada: do you approve of Vladimir Putin's performance?",
            source="Levada Center",
        ),
    ),
}
LINK_ANSWERS = {"attitude-usa": "Negative", "putin-approval": "Approve"}
# Figures the argument cites from Levada releases; not in the shared data, so not recomputed.
CITED = {
    "cited.levada.democracy_front_pct": 70,
    "cited.levada.more_dialogue_pct": 62,
    "cited.levada.isolation_pct": 24,
}


def slug(text: str) -> str:
    """A key-safe slug of an outlet name (the part before any ' | ' channel description)."""
    head = text.split(" | ")[0].lower()
    return "-".join("".join(c if c.isalnum() else " " for c in head).split())


def pct(value: float) -> float:
    """A share as a percentage with one decimal."""
    return round(100 * float(value), 1)


@dataclass
class Numbers:
    """Every quoted number (key -> value), ordered lists for the tables, figure names."""

    values: dict[str, Any] = field(default_factory=dict)
    lists: dict[str, list[Any]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)

    def put(self, key: str, value: Any) -> None:
        """Record one number (or short string); keys must be unique."""
        if key in self.values:
            raise KeyError(f"duplicate key {key}")
        if isinstance(value, np.generic):
            value = value.item()
        self.values[key] = value

    def to_json(self) -> str:
        """The numbers file content (sorted keys, stable)."""
        payload = {
            "meta": self.meta,
            "lists": self.lists,
            "figures": self.figures,
            "numbers": dict(sorted(self.values.items())),
        }
        return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


# -- 1-3: store, ingest, analysis ---------------------------------------------------------------
def build(store: Store, codebook: Codebook, nums: Numbers, notes: list[str]) -> str:
    """Ingest the sample, import events and gold labels, analyse; returns the run id."""
    summary = ingest(sample_sources(), store, options=IngestOptions())
    store.write_events(load_events(sample_path("events.yaml")))
    gold = import_annotations(store, sample_path("gold.jsonl"), codebook)
    actors, quotes = optional_actor_extractors(notes)
    run = analyze(store, codebook, build_detectors([DETECTOR]), actors=actors, quotes=quotes)
    nums.meta.update(run_id=run.run_id, nlp=actors is not None)
    nums.put("corpus.stored", int(summary.totals.stored))
    nums.put("gold.labels", int(gold.annotations))
    nums.put("run.hits", int(run.hits))
    nums.put("run.mentions", int(run.mentions))
    nums.put("run.quotes", int(run.quotes))
    return run.run_id


# -- 4a: corpus and codebook ----------------------------------------------------------------------
def corpus_numbers(store: Store, nums: Numbers) -> pd.DataFrame:
    """Articles per outlet and language; returns the article index (with outlet slugs)."""
    stats = store.stats()
    totals = stats["totals"].iloc[0]
    for name in ("articles", "sentences", "exact_duplicates", "near_duplicates", "rejected"):
        nums.put(f"corpus.{name}", int(totals[name]))
    index = store.article_index()
    index["slug"] = index["outlet"].map(slug)
    for lang, n in index["language"].value_counts().sort_index().items():
        nums.put(f"corpus.language.{lang}", int(n))
    by_outlet = stats["by_outlet"].assign(slug=lambda f: f["outlet"].map(slug))
    nums.lists["outlets"] = by_outlet["slug"].tolist()
    nums.put("corpus.outlets", len(by_outlet))
    langs = pd.crosstab(index["slug"], index["language"])
    for row in by_outlet.itertuples(index=False):
        key = f"corpus.outlet.{row.slug}"
        nums.put(f"{key}.name", str(row.outlet))
        nums.put(f"{key}.articles", int(row.articles))
        nums.put(f"{key}.duplicates", int(row.duplicates))
        for lang in ("en", "ru"):
            nums.put(f"{key}.{lang}", int(langs.loc[row.slug].get(lang, 0)))
    months = stats["by_month"].dropna()
    nums.lists["months"] = months["month"].tolist()
    nums.put("corpus.months", len(months))
    for row in months.itertuples(index=False):
        nums.put(f"corpus.month.{row.month}", int(row.articles))
    return index


def codebook_numbers(codebook: Codebook, nums: Numbers) -> None:
    """Narrative counts, cue counts and the first cues and examples quoted in the text."""
    nums.meta.update(codebook=codebook.id, codebook_version=codebook.short_version)
    nums.put("codebook.narratives", len(codebook.narratives))
    nums.put("codebook.top_level", len(codebook.top_level()))
    nums.lists["narratives"] = [n.id for n in codebook.top_level()]
    for top in codebook.top_level():
        nums.lists[f"children.{top.id}"] = list(codebook.descendants(top.id))
    for n in codebook.narratives:
        nums.put(f"codebook.{n.id}.label", n.label)
        for lang in codebook.languages:
            block = n.block(lang)
            nums.put(f"codebook.{n.id}.{lang}.cues", len(block.cues))
            nums.put(f"codebook.{n.id}.{lang}.examples", len(block.examples))
            nums.put(f"codebook.{n.id}.{lang}.counter_examples", len(block.counter_examples))
            for i, cue in enumerate(block.cues[:2]):
                nums.put(f"codebook.{n.id}.{lang}.cue{i + 1}", cue.pattern)
            if block.examples:
                nums.put(f"codebook.{n.id}.{lang}.example1", block.examples[0])
            if block.counter_examples:
                nums.put(f"codebook.{n.id}.{lang}.counter1", block.counter_examples[0])


# -- 4b: narratives by outlet and evidence -------------------------------------------------------
def label_numbers(
    store: Store, run: str, codebook: Codebook, index: pd.DataFrame, nums: Numbers
) -> pd.DataFrame:
    """Articles carrying each narrative, overall and per outlet; returns the outlet share table."""
    summary = store.label_summary(run).set_index("narrative")
    total = len(index)
    for n in codebook.narratives:
        row = summary.loc[n.id] if n.id in summary.index else None
        count = int(row["articles"]) if row is not None else 0
        nums.put(f"labels.{n.id}.articles", count)
        nums.put(f"labels.{n.id}.pct", pct(count / total))
        nums.put(f"labels.{n.id}.hits", int(row["hits"]) if row is not None else 0)
    labelled = store.predicted_labels(run, DETECTOR)
    nums.put("labels.any.articles", int(labelled["article_id"].nunique()))
    nums.put("labels.none.articles", total - int(labelled["article_id"].nunique()))
    merged = labelled.merge(index, left_on="article_id", right_on="id")
    sizes = index.groupby("slug").size()
    table = {}
    for narrative in nums.lists["narratives"]:
        counts = merged[merged["narrative"] == narrative].groupby("slug")["article_id"].nunique()
        shares = {}
        for outlet in nums.lists["outlets"]:
            n = int(counts.get(outlet, 0))
            shares[outlet] = pct(n / sizes[outlet])
            nums.put(f"outlet.{outlet}.{narrative}.n", n)
            nums.put(f"outlet.{outlet}.{narrative}.pct", shares[outlet])
        top = max(nums.lists["outlets"], key=lambda o: (shares[o], -sizes[o]))
        nums.put(f"outlet.top.{narrative}", nums.values[f"corpus.outlet.{top}.name"])
        nums.put(f"outlet.top.{narrative}.pct", shares[top])
        table[narrative] = shares
    return pd.DataFrame(table)


def evidence_numbers(store: Store, run: str, codebook: Codebook, nums: Numbers) -> None:
    """The three best evidence sentences per top-level narrative (best hit of each article),
    and whether each coder gave the article that narrative."""
    gold = store.annotations()
    coded = set(zip(gold["article_id"], gold["annotator"], gold["label"], strict=True))
    for narrative in nums.lists["narratives"]:
        family = [narrative, *codebook.descendants(narrative)]
        top = store.top_evidence(run, family, limit=3)
        for i, row in enumerate(top.itertuples(index=False), start=1):
            key = f"evidence.{narrative}.{i}"
            nums.put(f"{key}.outlet", str(row.outlet))
            nums.put(f"{key}.date", pd.Timestamp(row.published_at).strftime("%Y-%m-%d"))
            nums.put(f"{key}.language", str(row.language))
            nums.put(f"{key}.narrative", str(row.narrative))
            nums.put(f"{key}.cue", str(row.evidence))
            nums.put(f"{key}.sentence", " ".join(str(row.sentence).split()))
            for coder in ("coder-a", "coder-b"):
                label = (row.article_id, coder, narrative) in coded
                nums.put(f"{key}.{coder}", "yes" if label else "no")


def voice_numbers(store: Store, run: str, codebook: Codebook, nums: Numbers) -> None:
    """Who voices each narrative: speakers of the quotes that contain its evidence."""
    from narrascope.actors import ActorRegistry

    registry = ActorRegistry.load()
    actors = registry.annotate(store.actor_summary(run, types=["PER", "ORG"], limit=5))
    for i, row in enumerate(actors.itertuples(index=False), start=1):
        nums.put(f"actors.top.{i}.actor", str(row.name or row.actor))
        nums.put(f"actors.top.{i}.mentions", int(row.mentions))
        nums.put(f"actors.top.{i}.quotes", int(row.quotes))
    voiced = store.voiced_narratives(run)
    voiced["voice"] = [
        (registry.get(a).name if isinstance(a, str) and registry.get(a) else str(s))
        for a, s in zip(voiced["actor_id"], voiced["speaker"], strict=True)
    ]
    top_of = {
        n.id: n.id if n.parent is None else codebook.ancestors(n.id)[-1]
        for n in codebook.narratives
    }
    voiced["family"] = voiced["narrative"].map(top_of)
    spans = voiced.drop_duplicates(["family", "voice", "article_id", "hit_start", "hit_end"])
    nums.put(
        "voices.hits",
        len(voiced.drop_duplicates(["article_id", "hit_start", "hit_end", "narrative"])),
    )
    nums.put("voices.speakers", int(voiced["voice"].nunique()))
    for narrative in nums.lists["narratives"]:
        part = spans[spans["family"] == narrative]
        counts = part.groupby("voice").size().reset_index(name="hits")
        counts = counts.sort_values(["hits", "voice"], ascending=[False, True]).head(3)
        nums.put(f"voices.{narrative}.speakers", int(part["voice"].nunique()))
        for i, row in enumerate(counts.itertuples(index=False), start=1):
            nums.put(f"voices.{narrative}.{i}.voice", str(row.voice))
            nums.put(f"voices.{narrative}.{i}.hits", int(row.hits))


# -- 4c: the event window -------------------------------------------------------------------------
def window_numbers(store: Store, run: str, nums: Numbers) -> dict[str, Any]:
    """Before (days -7..-1) vs after (day 0..+7) the talks: pooled and per outlet."""
    event = next(e for e in load_events(sample_path("events.yaml")) if e.name == EVENT)
    before, after = event_periods(event, WINDOW)
    nums.put("window.days", WINDOW)
    nums.put("window.event_date", event.date.isoformat())
    for name, (lo, hi) in (("before", before), ("after", after)):
        nums.put(f"window.{name}.from", lo.isoformat())
        nums.put(f"window.{name}.to", hi.isoformat())
    pooled, pvalues = {}, {}
    for narrative in nums.lists["narratives"]:
        pooled[narrative], tests = _pooled_window(store, run, narrative, (before, after), nums)
        pvalues.update({f"window.pooled.{narrative}.{k}": v for k, v in tests.items()})
    nums.put("window.pooled.tests", len(pvalues))
    for key, adjusted in zip(pvalues, benjamini_hochberg(list(pvalues.values())), strict=True):
        nums.put(key, round(pvalues[key], 3))
        nums.put(f"{key}_bh", round(float(adjusted), 3))
    frame = event_window(store, EVENT, WINDOW, seed=SEED)
    nums.put("window.tests", len(frame))
    frame = frame[frame["narrative"].isin(nums.lists["narratives"])]
    nums.put("window.min_p_bh", round(float(frame["p_bh"].min()), 3))
    per_outlet = {}
    for row in frame.itertuples(index=False):
        key = f"window.{slug(row.outlet)}.{row.narrative}"
        for col in ("n_before", "n_after", "n_baseline"):
            nums.put(f"{key}.{col}", int(getattr(row, col)))
        for col in ("share_before", "share_after", "share_baseline"):
            nums.put(f"{key}.{col}", pct(getattr(row, col)))
        for col in ("diff", "diff_lo", "diff_hi"):
            nums.put(f"{key}.{col}", pct(getattr(row, col)))
        nums.put(f"{key}.p_value", round(float(row.p_value), 3))
        nums.put(f"{key}.p_bh", round(float(row.p_bh), 3))
        per_outlet[(slug(row.outlet), row.narrative)] = (
            pct(row.share_before),
            pct(row.share_after),
        )
    return {"pooled": pooled, "per_outlet": per_outlet, "days": WINDOW}


def _pooled_window(
    store: Store, run: str, narrative: str, windows: tuple[Any, Any], nums: Numbers
) -> tuple[tuple[float, float], dict[str, float]]:
    """All outlets together: counts and shares before, after and at baseline, and the
    permutation p-values of after vs before and after vs baseline."""
    flags = store.article_flags(run, narrative, DETECTOR)
    day = pd.to_datetime(flags["day"]).dt.date
    parts = {
        name: flags[(day >= lo) & (day <= hi)]
        for name, (lo, hi) in zip(("before", "after"), windows, strict=True)
    }
    parts["baseline"] = flags.drop(parts["before"].index).drop(parts["after"].index)
    x, n = {}, {}
    for name, part in parts.items():
        x[name], n[name] = int(part["labelled"].sum()), len(part)
        nums.put(f"window.pooled.{narrative}.{name}.n", n[name])
        nums.put(f"window.pooled.{narrative}.{name}.labelled", x[name])
        nums.put(f"window.pooled.{narrative}.{name}.pct", pct(x[name] / n[name]))
    rng = np.random.default_rng(SEED)
    tests = {"p": permutation_p(x["after"], n["after"], x["before"], n["before"], rng, 2000)}
    tests["p_baseline"] = permutation_p(
        x["after"], n["after"], x["baseline"], n["baseline"], rng, 2000
    )
    shares = (pct(x["before"] / n["before"]), pct(x["after"] / n["after"]))
    return shares, tests


def weekly_series(store: Store, run: str, nums: Numbers) -> pd.DataFrame:
    """Weekly share of each top-level narrative (all outlets), for the timeline figure."""
    frame = prevalence(store, freq="week", run_id=run, detector=DETECTOR)
    frame = frame[frame["narrative"].isin(nums.lists["narratives"])]
    weeks = frame.drop_duplicates("period").sort_values(["n_articles", "period"])
    busiest = weeks.iloc[-1]
    nums.put("weekly.busiest.week", busiest["period"].strftime("%Y-%m-%d"))
    nums.put("weekly.busiest.articles", int(busiest["n_articles"]))
    return frame


# -- 4d: polls and linkage -------------------------------------------------------------------------
def monthly_series(store: Store, run: str, nums: Numbers) -> pd.DataFrame:
    """Monthly share of each top-level narrative (all outlets)."""
    frame = prevalence(store, freq="month", run_id=run, detector=DETECTOR)
    frame = frame[frame["narrative"].isin(nums.lists["narratives"])]
    for row in frame.itertuples(index=False):
        month = row.period.strftime("%Y-%m")
        nums.put(f"monthly.{row.narrative}.{month}.pct", pct(row.share))
        nums.put(f"monthly.{row.narrative}.{month}.n", int(row.n_labelled))
    return frame


def poll_numbers(store: Store, run: str, polls: Path, nums: Numbers) -> dict[str, Any] | None:
    """Import the Levada series, quote them around the talks, and try ``opinion.link``."""
    missing = [f for f, _ in POLL_FILES.values() if not (polls / f).exists()]
    if missing:
        print(
            f"polls: {polls} lacks {', '.join(missing)}; the poll section is skipped "
            "(pass --polls DIR)",
            file=sys.stderr,
        )
        nums.meta["polls"] = None
        return None
    nums.meta["polls"] = os.path.relpath(polls.resolve(), ROOT)
    for series, (name, mapping) in POLL_FILES.items():
        result = import_polls(store, polls / name, mapping)
        nums.put(f"polls.{series}.points", len(result.points))
        nums.put(f"polls.{series}.skipped", len(result.skipped))
        nums.put(f"polls.{series}.warnings", len(result.warnings))
    values: dict[str, pd.DataFrame] = {}
    months = pd.period_range("2018-07", "2019-05", freq="M")
    for series, answers in (
        ("attitude-usa", ("Positive", "Negative")),
        ("putin-approval", ("Approve", "Disapprove")),
    ):
        for answer in answers:
            frame = poll_values(store, series, answer)
            frame["month"] = pd.to_datetime(frame["survey_date"]).dt.to_period("M")
            frame = frame[frame["month"].isin(months)]
            values[f"{series}/{answer}"] = frame
            for row in frame.itertuples(index=False):
                nums.put(f"polls.{series}.{row.month}.{answer.lower()}", round(row.value, 1))
    nums.put("link.min_points", MIN_POINTS)
    nums.put("link.window_days", WINDOW_DAYS)
    for narrative in nums.lists["narratives"]:
        daily = prevalence(store, narrative=narrative, freq="day", run_id=run, detector=DETECTOR)
        waves = align_windows(daily, poll_values(store, "attitude-usa", "Negative"))
        if narrative == nums.lists["narratives"][0]:
            nums.put("aligned.waves", len(waves))
        for row in waves.itertuples(index=False):
            key = f"aligned.{narrative}.{row.period.strftime('%Y-%m')}"
            nums.put(f"{key}.pct", pct(row.narrative))
            nums.put(f"{key}.n", int(row.n_articles))
        for series, answer in LINK_ANSWERS.items():
            try_link(store, run, narrative, series, answer, nums)
    return values


def aligned_points(store: Store, run: str, narrative: str, series: str, answer: str) -> int:
    """How many points ``link`` can align (by month, or 30-day windows for irregular waves)."""
    poll = poll_values(store, series, answer)
    options = {"narrative": narrative, "run_id": run, "detector": DETECTOR}
    if poll_alignment(poll["survey_date"]) == "month":
        return len(align_monthly(prevalence(store, freq="month", **options), poll))
    return len(align_windows(prevalence(store, freq="day", **options), poll))


def try_link(
    store: Store, run: str, narrative: str, series: str, answer: str, nums: Numbers
) -> None:
    """Run ``opinion.link``; record its statistics or why it refused."""
    key = f"link.{narrative}.{series}"
    try:
        result = link(
            store,
            narrative,
            series,
            answer=answer,
            run_id=run,
            detector=DETECTOR,
            n_boot=500,
            seed=SEED,
        )
    except DataError as exc:
        nums.put(f"{key}.status", "refused")
        nums.put(f"{key}.points", aligned_points(store, run, narrative, series, answer))
        nums.meta.setdefault("link_messages", {})[key] = exc.message
        return
    nums.put(f"{key}.status", "ran")
    nums.put(f"{key}.points", int(result.n))
    pearson = result.correlations.set_index("method").loc["pearson"]
    nums.put(f"{key}.r", round(float(pearson["r"]), 2))
    nums.put(f"{key}.p_bh", round(float(pearson["p_bh"]), 3))


# -- 4e: agreement with the human coding -----------------------------------------------------------
def evaluation_numbers(
    store: Store, run: str, codebook: Codebook, nums: Numbers
) -> dict[str, dict[str, float]]:
    """P/R/F1, samples F1 and Krippendorff's alpha, detector vs coders and coder vs coder."""
    coders = store.annotations().groupby("annotator")["article_id"].nunique()
    for coder, n in coders.items():
        nums.put(f"eval.{coder}.articles", int(n))
    out: dict[str, dict[str, float]] = {}
    for level in ("coarse", "fine"):
        result = evaluate_run(store, codebook, run_id=run, level=level).to_dict()
        det = result["detectors"][0]
        nums.put(f"eval.{level}.documents", int(result["n_documents"]))
        nums.meta["eval_annotator"] = result["annotator"]
        for metric in ("micro_f1", "macro_f1", "samples_f1"):
            nums.put(f"eval.{level}.{metric}", round(det[metric], 2))
            lo, hi = det["ci"][metric]
            nums.put(f"eval.{level}.{metric}.lo", round(lo, 2))
            nums.put(f"eval.{level}.{metric}.hi", round(hi, 2))
        if level == "coarse":
            out = _per_label(result, det, nums)
    return out


def _per_label(
    result: dict[str, Any], det: dict[str, Any], nums: Numbers
) -> dict[str, dict[str, float]]:
    chart: dict[str, dict[str, float]] = {}
    for label, row in det["per_label"].items():
        key = f"eval.coarse.{label}"
        for metric in ("precision", "recall", "f1"):
            nums.put(f"{key}.{metric}", round(row[metric], 2))
        nums.put(f"{key}.support", int(row["support"]))
        nums.put(f"{key}.predicted", int(row["predicted"]))
        alphas = {f"lexicon~{c}": det["alpha"].get(f"{c}:{label}") for c in ("coder-a", "coder-b")}
        alphas["coder-a~coder-b"] = result["coder_alpha"].get("coder-a~coder-b", {}).get(label)
        for pair, value in alphas.items():
            nums.put(f"eval.alpha.{pair}.{label}", round(float(value), 2))
        chart[label] = {
            "F1 (lexicon vs coder-a)": round(row["f1"], 2),
            **{f"alpha {p}": round(float(v), 2) for p, v in alphas.items()},
        }
    return chart


# -- main ------------------------------------------------------------------------------------------
def run(db: Path, polls: Path, out: Path) -> Numbers:
    """Every step of the case study into the store ``db``; figures and numbers into ``out``."""
    nums, notes, data = Numbers(), [], {}
    codebook = load_codebook("crisis-diplomacy")
    nums.meta.update(narrascope=__version__, seed=SEED, detector=DETECTOR, event=EVENT)
    codebook_numbers(codebook, nums)
    with Store(db) as store:
        run_id = build(store, codebook, nums, notes)
        index = corpus_numbers(store, nums)
        data["outlets"] = label_numbers(store, run_id, codebook, index, nums)
        evidence_numbers(store, run_id, codebook, nums)
        if nums.meta["nlp"]:
            voice_numbers(store, run_id, codebook, nums)
        data["window"] = window_numbers(store, run_id, nums)
        data["weekly"] = weekly_series(store, run_id, nums)
        data["monthly"] = monthly_series(store, run_id, nums)
        data["polls"] = poll_numbers(store, run_id, polls, nums)
        data["agreement"] = evaluation_numbers(store, run_id, codebook, nums)
    for key, value in CITED.items():
        nums.put(key, value)
    nums.meta["notes"] = notes
    nums.figures += _figures.write_figures(out, nums.values, nums.lists, data)
    (out / "numbers.json").write_text(nums.to_json(), encoding="utf-8")
    return nums


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--polls",
        type=Path,
        default=DEFAULT_POLLS,
        help="folder with the Levada CSV files (default: the series shipped with narrascope)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("docs/case-study"),
        help="folder for numbers.json and the figures",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="keep the store in this new file (default: a temporary directory)",
    )
    parser.add_argument(
        "--sync-doc",
        type=Path,
        default=None,
        help="rewrite this Markdown file's numbers and tables from the results",
    )
    args = parser.parse_args(argv)
    if args.db is not None and args.db.exists():
        parser.error(f"{args.db} exists; the case study needs a fresh store")
    with tempfile.TemporaryDirectory(prefix="narrascope-case-") as tmp:
        nums = run(args.db or Path(tmp) / "case.duckdb", args.polls, args.out)
    for note in nums.meta["notes"]:
        print(f"note: {note}", file=sys.stderr)
    print(
        f"wrote {args.out / 'numbers.json'} ({len(nums.values)} numbers) and "
        f"{len(nums.figures)} figures: {', '.join(nums.figures)}"
    )
    if args.sync_doc is not None:
        changed = _casedoc.sync(args.sync_doc, json.loads(nums.to_json()))
        print(f"updated {changed} values in {args.sync_doc}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Keep the case-study Markdown in step with ``numbers.json``.

Numbers in the document are written as ``<!-- n:KEY -->VALUE<!-- /n -->`` (the comments are
invisible when rendered), and generated tables sit between ``<!-- table:NAME -->`` and
``<!-- /table -->``. :func:`sync` rewrites both from a fresh ``numbers.json`` payload;
``tests/test_case_study.py`` checks that every marked value equals the script's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

MARKER = re.compile(r"<!-- n:(?P<key>[^ ]+) -->(?P<value>.*?)<!-- /n -->", re.S)
TABLE = re.compile(r"(<!-- table:(?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- /table -->)", re.S)
MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def fmt(value: Any) -> str:
    """How a value is written in the document."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:g}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


class _Doc:
    """Marker writer over one payload's numbers."""

    def __init__(self, payload: dict[str, Any]) -> None:
        self.numbers: dict[str, Any] = payload["numbers"]
        self.lists: dict[str, list[Any]] = payload["lists"]

    def m(self, key: str, suffix: str = "") -> str:
        """The marked value of ``key`` (an en dash when the key is absent)."""
        if key not in self.numbers:
            return "–"
        return f"<!-- n:{key} -->{_cell(fmt(self.numbers[key]))}<!-- /n -->{suffix}"

    def name(self, outlet: str) -> str:
        return self.m(f"corpus.outlet.{outlet}.name")


def _corpus(d: _Doc) -> list[str]:
    rows = ["| outlet | articles | English | Russian | wire copies |", "|---|---:|---:|---:|---:|"]
    for o in d.lists["outlets"]:
        k = f"corpus.outlet.{o}"
        rows.append(
            f"| {d.name(o)} | {d.m(k + '.articles')} | {d.m(k + '.en')} | "
            f"{d.m(k + '.ru')} | {d.m(k + '.duplicates')} |"
        )
    rows.append(
        f"| **all** | {d.m('corpus.articles')} | {d.m('corpus.language.en')} | "
        f"{d.m('corpus.language.ru')} | "
        f"{d.m('corpus.exact_duplicates')} exact + {d.m('corpus.near_duplicates')} near |"
    )
    return rows


def _narratives(d: _Doc) -> list[str]:
    rows = [
        "| narrative | label | articles | % of all articles | hits |",
        "|---|---|---:|---:|---:|",
    ]
    for top in d.lists["narratives"]:
        for n in [top, *d.lists.get(f"children.{top}", [])]:
            shown = f"`{n}`" if n == top else f"↳ `{n}`"
            rows.append(
                f"| {shown} | {d.m(f'codebook.{n}.label')} | "
                f"{d.m(f'labels.{n}.articles')} | {d.m(f'labels.{n}.pct')} | "
                f"{d.m(f'labels.{n}.hits')} |"
            )
    return rows


def _outlet_shares(d: _Doc) -> list[str]:
    names = d.lists["narratives"]
    rows = [
        "| outlet | " + " | ".join(f"`{n}`" for n in names) + " |",
        "|---|" + "---:|" * len(names),
    ]
    for o in d.lists["outlets"]:
        cells = [f"{d.m(f'outlet.{o}.{n}.pct', '%')} ({d.m(f'outlet.{o}.{n}.n')})" for n in names]
        rows.append(f"| {d.name(o)} | " + " | ".join(cells) + " |")
    return rows


def _voices(d: _Doc) -> list[str]:
    rows = [
        "| narrative | speakers | first voice (hits) | second | third |",
        "|---|---:|---|---|---|",
    ]
    for n in d.lists["narratives"]:
        cells = []
        for i in (1, 2, 3):
            key = f"voices.{n}.{i}"
            cells.append(
                f"{d.m(key + '.voice')} ({d.m(key + '.hits')})"
                if f"{key}.voice" in d.numbers
                else "–"
            )
        rows.append(f"| `{n}` | {d.m(f'voices.{n}.speakers')} | " + " | ".join(cells) + " |")
    return rows


def _window_pooled(d: _Doc) -> list[str]:
    rows = [
        "| narrative | before: labelled/articles (%) | after: labelled/articles (%) | "
        "baseline (%) | after vs before: p (BH) | after vs baseline: p (BH) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for n in d.lists["narratives"]:
        k = f"window.pooled.{n}"
        cells = [
            f"{d.m(f'{k}.{w}.labelled')}/{d.m(f'{k}.{w}.n')} ({d.m(f'{k}.{w}.pct')})"
            for w in ("before", "after")
        ]
        cells.append(d.m(f"{k}.baseline.pct"))
        cells += [f"{d.m(f'{k}.{t}')} ({d.m(f'{k}.{t}_bh')})" for t in ("p", "p_baseline")]
        rows.append(f"| `{n}` | " + " | ".join(cells) + " |")
    return rows


def _window_outlets(d: _Doc) -> list[str]:
    rows = [
        "| outlet | narrative | articles before/after | % before → after | "
        "Δ points [95% CI] | p (BH) |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for o in d.lists["outlets"]:
        for n in d.lists["narratives"]:
            k = f"window.{o}.{n}"
            rows.append(
                f"| {d.name(o)} | `{n}` | {d.m(k + '.n_before')}/{d.m(k + '.n_after')} | "
                f"{d.m(k + '.share_before')} → {d.m(k + '.share_after')} | "
                f"{d.m(k + '.diff')} [{d.m(k + '.diff_lo')}, {d.m(k + '.diff_hi')}] | "
                f"{d.m(k + '.p_bh')} |"
            )
    return rows


def _polls(d: _Doc) -> list[str]:
    names = d.lists["narratives"]
    rows = [
        "| month | "
        + " | ".join(f"`{n}` % of articles" for n in names)
        + " | Putin approval % | attitude to the USA: positive % | negative % |",
        "|---|" + "---:|" * (len(names) + 3),
    ]
    for month in d.lists["months"]:
        year, mm = month.split("-")
        cells = [d.m(f"monthly.{n}.{month}.pct") for n in names]
        cells.append(d.m(f"polls.putin-approval.{month}.approve"))
        cells.append(d.m(f"polls.attitude-usa.{month}.positive"))
        cells.append(d.m(f"polls.attitude-usa.{month}.negative"))
        rows.append(f"| {MONTH_NAMES[int(mm) - 1]} {year} | " + " | ".join(cells) + " |")
    return rows


def _link(d: _Doc) -> list[str]:
    rows = [
        "| narrative | poll series (answer) | aligned points | needed | result |",
        "|---|---|---:|---:|---|",
    ]
    answers = {"attitude-usa": "Negative", "putin-approval": "Approve"}
    for n in d.lists["narratives"]:
        for series, answer in answers.items():
            k = f"link.{n}.{series}"
            rows.append(
                f"| `{n}` | `{series}` ({answer}) | {d.m(k + '.points')} | "
                f"{d.m('link.min_points')} | {d.m(k + '.status')} |"
            )
    return rows


def _evaluation(d: _Doc) -> list[str]:
    rows = [
        "| label | precision | recall | F1 | coder-a articles | lexicon articles | "
        "α lexicon~coder-a | α lexicon~coder-b | α coder-a~coder-b |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n in d.lists["narratives"]:
        k = f"eval.coarse.{n}"
        alphas = [
            d.m(f"eval.alpha.{p}.{n}")
            for p in ("lexicon~coder-a", "lexicon~coder-b", "coder-a~coder-b")
        ]
        rows.append(
            f"| `{n}` | {d.m(k + '.precision')} | {d.m(k + '.recall')} | "
            f"{d.m(k + '.f1')} | {d.m(k + '.support')} | {d.m(k + '.predicted')} | "
            + " | ".join(alphas)
            + " |"
        )
    return rows


TABLES: dict[str, Callable[[_Doc], list[str]]] = {
    "corpus": _corpus,
    "narratives": _narratives,
    "outlet-shares": _outlet_shares,
    "voices": _voices,
    "window-pooled": _window_pooled,
    "window-outlets": _window_outlets,
    "polls": _polls,
    "link": _link,
    "evaluation": _evaluation,
}


def render_table(name: str, payload: dict[str, Any]) -> str:
    """One generated table as Markdown (with markers), ending in a newline."""
    return "\n".join(TABLES[name](_Doc(payload))) + "\n"


def sync(path: Path, payload: dict[str, Any]) -> int:
    """Rewrite the tables and marked values of ``path``; returns how many values changed."""
    text = path.read_text(encoding="utf-8")
    text = TABLE.sub(
        lambda m: m.group(1) + render_table(m.group("name"), payload) + m.group(4), text
    )
    numbers, changed = payload["numbers"], 0

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        key = match.group("key")
        if key not in numbers:
            return match.group(0)
        new = fmt(numbers[key])
        old = match.group("value").replace("\\|", "|")
        changed += old != new
        start = match.string.rfind("\n", 0, match.start()) + 1
        in_table = match.string.startswith("|", start)
        return f"<!-- n:{key} -->{_cell(new) if in_table else new}<!-- /n -->"

    text = MARKER.sub(replace, text)
    path.write_text(text, encoding="utf-8")
    return changed

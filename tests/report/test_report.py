"""The static HTML report: content, offline-ness and escaping of untrusted text."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.errors import StoreError, UsageError
from narrascope.report import write_report
from narrascope.report.markup import Span, chart_json, plot_text, safe_url, segments
from narrascope.store import Store

EXECUTABLE = {None, "", "text/javascript", "module"}


def _report(built: Any, tmp_path: Path, **kwargs: Any) -> BeautifulSoup:
    with Store(built.path, read_only=True) as store:
        out = write_report(store, tmp_path / "out" / "report.html", **kwargs)
    return BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def soup(built: Any, builder: ModuleType, tmp_path: Path) -> BeautifulSoup:
    return _report(built, tmp_path, codebook=builder.codebook())


def test_report_has_every_section_and_the_evidence(soup: BeautifulSoup, built: Any) -> None:
    ids = {s.get("id") for s in soup.find_all("section")}
    assert {"manifest", "narratives", "outlets", "timeline", "evidence"} <= ids
    assert {"actors", "events", "polls"} <= ids
    quoted = " ".join(b.get_text() for b in soup.select("blockquote.evidence-sentence"))
    for sentence in built.evidence_sentences():
        assert sentence in quoted
    marks = [m.get_text() for m in soup.select("blockquote.evidence-sentence mark")]
    assert {"double standards", "hypocrisy", "indispensable", "India"} <= set(marks)
    manifest = soup.find(id="manifest").get_text()
    assert "run-test-0001" in manifest and "v-test" in manifest and "lexicon" in manifest


def test_report_counts_articles_per_narrative(soup: BeautifulSoup) -> None:
    rows = {
        tr.find("span", class_="muted").get_text(): tr.find_all("td")[1].get_text()
        for tr in soup.find(id="narratives").select("tbody tr")
    }
    assert rows["double-standards"] == "3"  # own hits in 2 articles + the sub-narrative's
    assert rows["indispensable-power"] == "2"


def test_report_is_offline(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(src=True):
        assert not tag["src"].lower().startswith(("http:", "https:", "//")), tag
    for tag in soup.find_all("link"):
        assert not tag.get("href", "").lower().startswith(("http:", "https:", "//")), tag
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and "default-src 'none'" in csp["content"]
    scripts = [s for s in soup.find_all("script") if s.get("type") in EXECUTABLE]
    assert len(scripts) == 3 and "Plotly" in scripts[0].string  # + renderer, CSV buttons
    assert not any(s.get("src") for s in scripts)


def test_untrusted_text_is_escaped(soup: BeautifulSoup, builder: ModuleType) -> None:
    executable = [s for s in soup.find_all("script") if s.get("type") in EXECUTABLE]
    assert all("alert('" not in (s.string or "")[-2000:] for s in executable[1:])
    assert soup.find_all("img") == [] and soup.find_all("a", href=True) == soup.select("nav a")
    for tag in soup.find_all(True):
        assert not any(attr.lower().startswith("on") for attr in tag.attrs), tag
        for value in tag.attrs.values():
            assert "javascript:" not in str(value).lower(), tag
    text = soup.get_text()
    assert builder.XSS_TITLE in text and builder.XSS_OUTLET in text and builder.XSS_LABEL in text


def test_chart_json_is_parseable_and_plotly_labels_escaped(
    soup: BeautifulSoup, builder: ModuleType
) -> None:
    blocks = soup.select("script.chart-data")
    specs = {b["data-target"]: json.loads(b.string) for b in blocks}
    assert {"chart-overall", "chart-outlets", "chart-timeline"} <= set(specs)
    assert all(soup.find(id=target) is not None for target in specs)
    outlets = specs["chart-outlets"]["data"][0]["x"]
    unwrapped = [x.replace("<br>", " ") for x in outlets]  # long names wrap (our <br> only)
    assert plot_text(builder.XSS_OUTLET) in unwrapped and builder.XSS_OUTLET not in outlets
    assert all("<" not in x.replace("<br>", "") for x in outlets)
    timeline = specs["chart-timeline"]["layout"]
    assert timeline["shapes"] and "&lt;b&gt;" in timeline["annotations"][0]["text"]


def test_without_codebook_the_ids_stand_in(built: Any, tmp_path: Path) -> None:
    soup = _report(built, tmp_path)
    assert "could not be loaded" in soup.find(id="manifest").get_text()
    assert soup.find(id="evidence-double-standards") is not None


def test_minimal_store_skips_optional_sections(builder: ModuleType, tmp_path: Path) -> None:
    built = builder.build(tmp_path / "minimal.duckdb", extras=False)
    soup = _report(built, tmp_path, codebook=builder.codebook())
    ids = {s.get("id") for s in soup.find_all("section")}
    assert not {"actors", "events", "polls"} & ids
    assert (
        "shapes" not in json.loads(soup.select_one("#timeline script.chart-data").string)["layout"]
    )


def test_unknown_run_and_empty_store_are_clear_errors(built: Any, tmp_path: Path) -> None:
    with Store(built.path, read_only=True) as store, pytest.raises(UsageError, match="no run"):
        write_report(store, tmp_path / "r.html", run_id="nope")
    with Store(tmp_path / "empty.duckdb") as store, pytest.raises(StoreError, match="analyze"):
        write_report(store, tmp_path / "r.html")


def test_cli_report_writes_the_file(built: Any, tmp_path: Path) -> None:
    out = tmp_path / "cli.html"
    result = CliRunner().invoke(app, ["--db", str(built.path), "report", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "wrote" in result.output
    bad = CliRunner().invoke(
        app, ["--db", str(built.path), "report", "--out", str(out), "--run", "x"]
    )
    assert bad.exit_code == UsageError.exit_code


# -- markup helpers ------------------------------------------------------------------------------
def test_chart_json_cannot_close_the_script() -> None:
    text = str(chart_json({"a": "</script><!-- & \u2028", "b": float("nan")}))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028", "b": None}


def test_segments_split_at_overlapping_spans() -> None:
    segs = segments("one two three", [Span(4, 13, "quote"), Span(4, 7, "hit", anchor="h")])
    assert [(s.text, s.kinds(), s.anchor) for s in segs] == [
        ("one ", [], ""),
        ("two", ["hit", "quote"], "h"),
        (" three", ["quote"], ""),
    ]
    assert [s.text for s in segments("abc", [Span(-5, 99, "hit"), Span(2, 2, "x")])] == ["abc"]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        (" JaVaScRiPt:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example", False),
        (None, False),
    ],
)
def test_safe_url_allows_only_http(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_store_methods_do_not_shadow_the_result_queries() -> None:
    from narrascope.store.queries import ResultQueries

    mine = {n for n in vars(ResultQueries) if not n.startswith("__")}
    shadowed = sorted(n for n in mine if n in vars(Store))
    assert shadowed == [], f"Store defines {shadowed}: rename one side"


def test_voiced_counts_roll_sub_narratives_up_to_their_root() -> None:
    from narrascope.report import _voiced_top_level
    from narrascope.report.model import Narratives

    names = Narratives(
        order=("ds", "ds-sub", "ip"),
        labels={"ds": "Double standards", "ds-sub": "Sub", "ip": "Power"},
        descriptions={},
        parents={"ds": None, "ds-sub": "ds", "ip": None},
    )
    voiced = pd.DataFrame(
        {
            "actor": ["lavrov", "lavrov", "lavrov"],
            "narrative": ["ds", "ds-sub", "ip"],
            "hits": [2, 1, 1],
        }
    )
    out = _voiced_top_level(voiced, names)
    assert out[["narrative", "hits", "label"]].values.tolist() == [
        ["ds", 3, "Double standards"],
        ["ip", 1, "Power"],
    ]
    assert out["share"].tolist() == [0.75, 0.25]

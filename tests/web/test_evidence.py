"""Evidence behind charts and CSV downloads: /evidence, /evidence/point, /download/*."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.testclient import TestClient


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_evidence_page_lists_hits_of_any_narrative_with_filters(
    client: TestClient, built: Any
) -> None:
    page = client.get("/evidence")
    assert page.status_code == 200
    assert f"({len(built.hits)} hits)" in page.text
    one = client.get(
        "/evidence", params={"outlet": "sample state wire", "narrative": "double-standards"}
    )
    assert one.status_code == 200
    wire = {a.id for a in built.articles if a.outlet == "Sample State Wire"}
    family = {"double-standards", "accuses-others"}
    expected = [h for h in built.hits if h.article_id in wire and h.narrative in family]
    assert f"({len(expected)} hits)" in one.text
    assert "/download/hits.csv?" in one.text and "<mark>" in one.text


def test_unknown_filters_are_clear_errors(client: TestClient) -> None:
    bad = client.get("/evidence", params={"outlet": "Nowhere Times"})
    assert bad.status_code == 400 and "Sample State Wire" in bad.text
    assert client.get("/download/hits.csv", params={"narrative": "nope"}).status_code == 404
    swapped = client.get("/evidence", params={"date_from": "2019-01-02", "date_to": "2019-01-01"})
    assert swapped.status_code == 422


def test_hits_csv_has_every_row_uncut(client: TestClient, built: Any) -> None:
    response = client.get("/download/hits.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = _csv(response.text)
    assert len(rows) == len(built.hits)
    by_id = {a.id: a for a in built.articles}
    for row in rows:  # the cue offsets point at the evidence within the full sentence
        a, b = int(row["cue_start"]), int(row["cue_end"])
        assert row["sentence"][a:b] == row["evidence"]
        assert row["sentence"] in by_id[row["article_id"]].text
    empty = client.get("/download/hits.csv", params={"date_from": "2030-01-01"})
    assert empty.text.startswith("narrative,outlet,") and len(_csv(empty.text)) == 0


def test_chart_rows_carry_counts(client: TestClient) -> None:
    timeline = _csv(client.get("/download/chart.csv", params={"chart": "chart-timeline"}).text)
    assert timeline and {"week", "narrative", "label", "articles", "total", "share"} <= set(
        timeline[0]
    )
    shown = [row for row in timeline if row["share"]]  # weeks without articles: a gap, no share
    assert shown
    for row in shown:
        assert float(row["share"]) == float(row["articles"]) / float(row["total"])
    outlets = client.get(
        "/download/chart.csv",
        params={"chart": "chart-outlets", "page": "/narratives/double-standards"},
    )
    rows = _csv(outlets.text)
    assert rows and {r["narrative"] for r in rows} == {"double-standards"}
    overall = _csv(client.get("/download/chart.csv", params={"chart": "chart-overall"}).text)
    assert {"id", "label", "articles", "share", "hits"} <= set(overall[0])
    missing = client.get("/download/chart.csv", params={"chart": "chart-x", "page": "/polls"})
    assert missing.status_code == 404


def test_a_chart_point_leads_to_its_sentences(client: TestClient) -> None:
    point = client.get(
        "/evidence/point",
        params={"page": "/", "trace": "Western double standards", "x": "2018-10-01", "y": "50"},
        follow_redirects=False,
    )
    assert point.status_code == 303
    target = point.headers["location"]
    assert "narrative=double-standards" in target
    assert "date_from=2018-10-01" in target and "date_to=2018-10-07" in target
    outlet = client.get(
        "/evidence/point",
        params={"page": "/narratives/indispensable-power", "x": "Sample Independent Daily"},
        follow_redirects=False,
    )
    target = outlet.headers["location"]
    assert "narrative=indispensable-power" in target and "outlet=Sample+Independent+Daily" in target
    assert client.get(target).status_code == 200


def test_download_script_is_served_and_linked(client: TestClient) -> None:
    assert "CSV of the plotted values" in client.get("/static/downloads.js").text
    assert "plotly_click" in client.get("/static/evidence.js").text
    page = client.get("/").text
    assert (
        '<script src="/static/downloads.js"' in page and '<script src="/static/evidence.js"' in page
    )


def test_stance_filter_and_column(client: TestClient, built: Any) -> None:
    rows = _csv(client.get("/download/hits.csv").text)
    assert {"stance", "speaker", "actor_id"} <= set(rows[0])
    stances = {r["stance"] for r in rows}
    some = sorted(stances)[0]
    kept = _csv(client.get("/download/hits.csv", params={"stance": some}).text)
    assert kept and len(kept) == sum(r["stance"] == some for r in rows)
    assert client.get("/evidence", params={"stance": "sarcastic"}).status_code == 400

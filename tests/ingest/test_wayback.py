"""Wayback backfill against a local server answering as the CDX API and the ``id_`` captures:
listing, paging, dates, dedup, failures, a rerun that skips what is stored, and an interrupted
crawl that resumes."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tests.ingest._sites import Reply, Site, article_page, running_site
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.config import load_config
from narrascope.errors import InputError, UsageError
from narrascope.ingest import crawl as crawl_module
from narrascope.ingest._http import Fetcher, FetchSettings, RateLimited
from narrascope.ingest.crawl import CrawlOptions, crawl
from narrascope.ingest.wayback import list_captures
from narrascope.store import Store

pytestmark = pytest.mark.network
HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
NOV_1, NOV_30 = date(2018, 11, 1), date(2018, 11, 30)


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running


def _capture(site: Site, n: int, *, day: int, own_date: str | None = None) -> list[str]:
    """Serve the capture of article ``n`` and return its CDX row."""
    original = f"https://tass.com/politics/{n}"
    stamp = f"201811{day:02d}093000"
    body = f"Lavrov said the Moscow format brings the Taliban to the table, round {n}."
    site.serve(
        f"/web/{stamp}id_/{original}", article_page(f"Moscow talks {n}", body, date=own_date)
    )
    return [f"com,tass)/politics/{n}", stamp, original, "text/html", "200", f"D{n}", "900"]


def _cdx(site: Site, rows: list[list[str]]) -> None:
    site.serve("/cdx/search/cdx", Reply(json.dumps([HEADER, *rows]).encode(), content_type="json"))


def _config(site: Site) -> dict[str, Any]:
    config = load_config()
    config.update({"fetch.rate_per_host": 0.0, "fetch.retries": 0, "fetch.timeout": 2.0})
    return config


def _lister(site: Site, pattern: str = "tass.com/politics*") -> Any:
    return functools.partial(
        lambda fetcher: list_captures(fetcher, pattern, NOV_1, NOV_30, base_url=site.base)
    )


def _fetcher() -> Fetcher:
    return Fetcher(FetchSettings(timeout=2.0, retries=0, rate_per_host=0.0, robots=False))


def test_cdx_query_asks_for_html_200_collapsed_by_digest(site: Site) -> None:
    _cdx(site, [_capture(site, 1, day=5)])
    with _fetcher() as fetcher:
        listing = list_captures(fetcher, "tass.com/politics*", NOV_1, NOV_30, base_url=site.base)
    (query,) = site.queries("/cdx/search/cdx")
    assert query["url"] == ["tass.com/politics*"] and query["output"] == ["json"]
    assert query["from"] == ["20181101"] and query["to"] == ["20181130"]
    assert query["filter"] == ["statuscode:200", "mimetype:text/html"]
    assert query["collapse"] == ["digest"]
    (page,) = listing.pages
    assert page.fetch_url == f"{site.base}/web/20181105093000id_/https://tass.com/politics/1"
    assert page.url == "https://tass.com/politics/1" and page.date_kind == "capture"
    assert page.published_at is not None and page.published_at.isoformat().startswith(
        "2018-11-05T09:30"
    )


def test_resume_key_pages_and_earliest_capture_per_page(site: Site) -> None:
    first, second = _capture(site, 1, day=3), _capture(site, 2, day=4)
    later = [*first[:1], "20181120093000", *first[2:5], "D9", "900"]

    def cdx(query: dict[str, list[str]]) -> Reply:
        if "resumeKey" not in query:
            rows = [HEADER, first, second, [], ["com,tass)/politics/3 20181101"]]
        else:
            assert query["resumeKey"] == ["com,tass)/politics/3 20181101"]
            rows = [HEADER, later]
        return Reply(json.dumps(rows).encode(), content_type="application/json")

    site.serve("/cdx/search/cdx", cdx)
    with _fetcher() as fetcher:
        listing = list_captures(fetcher, "tass.com/politics*", NOV_1, NOV_30, base_url=site.base)
    assert [p.url for p in listing.pages] == [first[2], second[2]]
    assert "20181103" in listing.pages[0].fetch_url  # the earliest of the two captures
    assert any("3 captures of 2 pages" in note for note in listing.notes)


@pytest.mark.parametrize(
    ("reply", "error", "words"),
    [
        (Reply(b"<html>Service down</html>"), InputError, "did not answer with JSON rows"),
        (Reply(b'{"rows": 1}'), InputError, "not a list of rows"),
        (Reply(b'[["urlkey", "x"], ["a", "b"]]'), InputError, "lack the field(s)"),
        (Reply(b"busy", 429, headers={"Retry-After": "7200"}), RateLimited, "retry after"),
    ],
)
def test_bad_cdx_answers_are_one_line_errors(
    site: Site, reply: Reply, error: type[Exception], words: str
) -> None:
    site.serve("/cdx/search/cdx", reply)
    with _fetcher() as fetcher, pytest.raises(error) as info:
        list_captures(fetcher, "tass.com/politics*", NOV_1, NOV_30, base_url=site.base)
    message = info.value.one_line()  # type: ignore[attr-defined]
    assert words in message and "/cdx/search/cdx" in message and "\n" not in message


def test_bad_pattern_and_reversed_dates_are_usage_errors(site: Site) -> None:
    with _fetcher() as fetcher:
        with pytest.raises(UsageError, match="not a URL pattern"):
            list_captures(fetcher, "  ", NOV_1, NOV_30, base_url=site.base)
        with pytest.raises(UsageError, match="is after --to"):
            list_captures(fetcher, "tass.com/*", NOV_30, NOV_1, base_url=site.base)
    assert site.log == []


def test_crawl_stores_dated_articles_and_a_rerun_fetches_nothing(
    site: Site, tmp_path: Path
) -> None:
    rows = [_capture(site, 1, day=5, own_date="2018-11-04"), _capture(site, 2, day=9)]
    rows.append(_capture(site, 3, day=10, own_date="2015-01-01"))  # an old page captured now
    _cdx(site, rows)
    with Store(tmp_path / "s.duckdb") as store:
        summary = crawl(_lister(site), store, options=CrawlOptions(config=_config(site)))
        frame = store.query(
            "SELECT url, outlet, published_at, extractor, source_path FROM articles ORDER BY url"
        )
        assert summary.totals.stored == 3 and summary.totals.rejected == 0
        assert list(frame["outlet"]) == ["Test Agency"] * 3
        days = [str(d)[:10] for d in frame["published_at"]]
        assert days == ["2018-11-04", "2018-11-09", "2015-01-01"]
        assert list(frame["extractor"]) == [
            "trafilatura",
            "trafilatura+capture-date",
            "trafilatura",
        ]
        assert frame["source_path"][1].endswith(
            "/web/20181109093000id_/https://tass.com/politics/2"
        )
        notes = " ".join(summary.warnings)
        assert "1 pages carry no date of their own" in notes
        assert "1 pages carry their own date outside the range" in notes
        fetched = [p for p in site.paths() if p.startswith("/web/")]
        again = crawl(_lister(site), store, options=CrawlOptions(config=_config(site)))
        assert again.totals.stored == 0 and again.totals.already_stored == 3 and again.ok
        assert [p for p in site.paths() if p.startswith("/web/")] == fetched  # nothing refetched


def test_failures_are_recorded_and_retried_only_when_worth_it(site: Site, tmp_path: Path) -> None:
    good = _capture(site, 1, day=5)
    broken = _capture(site, 2, day=6)
    site.serve(f"/web/{broken[1]}id_/{broken[2]}", Reply(b"oops", 500))
    gone = [*_capture(site, 3, day=7)[:2], "https://tass.com/politics/gone", *good[3:]]
    empty = _capture(site, 4, day=8)
    site.serve(f"/web/{empty[1]}id_/{empty[2]}", b"<html><body><div> </div></body></html>")
    slow = _capture(site, 5, day=9)
    site.serve(f"/web/{slow[1]}id_/{slow[2]}", Reply(article_page("Late", "Too late."), delay=1.5))
    _cdx(site, [good, broken, gone, empty, slow])
    config = {**_config(site), "fetch.timeout": 0.5}
    with Store(tmp_path / "s.duckdb") as store:
        first = crawl(_lister(site), store, options=CrawlOptions(config=config))
        assert first.totals.stored == 1 and first.totals.rejected == 4
        rows = store.query("SELECT url, status, attempts, last_error FROM frontier ORDER BY url")
        status = dict(zip(rows["url"].str.rsplit("/", n=1).str[-1], rows["status"], strict=True))
        assert status == {
            "1": "done",
            "2": "failed",
            "gone": "gone",
            "4": "rejected",
            "5": "failed",
        }
        errors = dict(zip(status, rows["last_error"], strict=True))
        assert "HTTP 500" in errors["2"] and "no extractable text" in errors["4"]
        assert "timed out after 0.5 s" in errors["5"] and "HTTP 404" in errors["gone"]
        site.serve(f"/web/{broken[1]}id_/{broken[2]}", article_page("Back", "The page is back."))
        site.serve(f"/web/{slow[1]}id_/{slow[2]}", article_page("Late", "Too late, but here."))
        second = crawl(_lister(site), store, options=CrawlOptions(config=config))
        assert second.totals.stored == 2 and second.totals.already_stored == 1
        assert "2 pages not fetched again: an earlier run found them gone" in str(second.warnings)
    refetched = [p for p in site.paths() if p.startswith("/web/")]
    assert refetched.count(f"/web/{broken[1]}id_/{broken[2]}") == 2  # only the failed one again
    assert refetched.count(f"/web/{gone[1]}id_/{gone[2]}") == 1


def test_a_page_failing_every_run_is_given_up_with_a_note(site: Site, tmp_path: Path) -> None:
    broken = _capture(site, 2, day=6)
    site.serve(f"/web/{broken[1]}id_/{broken[2]}", Reply(b"oops", 503))
    _cdx(site, [broken])
    options = CrawlOptions(config=_config(site), max_attempts=2)
    with Store(tmp_path / "s.duckdb") as store:
        for _ in range(3):
            summary = crawl(_lister(site), store, options=options)
    assert "1 pages failed 2 times and are not tried again" in " ".join(summary.warnings)
    assert sum(p.startswith("/web/") for p in site.paths()) == 2


def test_page_cap_says_n_of_m_and_the_next_run_continues(site: Site, tmp_path: Path) -> None:
    _cdx(site, [_capture(site, n, day=n) for n in range(1, 6)])
    with Store(tmp_path / "s.duckdb") as store:
        capped = crawl(
            _lister(site), store, options=CrawlOptions(config=_config(site), max_pages=2)
        )
        assert capped.totals.stored == 2
        assert "stopped at 2 of 5 pages to fetch; use --max-pages" in " ".join(capped.warnings)
        rest = crawl(_lister(site), store, options=CrawlOptions(config=_config(site), max_pages=9))
        assert rest.totals.stored == 3 and rest.totals.already_stored == 2
        assert store.count("articles") == 5


def test_an_interrupted_crawl_resumes_where_it_stopped(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crawl_module, "CHUNK", 2)
    _cdx(site, [_capture(site, n, day=n) for n in range(1, 7)])

    def stop_after_first_chunk(done: int, total: int | None) -> None:
        raise KeyboardInterrupt

    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            crawl(
                _lister(site),
                store,
                options=CrawlOptions(config=_config(site)),
                progress=stop_after_first_chunk,
            )
        assert store.count("articles") == 2
        statuses = store.query("SELECT status, count(*) AS n FROM frontier GROUP BY status")
        assert dict(zip(statuses["status"], statuses["n"], strict=True)) == {
            "done": 2,
            "pending": 4,
        }
        before = [p for p in site.paths() if p.startswith("/web/")]
        resumed = crawl(_lister(site), store, options=CrawlOptions(config=_config(site)))
        assert resumed.totals.stored == 4 and resumed.totals.already_stored == 2
        assert store.count("articles") == 6
    after = [p for p in site.paths() if p.startswith("/web/")][len(before) :]
    left = {f"/web/201811{n:02d}093000id_/https://tass.com/politics/{n}" for n in range(3, 7)}
    assert len(after) == 4 and set(after) == left  # the two stored pages are not fetched again


def test_cli_wayback_end_to_end_and_bad_dates(site: Site, tmp_path: Path) -> None:
    _cdx(site, [_capture(site, 1, day=5), _capture(site, 2, day=6)])
    config = tmp_path / "narrascope.toml"
    config.write_text(
        f'[fetch]\nrate_per_host = 0.0\n[sources]\nwayback_url = "{site.base}"\n', encoding="utf-8"
    )
    base = ["--db", str(tmp_path / "s.duckdb"), "--config", str(config), "-q", "ingest"]
    runner = CliRunner()
    result = runner.invoke(
        app, [*base, "wayback", "tass.com/politics*", "--from", "2018-11-01", "--to", "2018-11-30"]
    )
    assert result.exit_code == 0, result.output
    assert "wayback tass.com/politics*" in result.output
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.count("articles") == 2
    bad = runner.invoke(
        app, [*base, "wayback", "tass.com/*", "--from", "2018-11-31", "--to", "2018-12-01"]
    )
    assert bad.exit_code == 2 and "2018-11-31" in bad.output
    reversed_days = runner.invoke(
        app, [*base, "wayback", "tass.com/*", "--from", "2018-12-01", "--to", "2018-11-01"]
    )
    assert reversed_days.exit_code == 2 and "is after --to" in reversed_days.output


def test_a_host_that_rate_limits_is_left_alone_until_the_next_run(
    site: Site, tmp_path: Path
) -> None:
    rows = [_capture(site, n, day=n) for n in range(1, 5)]
    refusal = Reply(b"slow down", 429, headers={"Retry-After": "3600"})
    for row in rows:
        site.serve(f"/web/{row[1]}id_/{row[2]}", refusal)
    _cdx(site, rows)
    with Store(tmp_path / "s.duckdb") as store:
        first = crawl(_lister(site), store, options=CrawlOptions(config=_config(site)))
        assert first.totals.stored == 0 and first.totals.rejected == 0
        assert "refused (rate limit or quota reached (HTTP 429)" in str(first.warnings)
        assert "4 pages left for a rerun — retry after" in str(first.warnings)
        assert sum(p.startswith("/web/") for p in site.paths()) == 1  # asked once, then left alone
        pending = store.query("SELECT status, attempts FROM frontier")
        assert set(pending["status"]) == {"pending"} and set(pending["attempts"]) == {0}
        for n, row in enumerate(rows, 1):
            body = article_page(f"Back {n}", f"Talks resumed in Moscow, part {n}.")
            site.serve(f"/web/{row[1]}id_/{row[2]}", body)
        second = crawl(_lister(site), store, options=CrawlOptions(config=_config(site)))
        assert second.totals.stored == 4

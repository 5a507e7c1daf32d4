"""``ingest wayback | gdelt | mediacloud | sitemap``: crawl sources into the store.

``narrascope ingest FILES...`` stays what it was: :class:`IngestGroup` sends any first argument
that is not one of these source names to the file ingest (``ingest_command``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from narrascope.cli._options import (
    DbOption,
    OutletListOption,
    StateMediaOption,
    db_path,
    state,
)

FILES = "files"


class IngestGroup(TyperGroup):
    """``ingest`` with sub-commands for crawl sources; anything else is a file ingest."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Route ``ingest a.jsonl ...`` (no source name first) to the hidden file command."""
        only_help = len(args) == 1 and args[0] in ("--help", "-h")
        if not only_help and (not args or args[0] not in self.commands):
            args = [FILES, *args]
        return super().parse_args(ctx, args)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """The file ingest's help, then the crawl sources."""
        command = self.commands[FILES]
        command.format_help(
            type(ctx)(command, info_name=ctx.info_name, parent=ctx.parent), formatter
        )
        rows = [(n, c.get_short_help_str(60)) for n, c in self.commands.items() if n != FILES]
        with formatter.section("Crawl sources (narrascope ingest SOURCE --help)"):
            formatter.write_dl(rows)


_printer: list[Callable[[Any], None]] = []


def ingest_app(
    files_command: Callable[..., Any], print_summary: Callable[[Any], None]
) -> typer.Typer:
    """The ``ingest`` group: ``files_command`` for files and feeds, plus the crawl sources,
    whose counts ``print_summary`` prints as the file ingest's."""
    _printer[:] = [print_summary]
    app = typer.Typer(
        cls=IngestGroup,
        no_args_is_help=False,
        add_completion=False,
        help="Read files, feeds and exports, or crawl a web archive, news API or sitemap.",
    )
    app.command(FILES, hidden=True)(files_command)
    app.command("wayback", short_help="Wayback Machine captures of a URL pattern (backfill).")(
        wayback
    )
    app.command("gdelt", short_help="Articles GDELT's DOC 2.0 API lists for a query.")(gdelt)
    app.command(
        "mediacloud", short_help="Stories Media Cloud finds for a query (key: MC_API_KEY)."
    )(mediacloud)
    app.command("sitemap", short_help="Pages a site's sitemaps date in a range.")(sitemap)
    return app


MaxPages = Annotated[
    int | None,
    typer.Option(min=1, help="Most pages to fetch this run (default: fetch.max_pages)."),
]
IgnoreRobots = Annotated[
    bool,
    typer.Option("--ignore-robots", help="Fetch pages robots.txt disallows (archives)."),
]
Outlet = Annotated[str | None, typer.Option(help="Outlet for every article (else the site).")]
Language = Annotated[
    str | None, typer.Option(help="ISO code for every article (skips language detection).")
]
FromDay = Annotated[
    datetime,
    typer.Option("--from", formats=["%Y-%m-%d"], help="First day, YYYY-MM-DD.", show_default=False),
]
ToDay = Annotated[
    datetime,
    typer.Option("--to", formats=["%Y-%m-%d"], help="Last day, YYYY-MM-DD.", show_default=False),
]


def _run(
    lister: Any,
    db: Path | None,
    max_pages: int | None,
    ignore_robots: bool,
    outlet: str | None,
    language: str | None,
    outlets: tuple[Path | None, bool],
) -> None:
    """Crawl what ``lister`` lists into the store; print the counts and notes."""
    from narrascope.cli._progress import progress_bar
    from narrascope.config import load_config
    from narrascope.ingest import exit_code
    from narrascope.ingest.crawl import CrawlOptions, crawl
    from narrascope.ingest.outlets import outlet_list_from
    from narrascope.store import Store

    options = CrawlOptions(
        max_pages=max_pages,
        ignore_robots=ignore_robots,
        outlet=outlet,
        language=language,
        config=load_config(state.config),
        outlets=outlet_list_from(*outlets),
    )
    with (
        Store(db_path(db)) as store,
        progress_bar("fetching pages", None, quiet=state.quiet) as bar,
    ):
        summary = crawl(lister, store, options=options, progress=bar)
    _printer[0](summary)
    code = exit_code(summary)
    if code:
        raise typer.Exit(code)


def _config_value(name: str) -> str:
    from narrascope.config import load_config

    return str(load_config(state.config)[name])


def _day(value: datetime) -> date:
    return value.date()


def wayback(
    pattern: Annotated[str, typer.Argument(help="URL pattern, e.g. 'tass.com/politics*'.")],
    start: FromDay,
    end: ToDay,
    max_pages: MaxPages = None,
    ignore_robots: IgnoreRobots = False,
    outlet: Outlet = None,
    language: Language = None,
    outlet_list: OutletListOption = None,
    state_media: StateMediaOption = False,
    db: DbOption = None,
) -> None:
    """Backfill from the Wayback Machine: captures of PATTERN between two days."""
    lister = functools.partial(
        _wayback, pattern, _day(start), _day(end), _config_value("sources.wayback_url")
    )
    _run(lister, db, max_pages, ignore_robots, outlet, language, (outlet_list, state_media))


def _wayback(pattern: str, start: date, end: date, base: str, fetcher: Any) -> Any:
    from narrascope.ingest.wayback import list_captures

    return list_captures(fetcher, pattern, start, end, base_url=base)


def gdelt(
    query: Annotated[str, typer.Argument(help="GDELT query, e.g. '\"Taliban Moscow\"'.")],
    start: FromDay,
    end: ToDay,
    sourcelang: Annotated[
        str | None, typer.Option(help="GDELT sourcelang: filter, e.g. russian.")
    ] = None,
    sourcecountry: Annotated[
        str | None, typer.Option(help="GDELT sourcecountry: filter, e.g. RS.")
    ] = None,
    max_pages: MaxPages = None,
    ignore_robots: IgnoreRobots = False,
    outlet: Outlet = None,
    language: Language = None,
    outlet_list: OutletListOption = None,
    state_media: StateMediaOption = False,
    db: DbOption = None,
) -> None:
    """Articles GDELT's DOC 2.0 API lists for QUERY, fetched and extracted."""
    from narrascope.ingest.gdelt import gdelt_query

    full = gdelt_query(query, sourcelang, sourcecountry)
    base = _config_value("sources.gdelt_url")
    lister = functools.partial(_gdelt, full, _day(start), _day(end), base)
    _run(lister, db, max_pages, ignore_robots, outlet, language, (outlet_list, state_media))


def _gdelt(query: str, start: date, end: date, base: str, fetcher: Any) -> Any:
    from narrascope.ingest.gdelt import list_articles

    return list_articles(fetcher, query, start, end, base_url=base)


def mediacloud(
    query: Annotated[str, typer.Argument(help="Media Cloud query, e.g. 'Taliban AND Moscow'.")],
    start: FromDay,
    end: ToDay,
    collection: Annotated[
        list[int] | None, typer.Option("--collection", help="Collection id (repeat).")
    ] = None,
    source: Annotated[
        list[int] | None, typer.Option("--source", help="Media source id (repeat).")
    ] = None,
    max_pages: MaxPages = None,
    ignore_robots: IgnoreRobots = False,
    outlet: Outlet = None,
    language: Language = None,
    outlet_list: OutletListOption = None,
    state_media: StateMediaOption = False,
    db: DbOption = None,
) -> None:
    """Stories Media Cloud finds for QUERY (key in MC_API_KEY), fetched and extracted."""
    lister = functools.partial(
        _mediacloud,
        query,
        _day(start),
        _day(end),
        tuple(collection or ()),
        tuple(source or ()),
        _config_value("sources.mediacloud_url"),
    )
    _run(lister, db, max_pages, ignore_robots, outlet, language, (outlet_list, state_media))


def _mediacloud(
    query: str,
    start: date,
    end: date,
    collections: tuple[int, ...],
    sources: tuple[int, ...],
    base: str,
    fetcher: Any,
) -> Any:
    from narrascope.ingest.mediacloud import list_stories

    return list_stories(
        query,
        start,
        end,
        collections=collections,
        sources=sources,
        base_url=base,
        timeout=max(fetcher.settings.timeout, 30.0),
    )


def sitemap(
    url: Annotated[str, typer.Argument(help="Sitemap or sitemap index URL.")],
    start: FromDay,
    end: ToDay,
    max_pages: MaxPages = None,
    ignore_robots: IgnoreRobots = False,
    outlet: Outlet = None,
    language: Language = None,
    outlet_list: OutletListOption = None,
    state_media: StateMediaOption = False,
    db: DbOption = None,
) -> None:
    """Pages a site's sitemaps date between two days, fetched and extracted."""
    lister = functools.partial(_sitemap, url, _day(start), _day(end))
    _run(lister, db, max_pages, ignore_robots, outlet, language, (outlet_list, state_media))


def _sitemap(url: str, start: date, end: date, fetcher: Any) -> Any:
    from narrascope.ingest.sitemap import list_pages

    return list_pages(fetcher, url, start, end)

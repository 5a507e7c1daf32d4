"""A small hand-made result store for the report and dashboard tests (hostile text included).

Loaded by ``tests/report/conftest.py`` and ``tests/web/conftest.py`` by file path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

from narrascope.records import (
    Article,
    ArticleLabel,
    Event,
    Hit,
    Mention,
    PollPoint,
    Quote,
    Sentence,
)
from narrascope.store import Store

XSS_TITLE = "<script>alert('title')</script> Evil <img src=x onerror=alert(1)>"
XSS_OUTLET = "<img src=x onerror=alert('outlet')>"
XSS_URL = "javascript:alert('url')"
XSS_TEXT = (
    "<script>alert('text')</script> The envoy spoke. "
    "<img src=x onerror=alert('img')> Washington again shows double standards here. "
    '<a href="javascript:alert(1)">click me</a> was posted.'
)
XSS_LABEL = "Partners <script>alert('label')</script> beyond the West"

CUES = {
    "double standards": "double-standards",
    "hypocrisy": "accuses-others",
    "indispensable": "indispensable-power",
    "India": "partners-beyond-west",
}
PARENTS = {"accuses-others": "double-standards"}
RUN_ID = "run-test-0001"


def codebook() -> SimpleNamespace:
    """A stand-in codebook (id, version, narratives) with one hostile label."""
    narratives = [
        SimpleNamespace(
            id="double-standards", label="Western double standards", description="", parent=None
        ),
        SimpleNamespace(
            id="accuses-others",
            label="Accuses others of its own conduct",
            description="",
            parent="double-standards",
        ),
        SimpleNamespace(
            id="indispensable-power", label="Indispensable power", description="", parent=None
        ),
        SimpleNamespace(
            id="partners-beyond-west",
            label=XSS_LABEL,
            description="<b>bold?</b> no",
            parent=None,
        ),
    ]
    return SimpleNamespace(id="test-codebook", version="v-test", narratives=narratives)


@dataclass
class Built:
    """What a test needs to know about the built store."""

    path: Path
    run_id: str
    articles: list[Article] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)

    @property
    def hostile(self) -> Article:
        return next(a for a in self.articles if a.outlet == XSS_OUTLET)

    def evidence_sentences(self) -> list[str]:
        """The sentence text around every hit."""
        by_id = {a.id: a for a in self.articles}
        out = []
        for hit in self.hits:
            text = by_id[hit.article_id].text
            start = text.rfind(". ", 0, hit.char_start)
            start = 0 if start < 0 else start + 2
            end = text.find(".", hit.char_end)
            out.append(text[start : end + 1])
        return out


def _article(i: int, outlet: str, day: date, title: str, text: str, url: str | None) -> Article:
    return Article(
        id=f"a{i:03d}",
        url=url,
        outlet=outlet,
        language="en",
        published_at=datetime(day.year, day.month, day.day, 12, tzinfo=UTC),
        title=title,
        text=text,
        source_path="test",
        raw_sha256=f"sha{i}",
        ingested_at=datetime(2024, 1, 1, tzinfo=UTC),
        extractor="test",
        content_hash=f"hash{i}",
    )


def _sentences(article: Article) -> list[Sentence]:
    out = []
    for i, match in enumerate(re.finditer(r"[^.]+\.?", article.text)):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        if match.end() > start:
            out.append(
                Sentence(article.id, i, start, match.end(), article.text[start : match.end()])
            )
    return out


def _hits(article: Article, sentences: list[Sentence]) -> list[Hit]:
    hits = []
    for cue, narrative in CUES.items():
        for match in re.finditer(re.escape(cue), article.text):
            sent = next(s for s in sentences if s.start <= match.start() < s.end)
            hits.append(
                Hit(
                    article.id,
                    sent.index,
                    match.start(),
                    match.end(),
                    narrative,
                    "lexicon",
                    1.0,
                    cue,
                )
            )
    return hits


def _labels(hits: list[Hit]) -> list[ArticleLabel]:
    groups: dict[tuple[str, str], list[Hit]] = {}
    for hit in hits:
        for narrative in (hit.narrative, PARENTS.get(hit.narrative)):
            if narrative:
                groups.setdefault((hit.article_id, narrative), []).append(hit)
    return [
        ArticleLabel(aid, n, "lexicon", 1.0, len(g), len({h.sentence_index for h in g}))
        for (aid, n), g in sorted(groups.items())
    ]


def _corpus() -> list[Article]:
    start = date(2018, 10, 1)
    texts = [
        "Moscow hosted the talks. Washington shows double standards on the Taliban.",
        "The meeting was calm. Russia is indispensable for any settlement in the region.",
        "India and Russia signed a deal. Officials praised the partnership.",
        "Critics call it hypocrisy. The West talks to the Taliban too. Nothing else happened.",
        "A neutral report on the weather. No narrative is carried here.",
        "Diplomats say Russia is indispensable. India welcomed the format.",
    ]
    outlets = ["Sample State Wire", "Sample Independent Daily"]
    arts = [
        _article(
            i,
            outlets[i % 2],
            start + timedelta(days=9 * i),
            f"Story {i} & friends",
            text,
            f"https://example.org/{i}",
        )
        for i, text in enumerate(texts)
    ]
    arts.append(_article(99, XSS_OUTLET, date(2018, 11, 9), XSS_TITLE, XSS_TEXT, XSS_URL))
    return arts


def build(path: Path, *, extras: bool = True) -> Built:
    """Write the test store to ``path`` (closed afterwards) and describe it."""
    built = Built(path, RUN_ID, _corpus())
    with Store(path) as store:
        sentences = {a.id: _sentences(a) for a in built.articles}
        store.write_articles(built.articles, [s for ss in sentences.values() for s in ss])
        built.hits = [h for a in built.articles for h in _hits(a, sentences[a.id])]
        store.start_run(
            RUN_ID,
            {
                "codebook_id": "test-codebook",
                "codebook_hash": "v-test",
                "detectors": ["lexicon"],
                "narrascope_version": "0.test",
            },
        )
        store.write_results(
            RUN_ID, built.hits, _labels(built.hits), *_actors(built) if extras else ()
        )
        store.finish_run(RUN_ID, len(built.articles))
        if extras:
            store.write_events(
                [Event("Moscow format <b>talks</b>", date(2018, 11, 9), tags=("talks",))]
            )
            store.write_polls(_polls())
    return built


def _actors(built: Built) -> tuple[list[Mention], list[Quote]]:
    art = built.articles[0]
    who = art.text.index("Washington")
    mention = Mention(art.id, 1, who, who + len("Washington"), "Washington", "GPE", "<i>us-gov</i>")
    end = len(art.text)
    quote = Quote(
        art.id,
        "Envoy <script>x</script>",
        "said",
        art.text.index("Washington"),
        end,
        1,
        1,
        "direct",
        art.text[who:end],
        None,
    )
    return [mention], [quote]


def _polls() -> list[PollPoint]:
    return [
        PollPoint("levada-usa", "Attitude to the USA", answer, date(2018, month, 1), value)
        for month, answer, value in [
            (9, "Negative", 60.0),
            (11, "Negative", 57.0),
            (9, "Positive", 28.0),
            (11, "Positive", 31.0),
        ]
    ]

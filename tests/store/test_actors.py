"""Actor keys across a run: a surname-only person takes the key of the one person of that
surname the run names in full."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_article

from narrascope.records import Article, Mention, Quote
from narrascope.store import Store
from narrascope.text import segment

RUN = "run-actors"


def _mention(article: Article, surface: str, key: str, ner_type: str = "PER") -> Mention:
    start = article.text.index(surface)
    return Mention(article.id, 0, start, start + len(surface), surface, ner_type, None, key)


def test_a_surname_alone_joins_the_one_person_of_that_surname(tmp_path: Path) -> None:
    full = make_article("Виктор Орбан прибыл в Киев.", url="u1")
    lone = make_article("Орбан заявил, что мир возможен.", url="u2")
    company = make_article("Компания Форд отчиталась.", url="u3")
    named = make_article("Генри Форд основал компанию. Попов и Иван Попов, Анна Попова.", url="u4")
    articles = [full, lone, company, named]
    mentions = [
        _mention(full, "Виктор Орбан", "~orban.v"),
        _mention(lone, "Орбан", "~orban"),
        _mention(company, "Форд", "~ford", "ORG"),
        _mention(named, "Генри Форд", "~ford.g"),
        _mention(named, "Попов", "~popov"),
        _mention(named, "Иван Попов", "~popov.i"),
        _mention(named, "Анна Попова", "~popova.a"),
    ]
    quote = Quote(
        lone.id, "Орбан", "заявил", 16, 30, 0, 31, "reported", "мир возможен", actor_key="~orban"
    )
    with Store(tmp_path / "a.duckdb") as store:
        store.write_articles(articles, [s for a in articles for s in segment(a.id, a.text, "ru")])
        store.start_run(RUN, {"detectors": ["lexicon"], "parents": {}})
        store.write_results(RUN, [], [], mentions=mentions, quotes=[quote])
        store.finish_run(RUN, len(articles))
        keys = dict(store.query("SELECT text, actor_key FROM mentions").values.tolist())
        quoted = store.query("SELECT actor_key FROM quotes")["actor_key"].tolist()
    assert keys["Орбан"] == "~orban.v" and quoted == ["~orban.v"]
    assert keys["Форд"] == "~ford"  # a company, not Henry Ford
    assert keys["Попов"] == "~popov.i"  # «Попова» is another surname

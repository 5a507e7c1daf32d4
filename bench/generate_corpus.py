"""Generate a synthetic news corpus (JSON Lines) for the ingest benchmark.

Articles are 200-1200 words, about 60% English and 40% Russian, built from sentence templates
and word lists written for this benchmark (no external text); a few sentences end in "?", "!"
or "…", as news text does. About 5% are wire copies of an earlier article re-published by
another outlet: half verbatim (exact duplicates once normalised), half lightly edited (near
duplicates). The output is deterministic for a seed.

Usage:
    python bench/generate_corpus.py --articles 100000 --out /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

OUTLETS_EN = ["Global Wire", "Capital Post", "Evening Herald", "Harbour Times", "Daily Ledger"]
OUTLETS_RU = ["Вестник", "Утренняя газета", "Столичные новости", "Лента дня", "Обозреватель"]
EN = {
    "actor": [
        "Mr. Lavrov",
        "the foreign minister",
        "a senior U.S. official",
        "Dr. Chen",
        "the ambassador",
        "Gen. Ortiz",
        "the prime minister",
        "a spokesperson for the ministry",
        "Ms. Novak",
        "the delegation",
    ],
    "country": [
        "India",
        "China",
        "Russia",
        "the U.S.",
        "Brazil",
        "Turkey",
        "Germany",
        "Japan",
        "South Africa",
        "Indonesia",
    ],
    "city": ["Moscow", "Beijing", "New Delhi", "Geneva", "Brussels", "Ankara", "Vienna", "Tokyo"],
    "verb": ["expand", "review", "suspend", "deepen", "renegotiate", "defend", "widen", "freeze"],
    "noun": [
        "trade agreement",
        "energy partnership",
        "security dialogue",
        "sanctions regime",
        "grain corridor",
        "arms control talks",
        "currency swap line",
        "investment treaty",
        "summit agenda",
        "shipping route",
    ],
    "adj": [
        "unprecedented",
        "constructive",
        "one-sided",
        "pragmatic",
        "hypocritical",
        "balanced",
        "fragile",
        "historic",
        "cautious",
        "ambitious",
    ],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["Jan.", "Feb.", "March", "April", "June", "Sept.", "Oct.", "Dec."],
    "num": ["two", "three", "five", "seven", "twelve", "dozens of", "hundreds of"],
}
EN_TEMPLATES = [
    "{actor} said on {day} that {country} would {verb} its {noun} with {country}.",
    "Talks in {city} on the {noun} were described as {adj} by {actor}.",
    "\u201cWe will not accept {adj} demands,\u201d {actor} told reporters in {city}.",
    "According to {actor}, the {noun} remains {adj} despite pressure from {country}.",
    "Officials from {country} and {country} met in {city} on {month} {n} to discuss the {noun}.",
    "The {adj} decision drew criticism from {num} analysts, who said it would {verb} the {noun}.",
    "{actor} accused {country} of double standards over the {noun}, calling the move {adj}.",
    "Diplomats expect the {noun} to dominate the summit in {city}, i.e. the main session.",
    "In a statement, {actor} noted that {country} is an indispensable partner in the {noun}.",
    "Markets reacted calmly as {country} signalled it could {verb} the {noun} by {month} {n}.",
    "{num} delegates attended the meeting, where {actor} presented an {adj} proposal.",
    "Critics in {country} argue that the {noun} is {adj} and should be reviewed.",
    "Will {country} {verb} the {noun}? Few observers in {city} expect it to happen soon.",
    "\u201cThis is {adj}!\u201d one delegate said after {actor} left the room in {city}.",
]
RU = {
    "actor": [
        "Сергей Лавров",
        "министр иностранных дел",
        "официальный представитель МИД",
        "В.В. Путин",
        "посол",
        "пресс-секретарь Кремля",
        "глава делегации",
        "эксперт Н.А. Петрова",
        "представитель правительства",
    ],
    "country_gen": [
        "Индии",
        "Китая",
        "России",
        "США",
        "Бразилии",
        "Турции",
        "Германии",
        "Японии",
        "ЮАР",
    ],
    "city_loc": ["Москве", "Пекине", "Нью-Дели", "Женеве", "Брюсселе", "Анкаре", "Вене", "Токио"],
    "noun": [
        "торговое соглашение",
        "энергетическое партнёрство",
        "диалог по безопасности",
        "санкционный режим",
        "зерновой коридор",
        "инвестиционный договор",
        "повестка саммита",
        "валютный своп",
    ],
    "adj": [
        "беспрецедентным",
        "конструктивным",
        "односторонним",
        "прагматичным",
        "лицемерным",
        "сбалансированным",
        "хрупким",
        "историческим",
    ],
    "day": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу"],
    "month_gen": ["января", "февраля", "марта", "апреля", "мая", "июня", "сентября", "ноября"],
    "num": ["два", "три", "пять", "десятки", "сотни"],
}
RU_TEMPLATES = [
    "{actor} заявил {day}, что переговоры с партнёрами из {country_gen} продолжатся.",
    "Встречу в {city_loc} {actor} назвал {adj} шагом, т.е. важным этапом диалога.",
    "«Мы не примем односторонних требований», — сказал {actor} журналистам в {city_loc}.",
    "По словам {actor}, {noun} остаётся в силе несмотря на давление со стороны {country_gen}.",
    "Представители {country_gen} и {country_gen} встретились в {city_loc} {n} {month_gen} 2023 г.",
    "Решение вызвало критику: {num} экспертов считают его {adj}.",
    "{actor} обвинил власти {country_gen} в двойных стандартах и назвал этот шаг {adj}.",
    "Ожидается, что {noun} станет главной темой встречи в {city_loc}.",
    "В заявлении отмечается, что партнёры из {country_gen} готовы к сотрудничеству.",
    "Рынки спокойно отреагировали на новость о том, что {noun} может быть пересмотрено.",
    "На встрече присутствовали {num} делегатов, а {actor} представил новую инициативу.",
    "Ряд аналитиков из {country_gen} полагает, что {noun} следует пересмотреть.",
    "Сохранится ли {noun}? В {city_loc} на этот счёт звучат разные мнения…",
    "«Такое решение мы называем {adj}!» — заявил {actor} после встречи в {city_loc}.",
]
DATE_FORMATS = ("iso", "iso", "iso", "rfc", "ru", "dotted")
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"


def _sentence(rng: random.Random, templates: list[str], words: dict[str, list[str]]) -> str:
    template = rng.choice(templates)
    values = {key: rng.choice(options) for key, options in words.items()}
    values["n"] = str(rng.randint(1, 28))
    text = template.format(**values)
    return text[0].upper() + text[1:]


def _body(rng: random.Random, language: str, target_words: int) -> str:
    templates, words = (EN_TEMPLATES, EN) if language == "en" else (RU_TEMPLATES, RU)
    paragraphs: list[str] = []
    count = 0
    while count < target_words:
        sentences = [_sentence(rng, templates, words) for _ in range(rng.randint(2, 6))]
        paragraph = " ".join(sentences)
        count += len(paragraph.split())
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _date(rng: random.Random) -> str:
    moment = datetime(2018, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 3_000_000))
    style = rng.choice(DATE_FORMATS)
    if style == "rfc":
        return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")
    if style == "ru":
        return f"{moment.day} {RU_MONTHS.split()[moment.month - 1]} {moment.year} г."
    if style == "dotted":
        return moment.strftime("%d.%m.%Y")
    return moment.isoformat()


def _edit(rng: random.Random, text: str) -> str:
    """A wire copy as re-published: one paragraph dropped or a sentence appended."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 6 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    else:
        paragraphs.append("This article was first published by a news agency.")
    return "\n\n".join(paragraphs)


def article(rng: random.Random, index: int, earlier: list[dict[str, str]]) -> dict[str, str]:
    """One record; about 5% are copies of an article in ``earlier``."""
    if earlier and rng.random() < 0.05:
        source = rng.choice(earlier)
        copy = dict(source)
        copy["outlet"] = rng.choice(OUTLETS_EN if source["lang"] == "en" else OUTLETS_RU)
        copy["url"] = f"https://example.org/{copy['outlet'].split()[0].lower()}/{index}"
        if rng.random() < 0.5:
            copy["text"] = _edit(rng, source["text"])
        return copy
    language = "en" if rng.random() < 0.6 else "ru"
    text = _body(rng, language, rng.randint(200, 1200))
    title = text.split(".")[0][:90]
    outlet = rng.choice(OUTLETS_EN if language == "en" else OUTLETS_RU)
    return {
        "text": text,
        "title": title,
        "published_at": _date(rng),
        "url": f"https://example.org/news/{index}",
        "outlet": outlet,
        "lang": language,
    }


def generate(path: Path, articles: int, seed: int = 7) -> Path:
    """Write ``articles`` records to ``path`` (JSON Lines) and return it."""
    rng = random.Random(seed)
    recent: list[dict[str, str]] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for index in range(articles):
            record = article(rng, index, recent)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            recent.append(record)
            if len(recent) > 500:
                recent.pop(rng.randrange(len(recent)))
    return path


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/corpus.jsonl"))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = generate(args.out, args.articles, args.seed)
    print(f"wrote {args.articles} articles to {path} ({path.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()

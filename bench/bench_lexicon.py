"""Throughput of the lexicon detector on synthetic ~600-word EN/RU articles.

Articles mix the codebook's own example and counter-example sentences (about one in five)
with neutral filler written for this benchmark. Sentences come from
``narrascope.text.segment``/``split_sentences`` when available, else from a simple regex.

Usage:
    python bench/bench_lexicon.py --articles 2000 --workers 2

Prints one JSON object: articles/s and sentences/s of detection (wall clock; segmentation timed
apart), articles per CPU-second (robust on a busy machine) and the 1-minute load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor

from narrascope.codebook import Codebook, load_codebook
from narrascope.detect.lexicon import LexiconDetector
from narrascope.records import Sentence

FILLER = {
    "en": [
        "The delegations arrived at the hotel on Thursday evening and were met by officials.",
        "Temperatures in Moscow dropped below zero as the first snow of the season fell.",
        "The meeting room was prepared with flags of all participating countries.",
        "Journalists from more than twenty outlets were accredited for the event.",
        "The agenda included security, drug trafficking and economic reconstruction.",
        "Officials declined to say how long the closed session would last.",
        "A press conference is scheduled for the afternoon, according to the organisers.",
        "Several participants travelled from Kabul via Dubai because of flight schedules.",
        "The hotel is located in the south-west of the city, near the river.",
        "Interpreters worked in Dari, Pashto, English and Russian throughout the day.",
        "The ministry published photographs of the opening session on its website.",
        "Security around the venue was tightened, and traffic was diverted from nearby streets.",
        "The previous round of consultations took place last year with fewer participants.",
        "Trade between the two countries grew by eleven percent in the first half of the year.",
        "The exhibition of Afghan handicrafts opened in the lobby during the lunch break.",
        "Markets in Asia closed mixed on Friday as investors awaited inflation data.",
        "The rouble weakened slightly against the dollar in morning trading.",
        "A new railway line to the border is expected to open within two years.",
        "The delegation leaders posed for a group photograph before lunch.",
        "Local residents said the road closures caused long traffic jams.",
        "The talks were broadcast live on the ministry's channel for the opening remarks only.",
        "Experts from several universities attended a round table on regional economics.",
        "Airport officials reported delays because of fog in the morning.",
        "The final communique was distributed to journalists late in the evening.",
    ],
    "ru": [
        "Делегации прибыли в гостиницу в четверг вечером, их встречали сотрудники протокола.",
        "В Москве температура опустилась ниже нуля, выпал первый снег.",
        "Зал заседаний украсили флагами всех стран-участниц.",
        "Для освещения мероприятия аккредитовались журналисты более двадцати изданий.",
        "В повестке дня значились безопасность, наркотрафик и восстановление экономики.",
        "Официальные лица не стали уточнять, сколько продлится закрытая часть заседания.",
        "Пресс-конференция запланирована на вторую половину дня, сообщили организаторы.",
        "Часть участников летела из Кабула через Дубай из-за расписания рейсов.",
        "Гостиница расположена на юго-западе города, недалеко от реки.",
        "Весь день синхронисты работали на дари, пушту, английском и русском языках.",
        "Министерство опубликовало фотографии с открытия встречи на своём сайте.",
        "Меры безопасности вокруг площадки усилили, движение по соседним улицам перекрыли.",
        "Предыдущий раунд консультаций прошёл в прошлом году при меньшем числе участников.",
        "Товарооборот двух стран за первое полугодие вырос на одиннадцать процентов.",
        "В перерыве в фойе открылась выставка афганских ремёсел.",
        "Азиатские биржи в пятницу закрылись разнонаправленно в ожидании данных по инфляции.",
        "Рубль утром немного ослаб по отношению к доллару.",
        "Новую железнодорожную линию до границы планируют открыть в течение двух лет.",
        "Перед обедом главы делегаций сфотографировались вместе.",
        "Местные жители пожаловались на пробки из-за перекрытия дорог.",
        "Прямая трансляция на канале министерства ограничилась вступительными словами.",
        "Эксперты нескольких университетов приняли участие в круглом столе по экономике региона.",
        "В аэропорту сообщили о задержках рейсов из-за утреннего тумана.",
        "Итоговое коммюнике раздали журналистам поздно вечером.",
    ],
}

_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]*")


def _codebook_sentences(codebook: Codebook, language: str) -> list[str]:
    out: list[str] = []
    for narrative in codebook.narratives:
        block = narrative.block(language)
        out += [*block.examples, *block.counter_examples]
    return out


def make_article(rng: random.Random, coded: Sequence[str], filler: Sequence[str]) -> str:
    """About 600 words: roughly one coded sentence in five, in paragraphs of four."""
    sentences: list[str] = []
    words = 0
    while words < 600:
        sentence = rng.choice(coded) if rng.random() < 0.2 else rng.choice(filler)
        sentences.append(sentence)
        words += len(sentence.split())
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs)


def make_corpus(codebook: Codebook, n: int, seed: int) -> list[tuple[str, str, str]]:
    """``n`` articles as ``(id, language, text)``, alternating EN and RU."""
    rng = random.Random(seed)
    coded = {lang: _codebook_sentences(codebook, lang) for lang in ("en", "ru")}
    out = []
    for i in range(n):
        lang = "en" if i % 2 == 0 else "ru"
        out.append((f"bench-{i}", lang, make_article(rng, coded[lang], FILLER[lang])))
    return out


def _regex_segment(article_id: str, text: str, language: str) -> list[Sentence]:
    spans = [m for m in _SENTENCE_RE.finditer(text) if m.group().strip()]
    return [
        Sentence(article_id, i, m.start(), m.end(), m.group(), language)
        for i, m in enumerate(spans)
    ]


def _from_strings(split: Callable[[str, str], list[str]]) -> Callable[..., list[Sentence]]:
    def segment(article_id: str, text: str, language: str) -> list[Sentence]:
        out, pos = [], 0
        for piece in split(text, language):
            start = text.find(piece, pos)
            if start < 0:
                continue
            pos = start + len(piece)
            out.append(Sentence(article_id, len(out), start, pos, piece, language))
        return out

    return segment


def segmenter() -> tuple[str, Callable[..., list[Sentence]]]:
    """The project's segmenter when it exists, else the regex fallback."""
    try:
        from narrascope import text as text_module
    except ImportError:
        return "regex", _regex_segment
    if hasattr(text_module, "segment"):
        return "narrascope.text.segment", text_module.segment
    if hasattr(text_module, "split_sentences"):
        return "narrascope.text.split_sentences", _from_strings(text_module.split_sentences)
    return "regex", _regex_segment


def run_chunk(
    args: tuple[list[tuple[str, str, str]], str | None],
) -> tuple[int, int, float, float, float]:
    """Segment and detect one chunk.

    Returns:
        (sentences, hits, segment seconds, detect wall seconds, detect CPU seconds).
    """
    articles, codebook_name = args
    codebook = load_codebook(codebook_name or "crisis-diplomacy")
    _, segment = segmenter()
    detector = LexiconDetector()
    t0 = time.perf_counter()
    sentences = [s for aid, lang, text in articles for s in segment(aid, text, lang)]
    t1, c1 = time.perf_counter(), time.process_time()
    hits = detector.detect(sentences, codebook)
    t2, c2 = time.perf_counter(), time.process_time()
    return len(sentences), len(hits), t1 - t0, t2 - t1, c2 - c1


def main(argv: Sequence[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="number of articles (2000)")
    parser.add_argument("--workers", type=int, default=1, help="processes (1)")
    parser.add_argument("--seed", type=int, default=13, help="random seed (13)")
    parser.add_argument("--codebook", default="crisis-diplomacy", help="name or path")
    args = parser.parse_args(argv)
    codebook = load_codebook(args.codebook)
    corpus = make_corpus(codebook, args.articles, args.seed)
    run_chunk((corpus[:20], args.codebook))  # warm the analyzers and the cue cache
    chunks = [corpus[i :: args.workers] for i in range(args.workers)]
    start = time.perf_counter()
    if args.workers == 1:
        results = [run_chunk((corpus, args.codebook))]
    else:
        with ProcessPoolExecutor(args.workers) as pool:
            results = list(pool.map(run_chunk, [(c, args.codebook) for c in chunks]))
    wall = time.perf_counter() - start
    n_sentences = sum(r[0] for r in results)
    detect_s = max(r[3] for r in results)
    detect_cpu = sum(r[4] for r in results)
    report = {
        "articles": args.articles,
        "workers": args.workers,
        "cpus": os.cpu_count(),
        "words_per_article": round(sum(len(t.split()) for _, _, t in corpus) / len(corpus)),
        "sentences": n_sentences,
        "hits": sum(r[1] for r in results),
        "segmenter": segmenter()[0],
        "detect_articles_per_s": round(args.articles / detect_s, 1),
        "detect_sentences_per_s": round(n_sentences / detect_s, 1),
        "detect_articles_per_cpu_s": round(args.articles / detect_cpu, 1),
        "segment_plus_detect_articles_per_s": round(args.articles / wall, 1),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "wall_seconds": round(wall, 3),
    }
    print(json.dumps(report))
    return report


if __name__ == "__main__":
    main()

"""Attribution cases of issue 15 on sentences we wrote: appositions, listeners, "according to",
colon speech, Russian verbs and nominatives, date-aware roles, merged actors."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from tests.conftest import make_article

from narrascope.actors import default_registry, nominative_name
from narrascope.actors.quotes import QuoteExtractor
from narrascope.records import Quote
from narrascope.text import segment


def _quotes(text: str, language: str = "en", day: datetime | None = None) -> list[Quote]:
    article = make_article(text, language=language, published_at=day)
    return QuoteExtractor().extract(article, segment(article.id, text, language))


def _speakers(text: str, language: str = "en") -> list[str]:
    return [q.speaker for q in _quotes(text, language)]


# -- the op-ed of the issue (short quotes from its text) ------------------------------------
def test_op_ed_statements_go_to_kabulov_and_karzai_and_nothing_to_trump() -> None:
    text = (
        "The Russian president's special envoy to Afghanistan, Zamir Kabulov, said that having "
        "the Taliban at the Moscow talks could lead to peace talks. It's unclear whether the "
        "United States would withdraw troops from Afghanistan, as President Trump says he has "
        "ordered. Former Afghan president Hamid Karzai, who contends that Moscow's Taliban "
        "outreach is similar to U.S. diplomatic overtures, attended the talks."
    )
    found = _quotes(text)
    assert [q.speaker for q in found] == ["kabulov", "karzai"]
    assert "Taliban at the Moscow talks" in found[0].text
    assert found[1].text.startswith("Moscow's Taliban outreach")
    assert found[1].text.endswith("diplomatic overtures")  # not "…, attended the talks"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("India's foreign minister, Sushma Swaraj, said the talks were useful.", "swaraj"),
        ("Kremlin spokesman Dmitry Peskov said the meeting would go ahead.", "peskov"),
    ],
)
def test_an_apposition_gives_the_named_person(text: str, speaker: str) -> None:
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("The senator told Fox News that the deal was bad.", "en", "senator"),
        ("Эксперты заявили «Деньгам», что рубль упадет.", "ru", "Эксперты"),
        ("Режиссер объяснил журналистам, что фильм выйдет весной.", "ru", "Режиссёр"),
        ("Агентство Reuters спросило у жителей Киева, что они думают о решении.", "ru", "reuters"),
    ],
)
def test_the_listener_is_never_the_speaker(text: str, language: str, speaker: str) -> None:
    assert [s.casefold() for s in _speakers(text, language)] == [speaker.casefold()]


@pytest.mark.parametrize(
    ("text", "language", "speaker", "content"),
    [
        (
            "According to Lavrov, the talks will continue.",
            "en",
            "lavrov",
            "the talks will continue",
        ),
        ("По словам Кабулова, талибы приедут.", "ru", "kabulov", "талибы приедут"),
        ("По информации Захаровой, встреча отменена.", "ru", "zakharova", "встреча отменена"),
        ("По сведениям Минобороны, встреча отменена.", "ru", "Минобороны", "встреча отменена"),
        (
            "Об этом сообщила Захарова. По ее оценкам, встреча отменена.",
            "ru",
            "zakharova",
            "встреча отменена",
        ),
    ],
)
def test_according_to(text: str, language: str, speaker: str, content: str) -> None:
    found = _quotes(text, language)
    assert [(q.speaker, q.text) for q in found] == [(speaker, content)]


@pytest.mark.parametrize(
    ("text", "language", "speaker", "content"),
    [
        ("Lavrov said: the talks were useful.", "en", "lavrov", "the talks were useful"),
        ("Женщина отметила: цены выросли вдвое.", "ru", "Женщина", "цены выросли вдвое"),
    ],
)
def test_speech_after_a_colon(text: str, language: str, speaker: str, content: str) -> None:
    found = _quotes(text, language)
    assert [(q.speaker, q.text) for q in found] == [(speaker, content)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Следователь рассказал, что подозреваемый признался.", "Следователь"),
        ("Лавров объяснил, что встреча пройдет в Москве.", "lavrov"),
        ("Захарова пишет, что Запад искажает факты.", "zakharova"),
        ("Кабулов отмечает, что прогресс есть.", "kabulov"),
        ("Песков подчеркивает, что решение не принято.", "peskov"),
        ("Лавров подчеркивает, будто переговоры идут успешно.", "lavrov"),
    ],
)
def test_russian_speech_verbs_and_nouns(text: str, speaker: str) -> None:
    assert _speakers(text, "ru") == [speaker]


@pytest.mark.parametrize(
    ("text", "nominative"),
    [
        ("Эллы Памфиловой", "Элла Памфилова"),
        ("Натальи Белой", "Наталья Белая"),
        ("Ольги Бурмовой", "Ольга Бурмова"),  # a surname the dictionary does not know
        ("Ольги Зерновой", "Ольга Зерновая"),  # one it reads as an adjective declines as one
        ("Антона Силуанова", "Антон Силуанов"),
        ("Топилиных", "Топилин"),
        ("Зарипа", "Зарип"),
        ("графини Уваровой", "графиня Уварова"),
        ("Виктора Логинова", "Виктор Логинов"),
        ("Виктором Орбаном", "Виктор Орбан"),
        ("Олегом Дерипаской", "Олег Дерипаска"),
        ("Майклом Уолтцем", "Майкл Уолтц"),
        ("Джо Байденом", "Джо Байден"),
        ("Игорем Стрелковым", "Игорь Стрелков"),
        ("Эммануэлю Макрону", "Эммануэль Макрон"),
        ("Али Салем", "Али Салем"),  # a nominative the dictionary knows, not «Сал»
    ],
)
def test_russian_names_get_their_nominative(text: str, nominative: str) -> None:
    assert nominative_name(text, "ru") == nominative


@pytest.mark.parametrize(
    ("alias", "language", "day", "actor"),
    [
        ("Президент США", "ru", date(2015, 5, 1), "obama"),
        ("президента США", "ru", date(2018, 11, 9), "trump"),
        ("Russian foreign minister", "en", date(2018, 1, 1), "lavrov"),
        ("Russian foreign minister", "en", date(2003, 1, 1), None),
        (
            "US special representative for Afghanistan reconciliation",
            "en",
            date(2018, 10, 1),
            "khalilzad",
        ),
        ("US special representative for Afghanistan reconciliation", "en", date(2018, 8, 1), None),
        ("глава МИД", "ru", date(2018, 11, 9), "lavrov"),
    ],
)
def test_roles_resolve_to_the_holder_of_the_articles_day(
    alias: str, language: str, day: date, actor: str | None
) -> None:
    assert default_registry().match(alias, language, day) == actor


def test_a_role_speaker_follows_the_article_date() -> None:
    text = "«Мы готовы к диалогу», — заявил президент США."
    early = _quotes(text, "ru", datetime(2015, 3, 1, tzinfo=UTC))
    late = _quotes(text, "ru", datetime(2019, 3, 1, tzinfo=UTC))
    assert [q.actor_id for q in early] == ["obama"] and [q.actor_id for q in late] == ["trump"]


def test_an_undated_article_resolves_roles_on_the_date_its_text_writes() -> None:
    text = "29 апреля 2011 года прошло совещание. «Интернет важен», — заявил президент России."
    undated = replace(make_article(text, language="ru"), published_at=None)
    dated_by_text = QuoteExtractor().extract(undated, segment(undated.id, text, "ru"))
    dated = _quotes(text, "ru", datetime(2019, 3, 1, tzinfo=UTC))
    assert [q.actor_id for q in dated_by_text] == ["medvedev"]
    assert [q.actor_id for q in dated] == ["putin"]  # the article's own date comes first


@pytest.mark.parametrize(
    ("text", "language"),
    [("Moscow", "en"), ("MOSCOW", "en"), ("Москва", "ru"), ("Москве", "ru"), ("Москву", "ru")],
)
def test_case_inflection_and_script_variants_are_one_actor(text: str, language: str) -> None:
    assert default_registry().match(text, language) == "moscow"


@pytest.mark.parametrize(
    ("text", "language", "speakers"),
    [
        ("Senator Gillibrand said the bill would pass.", "en", ["Gillibrand"]),
        ("Правительство сейчас заявило, что налоги не вырастут.", "ru", ["Правительство"]),
        (
            "The Afghan government did not send envoys and said the talks were useless.",
            "en",
            ["afghan-government"],
        ),
        ("The two governments are said to be discussing national currencies.", "en", []),
    ],
)
def test_no_phrase_or_title_stands_for_the_speaker(
    text: str, language: str, speakers: list[str]
) -> None:
    assert _speakers(text, language) == speakers


@pytest.mark.parametrize(
    ("text", "language", "speaker", "content"),
    [
        (
            '"We are ready. The talks can start tomorrow," Lavrov said.',
            "en",
            "lavrov",
            "We are ready. The talks can start tomorrow,",
        ),
        (
            "Мария Захарова написала в Telegram: «Очередной фейк. Никаких переговоров не было».",
            "ru",
            "zakharova",
            "Очередной фейк. Никаких переговоров не было",
        ),
    ],
)
def test_a_multi_sentence_quote_is_one_quote(
    text: str, language: str, speaker: str, content: str
) -> None:
    assert [(q.speaker, q.kind, q.text) for q in _quotes(text, language)] == [
        (speaker, "direct", content)
    ]

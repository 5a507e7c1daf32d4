"""Actor registry (aliases, inflected forms, user YAML) and named-entity mentions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import make_article

from narrascope.actors import ActorExtractor, ActorRegistry, default_registry, nominative_name
from narrascope.actors import ner as actors_module
from narrascope.errors import InputError, MissingExtraError
from narrascope.text import segment


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def test_shipped_registry_has_the_2018_cast(registry: ActorRegistry) -> None:
    assert len(registry) >= 30
    for actor_id in ("putin", "lavrov", "kabulov", "khalilzad", "taliban", "hpc", "peskov"):
        actor = registry.get(actor_id)
        assert actor is not None and actor.aliases["en"] and actor.aliases["ru"]
    assert registry.get("zakharova").gender == "f"
    assert registry.get("taliban").ner_type == "ORG"
    assert registry.get("russia-mfa").kind == "organisation"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Лаврова", "ru", "lavrov"),
        ("Лавровым", "ru", "lavrov"),
        ("Сергея Лаврова", "ru", "lavrov"),
        ("Кабулову", "ru", "kabulov"),
        ("Замира Кабулова", "ru", "kabulov"),
        ("главы МИД России", "ru", "lavrov"),
        ("Марии Захаровой", "ru", "zakharova"),
        ("Пескова", "ru", "peskov"),
        ("Высшего совета мира", "ru", "hpc"),
        ("талибов", "ru", "taliban"),
        ("МИД Индии", "ru", "india-mea"),
        ("Sergei Lavrov", "en", "lavrov"),
        ("Lavrov's", "en", "lavrov"),
        ("Russia's foreign minister", "en", "lavrov"),
        ("the Indian foreign ministry", "en", "india-mea"),
        ("U.S. State Department", "en", "us-state-department"),
        ("Zabihullah Mujahid", "en", "mujahid"),
    ],
)
def test_aliases_match_inflected_and_role_forms(
    registry: ActorRegistry, text: str, language: str, expected: str
) -> None:
    assert registry.match(text, language) == expected


@pytest.mark.parametrize(("text", "language"), [("us", "en"), ("песка", "ru"), ("said", "en")])
def test_case_guard_and_non_names(registry: ActorRegistry, text: str, language: str) -> None:
    assert registry.match(text, language) is None


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Axios", "en", "axios"),
        ("the Miami Herald", "en", "miami-herald"),
        ("The Associated Press", "en", "ap"),
        ("AP", "en", "ap"),
        ("ТАСС", "ru", "tass"),
        ("РИА Новости", "ru", "ria-novosti"),
        ("«Коммерсантъ»", "ru", "kommersant"),
        ("«Коммерсанта»", "ru", "kommersant"),
    ],
)
def test_news_outlets_are_organisations(
    registry: ActorRegistry, text: str, language: str, expected: str
) -> None:
    assert registry.match(text, language) == expected
    assert registry.get(expected).ner_type == "ORG"


@pytest.mark.parametrize("text", ["an ap", "Economists say", "Politicos", "on the Hill"])
def test_outlet_names_need_their_case_and_shape(registry: ActorRegistry, text: str) -> None:
    assert registry.find(text, "en") == []


def test_find_gives_offsets_longest_first(registry: ActorRegistry) -> None:
    text = "Russian Foreign Minister Sergei Lavrov met the High Peace Council."
    found = registry.find(text, "en")
    assert [(text[m.start : m.end], m.actor_id) for m in found] == [
        ("Russian Foreign Minister", "lavrov"),
        ("Sergei Lavrov", "lavrov"),
        ("High Peace Council", "hpc"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Глава МИД заявил, что переговоры продолжатся.", ["lavrov"]),
        ("Глава МИД Польши отозвал согласие на работу консульства.", []),
        ("Глава МИД ДНР заявил, что переговоры продолжатся.", []),
        ("Глава МИД России Сергей Лавров заявил это.", ["lavrov", "lavrov"]),
    ],
)
def test_a_role_of_another_country_is_not_its_holder(
    registry: ActorRegistry, text: str, expected: list[str]
) -> None:
    assert [m.actor_id for m in registry.find(text, "ru", date(2024, 5, 1))] == expected


def test_cyrillic_aliases_match_inside_english_text(registry: ActorRegistry) -> None:
    assert registry.match("Лаврова", "en") == "lavrov"


def test_resolve_and_speaker_keys(registry: ActorRegistry) -> None:
    assert registry.resolve("Лавров") == "lavrov"
    assert registry.resolve("Maria Zakharova") == "zakharova"
    assert registry.resolve("Viktor Loginov") is None
    assert registry.speaker_keys("Кабулов") == ["kabulov", "Кабулов"]
    assert registry.speaker_keys("Viktor Loginov") == ["Viktor Loginov"]


def test_user_registry_is_merged_over_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "actors:\n"
        "  loginov:\n"
        "    name: Viktor Loginov\n"
        "    kind: person\n"
        "    role: analyst\n"
        "    aliases: {en: [Viktor Loginov, Loginov], ru: [Виктор Логинов, Логинов]}\n"
        "  lavrov:\n"
        "    role: Russia's top diplomat\n"
        "    aliases: {en: [the Russian minister]}\n",
        encoding="utf-8",
    )
    merged = ActorRegistry.load(path)
    assert merged.match("Логинова", "ru") == "loginov"
    assert merged.get("lavrov").role == "Russia's top diplomat"
    assert merged.match("the Russian minister", "en") == "lavrov"
    assert merged.match("Sergei Lavrov", "en") == "lavrov"
    assert len(merged) == len(ActorRegistry.load()) + 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors: [1, 2]\n", "mapping"),
        ("actors:\n  x:\n    kind: planet\n", "unknown kind"),
        ("actors: {x: {name: [unclosed\n", "invalid YAML"),
    ],
)
def test_bad_user_registry_names_the_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        ActorRegistry.load(path)
    assert message in str(info.value) and "bad.yaml" in str(info.value)


def test_nominative_names() -> None:
    assert nominative_name("Ивана Петрова", "ru") == "Иван Петров"
    assert nominative_name("Марии Захаровой", "ru") == "Мария Захарова"
    assert nominative_name("индийского эксперта", "ru", phrase=True) == "индийский эксперт"
    assert nominative_name("американских газет", "ru", phrase=True) == "американские газеты"
    assert nominative_name("Американские газеты", "ru", phrase=True) == "Американские газеты"
    assert nominative_name("американской газеты", "ru", phrase=True) == "американская газета"
    assert nominative_name("ЦАХАЛ", "ru", phrase=True) == "ЦАХАЛ"
    assert nominative_name("the State Department's", "en") == "State Department"


def test_registry_mentions_need_no_model() -> None:
    text = "Лавров встретился с Кабуловым.\n\nПо словам Захаровой, встреча прошла успешно."
    article = make_article(text, language="ru")
    mentions = ActorExtractor().extract(
        article, segment(article.id, text, "ru"), only_sentences=set()
    )
    assert [(m.text, m.actor_id, m.sentence_index) for m in mentions] == [
        ("Лавров", "lavrov", 0),
        ("Кабуловым", "kabulov", 0),
        ("Захаровой", "zakharova", 1),
    ]
    assert all(text[m.char_start : m.char_end] == m.text for m in mentions)


def test_registry_mentions_drop_articles_and_possessives() -> None:
    text = "Lavrov's deputy met the Taliban in the Kremlin."
    article = make_article(text)
    mentions = ActorExtractor().extract(
        article, segment(article.id, text, "en"), only_sentences=set()
    )
    assert [(m.text, m.actor_id, m.ner_type) for m in mentions] == [
        ("Lavrov", "lavrov", "PER"),
        ("Taliban", "taliban", "ORG"),
        ("Kremlin", "kremlin", "ORG"),
    ]


@pytest.mark.slow
def test_english_ner_keeps_unknown_people_and_offsets() -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met John Whitfield in Moscow.\n\n"
        "Zalmay Khalilzad later spoke to Ashraf Ghani."
    )
    article = make_article(text)
    sentences = segment(article.id, text, "en")
    mentions = ActorExtractor().extract(article, sentences)
    found = {(m.text, m.actor_id, m.ner_type) for m in mentions}
    assert ("Russian Foreign Minister Sergei Lavrov", "lavrov", "PER") in found
    assert ("John Whitfield", None, "PER") in found
    assert ("Zalmay Khalilzad", "khalilzad", "PER") in found
    assert all(text[m.char_start : m.char_end] == m.text for m in mentions)
    assert {m.sentence_index for m in mentions if m.actor_id == "ghani"} == {1}
    only = ActorExtractor().extract(article, sentences, only_sentences={1})
    assert "John Whitfield" not in {m.text for m in only}
    assert "lavrov" in {m.actor_id for m in only}  # registry aliases run on every sentence


@pytest.mark.parametrize(
    "text",
    [
        "Remember to be your brother’s keeper in your new environment, the minister said.",
        "UN Chief Warns of Debt Crisis in Poor Countries",
    ],
)
def test_english_person_spans_that_are_no_names_are_dropped(text: str) -> None:
    article = make_article(text)
    mentions = ActorExtractor().extract(article, segment(article.id, text, "en"))
    assert [m.text for m in mentions if m.ner_type == "PER"] == []


@pytest.mark.parametrize(
    ("span", "language", "kept"),
    [
        ("В", "ru", False),
        ("С.", "ru", False),
        ("Ян", "ru", True),
        ("’s keeper", "en", False),
        ("Warns of", "en", False),
        ("@GretaThunberg", "en", True),
        ("Jo Cox", "en", True),
    ],
)
def test_person_spans_that_cannot_name_a_person(span: str, language: str, kept: bool) -> None:
    assert actors_module.person_span_kept(span, language) is kept


def test_an_english_name_after_an_honorific_is_a_person() -> None:
    text = "The campaign began with a talk by the project lead, Madam Yundeh Afreda Butler."
    article = make_article(text)
    mentions = ActorExtractor().extract(article, segment(article.id, text, "en"))
    assert [(m.text, m.ner_type) for m in mentions if "Butler" in m.text] == [
        ("Madam Yundeh Afreda Butler", "PER")
    ]


@pytest.mark.slow
def test_russian_ner_normalises_known_and_keeps_unknown() -> None:
    text = "Ашраф Гани встретился с Иваном Петровым. По словам Замира Кабулова, встреча прошла."
    article = make_article(text, language="ru")
    mentions = ActorExtractor().extract(article, segment(article.id, text, "ru"))
    found = {(m.text, m.actor_id, m.ner_type) for m in mentions}
    assert ("Ашраф Гани", "ghani", "PER") in found
    assert ("Иваном Петровым", None, "PER") in found
    assert ("Замира Кабулова", "kabulov", "PER") in found


@pytest.mark.slow
def test_a_place_inside_a_longer_name_is_not_the_place() -> None:
    text = (
        "Банк России повысил ставку. «Единая Россия» выдвинула кандидата. Россия ответила. "
        "Исламская Республика Афганистан тоже."
    )
    article = make_article(text, language="ru")
    mentions = ActorExtractor().extract(article, segment(article.id, text, "ru"))
    found = {m.text: m.actor_id for m in mentions}
    assert found["Банк России"] is None
    assert found["Единая Россия"] is None
    assert found["Россия"] == "russia"
    assert found["Исламская Республика Афганистан"] == "afghanistan"  # the state's full name


def test_missing_spacy_model_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    spacy = pytest.importorskip("spacy")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("[E050] Can't find model")

    actors_module._spacy_nlp.cache_clear()
    monkeypatch.setattr(spacy, "load", fail)
    try:
        with pytest.raises(MissingExtraError) as info:
            actors_module._spacy_nlp()
        assert info.value.extra == "nlp" and "spaCy English model" in str(info.value)
    finally:
        actors_module._spacy_nlp.cache_clear()


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Кабул пока молчит.", "kabul"),  # the city, not Kabulov by the lemma «кабул»
        ("Кабулов заявил об этом.", "kabulov"),  # the surname as written
        ("по словам Кабулова", "kabulov"),
        ("Песков заявил об этом.", "peskov"),
    ],
)
def test_a_surname_and_a_city_that_share_a_lemma(
    registry: ActorRegistry, text: str, actor: str
) -> None:
    assert registry.match(text, "ru") == actor


def test_a_first_name_is_not_read_as_a_vocative() -> None:
    assert nominative_name("Илон Маск", "ru") == "Илон Маск"  # not «Илона», vocative of Илона


@pytest.mark.parametrize(
    ("phrase", "nominative"),
    [
        ("пророссийском подполье", "пророссийское подполье"),  # the adjective agrees
        ("местной прокуратуры", "местная прокуратура"),
        ("американских газет", "американские газеты"),
    ],
)
def test_a_phrase_in_the_nominative_agrees_with_its_noun(phrase: str, nominative: str) -> None:
    assert nominative_name(phrase, "ru", phrase=True) == nominative


def test_a_possessive_s_belongs_to_a_name_outside_english() -> None:
    text = "the Kremlin's line; пишет Barron's."
    kremlin = text.index("Kremlin")
    assert actors_module._trim_entity(text, kremlin - 4, kremlin + 9, "en") == (
        kremlin,
        kremlin + 7,
    )
    barrons = text.index("Barron's")
    assert actors_module._trim_entity(text, barrons, barrons + 8, "ru") == (barrons, barrons + 8)


@pytest.mark.parametrize(
    ("name", "nominative"),
    [
        ("Майкла Уолтца", "Майкл Уолтц"),  # a foreign surname pymorphy3 cannot inflect
        ("Веронику Долину", "Вероника Долина"),  # a surname read as a common noun
        ("Ивана Петрова", "Иван Петров"),
        ("Паноса Камменоса", "Панос Камменос"),  # a Greek name the dictionary does not know
        ("Антониса Самараса", "Антонис Самарас"),
        ("Панос Камменос", "Панос Камменос"),
        ("Тереса Мэй", "Тереса Мэй"),
        ("Виталий Милонов", "Виталий Милонов"),  # not the genitive plural of «Милон»
        ("Анналена Бербок", "Анналена Бербок"),  # a man's genitive would decline the surname
        ("Аслан Бжания", "Аслан Бжания"),  # not the genitive of «Бжаний»
        ("Аслана Бжании", "Аслан Бжания"),
        ("София Стельмахова", "София Стельмахова"),  # «София» read only as the city
        ("Андрей Сибига", "Андрей Сибига"),  # after a nominative first name: as written
        ("Дмитрий Кулеба", "Дмитрий Кулеба"),
        ("Рютте", "Рютте"),  # an unknown name read only as a dative does not decline
        ("Саломе Зурабишвили", "Саломе Зурабишвили"),
        ("С.Донской", "С.Донской"),  # initials glued to the surname keep its capital
        ("В.Путина", "В.Путин"),
        ("Владислава Шапши", "Владислав Шапша"),  # a man's surname in «-а», in the genitive
        ("Дмитрия Озёрского", "Дмитрий Озёрский"),  # a surname that declines as an adjective
        ("Софии Стельмаховой", "София Стельмахова"),
        ("Алексея Тихого", "Алексей Тихий"),  # an adjective surname of a velar stem
        ("Игорем Стрелковым", "Игорь Стрелков"),  # not the adjective «стрелковый»
    ],
)
def test_surnames_follow_the_first_name_into_the_nominative(name: str, nominative: str) -> None:
    assert nominative_name(name, "ru") == nominative


def test_a_one_word_ministry_qualified_by_another_country_is_not_the_russian_one() -> None:
    registry = default_registry()
    assert registry.find("МИД Украины заявил", "ru") == []
    assert [m.actor_id for m in registry.find("МИД заявил", "ru")] == ["russia-mfa"]
    assert [m.actor_id for m in registry.find("МИД РФ заявил", "ru")] == ["russia-mfa"]

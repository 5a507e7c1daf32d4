"""Reported speech from spaCy's dependency parse (English; models run, so marked slow)."""

from __future__ import annotations

import pytest
from tests.conftest import make_article

from narrascope.actors import ActorExtractor
from narrascope.actors.quotes import QuoteExtractor
from narrascope.actors.speakers import CUES
from narrascope.actors.syntax import speech_clauses
from narrascope.records import Quote
from narrascope.text import segment


def _quotes(text: str, syntax: tuple[str, ...]) -> list[Quote]:
    article = make_article(text)
    sentences = segment(article.id, text, "en")
    actors = ActorExtractor()
    mentions = actors.extract(article, sentences)
    return QuoteExtractor(actors.registry, syntax=syntax).extract(article, sentences, mentions)


@pytest.mark.slow
def test_the_subject_of_a_speech_verb_speaks_its_complement() -> None:
    text = "Campaign spokeswoman Haley Morris says the candidate has always run a lean campaign."
    (clause,) = speech_clauses(text, [(0, len(text))], "en", CUES)
    assert text[clause.head_start : clause.head_end] == "Morris"
    assert text[clause.content_start : clause.content_end] == (
        "the candidate has always run a lean campaign"
    )


@pytest.mark.slow
def test_the_parse_adds_reported_speech_the_rules_miss() -> None:
    text = "Campaign spokeswoman Haley Morris says the candidate has always run a lean campaign."
    parsed = _quotes(text, ("en",))
    assert [(q.speaker, q.kind) for q in parsed] == [("Haley Morris", "reported")]
    assert parsed[0].text == "the candidate has always run a lean campaign"
    assert not any(q.speaker == "candidate" for q in _quotes(text, ()))


@pytest.mark.slow
def test_a_pronoun_subject_resolves_and_the_listener_is_skipped() -> None:
    text = (
        "Marco Rubio spoke in Houston. He said his attacks on the front-runner had given his "
        "campaign momentum. The senator told Fox News that the race was far from over."
    )
    found = [(q.speaker, q.text) for q in _quotes(text, ("en",))]
    assert (
        "Marco Rubio",
        "his attacks on the front-runner had given his campaign momentum",
    ) in found
    assert all(speaker != "Fox News" for speaker, _ in found)


def _ru_quotes(text: str) -> list[tuple[str, str]]:
    article = make_article(text, language="ru")
    sentences = segment(article.id, text, "ru")
    actors = ActorExtractor()
    mentions = actors.extract(article, sentences)
    extractor = QuoteExtractor(actors.registry, syntax=("ru",))
    return [(q.speaker, q.text) for q in extractor.extract(article, sentences, mentions)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (  # a participle as the subject
            "Задержанный сказал, что сожалеет о случившемся.",
            "Задержанный",
            "сожалеет о случившемся",
        ),
        (  # a numeral phrase as the subject keeps its words as written
            "Один из студентов рассказал, что его попросили принести повестку.",
            "Один из студентов",
            "его попросили принести повестку",
        ),
        (  # a short adjective as the speech verb
            "Родня уверена, что это связано с делом о погроме.",
            "Родня",
            "это связано с делом о погроме",
        ),
        (  # a name in the genitive modifies the subject, it is not the subject
            "Защита Трампа настаивает, что приговор надо отменить.",
            "Защита",
            "приговор надо отменить",
        ),
        (  # a clause after a colon
            "Пострадавший подтвердил: знаком с подозреваемым более 15 лет.",
            "Пострадавший",
            "знаком с подозреваемым более 15 лет",
        ),
        (  # a name after a preposition in the subject is where they come from
            "Эвакуированные из-под Часова Яра жители рассказали, что дроны охотились за машинами.",
            "жители",
            "дроны охотились за машинами",
        ),
    ],
)
def test_the_russian_parse_finds_subjects_the_rules_miss(
    text: str, speaker: str, content: str
) -> None:
    assert _ru_quotes(text) == [(speaker, content)]


@pytest.mark.slow
def test_a_russian_call_takes_its_object_and_infinitive_not_what_precedes_the_verb() -> None:
    text = "Секция интересов на фоне протестов призывает россиян воздержаться от поездок."
    (clause,) = speech_clauses(text, [(0, len(text))], "ru", CUES)
    assert text[clause.content_start : clause.content_end] == "россиян воздержаться от поездок"


@pytest.mark.slow
def test_a_negated_russian_speech_verb_states_nothing() -> None:
    assert _ru_quotes("Кабул пока не объявил, кто будет представлять страну.") == []


@pytest.mark.slow
def test_an_emoji_glued_to_a_name_does_not_hide_it() -> None:
    found = _ru_quotes("⚡️Шольц после саммита заявил, что поддерживает помощь Киеву.")
    assert found == [("Шольц", "поддерживает помощь Киеву")]


@pytest.mark.slow
def test_a_russian_demand_is_not_an_attribution() -> None:
    assert _ru_quotes("Участники акции требовали освободить группу задержанных.") == []


@pytest.mark.slow
def test_a_russian_passive_call_is_a_purpose_not_speech() -> None:
    text = "Мощное ограждение призвано защитить депутатов от протестующих."
    assert speech_clauses(text, [(0, len(text))], "ru", CUES) == []


@pytest.mark.slow
def test_a_name_modifying_the_parsed_subjects_head_noun_leaves_the_phrase() -> None:
    text = "The Biden administration hopes that the talks will fail."
    assert [q.speaker for q in _quotes(text, ("en",))] == ["Biden administration"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (  # a converb: the subject of the verb it hangs on
            "Орбан встретился в Киеве с Зеленским, заявив, что переговоры нужны.",
            "Орбан",
            "переговоры нужны",
        ),
        (  # a clause of reason shares the subject of its main clause
            "Правозащитники выступают за запрет, поскольку считают, что фетвы нарушают права.",
            "Правозащитники",
            "фетвы нарушают права",
        ),
    ],
)
def test_a_subjectless_russian_speech_verb_takes_the_subject_it_shares(
    text: str, speaker: str, content: str
) -> None:
    assert _ru_quotes(text) == [(speaker, content)]


@pytest.mark.slow
def test_a_russian_verb_in_a_relative_clause_does_not_borrow_the_main_subject() -> None:
    text = "Канал публикует видео, на котором подросток рассказывает, как все происходило."
    assert all(speaker != "Канал" for speaker, _ in _ru_quotes(text))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Агентство France-Presse предполагает, что положение отменят.", None),
        ("Губернатор докладывает, что пожар потушен.", "Губернатор"),
        ("Политолог намекает, что выборы перенесут.", "Политолог"),
        ("Депутат признается, что не читал закон.", "Депутат"),
        ("Врачи предостерегают, что грипп опасен.", "Врачи"),
        ("Министр озвучивает, что бюджет вырастет.", "Министр"),
        ("Эксперт спросил, готовы ли власти к переговорам.", "Эксперт"),
    ],
)
def test_russian_speech_verbs_of_both_aspects_are_cues(text: str, speaker: str | None) -> None:
    found = [who for who, _ in _ru_quotes(text)]
    assert found == ([speaker] if speaker else [])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Агентство Reuters спросило у жителей Киева, что они думают о решении.", "reuters"),
        (  # a nominative after the phrase is the speaker
            '«Наконец всё позади», пишет на первой странице ежедневная газета "Ла стампа".',
            "Ла стампа",
        ),
    ],
)
def test_a_russian_prepositional_phrase_after_the_cue_holds_no_speaker(
    text: str, speaker: str
) -> None:
    assert [who for who, _ in _ru_quotes(text)] == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Опрос показал, что большинство немцев не поддерживают вступление Украины в ЕС.",
            [("Опрос", "большинство немцев не поддерживают вступление Украины в ЕС")],
        ),
        (
            "Пользователи обнаружили, что продукция содержит вредные вещества.",
            [("Пользователи", "продукция содержит вредные вещества")],
        ),
        ("Роскосмос показал, как из космоса выглядит шторм.", []),  # showing, not finding
        ("Полиция обнаружила тело в лесу.", []),
    ],
)
def test_a_russian_finding_needs_a_that_clause(text: str, found: list[tuple[str, str]]) -> None:
    assert _ru_quotes(text) == found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "В заявлении МИД отмечалось, что встреча отменена.",
        "В статье британской газеты The Times утверждалось, что встреча отменена.",
    ],
)
def test_a_russian_documents_past_impersonal_words_are_its_sources(text: str) -> None:
    assert [content for _, content in _ru_quotes(text)] == ["встреча отменена"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (  # a bare «организация» is the organisation named before
            "Ассоциация предпринимателей выступила с инициативой. В организации считают, что "
            "мера защитит детей.",
            "Ассоциация предпринимателей",
        ),
        (
            "В офисе президента Молдавии заявили, что мера защитит детей.",
            "офис президента Молдавии",
        ),
    ],
)
def test_russian_bodies_beyond_ministries_speak(text: str, speaker: str) -> None:
    assert [who for who, _ in _ru_quotes(text)] == [speaker]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("В офисе президента не исключают, что война закончится.", "офис президента"),
        ("Местные жители не отрицают, что мост нужен.", "Местные жители"),
        ("Министр не подтвердил, что мост нужен.", None),  # says nothing
    ],
)
def test_a_negated_russian_denial_is_a_statement(text: str, speaker: str | None) -> None:
    assert [who for who, _ in _ru_quotes(text)] == ([speaker] if speaker else [])


@pytest.mark.slow
def test_this_follows_from_a_source_gives_it_the_sentence_before() -> None:
    text = "Полёты на Байконур начнутся весной. Это следует из данных Роскосмоса."
    assert _ru_quotes(text) == [("Роскосмос", "Полёты на Байконур начнутся весной")]
    assert _ru_quotes("Полёты начнутся. Это следует учесть.") == []


@pytest.mark.slow
def test_a_russian_indirect_question_after_o_tom_is_the_content() -> None:
    text = "Сябренко также рассказала о том, чем бы хотела заняться корпорация."
    assert _ru_quotes(text) == [("Сябренко", "о том, чем бы хотела заняться корпорация")]
    text = "Песков сообщил о том, что в городе прогремел взрыв."
    assert _ru_quotes(text) == [("peskov", "в городе прогремел взрыв")]


@pytest.mark.slow
def test_a_hyphenated_word_does_not_end_the_phrase_after_a_russian_cue() -> None:
    text = "Учения завершены, сообщил на встрече с представителями бизнес-сообщества в Челябинске."
    assert all(who != "Челябинск" for who, _ in _ru_quotes(text))


@pytest.mark.slow
def test_they_after_a_counted_group_with_an_adjective_are_that_group() -> None:
    text = "Три местных жителя стащили баночки.\n\nНа допросе они рассказали, что знали об этом."
    assert _ru_quotes(text) == [("местный житель", "знали об этом")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Робота собрали инженеры, и, по словам капитана Артема Юмашева, название пришло само.",
        "Робота собрали инженеры, и, судя по словам капитана Артема Юмашева, название пришло само.",
    ],
)
def test_a_russian_source_between_a_conjunctions_commas_reports_the_clause_after(
    text: str,
) -> None:
    assert _ru_quotes(text) == [("Артём Юмашев", "название пришло само")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Майор Игорь Лапин заключил, что армия воюет с серьезным противником.",
            [("Игорь Лапин", "армия воюет с серьезным противником")],
        ),
        (
            "Представители ополчения сомневаются, что подразделения подчинятся приказу.",
            [("Представители", "подразделения подчинятся приказу")],
        ),
        ("Правительство и банк заключили соглашение о строительстве моста.", []),
    ],
)
def test_a_russian_conclusion_or_doubt_needs_a_that_clause(
    text: str, found: list[tuple[str, str]]
) -> None:
    assert _ru_quotes(text) == found


@pytest.mark.slow
def test_russian_advice_reports_its_infinitive() -> None:
    text = "Эксперты советуют не сопротивляться желанию отдохнуть."
    assert _ru_quotes(text) == [("Эксперты", "не сопротивляться желанию отдохнуть")]


@pytest.mark.slow
def test_a_that_clause_hung_on_the_setting_is_the_speech_verbs_content() -> None:
    text = (
        "Mara Quill said in one of a series of messages that the truck was carrying arms when "
        "it struck the crowd."
    )
    (clause,) = speech_clauses(text, [(0, len(text))], "en", CUES)
    assert text[clause.content_start : clause.content_end] == (
        "the truck was carrying arms when it struck the crowd"
    )

"""Russian constructions met in fresh real Telegram news posts, on sentences we wrote: what ends
a speaker phrase (a weekday, a date, «не», «свою», the one spoken with), women's names after a
feminine verb, a subject shared across a «который» clause, sources after a final dash, quoted
words that are names, and the body an unnamed «пресс-служба холдинга» means."""

from __future__ import annotations

import re

from tests.conftest import make_article

from narrascope.actors.quotes import QuoteExtractor
from narrascope.records import Mention, Quote
from narrascope.text import segment


def _quotes(text: str, names: dict[str, str] | None = None) -> list[Quote]:
    """Quotes of ``text``; ``names`` stand in for NER (surface -> type), registry otherwise."""
    article = make_article(text, language="ru")
    sentences = segment(article.id, text, "ru")
    mentions = None
    if names:
        mentions = []
        for surface, kind in names.items():
            for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
                index = max(s.index for s in sentences if s.start <= match.start())
                mentions.append(
                    Mention(article.id, index, match.start(), match.end(), surface, kind)
                )
    return QuoteExtractor(syntax=()).extract(article, sentences, mentions)


def _speakers(text: str, names: dict[str, str] | None = None) -> list[str]:
    return [q.speaker for q in _quotes(text, names)]


def _brief(found: list[Quote]) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in found]


# what ends a speaker phrase -----------------------------------------------------------------
def test_a_weekday_after_the_subject_is_when_not_who() -> None:
    text = "Сирийская армия в пятницу заявила, что перебросила дополнительные силы под Алеппо."
    assert _speakers(text) == ["Сирийская армия"]


def test_a_date_after_the_subject_is_when_not_who() -> None:
    assert _speakers("Власти 27 ноября объявят о старте конкурса.") == ["Власти"]


def test_a_negated_verb_before_a_gerund_cue_leaves_the_negation_out() -> None:
    text = (
        "Президент Украины не подтвердил, что по Брянской области был нанесён удар, сказав "
        "фразу «извините, без лишних деталей»."
    )
    names = {"Украины": "LOC", "Брянской области": "LOC"}
    assert _speakers(text, names) == ["Президент Украины"]


def test_the_one_spoken_with_is_no_part_of_the_phrase() -> None:
    text = "В разговоре со спасателями жительница столицы заявила, что небоскребы в дыму."
    assert _speakers(text) == ["жительница столицы"]


def test_pupils_of_a_school_speak_not_the_school() -> None:
    text = "Ученики школы рассказали, что в прошлую пятницу пацан открыл огонь в коридоре."
    assert _speakers(text) == ["Ученики школы"]


def test_an_adjective_that_cannot_be_nominative_is_not_the_subjects() -> None:
    text = "После приезда скорой парень заявил, что нанёс всего восемь ударов."
    assert _speakers(text) == ["парень"]


def test_whom_something_was_demanded_of_is_no_speaker() -> None:
    assert _quotes("От девушки потребовали снять свои деньги и забрать ценные вещи.") == []


def test_a_long_subject_of_a_member_of_a_committee() -> None:
    text = (
        "Член комитета Госдумы по развитию гражданского общества, вопросам общественных и "
        "религиозных объединений убеждён, что соотечественницам нужно рожать."
    )
    assert _speakers(text, {"Госдумы": "ORG"}) == [
        "Член комитета Госдумы по развитию гражданского общества"
    ]


# women's names ---------------------------------------------------------------------------
def test_a_womans_name_the_dictionary_reads_as_a_mans_genitive() -> None:
    text = "В беседе с SHOT депутат Сардана Авксентьева рассказала, что цены выросли."
    names = {"SHOT": "ORG", "Сардана Авксентьева": "PER"}
    assert _speakers(text, names) == ["Сардана Авксентьева"]


def test_a_lone_feminine_surname_is_the_woman_of_that_family_named_before() -> None:
    text = (
        "«Ельцин-центр» отменил выступление правнучки Никиты Хрущева, политолога Нины "
        "Хрущевой. Хрущёва выступала против войны и называла её «страшным решением»."
    )
    names = {"Никиты Хрущева": "PER", "Нины Хрущевой": "PER", "Хрущёва": "PER"}
    assert _speakers(text, names) == ["Нина Хрущёва"]


def test_her_words_after_a_feminine_cue_are_the_womans() -> None:
    text = (
        "Жители района не уходят из домов, сообщила РИА Новости активист сообщества Джихан "
        "Мухаммад.   По ее словам, район находится в окружении группировок."
    )
    names = {"РИА Новости": "ORG", "Джихан Мухаммад": "PER"}
    assert _speakers(text, names) == ["Джихан Мухаммад", "Джихан Мухаммад"]


# subjects ---------------------------------------------------------------------------------
def test_a_subject_shared_across_a_relative_clause() -> None:
    text = (
        "Москалькова опубликовала список военных, которые более года находятся в России, и "
        "выразила надежду на их обмен."
    )
    assert _speakers(text, {"России": "LOC"}) == ["Москалькова"]


def test_there_is_the_body_the_sentence_before_closes_with() -> None:
    text = (
        "Совместные патрулирования не направлены против третьих стран, сообщило китайское "
        "минобороны.  Там отметили, что патрулирования повысили возможности авиации."
    )
    assert _speakers(text) == ["китайское минобороны", "китайское минобороны"]


def test_an_evacuee_after_the_agency_that_listened() -> None:
    text = (
        "В Селидово работала группа СБУ, рассказал РИА Новости эвакуированный из Селидово. "
        "По его словам, люди боялись выходить."
    )
    assert _speakers(text) == ["эвакуированный из Селидово"] * 2


def test_two_sources_after_the_outlet_that_listened() -> None:
    text = "Губернатор обратится в прокуратуру, об этом сообщили «РБК Спорт» два источника."
    assert _speakers(text, {"РБК Спорт": "ORG"}) == ["два источника"]


def test_a_gerund_reports_nothing_before_it() -> None:
    text = "Лиза устала ждать и решила уйти к другому, перед этим рассказав всё жене Миши."
    assert _quotes(text, {"Лиза": "PER", "Миши": "PER"}) == []


# names ------------------------------------------------------------------------------------
def test_a_foreign_name_in_i_after_a_cue_is_the_speaker_not_a_listener() -> None:
    text = "Рим хочет прийти к общему подходу, заявил министр иностранных дел Италии Таяни."
    assert _speakers(text, {"Италии": "LOC", "Таяни": "PER"}) == ["Таяни"]


def test_a_foreign_surname_in_e_that_ner_tagged_speaks() -> None:
    text = "Экс-глава штаба Минобороны ФРГ Нико Ланге заявил в интервью Bild, что рубль слаб."
    names = {"Минобороны": "ORG", "ФРГ": "LOC", "Нико Ланге": "PER", "Bild": "ORG"}
    assert _speakers(text, names) == ["Нико Ланге"]


def test_a_surname_tagged_as_a_place_after_a_title() -> None:
    text = "Документы ожидаются в январе, сообщил РИА Новости директор центра Гинцбург."
    names = {"РИА Новости": "ORG", "Гинцбург": "LOC"}
    assert _speakers(text, names) == ["Гинцбург"]


def test_a_hyphenated_foreign_name_stays_as_written() -> None:
    text = "Армия заявила о переброске сил, сообщает телеканал Аль-Майядин со ссылкой на военных."
    assert "Аль-Майядин" in _speakers(text, {"Аль-Майядин": "ORG"})


def test_a_name_in_marks_after_its_kind_stays_nominative() -> None:
    text = 'Кипр собирается в НАТО, пишет греческая газета "Катимерини".'
    assert _speakers(text, {"Катимерини": "ORG"}) == ["Катимерини"]


def test_a_name_in_marks_after_a_preposition_declines() -> None:
    assert _speakers("В «Газпроме» заявили, что поставки идут.", {"Газпроме": "ORG"}) == ["Газпром"]


def test_the_press_service_of_the_holding_is_the_holding_named_before() -> None:
    text = (
        'Холдинг USM Алишера Усманова вышел из состава учредителей ООО "Оператор-ЦРПТ", '
        'сообщили "Интерфаксу" в пресс-службе холдинга.'
    )
    names = {"USM": "ORG", "Алишера Усманова": "PER", 'ООО "Оператор-ЦРПТ"': "ORG"}
    names["Интерфаксу"] = "ORG"
    assert _speakers(text, names) == ["USM"]


# sources after a final dash ---------------------------------------------------------------
def test_a_surname_after_a_headline_dash_and_its_topic() -> None:
    text = (
        "**Теперь у нас есть ATACMS и мы всё это будем использовать** — Зеленский о "
        "применении ракет\n\nПрезидент Украины не подтвердил удар."
    )
    assert _speakers(text) == ["Зеленский"]


def test_a_predicate_after_a_dash_is_no_source() -> None:
    text = "Соседка запомнила его взгляд. При этом у нападавшего в соцсетях все фото — с собаками."
    assert _quotes(text) == []


def test_an_animal_after_a_dash_without_a_comma_is_no_source() -> None:
    text = "**Первым появилось яйцо, и только потом — курица**.\n\nУчёные нашли организм."
    assert _quotes(text) == []


def test_a_name_in_the_genitive_after_a_dash_is_no_source() -> None:
    text = "Слова Ткаченко назвали ложью, а в России — свидетельством провала политики Зеленского."
    assert "Зеленский" not in _speakers(text, {"Ткаченко": "PER", "Зеленского": "PER"})


# quoted words inside a clause -------------------------------------------------------------
def test_a_name_in_marks_inside_a_clause_is_not_the_quotation() -> None:
    text = 'Иностранные журналисты будут на "прямой линии" Путина, заявил Песков.'
    assert _brief(_quotes(text)) == [
        ("peskov", 'Иностранные журналисты будут на "прямой линии" Путина')
    ]


def test_words_someone_called_something_stay_a_quotation() -> None:
    text = 'Виндман ранее назвал Маска "агентом влияния" и заявил о влиянии на выборы.'
    found = _brief(_quotes(text, {"Виндман": "PER", "Маска": "PER"}))
    assert ("Виндман", "агентом влияния") in found


# more from the same posts ----------------------------------------------------------------
def test_a_headline_quotation_then_a_sentence_opening_with_its_speaker() -> None:
    text = (
        "⚡**«Сумасшедших в руководстве России нет».** Медведев заявил, что использовать "
        "ядерное оружие — это крайний вариант, и властям бы не хотелось его использовать."
    )
    assert _brief(_quotes(text))[0] == ("medvedev", "Сумасшедших в руководстве России нет")


def test_a_two_word_clause_before_an_unnamed_press_service() -> None:
    text = (
        "**Роспотребнадзор опроверг сообщение о росте заболеваемости.**   Ситуация "
        "контролируемая, сообщили в пресс-службе ведомства."
    )
    found = _brief(_quotes(text, {"Роспотребнадзор": "ORG"}))
    assert found == [("Роспотребнадзор", "Ситуация контролируемая")]


def test_an_adverb_and_a_span_of_time_end_the_subject() -> None:
    assert _speakers("Владельцы смартфонов массово жалуются на блокировку гаджетов.") == [
        "Владельцы смартфонов"
    ]
    text = "Руководство вуза третий месяц обещает наладить уборку, сообщили нам учащиеся."
    assert "Руководство вуза" in _speakers(text)


def test_so_that_is_no_part_of_the_subject() -> None:
    text = "Германия откажется. Тем самым немцы подтвердят, что суд является декорацией."
    assert _speakers(text) == ["немцы"]


def test_a_judge_of_a_court_speaks_not_the_court() -> None:
    text = "Судья Мещанского суда заявила, что ходатайство приобщено к материалам дела."
    assert _speakers(text, {"Мещанского суда": "ORG"}) == ["Судья Мещанского суда"]


def test_the_abbreviation_of_named_after_does_not_end_the_speaker() -> None:
    text = (
        "Закуски обойдутся в 2,8 тыс. руб., сообщила доцент кафедры статистики РЭУ им. "
        "Плеханова Ольга Лебединская."
    )
    names = {"РЭУ им. Плеханова": "ORG", "Ольга Лебединская": "PER"}
    assert _speakers(text, names) == ["Ольга Лебединская"]


def test_a_lone_foreign_surname_in_ia_stays_as_written() -> None:
    text = "Президент Абхазии Бжания заявил, что уйдёт в отставку."
    assert _speakers(text, {"Абхазии": "LOC", "Бжания": "PER"}) == ["Бжания"]


def test_their_words_after_a_report_that_holds_another_clause() -> None:
    text = (
        "Руководство вуза третий месяц обещает наладить уборку, сообщили нам учащиеся. "
        "Однако, по их словам, ситуация не изменилась."
    )
    assert _speakers(text)[-1] == "учащиеся"


def test_the_subject_before_a_relative_clause_with_a_body_in_it() -> None:
    text = (
        "Республиканцы, которые увеличили свое присутствие в Сенате, обещают отменить "
        "реформу здравоохранения."
    )
    assert _speakers(text, {"Сенате": "ORG"}) == ["Республиканцы"]


def test_a_plural_source_after_a_headline_dash_stays_plural() -> None:
    text = "**В результате атак на Николаев погибли два человека — власти**\n\nТекст новости."
    assert _speakers(text) == ["власти"]

"""Russian constructions met in fresh real Telegram news posts, on sentences we wrote: what ends
a speaker phrase (a weekday, a date, «не», «свою», the one spoken with), women's names after a
feminine verb, a subject shared across a «который» clause, sources after a final dash, quoted
words that are names, and the body an unnamed «пресс-служба холдинга» means."""

from __future__ import annotations

from tests.actors._russian_quotes import brief as _brief
from tests.actors._russian_quotes import quotes_with_names as _quotes


def _speakers(text: str, names: dict[str, str] | None = None) -> list[str]:
    return [q.speaker for q in _quotes(text, names)]


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


def test_she_after_a_lone_feminine_surname_keeps_its_feminine_form() -> None:
    text = (
        "Депутат Госдумы Журова удивилась влиянию курса доллара. «Будет странно, если это "
        "отразится на ценах», заявила она."
    )
    assert _speakers(text, {"Госдумы": "ORG", "Журова": "PER"}) == ["Журова"]


def test_the_paper_sources_told_is_no_part_of_the_sources() -> None:
    text = "Программа развивается. Как рассказали газете источники, ей не хватает денег."
    assert _speakers(text) == ["источники"]


def test_the_article_before_a_latin_outlet_name() -> None:
    text = "Чиновники предложили вернуть Киеву оружие, сообщила газета The New York Times."
    assert _speakers(text, {"Киеву": "LOC", "New York Times": "ORG"}) == ["New York Times"]


def test_a_few_quoted_words_inside_a_reported_clause() -> None:
    text = (
        'Палач Шалом Нагар, казнивший Адольфа Эйхмана – "архитектора Холокоста", умер в '
        "возрасте 86 лет, сообщает Jerusalem Post."
    )
    names = {"Шалом Нагар": "PER", "Адольфа Эйхмана": "PER", "Jerusalem Post": "ORG"}
    found = _brief(_quotes(text, names))
    assert len(found) == 1 and found[0][1].startswith("Палач Шалом Нагар")


def test_a_noun_after_a_preposition_is_no_antecedent() -> None:
    text = (
        "Сотрудники ФСБ пришли в рабочий кабинет экс-губернатора Василия Голубева. Сегодня днём "
        "он заявил, что уходит в отставку."
    )
    assert _speakers(text, {"ФСБ": "ORG", "Василия Голубева": "PER"}) == ["Василий Голубев"]


def test_the_press_secretary_of_a_man_named_before_speaks_for_him() -> None:
    text = (
        "Сотрудники ФСБ пришли в кабинет Василия Голубева. Он заявил, что уходит в отставку. "
        "Пресс-секретарь Голубева тем временем заявила, что обысков не было."
    )
    names = {"ФСБ": "ORG", "Василия Голубева": "PER", "Голубева": "PER"}
    assert _speakers(text, names)[-1] == "Пресс-секретарь Голубева"


def test_a_press_secretary_with_her_own_surname_is_herself() -> None:
    text = "Пресс-секретарь Иванова заявила, что обысков не было."
    assert _speakers(text, {"Иванова": "PER"}) == ["Иванова"]


def test_their_words_after_the_sources_an_agency_cites() -> None:
    text = (
        "**Путин готов обсуждать прекращение огня** — Reuters со ссылкой на источники\n\n"
        "По их словам, Россия не потерпит вступления Украины в НАТО."
    )
    assert _speakers(text, {"Путин": "PER", "Reuters": "ORG"})[-1] == "источники"


def test_an_ombudsman_after_a_headline_dash_and_his_words_after() -> None:
    text = (
        "**К 2051 году население Украины сократится до 25,2 миллиона человек** — уполномоченный "
        "Верховной Рады по правам человека\n\nПо его словам, в 2022 году их было 42 миллиона."
    )
    names = {"Украины": "LOC", "Верховной Рады": "ORG"}
    assert _speakers(text, names) == ["уполномоченный Верховной Рады"] * 2


def test_a_name_after_named_after_is_the_institutions() -> None:
    text = "Кот поправляется. Как рассказали нам медики ветцентра имени Карпенко, он уже ест."
    assert _speakers(text, {"Карпенко": "PER"}) == ["медики ветцентра имени Карпенко"]


def test_whom_an_outlet_cites_before_its_cue_and_a_latin_name_ner_missed() -> None:
    text = (
        "Такеши Ивайя прибыл в Украину, со ссылкой на МИД Японии [сообщает ](https://ex.com/x)"
        "Kyodo. Визит призван продемонстрировать поддержку, пишет агентство."
    )
    names = {"Такеши Ивайя": "PER", "МИД Японии": "ORG", "Украину": "LOC"}
    assert _speakers(text, names) == ["Kyodo", "Kyodo"]


def test_an_outlet_that_learnt_something_is_no_speaker() -> None:
    assert _quotes("Как стало известно SHOT, клуб закрыли после проверки.") == []


def test_a_woman_named_by_a_surname_after_her_title() -> None:
    text = (
        "Мошенники пишут жертвам в мессенджеры, сообщила РИА Новости куратор платформы "
        '"Мошеловка" Храпунова.'
    )
    names = {"РИА Новости": "ORG", "Храпунова": "PER"}
    assert _speakers(text, names) == ["Храпунова"]


def test_a_surname_ner_missed_ending_a_title_phrase() -> None:
    text = "Их число соответствует фону эпидсезона, заявила главный инфекционист столицы Мазанкова."
    assert _speakers(text) == ["Мазанкова"]


def test_words_reported_with_that_before_an_outlets_cue_are_the_persons() -> None:
    text = (
        'Директор Эрмитажа Михаил Пиотровский сообщил, что "готовится к смене караула", пишет '
        "Интерфакс."
    )
    names = {"Эрмитажа": "ORG", "Михаил Пиотровский": "PER", "Интерфакс": "ORG"}
    assert ("Михаил Пиотровский", "готовится к смене караула") in _brief(_quotes(text, names))


def test_a_representative_of_a_body_is_nobody_named_before() -> None:
    text = (
        "Неясно, сохранит ли Дональд Трамп эту политику, отмечает CNN.\n\nПо словам "
        "представителя Пентагона, которого цитирует телекомпания, подрядчики будут далеко от "
        "линии фронта."
    )
    names = {"Дональд Трамп": "PER", "CNN": "ORG", "Пентагона": "ORG"}
    assert _speakers(text, names)[-1] == "представитель Пентагона"


def test_he_after_a_long_quotation_is_the_source_named_before_it() -> None:
    text = (
        "**В Славянске закрывают все школы**, — мэр города Лях.\n\nТакое решение принято из-за "
        "обстрелов.\n\n«Запрещены все виды офлайновой деятельности. Школы закрыты. Это "
        "вынужденная мера», — заявил он."
    )
    assert _speakers(text, {"Славянске": "LOC"}) == ["мэр города Лях"] * 2


def test_an_aside_in_brackets_after_the_outlet_is_no_part_of_it() -> None:
    text = (
        "Суд заключил в СИЗО 48-летнего Андрея Котова, обвиняемого в организации сообщества, "
        "сообщает «Медиазона» (в реестре «иноагентов»)."
    )
    names = {"СИЗО": "ORG", "Андрея Котова": "PER", "Медиазона": "ORG"}
    assert _speakers(text, names) == ["Медиазона"]


def test_a_telegram_channel_is_where_not_who() -> None:
    text = (
        "Десять военнослужащих покинули часть, сообщил в своем телеграм-канале глава "
        "Коченевского района Новосибирской области Евгений Антипов."
    )
    assert _speakers(text, {"Евгений Антипов": "PER"}) == ["Евгений Антипов"]


def test_a_person_noun_ner_took_for_a_name_is_nobody_a_title_describes() -> None:
    text = (
        "Учительница говорит, что девочка устала и не хотела идти на уроки. Директор учебного "
        "заведения сообщила, что школа предложила семье помощь психолога."
    )
    names = {"Учительница": "PER"}
    assert _speakers(text, names)[-1] == "Директор учебного заведения"


def test_he_after_a_title_and_a_surname_ner_took_for_a_place() -> None:
    text = (
        "**Бывший генсек НАТО Столтенберг допустил уступки Украины.**   После Украине "
        'потребуются "гарантии безопасности", заявил он в интервью Table.Media.'
    )
    names = {"НАТО": "ORG", "Столтенберг": "LOC", "Украины": "LOC", "Table.Media": "ORG"}
    assert _speakers(text, names) == ["Столтенберг"]


def test_her_words_after_a_womans_full_name_keep_her_form() -> None:
    text = (
        "«Разрабатываю законопроект о запрете пропаганды», — заявила председатель комиссии "
        "Яна Лантратова.  По её словам, ребёнок — это не преступник."
    )
    assert _speakers(text, {"Яна Лантратова": "PER"}) == ["Яна Лантратова"] * 2


def test_card_holders_after_the_agency_that_listened() -> None:
    text = "Банкоматы задерживают карты, рассказали РИА Новости держатели этих карт."
    assert _speakers(text, {"РИА Новости": "ORG"}) == ["держатели этих карт"]


def test_a_long_subject_of_a_body_with_its_adjective() -> None:
    text = (
        "Государственная служба по чрезвычайным ситуациям Украины в Одесской области, несмотря "
        "на повреждения, объявила о восьми пострадавших."
    )
    names = {"Украины": "LOC", "Одесской области": "LOC"}
    assert _speakers(text, names) == [
        "Государственная служба по чрезвычайным ситуациям Украины в Одесской области"
    ]


def test_a_person_noun_the_lists_lack_before_a_body_in_the_genitive() -> None:
    text = (
        "В Минздраве заявили, что 60-летние не считаются пожилыми. Главный гериатр министерства "
        "пояснила, что классификация будет изменена."
    )
    assert _speakers(text, {"Минздраве": "ORG"})[-1] == "Главный гериатр министерства"


def test_a_circumstance_after_the_speaker_is_no_part_of_it() -> None:
    text = "Нужно надеяться только на Бога, заявил мэр Нижнекамска из-за нехватки уборщиков."
    assert _speakers(text, {"Нижнекамска": "LOC"}) == ["мэр Нижнекамска"]


def test_a_correspondent_of_an_agency_speaks_not_the_agency() -> None:
    text = "Корреспондент агентства Reuters пишет в сети X, что источник сообщил ему подробности."
    assert _speakers(text, {"Reuters": "ORG"}) == ["Корреспондент агентства Reuters"]


def test_a_hyphenated_foreign_surname_keeps_its_capitals() -> None:
    text = "Член комитета Маис эль-Криди опровергла сообщения о перевороте в Дамаске."
    assert _speakers(text, {"Маис эль-Криди": "PER", "Дамаске": "LOC"}) == ["Маис эль-Криди"]


def test_an_agencys_interlocutor_stays_unnamed() -> None:
    text = (
        "Министр Панос Камменос сообщил, что переговоры прошли успешно. Агентство Bloomberg "
        "сообщило, что власти Греции не будут препятствовать санкциям. Собеседник агентства "
        "отметил, что договориться с Афинами удалось еще в марте."
    )
    names = {"Панос Камменос": "PER", "Bloomberg": "ORG", "Греции": "LOC", "Афинами": "LOC"}
    assert _speakers(text, names)[-1] == "Собеседник агентства"

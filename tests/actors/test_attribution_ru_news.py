"""Russian news constructions met in real Telegram news posts, on sentences we wrote: a source
before a colon or after a final dash, «Об этом сообщили …», «сообщают о …», a medium that
listens, outlets named by «издание X», title phrases, bullet lists after a colon, markdown."""

from __future__ import annotations

import pytest
from tests.actors._russian_quotes import brief as _brief
from tests.actors._russian_quotes import quotes_with_names as _quotes
from tests.conftest import make_article

from narrascope.actors import ActorExtractor
from narrascope.actors.quotes import QuoteExtractor
from narrascope.records import Quote
from narrascope.text import segment


def _quotes_with_models(text: str) -> list[Quote]:
    """Quotes of ``text`` as the pipeline finds them: natasha NER, the registry and syntax."""
    article = make_article(text, language="ru")
    sentences = segment(article.id, text, "ru")
    mentions = ActorExtractor().extract(article, sentences)
    return QuoteExtractor().extract(article, sentences, mentions)


def test_a_name_before_a_colon_opens_reported_speech() -> None:
    found = _quotes("⚡️Песков: США каждый раз делают все более безрассудные шаги.")
    assert _brief(found) == [("peskov", "США каждый раз делают все более безрассудные шаги")]


def test_a_foreign_outlet_before_a_colon_that_ner_missed() -> None:
    found = _quotes("Semafor: Ким Чен Ын хочет наладить производство дронов\n\nТекст.")
    assert _brief(found) == [("Semafor", "Ким Чен Ын хочет наладить производство дронов")]


def test_a_label_before_a_colon_is_not_a_speaker() -> None:
    assert _quotes("UPD: один человек погиб при пожаре в театре.", {"UPD": "ORG"}) == []


@pytest.mark.parametrize(
    ("text", "names", "speaker", "content"),
    [
        (
            "Взрывы прогремели в центре Киева, — украинские СМИ.",
            None,
            "украинские СМИ",
            "Взрывы прогремели в центре Киева",
        ),
        (
            "Турецкие банки перестали обслуживать карты UnionPay — ТАСС",
            {"ТАСС": "ORG"},
            "ТАСС",
            "Турецкие банки перестали обслуживать карты UnionPay",
        ),
        (
            "Военные Израиля будут оставаться в Газе несколько лет, — The Guardian со ссылкой "
            "на министра.",
            {"The Guardian": "ORG"},
            "The Guardian",
            "Военные Израиля будут оставаться в Газе несколько лет",
        ),
    ],
)
def test_a_source_after_a_final_dash(
    text: str, names: dict[str, str] | None, speaker: str, content: str
) -> None:
    assert _brief(_quotes(text, names)) == [(speaker, content)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Рабаданов — известный в Дагестане блогер и активист.", {"Рабаданов": "PER"}),
        (
            "Бои идут в районе сёл Погребки — Ольговка — Новоивановка.",
            {"Ольговка": "LOC", "Новоивановка": "LOC"},
        ),
        ("Сделку одобрили акционеры компании — Путин подписал указ.", None),
        (
            "Спецслужбы проверяют причастность жителей Турции - Ильяс и Адам Белхароевы.",
            {"Ильяс": "PER"},
        ),
    ],
)
def test_a_dash_in_a_sentence_is_not_always_a_source(
    text: str, names: dict[str, str] | None
) -> None:
    assert _quotes(text, names) == []


def test_about_this_gives_the_previous_sentence() -> None:
    text = (
        "Замглавы администрации задержан по подозрению во взятке. Об этом сообщили в "
        "пресс-службе ГСУ СК."
    )
    assert _brief(_quotes(text, {"ГСУ СК": "ORG"})) == [
        ("ГСУ СК", "Замглавы администрации задержан по подозрению во взятке")
    ]


def test_about_this_names_the_speaker_of_the_previous_clause() -> None:
    text = "Он напомнил, что Россия выступает за урегулирование. Об этом заявил Сергей Лавров."
    assert _brief(_quotes(text)) == [("lavrov", "Россия выступает за урегулирование")]


def test_an_agency_attribution_around_an_opinion_counts_too() -> None:
    text = "Лидер оппозиции считает, что президент может спровоцировать конфликт, сообщил Ренхап."
    assert _brief(_quotes(text, {"Ренхап": "ORG"})) == [
        ("Ренхап", "Лидер оппозиции считает, что президент может спровоцировать конфликт"),
        ("Лидер оппозиции", "президент может спровоцировать конфликт"),
    ]


def test_speech_verb_with_o_gives_its_object_as_content() -> None:
    found = _quotes("Местные СМИ сообщают о появлении военной техники на улицах Сеула.")
    assert _brief(found) == [("Местные СМИ", "о появлении военной техники на улицах Сеула")]


def test_a_temporal_kak_is_not_a_comparison() -> None:
    text = "Протесты начались после того, как премьер Кобахидзе заявил об отказе от переговоров."
    found = _quotes(text, {"Кобахидзе": "PER"})
    assert _brief(found) == [("Кобахидзе", "об отказе от переговоров")]


def test_a_dative_noun_after_a_pronoun_is_the_listener() -> None:
    text = "Лавров встретился с коллегой. «Мы обсудили Афганистан», — сказал он журналистам."
    assert [q.speaker for q in _quotes(text)] == ["lavrov"]


def test_a_medium_right_after_the_verb_listens() -> None:
    text = "Пиротехники обезвредили 300 боеприпасов, сообщили РИА Новости в пресс-службе ведомства."
    found = _quotes(text, {"РИА Новости": "ORG"})
    assert [q.speaker for q in found] == ["пресс-служба ведомства"]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (
            "Суд отправил блогера в СИЗО, сообщает дагестанское издание «Черновик».",
            {"Черновик": "ORG"},
            "Черновик",
        ),
        (
            "Суд отправил блогера в СИЗО, [сообщает](https://t.me/x/1) издание «Черновик».",
            {"Черновик": "ORG"},
            "Черновик",
        ),
        (
            "Фирмы продают туры в зону боёв, сообщило швейцарское агентство Keystone-SDA.",
            {"Keystone-SDA": "ORG"},
            "Keystone-SDA",
        ),
    ],
)
def test_an_outlet_noun_before_a_name_is_the_outlet(
    text: str, names: dict[str, str], speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


def test_markdown_marks_do_not_hide_speech_and_offsets_hold() -> None:
    text = "**Суд арестовал блогера**, [сообщает](https://t.me/x/1) издание «Черновик»."
    (quote,) = _quotes(text, {"Черновик": "ORG"})
    assert text[quote.char_start : quote.char_end] == quote.text == "Суд арестовал блогера"


def test_a_title_phrase_after_a_named_speaker_is_that_person() -> None:
    text = (
        "Путин и Трамп могут пообщаться до инаугурации, заявил Песков. Представитель Кремля "
        "также отметил, что встреча невозможна без подготовки."
    )
    assert [q.speaker for q in _quotes(text)] == ["peskov", "peskov"]


def test_a_bare_outlet_noun_is_the_last_outlet_quoted() -> None:
    text = (
        "США сняли возражения против ударов, пишет The Times. Издание указывает, что позиция "
        "Лондона поменялась."
    )
    assert [q.speaker for q in _quotes(text, {"The Times": "ORG"})] == ["The Times", "The Times"]


def test_bullets_after_a_colon_of_statements() -> None:
    text = (
        "Медведев заявил, что переговоры пока невозможны.\n\n"
        "Главные заявления замглавы Совбеза:\n\n"
        "— Удары по территории России не останутся без последствий.\n\n"
        "— Конфликт может быть прекращён.\n\n"
        "Подписаться на канал"
    )
    assert _brief(_quotes(text)) == [
        ("medvedev", "переговоры пока невозможны"),
        ("medvedev", "Удары по территории России не останутся без последствий"),
        ("medvedev", "Конфликт может быть прекращён"),
    ]


def test_the_paragraph_after_a_cue_and_colon_continues_the_speech() -> None:
    text = (
        "Если память телефона заполнена, у вас проблемы, заявляют эксперты:\n\n"
        "Это вызывает сильный стресс и беспокойство."
    )
    assert _brief(_quotes(text)) == [
        ("эксперты", "Если память телефона заполнена, у вас проблемы"),
        ("эксперты", "Это вызывает сильный стресс и беспокойство"),
    ]


def test_a_closed_headline_quote_leaves_the_next_sentence_its_own() -> None:
    text = "«Сумасшедших в руководстве нет».** Медведев заявил, что ядерное оружие — крайняя мера."
    assert _brief(_quotes(text)) == [
        ("medvedev", "Сумасшедших в руководстве нет"),
        ("medvedev", "ядерное оружие — крайняя мера"),
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Защита Трампа настаивает, что приговор надо отменить.", {"Трампа": "PER"}),
        ("Стармер отказывался сообщить, будет ли он просить разрешения.", {"Стармер": "PER"}),
    ],
)
def test_no_speaker_from_an_inflected_name_or_an_infinitive(
    text: str, names: dict[str, str]
) -> None:
    assert _quotes(text, names) == []


def test_kak_interjected_mid_sentence_keeps_the_clause_after_it() -> None:
    text = "С начала августа, как уточнили в МЧС, в регионе обезвредили 1480 предметов."
    (quote,) = _quotes(text, {"МЧС": "ORG"})
    assert quote.speaker == "МЧС"
    assert "в регионе обезвредили 1480 предметов" in quote.text


def test_a_promise_with_an_infinitive() -> None:
    text = "Инвестор Стивен Линч обещает вложить 700 млн долларов в покупку трубы."
    found = _quotes(text, {"Стивен Линч": "PER"})
    assert _brief(found) == [("Стивен Линч", "вложить 700 млн долларов в покупку трубы")]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        ("Со слов родителей, охранники не пускают детей на уроки.", None, "родители"),
        ("По версии следствия, у него нашли пистолет.", None, "следствие"),
        (
            "Агентство Keystone-SDA изучило рынок. По его информации, дюжина фирм продаёт туры.",
            {"Keystone-SDA": "ORG"},
            "Keystone-SDA",
        ),
    ],
)
def test_more_according_to_forms(text: str, names: dict[str, str] | None, speaker: str) -> None:
    assert [q.speaker for q in _quotes(text, names)][-1:] == [speaker]


# -- constructions met in the tune2 posts (issue 15, second round) ----------------------------
@pytest.mark.parametrize(
    ("text", "names", "speaker", "content"),
    [
        (  # «говорится в исследовании X»: the document's author
            "Доходы регионов выросли на 5,5%, говорится в исследовании Эксперт РА.",
            {"Эксперт РА": "ORG"},
            "Эксперт РА",
            "Доходы регионов выросли на 5,5%",
        ),
        (  # an unnamed body: the organisation named before it
            "Банк Восток отчитался за квартал. Выручка выросла на 7% за год, сообщили в "
            "пресс-службе банка.",
            {"Банк Восток": "ORG"},
            "Банк Восток",
            "Выручка выросла на 7% за год",
        ),
        (  # «дополнили» (a new cue) + «пресс-служба министерства»
            "Роскомнадзор предлагает блокировать спам-звонки. Как дополнили в пресс-службе "
            "ведомства, абонент сможет отказаться от вызовов.",
            {"Роскомнадзор": "ORG"},
            "Роскомнадзор",
            "абонент сможет отказаться от вызовов",
        ),
        (  # «по словам» + a noun in the genitive
            "По словам близких, актёр не болел и его смерть стала неожиданностью.",
            None,
            "близкие",
            "актёр не болел и его смерть стала неожиданностью",
        ),
        (  # «по оценке X»
            "По оценке аналитиков, индекс может вырасти на 30% за год.",
            None,
            "аналитики",
            "индекс может вырасти на 30% за год",
        ),
        (  # the antecedent of a relative subject, not the party named inside the clause
            "Полиция разогнала демонстрантов, которые протестуют против партии Мечта и "
            "считают, что правительство ведёт пророссийскую политику.",
            {"Мечта": "ORG"},
            "демонстранты",
            "правительство ведёт пророссийскую политику",
        ),
        (
            "Об этом рассказал Иван Петров, который ранее заявил, что цены вырастут.",
            {"Иван Петров": "PER"},
            "Иван Петров",
            "цены вырастут",
        ),
        (  # a surname NER missed, named in full elsewhere in the post
            "**Шойгу заявил о планах исключить движение из списка**\n\nСекретарь Совбеза "
            "Сергей Шойгу встретился с делегацией.",
            {"Сергей Шойгу": "PER"},
            "Сергей Шойгу",
            "о планах исключить движение из списка",
        ),
        (  # a speaker in bold before a colon, the quotation in the next paragraph
            "⚡️**Иван Петров:**\n\n__«Все должны работать одинаково. Нет сирены — работаем».__",
            {"Иван Петров": "PER"},
            "Иван Петров",
            "Все должны работать одинаково. Нет сирены — работаем",
        ),
        (  # a clause right after «говорят,» (no «что»)
            "Очевидцы говорят, полиция ищет наркотики у посетителей.",
            None,
            "Очевидцы",
            "полиция ищет наркотики у посетителей",
        ),
        (  # new speaker nouns: таможня
            "Как поясняет финская таможня, это были 100 капсул по 10 граммов.",
            None,
            "финская таможня",
            "это были 100 капсул по 10 граммов",
        ),
        (  # «Который …» opening a sentence: the person named just before
            "Причина — Иван Петров. Который после матча заявил, что не ставит цель забивать.",
            {"Иван Петров": "PER"},
            "Иван Петров",
            "не ставит цель забивать",
        ),
        (  # «пришли к выводу, что»
            "Нейропсихологи пришли к выводу, что память телефона говорит о стрессе.",
            None,
            "Нейропсихологи",
            "память телефона говорит о стрессе",
        ),
        (  # «сделали вывод, что»
            "Экономисты банка сделали вывод, что рынок недооценён.",
            None,
            "Экономисты банка",
            "рынок недооценён",
        ),
        (  # an outlet after «вещатель» that NER missed, in lower case
            "Поставки алюминия выросли вдвое, сообщил общественный вещатель yle.",
            None,
            "yle",
            "Поставки алюминия выросли вдвое",
        ),
    ],
)
def test_tune2_constructions(
    text: str, names: dict[str, str] | None, speaker: str, content: str
) -> None:
    assert _brief(_quotes(text, names)) == [(speaker, content)]


def test_a_document_without_a_named_author_names_the_body_after_it() -> None:
    found = _quotes(
        "Самолёт вернулся в аэропорт вылета, говорится в сообщении авиакомпании «Азимут»."
    )
    assert [q.text for q in found] == ["Самолёт вернулся в аэропорт вылета"]
    assert found[0].speaker == "Азимут"  # a body noun before a quoted name is that name


def test_a_bare_document_is_the_outlet_quoted_before() -> None:
    text = (
        "Испытание ракеты стало предупреждением Западу, пишет газета Вечерний Курьер.\n\n"
        "Удар показал готовность ответить, говорится в материале."
    )
    found = _quotes(text, {"Вечерний Курьер": "ORG"})
    assert [q.speaker for q in found] == ["Вечерний Курьер", "Вечерний Курьер"]


def test_two_persons_joined_by_and_both_speak() -> None:
    text = "Эмманюэль Макрон и премьер Британии Кир Стармер заявили о решимости помогать Украине."
    found = _quotes(text, {"Эмманюэль Макрон": "PER", "Кир Стармер": "PER"})
    assert sorted(q.speaker for q in found) == ["Кир Стармер", "Эмманюэль Макрон"]
    assert {q.text for q in found} == {"о решимости помогать Украине"}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # a verdict, not speech
            "Суд признал Ивана Петрова виновным в том, что он скрыл доходы от налоговой.",
            {"Ивана Петрова": "PER"},
        ),
        (  # the full adjective is no cue (only «убеждён, что» is)
            "Он известен как давний и убежденный сторонник реформ Ивана Петрова.",
            {"Ивана Петрова": "PER"},
        ),
        (  # a gerund phrase after the comma is no content
            "Иван Петров сказал, отвечая на вопрос журналистов о ценах.",
            {"Иван Петров": "PER"},
        ),
    ],
)
def test_no_quote_in(text: str, names: dict[str, str]) -> None:
    assert _quotes(text, names) == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Аналитики уверены, что рынок восстановится к лету.", "Аналитики", "рынок восстановится"),
        ("Эксперты уверены: рынок восстановится к лету.", "Эксперты", "рынок восстановится"),
        ("Врачи убеждены, что эпидемия пошла на спад.", "Врачи", "эпидемия пошла на спад"),
        ("Министр сетует, что бюджет снова урезали.", "Министр", "бюджет снова урезали"),
        ("Депутат пригрозил, что подаст в суд на компанию.", "Депутат", "подаст в суд"),
        ("Адвокат отрицает, что его клиент был на месте.", "Адвокат", "клиент был на месте"),
        ("Синоптики спрогнозировали, что зима будет тёплой.", "Синоптики", "зима будет тёплой"),
    ],
)
def test_more_speech_verbs_and_short_forms(text: str, speaker: str, content: str) -> None:
    """«уверены / уверена» are read by pymorphy3 as participles of «уверить»: still speech."""
    found = _brief(_quotes(text))
    assert len(found) == 1, found
    assert found[0][0] == speaker
    assert content in found[0][1]


def test_a_document_that_provides_for_something_does_not_speak() -> None:
    text = "Законопроект предполагает, что суд может отложить развод на три месяца."
    assert _quotes(text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Захарова о заявлении Байдена: это очередная провокация.", "zakharova", "провокация"),
        ("Захарова о заявлении Байдена: «Это провокация».", "zakharova", "Это провокация"),
        ("Лавров об ударах по Донецку: Запад закрывает на это глаза.", "lavrov", "Запад"),
        ("Путин — о переговорах: «Мы никогда не отказывались».", "putin", "Мы никогда"),
    ],
)
def test_a_topic_after_the_name_before_a_colon_is_not_the_speaker(
    text: str, speaker: str, content: str
) -> None:
    found = _brief(_quotes(text))
    assert len(found) == 1, found
    assert found[0][0] == speaker
    assert content in found[0][1]


def test_a_speaker_noun_before_a_colon() -> None:
    found = _brief(_quotes("Источник: в правительстве обсуждают повышение налогов."))
    assert found == [("Источник", "в правительстве обсуждают повышение налогов")]
    assert _quotes("Происшествия: в Москве горит склад у вокзала.") == []


def test_an_unlisted_animate_noun_speaks_and_the_medium_listens() -> None:
    text = "Башкирские кондитеры рассказали РИА Новости, что изготовили карту из баурсака."
    found = _brief(_quotes(text, {"РИА Новости": "ORG"}))
    assert found == [("Башкирские кондитеры", "изготовили карту из баурсака")]


def test_an_animate_noun_before_a_name_is_the_named_body() -> None:
    text = "Крупнейший производитель полимеров СИБУР сообщил, что выручка выросла на 7%."
    found = _brief(_quotes(text, {"СИБУР": "ORG"}))
    assert found == [("СИБУР", "выручка выросла на 7%")]


def test_a_surname_ner_missed_after_a_listening_medium() -> None:
    text = "Посёлок «переходит под контроль нашей армии», сообщил РИА Новости Рогов."
    found = _brief(_quotes(text, {"РИА Новости": "ORG"}))
    assert found == [("Рогов", "Посёлок «переходит под контроль нашей армии»")]


def test_a_pronoun_skips_a_genitive_read_as_a_feminine_nominative() -> None:
    text = (
        "Запад должен серьёзно отнестись к заявлению Владимира Путина, заявил премьер "
        "Венгрии Орбан. Он отметил, что это не пустые слова."
    )
    found = _quotes(text, {"Владимира Путина": "PER", "Орбан": "PER"})
    assert [q.speaker for q in found] == ["Орбан", "Орбан"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Министр финансов Антон Силуанов выступил на форуме в Москве. "
            "Министр отметил, что капитал перетекает свободно.",
            "Антон Силуанов",
        ),
        (
            "Инициативу в ЦБ отправил замглавы фракции Александр Дёмин. "
            "Депутат отмечает, что заёмщиков стало больше.",
            "Александр Дёмин",
        ),
    ],
)
def test_a_bare_title_noun_is_the_person_it_introduced(text: str, name: str) -> None:
    found = _quotes(text, {name: "PER"})
    assert [q.speaker for q in found] == [name]


def test_an_outlet_noun_about_this_keeps_the_outlet_after_the_dash() -> None:
    text = "**КНДР может направить в Россию войска** — Bloomberg\n\nОб этом издание сообщает."
    found = _brief(_quotes(text, {"Bloomberg": "ORG"}))
    assert found == [("Bloomberg", "КНДР может направить в Россию войска")]


def test_a_fact_that_speaks_of_something_is_no_speech() -> None:
    text = "Позиции США по Украине и Газе разнятся, что говорит о «лицемерии» Вашингтона."
    assert _quotes(text, {"США": "LOC", "Вашингтона": "LOC"}) == []


def test_a_document_of_a_lower_case_body_is_that_body() -> None:
    text = "«Офицер строил дома силами солдат», говорится в сообщении генпрокуратуры."
    assert _brief(_quotes(text)) == [("генпрокуратура", "Офицер строил дома силами солдат")]


def test_an_interjected_cue_gives_the_whole_sentence() -> None:
    text = "В целом, говорят сексологи, в 2024 году к специалистам чаще приходили пары."
    assert _brief(_quotes(text)) == [("сексологи", text.rstrip("."))]


def test_a_question_reported_with_li() -> None:
    found = _brief(_quotes("Захарова поинтересовалась, введет ли Запад санкции против Кореи."))
    assert found == [("zakharova", "введет ли Запад санкции против Кореи")]


@pytest.mark.parametrize(
    ("text", "names", "speaker", "content"),
    [
        (
            "Министр Антон Силуанов назвал хранение сбережений в долларах личным делом.",
            {"Антон Силуанов": "PER"},
            "Антон Силуанов",
            "хранение сбережений в долларах личным делом",
        ),
        (
            "Главным приоритетом страны Ираклий Кобахидзе назвал перезагрузку отношений с США.",
            {"Ираклий Кобахидзе": "PER", "США": "LOC"},
            "Ираклий Кобахидзе",
            "Главным приоритетом страны Ираклий Кобахидзе назвал перезагрузку",
        ),
    ],
)
def test_naming_x_y_is_a_claim(
    text: str, names: dict[str, str], speaker: str, content: str
) -> None:
    found = _brief(_quotes(text, names))
    assert len(found) == 1, found
    assert found[0][0] == speaker
    assert found[0][1].startswith(content)


@pytest.mark.parametrize(
    "text",
    [
        "Родители назвали сына Иваном в честь деда.",
        "Врачи назвали причину смерти артиста.",
        "Радио Свобода объявлена иноагентом в прошлом году.",
    ],
)
def test_naming_and_passive_forms_that_are_no_claim(text: str) -> None:
    assert _quotes(text) == []


def test_bullets_after_a_bare_name_and_colon() -> None:
    text = "⚡️**Путин:**\n\n— РФ продолжит испытания новых ракет;\n\n— Таких систем ни у кого нет."
    found = _brief(_quotes(text))
    assert found == [
        ("putin", "РФ продолжит испытания новых ракет"),
        ("putin", "Таких систем ни у кого нет"),
    ]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Два петербуржца разобрали трубы. Они рассказали, что им было всё равно.", "петербуржец"),
        ("Сын пенсионерки обратился в полицию. Он сообщил, что не может попасть домой.", "Сын"),
    ],
)
def test_a_pronoun_without_a_named_antecedent_is_the_person_noun_before(
    text: str, speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text)] == [speaker]


def test_an_acronym_keeps_its_form() -> None:
    found = _quotes("ЦАХАЛ заявил, что операция продолжится.", {"ЦАХАЛ": "ORG"})
    assert [q.speaker for q in found] == ["ЦАХАЛ"]


def test_a_body_noun_before_a_colon_is_the_body_not_the_country() -> None:
    text = "Минобороны России: ПВО за ночь перехватила 22 беспилотника над регионами."
    found = _quotes(text, {"России": "LOC"})
    assert _brief(found) == [
        ("Минобороны России", "ПВО за ночь перехватила 22 беспилотника над регионами")
    ]


def test_considering_x_y_is_a_claim() -> None:
    found = _brief(_quotes("Эксперты считают решение регулятора ошибочным."))
    assert found == [("Эксперты", "решение регулятора ошибочным")]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (  # one word NER took for a place, after ", —": the source
            "Нет движения от станции «Медведково» до «Бабушкинской», — Дептранс.",
            {"Дептранс": "LOC"},
            "Дептранс",
        ),
        (  # a long title before the name
            'На дорогах будет скользко, — ведущий специалист центра погоды "Фобос" Михаил Леус.',
            {"Михаил Леус": "PER"},
            "Михаил Леус",
        ),
    ],
)
def test_more_sources_after_a_final_dash(text: str, names: dict[str, str], speaker: str) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Взрывы слышны у сёл Погребки — Ольговка.", {"Ольговка": "LOC"}),
        ("На улицах перекрыто движение, — Москва.", {"Москва": "LOC"}),
        (
            "Onion купил на аукционе Infowars — проект сторонника теорий заговора Алекса Джонса.",
            {"Алекса Джонса": "PER"},
        ),
    ],
)
def test_no_source_after_a_dash_in(text: str, names: dict[str, str]) -> None:
    assert _quotes(text, names) == []


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (  # «по мнению X»: an opinion the post attributes
            "По мнению Волошина, наступление может начаться в любой день.",
            {"Волошина": "PER"},
            "Волошин",
        ),
        (  # a possessive pronoun resolves to the person before it
            "Еврокомиссар Анна Петрова выступила в Брюсселе. По ее мнению, угроза растет.",
            {"Анна Петрова": "PER"},
            "Анна Петрова",
        ),
        (  # a surname that pymorphy3 reads as a common noun («маска») is the person named
            "Маск обвинил Виндмана. По мнению Маска, тот должен оказаться за решёткой.",
            {"Маск": "PER", "Маска": "PER", "Виндмана": "PER"},
            "Маск",
        ),
    ],
)
def test_an_opinion_after_po_mneniyu(text: str, names: dict[str, str], speaker: str) -> None:
    found = [q for q in _quotes(text, names) if q.cue.lower().startswith("по")]
    assert [q.speaker for q in found] == [speaker]


def test_a_call_with_an_infinitive_after_its_object() -> None:
    found = _quotes(
        "Посольство призывает россиян воздержаться от поездок в регион.", {"Посольство": "ORG"}
    )
    assert _brief(found) == [("Посольство", "россиян воздержаться от поездок в регион")]


def test_a_proposal_is_not_an_attribution() -> None:
    assert _quotes("В Госдуме предложили ввести тесты для мигрантов.", {"Госдуме": "ORG"}) == []


def test_a_headline_title_noun_is_the_person_the_body_introduces() -> None:
    text = (
        "Россия атакует энергообъекты по всей Украине — министр\n\n"
        "Атака продолжается всю ночь, сообщил министр энергетики Герман Галущенко."
    )
    found = _quotes(text, {"Герман Галущенко": "PER"})
    assert [q.speaker for q in found] == ["Герман Галущенко", "Герман Галущенко"]


def test_their_words_are_the_nearer_group_not_the_outlet() -> None:
    text = (
        "На берег выбросились киты. Об этом SHOT сообщили очевидцы.\n\n"
        "По их словам, китов не было около двух месяцев."
    )
    found = _quotes(text, {"SHOT": "ORG"})
    assert _brief(found)[-1] == ("очевидцы", "китов не было около двух месяцев")


@pytest.mark.parametrize(
    ("text", "surname", "speaker"),
    [
        ("По словам губернатора Гусева, завод гражданский.", "Гусева", "Гусев"),
        ("По словам министра Голиковой, эпидемия спадает.", "Голиковой", "Голикова"),
    ],
)
def test_a_surname_after_a_title_in_the_genitive(text: str, surname: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes(text, {surname: "PER"})] == [speaker]


@pytest.mark.parametrize(
    ("text", "names", "speaker", "content"),
    [
        (
            "«Продажа билетов начнется в понедельник», — сообщили в мэрии столицы.",
            None,
            "мэрия столицы",
            "Продажа билетов начнется в понедельник",
        ),
        (
            "Глава региона Меликов подтвердил информацию об уничтожении беспилотника.",
            {"Меликов": "PER"},
            "Меликов",
            "об уничтожении беспилотника",
        ),
        (
            "Покупатели жаловались на боли в животе после десерта.",
            None,
            "Покупатели",
            "боли в животе после десерта",
        ),
    ],
)
def test_bodies_information_and_complaints(
    text: str, names: dict[str, str] | None, speaker: str, content: str
) -> None:
    assert _brief(_quotes(text, names)) == [(speaker, content)]


def test_po_soobshcheniyu_is_according_to() -> None:
    found = _quotes("По сообщению издания Corriere, в боях участвуют 30 итальянцев.")
    assert [q.text for q in found] == ["в боях участвуют 30 итальянцев"]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (  # a place after «из» is where the person is from
            "Сам наставник из Бразилии говорит, стиль России похож на южноамериканский.",
            {"Бразилии": "LOC"},
            "Сам наставник из Бразилии",
        ),
        (  # the phrase before a comma aside, not the place in it
            "Жители Салавата, Башкирия, сообщают о беспилотниках над городом.",
            {"Салавата": "LOC", "Башкирия": "LOC"},
            "Жители Салавата",
        ),
    ],
)
def test_places_that_only_locate_a_speaker(text: str, names: dict[str, str], speaker: str) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


def test_a_name_in_apposition_to_a_common_noun_phrase_speaks() -> None:
    text = "Главный европейский потребитель газа, Германия, предупреждает о трудностях с газом."
    assert [q.speaker for q in _quotes(text, {"Германия": "LOC"})] == ["Германия"]


def test_a_short_quotation_in_parentheses_is_a_term() -> None:
    text = "Об этом писал кинокритик Антон Долин (в реестре «иноагентов»)."
    assert _quotes(text, {"Антон Долин": "PER"}) == []
    said = _quotes("«Мы готовы», — сказал Лавров (глава МИД).")
    assert _brief(said) == [("lavrov", "Мы готовы")]


@pytest.mark.parametrize(
    ("text", "names", "speaker", "content"),
    [
        (
            "В Саратове горит склад. По данным 112, пострадали два человека.",
            None,
            "112",
            "пострадали два человека",
        ),
        (
            "В Анкаре произошел теракт. Со слов местных, слышны звуки стрельбы.",
            None,
            "местные",
            "слышны звуки стрельбы",
        ),
        (
            "По словам одного из врачей, число жертв может вырасти.",
            None,
            "один из врачей",
            "число жертв может вырасти",
        ),
        (
            "Reuters пишет со ссылкой на два источника. По словам одного из них, сделка сорвана.",
            {"Reuters": "ORG"},
            "источник",
            "сделка сорвана",
        ),
        (
            "Среди пострадавших — наш подписчик. С его слов, он отравился вместе с женой.",
            None,
            "наш подписчик",
            "он отравился вместе с женой",
        ),
    ],
)
def test_sources_after_po_dannym_that_are_not_noun_phrases(
    text: str, names: dict[str, str] | None, speaker: str, content: str
) -> None:
    assert _brief(_quotes(text, names))[-1] == (speaker, content)


def test_a_headline_title_phrase_is_the_person_the_lead_names() -> None:
    text = (
        "Премьер Японии заявил о желании заключить мирный договор\n\n"
        "Премьер-министр Японии Антон Петров выступил в парламенте."
    )
    found = _quotes(text, {"Японии": "LOC", "Антон Петров": "PER"})
    assert [q.speaker for q in found] == ["Антон Петров"]


def test_a_group_counted_by_a_noun_keeps_its_count() -> None:
    found = _quotes("Сотни человек пожаловались на отравление зефиром.")
    assert _brief(found) == [("Сотни человек", "отравление зефиром")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (  # the predicate before the object
            "Лавров назвал позитивными итоги саммита в Рио-де-Жанейро.",
            "позитивными итоги саммита в Рио-де-Жанейро",
        ),
        (  # the predicate far after the verb
            "Лавров назвал заявления представителей НАТО о превентивных ударах по России "
            "попыткой эскалации.",
            "заявления представителей НАТО о превентивных ударах по России попыткой эскалации",
        ),
    ],
)
def test_more_namings(text: str, content: str) -> None:
    assert _brief(_quotes(text)) == [("lavrov", content)]


def test_a_relative_object_before_a_naming() -> None:
    found = _quotes("Видео аппарата, который очевидцы назвали «кукурузником».")
    assert _brief(found) == [("очевидцы", "кукурузником")]


def test_noticing_is_not_saying() -> None:
    assert _quotes("Полицейские заметили, что водитель нетрезв.") == []
    found = _quotes("«Переговоры будут трудными», — заметил Лавров.")
    assert _brief(found) == [("lavrov", "Переговоры будут трудными")]


def test_a_complaint_after_a_comma_takes_its_object() -> None:
    found = _quotes("В Коммунарке произошла утечка газа, жители жалуются на специфичный запах.")
    assert _brief(found) == [("жители", "специфичный запах")]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("Защита настаивает на оправдании адвоката.", "Защита", "оправдании адвоката"),
        (
            "Российские банки уверены в повышении ключевой ставки.",
            "Российские банки",
            "повышении ключевой ставки",
        ),
        (
            "Круизная компания пообещала компенсацию застрявшим туристам.",
            "Круизная компания",
            "компенсацию застрявшим туристам",
        ),
    ],
)
def test_claims_with_an_object(text: str, speaker: str, content: str) -> None:
    assert _brief(_quotes(text)) == [(speaker, content)]


def test_confidence_in_oneself_is_no_claim() -> None:
    assert _quotes("Он уверен в себе.") == []


def test_an_instrumental_after_a_preposition_is_no_predicate() -> None:
    assert _quotes("Он назвал дату выборов вместе с председателем комиссии.") == []


def test_the_body_after_a_listening_medium_whatever_its_noun() -> None:
    found = _quotes(
        "«Колонна поражена», — заявили РИА Новости в пророссийском подполье.",
        {"РИА Новости": "ORG"},
    )
    assert _brief(found) == [("пророссийское подполье", "Колонна поражена")]


def test_bullets_after_a_speech_verb_frame_are_the_subjects() -> None:
    text = (
        "Минфин ответил на частые вопросы о новом налоге:\n\n"
        "• Закон касается только крупных компаний;\n\n"
        "• Малый бизнес налог не платит."
    )
    found = _quotes(text, {"Минфин": "ORG"})
    assert _brief(found) == [
        ("Минфин", "Закон касается только крупных компаний"),
        ("Минфин", "Малый бизнес налог не платит"),
    ]


def test_his_words_are_not_hers() -> None:
    text = "Щенка у Владимира Петрова купила Заводчица. По его словам, щенок был здоров."
    found = _quotes(text, {"Заводчица": "PER", "Владимира Петрова": "PER"})
    assert [q.speaker for q in found] == ["Владимир Петров"]


def test_a_body_in_the_locative_after_the_cue() -> None:
    text = "Система бронирования восстановлена, сообщили в Ростехе."
    found = _quotes(text, {"Ростехе": "ORG"})
    assert _brief(found) == [("Ростех", "Система бронирования восстановлена")]


def test_po_utverzhdeniyu_is_according_to() -> None:
    text = "По утверждению NEFT Research, экспорт угля упирается в дороги."
    found = _quotes(text, {"NEFT Research": "ORG"})
    assert _brief(found) == [("NEFT Research", "экспорт угля упирается в дороги")]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (
            "Соратники Навального заявили, что не признают выборы.",
            {"Навального": "PER"},
            "Соратники Навального",
        ),
        (
            "По словам бывших сотрудников Блиновской, она оформляла на них кредиты.",
            {"Блиновской": "PER"},
            "бывшие сотрудники Блиновской",
        ),
        (  # a title before a name is still the name
            "По словам представителя Кремля Дмитрия Пескова, переговоры возможны.",
            {"Кремля": "ORG", "Дмитрия Пескова": "PER"},
            "Дмитрий Песков",
        ),
    ],
)
def test_a_group_named_after_a_person_is_the_group(
    text: str, names: dict[str, str], speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


def test_peredal_reports_after_a_dialogue_dash_only() -> None:
    text = "— Проверка по факту пожара продолжается, — передал помощник прокурора Иван Сомов."
    found = _brief(_quotes(text, {"Иван Сомов": "PER"}))
    assert found == [("Иван Сомов", "Проверка по факту пожара продолжается")]
    handed = "Информацию о нарушениях передали в Роспотребнадзор, где начали проверку."
    assert _quotes(handed, {"Роспотребнадзор": "ORG"}) == []


def test_a_wire_dateline_is_no_quote() -> None:
    text = "Донецк, 4 июл — ДАН. Вице-премьер посетил республику с рабочей поездкой."
    assert _quotes(text, {"ДАН": "ORG"}) == []
    assert _quotes("МОСКВА, 3 июл - РИА Новости. В городе прогремел взрыв.") == []


def test_titles_before_a_name_in_the_comma_phrase_after_kak() -> None:
    text = (
        "Как считает политолог, координатор движения «Общее дело» Павел Ребров, на деле "
        "речь идет о контроле за деньгами."
    )
    found = _quotes(text, {"Павел Ребров": "PER"})
    assert _brief(found) == [("Павел Ребров", "на деле речь идет о контроле за деньгами")]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (  # a description of the one person the post names
            "Дочь телеведущей Ольги Бурмовой попала в больницу.\n\n"
            "«Меня трясёт!» — написала теледива в соцсетях.",
            {"Ольги Бурмовой": "PER"},
            "Ольга Бурмова",
        ),
        (
            "Павел Громов отвезёт обидчика сына на полигон.\n\n"
            "Как заявил журналистам депутат, он надеется на примирение.",
            {"Павел Громов": "PER"},
            "Павел Громов",
        ),
    ],
)
def test_a_description_of_the_only_person_named_is_that_person(
    text: str, names: dict[str, str], speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # the noun was used for someone else before
            "Иван Сомов встретился с губернатором области.\n\n"
            "Губернатор заявил, что дороги починят.",
            {"Иван Сомов": "PER"},
        ),
        (  # another name NER did not tag
            "Инцидент произошёл в июне. Громов подошёл к Понасенкову и Зарипову.\n\n"
            "Как заявил блогер, прохожий начал их оскорблять.",
            {"Громов": "PER"},
        ),
    ],
)
def test_a_description_is_not_resolved_when_unsure(text: str, names: dict[str, str]) -> None:
    speakers = [q.speaker for q in _quotes(text, names)]
    assert speakers and not set(speakers) & {"Иван Сомов", "Громов"}


def test_a_bare_noun_is_the_one_person_named_before() -> None:
    text = (
        "Тайна ледника\n\nОлег Орлов предложил новую гипотезу\n\nОб этом сообщает сайт "
        "Института полярных исследований в Мурманске.\n\nПо мнению физика, которое он высказал "
        "на семинаре в Мурманске, в действительности ледники тают медленнее."
    )
    names = {"Олег Орлов": "PER", "Института полярных исследований": "ORG", "Мурманске": "LOC"}
    assert [q.speaker for q in _quotes(text, names)][-1] == "Олег Орлов"


def test_a_bare_noun_in_the_cues_gender_skips_a_woman_quoted() -> None:
    text = (
        'Фонд Игоря Смирнова раздал гранты. "Мы поддержим всех", - цитирует газета Анну '
        "Белову, директора фонда Смирнова.\n\nИгорь Смирнов лично провел со студентами деловую "
        'игру. "Главное — не бояться ошибок. Я делюсь с вами опытом", - напутствовал меценат.'
    )
    names = {"Игоря Смирнова": "PER", "Анну Белову": "PER", "Игорь Смирнов": "PER"}
    assert [q.speaker for q in _quotes(text, names)][-1] == "Игорь Смирнов"


def test_a_bare_noun_after_two_people_stays_as_written() -> None:
    text = "Олег Петров встретился с Ильёй Ковалёвым в Казани. Инженер заявил, что проект готов."
    names = {"Олег Петров": "PER", "Ильёй Ковалёвым": "PER", "Казани": "LOC"}
    assert [q.speaker for q in _quotes(text, names)] == ["Инженер"]


def test_a_title_noun_of_the_other_gender_introduced_nobody() -> None:
    text = (
        "Это подтвердил муж певицы Олег Сомов.\n\nСогласно информации газеты, после операции "
        "певица попросила не писать о ней громких слов и попросила: «Напишите просто - Анна "
        "Белова»."
    )
    names = {"Олег Сомов": "PER", "Анна Белова": "PER"}
    assert [q.speaker for q in _quotes(text, names)][-2:] == ["певица", "певица"]


def test_a_headline_source_named_after_a_long_title() -> None:
    text = (
        "Запад готовит новые санкции – политолог\n\nМОСКВА, 5 мая – Новости. Осенью страны "
        'Запада объявят новые ограничения против банков. Такое мнение в эфире радио "Голос" '
        "высказал политолог, заместитель председателя совета Фонда поддержки региональной "
        "журналистики Андрей Соколов."
    )
    names = {"Запада": "LOC", "Андрей Соколов": "PER"}
    assert _quotes(text, names)[0].speaker == "Андрей Соколов"


def test_a_pronoun_after_a_quote_is_the_person_just_quoted() -> None:
    text = (
        "Советник Павел Громов заявил, что Киев непричастен. По его словам, нападение на "
        "Маргариту Сомову и Собчак невыгодно. «Они нам не нужны», — отметил он."
    )
    found = _quotes(text, {"Павел Громов": "PER", "Маргариту Сомову": "PER", "Собчак": "PER"})
    assert [q.speaker for q in found] == ["Павел Громов"] * 3


def test_a_group_of_people_of_an_organisation_speaks_as_the_group() -> None:
    text = "В ответ на жалобы солдата офицеры ВСУ заявили ему, что база надёжно защищена."
    found = _quotes(text, {"ВСУ": "ORG"})
    assert [(q.speaker, q.text) for q in found] == [("офицеры ВСУ", "база надёжно защищена")]


def test_informing_and_the_cabinet_attribute_a_quotation() -> None:
    text = "«Стороны обсудили поставки зерна», — информировали в кабмине."
    assert [(q.speaker, q.cue) for q in _quotes(text, {})] == [("кабмин", "информировали")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Громов принял делегацию, сообщил в среду, 3 июля, Дмитрий Песков.", "Дмитрий Песков"),
        (
            "Громов принял делегацию Конгресса США, сообщает сегодня, 3 июля, пресс-служба "
            "армянского правительства.",
            "пресс-служба армянского правительства",
        ),
    ],
)
def test_a_date_aside_between_the_cue_and_its_speaker(text: str, speaker: str) -> None:
    found = _quotes(text, {"Громов": "PER", "Конгресса США": "ORG", "Дмитрий Песков": "PER"})
    assert [q.speaker for q in found] == [speaker]


def test_a_time_phrase_closing_an_opener_is_no_aside() -> None:
    text = "Как стало известно в пятницу, она номинирована на премию."
    assert _quotes(text, {}) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Громов подчеркнул важность диалога между странами региона.",
            "важность диалога между странами региона",
        ),
        (
            "Громов выразил уверенность в скором урегулировании конфликта.",
            "уверенность в скором урегулировании конфликта",
        ),
    ],
)
def test_a_stressed_or_voiced_stance_noun_is_the_content(text: str, content: str) -> None:
    assert [(q.speaker, q.text) for q in _quotes(text, {"Громов": "PER"})] == [("Громов", content)]


def test_feelings_voiced_claim_nothing() -> None:
    text = "Громов выразил глубокие соболезнования семье погибшего."
    assert _quotes(text, {"Громов": "PER"}) == []


def test_the_parties_after_another_clause_are_the_speaker() -> None:
    text = (
        "Громов провел беседу с главой МИД Сербии, стороны подчеркнули необходимость "
        "активизации усилий."
    )
    found = _quotes(text, {"Громов": "PER", "МИД Сербии": "ORG"})
    assert [q.speaker for q in found] == ["стороны"]


def test_a_press_office_speaks_for_the_body_it_names() -> None:
    text = "Склад в Белгороде уничтожен, сообщила пресс-служба Минобороны Сербии."
    found = _quotes(text, {"Минобороны Сербии": "ORG", "Белгороде": "LOC"})
    assert [(q.speaker, q.text) for q in found] == [
        ("Минобороны Сербии", "Склад в Белгороде уничтожен")
    ]


def test_a_feminine_pronoun_skips_a_man_whose_first_name_has_a_feminine_plural() -> None:
    text = (
        "Сотрудник «Вестей» Александр Гуляев был задержан и избит, после чего освобожден, пишет "
        "издание.\n\nТелекомпания «Рустави» сообщает о нескольких пострадавших сотрудниках. По "
        "ее данным, оператор Олег Мамонов получил травмы головы."
    )
    names = {"Александр Гуляев": "PER", "Олег Мамонов": "PER", "Рустави": "ORG", "Вестей": "ORG"}
    assert [q.speaker for q in _quotes(text, names)][-1] == "Рустави"


def test_a_pronoun_after_an_unnamed_speaker_is_that_speaker_not_an_earlier_name() -> None:
    text = (
        "Премьер Павел Громов разрешил передать Киеву мины. Пожелавший остаться анонимным "
        "чиновник рассказал, что мины поставят скоро. При этом, по его словам, Киев попросили "
        "не применять их в городах."
    )
    found = _quotes(text, {"Павел Громов": "PER"})
    assert [q.speaker for q in found] == ["анонимный чиновник"] * 2


@pytest.mark.parametrize(
    ("text", "names", "speakers"),
    [
        (  # the person interviewed
            "«Это не наша война», — сказал Павел Громов. «Мы наблюдатели», — отметил "
            "собеседник издания.",
            {"Павел Громов": "PER"},
            ["Павел Громов", "Павел Громов"],
        ),
        (  # a quality adjective before the noun
            "«Места нет», — сказал замминистра Павел Громов. «Формат не важен», — добавил "
            "высокопоставленный дипломат.",
            {"Павел Громов": "PER"},
            ["Павел Громов", "Павел Громов"],
        ),
        (  # «другой» brings in someone else
            "«Нужно ждать», — сказал врач Павел Громов. «Нужно оперировать», — настаивал "
            "другой врач.",
            {"Павел Громов": "PER"},
            ["Павел Громов", "другой врач"],
        ),
    ],
)
def test_person_nouns_that_name_the_person_just_quoted(
    text: str, names: dict[str, str], speakers: list[str]
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == speakers


def test_a_description_is_the_subject_of_the_sentence_before() -> None:
    text = (
        "Такер Карлсон анонсировал интервью с Зеленским. Телеведущий написал в X, что хочет "
        "донести до американцев правду о конфликте."
    )
    found = _quotes(text, {"Такер Карлсон": "PER", "Зеленским": "PER"})
    assert [q.speaker for q in found] == ["Такер Карлсон"]


def test_her_words_after_her_quote() -> None:
    text = (
        "«Книги уже закуплены», — отметила вице-премьер Лариса Толмачёва.\n\n"
        "Библиотеки получат средства в этом году.\n\n"
        "По ее словам, все издания будут распределены между библиотеками."
    )
    found = _quotes(text, {"Лариса Толмачёва": "PER"})
    assert [q.speaker for q in found] == ["Лариса Толмачёва"] * 2


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (  # a country in the genitive is no subject
            "При этом население Италии и Греции считает, что Европа должна искать мир.",
            {"Италии": "LOC", "Греции": "LOC"},
            "население Италии и Греции",
        ),
        (  # a relative pronoun ends the phrase before the subject
            "В песне, в которой исполнитель заявляет, что уедет в Москву, нет ни слова правды.",
            None,
            "исполнитель",
        ),
    ],
)
def test_subjects_that_are_not_the_names_inside_them(
    text: str, names: dict[str, str] | None, speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


@pytest.mark.parametrize(
    ("text", "names", "speaker", "content"),
    [
        (
            "Как выяснил SHOT, пожар произошёл на заправке у въезда в город.",
            {"SHOT": "ORG"},
            "SHOT",
            "пожар произошёл на заправке у въезда в город",
        ),
        (
            "Как стало известно Mash, на предприятии нашли кучу нарушений.",
            {"Mash": "ORG"},
            "Mash",
            "на предприятии нашли кучу нарушений",
        ),
        (
            "Безработица в октябре снизилась до 2,3%, следует из данных Росстата.",
            {"Росстата": "ORG"},
            "Росстат",
            "Безработица в октябре снизилась до 2,3%",
        ),
        (  # the agency, not the office it cites; «передал, что» is speech
            "Позднее ТАСС со ссылкой на прокуратуру передал, что обрушение произошло после толчка.",
            {"ТАСС": "ORG"},
            "ТАСС",
            "обрушение произошло после толчка",
        ),
        (
            "Экс-главком ВСУ Залужный: РФ способна истощить системы ПВО Запада за три месяца.",
            {"ВСУ": "ORG"},
            "Залужный",
            "РФ способна истощить системы ПВО Запада за три месяца",
        ),
        (
            "Экстренное предупреждение МЧС: завтра на Москву обрушится мокрый снег.",
            {"МЧС": "ORG"},
            "МЧС",
            "завтра на Москву обрушится мокрый снег",
        ),
    ],
)
def test_more_russian_sources(text: str, names: dict[str, str], speaker: str, content: str) -> None:
    assert _brief(_quotes(text, names)) == [(speaker, content)]


def test_a_finding_needs_chto() -> None:
    assert _quotes("Учёные из США выяснили, существует ли резкий переход между режимами.") == []
    found = _quotes("Психологи выяснили, что монологи помогают сосредоточиться на задаче.")
    assert _brief(found) == [("Психологи", "монологи помогают сосредоточиться на задаче")]


def test_bullets_after_the_main_points_of_a_briefing() -> None:
    text = (
        "**Главное из брифинга представителя МИД Марии Захаровой:**\n\n"
        "▪️Корреспондентам предписано покинуть территорию России\n\n"
        "▪️Закрытие корпункта — это еще один акт цензуры"
    )
    found = _quotes(text, {"Марии Захаровой": "PER"})
    assert _brief(found) == [
        ("Мария Захарова", "Корреспондентам предписано покинуть территорию России"),
        ("Мария Захарова", "Закрытие корпункта — это еще один акт цензуры"),
    ]


def test_a_title_that_introduced_the_person_names_them_later() -> None:
    text = (
        "Это увидел таксист, Тимур Мустаев. Полицейский Балакин задержал второго.\n\n"
        "Как рассказал сам таксист, он узнал беглецов по ориентировке."
    )
    found = _quotes(text, {"Тимур Мустаев": "PER", "Балакин": "PER"})
    assert [q.speaker for q in found] == ["Тимур Мустаев"]


def test_a_first_name_alone_is_the_full_name_the_post_gave() -> None:
    text = (
        "43-летний Асламбек Усматов находится в больнице. Сотрудникам полиции Асламбек "
        "сообщил, что не понимает, как всё произошло."
    )
    found = _quotes(text, {"Асламбек Усматов": "PER", "Асламбек": "PER"})
    assert [q.speaker for q in found] == ["Асламбек Усматов"]


def test_a_surname_after_a_feminine_verb_stays_feminine() -> None:
    text = "Ставку могут повысить в декабре, заявила Набиуллина."
    found = _quotes(text, {"Набиуллина": "PER"})
    assert _brief(found) == [("Набиуллина", "Ставку могут повысить в декабре")]
    text = "Ставку могут повысить в декабре, заявил Набиуллина."  # the verb says otherwise
    assert [q.speaker for q in _quotes(text, {"Набиуллина": "PER"})] == ["Набиуллин"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (  # a relative clause before the verb is no inverted attribution
            "Возле парламента продолжается акция протеста, участники которой требуют отставки "
            "президента Ким Сон Ука.",
            {"Ким Сон Ука": "PER"},
        ),
        (  # a plane before a colon is no surname
            "Всего за сутки наши военные поразили девять Су-27 и МиГ-29: «Также поражены девять "
            "самолетов».",
            None,
        ),
    ],
)
def test_no_speaker_here(text: str, names: dict[str, str] | None) -> None:
    assert [q.speaker for q in _quotes(text, names)] in ([], ["наши военные"])


def test_a_phrase_with_its_own_name_is_not_redescribed() -> None:
    text = (
        "Россия выключила часть Черниговщины.\n\n"
        "Подстанция ночью вышла из чата, - отметил донецкий военный блогер Donrf."
    )
    found = _quotes(text, {"Черниговщины": "PER"})
    assert "Черниговщина" not in [q.speaker for q in found]


def test_an_adjective_with_an_unlisted_noun_is_someone_new() -> None:
    text = (
        "Местные жители потребовали «убрать» собак. В отчёте говорится, что чернокожая "
        "африканка заявила, что чувствует себя небезопасно."
    )
    assert "местные жители" not in [q.speaker for q in _quotes(text)][1:]


def test_bullets_after_a_question_frame_go_to_the_subject_after_the_verb() -> None:
    text = (
        "Что ещё сказал президент Павел Громов о новом лидере США:\n\n"
        "— Его поведение произвело на меня впечатление\n\n"
        "— Хочу поздравить его с избранием"
    )
    found = _quotes(text, {"Павел Громов": "PER"})
    assert _brief(found) == [
        ("Павел Громов", "Его поведение произвело на меня впечатление"),
        ("Павел Громов", "Хочу поздравить его с избранием"),
    ]


def test_bullets_after_main_points_go_to_the_person_of_the_headline() -> None:
    text = (
        "⚡️**Павел Громов на пленарной сессии клуба «Валдай»**. **Главное:**\n\n"
        "— Следующее 20-летие будет не менее сложным.\n\n"
        "— Никто не гарантирует, что оружие не будет задействовано."
    )
    found = _quotes(text, {"Павел Громов": "PER"})
    assert [q.speaker for q in found] == ["Павел Громов", "Павел Громов"]


def test_a_person_noun_ner_took_for_a_name_is_the_person_quoted_before() -> None:
    text = (
        "«Это акт войны», — заявил Скотт Ридли. Экс-разведчик отметил, что Вашингтон "
        "рассчитывал на жёсткий ответ."
    )
    found = _quotes(text, {"Скотт Ридли": "PER", "Экс-разведчик": "PER"})
    assert [q.speaker for q in found] == ["Скотт Ридли", "Скотт Ридли"]


def test_a_body_named_inside_a_quotation_is_not_its_author() -> None:
    text = (
        "«Расчет ОТРК „Искандер“ ВС РФ нанес удар по стоянке авиационной техники», — говорится "
        "в сообщении."
    )
    assert [q.speaker for q in _quotes(text, {"ВС РФ": "ORG"})] == ["сообщение"]
    text = "⚡️«Аэроэкспресс» с 3 декабря повысит тарифы на проезд, сообщила компания."
    assert [q.speaker for q in _quotes(text, {"Аэроэкспресс": "ORG"})] == ["Аэроэкспресс"]


def test_the_body_after_a_listening_agency_named_by_ner() -> None:
    text = "Глава соццентра задержан в Алтайском крае, сообщили РИА Новости в региональном СК."
    found = _quotes(text, {"РИА Новости": "ORG", "СК": "ORG"})
    assert [q.speaker for q in found] == ["СК"]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (  # a closing line of its own
            "Беспилотник упал на заводской цех в Ижевске, есть пострадавший.\n"
            "— сообщил глава республики Иван Бречкин.",
            {"Иван Бречкин": "PER"},
            [("Иван Бречкин", "Беспилотник упал на заводской цех в Ижевске, есть пострадавший")],
        ),
        (  # the clause before «считает X:» beside the quotation after it, a link after both
            "Инфляция снизится к 4% в следующем году, считает Набиуллина: «Если не будет шоков». "
            "https://t.me/banksta/60914",
            {"Набиуллина": "PER"},
            [
                ("Набиуллин", "Инфляция снизится к 4% в следующем году"),
                ("Набиуллин", "Если не будет шоков"),
            ],
        ),
        (  # a finding after the clause it reports; the medium learnt it from a document
            "Инвестпрограмма РЖД может сократиться на треть, узнал «Коммерсант» из проекта "
            "финплана.",
            {"РЖД": "ORG", "Коммерсант": "ORG"},
            [("Коммерсант", "Инвестпрограмма РЖД может сократиться на треть")],
        ),
        (
            "Орбан выполняет миссию мира. Такое мнение в эфире радио высказал политолог Игорь "
            "Шатов.",
            {"Орбан": "PER", "Игорь Шатов": "PER"},
            [("Игорь Шатов", "Орбан выполняет миссию мира")],
        ),
        (  # «нам» listens
            "Как рассказали нам адвокаты блогерши, у них есть надежда на освобождение.",
            None,
            [("адвокаты блогерши", "у них есть надежда на освобождение")],
        ),
        (  # a description, then the name after a comma
            "Орбан выполняет миссию мира. Такое мнение высказал руководитель совета фонда, "
            "политолог Игорь Шатов.",
            {"Орбан": "PER", "Игорь Шатов": "PER"},
            [("Игорь Шатов", "Орбан выполняет миссию мира")],
        ),
    ],
)
def test_more_russian_frames(
    text: str, names: dict[str, str] | None, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, names)) == expected


def test_learning_is_not_saying() -> None:
    assert _quotes("Она узнала, что муж давно живёт в другом городе.") == []


def test_a_first_name_reading_after_a_title_before_a_colon() -> None:
    text = "⚡️Глава ОП Украины Ермак: чтобы начать переговоры, нужно вернуть ситуацию к 2022 году."
    found = _quotes(text, {"ОП": "ORG", "Украины": "LOC"})
    assert [q.speaker for q in found] == ["Ермак"]


def test_people_of_a_place_are_the_people() -> None:
    text = "Законодатели США считают, что Гонконг становится центром финансовых преступлений."
    found = _quotes(text, {"США": "LOC", "Гонконг": "LOC"})
    assert [q.speaker for q in found] == ["Законодатели США"]
    text = "Производитель материалов СИБУР заявил, что цены вырастут к весне."
    assert [q.speaker for q in _quotes(text, {"СИБУР": "ORG"})] == ["СИБУР"]


def test_a_noun_that_introduced_someone_beats_the_last_speaker() -> None:
    text = (
        "По словам губернатора Андрея Климова, «город давно ждал памятника».\n\n"
        "Скульптор Олег Веденеев работал над ним два года. По мнению скульптора, гранит "
        "подходит лучше всего. «Это камень на века», — говорит скульптор."
    )
    found = _quotes(text, {"Андрея Климова": "PER", "Олег Веденеев": "PER"})
    assert [q.speaker for q in found] == ["Андрей Климов", "Олег Веденеев", "Олег Веденеев"]


def test_a_long_title_introduces_its_person() -> None:
    text = (
        "В СРГО предложили открыть новые площадки\n\n"
        "Чиновники и депутаты обсудили состояние городского спорта.\n\n"
        "Глава президентского Совета по развитию гражданского общества (СРГО) Илья Горбунов "
        "выступил с инициативой. Как считает глава СРГО, спортивных площадок не хватает. "
        "«Давайте об этом подумаем», — сказал Илья Горбунов."
    )
    found = _quotes(text, {"Илья Горбунов": "PER", "СРГО": "ORG"})
    assert [q.speaker for q in found] == ["Илья Горбунов", "Илья Горбунов"]


def test_a_quotation_inside_a_reported_clause_keeps_its_own_cue() -> None:
    text = (
        "Переговоры прошли в Москве. Глава МИД России заявил, что «формат остаётся "
        "востребованным». Министр добавил, что встреча прошла хорошо."
    )
    found = _quotes_with_models(text)
    assert [(q.cue, q.text) for q in found] == [
        ("заявил", "формат остаётся востребованным"),
        ("добавил", "встреча прошла хорошо"),
    ]


def test_an_article_exported_as_a_csv_field_is_read_as_written() -> None:
    text = (
        "Лавров выступил в Москве\n\n"
        '"Сергей Лавров провёл переговоры в Москве. Глава МИД России заявил, что '
        '""формат остаётся востребованным"". Министр добавил, что встреча прошла хорошо."\n'
    )
    found = _quotes_with_models(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("lavrov", "формат остаётся востребованным"),
        ("lavrov", "встреча прошла хорошо"),
    ]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (
            "Глава концерна Йоханн Кельнер (Johann Koellner) заявил, что завод построят к осени.",
            {"Йоханн Кельнер (Johann Koellner)": "PER"},
            "Йоханн Кельнер",
        ),
        (
            "Компания Brightline объявила, что закроет офис в Риге.",
            None,
            "Brightline",
        ),
    ],
)
def test_a_name_without_its_parenthesis_or_generic_noun(
    text: str, names: dict[str, str] | None, speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


def test_a_title_over_a_body_at_a_meeting_is_the_person_named_before() -> None:
    text = (
        "Олег Громов провёл заседание правительства области.\n\n"
        "Накануне глава областного правительства на совещании, посвящённом дорогам, заявил, "
        "что ремонт начнётся весной."
    )
    found = _quotes(text, {"Олег Громов": "PER"})
    assert _brief(found) == [("Олег Громов", "ремонт начнётся весной")]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (
            "«Мы готовы к переговорам», — цитирует ТАСС Олега Белова.",
            {"ТАСС": "ORG", "Олега Белова": "PER"},
            "Олег Белов",
        ),
        (
            "«Мы готовы к переговорам», — цитирует «Северная газета» выступление Громова.",
            {"Северная газета": "ORG", "Громова": "PER"},
            "Громов",
        ),
        ("«Мы готовы к переговорам», — цитирует ТАСС.", {"ТАСС": "ORG"}, "ТАСС"),
        (
            "Режиссёр Олег Белов ушёл из театра. «Решение принято», — цитирует ТАСС режиссёра.",
            {"Олег Белов": "PER", "ТАСС": "ORG"},
            "Олег Белов",
        ),
        (
            "«Мы не останемся в стороне», — цитирует ТАСС заявление объединения «Звезда».",
            {"ТАСС": "ORG", "Звезда": "ORG"},
            "Звезда",
        ),
        (
            "По словам Белова, которого цитирует ТАСС, переговоры «продолжатся осенью».",
            {"Белова": "PER", "ТАСС": "ORG"},
            "Белов",
        ),
    ],
)
def test_an_outlet_that_quotes_names_whom_it_quotes(
    text: str, names: dict[str, str], speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


def test_an_adverb_between_the_cue_and_the_speaker_after_a_quotation() -> None:
    text = "Олег Громов провёл совещание. «Мы теряем время», — заявил тогда губернатор."
    assert [q.speaker for q in _quotes(text, {"Олег Громов": "PER"})] == ["Олег Громов"]


def test_by_someones_assurance_is_by_their_words() -> None:
    text = "Ежедневно, по заверению Белова, сервисом пользуются 200 тыс. человек."
    assert _brief(_quotes(text, {"Белова": "PER"})) == [
        ("Белов", "сервисом пользуются 200 тыс. человек")
    ]


def test_a_name_after_a_long_title_after_the_cue() -> None:
    text = (
        "«Забор не станет выше», — заявил заместитель руководителя аппарата городской думы - "
        "начальник управления по связям с общественностью и СМИ Илья Горбунов."
    )
    found = _quotes(text, {"Илья Горбунов": "PER", "СМИ": "ORG"})
    assert [q.speaker for q in found] == ["Илья Горбунов"]


def test_a_headline_description_is_the_person_the_lead_introduces() -> None:
    text = (
        "Известная пианистка пожаловалась на отмену гастролей\n\n"
        "Известная пианистка Вера Ланская пожаловалась на отмену гастролей в Европе."
    )
    found = _quotes(text, {"Вера Ланская": "PER"})
    assert [q.speaker for q in found][:1] == ["Вера Ланская"]


@pytest.mark.parametrize(
    ("text", "names", "speaker"),
    [
        (
            "Певица Вера Ланская пожаловалась на травлю. Об этом она рассказала в YouTube-шоу.",
            {"Вера Ланская": "PER", "YouTube-шоу": "ORG"},
            "Вера Ланская",
        ),
        (
            "Цены на жильё снизятся. Об этом «Вестнику» заявил министр Олег Белов.",
            {"Вестнику": "ORG", "Олег Белов": "PER"},
            "Олег Белов",
        ),
        (
            "Олег Белов возглавляет область. Дороги отремонтируют к осени. Об этом губернатор "
            "заявил в Брюсселе.",
            {"Олег Белов": "PER", "Брюсселе": "LOC"},
            "Олег Белов",
        ),
        (
            "Банк попал под следствие. Об этом со ссылкой на осведомлённый источник пишет "
            "издание Barron's.",
            {"Barron's": "ORG"},
            "Barron's",
        ),
    ],
)
def test_about_this_with_a_pronoun_or_a_listener_before_the_cue(
    text: str, names: dict[str, str], speaker: str
) -> None:
    assert [q.speaker for q in _quotes(text, names)] == [speaker]


def test_a_description_naming_a_place_is_the_person_titled_with_it() -> None:
    text = (
        "Президент Сербии Ян Зорич и губернатор Олег Белов встретились с Петром Валем. "
        "Сербский лидер заявил, что переговоры были полезными."
    )
    names = {"Сербии": "LOC", "Ян Зорич": "PER", "Олег Белов": "PER", "Петром Валем": "PER"}
    assert [q.speaker for q in _quotes(text, names)] == ["Ян Зорич"]


def test_a_surname_in_an_oblique_form_after_a_nominative_first_name() -> None:
    text = "Министр обороны Марении Валерий Гелетей заявил, что переговоры возобновятся."
    names = {"Марении": "LOC", "Валерий Гелетей": "PER"}
    assert [q.speaker for q in _quotes(text, names)] == ["Валерий Гелетей"]


def test_a_description_is_not_the_person_its_quotation_names() -> None:
    text = (
        "Суд приговорил Андрея Белова к пяти годам. Судья заявила, что «Андрей Белов "
        "руководил беспорядками»."
    )
    found = _quotes(text, {"Андрея Белова": "PER", "Андрей Белов": "PER"})
    assert [q.speaker for q in found] == ["Судья"]


def test_by_the_words_of_a_politician_though_the_word_reads_as_a_policy() -> None:
    text = (
        "Олег Белов опубликовал статью. Санкции, по словам политика, поддержит большинство граждан."
    )
    found = _quotes(text, {"Олег Белов": "PER"})
    assert [q.speaker for q in found] == ["Олег Белов"]


def test_a_place_in_the_description_outweighs_an_earlier_use_of_its_noun() -> None:
    text = (
        "Президент РФ Ян Зорич провёл переговоры с Олегом Беловым, российский лидер пригласил "
        "гостя на саммит. Лидер РФ заявил, что отношения носят особый характер."
    )
    names = {"РФ": "LOC", "Ян Зорич": "PER", "Олегом Беловым": "PER"}
    assert [q.speaker for q in _quotes(text, names)] == ["Ян Зорич"]


def test_a_headline_noun_is_the_person_the_body_quotes_with_the_same_cue() -> None:
    text = (
        "Эксперт объяснил, что цены на жильё будут расти\n\n"
        "Спрос на квартиры вырос. Председатель правления фонда Олег Белов в беседе с газетой "
        "объяснил, что застройщики сократили предложение."
    )
    found = _quotes(text, {"Олег Белов": "PER"})
    assert [q.speaker for q in found] == ["Олег Белов", "Олег Белов"]


def test_one_sentence_lines_after_statements_in_the_plural() -> None:
    text = (
        "Белов выступил на форуме\n\n"
        "Олег Белов заявил, что план работает.\n"
        "Основные заявления губернатора на форуме:\n"
        "Дороги отремонтируют к осени.\n"
        "Область готова принять инвесторов.\n"
        "После форума прошёл концерт. Он собрал тысячи зрителей."
    )
    found = _quotes(text, {"Олег Белов": "PER"})
    assert _brief(found) == [
        ("Олег Белов", "план работает"),
        ("Олег Белов", "Дороги отремонтируют к осени"),
        ("Олег Белов", "Область готова принять инвесторов"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Депутат Олег Белов обратил внимание, что дороги разрушены.",
            [("Олег Белов", "дороги разрушены")],
        ),
        ("«Зал был полон», — обратил внимание Олег Белов.", [("Олег Белов", "Зал был полон")]),
        ("Олег Белов обратил внимание на проблему дорог.", []),
    ],
)
def test_drawing_attention_reports_speech(text: str, expected: list[tuple[str, str]]) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == expected


def test_the_person_opening_a_frame_that_ends_in_a_statement_before_a_colon() -> None:
    text = (
        "Олег Белов, исполняющий обязанности представителя МИД Марении, выступил сегодня со "
        "специальным заявлением: «Мы осуждаем приговор»."
    )
    names = {"Олег Белов": "PER", "МИД Марении": "ORG"}
    assert [q.speaker for q in _quotes(text, names)] == ["Олег Белов"]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Согласно Brightstat, продажи смартфонов выросли на треть.",
            {"Brightstat": "ORG"},
            [("Brightstat", "продажи смартфонов выросли на треть")],
        ),
        ("Согласно закону, выборы пройдут в сентябре.", None, []),
        (
            "Согласно brightStat, продажи смартфонов выросли на треть.",
            None,
            [("brightStat", "продажи смартфонов выросли на треть")],
        ),
        ("Согласно доктринальным документам, это крайняя мера.", None, []),
    ],
)
def test_according_to_a_source_not_to_a_law(
    text: str, names: dict[str, str] | None, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, names)) == expected


def test_a_dash_inside_running_prose_names_no_source() -> None:
    text = (
        "В турнире сыграют 14 гроссмейстеров. Это будет первое испытание для нового чемпиона "
        "— Веселина Топалова. Турнир продлится две недели."
    )
    assert _quotes(text, {"Веселина Топалова": "PER"}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Активисты пожаловались в полицию. Об этом во вторник, 2 июля, пишет «Вестник».",
            [("Вестник", "Активисты пожаловались в полицию")],
        ),
        (
            "Цены на жильё снизятся. Об этом сообщил Олег Белов, добавив, что ипотека подешевеет.",
            [("Олег Белов", "Цены на жильё снизятся"), ("Олег Белов", "ипотека подешевеет")],
        ),
    ],
)
def test_about_this_after_a_date_and_with_an_added_clause(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Вестник": "ORG", "Олег Белов": "PER"})) == expected


def test_scare_quotes_inside_a_sentence_take_no_speaker_from_the_next_one() -> None:
    text = (
        "Голограммы хранят данные в «хаотической, бесполезной форме». Как считает Олег Белов, "
        "такие данные потеряны."
    )
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == [("Олег Белов", "такие данные потеряны")]


def test_a_date_after_the_speaker_ends_its_phrase() -> None:
    text = "Дорогу откроют в мае, сообщила пресс-служба городской думы 4 июля."
    assert [q.speaker for q in _quotes(text)] == ["пресс-служба городской думы"]


def test_a_platform_named_before_is_no_body_for_in_the_message() -> None:
    text = (
        "Склад уничтожен, сообщило Минобороны России 4 июля в Telegram-канале. «Удар нанесён "
        "по стоянке техники», — говорится в сообщении."
    )
    found = _quotes_with_models(text)
    assert [q.speaker for q in found if q.cue == "говорится"] == ["Минобороны"]


def test_scare_quotes_in_a_paragraph_are_not_more_of_its_speech() -> None:
    text = (
        "«Люди устали», — признал политолог Олег Белов. Эмоциональные «качели» утомили "
        "всех. «Мы ждём мира», — добавил он."
    )
    found = _quotes(text, {"Олег Белов": "PER"})
    assert _brief(found) == [("Олег Белов", "Люди устали"), ("Олег Белов", "Мы ждём мира")]


def test_a_quoted_word_that_modifies_the_next_is_no_quotation() -> None:
    text = "Тем не менее в Госдуме опровергают «оградительные» функции будущего забора."
    assert _quotes(text, {"Госдуме": "ORG"}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Олег Белов не подтвердил, что склад был поражён.", []),
        (
            "Олег Белов не отрицает, что не все согласны с планом.",
            [("Олег Белов", "не все согласны с планом")],
        ),
    ],
)
def test_a_negated_cue_says_nothing_unless_it_denies_a_denial(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Атаки отражены. В сообщении Минобороны указано, что сбиты пять беспилотников.",
            [("Минобороны", "сбиты пять беспилотников")],
        ),
        (
            "Минтранс готовит компенсации пассажирам, — сказано в ответе министерства.",
            [("Минтранс", "Минтранс готовит компенсации пассажирам")],
        ),
        ("Сообщается, что в городе было шумно.", []),
        ("О солдатах в сообщении ЦТАК сказано не было.", []),
    ],
)
def test_an_impersonal_cue_beside_a_document_reports_its_author(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = _quotes(text, {"Минобороны": "ORG", "Минтранс": "ORG", "ЦТАК": "ORG"})
    assert _brief(found) == expected


def test_a_document_of_a_described_body_is_that_body() -> None:
    text = "Израиль нарушил перемирие, — утверждается в заявлении ливанской армии."
    assert _brief(_quotes(text)) == [("ливанская армия", "Израиль нарушил перемирие")]


def test_a_document_of_a_law_is_not_its_author() -> None:
    text = "Звонки будут блокировать, говорится в проекте федерального закона."
    assert [q.speaker for q in _quotes(text)] == ["проект федерального закона"]


def test_an_anonymous_source_is_not_the_person_quoted_before() -> None:
    text = (
        "«Мы не согласны», — заявлял тогда Олег Белов. Однако, по словам источника в "
        "ведомстве, сейчас ситуация изменилась."
    )
    found = _quotes(text, {"Олег Белов": "PER"})
    assert [q.speaker for q in found] == ["Олег Белов", "источник"]


def test_a_title_that_governs_another_is_not_that_other_title() -> None:
    text = (
        "Глава МИД Олег Белов встретился с заместителем министра обороны США Анной Смит. "
        "«Мы обсудили санкции», — сказал министр."
    )
    found = _quotes(text, {"Олег Белов": "PER", "Анной Смит": "PER"})
    assert [q.speaker for q in found] == ["Олег Белов"]  # not the deputy minister


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Олег Белов вспомнил, что в 2004 году ему пришлось нанять охрану.",
            [("Олег Белов", "в 2004 году ему пришлось нанять охрану")],
        ),
        (
            "Олег Белов упомянул, что компании будут работать вместе.",
            [("Олег Белов", "компании будут работать вместе")],
        ),
        ("Олег Белов надеется, что Дума всё обдумает.", [("Олег Белов", "Дума всё обдумает")]),
        ("Олег Белов постановил, что права истекли.", [("Олег Белов", "права истекли")]),
        (
            "Сбережения россиян вырастут на 26%, оценивает Олег Белов.",
            [("Олег Белов", "Сбережения россиян вырастут на 26%")],
        ),
    ],
)
def test_more_verbs_report_a_clause_with_that(text: str, expected: list[tuple[str, str]]) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == expected


@pytest.mark.slow
def test_ner_runs_on_a_sentence_whose_only_cue_is_impersonal() -> None:
    text = (
        "Газета опубликовала материал. В статье Mail on Sunday уточняется, что лаборатория закрыта."
    )
    found = _quotes_with_models(text)
    assert _brief(found) == [("Mail on Sunday", "лаборатория закрыта")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "«Мы не виделись с ноября, — сказала Анна Белова. — Нам никто этого не запрещал». "
            "Заседание будет техническим.",
            [
                ("Анна Белова", "Мы не виделись с ноября"),
                ("Анна Белова", "Нам никто этого не запрещал"),
            ],
        ),
        (
            '"Контракт заключен в 1961 году, - пояснил Олег Белов. - Он написан по-немецки". '
            '"Он стоит очень дорого, - подчеркнул он. - Таких больше нет".',
            [
                ("Олег Белов", "Контракт заключен в 1961 году"),
                ("Олег Белов", "Он написан по-немецки"),
                ("Олег Белов", "Он стоит очень дорого"),
                ("Олег Белов", "Таких больше нет"),
            ],
        ),
        (
            "Губернатор выступил на форуме.\n– Атак стало больше, – добавил Олег Белов. – Раньше "
            "страдали только приграничные регионы.\nФорум продлится два дня.",
            [
                ("Олег Белов", "Атак стало больше"),
                ("Олег Белов", "Раньше страдали только приграничные регионы"),
            ],
        ),
        (
            "Олег Белов сказал, что атак стало больше. — Форум продлится два дня.",
            [
                ("Олег Белов", "атак стало больше"),
            ],
        ),
    ],
)
def test_speech_reopened_by_a_dash_after_its_cue_goes_on(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER", "Анна Белова": "PER"})) == expected


def test_a_naming_verb_keeps_its_claim_past_a_name_after_a_preposition() -> None:
    text = "Анна Белова назвала министра клоуном и призвала его договариваться с Россией."
    found = _quotes(text, {"Анна Белова": "PER", "Россией": "LOC"})
    assert _brief(found) == [
        ("Анна Белова", "министра клоуном и призвала его договариваться с Россией")
    ]
    assert _quotes("Они назвали сына Иваном в честь деда.") == []


def test_a_woman_named_before_a_feminine_verb_keeps_her_first_name() -> None:
    text = "Владислава Роговенко заявила, что устала от политики."
    found = _quotes(text, {"Владислава Роговенко": "PER"})
    assert _brief(found) == [("Владислава Роговенко", "устала от политики")]
    found = _quotes("Владислава Роговенко заявил, что устал.", {"Владислава Роговенко": "PER"})
    assert [q.speaker for q in found] == ["Владислав Роговенко"]


def test_people_counted_after_the_cue_are_the_speakers() -> None:
    found = _quotes("Санкции необходимо ввести, заявили несколько депутатов.")
    assert _brief(found) == [("депутаты", "Санкции необходимо ввести")]


def test_about_this_after_a_named_speakers_clause_is_a_nested_attribution() -> None:
    text = (
        "Вчера Анна Белова заявила на закрытом заседании, что санкции нужно ввести. Об этом "
        "рассказали участники заседания. По их словам, решение уже принято."
    )
    found = _quotes(text, {"Анна Белова": "PER"})
    assert _brief(found) == [
        (
            "участники заседания",
            "Вчера Анна Белова заявила на закрытом заседании, что санкции нужно ввести",
        ),
        ("Анна Белова", "санкции нужно ввести"),
        ("участники заседания", "решение уже принято"),
    ]


def test_about_this_after_a_pronouns_clause_stays_one_attribution() -> None:
    found = _quotes(
        "Он напомнил, что переговоры идут трудно. Об этом заявил Олег Белов.", {"Олег Белов": "PER"}
    )
    assert _brief(found) == [("Олег Белов", "переговоры идут трудно")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Погибшей женщине было 32 года, сообщили в прокуратуре.",
            [("прокуратура", "Погибшей женщине было 32 года")],
        ),
        ("Погибшей женщине было 32 года, сообщили прокуратуре.", []),  # told the office
    ],
)
def test_a_body_after_in_is_the_speaker_though_it_reads_as_dative(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Силы повстанцев зашли в районы Алеппо, сообщают мониторинговые группы.",
            [("мониторинговые группы", "Силы повстанцев зашли в районы Алеппо")],
        ),
        (
            "Тюльпаны высадили на клумбы, сообщили в комплексе городского хозяйства.",
            [("комплекс городского хозяйства", "Тюльпаны высадили на клумбы")],
        ),
        (
            "Также много полиции, сообщают местные каналы.",
            [("местные каналы", "Также много полиции")],
        ),
        (
            "Нескольких человек взяли в заложники, пишет канал BFMTV.",
            [("BFMTV", "Нескольких человек взяли в заложники")],
        ),
    ],
)
def test_groups_complexes_and_channels_are_bodies_that_speak(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"BFMTV": "ORG"})) == expected


def test_a_spaced_dash_without_a_comma_ends_the_reported_words() -> None:
    text = "Два беспилотника уничтожены над территорией области — сообщает Минобороны."
    assert _brief(_quotes(text, {"Минобороны": "ORG"})) == [
        ("Минобороны", "Два беспилотника уничтожены над территорией области")
    ]
    assert _quotes("Два беспилотника сбиты над Москвой-рекой сообщает Минобороны.") == []


@pytest.mark.parametrize(
    "second",
    [
        "Такое заявление сделал Олег Белов.",
        "Соответствующее заявление сделал министр Олег Белов.",
        "С такой инициативой выступил Олег Белов.",
    ],
)
def test_a_statement_referring_back_takes_the_sentence_before(second: str) -> None:
    found = _quotes(f"Врачи получат льготную ипотеку. {second}", {"Олег Белов": "PER"})
    assert _brief(found) == [("Олег Белов", "Врачи получат льготную ипотеку")]


@pytest.mark.slow
def test_the_medium_of_an_interview_is_no_speaker() -> None:
    found = _quotes_with_models("Зеленский в интервью CNN заявил, что Украина не сдастся.")
    assert _brief(found) == [("Зеленский", "Украина не сдастся")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("«Мы готовы», — Олег Белов о переговорах с США.", [("Олег Белов", "Мы готовы")]),
        ("Он купил «Жигули» — машину своей мечты.", []),
    ],
)
def test_a_quotation_then_a_dash_and_a_name_with_its_topic(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Как рассказал «Известиям» источник, знакомый с ситуацией, сделка сорвалась.",
            [("источник", "сделка сорвалась")],
        ),
        (
            "Сделка с партнёрами сорвалась, — сообщил источник, близкий к компании.",
            [("источник", "Сделка с партнёрами сорвалась")],
        ),
        (
            "По словам источника, такая масштабная поддержка, возможно, придёт позже.",
            [("источник", "такая масштабная поддержка, возможно, придёт позже")],
        ),
    ],
)
def test_a_phrase_about_the_speaker_is_not_what_it_said(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Известиям": "ORG"})) == expected


def test_a_source_phrase_after_a_spaced_dash_introduces_what_follows() -> None:
    text = "Инцидент подтвердил сам Олег Белов — по его словам, травмы нанёс местный хулиган."
    found = _quotes(text, {"Олег Белов": "PER"})
    assert _brief(found) == [("Олег Белов", "травмы нанёс местный хулиган")]


def test_a_colon_after_the_cues_object_opens_the_content() -> None:
    text = "Глава города Олег Белов уточнил имена: двухмесячная Ульяна, Демид и их мать Елена."
    found = _quotes(text, {"Олег Белов": "PER"})
    assert _brief(found) == [("Олег Белов", "двухмесячная Ульяна, Демид и их мать Елена")]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (  # a mention after a preposition in the pronoun's own sentence is not its antecedent
            "Олег Белов выразил уверенность в укреплении отношений. Во время переговоров с "
            "Иваном Серовым он подчеркнул, что страны продолжат сотрудничество.",
            {"Олег Белов": "PER", "Иваном Серовым": "PER"},
            [
                ("Олег Белов", "уверенность в укреплении отношений"),
                ("Олег Белов", "страны продолжат сотрудничество"),
            ],
        ),
        (  # a name after a common noun modifies it: the subject is the title before
            "Президент Сербии Олег Белов дал интервью. Президент Сербии особо выделил выбор "
            "Кайи Каллас на пост главы дипломатии. Он подчеркнул, что комиссия станет жёстче.",
            {"Олег Белов": "PER", "Кайи Каллас": "PER", "Сербии": "LOC"},
            [("Олег Белов", "комиссия станет жёстче")],
        ),
        (  # a person noun after its verb is a new person, nearer than the named subject
            "Картину выставил на аукцион Олег Белов, её осмотрел Иван Серов. Стоимость картины "
            "была около миллиона. Лот купил коллекционер из Китая. Он заявил, что «это не "
            "просто произведение искусства».",
            {"Олег Белов": "PER", "Иван Серов": "PER", "Китая": "LOC"},
            [("коллекционер", "это не просто произведение искусства")],
        ),
        (  # a surname the dictionary guesses only as a plural is still a subject
            "Премьер-министр Олег Пашинян принял делегацию. Пашинян приветствовал визит "
            "конгрессменов. Премьер подчеркнул, что отношения развиваются.",
            {"Олег Пашинян": "PER", "Пашинян": "PER"},
            [("Олег Пашинян", "отношения развиваются")],
        ),
    ],
)
def test_a_pronoun_finds_the_subject_it_continues(
    text: str, names: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, names)) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "В Следственном комитете отреагировали на инцидент. Там сообщили, что проводят "
            "проверку.",
            {"Следственном комитете": "ORG"},
            [("Следственный комитет", "проводят проверку")],
        ),
        (
            "Осадки прогнозируются в Москве, сообщает Гидрометцентр\n\nТам рассказали, что в "
            "четверг ожидается сильный дождь.",
            {"Москве": "LOC", "Гидрометцентр": "ORG"},
            [
                ("Гидрометцентр", "Осадки прогнозируются в Москве"),
                ("Гидрометцентр", "в четверг ожидается сильный дождь"),
            ],
        ),
        (
            "Инициативу Ассоциация блогеров направила в Госдуму. Там призвали обязать "
            "платформы проверять паспорта.",
            {"Ассоциация блогеров": "ORG", "Госдуму": "ORG"},
            [("Ассоциация блогеров", "обязать платформы проверять паспорта")],
        ),
        ("Мы приехали в деревню. Там говорят, что зима будет холодной.", {}, []),
    ],
)
def test_there_is_the_body_the_sentence_before_names(
    text: str, names: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, names)) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            '**"Я хочу жениться опять"**\n\nОлег Белов сделал предложение своей девушке '
            "прямо во время концерта.",
            {"Олег Белов": "PER"},
            [("Олег Белов", "Я хочу жениться опять")],
        ),
        (
            "«Я построю церковь и буду там молиться»\n\nТакими словами отреагировал "
            "теннисист Олег Белов на поражение.",
            {"Олег Белов": "PER"},
            [("Олег Белов", "Я построю церковь и буду там молиться")],
        ),
        (  # the person is no subject: after a preposition, or after a colon
            "«Вот это хоккей»\n\nК новостям из Омска: дворник Олег Белов забивал голы.",
            {"Олег Белов": "PER"},
            [],
        ),
        (  # the first paragraph holds more than the quotation
            "«Вот это хоккей», — написали болельщики.\n\nОлег Белов забил гол.",
            {"Олег Белов": "PER"},
            [("болельщики", "Вот это хоккей")],
        ),
    ],
)
def test_a_post_opening_with_a_quotation_gives_it_to_the_next_paragraphs_subject(
    text: str, names: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, names)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Певица Анна Белова выступила в Киеве. «Они врут», — заключила она.",
            [("Анна Белова", "Они врут")],
        ),
        (
            "«Никогда не загоняйте оппонента в угол», - напутствовал Олег Белов.",
            [("Олег Белов", "Никогда не загоняйте оппонента в угол")],
        ),
        ("Новым главой «Эха Москвы» - собираются назначить Олега Белова.", []),
    ],
)
def test_any_verb_after_a_quotations_dash_introduces_its_author(
    text: str, expected: list[tuple[str, str]]
) -> None:
    names = {"Анна Белова": "PER", "Олег Белов": "PER", "Олега Белова": "PER"}
    assert _brief(_quotes(text, names)) == expected


def test_statements_listed_inside_a_paragraph_after_a_colon() -> None:
    text = (
        "Олег Белов заявил, что провокации возможны. Еще заявления: - Ситуация на границе "
        "нагнетается; - Минск жестко ответит на провокации; - Минск не будет защищать ЕС."
    )
    found = _quotes(text, {"Олег Белов": "PER"})
    assert _brief(found) == [
        ("Олег Белов", "провокации возможны"),
        ("Олег Белов", "Ситуация на границе нагнетается"),
        ("Олег Белов", "Минск жестко ответит на провокации"),
        ("Олег Белов", "Минск не будет защищать ЕС"),
    ]


def test_a_dash_after_a_colon_without_a_list_is_no_statement() -> None:
    text = "Олег Белов заявил, что цены вырастут. Итог: - одна позиция."
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == [("Олег Белов", "цены вырастут")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Площадь возгорания — 500 квадратных метров, очевидцы сообщают о наличии "
            "открытого огня.",
            [("очевидцы", "о наличии открытого огня")],
        ),
        (
            "Площадь возгорания составила 500 квадратных метров, сообщают очевидцы.",
            [("очевидцы", "Площадь возгорания составила 500 квадратных метров")],
        ),
        ("Женщина вызвала скорую помощь, однако медики констатировали смерть.", []),
        (
            "Олег Белов не готов поставлять ракеты, об этом канцлер заявил в ходе "
            "пресс-конференции.",
            [("канцлер", "Олег Белов не готов поставлять ракеты")],
        ),
    ],
)
def test_a_subject_before_its_cue_and_an_object_after_it_make_their_own_clause(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Пентагон попросил Грецию поддержать санкции против России.",
            [("pentagon", "Грецию поддержать санкции против России")],
        ),
        (
            "Активисты движения потребовали запретить певцу въезд в Россию.",
            [("Активисты движения", "запретить певцу въезд в Россию")],
        ),
        (  # the one asked is no speaker, nor a person the request is about
            "Бывшего адвоката Ивана Сафронова попросили приговорить к 12 годам колонии.",
            [],
        ),
        ("В Госдуме предложили ввести четырёхдневную рабочую неделю.", []),
    ],
)
def test_demands_requests_orders_and_threats_report_their_infinitive(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Ивана Сафронова": "PER", "Госдуме": "ORG"})) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "По словам помощника президента России Олега Белова, встреча состоится в понедельник.",
            [("Олег Белов", "встреча состоится в понедельник")],
        ),
        (
            "По мнению полпреда президента РФ в округе Олега Белова, часовых поясов должно "
            "быть два.",
            [("Олег Белов", "часовых поясов должно быть два")],
        ),
        (
            "По словам президента России, встреча состоится в понедельник.",
            [("putin", "встреча состоится в понедельник")],
        ),
    ],
)
def test_the_owner_in_a_title_before_a_name_is_not_the_speaker(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олега Белова": "PER"})) == expected


def test_a_headline_title_is_not_the_person_its_order_names() -> None:
    text = "Глава государства поручил Медведеву придумать модель работы электричек.\n\nТекст."
    found = _quotes(text, {"Медведеву": "PER"})
    assert [q.speaker for q in found] == ["Глава государства"]


def test_a_call_not_to_do_something_reports_it() -> None:
    found = _quotes(
        "Глава МЧС Олег Белов призвал не выходить на лёд водоёмов.", {"Олег Белов": "PER"}
    )
    assert _brief(found) == [("Олег Белов", "не выходить на лёд водоёмов")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # an office: the office, not its country
            "Офис генпрокурора Украины объявил, что командир части арестован.",
            [("Офис генпрокурора Украины", "командир части арестован")],
        ),
        (
            "Пресс-служба генерального прокурора Украины сообщила, что командир арестован.",
            [("Пресс-служба генерального прокурора Украины", "командир арестован")],
        ),
        (
            "В заявлении КНДР говорится, что переговоры не удались по вине Сеула.",
            [("КНДР", "переговоры не удались по вине Сеула")],
        ),
    ],
)
def test_a_place_after_a_noun_is_its_genitive_not_the_speaker(
    text: str, expected: list[tuple[str, str]]
) -> None:
    names = {"Украины": "LOC", "КНДР": "LOC", "Сеула": "LOC"}
    assert _brief(_quotes(text, names)) == expected


def test_reported_speech_inside_reported_speech_is_its_speakers_too() -> None:
    text = "Как сообщает агентство ЦТАК, Олег Белов на встрече заявил, что удары нанесены."
    found = _quotes(text, {"ЦТАК": "ORG", "Олег Белов": "PER"})
    assert _brief(found) == [
        ("ЦТАК", "Олег Белов на встрече заявил, что удары нанесены"),
        ("Олег Белов", "удары нанесены"),
    ]


def test_a_source_after_a_final_dash_may_name_its_territory() -> None:
    text = (
        "Адвокату предъявили обвинение за регистрацию мигрантов, — СК по Московской области."
        "\n\nТекст."
    )
    assert _brief(_quotes(text, {"СК": "ORG"})) == [
        ("СК", "Адвокату предъявили обвинение за регистрацию мигрантов")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Многие москвичи не любят этот памятник и считают, что он уродует центр.",
            [("москвичи", "он уродует центр")],
        ),
        (
            "В июле мошенники вновь позвонили жертве и сказали, что ей нужно продать квартиру.",
            [("мошенники", "ей нужно продать квартиру")],
        ),
    ],
)
def test_a_cue_joined_by_and_shares_the_subject_of_the_verb_before(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Олег Белов не исключил, что может снять свою кандидатуру.",
            [("Олег Белов", "может снять свою кандидатуру")],
        ),
        ("Олега Белова исключили из партии, что вызвало скандал.", []),
        (
            "Участники конференции сошлись во мнении, что порядку мешает коррупция.",
            [("Участники конференции", "порядку мешает коррупция")],
        ),
    ],
)
def test_not_ruling_out_and_agreeing_report_a_view(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER", "Олега Белова": "PER"})) == expected


def test_they_are_the_people_a_collective_numeral_counted() -> None:
    text = (
        "Задержаны трое граждан Кыргызстана. Вскоре их отпустили, так как они заявили о своей "
        "непричастности к нападению."
    )
    found = _quotes(text, {"Кыргызстана": "LOC"})
    assert _brief(found) == [("граждане Кыргызстана", "о своей непричастности к нападению")]


def test_they_are_the_people_a_plural_adjective_stood_for() -> None:
    text = (
        "Неизвестные представились сотрудниками полиции. Они сообщили, что женщине нужно "
        "сменить номер счёта."
    )
    assert _brief(_quotes(text)) == [("неизвестные", "женщине нужно сменить номер счёта")]


def test_every_person_listed_before_a_plural_cue_says_it() -> None:
    text = (
        "Ведущие Анна Белова, Олег Серов и генеральный директор канала Иван Петров "
        "сообщили, что уже ищут новую работу."
    )
    names = {"Анна Белова": "PER", "Олег Серов": "PER", "Иван Петров": "PER"}
    assert sorted(q.speaker for q in _quotes(text, names)) == [
        "Анна Белова",
        "Иван Петров",
        "Олег Серов",
    ]


def test_a_mission_is_a_body_that_speaks() -> None:
    text = "Горловку обстреляли снова. Об этом сообщает представительство ДНР в СЦКК."
    found = _quotes(text, {"ДНР": "LOC", "СЦКК": "ORG"})
    assert _brief(found) == [("представительство ДНР", "Горловку обстреляли снова")]


def test_a_plural_adjective_opening_the_sentence_is_its_speaker() -> None:
    text = "Некоторые считают, что коды интерфейса это стандартное программное обеспечение."
    assert _brief(_quotes(text)) == [
        ("некоторые", "коды интерфейса это стандартное программное обеспечение")
    ]


def test_a_place_inside_a_quoted_name_is_not_the_speaker() -> None:
    text = (
        "Как написал в соцсети Х руководитель проекта «Ядерное вооружение России» Павел "
        "Подвиг, этот плутоний является отработанным топливом."
    )
    found = _quotes_with_models(text)
    assert _brief(found) == [("Павел Подвиг", "этот плутоний является отработанным топливом")]


def test_a_title_phrase_keeps_the_closing_mark_of_its_name() -> None:
    text = "Как заявил руководитель фонда «Свободная Россия», цены вырастут."
    assert _brief(_quotes(text, {"России": "LOC"})) == [
        ("руководитель фонда «Свободная Россия»", "цены вырастут")
    ]


def test_a_full_name_is_never_taken_for_a_description() -> None:
    text = (
        "Никол Пашинян принял делегацию во главе с сенатором Роджером Уикером. Пашинян "
        "сказал, что отношения развиваются. Уикер заявил, что визит прошёл успешно."
    )
    names = {"Никол Пашинян": "PER", "Роджером Уикером": "PER", "Пашинян": "PER", "Уикер": "PER"}
    found = _quotes(text, names)
    assert [(q.speaker, q.cue) for q in found][-1] == ("Роджер Уикер", "заявил")


@pytest.mark.parametrize(
    ("headline", "speaker"),
    [
        ("«Фонтанка»: Минфин готовит новые налоги для банков", "Фонтанка"),
        ('"Общественное": в Харькове прогремел взрыв', "Общественное"),
    ],
)
def test_a_quoted_name_before_a_headline_colon_is_the_source(headline: str, speaker: str) -> None:
    text = f"{headline}\n\nПодробности пока неизвестны."
    found = _quotes(text)
    assert [(q.speaker, q.cue) for q in found] == [(speaker, ":")]


def test_a_quoted_name_before_a_question_is_a_topic() -> None:
    text = "«Орешник»: что известно о новой ракете\n\nРакету испытали в ноябре."
    assert _quotes(text, {"Орешник": "ORG"}) == []


@pytest.mark.slow
def test_an_accusation_is_the_accusers_claim() -> None:
    text = "Лукашенко обвинил Запад в стремлении к еще большей эскалации на Украине."
    found = [(q.speaker, q.text) for q in _quotes_with_models(text)]
    assert found == [("Лукашенко", "Запад в стремлении к еще большей эскалации на Украине")]
    assert _quotes_with_models("Его обвинили в мошенничестве.") == []


@pytest.mark.parametrize(
    "text",
    [
        "В Киеве опасаются, что Запад сократит помощь.",
        "Власти успокаивают, что это просто реставрация, а не защита от толпы.",
    ],
)
@pytest.mark.slow
def test_fears_and_reassurances_report_a_clause(text: str) -> None:
    clause = text.split(", что ", 1)[1].rstrip(".")
    assert [q.text for q in _quotes_with_models(text)] == [clause]


def test_a_typed_hyphen_serves_as_the_dash_before_the_cue() -> None:
    text = "Россия тихо глушит GPS европейским самолётам - пишет с тревогой Reuters."
    found = [(q.speaker, q.text) for q in _quotes(text, {"Reuters": "ORG"})]
    assert found == [("Reuters", "Россия тихо глушит GPS европейским самолётам")]


@pytest.mark.slow
def test_her_data_is_a_feminine_bodys() -> None:
    text = (
        "Киевская городская военная администрация сообщила об атаке. По ее данным, над Киевом "
        "было сбито несколько крылатых ракет."
    )
    found = [(q.speaker, q.cue) for q in _quotes_with_models(text)]
    assert ("Киевская городская военная администрация", "По ее данным") in found


def test_a_reported_clause_holding_a_quoted_phrase_is_read_whole() -> None:
    text = (
        "Лавров заявил, что западные страны ведут себя «как слон в посудной лавке» на "
        "переговорах по Афганистану."
    )
    assert [(q.speaker, q.text) for q in _quotes(text)] == [
        (
            "lavrov",
            "западные страны ведут себя «как слон в посудной лавке» на переговорах по Афганистану",
        )
    ]


def test_their_data_after_a_body_quoted_with_a_listener_is_that_body() -> None:
    text = (
        "Туристам лучше покупать доллары нового образца, рассказали РИА Новости в АТОР.\n\n"
        "По их данным, проблемы с обменом долларов старого образца массовые."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["АТОР", "АТОР"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Депутат Олег Белов критикует, что закон писали в спешке.",
            [("Олег Белов", "закон писали в спешке")],
        ),
        (
            "Олег Белов усомнился в том, что переговоры согласованы с союзниками.",
            [("Олег Белов", "переговоры согласованы с союзниками")],
        ),
    ],
)
def test_criticising_and_doubting_report_a_clause(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == expected


def test_a_numeral_before_the_sources_is_part_of_their_phrase() -> None:
    text = "По словам обоих источников, обыски идут в офисе компании."
    assert _brief(_quotes(text)) == [("источники", "обыски идут в офисе компании")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Оператор подтвердил сбой в работе мобильной связи.",
            [("Оператор", "сбой в работе мобильной связи")],
        ),
        (
            "Аналитики прогнозируют дальнейший рост цен на аренду.",
            [("Аналитики", "дальнейший рост цен на аренду")],
        ),
        (
            "Олег Белов не исключил продолжение переговоров в мае.",
            [("Олег Белов", "продолжение переговоров в мае")],
        ),
        ("Олег Белов исключил продолжение переговоров в мае.", []),
        ("Олег Белов подтвердил брата в должности.", []),
    ],
)
def test_the_thing_confirmed_or_forecast_is_the_content(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Олег Белов выступил на форуме. Заявил, что цены на жильё вырастут к весне.",
            [("Олег Белов", "цены на жильё вырастут к весне")],
        ),
        (
            "Олег Белов выступил на форуме. Уверяет: цены на жильё вырастут к весне.",
            [("Олег Белов", "цены на жильё вырастут к весне")],
        ),
        ("Олег Белов выступил на форуме. Сообщается, что цены на жильё вырастут к весне.", []),
    ],
)
def test_a_cue_opening_its_sentence_speaks_for_the_subject_before(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == expected


def test_a_spaced_dash_after_the_cue_opens_its_words_as_a_colon_does() -> None:
    text = "Олег Белов уверен — цены на жильё вырастут к весне."
    assert _brief(_quotes(text, {"Олег Белов": "PER"})) == [
        ("Олег Белов", "цены на жильё вырастут к весне")
    ]


def test_a_count_before_a_final_dash_is_no_source() -> None:
    text = "На борту находилось 79 человек, из них девять — дети."
    assert _quotes(text) == []


def test_a_source_after_a_count_of_people_is_still_a_source() -> None:
    text = "Число раненых выросло до 39 человек, среди них четверо детей — власти."
    assert [q.speaker for q in _quotes(text)] == ["власти"]


def test_about_this_reaches_past_a_line_of_markup() -> None:
    text = (
        "**В Британии пообещали вступить в бой «сегодня вечером»\n**\n"
        "Об этом депутатам заявил генерал-лейтенант Роб Магован."
    )
    quotes = _quotes(text, {"Роб Магован": "PER"})
    assert [(q.speaker, q.text[:11]) for q in quotes if q.cue == "заявил"] == [
        ("Роб Магован", "В Британии ")
    ]
    assert all(q.text.strip() for q in quotes)


def test_she_after_a_feminine_surname_keeps_its_feminine_form() -> None:
    text = (
        "Повышение ставки не приводит к росту цен, это миф, — сообщила Набиуллина.\n\n"
        "Она отметила, что высокая инфляция непредсказуема."
    )
    quotes = _quotes(text, {"Набиуллина": "PER"})
    assert [q.speaker for q in quotes] == ["Набиуллина", "Набиуллина"]


def test_a_request_to_the_reader_is_no_attribution() -> None:
    assert _quotes("Если вы видели момент преступления, сообщите в полицию.") == []


def test_a_particle_and_a_time_after_the_speaker_phrase_are_not_part_of_it() -> None:
    text = (
        "Военная помощь будет доставлена до конца года, заявил представитель минобороны "
        "страны всего через неделю после визита."
    )
    assert [q.speaker for q in _quotes(text)] == ["представитель минобороны страны"]


def test_a_name_in_an_adverbial_after_the_speaker_phrase_is_not_the_speaker() -> None:
    text = (
        "ООН выступает за прекращение конфликта. Об этом заявил представитель генсека в ответ "
        "на просьбу прокомментировать заявление Каи Каллас."
    )
    quotes = _quotes(text, {"Каи Каллас": "PER"})
    assert [q.speaker for q in quotes] == ["представитель генсека"]


@pytest.mark.slow
def test_whom_a_body_warned_is_not_the_speaker() -> None:
    text = "МВД Грузии предупредило демонстрантов, что блокирование объекта грозит арестом."
    assert [q.speaker for q in _quotes_with_models(text)] == ["МВД"]


def test_a_womans_first_name_before_an_undeclined_surname_stays_nominative() -> None:
    text = "Министр иностранных дел Германии Анналена Бербок сообщает, что Берлин готов."
    assert [q.speaker for q in _quotes(text, {"Анналена Бербок": "PER"})] == ["Анналена Бербок"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Официантка удивлённо рассказала нам, что ничего не знает про клопов.", "Официантка"),
        (
            "Собеседник агентства в свою очередь сообщил, что аппарат продолжает работу.",
            "Собеседник агентства",
        ),
        ("Застройщик всё это время уверял, что квартира ещё не готова.", "Застройщик"),
        ("Мальчик сам пришёл в отдел и рассказал, что разбил окно.", "Мальчик"),
        ("Даты перенесли, люди подняли бучу и попросили вернуть им документы.", "люди"),
    ],
)
def test_an_adverb_before_the_cue_is_not_part_of_the_speaker(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes(text)] == [speaker]


@pytest.mark.parametrize(
    ("title", "speaker"),
    [
        ("начальника тыла", "начальник тыла Росгвардии"),
        ("замначальника тыла", "замначальник тыла Росгвардии"),
    ],
)
def test_a_title_before_a_body_is_the_person_not_the_body(title: str, speaker: str) -> None:
    text = f"Со слов {title} Росгвардии, сотрудники полиции грубо общались с ним."
    assert [q.speaker for q in _quotes(text, {"Росгвардии": "ORG"})] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Власти заявили о повреждении предприятия в Днепре.", "Власти"),
        ("Критики полагают, что закон откроет путь большим деньгам.", "Критики"),
        ("Из-под завалов достали тела двух человек, сообщили власти.", "власти"),
    ],
)
def test_a_plural_subject_keeps_its_plural(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes_with_models(text)] == [speaker]


def test_a_relative_of_a_titled_person_is_the_speaker() -> None:
    text = "Жена главы социального центра назвала причиной болезни обычный вирус."
    assert [q.speaker for q in _quotes(text)] == ["Жена главы социального центра"]


def test_the_channel_told_is_not_part_of_the_speaker() -> None:
    text = "Гостей заставили лечь на пол, рассказали участники вечеринки каналу «Новости Севера»."
    assert [q.speaker for q in _quotes(text)] == ["участники вечеринки"]


def test_one_of_women_is_feminine() -> None:
    text = "На борту, по словам одной из пассажирок, было много детей."
    assert [q.speaker for q in _quotes(text)] == ["одна из пассажирок"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("«Мы готовы», — сказал в интервью РБК глава компании.", "глава компании"),
        (
            "«Это был переломный момент», — сказал в беседе с корреспондентом «Голоса Америки» "
            "лидер движения Александр Белов.",
            "Александр Белов",
        ),
    ],
)
def test_the_speaker_after_an_interview_setting(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes_with_models(text)] == [speaker]


def test_a_surname_of_the_other_gender_is_not_the_full_name() -> None:
    text = (
        "Позже Н. Н. Вертинская переехала в Ленинград. Вертинский же всегда и всем говорил "
        "о том, что возвращается домой."
    )
    found = _quotes(text, {"Н. Н. Вертинская": "PER", "Вертинский": "PER"})
    assert [q.speaker for q in found] == ["Вертинский"]


def test_the_agency_told_before_a_colon_is_not_the_speaker() -> None:
    text = "Представитель ведомства даёт объяснение агентству Reuters: «Это происки врагов»."
    assert "reuters" not in {q.speaker for q in _quotes_with_models(text)}


def test_a_titled_person_after_the_cue_is_no_medium_before_a_setting() -> None:
    text = (
        "Россия нуждается в трудовых мигрантах, заявил пресс-секретарь президента РФ "
        "Дмитрий Песков в интервью РИА Новости."
    )
    assert [q.speaker for q in _quotes(text)] == ["peskov"]


def test_a_body_after_a_preposition_is_not_the_subject() -> None:
    text = "Австралийские учёные из университета Мельбурна выяснили, что сон важен."
    speaker = "Австралийские учёные из университета Мельбурна"
    assert [q.speaker for q in _quotes(text)] == [speaker]


def test_a_bare_singular_noun_is_not_the_group_quoted_before() -> None:
    text = (
        "Местные жители сообщают, что видели яркое зарево. Очевидец рассказал SHOT, что "
        "взрыв произошёл около часа назад."
    )
    assert [q.speaker for q in _quotes(text)] == ["Местные жители", "Очевидец"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Два неназванных руководителя Nissan заявили, что у компании есть год.",
            "Два неназванных руководителя Nissan",
        ),
        ("Городские каналы в последние минуты сообщили о новых взрывах.", "Городские каналы"),
    ],
)
def test_counted_speakers_and_times_after_them(text: str, speaker: str) -> None:
    assert [q.speaker for q in _quotes_with_models(text)] == [speaker]


def test_a_first_person_verb_inside_a_quotation_reports_nothing_more() -> None:
    text = (
        "Премьер-министр Кир Стармер обратился к президенту.\n\n"
        "«В этот день войны в Украине я говорю еще раз: заканчивай войну. Уходи из Украины»,\n"
        "— цитирует Стармера агентство PA."
    )
    assert "говорю" not in {q.cue for q in _quotes_with_models(text)}


@pytest.mark.slow
def test_a_dative_pronoun_before_the_cue_is_no_part_of_the_speaker() -> None:
    text = "Москвича не взяли на работу, работодатель ему ответил, что «таролог против»."
    assert [q.speaker for q in _quotes(text)] == ["работодатель"]


@pytest.mark.slow
def test_a_title_whose_person_is_named_later_in_the_sentence_is_not_the_last_speaker() -> None:
    text = (
        "«Инвестиции создают новые возможности», заявил глава фонда Кирилл Дмитриев.\n\n"
        "«Очень важно, что этой работой «Сириус» будет заниматься в партнерстве с фондом», "
        "подчеркнула руководитель Образовательного фонда «Талант и успех», председатель Совета "
        "федеральной территории «Сириус» Елена Шмелева."
    )
    speakers = [q.speaker for q in _quotes_with_models(text)]
    assert speakers == ["Кирилл Дмитриев", "Елена Шмелева"]
    text = (  # a person named in the words is not the title's
        "Медведев уже высказывался о выборах. При этом, по мнению зампреда Совбеза, в случае "
        "победы Дональда Трампа на выборах новое руководство США не откажется от санкций."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["medvedev"]


@pytest.mark.slow
def test_a_pronoun_right_before_the_cue_is_the_subject_not_a_place_before_it() -> None:
    text = "Полиция задержала мужчину. На суде он объяснил, что ему негде было ночевать."
    assert "суд он" not in [q.speaker for q in _quotes_with_models(text)]


@pytest.mark.slow
def test_the_newspaper_citing_sources_speaks_not_its_sources() -> None:
    text = "Газета со ссылкой на анонимные источники заявила, что переговоры сорваны."
    assert [q.speaker for q in _quotes_with_models(text)] == ["Газета"]


@pytest.mark.slow
def test_a_bare_noun_with_a_masculine_verb_is_not_the_woman_quoted_last() -> None:
    text = (
        "«Угроза никуда не денется», — пишет редактор Анна Петрова.\n\n«Они теперь воюют в "
        "союзе с северокорейцами, — сказал собеседник в правительстве. — Мы не можем смотреть "
        "на них иначе»."
    )
    speakers = [q.speaker for q in _quotes_with_models(text)]
    assert speakers == ["Анна Петрова", "собеседник", "собеседник"]


@pytest.mark.slow
def test_the_ministry_of_another_country_is_not_russias() -> None:
    text = "МИД Украины в понедельник заявил, что ответственность несут Россия и Иран."
    assert [q.speaker for q in _quotes_with_models(text)] == ["МИД Украины"]
    text = "МИД в понедельник заявил, что переговоры продолжатся."
    assert [q.speaker for q in _quotes_with_models(text)] == ["russia-mfa"]


@pytest.mark.slow
def test_a_name_right_before_the_cue_after_a_comma_speaks() -> None:
    text = (
        "США не признают юрисдикцию МУС, тогда как Великобритания заявила, что будет "
        "руководствоваться своими обязательствами."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Великобритания"]


@pytest.mark.slow
def test_a_month_after_the_body_is_when_it_said_so() -> None:
    text = "Мурадов ранее командовал группировкой «Восток», сообщало Минобороны в июле 2022 года."
    assert [q.speaker for q in _quotes_with_models(text)] == ["Минобороны"]


@pytest.mark.slow
def test_a_platform_after_a_network_noun_is_where_not_who() -> None:
    text = "Британская военная разведка в свежем посте в соцсети X пишет, что потери растут."
    assert [q.speaker for q in _quotes_with_models(text)] == ["Британская военная разведка"]


@pytest.mark.slow
def test_the_person_an_outlet_quotes_speaks_not_the_outlet() -> None:
    text = (
        "«Нам нужно оснащение, чтобы вооружить всех мобилизованных», — цитирует Алексея "
        "Тихого агентство Reuters."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Алексей Тихий"]
    text = (
        "«Мы близки к решению», — заявил еврокомиссар Бернд Ланге. «Мы близки к решению с "
        "Китаем об отмене пошлин», — приводит его слова телеканал NTV."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Бернд Ланге", "Бернд Ланге"]


@pytest.mark.slow
def test_a_resident_of_a_place_who_called_and_said_speaks_not_the_place() -> None:
    text = "Жительница Москвы позвонила в службу спасения и сказала, что высотка горит."
    assert [q.speaker for q in _quotes_with_models(text)] == ["Жительница Москвы"]


@pytest.mark.slow
def test_the_company_a_press_office_speaks_for_is_not_the_outlet_that_wrote() -> None:
    text = (
        "Как пишут РИА Новости, Авито зарегистрировал новые юридические лица. Пресс-служба "
        "компании сообщила, что Авито собирается развиваться в этом направлении."
    )
    speakers = [q.speaker for q in _quotes_with_models(text)]
    assert speakers[0] == "ria-novosti"
    assert speakers[1] != "ria-novosti"


@pytest.mark.slow
def test_a_crew_speaks_for_itself_not_for_the_navy_named_before() -> None:
    text = (
        "Филиппинские ВМС заявили, что подлодка была замечена 28 ноября. Корабль ВМС BRP Jose "
        "Rizal установил радиосвязь с субмариной, экипаж заявил, что «ожидает улучшения "
        "погодных условий»."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["ВМС", "экипаж"]


@pytest.mark.slow
def test_an_outlet_named_by_a_number_loses_the_markdown_after_it() -> None:
    text = (
        "**Министра транспорта Ростовской области и его зама задержали за взятку в одном из "
        "ресторанов Ростова, пишет 112. **\n\nВиталия Кушнарёва и его заместителя Дмитрия "
        "Мамелко приняли с поличным при получении денег накануне вечером."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["112"]


@pytest.mark.slow
def test_an_abbreviated_common_noun_is_no_organisation_to_refer_to() -> None:
    text = (
        "МВД Казахстана возбудило дело из-за флага на одном из LED-экранов в Астане.\n\n"
        "В ведомстве сообщили, что рассматривают версию с техническими неполадками."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["МВД"]


@pytest.mark.slow
def test_a_share_of_people_keeps_whom_it_counts() -> None:
    text = "Часть местных жителей утверждают, что стрелок вёл огонь из автомата."
    found = _quotes_with_models(text)
    assert [q.speaker for q in found] == ["Часть местных жителей"]
    found = _quotes_with_models("Половина опрошенных заявила, что цены растут быстрее зарплат.")
    assert [q.speaker for q in found] == ["Половина опрошенных"]


def test_a_correspondence_is_where_people_speak_not_part_of_them() -> None:
    found = _quotes("Сотрудники военкомата в переписке угрожают, что проблемы будут у всех.")
    assert [q.speaker for q in found] == ["Сотрудники военкомата"]


def test_the_outlets_own_sources_stand_between_the_cue_and_the_outlet() -> None:
    text = (
        "Спецслужбы Венгрии начали расследование о подготовке теракта, об этом сообщила со "
        "ссылкой на свои источники газета Magyar Nemzet."
    )
    found = _quotes(text, {"Magyar Nemzet": "ORG"})
    assert _brief(found) == [
        ("Magyar Nemzet", "Спецслужбы Венгрии начали расследование о подготовке теракта")
    ]


def test_a_listener_between_about_this_and_the_cue() -> None:
    text = (
        "Кроме того, компания решила не публиковать отчетность, об этом «Интерфаксу» сообщил "
        "пресс-секретарь компании Георгий Каптелин."
    )
    found = _quotes(text, {"Интерфаксу": "ORG", "Георгий Каптелин": "PER"})
    assert _brief(found) == [
        ("Георгий Каптелин", "Кроме того, компания решила не публиковать отчетность")
    ]


def test_a_second_cue_joined_by_and_ends_the_first_attribution() -> None:
    text = (
        "Басманный суд заочно арестовал судью МУС, сообщила «Медиазона» и подтвердил "
        "представитель суда агентству ТАСС."
    )
    found = _quotes(text, {"Медиазона": "ORG"})
    assert _brief(found)[:1] == [("Медиазона", "Басманный суд заочно арестовал судью МУС")]


@pytest.mark.slow
def test_a_gerund_shares_the_subject_not_the_object_named_after_the_verb() -> None:
    text = (
        "Пресс-секретарь Кэролайн Ливитт отказалась комментировать кандидатуру Келлогга, "
        "подчеркнув, что обо всех назначениях объявят позже."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Кэролайн Ливитт"]


def test_an_outlet_in_latin_letters_listens_to_the_people_after_it() -> None:
    text = "Как рассказали SHOT близкие 47-летней Анжелы, в последнее время она грустила."
    found = _quotes(text, {"SHOT": "ORG", "Анжелы": "PER"})
    assert [q.speaker for q in found] == ["близкие 47-летней Анжелы"]


@pytest.mark.slow
def test_the_management_of_a_body_in_a_clause_of_its_own_speaks() -> None:
    text = (
        "Первой об этом сообщила газета Sun со ссылкой на свои источники, а во вторник "
        "руководство Би-би-си официально подтвердило, что контракт продлен."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["bbc"]


@pytest.mark.slow
def test_a_persons_entourage_speaks_not_the_person_or_the_subject_before() -> None:
    text = (
        "Келлогг — не единственный кандидат, называвшийся в СМИ, в частности, в окружении "
        "Трампа рассказывали, что эта роль интересна Борису Эпштейну."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["окружение Трампа"]


@pytest.mark.slow
def test_an_unowned_report_is_the_body_quoted_before() -> None:
    text = (
        "Воздушные силы заявили, что сбили 102 ракеты. В сводке также сказано, что для удара "
        "Россия привлекла семь бомбардировщиков."
    )
    speakers = [q.speaker for q in _quotes_with_models(text)]
    assert len(speakers) == 2 and speakers[0] == speakers[1]


@pytest.mark.slow
def test_a_preposition_is_no_name_after_a_line_break() -> None:
    text = (
        "ЦБ будет рассматривать повышение ставки, заявил советник главы ЦБ Тремасов\n\n"
        "По его словам, инфляция стремится к верхней границе прогноза."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Тремасов", "Тремасов"]


@pytest.mark.slow
def test_a_title_with_its_person_named_after_it_is_not_the_last_speaker() -> None:
    text = (
        "«Это наша песня», — сказал певец Аркадий Укупник.\n\n«Сервисы нужны, чтобы люди "
        "получали услуги в одном месте», — отметил вице-премьер, глава Аппарата Правительства "
        "Дмитрий Григоренко."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == [
        "Аркадий Укупник",
        "Дмитрий Григоренко",
    ]


@pytest.mark.slow
def test_a_foreign_ministry_by_its_adjective_is_not_russias() -> None:
    text = "Нетаньяху не будет задержан во Франции, — заявили во французском МИД."
    found = _quotes_with_models(text)
    assert [q.speaker for q in found] == ["МИД"]
    assert found[0].actor_id is None


@pytest.mark.slow
def test_a_resident_of_a_named_village_is_not_the_one_person_named() -> None:
    text = (
        "Чиновник Игорь Карпов послал колонку. Которую жительница деревни Лихун попросила "
        "установить в тысячный раз."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["жительница деревни Лихун"]


@pytest.mark.slow
def test_a_union_that_turned_to_a_ministry_and_asked_speaks() -> None:
    text = "Поэтому союз обратился в Минздрав и попросил создать базу граждан."
    assert [q.speaker for q in _quotes_with_models(text)] == ["союз"]


def test_about_this_after_a_dash_names_the_words_before() -> None:
    text = (
        "Латвия также присоединилась к запрету — об этом в интервью журналистам сообщила "
        "глава МИД Латвии Байба Браже."
    )
    found = _quotes(text, {"Байба Браже": "PER"})
    assert _brief(found) == [("Байба Браже", "Латвия также присоединилась к запрету")]


@pytest.mark.slow
def test_a_name_in_an_adverbial_after_the_cue_does_not_speak() -> None:
    text = (
        "Вашингтон не планирует поставлять оружие, заявили в Белом доме в ответ на слова Медведева."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["white-house"]


def test_one_of_a_group_after_the_cue_speaks() -> None:
    text = (
        "«Мы не должны позволить этому сдержать нас», — прокомментировал один из собеседников "
        "Би-би-си."
    )
    found = _quotes(text, {"Би-би-си": "ORG"})
    assert [q.speaker for q in found] == ["один из собеседников Би-би-си"]
    text = (
        "Риторика Путина направлена на Трампа, предположил в разговоре с Би-би-си один из "
        "бывших британских министров."
    )
    found = _quotes(text, {"Би-би-си": "ORG"})
    assert [q.speaker for q in found] == ["один из бывших британских министров"]


def test_about_this_with_an_aside_names_the_sentence_before() -> None:
    text = (
        "Банк развивает ESG-повестку и остается в ней лидером. Об этом, в рамках 29-ой "
        "конференции ООН по изменению климата в Баку, рассказал первый зампред правления "
        "Сбербанка Александр Ведяхин."
    )
    found = _quotes(text, {"Александр Ведяхин": "PER"})
    assert _brief(found) == [
        ("Александр Ведяхин", "Банк развивает ESG-повестку и остается в ней лидером")
    ]


@pytest.mark.slow
def test_a_surname_in_ov_read_only_as_a_familys_plural_stays_as_written() -> None:
    text = (
        "Депутат Милонов назвал холостяков ущербными людьми. Он заявил, что мужчины это понимают."
    )
    assert {q.speaker for q in _quotes_with_models(text)} == {"Милонов"}


def test_according_to_which_after_a_book_is_no_source() -> None:
    text = "Автор высказывания сослался на Библию, согласно которой мужчина должен жениться."
    assert _quotes(text) == []


@pytest.mark.slow
def test_a_foreign_name_that_does_not_decline_is_no_listener() -> None:
    text = (
        "«Нам необходимо продолжать доставлять в Украину оборонную помощь», — добавил Рютте "
        "(цитаты по «РБК-Украина»)."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Рютте"]


@pytest.mark.slow
def test_a_clause_after_an_inline_quotation_is_reported_by_the_shared_subject() -> None:
    text = (
        "В четверг премьер-министр Грузии Ираклий Кобахидзе обвинил «часть европейских "
        "политиков и бюрократов» во вмешательстве в парламентские выборы в Грузии и заявил, "
        "что страна не будет готова к переговорам еще четыре года."
    )
    found = _quotes_with_models(text)
    assert ("Ираклий Кобахидзе", "страна не будет готова к переговорам еще четыре года") in (
        _brief(found)
    )
    assert {q.speaker for q in found} == {"Ираклий Кобахидзе"}


@pytest.mark.slow
def test_plural_adjectives_opening_the_sentence_stand_for_people() -> None:
    text = (
        "Украинские мобилизованные массово жалуются, что им не дают батончики. Они говорят, "
        "что наёмникам выделяют вкусное питание."
    )
    speakers = [q.speaker for q in _quotes_with_models(text)]
    assert speakers == ["Украинские мобилизованные", "Украинские мобилизованные"]


@pytest.mark.slow
def test_a_title_named_in_its_own_subject_is_that_person_not_one_after_the_cue() -> None:
    text = (
        "Посол Евросоюза на Южном Кавказе Питер Семнеби и представители ПАСЕ призывают "
        "руководство Грузии отменить чрезвычайное положение как можно скорее."
    )
    assert [q.speaker for q in _quotes_with_models(text)][:1] == ["Питер Семнеби"]
    text = (
        "Путин отверг слова Меркель о собаке. Глава РФ пообещал в случае нового приезда "
        "Меркель в гости больше не подпускать к ней собак."
    )
    assert "Меркель" not in {q.speaker for q in _quotes_with_models(text)}


@pytest.mark.slow
def test_a_source_in_an_administration_speaks_not_the_administration() -> None:
    text = (
        "Россия запустила ракету. Отдельно источник в администрации указал, что США "
        "поставляют ракеты."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["источник в администрации"]


def test_a_name_after_a_dash_and_a_particle_is_a_predicate_not_a_source() -> None:
    text = "Единственные, кто сдали за это время из этого пантеона, - только VC.ru."
    assert _quotes(text, {"VC.ru": "ORG"}) == []


@pytest.mark.slow
def test_a_participle_of_a_cue_reports_only_with_what_was_said() -> None:
    text = (
        "Полиция провела обследование. Еще одно сообщение о мужчине, угрожающем взорвать "
        "метрополитен на станции метро «Щукинская», поступило от женщины."
    )
    assert _quotes_with_models(text) == []
    text = "Маск обвинил отставного подполковника Виндмана, заявившего о якобы связях бизнесмена."
    assert [q.speaker for q in _quotes_with_models(text)] == ["Виндман"]


@pytest.mark.slow
def test_memoirs_of_a_person_follow_from_that_person() -> None:
    text = (
        "Канцлер тормозила процесс вступления Украины в НАТО, следует из мемуаров бывшего "
        "канцлера Германии."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["бывший канцлер Германии"]


@pytest.mark.slow
def test_a_weekday_and_a_setting_after_the_cue_are_passed_to_the_speaker() -> None:
    text = (
        "Рост цен на новостройки в России прекращается, заявил в пятницу на заседании в РСПП "
        "замглавы Минстроя Никита Стасишин."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Никита Стасишин"]


@pytest.mark.slow
def test_a_lone_surname_as_written_is_the_woman_named_so_not_her_husband() -> None:
    text = (
        "Семья умершего автора песни Олега Парастаева заявила, что певец исполняет её без "
        "разрешения. Ирина Парастаева заявила, что близкие всегда рады каверам.\n\n«Мы "
        "приветствуем исполнение песни», — прокомментировала ситуацию Парастаева."
    )
    assert [q.speaker for q in _quotes_with_models(text)][-1] == "Ирина Парастаева"


@pytest.mark.slow
def test_the_press_office_of_a_man_speaks_for_him_in_the_nominative() -> None:
    text = (
        "Путин прибудет в Казахстан с государственным визитом 27 ноября, сообщила пресс-служба "
        "Токаева."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Токаев"]


@pytest.mark.slow
def test_a_foreign_name_that_does_not_decline_stays_as_written() -> None:
    text = (
        "Япония придерживается курса на заключение мирного договора, заявил в программной речи "
        "премьер-министр Японии Сигэру Исиба."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Сигэру Исиба"]


@pytest.mark.slow
def test_whom_a_letter_went_to_and_a_week_are_no_part_of_the_speaker() -> None:
    text = (
        "В начале октября АБР в письме регулятору сообщила, что средние и малые банки "
        "обеспокоены высокой стоимостью доработок."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["АБР"]
    text = (
        "Израильские военные на прошлой неделе подтверждали удары по транзитным маршрутам на "
        "сирийской границе."
    )
    assert [q.speaker for q in _quotes_with_models(text)] == ["Израильские военные"]


@pytest.mark.slow
def test_an_institution_speaks() -> None:
    text = (
        "Жительница обвинила воспитательницу детсада. В учреждении же говорят, что следы "
        "на теле мальчика появились из-за того, что он поранился дома."
    )
    assert [q.speaker for q in _quotes_with_models(text)][-1] == "учреждение"


def test_an_outlet_quotes_the_person_its_long_title_names() -> None:
    text = (
        "Если оплата не поступит на счета компании «Северный ток», поставки газа в Молдавию "
        "прекратятся в полночь 3 мая.\n\nКишинёв так и не погасил долг. «Нам сказали, что "
        "отключат газ в 00:00 второго числа. Значит, у нас есть ещё день», — цитирует "
        "«Лента.ру» пресс-секретаря молдавского министерства экономики Ирину Доброву."
    )
    names = {
        "Северный ток": "ORG",
        "Молдавию": "LOC",
        "Кишинёв": "LOC",
        "Лента.ру": "ORG",
        "Ирину Доброву": "PER",
    }
    assert [q.speaker for q in _quotes(text, names)][-1] == "Ирина Доброва"


def test_a_full_name_ner_missed_ends_a_title_phrase() -> None:
    text = (
        "«Нам отключат газ в полночь», — цитирует «Лента.ру» пресс-секретаря министерства "
        "Ирину Доброву."
    )
    assert [q.speaker for q in _quotes(text, {"Лента.ру": "ORG"})] == ["Ирина Доброва"]


def test_a_founder_speaks_not_the_body_founded() -> None:
    assert [q.speaker for q in _quotes("Основатель компании заявил, что продажа закрыта.")] == [
        "Основатель компании"
    ]

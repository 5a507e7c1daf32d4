"""The function-word pre-check answers only when py3langid would give the same answer."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from narrascope.text import detect_language, function_words
from narrascope.text.function_words import quick_language

# Short news-like paragraphs written for these tests, one per language that must never be
# answered: the Latin-script neighbours of English and the Cyrillic neighbours of Russian.
OTHER_LANGUAGES = {
    "de": (
        "Die Bundesregierung hat am Mittwoch in Berlin neue Hilfen für die Landwirtschaft "
        "beschlossen. Nach Angaben des Ministeriums sollen die Mittel vor allem kleinen Betrieben "
        "zugutekommen, die unter der langen Trockenheit des Sommers gelitten haben. Die "
        "Opposition kritisierte das Paket als zu spät und zu gering."
    ),
    "fr": (
        "Le gouvernement a annoncé mardi une série de mesures pour soutenir les petites "
        "entreprises touchées par la hausse des prix de l'énergie. Selon le ministre de "
        "l'Économie, ces aides seront versées dès le mois prochain et concerneront plus de deux "
        "cent mille sociétés dans tout le pays."
    ),
    "es": (
        "El presidente del Gobierno se reunió el lunes en Madrid con los representantes de las "
        "principales organizaciones sindicales para discutir la reforma de las pensiones. Según "
        "fuentes del Ministerio de Trabajo, las conversaciones continuarán la próxima semana y no "
        "se descarta un acuerdo antes del verano."
    ),
    "it": (
        "Il consiglio comunale di Torino ha approvato ieri sera il nuovo piano per il trasporto "
        "pubblico, che prevede più autobus elettrici e una linea della metropolitana fino "
        "all'aeroporto. Secondo il sindaco, i lavori dovrebbero cominciare entro la fine "
        "dell'anno e durare almeno cinque anni."
    ),
    "pt": (
        "O governo brasileiro anunciou nesta quinta-feira um novo programa de investimentos em "
        "infraestrutura, com foco em estradas e portos no Norte do país. De acordo com o "
        "ministro, os recursos serão liberados ao longo dos próximos três anos e devem gerar "
        "milhares de empregos."
    ),
    "nl": (
        "De gemeenteraad van Utrecht heeft dinsdagavond ingestemd met een plan om het centrum "
        "autoluw te maken. Volgens de wethouder moeten de eerste maatregelen al in het voorjaar "
        "ingaan, maar ondernemers in de binnenstad zijn bang dat hun klanten wegblijven en willen "
        "eerst meer overleg."
    ),
    "pl": (
        "Rząd przyjął we wtorek projekt ustawy o wsparciu dla rolników, którzy ucierpieli w "
        "wyniku tegorocznej suszy. Jak poinformował minister rolnictwa, pierwsze wypłaty mają "
        "trafić do gospodarstw jeszcze przed końcem roku."
    ),
    "sv": (
        "Regeringen presenterade på torsdagen ett nytt förslag om sänkt skatt för pensionärer. "
        "Enligt finansministern ska förändringen träda i kraft redan nästa år och omfatta mer än "
        "en miljon personer i hela landet."
    ),
    "ro": (
        "Guvernul a aprobat miercuri un nou program de sprijin pentru fermierii afectați de "
        "secetă. Potrivit ministrului Agriculturii, banii vor fi plătiți până la sfârșitul "
        "anului, iar cererile pot fi depuse online."
    ),
    "id": (
        "Pemerintah daerah Jakarta mengumumkan pada hari Senin bahwa jalur bus baru akan dibuka "
        "bulan depan untuk mengurangi kemacetan di pusat kota. Menurut gubernur, proyek ini "
        "didanai dari anggaran tahun ini dan akan selesai sebelum musim hujan."
    ),
    "uk": (
        "Уряд України у вівторок ухвалив рішення про виділення додаткових коштів на відновлення "
        "шкіл у прикордонних областях. За словами міністра освіти, ремонт має завершитися до "
        "початку нового навчального року, а частину робіт фінансуватимуть міжнародні партнери."
    ),
    "be": (
        "У Мінску ў панядзелак адбылася сустрэча прадстаўнікоў урада з кіраўнікамі буйных "
        "прадпрыемстваў. Бакі абмеркавалі план развіцця прамысловасці на наступны год і "
        "праблемы з пастаўкамі сыравіны, якія ўзніклі ў апошнія месяцы."
    ),
    "bg": (
        "Правителството одобри в сряда проекта на бюджета за следващата година, който предвижда "
        "увеличение на разходите за здравеопазване и образование. Според финансовия министър "
        "дефицитът ще остане под три процента, но опозицията смята, че прогнозите са твърде "
        "оптимистични."
    ),
    "bg-plain": (  # no че/ще/това: only the missing ы/э and "през" give it away
        "Министърът на отбраната посети в понеделник военната база край Ямбол и разговаря с "
        "командирите за състоянието на техниката и за подготовката на войниците през зимния "
        "сезон, а после се срещна с кмета на града."
    ),
    "sr": (
        "Влада Србије је у четвртак усвојила предлог закона о изменама пореског система, који би "
        "требало да олакша пословање малим предузећима. Према речима министра финансија, нове "
        "мере ће ступити на снагу почетком следеће године."
    ),
    "mk": (
        "Владата во средата ги усвои измените на законот за јавни набавки. Според министерот, "
        "новите правила ќе овозможат поголема транспарентност и ќе ја намалат корупцијата во "
        "општините низ целата земја."
    ),
    "kk": (
        "Қазақстан үкіметі сейсенбі күні ауыл шаруашылығын қолдаудың жаңа бағдарламасын "
        "бекітті. Министрдің айтуынша, қаржы ең алдымен шағын шаруа қожалықтарына бөлінеді және "
        "алғашқы төлемдер көктемде басталады."
    ),
    "ky": (
        "Кыргызстандын өкмөтү дүйшөмбү күнү жаңы жолдорду курууга кошумча каражат бөлүүнү "
        "чечти. Министрдин айтымында, иштер жайында башталып, күзгө чейин бүтүшү керек."
    ),
    "mn": (
        "Монгол Улсын Засгийн газар мягмар гарагт эрчим хүчний салбарыг шинэчлэх төлөвлөгөөг "
        "баталлаа. Сайдын хэлснээр, шинэ станцын барилгын ажил ирэх жил эхэлнэ."
    ),
}

# English and Russian mixed in one sample: no answer.
MIXED = {
    "en-then-ru": (
        "The Kremlin said on Tuesday that the talks would continue next week. Песков заявил "
        "журналистам, что переговоры продолжатся в Женеве, и добавил, что Москва по-прежнему "
        "готова к диалогу с Вашингтоном."
    ),
    "ru-then-en": (
        "Министр заявил, что решение было принято после долгих консультаций с партнёрами. "
        "The minister said the decision had been taken after long consultations with partners "
        "and that it would be reviewed in the spring."
    ),
    "en-with-german-quote": (
        "The chancellor told reporters in Berlin that the plan was final. „Wir werden die "
        "Hilfen nicht kürzen, und das ist unser letztes Wort“, sagte er nach der Sitzung des "
        "Kabinetts am Mittwoch."
    ),
}

ENGLISH = {
    "blinken": (
        "WASHINGTON, March 3 — Secretary of State Antony Blinken said on Friday that the United "
        "States would send another $400 million in aid, adding: “We will stand with our partners "
        "for as long as it takes.” The announcement came after a two-hour meeting with NATO "
        "foreign ministers in Brussels."
    ),
    "shares": (
        "Shares of the carmaker fell 4.2% in early trading on Monday after the company said it "
        "had delivered 1.3 million vehicles in 2022, below the 1.5 million that analysts had "
        "expected. Its chief executive told investors that demand in China was “very strong”."
    ),
    "typographic": (
        "The bank’s chief economist said on Tuesday that it wasn’t clear whether the €2.5 "
        "billion programme, which runs from 2024–2026, would be extended, and that the board "
        "didn’t expect a decision on it before the summer."
    ),
    "accented-names": (
        "Turkey’s President Recep Tayyip Erdoğan told reporters in Ankara on Monday that he would "
        "meet the leaders of France and Germany after the summit, which was held in the city of "
        "São Paulo for the first time."
    ),
    "rates": (
        "The central bank raised its benchmark interest rate by half a percentage point to 3.5% "
        "on Thursday, its ninth increase in a row, and warned that inflation, which reached "
        "10.7% in November, would stay high for much of next year."
    ),
}

# Three lower-case name particles (von, der, da) are one more than allowed: left to py3langid.
MANY_PARTICLES = (
    "Ursula von der Leyen met Brazil's President Luiz Inácio Lula da Silva in Brasília on "
    "Monday, where the two leaders said that a long-delayed trade deal between the European "
    "Union and the Mercosur bloc was closer than it had been for years."
)

RUSSIAN = {
    "lavrov": (
        "МОСКВА, 14 марта. Министр иностранных дел России Сергей Лавров заявил во вторник, что "
        "Москва готова продолжить переговоры с Вашингтоном по стратегической стабильности. «Мы "
        "никогда не отказывались от диалога, но он должен быть равноправным», — сказал он."
    ),
    "rate": (
        "Центральный банк в пятницу сохранил ключевую ставку на уровне 7,5% годовых. Как "
        "отметила глава регулятора Эльвира Набиуллина, инфляция в феврале замедлилась до 11% и, "
        "по прогнозу банка, к концу 2023 года вернётся к цели в 4%."
    ),
    "abbreviations": (
        "Правительство объявило, что с 1 июля, т.е. уже через три месяца, тарифы на "
        "электроэнергию для населения вырастут на 9,8%. По словам вице-премьера, это решение "
        "было согласовано с регионами ещё в феврале."
    ),
    "forum": (
        "В Санкт-Петербурге завершился международный экономический форум, на котором было "
        "подписано более 900 соглашений на общую сумму 3,8 трлн рублей. Губернатор города "
        "Александр Беглов назвал итоги форума «рекордными», а участники — «очень полезными»."
    ),
}


@pytest.mark.parametrize("language", sorted(OTHER_LANGUAGES))
def test_other_languages_are_never_answered(language: str) -> None:
    assert quick_language(OTHER_LANGUAGES[language]) is None


@pytest.mark.parametrize("name", sorted(MIXED))
def test_mixed_english_and_russian_is_not_answered(name: str) -> None:
    assert quick_language(MIXED[name]) is None


@pytest.mark.parametrize("name", sorted(ENGLISH))
def test_english_news_is_english(name: str) -> None:
    assert quick_language(ENGLISH[name]) == "en" == detect_language(ENGLISH[name])


def test_english_with_many_name_particles_is_left_to_langid() -> None:
    assert detect_language(MANY_PARTICLES) == "en"
    assert quick_language(MANY_PARTICLES) is None


@pytest.mark.parametrize("name", sorted(RUSSIAN))
def test_russian_news_is_russian(name: str) -> None:
    assert quick_language(RUSSIAN[name]) == "ru" == detect_language(RUSSIAN[name])


LITTLE_OR_NO_TEXT = {
    "empty": "",
    "whitespace": "   \n\t ",
    "digits": "1234567890 2023 17:45 3,8 — 12.5%",
    "punctuation": "...!!! ??? «» “” — –",
    "one-word": "The",
    "short-en": "The talks will continue.",
    "short-ru": "Переговоры продолжатся.",
    "en-function-words": "the of and to in is that for on with",  # however English it looks
    "ru-function-words": "и в не на что с по о к как",
    "all-caps": "THE TALKS WILL CONTINUE IN GENEVA AFTER THE MINISTERS MEET THE PRESS ON FRIDAY",
    "emoji": "😀 " * 40,
    "lone-surrogates": "\ud800 the of and \udfff",
}


@pytest.mark.parametrize("name", sorted(LITTLE_OR_NO_TEXT))
def test_little_or_no_text_is_not_answered(name: str) -> None:
    assert quick_language(LITTLE_OR_NO_TEXT[name]) is None


def test_word_sets_do_not_overlap() -> None:
    fw = function_words
    assert not fw._ENGLISH & (fw._FOREIGN_LATIN | fw._PARTICLES)
    assert not fw._FOREIGN_LATIN & fw._PARTICLES
    assert not fw._RUSSIAN & fw._OTHER_CYRILLIC
    assert fw._RUSSIAN_ONLY <= fw._RUSSIAN
    assert set(fw._NON_RUSSIAN_BYTES.decode("cp1251")) == set("ЂЃѓЉЊЌЋЏђљњќћџЎўЈҐЄЇІіґµєјЅѕї")


_PIECES = st.sampled_from(
    [
        "the", "The", "of", "and", "said", "in", "was", "de", "la", "und", "Putin", "talks",
        "и", "в", "что", "это", "был", "не", "на", "че", "ще", "і", "ў", "Путин", "заявил",
        "ы", "э", "é", "ß", "2023", ",", ".", "«", "»", "“", "—", " ", " ", " ", "\n",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=120).map(" ".join),
    st.lists(_PIECES, max_size=120).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_never_raises_and_answers_only_en_ru_or_none(text: str) -> None:
    assert quick_language(text) in (None, "en", "ru")

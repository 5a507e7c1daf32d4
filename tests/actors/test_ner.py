"""Named-entity mentions (spaCy for English), on sentences we wrote."""

from __future__ import annotations

import pytest
from tests.conftest import make_article

from narrascope.actors import ActorExtractor
from narrascope.text import segment

pytestmark = pytest.mark.slow


def _people(text: str) -> list[tuple[str, int]]:
    article = make_article(text)
    mentions = ActorExtractor().extract(article, segment(article.id, text, "en"))
    return [(m.text, m.char_start) for m in mentions if m.ner_type == "PER"]


def test_a_name_tagged_once_is_a_person_wherever_it_recurs() -> None:
    text = (
        "Speaking from a detention centre in Dnipro, a Russian soldier named Timur, 37, told "
        'the newspaper: "Conditions were very harsh."\n\nHe said doctors changed his '
        "medication.\n\nTimur, who had no military experience said he had two weeks of "
        "training before being sent to the front where the bloodiest battles happened."
    )
    assert _people(text) == [("Timur", text.index("Timur")), ("Timur", text.rindex("Timur"))]


def test_a_name_the_article_also_writes_in_lower_case_is_not_repeated() -> None:
    text = (
        "A farmer named Hope told us the harvest had failed. Hope is what the village lacks "
        "now, the mayor said, and there is little hope left."
    )
    assert _people(text) == [("Hope", text.index("Hope"))]


def test_the_surname_of_a_full_name_is_the_same_person_alone() -> None:
    text = (
        "Bill Gates spoke in Sydney. Gates reportedly told a group of advocates that the "
        "narrative was exaggerated."
    )
    assert _people(text) == [("Bill Gates", 0), ("Gates", text.index("Gates reportedly"))]


def test_a_surname_typed_an_organisation_is_the_person_named_in_full() -> None:
    text = (
        "Hungarian Prime Minister Viktor Orbán met the chancellor. One of the main sticking "
        "points is Orbán’s position on the war."
    )
    assert _people(text) == [
        ("Viktor Orbán", text.index("Viktor")),
        ("Orbán", text.rindex("Orbán")),
    ]


def test_a_surname_with_particles_stays_one_person() -> None:
    text = (
        "Farmers Defence Force leader Mark Van den Oever announced a protest. "
        "Rafael van der Vaart said he was happy. Joe Biden said The Hague would decide."
    )
    names = [name for name, _ in _people(text)]
    assert "Mark Van den Oever" in names
    assert "Rafael van der Vaart" in names
    assert "Joe Biden" in names  # no particle: "said The Hague" stays out


@pytest.mark.slow
def test_a_name_with_a_person_apposition_is_a_person() -> None:
    text = (
        "Florian Philippot, leader of the Patriots party and a critic of Western aid, has "
        "alleged that the aid is stolen."
    )
    article = make_article(text)
    mentions = ActorExtractor().extract(article, segment(article.id, text, "en"))
    assert ("Florian Philippot", "PER") in {(m.text, m.ner_type) for m in mentions}


def test_a_person_of_a_body_the_model_joined_is_two_names() -> None:
    text = (
        "Illia Ponomarenko of the Kyiv Independent claims that the new kits turn bombs into "
        "smart ones. According to Ponomarenko, they are a threat."
    )
    assert ("Illia Ponomarenko", 0) in _people(text)
    body = "Researchers at the Wuhan Institute of Virology said the samples were lost."
    article = make_article(body)
    mentions = ActorExtractor().extract(article, segment(article.id, body, "en"))
    assert "Wuhan Institute of Virology" in {m.text for m in mentions}

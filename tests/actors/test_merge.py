"""Actor keys: one key per person across case, inflection, script and surname-only mentions."""

from __future__ import annotations

import pytest

from narrascope.actors.merge import actor_key, person_key


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Виктор Логинов", "ru"),
        ("Виктора Логинова", "ru"),
        ("Виктором Логиновым", "ru"),
        ("Viktor Loginov", "en"),
    ],
)
def test_a_full_name_has_one_key_in_every_case_and_script(name: str, language: str) -> None:
    assert person_key(name, language) == "loginov.v"


@pytest.mark.parametrize("name", ["Виктор Орбан", "Виктора Орбана", "Виктором Орбаном"])
def test_a_foreign_surname_the_dictionary_lacks_keeps_one_key(name: str) -> None:
    assert person_key(name, "ru") == "orban.v"


@pytest.mark.parametrize(
    ("surname", "full_names", "key"),
    [
        ("Орбан", ["orban.v"], "~orban.v"),
        ("Орбану", ["orban.v"], "~orban.v"),
        ("Вучича", ["vuchich.a"], "~vuchich.a"),
        ("Гелетея", ["geletei.v"], "~geletei.v"),
        ("Толстыкина", ["tolstikina.l"], "~tolstikina.l"),
        ("Орбану", [], "~orbanu"),  # no full name in the article: left as it is
        ("Попова", ["popov.i", "popova.d"], "~popov"),  # two people it may be: neither
    ],
)
def test_a_lone_surname_takes_the_full_name_of_the_article(
    surname: str, full_names: list[str], key: str
) -> None:
    assert actor_key(surname, "PER", None, "ru", full_names) == key


def test_two_people_speaking_together_are_neither_one_alone() -> None:
    pair = actor_key("Maria Lopez and Daniel Okafor", "PER", None, "en")
    assert pair != actor_key("Daniel Okafor", "PER", None, "en")
    assert pair == actor_key("Maria Lopez and Daniel Okafor", "PER", None, "en")

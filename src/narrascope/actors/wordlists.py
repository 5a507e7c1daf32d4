"""The packaged word lists of :mod:`narrascope.actors` (``data/*.yaml``), read strictly.

Each file maps a list name to its words per language. YAML 1.1 reads a bare ``on``, ``no``,
``yes`` or ``false`` as a boolean, which would silently drop that word from a list; such a
word must be quoted, and any entry that is not a string is an error naming the file and list.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

__all__ = ["load_word_lists", "parse_word_lists"]


@cache
def load_word_lists(filename: str) -> dict[str, frozenset[str]]:
    """The lists of ``narrascope/actors/data/<filename>``, each merged over its languages
    (read once per process; the dict is shared, do not modify it)."""
    text = (resources.files("narrascope.actors") / "data" / filename).read_text(encoding="utf-8")
    return parse_word_lists(text, filename)


def parse_word_lists(text: str, filename: str) -> dict[str, frozenset[str]]:
    """The lists of YAML ``text`` (``{list: {language: [word, …]}}``); ``ValueError`` naming
    ``filename`` and the list when an entry is not a string."""
    lists: dict[str, frozenset[str]] = {}
    for name, by_lang in yaml.safe_load(text).items():
        words: set[str] = set()
        for lang, entries in by_lang.items():
            wrong = [w for w in entries if not isinstance(w, str)]
            if wrong:
                raise ValueError(
                    f"{filename}: list {name!r} ({lang}) holds {wrong[0]!r}, not a word; "
                    "quote it (YAML reads bare on/no/yes/false as booleans)"
                )
            words.update(entries)
        lists[name] = frozenset(words)
    return lists

"""The English attribution benchmark's loader and speaker rule on files we write: articles read
from a SemEval-style folder, changed or missing ones left out with a note, absent data skipped,
English names matched by surname and by the head noun of a phrase."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.conftest import REPO_ROOT

TEXT = "Talks in Geneva\n\nForeign Minister Sergei Lavrov said the talks were going well."


def _load(name: str) -> ModuleType:
    path = REPO_ROOT / "bench" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses and sibling import look it up
    spec.loader.exec_module(module)
    return module


def _row(name: str) -> dict[str, object]:
    speaker, content = TEXT.index("Sergei Lavrov"), TEXT.index("the talks were")
    return {
        "corpus": "semeval-en",
        "file": name,
        "split": "semeval-en-tune",
        "sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
        "attributions": [
            {
                "speaker": "Sergei Lavrov|Lavrov",
                "speaker_type": "per",
                "speaker_start": speaker,
                "speaker_end": speaker + len("Sergei Lavrov"),
                "content_start": content,
                "content_end": TEXT.index(".", content),
                "split": "semeval-en-tune",
            }
        ],
    }


@pytest.fixture
def bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmark reading a gold file of three rows: a kept, a changed and a missing article."""
    _load("bench_attribution_ru")  # the sibling it imports
    module = _load("bench_attribution_en")
    docs = tmp_path / "semeval" / "EN" / "raw-documents"
    docs.mkdir(parents=True)
    (docs / "a.txt").write_text(TEXT, encoding="utf-8")
    (docs / "b.txt").write_text(TEXT + " More.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(_row(n)) + "\n" for n in ("a.txt", "b.txt", "c.txt")))
    monkeypatch.setattr(module, "GOLD", gold)
    return module


def test_articles_load_as_english_and_changed_or_missing_ones_are_named(
    bench: ModuleType, tmp_path: Path
) -> None:
    folder = tmp_path / "semeval"
    posts, notes = bench.load_articles(folder, frozenset({"semeval-en-tune"}))
    assert [(p.key, p.language) for p in posts] == [("semeval-en:a.txt", "en")]
    docs = folder / "EN" / "raw-documents"
    assert [n.split(": ", 1)[1] for n in notes] == [
        f"{docs / 'b.txt'} text changed; left out",
        f"{docs / 'c.txt'} not found (pass --semeval DIR); left out",
    ]
    assert bench.load_articles(folder, frozenset({"semeval-en-test"})) == ([], [])


def test_no_data_exits_cleanly_and_unknown_splits_are_named(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--semeval", str(tmp_path / "absent")]) == 0
    assert "skipped (pass --semeval DIR)" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        bench.main(["--semeval", str(tmp_path), "--split", "semeval-en-dev"])
    assert "unknown split semeval-en-dev" in capsys.readouterr().err


def test_english_names_match_by_surname_and_head_noun() -> None:
    ru = _load("bench_attribution_ru")
    assert ru._names_match("Lavrov", "Sergei Lavrov", "per", "en")
    assert not ru._names_match("Maria Zakharova", "Sergei Lavrov", "per", "en")
    assert ru._names_match("scientists", "climate scientists", "noun", "en")
    assert ru._names_match("officials", "senior officials in Kyiv", "noun", "en")
    assert not ru._names_match("Russia", "Russian Foreign Ministry", "org", "en")
    assert not ru._names_match("Kyiv", "senior officials in Kyiv", "noun", "en")


@pytest.mark.slow
def test_the_scorer_counts_a_right_english_speaker_once(bench: ModuleType, tmp_path: Path) -> None:
    from narrascope.actors import ActorExtractor, QuoteExtractor

    posts, _ = bench.load_articles(tmp_path / "semeval", frozenset({"semeval-en-tune"}))
    actors = ActorExtractor()
    report = bench.ru.run(posts, (actors, QuoteExtractor(actors.registry)), errors=False)
    assert (report["n_gold"], report["n_predicted"]) == (1, 1)
    assert report["speaker"]["f1"] == 1.0

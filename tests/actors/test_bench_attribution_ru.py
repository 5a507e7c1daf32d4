"""The Russian attribution benchmark's loader and scorer on files we write: article corpora read
from a folder, texts that changed or went missing left out with a note, absent data skipped."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from tests.conftest import REPO_ROOT

TEXT = "Лавров провёл переговоры\n\nСергей Лавров заявил, что переговоры идут успешно."


def _bench() -> ModuleType:
    path = REPO_ROOT / "bench" / "bench_attribution_ru.py"
    spec = importlib.util.spec_from_file_location("bench_attribution_ru", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def _row(name: str, text: str) -> dict[str, object]:
    speaker, content = text.index("Сергей Лавров"), text.index("переговоры идут")
    return {
        "corpus": "factru",
        "file": f"devset/{name}",
        "message_id": None,
        "split": "factru-tune",
        "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "attributions": [
            {
                "speaker": "Сергей Лавров|Лавров",
                "speaker_type": "per",
                "speaker_start": speaker,
                "speaker_end": speaker + len("Сергей Лавров"),
                "content_start": content,
                "content_end": text.index(".", content),
                "split": "factru-tune",
            }
        ],
    }


@pytest.fixture
def bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The benchmark reading a gold file of three rows: a kept, a changed and a missing article."""
    module = _bench()
    (tmp_path / "factru" / "devset").mkdir(parents=True)
    (tmp_path / "factru" / "devset" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "factru" / "devset" / "b.txt").write_text(TEXT + " Дополнение.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [_row(name, TEXT) for name in ("a.txt", "b.txt", "c.txt")]
    gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    monkeypatch.setattr(module, "GOLD", gold)
    return module


def test_articles_load_and_changed_or_missing_ones_are_named(
    bench: ModuleType, tmp_path: Path
) -> None:
    folders = {"factru": tmp_path / "factru"}
    posts, notes = bench.load_posts(folders, frozenset({"factru-tune"}))
    assert [p.key for p in posts] == ["factru:devset/a.txt"]
    assert posts[0].text == TEXT
    assert [n.split(": ", 1)[1] for n in notes] == [
        f"{tmp_path / 'factru' / 'devset' / 'b.txt'} text changed; left out",
        f"{tmp_path / 'factru' / 'devset' / 'c.txt'} not found (pass --factru DIR); left out",
    ]


def test_splits_without_their_folder_are_skipped(bench: ModuleType, tmp_path: Path) -> None:
    folders = {"telegram": None, "semeval": None, "factru": tmp_path / "factru"}
    splits = frozenset({"factru-tune", "semeval-tune", "tune"})
    assert bench.available_splits(splits, folders) == frozenset({"factru-tune"})
    assert bench.available_splits(splits, {"factru": tmp_path / "none"}) == frozenset()


def test_no_data_at_all_exits_cleanly(
    bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    absent = str(tmp_path / "absent")
    args = ["--data", absent, "--semeval", absent, "--factru", absent, "--split", "factru-tune"]
    assert bench.main(args) == 0
    assert "no data for factru-tune" in capsys.readouterr().out


@pytest.mark.slow
def test_the_scorer_counts_a_right_speaker_once(bench: ModuleType, tmp_path: Path) -> None:
    from narrascope.actors import ActorExtractor, QuoteExtractor

    posts, _ = bench.load_posts({"factru": tmp_path / "factru"}, frozenset({"factru-tune"}))
    actors = ActorExtractor()
    report = bench.run(posts, (actors, QuoteExtractor(actors.registry)), errors=False)
    assert (report["n_gold"], report["n_predicted"]) == (1, 1)
    assert report["speaker"]["f1"] == 1.0


def test_a_second_annotation_is_scored_against_the_gold(
    bench: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    agreeing = _row("a.txt", TEXT)
    other = json.loads(json.dumps(agreeing))
    other["attributions"][0]["speaker"] = "Мария Захарова"  # same words, another speaker
    extra = dict(other["attributions"][0], content_start=0, content_end=10)  # not in the gold
    other["attributions"].append(extra)
    second = tmp_path / "second.jsonl"
    monkeypatch.setattr(bench, "SECOND", second)
    posts, _ = bench.load_posts({"factru": tmp_path / "factru"}, frozenset({"factru-tune"}))
    for row, speaker_f1, content_precision in ((agreeing, 1.0, 1.0), (other, 0.0, 0.5)):
        second.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
        report = bench.agreement(posts, frozenset({"factru-tune"}))
        assert report["posts"] == 1
        assert report["speaker"]["f1"] == speaker_f1
        assert report["content"]["precision"] == content_precision

"""annotations import, ingest-semeval, train, evaluate and export predictions via CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT, TEST_DATA, make_article
from typer.testing import CliRunner

from narrascope.cli import app
from narrascope.store import Store
from narrascope.text import segment

runner = CliRunner()
SEMEVAL = TEST_DATA / "semeval"
SAMPLE = REPO_ROOT / "src" / "narrascope" / "sample"
CODEBOOK = (TEST_DATA / "codebooks" / "mini.yaml").read_text(encoding="utf-8")


def _run(db: Path, *args: str) -> object:
    return runner.invoke(app, ["--db", str(db), *args])


@pytest.fixture
def small(tmp_path: Path) -> tuple[Path, Path]:
    """A store with four articles, a codebook file and a gold file with two coders."""
    db, cb = tmp_path / "s.duckdb", tmp_path / "mini.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    texts = [
        "Washington applies double standards again.",
        "India is a reliable partner, officials said.",
        "The weather was fine in Moscow.",
        "Critics see double standards in the ruling.",
    ]
    arts = [make_article(t, url=f"u{i}") for i, t in enumerate(texts)]
    with Store(db) as store:
        store.write_articles(arts, [s for a in arts for s in segment(a.id, a.text, "en")])
    rows = [
        {"url": "u0", "annotator": "x", "labels": ["double-standards"]},
        {"url": "u1", "annotator": "x", "labels": ["partners"]},
        {"url": "u2", "annotator": "x", "labels": []},
        {"url": "u3", "annotator": "x", "labels": ["double-standards", "unheard-of"]},
        {"url": "u0", "annotator": "y", "labels": ["double-standards"]},
        {"url": "nowhere", "annotator": "y", "labels": []},
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return db, cb, gold  # type: ignore[return-value]


def test_import_analyze_evaluate(small) -> None:  # type: ignore[no-untyped-def]
    db, cb, gold = small
    result = _run(db, "annotations", "import", str(gold), "--codebook", str(cb))
    assert result.exit_code == 0, result.output
    assert "unheard-of" in result.output and "nowhere" in result.output
    assert _run(db, "-q", "analyze", "--codebook", str(cb), "--detectors", "lexicon").exit_code == 0
    result = _run(
        db, "evaluate", "--annotator", "x", "--codebook", str(cb), "--json", "--bootstrap", "50"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (lexicon,) = data["detectors"]
    assert lexicon["samples_f1"] == 1.0
    assert data["unknown_gold_labels"] == {"unheard-of": 1}
    assert data["coder_alpha"]["x~y"]["double-standards"] is None  # no variation: undefined
    table = _run(db, "evaluate", "--annotator", "x", "--codebook", str(cb), "--bootstrap", "20")
    assert "samples F1" in table.output and "alpha" in table.output
    cv = _run(
        db,
        "evaluate",
        "--cv",
        "2",
        "--detector",
        "lexicon",
        "--codebook",
        str(cb),
        "--annotator",
        "x",
        "--json",
        "--bootstrap",
        "20",
    )
    assert cv.exit_code == 0, cv.output
    assert json.loads(cv.stdout)["cv_folds"] == 2


@pytest.mark.parametrize("flag", ["--strict", "--no-drop-rare"])
def test_strict_train_with_too_few_examples_fails_with_counts(small, tmp_path, flag) -> None:  # type: ignore[no-untyped-def]
    db, cb, gold = small
    _run(db, "annotations", "import", str(gold), "--codebook", str(cb))
    args = ["train", "--codebook", str(cb), "--annotator", "x", "--no-embeddings", "--cv", "0"]
    result = _run(db, *args, "--out", str(tmp_path / "m"), flag)
    assert result.exit_code == 9
    assert "double-standards (2 of 4)" in result.output and "partners (1 of 4)" in result.output
    # by default the rare label is left out, with its count, and the rest is trained
    result = _run(db, *args, "--out", str(tmp_path / "m"), "--min-examples", "2")
    assert result.exit_code == 0, result.output
    assert "partners (1 of 4)" in " ".join(result.output.split())
    assert "1 labels" in result.output


def _semeval_with_more_documents(tmp_path: Path) -> Path:
    """The SemEval fixture plus two English documents, so that one narrative has 3 examples."""
    root = tmp_path / "semeval"
    shutil.copytree(SEMEVAL, root)
    lines = []
    for n in (5, 6):
        name = f"EN_UA_00{n}.txt"
        (root / "EN" / "raw-documents" / name).write_text(
            f"Sanctions backfire, report {n} says\n\nThe sanctions hurt European industry "
            f"more than Moscow, according to report number {n}.\n",
            encoding="utf-8",
        )
        lines.append(
            f"{name}\tURW: Negative Consequences for the West\tURW: Negative Consequences for "
            "the West: Sanctions imposed by Western countries will backfire\n"
        )
    with (root / "EN" / "subtask-2-annotations.txt").open("a", encoding="utf-8") as f:
        f.writelines(lines)
    return root


def test_train_after_ingest_semeval_needs_no_flags(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "se.duckdb"
    assert _run(db, "ingest-semeval", str(_semeval_with_more_documents(tmp_path))).exit_code == 0
    result = _run(db, "train", "--out", str(tmp_path / "m"), "--no-embeddings")
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "codebook semeval, 2 labels, 8 articles" in output
    assert "left out 8 labels with too few examples" in output  # "Other" is a rule, not left out
    assert "urw-praise-russia (1 of 8)" in output and "cc-policies (1 of 8)" in output
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["codebook_id"] == "semeval"
    assert "other" in manifest["rule_labels"]
    assert manifest["labels"] == [
        "urw-consequences-west",
        "urw-consequences-west-sanctions-backfire",
    ]


def test_semeval_ingest_and_prediction_export(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "se.duckdb"
    result = _run(db, "ingest-semeval", str(SEMEVAL))
    assert result.exit_code == 0, result.output
    assert "stored 6 documents" in result.output and "EN_UA_999" in result.output
    assert (
        _run(db, "-q", "analyze", "--codebook", "semeval", "--detectors", "lexicon").exit_code == 0
    )
    out = tmp_path / "pred.txt"
    result = _run(db, "export", "predictions", "--format", "semeval", "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6 and all(len(line.split("\t")) == 3 for line in lines)
    english = tmp_path / "pred-en.txt"
    result = _run(db, "export", "predictions", "--format", "semeval", "--language", "en",
                  "--out", str(english))  # fmt: skip
    assert result.exit_code == 0, result.output
    ids = [line.split("\t")[0] for line in english.read_text(encoding="utf-8").splitlines()]
    assert ids and all(i.startswith("EN_") for i in ids)
    bad = _run(db, "export", "predictions", "--format", "csv", "--out", str(out))
    assert bad.exit_code == 2


@pytest.mark.slow
def test_learned_detectors_beat_the_lexicon_on_the_sample_gold(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from narrascope.ingest import IngestOptions, ingest

    db = tmp_path / "sample.duckdb"
    with Store(db) as store:
        ingest(
            [SAMPLE / "articles.jsonl", SAMPLE / "pages", SAMPLE / "feed.xml"],
            store,
            options=IngestOptions(),
        )
    assert _run(db, "annotations", "import", str(SAMPLE / "gold.jsonl")).exit_code == 0
    result = _run(
        db,
        "evaluate",
        "--cv",
        "3",
        "--annotator",
        "coder-a",
        "--json",
        "--detector",
        "lexicon,ensemble",
        "--bootstrap",
        "100",
    )
    assert result.exit_code == 0, result.output
    scores = {d["detector"]: d for d in json.loads(result.stdout)["detectors"]}
    print({k: round(v["micro_f1"], 3) for k, v in scores.items()})
    assert scores["ensemble"]["micro_f1"] > scores["lexicon"]["micro_f1"]
    assert scores["ensemble"]["samples_f1"] > scores["lexicon"]["samples_f1"]


def test_evaluate_refuses_to_score_a_model_on_its_training_articles(small, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, cb, gold = small
    assert _run(db, "annotations", "import", str(gold), "--codebook", str(cb)).exit_code == 0
    model = tmp_path / "model"
    trained = _run(
        db, "-q", "train", "--codebook", str(cb), "--annotator", "x", "--out", str(model),
        "--min-examples", "1", "--drop-rare", "--no-embeddings", "--cv", "0",
    )  # fmt: skip
    assert trained.exit_code == 0, trained.output
    analyzed = _run(
        db, "-q", "analyze", "--codebook", str(cb), "--detectors", "supervised", "--model",
        str(model),
    )  # fmt: skip
    assert analyzed.exit_code == 0, analyzed.output
    args = ["evaluate", "--annotator", "x", "--codebook", str(cb), "--bootstrap", "20"]
    refused = _run(db, *args)
    assert refused.exit_code == 2
    assert "trained on" in refused.output and "supervised: 4 of 4" in refused.output
    marked = _run(db, *args, "--include-training", "--json")
    assert marked.exit_code == 0, marked.output
    (scores,) = json.loads(marked.stdout)["detectors"]
    assert scores["trained_on"] == 4
    table = _run(db, *args, "--include-training")
    assert "these scores flatter it" in " ".join(table.output.split())

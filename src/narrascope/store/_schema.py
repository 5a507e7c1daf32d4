"""Schema of the store: tables, indexes and migrations."""

from __future__ import annotations

DEFAULT_DB = "narrascope.duckdb"
SCHEMA_VERSION = 6
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
    "frontier",
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

# v2: sentences become spans on their article (two int lists) behind a ``sentences`` view that
# slices the text, so no sentence text is stored twice; no ART index on tables that grow with
# the corpus or its results (DuckDB keeps those wholly in memory, and a run's hits are too many
# for an index to pay): ``lookup_keys`` holds 64-bit keys of ids, texts and LSH bands that each
# ingest batch looks up in one scan (see store/_dedup.py).
_SCHEMA_V2 = """
CREATE TABLE articles_v2 (
    id VARCHAR NOT NULL, url VARCHAR, outlet VARCHAR, language VARCHAR NOT NULL,
    published_at TIMESTAMPTZ, title VARCHAR, text VARCHAR NOT NULL, source_path VARCHAR,
    raw_sha256 VARCHAR NOT NULL, ingested_at TIMESTAMPTZ NOT NULL, extractor VARCHAR NOT NULL,
    content_hash VARCHAR NOT NULL, canonical_id VARCHAR, dup_kind VARCHAR,
    sentence_starts INTEGER[], sentence_ends INTEGER[]
);
INSERT INTO articles_v2
SELECT a.id, a.url, a.outlet, a.language, a.published_at, a.title, a.text, a.source_path,
       a.raw_sha256, a.ingested_at, a.extractor, a.content_hash, a.canonical_id, a.dup_kind,
       s.starts, s.ends
FROM articles a LEFT JOIN (
    SELECT article_id, list(char_start ORDER BY sentence_index) AS starts,
           list(char_end ORDER BY sentence_index) AS ends
    FROM sentences GROUP BY article_id
) s ON s.article_id = a.id
ORDER BY a.ingested_at, a.id;
DROP INDEX IF EXISTS articles_hash;
DROP INDEX IF EXISTS hits_run;
DROP INDEX IF EXISTS labels_run;
DROP TABLE sentences;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;
CREATE TABLE minhashes_v2 (article_id VARCHAR NOT NULL, signature BLOB NOT NULL);
INSERT INTO minhashes_v2 SELECT article_id, signature FROM minhashes;
DROP TABLE minhashes;
ALTER TABLE minhashes_v2 RENAME TO minhashes;
CREATE TABLE lookup_keys (
    kind UTINYINT NOT NULL, key UBIGINT NOT NULL, article_id VARCHAR NOT NULL
);
INSERT INTO lookup_keys
SELECT 0, ('0x' || substr(sha256(id), 1, 16))::UBIGINT, id FROM articles ORDER BY ingested_at, id;
INSERT INTO lookup_keys
SELECT 1, ('0x' || substr(sha256(content_hash), 1, 16))::UBIGINT, id FROM articles
WHERE dup_kind IS NULL ORDER BY ingested_at, id;
CREATE TABLE store_meta (name VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE VIEW sentences AS
SELECT article_id, sentence_index,
       sentence_starts[sentence_index + 1] AS char_start,
       sentence_ends[sentence_index + 1] AS char_end,
       substring(text, sentence_starts[sentence_index + 1] + 1,
                 sentence_ends[sentence_index + 1] - sentence_starts[sentence_index + 1]) AS text,
       language
FROM (
    SELECT id AS article_id, text, language, sentence_starts, sentence_ends,
           unnest(range(len(sentence_starts))) AS sentence_index
    FROM articles
);
"""

# v3: ``lookup_keys`` kind 255 keys each article's origin (its source path and raw bytes'
# SHA-256), so a re-ingest of the same record with a new mapping updates it (store/_dedup.py).
_SCHEMA_V3 = """
INSERT INTO lookup_keys
SELECT 255, ('0x' || substr(sha256(source_path || chr(31) || raw_sha256), 1, 16))::UBIGINT, id
FROM articles WHERE source_path IS NOT NULL ORDER BY ingested_at, id;
"""

# v4: the stance of each hit (asserted / attributed / rejected) and the speaker voicing it
# (narrascope.actors.stance); hits of earlier runs keep NULL (undecided) until re-analysed.
# Mentions and quotes get ``actor_key`` (one key per actor across case, inflection, script and
# surname-only forms: narrascope.actors.merge); NULL in earlier runs (grouped as before).
_SCHEMA_V4 = """
ALTER TABLE hits ADD COLUMN stance VARCHAR;
ALTER TABLE hits ADD COLUMN speaker VARCHAR;
ALTER TABLE hits ADD COLUMN actor_id VARCHAR;
ALTER TABLE mentions ADD COLUMN actor_key VARCHAR;
ALTER TABLE quotes ADD COLUMN actor_key VARCHAR;
"""

# v5: the channel or user a Telegram post was forwarded from (narrascope.ingest.telegram).
_SCHEMA_V5 = """
ALTER TABLE articles ADD COLUMN IF NOT EXISTS forwarded_from VARCHAR;
"""

# v6: the crawl frontier (store/_frontier.py): every page an ``ingest wayback|gdelt|mediacloud|
# sitemap`` run listed, with its status, so an interrupted crawl resumes where it stopped.
_SCHEMA_V6 = """
CREATE TABLE IF NOT EXISTS frontier (
    url VARCHAR NOT NULL, source VARCHAR NOT NULL, status VARCHAR NOT NULL,
    attempts INTEGER NOT NULL, last_error VARCHAR, listed VARCHAR,
    added_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL
);
"""

# Migrations: (version, SQL). Append; never edit a shipped entry.
MIGRATIONS: list[tuple[int, str]] = [
    (1, _SCHEMA_V1),
    (2, _SCHEMA_V2),
    (3, _SCHEMA_V3),
    (4, _SCHEMA_V4),
    (5, _SCHEMA_V5),
    (6, _SCHEMA_V6),
]

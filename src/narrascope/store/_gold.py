"""Store queries for gold labels and predictions (training and evaluation)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import duckdb
import pandas as pd

from narrascope.records import (
    Article,
    Sentence,
)


class GoldQueries:
    """Mixed into Store: annotations and predicted labels."""

    con: duckdb.DuckDBPyConnection
    query: Any
    transaction: Any
    _load_batch: Callable[[list[str]], tuple[list[Article], list[Sentence]]]  # Store's

    # -- gold labels and predictions (read side: training and evaluation) -----------------
    def article_ids_for_urls(self, urls: Sequence[str]) -> dict[str, str]:
        """``url -> article id`` for stored articles with these URLs (smallest id wins)."""
        rows = self.con.execute(
            "SELECT url, min(id) FROM articles WHERE url IN (SELECT unnest(?)) GROUP BY url",
            [list(urls)],
        ).fetchall()
        return {str(url): str(aid) for url, aid in rows}

    def article_index(self) -> pd.DataFrame:
        """One row per article without its text: id, url, language, source_path, extractor."""
        return self.query(
            "SELECT id, url, outlet, language, source_path, extractor FROM articles ORDER BY id"
        )

    def load_articles(self, ids: Sequence[str]) -> tuple[list[Article], list[Sentence]]:
        """The articles with these ids and their sentences, ordered by id."""
        return self._load_batch(list(ids))

    def annotations(self, annotator: str | None = None) -> pd.DataFrame:
        """Gold labels (all annotators, or one), ordered by article, annotator and label."""
        where, params = ("WHERE annotator = ?", [annotator]) if annotator else ("", [])
        return self.query(
            f"SELECT * FROM annotations {where} ORDER BY article_id, annotator, label, "
            "sentence_index NULLS FIRST",
            params,
        )

    def predicted_labels(self, run_id: str, detector: str | None = None) -> pd.DataFrame:
        """The article labels of one run (of one detector when given)."""
        where, params = "WHERE run_id = ?", [run_id]
        if detector:
            where, params = f"{where} AND detector = ?", [run_id, detector]
        return self.query(
            f"SELECT * FROM article_labels {where} ORDER BY article_id, detector, narrative",
            params,
        )

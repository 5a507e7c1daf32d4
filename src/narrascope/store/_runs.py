"""Runs that keep the last good results until they commit, and resume after an interruption.

A new run of ``run_id`` writes under the staging id ``<run_id>.next`` (its own ``runs`` row,
status ``running``); :meth:`RunStaging.commit_run` swaps it in for the old results in one
transaction, so a killed run leaves the previous results untouched. Each batch may record a
checkpoint (in ``store_meta``, in the batch's own transaction); a rerun whose checkpoint key
matches continues after the last committed batch.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from narrascope.store._convert import _now
from narrascope.store._listing import _PARENTS_KEY

STAGING_SUFFIX = ".next"
RESULT_TABLES = ("hits", "article_labels", "mentions", "quotes")
_CHECKPOINT_KEY = "run_checkpoint:"


def staging_id(run_id: str) -> str:
    """The id a new run of ``run_id`` writes under until it commits."""
    return run_id + STAGING_SUFFIX


class RunStaging:
    """Mixed into Store: stage, checkpoint, commit or mark interrupted a run's results."""

    con: duckdb.DuckDBPyConnection
    transaction: Any
    start_run: Any
    merge_lone_surnames: Any
    staging_id = staticmethod(staging_id)

    def stage_run(
        self, run_id: str, manifest: dict[str, Any], key: str | None = None
    ) -> dict[str, Any]:
        """Open the staging run of ``run_id`` and return its checkpoint.

        When an interrupted staging run recorded a checkpoint with the same ``key`` (None: never
        resume), its rows are kept and its checkpoint returned (``last``: the last committed
        article id, plus what the caller saved); otherwise the staging run starts empty and
        ``{}`` is returned. The results of ``run_id`` itself are untouched.
        """
        staged = staging_id(run_id)
        checkpoint = self.run_checkpoint(staged)
        if key is not None and checkpoint.get("key") == key and "last" in checkpoint:
            with self.transaction():
                self.con.execute("UPDATE runs SET status = 'running' WHERE run_id = ?", [staged])
            return checkpoint
        with self.transaction():  # first, so a stale checkpoint never outlives its rows
            self.con.execute("DELETE FROM store_meta WHERE name = ?", [_CHECKPOINT_KEY + staged])
        self.start_run(staged, manifest)
        return {}

    def run_checkpoint(self, run_id: str) -> dict[str, Any]:
        """The checkpoint recorded by the last committed batch of ``run_id`` (``{}``: none)."""
        row = self.con.execute(
            "SELECT value FROM store_meta WHERE name = ?", [_CHECKPOINT_KEY + run_id]
        ).fetchone()
        return dict(json.loads(row[0])) if row else {}

    def _save_checkpoint(self, run_id: str, checkpoint: dict[str, Any]) -> None:
        """Record ``checkpoint`` (inside the caller's transaction)."""
        self.con.execute(
            "INSERT OR REPLACE INTO store_meta VALUES (?, ?)",
            [_CHECKPOINT_KEY + run_id, json.dumps(checkpoint, sort_keys=True, default=str)],
        )

    def commit_run(self, run_id: str, n_articles: int) -> None:
        """Replace the results of ``run_id`` by its staging run's, in one transaction."""
        staged = staging_id(run_id)
        with self.transaction():
            for table in RESULT_TABLES:
                self.con.execute(f"DELETE FROM {table} WHERE run_id = ?", [run_id])
                self.con.execute(
                    f"UPDATE {table} SET run_id = ? WHERE run_id = ?", [run_id, staged]
                )
            self.con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
            self.con.execute(
                "UPDATE runs SET run_id = ?, finished_at = ?, status = 'done', n_articles = ? "
                "WHERE run_id = ?",
                [run_id, _now(), n_articles, staged],
            )
            self.merge_lone_surnames(run_id)
            self.con.execute(
                "DELETE FROM store_meta WHERE name IN (?, ?)",
                [_CHECKPOINT_KEY + staged, _PARENTS_KEY + run_id],
            )
            self.con.execute(
                "UPDATE store_meta SET name = ? WHERE name = ?",
                [_PARENTS_KEY + run_id, _PARENTS_KEY + staged],
            )

    def interrupt_run(self, run_id: str) -> None:
        """Mark the staging run of ``run_id`` ``interrupted`` (its rows and checkpoint stay)."""
        with self.transaction():
            self.con.execute(
                "UPDATE runs SET status = 'interrupted', finished_at = ? WHERE run_id = ?",
                [_now(), staging_id(run_id)],
            )

"""Store queries for actors and quotes: who voices which narrative."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import duckdb
import pandas as pd

from narrascope.errors import UsageError

# A hit belongs to a quote of the same run and article (hits h, quotes q) when at least half
# of the shorter of the two spans overlap: the stance rule (narrascope.actors.stance), so a
# sentence-wide embedding hit around a quote counts, as a cue inside it does.
_OVERLAP = "least(h.char_end, q.char_end) - greatest(h.char_start, q.char_start)"
HIT_IN_QUOTE = (
    f"{_OVERLAP} > 0 AND 2 * ({_OVERLAP}) >= "
    "least(h.char_end - h.char_start, q.char_end - q.char_start)"
)
_QUOTE_JOIN = (
    f"JOIN quotes q ON q.run_id = h.run_id AND q.article_id = h.article_id AND {HIT_IN_QUOTE}"
)


def _quote_filter(speaker: Sequence[str] | str | None) -> tuple[str, list[Any]]:
    """SQL condition (with parameters) keeping quotes of the given actor ids or names."""
    if speaker is None:
        return "", []
    keys = [speaker] if isinstance(speaker, str) else list(speaker)
    lowered = [k.lower() for k in keys]
    named = "(q{0}.actor_id IN (SELECT unnest(?)) OR lower(q{0}.speaker) IN (SELECT unnest(?)))"
    # and every quote of the same actor key ("Виктор Логинов" also finds "Viktor Loginov")
    return (
        f" AND ({named.format('')} OR q.actor_key IN (SELECT q2.actor_key FROM quotes q2"
        f" WHERE starts_with(q2.actor_key, '~') AND {named.format('2')}))",
        [keys, lowered, keys, lowered],
    )


# Surname-only person keys of a run ("~orban", from «Орбана» in an article that never names
# him in full) and the one full-name key with that surname in the run ("~orban.v"), if only one
_LONE_SURNAMES = (
    "WITH per AS (SELECT DISTINCT actor_key AS k FROM mentions WHERE run_id = ? "
    "AND ner_type = 'PER' AND starts_with(actor_key, '~')), "
    "named AS (SELECT split_part(k, '.', 1) AS lone, min(k) AS named_key FROM per "
    "WHERE contains(k, '.') GROUP BY 1 HAVING count(*) = 1) "
    "SELECT lone, named_key FROM named WHERE lone IN (SELECT k FROM per) ORDER BY lone"
)


class ActorQueries:
    """Mixed into Store: voiced narratives, actor summaries, quotes."""

    con: duckdb.DuckDBPyConnection
    query: Any
    transaction: Any
    narrative_family: Any

    # -- actor keys across the corpus (write side) -------------------------------------------
    def merge_lone_surnames(self, run_id: str) -> int:
        """Give a person mentioned by surname alone the key of the one person of that surname
        the run names in full («Орбан» in one article, «Виктор Орбан» in others: one actor),
        in mentions and quotes (call inside the caller's transaction). Returns the number of
        surnames merged; a surname two people of the run share stays apart."""
        pairs = self.con.execute(_LONE_SURNAMES, [run_id]).fetchall()
        if not pairs:
            return 0
        lone, named = [p[0] for p in pairs], [p[1] for p in pairs]
        mapping = "(SELECT unnest(?) AS lone, unnest(?) AS named_key) AS m"
        for table, person in (("mentions", " AND t.ner_type = 'PER'"), ("quotes", "")):
            self.con.execute(
                f"UPDATE {table} AS t SET actor_key = m.named_key FROM {mapping} "
                f"WHERE t.run_id = ? AND t.actor_key = m.lone{person}",
                [lone, named, run_id],
            )
        return len(pairs)

    # -- actors and quotes (read side) -----------------------------------------------------
    def voiced_narratives(
        self,
        run_id: str,
        *,
        speaker: Sequence[str] | str | None = None,
        narrative: str | None = None,
        limit: int | None = None,
        exact: bool = False,
    ) -> pd.DataFrame:
        """Hits voiced by a quoted speaker: the hit's evidence span lies inside a quote's span
        in the same article (one row per hit and quote).

        Args:
            run_id: the analysis run.
            speaker: keep quotes whose actor id or speaker name (case-insensitive) is one of these.
            narrative: keep hits of this narrative and its sub-narratives.
            limit: at most this many rows, newest articles first.
            exact: only hits of ``narrative`` itself.
        """
        where, params = _quote_filter(speaker)
        if narrative is not None:
            where += " AND h.narrative IN (SELECT unnest(?))"
            params.append(self.narrative_family(run_id, [narrative], exact=exact))
        sql = (
            "SELECT q.speaker, q.actor_id, h.narrative, h.detector, h.score, q.kind, q.cue, "
            "a.outlet, a.published_at, a.language, h.article_id, h.sentence_index, h.evidence, "
            "q.text AS quote, q.char_start AS quote_start, q.char_end AS quote_end, "
            "h.char_start AS hit_start, h.char_end AS hit_end "
            f"FROM hits h {_QUOTE_JOIN} JOIN articles a ON a.id = h.article_id "
            f"WHERE h.run_id = ?{where} "
            "ORDER BY a.published_at DESC NULLS LAST, h.article_id, h.char_start, h.detector"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.query(sql, [run_id, *params])

    def actor_summary(
        self,
        run_id: str,
        by: str | None = None,
        *,
        types: Sequence[str] | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Actors (registry id, else surface name) with mentions, quotes and voiced narratives.

        Args:
            run_id: the analysis run.
            by: ``None`` (one row per actor), ``"outlet"``, or ``"month"``/``"period"``.
            types: keep registry actors and unknown entities of these NER types (all if None).
            limit: at most this many actors per group.

        Returns:
            Columns ``grp, actor, ner_type, mentions, articles, quotes, voiced_hits,
            narratives`` (``narratives``: "narrative (hits), ..."), most mentioned first.
        """
        groups = {
            None: "'(all)'",
            "outlet": "coalesce(a.outlet, '(none)')",
            "month": "strftime(make_timestamp(epoch_us(a.published_at)), '%Y-%m')",
        }
        grp = groups.get("month" if by == "period" else by)
        if grp is None:
            raise UsageError(f"cannot group actors by {by!r}", hint="use outlet or month")
        # one row per actor key (narrascope.actors.merge: "Москве", "MOSCOW" -> moscow;
        # "Viktor Loginov", «Логинова» -> ~loginov.v), named by its registry id, else by the
        # longest quoted name, else its most frequent mention text; runs without keys group by
        # id or text
        sql = (
            "WITH m AS (SELECT coalesce(m.actor_key, m.actor_id, m.text) AS key, "
            f"{grp} AS grp, any_value(m.ner_type) AS ner_type, count(*) AS mentions, "
            "count(DISTINCT m.article_id) AS articles, "
            "mode(coalesce(m.actor_id, m.text)) AS m_name FROM mentions m "
            "JOIN articles a ON a.id = m.article_id WHERE m.run_id = ? AND (? OR "
            "m.actor_id IS NOT NULL OR m.ner_type IN (SELECT unnest(?))) GROUP BY 1, 2), "
            f"q AS (SELECT coalesce(q.actor_key, q.speaker) AS key, {grp} AS grp, "
            "count(*) AS quotes, arg_max(q.speaker, length(q.speaker)) AS q_name FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE q.run_id = ? GROUP BY 1, 2), "
            f"vh AS (SELECT coalesce(q.actor_key, q.speaker) AS key, {grp} AS grp, h.narrative, "
            "count(DISTINCT (h.article_id, h.char_start, h.char_end)) AS n "
            f"FROM hits h {_QUOTE_JOIN} JOIN articles a ON a.id = h.article_id "
            "WHERE h.run_id = ? GROUP BY 1, 2, 3), "
            "v AS (SELECT key, grp, CAST(sum(n) AS BIGINT) AS voiced_hits, "
            "string_agg(narrative || ' (' || n || ')', ', ' ORDER BY n DESC, narrative) "
            "AS narratives FROM vh GROUP BY 1, 2) "
            "SELECT grp, CASE WHEN starts_with(key, '~') OR key IS NULL "
            "THEN coalesce(q_name, m_name, key) ELSE key END AS actor, ner_type, "
            "coalesce(mentions, 0) AS mentions, "
            "coalesce(articles, 0) AS articles, coalesce(quotes, 0) AS quotes, "
            "coalesce(voiced_hits, 0) AS voiced_hits, coalesce(narratives, '') AS narratives "
            "FROM m FULL JOIN q USING (key, grp) FULL JOIN v USING (key, grp) "
        )
        if limit is not None:
            sql += (
                "QUALIFY row_number() OVER (PARTITION BY grp ORDER BY mentions DESC, "
                f"quotes DESC, actor) <= {int(limit)} "
            )
        sql += "ORDER BY grp, mentions DESC, quotes DESC, actor"
        params = [run_id, types is None, list(types or []), run_id, run_id]
        return self.query(sql, params)

    def quotes_of(
        self,
        speaker: Sequence[str] | str,
        run_id: str,
        *,
        narrative: str | None = None,
        limit: int = 50,
        exact: bool = False,
    ) -> pd.DataFrame:
        """Quotes of a speaker (actor ids or names) with the narrative evidence inside them.

        ``narratives`` lists the narratives of hits within the quote; with ``narrative``, only
        quotes voicing it or one of its sub-narratives (only it, with ``exact``) are kept.
        """
        where, params = _quote_filter(speaker)
        having = ""
        if narrative is not None:
            having = " HAVING bool_or(list_contains(CAST(? AS VARCHAR[]), h.narrative))"
            params.append(self.narrative_family(run_id, [narrative], exact=exact))
        sql = (
            "SELECT q.speaker, q.actor_id, a.outlet, a.published_at, q.article_id, q.kind, "
            "q.cue, q.char_start, q.text AS quote, "
            "coalesce(string_agg(DISTINCT h.narrative, ', ' ORDER BY h.narrative), '') "
            "AS narratives, "
            "coalesce(string_agg(DISTINCT h.evidence, ' | ' ORDER BY h.evidence), '') AS evidence "
            "FROM quotes q JOIN articles a ON a.id = q.article_id "
            "LEFT JOIN hits h ON h.run_id = q.run_id AND h.article_id = q.article_id "
            f"AND {HIT_IN_QUOTE} "
            f"WHERE q.run_id = ?{where} GROUP BY ALL{having} "
            "ORDER BY a.published_at DESC NULLS LAST, q.article_id, q.char_start "
            f"LIMIT {int(limit)}"
        )
        return self.query(sql, [run_id, *params])

"""views and search: policy states, conflicts, citation and event dates, full-text search

Answers the questions analysts ask of a timeline, for people with only `sqlite3`:

- `citation_dates`: the days each citation's stated date allows (qualifiers included);
- `event_dates`: the days each event can fall on, all its citations considered;
- `policy_states`: each policy's consecutive states, valid from/to, with the opening event;
- `conflicts`: citations of one event whose dates cannot both be true, and sources that
  attribute one event to different actors;
- `events_fts`, `sources_fts`: FTS5 indexes over event headlines/stances and source texts,
  named and kept in sync by triggers the way sqlite-utils does, so Datasette's search box
  works on the file.

Revision ID: 0002
Revises: 88102d2d5390
Create Date: 2026-11-25 17:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "88102d2d5390"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Roles that say who did something; differing actors in them between sources is a conflict.
# (A frozen copy of kb.vocabulary.ATTRIBUTION_ROLES at this revision.)
ATTRIBUTION_ROLES = ("decided", "announced", "authorised", "implemented", "commissioned", "provided", "used", "voted")


def label(date: str, qualifier: str, end: str) -> str:
    """SQL for a date in words at its precision: '2022', 'on or before 2024-11-19', '2022 to 2024'."""
    return (
        f"CASE {qualifier} WHEN 'on_or_before' THEN 'on or before ' WHEN 'on_or_after' THEN 'on or after ' "
        f"WHEN 'approximately' THEN 'about ' ELSE '' END || {date} "
        f"|| CASE WHEN {end} IS NOT NULL THEN ' to ' || {end} ELSE '' END"
    )


def first_day(d: str) -> str:
    return f"CASE length({d}) WHEN 4 THEN {d} || '-01-01' WHEN 7 THEN {d} || '-01' ELSE {d} END"


def dialect() -> str:
    return op.get_bind().dialect.name


def month_end(d: str) -> str:
    if dialect() == "postgresql":
        return f"to_char(to_date({d} || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day', 'YYYY-MM-DD')"
    return f"date({d} || '-01', '+1 month', '-1 day')"


def agg(expr: str, sep: str, order: str) -> str:
    if dialect() == "postgresql":
        return f"string_agg({expr}, '{sep}' ORDER BY {order})"
    return f"group_concat({expr}, '{sep}')"


def last_day(d: str) -> str:
    return f"CASE length({d}) WHEN 4 THEN {d} || '-12-31' WHEN 7 THEN {month_end(d)} ELSE {d} END"


def citation_dates() -> str:
    return f"""
CREATE VIEW citation_dates AS
SELECT
    c.id AS citation_id,
    c.event_id AS event_id,
    c.source_id AS source_id,
    {label("c.stated_date", "c.stated_qualifier", "c.stated_end")} AS stated_label,
    c.stated_date AS stated_date,
    c.stated_precision AS stated_precision,
    c.stated_qualifier AS stated_qualifier,
    c.stated_end AS stated_end,
    CASE WHEN c.stated_qualifier = 'on_or_before' THEN NULL ELSE {first_day("c.stated_date")} END AS earliest_day,
    CASE WHEN c.stated_qualifier = 'on_or_after' THEN NULL
         ELSE {last_day("COALESCE(c.stated_end, c.stated_date)")} END AS latest_day
FROM citations c
"""

def event_dates() -> str:
    return f"""
CREATE VIEW event_dates AS
WITH bounds AS (
    SELECT event_id, max(earliest_day) AS earliest, min(latest_day) AS latest
    FROM citation_dates GROUP BY event_id
)
SELECT
    e.id AS event_id,
    e.key AS event_key,
    {label("e.date", "e.qualifier", "e.date_end")} AS date_label,
    e.date AS date,
    e.precision AS precision,
    e.qualifier AS qualifier,
    e.date_end AS date_end,
    CASE WHEN b.earliest > b.latest
         THEN CASE WHEN e.qualifier = 'on_or_before' THEN NULL ELSE e.first_day END
         ELSE b.earliest END AS earliest_day,
    CASE WHEN b.earliest > b.latest
         THEN CASE WHEN e.qualifier = 'on_or_after' THEN NULL ELSE e.last_day END
         ELSE b.latest END AS latest_day,
    e.sort_key AS sort_key
FROM events e JOIN bounds b ON b.event_id = e.id
"""

def policy_states() -> str:
    return """
CREATE VIEW policy_states AS
WITH changes AS (
    SELECT
        p.id AS policy_id, p.key AS policy_key, p.name AS policy_name,
        e.key AS event_key, e.type AS event_type, e.headline AS headline, e.stance AS stance,
        d.date_label AS date_label, e.date AS date, e.precision AS precision, e.qualifier AS qualifier,
        d.earliest_day AS earliest_day, d.latest_day AS latest_day,
        ROW_NUMBER() OVER w AS state_number,
        LAG(e.stance) OVER w AS previous_stance,
        LEAD(d.date_label) OVER w AS next_label,
        LEAD(e.date) OVER w AS next_date,
        LEAD(e.precision) OVER w AS next_precision,
        LEAD(e.qualifier) OVER w AS next_qualifier,
        LEAD(d.earliest_day) OVER w AS next_earliest,
        LEAD(d.latest_day) OVER w AS next_latest,
        LEAD(e.key) OVER w AS next_event_key
    FROM policies p
    JOIN event_policies ep ON ep.policy_id = p.id
    JOIN events e ON e.id = ep.event_id
    JOIN event_types t ON t.name = e.type AND t.changes_state
    JOIN event_dates d ON d.event_id = e.id
    WINDOW w AS (PARTITION BY p.id ORDER BY e.sort_key, e.key)
)
SELECT
    c.policy_key, c.policy_name, c.state_number,
    c.date_label AS valid_from, c.date AS valid_from_date, c.precision AS valid_from_precision,
    c.qualifier AS valid_from_qualifier, c.earliest_day AS from_earliest_day, c.latest_day AS from_latest_day,
    c.next_label AS valid_to, c.next_date AS valid_to_date, c.next_precision AS valid_to_precision,
    c.next_qualifier AS valid_to_qualifier, c.next_earliest AS to_earliest_day, c.next_latest AS to_latest_day,
    c.stance AS stance,
    c.event_key AS opened_by, c.event_type AS opened_by_type, c.headline AS opened_by_headline,
    c.previous_stance AS previous_stance,
    CASE WHEN c.event_type = 'exception' THEN (
        SELECT b.event_key FROM changes b
        WHERE b.policy_id = c.policy_id AND b.state_number < c.state_number AND b.event_type <> 'exception'
        ORDER BY b.state_number DESC LIMIT 1) END AS base_event,
    CASE WHEN c.event_type = 'exception' THEN (
        SELECT b.stance FROM changes b
        WHERE b.policy_id = c.policy_id AND b.state_number < c.state_number AND b.event_type <> 'exception'
        ORDER BY b.state_number DESC LIMIT 1) END AS base_stance,
    c.next_event_key AS closed_by
FROM changes c
"""

_ROLES = ", ".join(f"'{r}'" for r in ATTRIBUTION_ROLES)

def conflicts() -> str:
    return f"""
CREATE VIEW conflicts AS
SELECT
    'date' AS kind,
    e.key AS event_key,
    e.headline AS headline,
    (SELECT {agg("p.key", " ", "p.key")} FROM event_policies ep JOIN policies p ON p.id = ep.policy_id
      WHERE ep.event_id = e.id) AS policy_keys,
    NULL AS role,
    sa.key AS source_a, sa.published AS published_a, a.stated_label AS claim_a, ca.quote AS quote_a,
    sb.key AS source_b, sb.published AS published_b, b.stated_label AS claim_b, cb.quote AS quote_b
FROM citation_dates a
JOIN citation_dates b ON b.event_id = a.event_id AND b.citation_id > a.citation_id
JOIN citations ca ON ca.id = a.citation_id
JOIN citations cb ON cb.id = b.citation_id
JOIN sources sa ON sa.id = a.source_id
JOIN sources sb ON sb.id = b.source_id
JOIN events e ON e.id = a.event_id
WHERE a.latest_day < b.earliest_day OR b.latest_day < a.earliest_day
UNION ALL
SELECT
    'attribution', e.key, e.headline,
    (SELECT {agg("p.key", " ", "p.key")} FROM event_policies ep JOIN policies p ON p.id = ep.policy_id
      WHERE ep.event_id = e.id),
    ra.role,
    sa.key, sa.published,
    (SELECT {agg("x.name", "; ", "x.name")} FROM (
        SELECT DISTINCT ac.name AS name FROM event_actors xa JOIN actors ac ON ac.id = xa.actor_id
        WHERE xa.event_id = ra.event_id AND xa.role = ra.role AND xa.source_id = ra.source_id ORDER BY ac.name) x),
    (SELECT c.quote FROM citations c WHERE c.event_id = ra.event_id AND c.source_id = ra.source_id
      ORDER BY c.position LIMIT 1),
    sb.key, sb.published,
    (SELECT {agg("x.name", "; ", "x.name")} FROM (
        SELECT DISTINCT ac.name AS name FROM event_actors xb JOIN actors ac ON ac.id = xb.actor_id
        WHERE xb.event_id = rb.event_id AND xb.role = rb.role AND xb.source_id = rb.source_id ORDER BY ac.name) x),
    (SELECT c.quote FROM citations c WHERE c.event_id = rb.event_id AND c.source_id = rb.source_id
      ORDER BY c.position LIMIT 1)
FROM (SELECT DISTINCT event_id, role, source_id FROM event_actors WHERE role IN ({_ROLES})) ra
JOIN (SELECT DISTINCT event_id, role, source_id FROM event_actors WHERE role IN ({_ROLES})) rb
  ON rb.event_id = ra.event_id AND rb.role = ra.role AND rb.source_id > ra.source_id
JOIN sources sa ON sa.id = ra.source_id
JOIN sources sb ON sb.id = rb.source_id
JOIN events e ON e.id = ra.event_id
WHERE NOT EXISTS (
    SELECT 1 FROM event_actors x JOIN event_actors y ON y.actor_id = x.actor_id
    WHERE x.event_id = ra.event_id AND x.role = ra.role AND x.source_id = ra.source_id
      AND y.event_id = rb.event_id AND y.role = rb.role AND y.source_id = rb.source_id)
"""

TOKENIZE = "porter unicode61 remove_diacritics 2"
# (table, indexed columns): sqlite-utils' naming, so Datasette finds <table>_fts for <table>.
FTS = (("events", ("headline", "stance", "description")), ("sources", ("title", "text")))


def fts_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(f"[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE [{table}_fts] USING FTS5 ({cols}, tokenize='{TOKENIZE}', content=[{table}])",
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
        f"INSERT INTO [{table}_fts] (rowid, {cols}) VALUES (new.rowid, {new}); END",
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
        f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {cols}) VALUES ('delete', old.rowid, {old}); END",
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE OF {cols} ON [{table}] BEGIN "
        f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
        f"INSERT INTO [{table}_fts] (rowid, {cols}) VALUES (new.rowid, {new}); END",
        f"INSERT INTO [{table}_fts] ([{table}_fts]) VALUES ('rebuild')",
    ]


# PostgreSQL's counterpart: GIN indexes over the same text, named like the FTS5 tables.
# (kb.search builds the same expressions to use them.)
PG_FTS_DOCUMENTS = {
    "events": "coalesce(headline, '') || ' ' || coalesce(stance, '') || ' ' || coalesce(description, '')",
    "sources": "coalesce(title, '') || ' ' || text",
}


def upgrade() -> None:
    for sql in (citation_dates(), event_dates(), policy_states(), conflicts()):
        op.execute(sql)
    if dialect() == "postgresql":
        for table, document in PG_FTS_DOCUMENTS.items():
            op.execute(f"CREATE INDEX {table}_fts ON {table} USING GIN (to_tsvector('english', {document}))")
        return
    for table, columns in FTS:
        for sql in fts_statements(table, columns):
            op.execute(sql)


def downgrade() -> None:
    if dialect() == "postgresql":
        for table in reversed(PG_FTS_DOCUMENTS):
            op.execute(f"DROP INDEX {table}_fts")
    else:
        for table, _ in reversed(FTS):
            for suffix in ("au", "ad", "ai"):
                op.execute(f"DROP TRIGGER [{table}_{suffix}]")
            op.execute(f"DROP TABLE [{table}_fts]")
    for view in ("conflicts", "policy_states", "event_dates", "citation_dates"):
        op.execute(f"DROP VIEW {view}")

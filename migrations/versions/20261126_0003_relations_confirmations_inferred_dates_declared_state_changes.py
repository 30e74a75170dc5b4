"""relations, confirmations, inferred publication dates, declared state changes, reviewed disagreements

One schema revision for what reviewing more documents needs, so shipped sources are corrected once:

- `actor_relations`: an actor is `part_of` or `acts_for` another, with the source that states
  it (attributions to an actor and to a body it is related to are not a conflict);
- `reaffirmed` in the event-type vocabulary: a source confirms a policy still holds on a date;
  `policy_confirmations` lists them with the state each confirms, `policy_states` names the
  latest one of each state;
- `sources.published_inferred`: the publication date is inferred, not printed (set here from
  the <NOTE> of sources already loaded); `timeline.date_inferred` marks every date resolved
  against such a source;
- `event_policies.changes_state`: whether the event changes that policy's state, as reviewed
  (NULL: as its type's vocabulary entry says); `policy_states` uses it;
- `citations.disagrees`: a reviewed disagreement (`date`): the citation does not move its
  event's date, and `conflicts` lists it;
- `stance_additions`: detail a later source adds to an existing event's stance;
- `policy_states.superseded_day`, so that the state on a day is one short SELECT;
- `conflicts`: one row per disagreement (an event and the field sources disagree on), with
  `conflict_sides` listing every citation on each side.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 09:00:00
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of kb.vocabulary at this revision.
ATTRIBUTION_ROLES = ("decided", "announced", "authorised", "implemented", "commissioned", "provided", "used", "voted")
RELATIONS = ("part_of", "acts_for")
DISAGREEMENTS = ("date",)
REAFFIRMED = ("reaffirmed", False, "A source confirms that a policy or stance still holds on a date (it changes nothing).")
# What a <NOTE> says when the publication date is not printed (frozen copy of kb.loader's rule).
INFERRED_NOTE = re.compile(
    r"\b(?:date|dated)\b[^.]*\binferred\b|\binferred\b[^.]*\bdate\b|\bno dateline\b|\bnor its date\b|"
    r"\bdate is not printed\b",
    re.IGNORECASE,
)

VIEWS = ("conflicts", "conflict_sides", "policy_states", "policy_confirmations", "event_dates", "citation_dates", "timeline")


def dialect() -> str:
    return op.get_bind().dialect.name


def agg(expr: str, sep: str, order: str) -> str:
    if dialect() == "postgresql":
        return f"string_agg({expr}, '{sep}' ORDER BY {order})"
    return f"group_concat({expr}, '{sep}')"


def zero_pad(expr: str) -> str:
    return f"lpad(CAST({expr} AS TEXT), 6, '0')" if dialect() == "postgresql" else f"printf('%06d', {expr})"


def label(date: str, qualifier: str, end: str) -> str:
    return (
        f"CASE {qualifier} WHEN 'on_or_before' THEN 'on or before ' WHEN 'on_or_after' THEN 'on or after ' "
        f"WHEN 'approximately' THEN 'about ' ELSE '' END || {date} "
        f"|| CASE WHEN {end} IS NOT NULL THEN ' to ' || {end} ELSE '' END"
    )


def first_day(d: str) -> str:
    return f"CASE length({d}) WHEN 4 THEN {d} || '-01-01' WHEN 7 THEN {d} || '-01' ELSE {d} END"


def month_end(d: str) -> str:
    if dialect() == "postgresql":
        return f"to_char(to_date({d} || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day', 'YYYY-MM-DD')"
    return f"date({d} || '-01', '+1 month', '-1 day')"


def last_day(d: str) -> str:
    return f"CASE length({d}) WHEN 4 THEN {d} || '-12-31' WHEN 7 THEN {month_end(d)} ELSE {d} END"


# An event-policy pair changes the policy's state as declared, else as its type says.
CHANGES = "COALESCE(ep.changes_state, t.changes_state)"


def timeline() -> str:
    return f"""
CREATE VIEW timeline AS
SELECT
    e.sort_key || '|' || e.key || '|' || s.published || '|' || s.key || '|' || {zero_pad("c.position")}
        AS sort_key,
    {label("e.date", "e.qualifier", "e.date_end")} AS date_label,
    e.date AS date,
    e.precision AS precision,
    e.qualifier AS qualifier,
    e.date_end AS date_end,
    e.date_end AS "end",
    e.type AS event_type,
    e.type AS type,
    EXISTS (SELECT 1 FROM event_policies ep JOIN event_types t ON t.name = e.type
            WHERE ep.event_id = e.id AND {CHANGES}) AS changes_state,
    e.headline AS headline,
    e.stance AS stance,
    (SELECT {agg("x.text", " ", "x.id")} FROM (
        SELECT sa.id AS id, sa.text AS text FROM stance_additions sa WHERE sa.event_id = e.id ORDER BY sa.id) x)
        AS stance_additions,
    (SELECT {agg("x.name", "; ", "x.name")} FROM (
        SELECT p.name AS name FROM event_policies ep JOIN policies p ON p.id = ep.policy_id
        WHERE ep.event_id = e.id ORDER BY p.name) x) AS policies,
    (SELECT {agg("x.key", " ", "x.key")} FROM (
        SELECT p.key AS key FROM event_policies ep JOIN policies p ON p.id = ep.policy_id
        WHERE ep.event_id = e.id ORDER BY p.key) x) AS policy_keys,
    (SELECT {agg("x.label", "; ", "x.first")} FROM (
        SELECT a.name || ' (' || ea.role || ')' AS label, min(ea.id) AS first FROM event_actors ea
        JOIN actors a ON a.id = ea.actor_id WHERE ea.event_id = e.id
        GROUP BY a.name, ea.role ORDER BY min(ea.id)) x) AS actors,
    c.quote AS quote,
    c.stated_date AS stated_date,
    c.stated_qualifier AS stated_qualifier,
    c.stated_end AS stated_end,
    {label("c.stated_date", "c.stated_qualifier", "c.stated_end")} AS stated_label,
    c.date_basis AS date_basis,
    (s.published_inferred AND c.date_basis IN ('relative', 'context')) AS date_inferred,
    c.disagrees AS disagrees,
    c.attributed_to AS attributed_to,
    s.title AS source_title,
    s.author AS source_author,
    s.publisher AS source_publisher,
    s.published AS source_published,
    s.published_inferred AS source_published_inferred,
    s.url AS source_url,
    s.partial AS source_partial,
    e.key AS event_key,
    s.key AS source_key,
    c.id AS citation_id
FROM events e
JOIN citations c ON c.event_id = e.id
JOIN sources s ON s.id = c.source_id
"""


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
         ELSE {last_day("COALESCE(c.stated_end, c.stated_date)")} END AS latest_day,
    c.disagrees AS disagrees
FROM citations c
"""


def event_dates() -> str:
    # A citation marked as disagreeing on the date does not bound the event.
    return f"""
CREATE VIEW event_dates AS
WITH bounds AS (
    SELECT event_id, max(earliest_day) AS earliest, min(latest_day) AS latest
    FROM citation_dates WHERE disagrees IS NULL GROUP BY event_id
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


def policy_confirmations() -> str:
    return f"""
CREATE VIEW policy_confirmations AS
SELECT
    p.key AS policy_key,
    p.name AS policy_name,
    (SELECT count(*) FROM event_policies ep JOIN events e2 ON e2.id = ep.event_id
       JOIN event_types t ON t.name = e2.type
     WHERE ep.policy_id = p.id AND {CHANGES}
       AND (e2.sort_key < e.sort_key OR (e2.sort_key = e.sort_key AND e2.key < e.key))) AS state_number,
    e.key AS event_key,
    e.headline AS headline,
    d.date_label AS date_label,
    e.date AS date,
    d.earliest_day AS earliest_day,
    d.latest_day AS latest_day,
    e.sort_key AS sort_key
FROM events e
JOIN event_policies cp ON cp.event_id = e.id
JOIN policies p ON p.id = cp.policy_id
JOIN event_dates d ON d.event_id = e.id
WHERE e.type = 'reaffirmed'
"""


def policy_states() -> str:
    return f"""
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
        LEAD(e.key) OVER w AS next_event_key,
        MIN(d.latest_day) OVER (w ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS superseded_day
    FROM policies p
    JOIN event_policies ep ON ep.policy_id = p.id
    JOIN events e ON e.id = ep.event_id
    JOIN event_types t ON t.name = e.type AND {CHANGES}
    JOIN event_dates d ON d.event_id = e.id
    WINDOW w AS (PARTITION BY p.id ORDER BY e.sort_key, e.key)
)
SELECT
    c.policy_key, c.policy_name, c.state_number,
    c.date_label AS valid_from, c.date AS valid_from_date, c.precision AS valid_from_precision,
    c.qualifier AS valid_from_qualifier, c.earliest_day AS from_earliest_day, c.latest_day AS from_latest_day,
    c.next_label AS valid_to, c.next_date AS valid_to_date, c.next_precision AS valid_to_precision,
    c.next_qualifier AS valid_to_qualifier, c.next_earliest AS to_earliest_day, c.next_latest AS to_latest_day,
    c.superseded_day AS superseded_day,
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
    c.next_event_key AS closed_by,
    (SELECT count(*) FROM policy_confirmations f
      WHERE f.policy_key = c.policy_key AND f.state_number = c.state_number) AS confirmations,
    (SELECT f.event_key FROM policy_confirmations f
      WHERE f.policy_key = c.policy_key AND f.state_number = c.state_number
      ORDER BY f.sort_key DESC, f.event_key DESC LIMIT 1) AS last_confirmed_by,
    (SELECT f.date_label FROM policy_confirmations f
      WHERE f.policy_key = c.policy_key AND f.state_number = c.state_number
      ORDER BY f.sort_key DESC, f.event_key DESC LIMIT 1) AS last_confirmed
FROM changes c
"""


_ROLES = ", ".join(f"'{r}'" for r in ATTRIBUTION_ROLES)


def conflict_sides() -> str:
    """One row per citation on a side of a disagreement."""
    policy_keys = (
        f"(SELECT {agg('x.key', ' ', 'x.key')} FROM (SELECT p.key AS key FROM event_policies ep "
        "JOIN policies p ON p.id = ep.policy_id WHERE ep.event_id = e.id ORDER BY p.key) x)"
    )
    names = (
        f"(SELECT {agg('x.name', '; ', 'x.name')} FROM (SELECT DISTINCT ac.name AS name FROM event_actors xa "
        "JOIN actors ac ON ac.id = xa.actor_id WHERE xa.event_id = k.event_id AND xa.role = k.role "
        "AND xa.source_id = k.source_id ORDER BY ac.name) x)"
    )
    return f"""
CREATE VIEW conflict_sides AS
WITH RECURSIVE up(actor_id, ancestor_id) AS (
    SELECT id, id FROM actors
    UNION
    SELECT up.actor_id, r.related_id FROM up JOIN actor_relations r ON r.actor_id = up.ancestor_id
),
claims AS (SELECT DISTINCT event_id, role, source_id FROM event_actors WHERE role IN ({_ROLES})),
disputed AS (
    SELECT DISTINCT a.event_id, a.role FROM claims a
    JOIN claims b ON b.event_id = a.event_id AND b.role = a.role AND b.source_id > a.source_id
    WHERE NOT EXISTS (
        SELECT 1 FROM event_actors x
        JOIN up ux ON ux.actor_id = x.actor_id
        JOIN up uy ON uy.ancestor_id = ux.ancestor_id
        JOIN event_actors y ON y.actor_id = uy.actor_id
        WHERE x.event_id = a.event_id AND x.role = a.role AND x.source_id = a.source_id
          AND y.event_id = b.event_id AND y.role = b.role AND y.source_id = b.source_id)
),
event_bounds AS (
    SELECT id AS event_id,
        CASE WHEN qualifier = 'on_or_before' THEN NULL ELSE first_day END AS earliest,
        CASE WHEN qualifier = 'on_or_after' THEN NULL ELSE last_day END AS latest
    FROM events
),
dated AS (
    SELECT cd.*, CASE WHEN (cd.earliest_day IS NULL OR b.latest IS NULL OR cd.earliest_day <= b.latest)
                       AND (cd.latest_day IS NULL OR b.earliest IS NULL OR b.earliest <= cd.latest_day)
                  THEN 1 ELSE 0 END AS agrees
    FROM citation_dates cd JOIN event_bounds b ON b.event_id = cd.event_id
)
SELECT
    'date' AS kind, e.key AS event_key, e.headline AS headline, {policy_keys} AS policy_keys, NULL AS role,
    CASE WHEN d.agrees = 1 THEN {label("e.date", "e.qualifier", "e.date_end")} ELSE d.stated_label END AS claim,
    s.key AS source_key, s.published AS source_published, d.stated_label AS stated_label, c.quote AS quote,
    c.disagrees AS marked, c.id AS citation_id
FROM dated d
JOIN events e ON e.id = d.event_id
JOIN citations c ON c.id = d.citation_id
JOIN sources s ON s.id = c.source_id
WHERE EXISTS (SELECT 1 FROM dated o WHERE o.event_id = d.event_id AND o.agrees = 0)
UNION ALL
SELECT
    'attribution', e.key, e.headline, {policy_keys}, k.role, {names},
    s.key, s.published, {label("c.stated_date", "c.stated_qualifier", "c.stated_end")}, c.quote,
    c.disagrees, c.id
FROM claims k
JOIN disputed dp ON dp.event_id = k.event_id AND dp.role = k.role
JOIN events e ON e.id = k.event_id
JOIN citations c ON c.event_id = k.event_id AND c.source_id = k.source_id
JOIN sources s ON s.id = k.source_id
"""


def conflicts() -> str:
    return f"""
CREATE VIEW conflicts AS
SELECT
    g.kind, g.event_key, g.headline, g.policy_keys, g.role,
    (SELECT {agg("x.claim", " | ", "x.claim")} FROM (
        SELECT DISTINCT cs.claim AS claim FROM conflict_sides cs
        WHERE cs.kind = g.kind AND cs.event_key = g.event_key AND COALESCE(cs.role, '') = COALESCE(g.role, '')
        ORDER BY cs.claim) x) AS claims,
    (SELECT {agg("x.source_key", " ", "x.source_key")} FROM (
        SELECT DISTINCT cs.source_key AS source_key FROM conflict_sides cs
        WHERE cs.kind = g.kind AND cs.event_key = g.event_key AND COALESCE(cs.role, '') = COALESCE(g.role, '')
        ORDER BY cs.source_key) x) AS sources,
    g.citations
FROM (
    SELECT kind, event_key, headline, policy_keys, role, count(*) AS citations
    FROM conflict_sides GROUP BY kind, event_key, headline, policy_keys, role
) g
"""


def upgrade() -> None:
    for view in ("conflicts", "policy_states", "event_dates", "citation_dates", "timeline"):
        op.execute(f"DROP VIEW {view}")
    op.add_column("sources", sa.Column("published_inferred", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("event_policies", sa.Column("changes_state", sa.Boolean(), nullable=True))
    # A column CHECK through plain ALTER TABLE: SQLite's batch rebuild is not needed for it.
    allowed = ", ".join(f"'{d}'" for d in DISAGREEMENTS)
    op.execute(
        "ALTER TABLE citations ADD COLUMN disagrees VARCHAR(10) CONSTRAINT ck_citations_disagrees "
        f"CHECK (disagrees IS NULL OR disagrees IN ({allowed}))"
    )
    op.create_table(
        "actor_relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=10), nullable=False),
        sa.Column("related_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "relation IN (" + ", ".join(f"'{r}'" for r in RELATIONS) + ")", name=op.f("ck_actor_relations_relation")
        ),
        sa.CheckConstraint("actor_id <> related_id", name=op.f("ck_actor_relations_not_self")),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"], name=op.f("fk_actor_relations_actor_id_actors")),
        sa.ForeignKeyConstraint(["related_id"], ["actors.id"], name=op.f("fk_actor_relations_related_id_actors")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_actor_relations_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_relations")),
        sa.UniqueConstraint(
            "actor_id", "relation", "related_id", "source_id", name=op.f("uq_actor_relations_actor_id_relation_related_id_source_id")
        ),
    )
    op.create_index(op.f("ix_actor_relations_related_id"), "actor_relations", ["related_id"])
    op.create_index(op.f("ix_actor_relations_source_id"), "actor_relations", ["source_id"])
    op.create_table(
        "stance_additions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_stance_additions_event_id_events")),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_stance_additions_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stance_additions")),
        sa.UniqueConstraint("event_id", "source_id", name=op.f("uq_stance_additions_event_id_source_id")),
    )
    op.create_index(op.f("ix_stance_additions_source_id"), "stance_additions", ["source_id"])
    op.create_table(
        "term_variants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.Text(), nullable=False),
        sa.Column("variant", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"], name=op.f("fk_term_variants_source_id_sources")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_term_variants")),
        sa.UniqueConstraint("term", "variant", "source_id", name=op.f("uq_term_variants_term_variant_source_id")),
    )
    op.create_index(op.f("ix_term_variants_source_id"), "term_variants", ["source_id"])
    event_types = sa.table(
        "event_types", sa.column("name", sa.String), sa.column("changes_state", sa.Boolean),
        sa.column("description", sa.Text), sa.column("position", sa.Integer),
    )  # fmt: skip
    position = op.get_bind().execute(sa.text("SELECT max(position) FROM event_types")).scalar() or 0
    name, changes, description = REAFFIRMED
    op.bulk_insert(event_types, [{"name": name, "changes_state": changes, "description": description, "position": position + 1}])
    # Sources loaded before this revision: their <NOTE> says whether the date is inferred.
    bind = op.get_bind()
    inferred = [row.id for row in bind.execute(sa.text("SELECT id, note FROM sources")) if row.note and INFERRED_NOTE.search(row.note)]
    if inferred:
        bind.execute(
            sa.text("UPDATE sources SET published_inferred = :yes WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True), sa.bindparam("yes", type_=sa.Boolean)
            ),
            {"ids": inferred, "yes": True},
        )
    for sql in (timeline(), citation_dates(), event_dates(), policy_confirmations(), policy_states(), conflict_sides(), conflicts()):
        op.execute(sql)


def _module(rev: str):  # noqa: ANN202 (an Alembic revision module)
    """The module of an earlier revision, to restore the views it defined."""
    return context.script.get_revision(rev).module


def downgrade() -> None:
    for view in VIEWS:
        op.execute(f"DROP VIEW {view}")
    op.drop_index(op.f("ix_term_variants_source_id"), table_name="term_variants")
    op.drop_table("term_variants")
    op.drop_index(op.f("ix_stance_additions_source_id"), table_name="stance_additions")
    op.drop_table("stance_additions")
    op.drop_index(op.f("ix_actor_relations_source_id"), table_name="actor_relations")
    op.drop_index(op.f("ix_actor_relations_related_id"), table_name="actor_relations")
    op.drop_table("actor_relations")
    op.execute(f"DELETE FROM event_types WHERE name = '{REAFFIRMED[0]}'")
    if dialect() == "postgresql":
        op.execute("ALTER TABLE citations DROP CONSTRAINT ck_citations_disagrees")
    op.execute("ALTER TABLE citations DROP COLUMN disagrees")
    op.execute("ALTER TABLE event_policies DROP COLUMN changes_state")
    op.execute("ALTER TABLE sources DROP COLUMN published_inferred")
    first, second = _module("0001"), _module("0002")
    op.execute(first.timeline_view())
    for sql in (second.citation_dates(), second.event_dates(), second.policy_states(), second.conflicts()):
        op.execute(sql)

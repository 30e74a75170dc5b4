"""schema: sources, actors, policies, events, citations, the event-type vocabulary and the timeline view

The first revision: every table of the knowledge base, the controlled vocabulary of event
types as a lookup table (a frozen copy of kb/vocabulary.py at this revision; a test checks
they agree), and the `timeline` view for people who query the SQLite file directly.

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 16:52:22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

def dialect() -> str:
    return op.get_bind().dialect.name


def iso_date(column: str, name: str) -> sa.CheckConstraint:
    """The column starts with a four-digit year."""
    if dialect() == "postgresql":
        return sa.CheckConstraint(f"{column} ~ '^[0-9]{{4}}'", name=op.f(name))
    return sa.CheckConstraint(f"{column} GLOB '[0-9][0-9][0-9][0-9]*'", name=op.f(name))


def agg(expr: str, sep: str, order: str) -> str:
    """Join the values of expr in order: group_concat on SQLite (over an ordered subquery), string_agg on PostgreSQL."""
    if dialect() == "postgresql":
        return f"string_agg({expr}, '{sep}' ORDER BY {order})"
    return f"group_concat({expr}, '{sep}')"


def zero_pad(expr: str) -> str:
    return f"lpad(CAST({expr} AS TEXT), 6, '0')" if dialect() == "postgresql" else f"printf('%06d', {expr})"


# (name, changes_state, description), in the order the vocabulary lists them.
EVENT_TYPES = [
    ("adopted", True, "A policy is first put in place."),
    ("amended", True, "A policy in force is changed in part; the rest stays."),
    ("reversed", True, "The prior stance is rescinded and replaced by a contrary one."),
    ("rescinded", True, "A policy is ended with nothing put in its place."),
    ("reinstated", True, "An earlier stance of the policy is restored."),
    ("exception", True, "A bounded departure from a policy that leaves the policy itself in force."),
    ("statement", False, "An actor states a position, an explanation or a commitment."),
    ("criticism", False, "An actor criticises a decision or a policy."),
    ("support", False, "An actor endorses a decision or a policy."),
    ("transfer", False, "Weapons or aid are provided to another party."),
    ("use", False, "Weapons are used, or last used, in a conflict."),
    ("military_action", False, "An invasion, offensive or other armed action."),
    ("report", False, "A figure or state of affairs reported as of a date (a stockpile, a count of parties, money spent)."),
    ("review", False, "A study or review of a policy is carried out."),
    ("deliberation", False, "An actor considers a change (such as leaving a treaty) without, or before, making it."),
    ("treaty_action", False, "A state acts on a treaty: signs, ratifies, accedes, withdraws, or votes on a treaty resolution."),
]

# One row per event and citation, readable names, dates at their precision; ORDER BY sort_key.
def timeline_view() -> str:
    return f"""
CREATE VIEW timeline AS
SELECT
    e.sort_key || '|' || e.key || '|' || s.published || '|' || s.key || '|' || {zero_pad("c.position")}
        AS sort_key,
    CASE e.qualifier WHEN 'on_or_before' THEN 'on or before ' WHEN 'on_or_after' THEN 'on or after '
        WHEN 'approximately' THEN 'about ' ELSE '' END
        || e.date || CASE WHEN e.date_end IS NOT NULL THEN ' to ' || e.date_end ELSE '' END AS date_label,
    e.date AS date,
    e.precision AS precision,
    e.qualifier AS qualifier,
    e.date_end AS date_end,
    e.type AS event_type,
    t.changes_state AS changes_state,
    e.headline AS headline,
    e.stance AS stance,
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
    c.date_basis AS date_basis,
    c.attributed_to AS attributed_to,
    s.title AS source_title,
    s.author AS source_author,
    s.publisher AS source_publisher,
    s.published AS source_published,
    s.url AS source_url,
    s.partial AS source_partial,
    e.key AS event_key,
    s.key AS source_key,
    c.id AS citation_id
FROM events e
JOIN event_types t ON t.name = e.type
JOIN citations c ON c.event_id = e.id
JOIN sources s ON s.id = c.source_id
"""


# A state-changing event records what the policy is after it (CHECK cannot look up event_types).
STANCE_MESSAGE = "a state-changing event needs a stance: what the policy is after it"
STANCE_TRIGGER = """
CREATE TRIGGER events_stance_on_{name} BEFORE {when} ON events
WHEN NEW.stance IS NULL AND (SELECT changes_state FROM event_types WHERE name = NEW.type)
BEGIN
    SELECT RAISE(ABORT, '""" + STANCE_MESSAGE + """');
END
"""
STANCE_FUNCTION_PG = """
CREATE FUNCTION events_stance_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.stance IS NULL AND (SELECT changes_state FROM event_types WHERE name = NEW.type) THEN
        RAISE EXCEPTION '""" + STANCE_MESSAGE + """' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$
"""

def upgrade() -> None:
    op.create_table('actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.CheckConstraint("kind IN ('person', 'government', 'agency', 'office', 'organisation', 'delegation', 'military', 'group')", name=op.f('ck_actors_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actors')),
    sa.UniqueConstraint('key', name=op.f('uq_actors_key'))
    )
    op.create_table('event_types',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('changes_state', sa.Boolean(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_event_types')),
    sa.UniqueConstraint('position', name=op.f('uq_event_types_position'))
    )
    op.create_table('policies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['actors.id'], name=op.f('fk_policies_owner_id_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policies')),
    sa.UniqueConstraint('key', name=op.f('uq_policies_key'))
    )
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policies_owner_id'), ['owner_id'], unique=False)

    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('issuer_id', sa.Integer(), nullable=True),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=False),
    sa.Column('precision', sa.String(length=5), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('partial', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('highlights', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('content_start', sa.Integer(), nullable=False),
    sa.Column('content_end', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('added_at', sa.String(length=32), nullable=False),
    sa.CheckConstraint("(precision = 'year' AND length(published) = 4) OR (precision = 'month' AND length(published) = 7) OR (precision = 'day' AND length(published) = 10)", name=op.f('ck_sources_published_precision')),
    sa.CheckConstraint("kind IN ('news_article', 'fact_sheet', 'press_release', 'statement', 'speech', 'transcript', 'report', 'other')", name=op.f('ck_sources_kind')),
    iso_date("published", "ck_sources_published_iso"),
    sa.CheckConstraint('0 <= content_start AND content_start <= content_end AND content_end <= length(text)', name=op.f('ck_sources_content_offsets')),
    sa.CheckConstraint('length(sha256) = 64', name=op.f('ck_sources_sha256_length')),
    sa.ForeignKeyConstraint(['issuer_id'], ['actors.id'], name=op.f('fk_sources_issuer_id_actors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('key', name=op.f('uq_sources_key')),
    sa.UniqueConstraint('sha256', name=op.f('uq_sources_sha256')),
    sa.UniqueConstraint('url', name=op.f('uq_sources_url'))
    )
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sources_issuer_id'), ['issuer_id'], unique=False)

    op.create_table('actor_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_actor_aliases_actor_id_actors')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_actor_aliases_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_actor_aliases')),
    sa.UniqueConstraint('actor_id', 'alias', 'source_id', name=op.f('uq_actor_aliases_actor_id_alias_source_id'))
    )
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actor_aliases_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_aliases_alias'), ['alias'], unique=False)
        batch_op.create_index(batch_op.f('ix_actor_aliases_source_id'), ['source_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=32), nullable=False),
    sa.Column('headline', sa.Text(), nullable=False),
    sa.Column('stance', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('date', sa.String(length=10), nullable=False),
    sa.Column('precision', sa.String(length=5), nullable=False),
    sa.Column('date_end', sa.String(length=10), nullable=True),
    sa.Column('qualifier', sa.String(length=20), nullable=True),
    sa.Column('first_day', sa.String(length=10), nullable=False),
    sa.Column('last_day', sa.String(length=10), nullable=False),
    sa.Column('sort_key', sa.String(length=20), nullable=False),
    sa.Column('defined_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('length(first_day) = 10 AND length(last_day) = 10 AND first_day <= last_day', name=op.f('ck_events_days')),
    sa.CheckConstraint("(precision = 'year' AND length(date) = 4) OR (precision = 'month' AND length(date) = 7) OR (precision = 'day' AND length(date) = 10)", name=op.f('ck_events_date_precision')),
    iso_date("date", "ck_events_date_iso"),
    sa.CheckConstraint("precision IN ('year', 'month', 'day')", name=op.f('ck_events_precision')),
    sa.CheckConstraint("qualifier IS NULL OR qualifier IN ('on_or_before', 'on_or_after', 'approximately')", name=op.f('ck_events_qualifier')),
    sa.CheckConstraint('date_end IS NULL OR length(date_end) IN (4, 7, 10)', name=op.f('ck_events_date_end_iso')),
    sa.ForeignKeyConstraint(['defined_by_id'], ['sources.id'], name=op.f('fk_events_defined_by_id_sources')),
    sa.ForeignKeyConstraint(['type'], ['event_types.name'], name=op.f('fk_events_type_event_types')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sa.UniqueConstraint('key', name=op.f('uq_events_key'))
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_defined_by_id'), ['defined_by_id'], unique=False)
        batch_op.create_index('ix_events_days', ['first_day', 'last_day'], unique=False)
        batch_op.create_index(
            'ix_events_ranges', ['first_day'], unique=False,
            sqlite_where=sa.text('date_end IS NOT NULL'), postgresql_where=sa.text('date_end IS NOT NULL'),
        )
        batch_op.create_index('ix_events_sort', ['sort_key', 'key'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_type'), ['type'], unique=False)

    op.create_table('policy_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('alias', sa.Text(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], name=op.f('fk_policy_aliases_policy_id_policies')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_policy_aliases_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_aliases')),
    sa.UniqueConstraint('policy_id', 'alias', 'source_id', name=op.f('uq_policy_aliases_policy_id_alias_source_id'))
    )
    with op.batch_alter_table('policy_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_policy_aliases_alias'), ['alias'], unique=False)
        batch_op.create_index(batch_op.f('ix_policy_aliases_policy_id'), ['policy_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_policy_aliases_source_id'), ['source_id'], unique=False)

    op.create_table('source_actors',
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_source_actors_actor_id_actors')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_actors_source_id_sources')),
    sa.PrimaryKeyConstraint('source_id', 'actor_id', name=op.f('pk_source_actors'))
    )
    with op.batch_alter_table('source_actors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_actors_actor_id'), ['actor_id'], unique=False)

    op.create_table('source_policies',
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], name=op.f('fk_source_policies_policy_id_policies')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_source_policies_source_id_sources')),
    sa.PrimaryKeyConstraint('source_id', 'policy_id', name=op.f('pk_source_policies'))
    )
    with op.batch_alter_table('source_policies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_source_policies_policy_id'), ['policy_id'], unique=False)

    op.create_table('citations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('stated_date', sa.String(length=10), nullable=False),
    sa.Column('stated_precision', sa.String(length=5), nullable=False),
    sa.Column('stated_end', sa.String(length=10), nullable=True),
    sa.Column('stated_qualifier', sa.String(length=20), nullable=True),
    sa.Column('date_basis', sa.String(length=10), nullable=False),
    sa.Column('attributed_to', sa.Text(), nullable=True),
    sa.Column('attributed_actor_id', sa.Integer(), nullable=True),
    sa.Column('beyond_publication', sa.String(length=10), nullable=True),
    sa.CheckConstraint("(stated_precision = 'year' AND length(stated_date) = 4) OR (stated_precision = 'month' AND length(stated_date) = 7) OR (stated_precision = 'day' AND length(stated_date) = 10)", name=op.f('ck_citations_stated_date_precision')),
    sa.CheckConstraint("beyond_publication IS NULL OR beyond_publication IN ('planned', 'updated')", name=op.f('ck_citations_beyond_publication')),
    sa.CheckConstraint("date_basis IN ('explicit', 'relative', 'context')", name=op.f('ck_citations_date_basis')),
    sa.CheckConstraint("stated_precision IN ('year', 'month', 'day')", name=op.f('ck_citations_stated_precision')),
    sa.CheckConstraint("stated_qualifier IS NULL OR stated_qualifier IN ('on_or_before', 'on_or_after', 'approximately')", name=op.f('ck_citations_stated_qualifier')),
    sa.CheckConstraint('0 <= start_offset AND start_offset < end_offset', name=op.f('ck_citations_offsets')),
    sa.CheckConstraint('length(quote) = end_offset - start_offset', name=op.f('ck_citations_quote_length')),
    sa.CheckConstraint('stated_end IS NULL OR length(stated_end) IN (4, 7, 10)', name=op.f('ck_citations_stated_end_iso')),
    iso_date("stated_date", "ck_citations_stated_date_iso"),
    sa.ForeignKeyConstraint(['attributed_actor_id'], ['actors.id'], name=op.f('fk_citations_attributed_actor_id_actors')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_citations_event_id_events')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_citations_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_citations'))
    )
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_citations_attributed_actor_id'), ['attributed_actor_id'], unique=False)
        batch_op.create_index('ix_citations_event', ['event_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_citations_source_id'), ['source_id'], unique=False)

    op.create_table('event_actors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.CheckConstraint("role IN ('decided', 'announced', 'authorised', 'implemented', 'criticised', 'supported', 'stated', 'reported', 'commissioned', 'considered', 'provided', 'received', 'used', 'voted', 'subject')", name=op.f('ck_event_actors_role')),
    sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f('fk_event_actors_actor_id_actors')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_actors_event_id_events')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_event_actors_source_id_sources')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_actors')),
    sa.UniqueConstraint('event_id', 'actor_id', 'role', 'source_id', name=op.f('uq_event_actors_event_id_actor_id_role_source_id'))
    )
    with op.batch_alter_table('event_actors', schema=None) as batch_op:
        batch_op.create_index('ix_event_actors_actor', ['actor_id', 'event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_event_actors_source_id'), ['source_id'], unique=False)

    op.create_table('event_policies',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_policies_event_id_events')),
    sa.ForeignKeyConstraint(['policy_id'], ['policies.id'], name=op.f('fk_event_policies_policy_id_policies')),
    sa.PrimaryKeyConstraint('event_id', 'policy_id', name=op.f('pk_event_policies'))
    )
    with op.batch_alter_table('event_policies', schema=None) as batch_op:
        batch_op.create_index('ix_event_policies_policy', ['policy_id', 'event_id'], unique=False)


    event_types = sa.table(
        "event_types",
        sa.column("name", sa.String),
        sa.column("changes_state", sa.Boolean),
        sa.column("description", sa.Text),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        event_types,
        [
            {"name": n, "changes_state": c, "description": d, "position": i}
            for i, (n, c, d) in enumerate(EVENT_TYPES, start=1)
        ],
    )
    op.execute(timeline_view())
    if dialect() == "postgresql":
        op.execute(STANCE_FUNCTION_PG)
        for when in ("INSERT", "UPDATE"):
            op.execute(
                f"CREATE TRIGGER events_stance_on_{when.lower()} BEFORE {when} ON events "
                "FOR EACH ROW EXECUTE FUNCTION events_stance_check()"
            )
    else:
        for when in ("INSERT", "UPDATE"):
            op.execute(STANCE_TRIGGER.format(when=when, name=when.lower()))


def downgrade() -> None:
    on_table = " ON events" if dialect() == "postgresql" else ""
    op.execute(f"DROP TRIGGER events_stance_on_insert{on_table}")
    op.execute(f"DROP TRIGGER events_stance_on_update{on_table}")
    if dialect() == "postgresql":
        op.execute("DROP FUNCTION events_stance_check()")
    op.execute("DROP VIEW timeline")
    with op.batch_alter_table('event_policies', schema=None) as batch_op:
        batch_op.drop_index('ix_event_policies_policy')

    op.drop_table('event_policies')
    with op.batch_alter_table('event_actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_event_actors_source_id'))
        batch_op.drop_index('ix_event_actors_actor')

    op.drop_table('event_actors')
    with op.batch_alter_table('citations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_citations_source_id'))
        batch_op.drop_index('ix_citations_event')
        batch_op.drop_index(batch_op.f('ix_citations_attributed_actor_id'))

    op.drop_table('citations')
    with op.batch_alter_table('source_policies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_policies_policy_id'))

    op.drop_table('source_policies')
    with op.batch_alter_table('source_actors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_source_actors_actor_id'))

    op.drop_table('source_actors')
    with op.batch_alter_table('policy_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_aliases_source_id'))
        batch_op.drop_index(batch_op.f('ix_policy_aliases_policy_id'))
        batch_op.drop_index(batch_op.f('ix_policy_aliases_alias'))

    op.drop_table('policy_aliases')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_type'))
        batch_op.drop_index('ix_events_sort')
        batch_op.drop_index('ix_events_days')
        batch_op.drop_index('ix_events_ranges')
        batch_op.drop_index(batch_op.f('ix_events_defined_by_id'))

    op.drop_table('events')
    with op.batch_alter_table('actor_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actor_aliases_source_id'))
        batch_op.drop_index(batch_op.f('ix_actor_aliases_alias'))
        batch_op.drop_index(batch_op.f('ix_actor_aliases_actor_id'))

    op.drop_table('actor_aliases')
    with op.batch_alter_table('sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sources_issuer_id'))

    op.drop_table('sources')
    with op.batch_alter_table('policies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policies_owner_id'))

    op.drop_table('policies')
    op.drop_table('event_types')
    op.drop_table('actors')

"""The knowledge base's tables as typed SQLAlchemy models (today's schema).

Migrations in migrations/versions/ must never import this module: a data migration runs
against the schema of its own revision, which later revisions may change.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    event,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


from kb.vocabulary import (  # noqa: E402  (the one place the vocabularies are kept)
    ACTOR_KINDS,
    BEYOND_PUBLICATION,
    DATE_BASES,
    DISAGREEMENTS,
    PRECISIONS,
    QUALIFIERS,
    RELATIONS,
    ROLES,
    SOURCE_KINDS,
)

_PRECISION_MATCHES_DATE = (
    "(precision = 'year' AND length({d}) = 4) OR (precision = 'month' AND length({d}) = 7) "
    "OR (precision = 'day' AND length({d}) = 10)"
)
_ISO_DATE = "{d} GLOB '[0-9][0-9][0-9][0-9]*'"
_ISO_DATE_PG = "{d} ~ '^[0-9]{{4}}'"


def _iso_date(column: str, name: str) -> tuple[CheckConstraint, CheckConstraint]:
    """The column starts with a four-digit year: GLOB on SQLite, a regular expression on PostgreSQL."""
    return (
        CheckConstraint(_ISO_DATE.format(d=column), name=name).ddl_if(dialect="sqlite"),
        CheckConstraint(_ISO_DATE_PG.format(d=column), name=name).ddl_if(dialect="postgresql"),
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class EventType(Base):
    """The controlled vocabulary of event types."""

    __tablename__ = "event_types"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    changes_state: Mapped[bool] = mapped_column(Boolean)
    description: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, unique=True)


class Actor(Base):
    """A person, organisation, government or agency."""

    __tablename__ = "actors"
    __table_args__ = (CheckConstraint(_in("kind", ACTOR_KINDS), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[ActorAlias]] = relationship(back_populates="actor")


class ActorAlias(Base):
    """Another name of an actor, as a given source gives it."""

    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    alias: Mapped[str] = mapped_column(Text, index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)

    actor: Mapped[Actor] = relationship(back_populates="aliases")


class ActorRelation(Base):
    """An actor is part of, or acts for, another actor, as a given source states it."""

    __tablename__ = "actor_relations"
    __table_args__ = (
        UniqueConstraint("actor_id", "relation", "related_id", "source_id"),
        CheckConstraint(_in("relation", RELATIONS), name="relation"),
        CheckConstraint("actor_id <> related_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"))
    relation: Mapped[str] = mapped_column(String(10))
    related_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)


class Policy(Base):
    """A policy or treaty whose state changes over time."""

    __tablename__ = "policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    description: Mapped[str | None] = mapped_column(Text)

    owner: Mapped[Actor | None] = relationship()
    aliases: Mapped[list[PolicyAlias]] = relationship(back_populates="policy")


class PolicyAlias(Base):
    """Another name of a policy, as a given source gives it."""

    __tablename__ = "policy_aliases"
    __table_args__ = (UniqueConstraint("policy_id", "alias", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id"), index=True)
    alias: Mapped[str] = mapped_column(Text, index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)

    policy: Mapped[Policy] = relationship(back_populates="aliases")


class Source(Base):
    """One document, its full text exactly as in the file, and where it came from."""

    __tablename__ = "sources"
    __table_args__ = (
        CheckConstraint(_in("kind", SOURCE_KINDS), name="kind"),
        CheckConstraint(_PRECISION_MATCHES_DATE.format(d="published"), name="published_precision"),
        *_iso_date("published", "published_iso"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        CheckConstraint(
            "0 <= content_start AND content_start <= content_end AND content_end <= length(text)",
            name="content_offsets",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text, unique=True)
    author: Mapped[str] = mapped_column(Text)
    issuer_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str] = mapped_column(String(10))
    precision: Mapped[str] = mapped_column(String(5))
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    partial: Mapped[bool] = mapped_column(Boolean)
    summary: Mapped[str | None] = mapped_column(Text)
    highlights: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    added_at: Mapped[str] = mapped_column(String(32))
    # The publication date is inferred (the <NOTE> or the annotation says so), not printed.
    published_inferred: Mapped[bool] = mapped_column(Boolean, server_default=false())

    issuer: Mapped[Actor | None] = relationship()
    citations: Mapped[list[Citation]] = relationship(back_populates="source")


class SourceActor(Base):
    """An actor that a source's annotation declares: the actor stays while any source does."""

    __tablename__ = "source_actors"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)


class SourcePolicy(Base):
    """A policy that a source's annotation declares: the policy stays while any source does."""

    __tablename__ = "source_policies"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id"), primary_key=True, index=True)


class Event(Base):
    """Something that happened, dated from its citations at the precision they support."""

    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("precision", PRECISIONS), name="precision"),
        CheckConstraint(_PRECISION_MATCHES_DATE.format(d="date"), name="date_precision"),
        *_iso_date("date", "date_iso"),
        CheckConstraint("date_end IS NULL OR length(date_end) IN (4, 7, 10)", name="date_end_iso"),
        CheckConstraint(f"qualifier IS NULL OR {_in('qualifier', QUALIFIERS)}", name="qualifier"),
        CheckConstraint("length(first_day) = 10 AND length(last_day) = 10 AND first_day <= last_day", name="days"),
        Index("ix_events_sort", "sort_key", "key"),
        Index("ix_events_days", "first_day", "last_day"),
        # Only ranges (date_end set) can span more than a year: a small partial index finds them.
        # (PostgreSQL's where= is added by postgresql_arguments(): naming it here would import
        # PostgreSQL's dialect, ~0.05 s, into every command on SQLite.)
        Index("ix_events_ranges", "first_day", sqlite_where=text("date_end IS NOT NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    type: Mapped[str] = mapped_column(ForeignKey("event_types.name"), index=True)
    headline: Mapped[str] = mapped_column(Text)
    stance: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str] = mapped_column(String(10))
    precision: Mapped[str] = mapped_column(String(5))
    date_end: Mapped[str | None] = mapped_column(String(10))
    qualifier: Mapped[str | None] = mapped_column(String(20))
    first_day: Mapped[str] = mapped_column(String(10))
    last_day: Mapped[str] = mapped_column(String(10))
    sort_key: Mapped[str] = mapped_column(String(20))
    defined_by_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"), index=True)

    policies: Mapped[list[Policy]] = relationship(secondary="event_policies")
    actors: Mapped[list[EventActor]] = relationship(back_populates="event")
    citations: Mapped[list[Citation]] = relationship(back_populates="event")


class EventPolicy(Base):
    """Which policies an event concerns."""

    __tablename__ = "event_policies"
    __table_args__ = (Index("ix_event_policies_policy", "policy_id", "event_id"),)

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"), primary_key=True)
    policy_id: Mapped[int] = mapped_column(ForeignKey("policies.id"), primary_key=True)
    # Declared by the reviewed annotation; NULL: as the event type's vocabulary entry says.
    changes_state: Mapped[bool | None] = mapped_column(Boolean)


class EventActor(Base):
    """An actor's role in an event, according to one source."""

    __tablename__ = "event_actors"
    __table_args__ = (
        UniqueConstraint("event_id", "actor_id", "role", "source_id"),
        CheckConstraint(_in("role", ROLES), name="role"),
        Index("ix_event_actors_actor", "actor_id", "event_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"))
    role: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)

    event: Mapped[Event] = relationship(back_populates="actors")
    actor: Mapped[Actor] = relationship()


class Citation(Base):
    """A verbatim quote from a source that supports an event, with the date as the source states it."""

    __tablename__ = "citations"
    __table_args__ = (
        CheckConstraint("0 <= start_offset AND start_offset < end_offset", name="offsets"),
        CheckConstraint("length(quote) = end_offset - start_offset", name="quote_length"),
        CheckConstraint(_in("stated_precision", PRECISIONS), name="stated_precision"),
        CheckConstraint(
            _PRECISION_MATCHES_DATE.replace("precision", "stated_precision").format(d="stated_date"),
            name="stated_date_precision",
        ),
        CheckConstraint("stated_end IS NULL OR length(stated_end) IN (4, 7, 10)", name="stated_end_iso"),
        *_iso_date("stated_date", "stated_date_iso"),
        CheckConstraint(f"stated_qualifier IS NULL OR {_in('stated_qualifier', QUALIFIERS)}", name="stated_qualifier"),
        CheckConstraint(_in("date_basis", DATE_BASES), name="date_basis"),
        CheckConstraint(
            f"beyond_publication IS NULL OR {_in('beyond_publication', BEYOND_PUBLICATION)}",
            name="beyond_publication",
        ),
        CheckConstraint(f"disagrees IS NULL OR {_in('disagrees', DISAGREEMENTS)}", name="disagrees"),
        Index("ix_citations_event", "event_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    stated_date: Mapped[str] = mapped_column(String(10))
    stated_precision: Mapped[str] = mapped_column(String(5))
    stated_end: Mapped[str | None] = mapped_column(String(10))
    stated_qualifier: Mapped[str | None] = mapped_column(String(20))
    date_basis: Mapped[str] = mapped_column(String(10))
    attributed_to: Mapped[str | None] = mapped_column(Text)
    attributed_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    beyond_publication: Mapped[str | None] = mapped_column(String(10))
    # A reviewed disagreement with the event ("date"): the citation does not move the event's date.
    disagrees: Mapped[str | None] = mapped_column(String(10))

    event: Mapped[Event] = relationship(back_populates="citations")
    source: Mapped[Source] = relationship(back_populates="citations")
    attributed_actor: Mapped[Actor | None] = relationship()


class StanceAddition(Base):
    """Detail a later source adds to an existing event's stance (reviewed, never silent)."""

    __tablename__ = "stance_additions"
    __table_args__ = (UniqueConstraint("event_id", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)
    text: Mapped[str] = mapped_column(Text)


class TermVariant(Base):
    """Another way a source writes a term (a spelling, an acronym, a plain-language synonym): search matches them all."""

    __tablename__ = "term_variants"
    __table_args__ = (UniqueConstraint("term", "variant", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(Text)
    variant: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id"), index=True)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Alembic's filter: FTS5 tables and their shadow tables are made by SQL in migrations, not by these models."""
    return not (type_ in ("table", "index") and name is not None and ("_fts_" in name or name.endswith("_fts")))


_RANGES_WHERE = "date_end IS NOT NULL"


def postgresql_arguments() -> None:
    """The partial index's where= on PostgreSQL too (as migration 0001 creates it). Added once a
    PostgreSQL engine is made (kb.db) or tables are created on one: naming it in the model
    would import PostgreSQL's dialect (~0.05 s) into every command on SQLite."""
    index = next(i for i in Event.__table__.indexes if i.name == "ix_events_ranges")
    index.dialect_options["postgresql"]["where"] = text(_RANGES_WHERE)


@event.listens_for(Base.metadata, "before_create")
def _before_create(metadata: MetaData, connection: Any, **_: Any) -> None:
    if connection.dialect.name == "postgresql":
        postgresql_arguments()

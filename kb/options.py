"""Shared click options, so every command spells the same flag the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from kb import completion
from kb.dates import parse_bound
from kb.errors import DateError
from kb.vocabulary import EVENT_TYPE_NAMES, FORMATS

F = Callable[..., Any]


def db_option(f: F) -> F:
    return click.option(
        "--db",
        "db",
        metavar="PATH_OR_URL",
        help="Database file or SQLAlchemy URL. Default: $KB_DB, else kb.sqlite in the knowledge base root.",
    )(f)


def format_option(f: F, formats: tuple[str, ...] = FORMATS) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(formats, case_sensitive=False),
        default="text",
        show_default=True,
        help="Output format.",
    )(f)


def formats_option(*formats: str) -> Callable[[F], F]:
    """--format with more choices than the common four."""
    return lambda f: format_option(f, FORMATS + formats)


def date_bound(end: bool) -> Callable[[click.Context, click.Parameter, str | None], dt.date | None]:
    def convert(_ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_bound(value, end=end)
        except DateError as exc:
            raise click.BadParameter(str(exc), param=param) from None

    return convert


def as_of_option(f: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        callback=date_bound(end=True),
        help="Only what sources published on or before DATE said (YYYY, YYYY-MM or YYYY-MM-DD).",
    )(f)


def filter_options(f: F) -> F:
    """--policy, --actor, --since, --until, --type: any combination."""
    decorators = [
        click.option(
            "--policy",
            "policies",
            metavar="NAME",
            multiple=True,
            shell_complete=completion.policies,
            help="Key, name or alias of a policy, or a unique part of one (repeatable: any of them).",
        ),
        click.option(
            "--actor",
            "actors",
            metavar="NAME",
            multiple=True,
            shell_complete=completion.actors,
            help="Key, name or alias of an actor, or a unique part of one (repeatable: any of them).",
        ),
        click.option(
            "--since",
            metavar="DATE",
            callback=date_bound(end=False),
            help="Only events whose date, at its precision, reaches DATE or later (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
        click.option(
            "--until",
            metavar="DATE",
            callback=date_bound(end=True),
            help="Only events whose date, at its precision, starts on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
        as_of_option,
        click.option(
            "--type",
            "types",
            multiple=True,
            type=click.Choice(EVENT_TYPE_NAMES),
            help="Only events of this type (repeatable).",
        ),
    ]
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


def at_option(f: F) -> F:
    return click.option(
        "--at",
        metavar="DATE",
        callback=date_bound(end=True),
        help="The day to ask about (YYYY-MM-DD; YYYY or YYYY-MM mean their last day). Without it: the whole history.",
    )(f)

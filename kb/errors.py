"""Errors the library raises; the CLI turns each into a one-line message and exit status 1."""

from __future__ import annotations


class KBError(Exception):
    """Base class: a problem the user can fix, described in one line."""


class DateError(KBError):
    """A date that cannot be parsed or does not exist."""


class DocumentError(KBError):
    """A source document that is malformed: says the file, the line and what is wrong."""


class AnnotationError(KBError):
    """An annotation that is malformed or does not match its document."""


class QuoteNotFound(AnnotationError):
    """A quote that is not verbatim in its document."""


class LoadError(KBError):
    """A source that cannot be loaded into the knowledge base as it stands."""


class LookupFailed(KBError):
    """A name that matches no record, or more than one."""


class DatabaseError(KBError):
    """The database is missing, unreachable, or at an unknown revision."""


class ConfigError(KBError):
    """The knowledge base root or database location cannot be determined."""

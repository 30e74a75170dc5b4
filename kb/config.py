"""Where the knowledge base is: --db, then the KB_DB environment variable, then kb.sqlite
in the knowledge base's root (the nearest folder at or above the working directory that
holds both migrations/ and seeds/)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from kb.errors import ConfigError

DEFAULT_DB_NAME = "kb.sqlite"
ENV_VAR = "KB_DB"
HEAD_MARKER = Path("migrations") / "HEAD"  # the newest revision, so read commands need not ask Alembic


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above start holding migrations/ and seeds/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "migrations").is_dir() and (folder / "seeds").is_dir():
            return folder
    return None


def to_url(value: str) -> str:
    """A database URL from a URL or a file path (relative paths are taken from the working directory).

    A path is quoted into the URL, so `?`, `#` and `%` in it stay part of the file name."""
    if "://" in value:
        scheme, _, rest = value.partition("://")
        # postgresql:// alone means psycopg2 to SQLAlchemy; kb's postgres extra installs psycopg 3.
        return f"postgresql+psycopg://{rest}" if scheme.lower() in ("postgres", "postgresql") else value
    return "sqlite:///" + quote(str(Path(value).expanduser().resolve()))


def sqlite_file(url: str) -> str | None:
    """The file of an sqlite:/// URL (percent-decoded), or None for another database or :memory:."""
    if not url.startswith("sqlite:///"):
        return None
    database = unquote(url[len("sqlite:///") :].split("?", 1)[0])
    return database if database and database != ":memory:" else None


def read_only_uri(path: str | Path) -> str:
    """An SQLite URI filename opening path read-only: percent-quoted, so ?, # and % stay part of it."""
    return f"file:{quote(str(path))}?mode=ro"


@dataclass(frozen=True)
class Location:
    url: str
    root: Path | None
    origin: str  # "--db", "KB_DB" or "default"

    @property
    def sqlite_path(self) -> Path | None:
        database = sqlite_file(self.url)
        return Path(database) if database else None

    def describe(self) -> str:
        """The file path as a user recognises it (relative to the working directory when inside
        it), or the URL without its password."""
        if self.sqlite_path:
            try:
                return str(self.sqlite_path.relative_to(Path.cwd()))
            except ValueError:
                return str(self.sqlite_path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)

    def require_root(self) -> Path:
        if self.root is None:
            raise ConfigError(
                f"no knowledge base root (a folder holding migrations/ and seeds/) at or above {Path.cwd()}; "
                "run kb inside the repository"
            )
        return self.root


def locate(db: str | None = None, *, start: Path | None = None) -> Location:
    """Resolve the database location by the documented order."""
    root = find_root(start)
    if db:
        return Location(to_url(db), root, "--db")
    env = os.environ.get(ENV_VAR)
    if env:
        return Location(to_url(env), root, ENV_VAR)
    if root is None:
        raise ConfigError(
            f"no database given and no knowledge base root (a folder holding migrations/ and seeds/) "
            f"at or above {Path.cwd()}; pass --db PATH or set {ENV_VAR}"
        )
    return Location(to_url(str(root / DEFAULT_DB_NAME)), root, "default")

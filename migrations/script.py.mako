"""${context.get("doc") or message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from __future__ import annotations

from collections.abc import Sequence
% if context.get("sources_block"):
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources
% else:

from alembic import op
import sqlalchemy as sa
${imports if imports else ""}
% endif

revision: str = ${repr(up_revision)}
down_revision: str | Sequence[str] | None = ${repr(down_revision)}
branch_labels: str | Sequence[str] | None = ${repr(branch_labels)}
depends_on: str | Sequence[str] | None = ${repr(depends_on)}
% if context.get("sources_block"):
## sources_block is data only (literals of the annotations and entries): kb/sources.py renders
## this template itself, proves the module holds exactly that data, and writes it with HEAD.

ROOT = Path(__file__).resolve().parents[2]

${sources_block}


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=${writer})


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=${writer})
% else:


def upgrade() -> None:
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    ${downgrades if downgrades else "pass"}
% endif

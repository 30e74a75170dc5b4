"""Add source 2020-01-31_dod_mercado-media-engagement-transcript

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 9c4404cc203d
Revises: 55e34b9e7a88
Create Date: 2026-11-27 17:52:12
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '9c4404cc203d'
down_revision: str | Sequence[str] | None = '55e34b9e7a88'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: transcript
  issuer: us-dod
  publisher: U.S. Department of Defense
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: us-dod
    name: U.S. Department of Defense
    kind: agency
    aliases: [Department of Defense, DoD, DOD, Pentagon]
  - key: white-house
    name: The White House
    kind: office
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: vic-mercado
    name: Vic Mercado
    kind: person
    acts_for: [us-dod]
    aliases: [Mercado, Victorino Mercado, MR. MERCADO]
    description: Performing the duties of U.S. Assistant Secretary of Defense for Strategy, Plans and Capabilities in 2020.

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, anti-personnel landmine policy]

events:

  - cites: 2020-mercado-briefs-pentagon-reporters
    citations:
      - quote: So right now, you're going to speak -- be speaking with Performing the Duties of Acting -- Assistant Secretary of Defense, Strategy, Plans and Policy* Victorino Mercado...
        date: "2020-01-31"
        basis: context
        attributed_to: STAFF
      - quote: OK.  Hey, hey, good afternoon.  I'm glad all of you can join us.  I think the topic we're -- we're going to discuss is the change in anti-personnel landmine policy.
        date: "2020-01-31"
        basis: context
        attributed_to: Victorino Mercado
        attributed_actor: vic-mercado

  - cites: 2020-01-31-trump-reversal
    actors:
      - {actor: white-house, role: announced}
      - {actor: vic-mercado, role: announced}
    citations:
      - quote: I think the topic we're -- we're going to discuss is the change in anti-personnel landmine policy.
        date: "on or before 2020-01-31"
        basis: context
        attributed_to: Victorino Mercado
        attributed_actor: vic-mercado
      - quote: The White House press release, which was just released -- and does everybody have that?
        date: "2020-01-31"
        basis: relative
        attributed_to: Victorino Mercado
        attributed_actor: vic-mercado
      - quote: And also the DOD press release, as well as the policy itself, everybody should have a copy of that, and hopefully you've had a chance to review that.
        date: "on or before 2020-01-31"
        basis: context
        attributed_to: Victorino Mercado
        attributed_actor: vic-mercado
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2020-01-31_dod_mercado-media-engagement-transcript',
        "document": 'seeds/2020-01-31_dod_mercado-media-engagement-transcript.txt',
        "sha256": '009c89191dba10ba4961ef99180dc6c3bea3321da8152f91ae22e62a3abf4ca4',
        "added_at": '2026-11-27T17:52:12+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

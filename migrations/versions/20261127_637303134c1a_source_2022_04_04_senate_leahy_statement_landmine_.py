"""Add source 2022-04-04_senate-leahy_statement-landmine-awareness-day

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 637303134c1a
Revises: 50861a9b2c7f
Create Date: 2026-11-27 17:52:51
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '637303134c1a'
down_revision: str | Sequence[str] | None = '50861a9b2c7f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: speech
  issuer: patrick-leahy
  publisher: Office of Senator Patrick Leahy
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: patrick-leahy
    name: Patrick Leahy
    kind: person
    aliases: [Leahy, Senator Patrick Leahy, Mr. LEAHY]
    description: U.S. Senator from Vermont (Democrat), 1975-2023.
  - key: white-house
    name: The White House
    kind: office
    acts_for: [biden-administration]
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: biden-administration
    name: Biden administration
    kind: government
    aliases: [Biden Administration]
  - key: russia
    name: Russia
    kind: government
    aliases: [Russian troops]
  - key: ukraine
    name: Ukraine
    kind: government

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, the policy on landmines]
  - key: us-humanitarian-mine-action
    name: U.S. Humanitarian Mine Action Program
    owner: united-states
    description: U.S. funding for landmine clearance, victim assistance and conventional weapons destruction abroad.

events:

  - key: 2022-04-04-leahy-presses-biden-to-restore-obama-apl-policy
    type: criticism
    headline: Senator Patrick Leahy presses the Biden administration to restore the Obama-era landmine policy without further delay
    policies: [us-apl-policy]
    actors:
      - {actor: patrick-leahy, role: criticised}
      - {actor: biden-administration, role: subject}
    citations:
      - quote: First, the Biden Administration needs to restore the policy on landmines that was put in place during the Obama Administration.
        date: "2022-04-04"
        basis: context
      - quote: There is no excuse for delaying.
        date: "2022-04-04"
        basis: context

  - key: by-2022-04-04-white-house-says-it-will-restore-apl-policy
    type: deliberation
    headline: The White House says it will restore the Obama-era landmine policy, but has not yet done so
    policies: [us-apl-policy]
    actors:
      - {actor: white-house, role: considered}
    citations:
      - quote: The White House said they would but it has not happened yet.
        date: "on or before 2022-04-04"
        basis: context
        attributed_to: Senator Patrick Leahy
        attributed_actor: patrick-leahy

  - key: 2022-04-04-leahy-mine-awareness-day-resolution
    type: statement
    headline: Senator Patrick Leahy introduces a Senate resolution recognising the International Day for Mine Awareness and reaffirming U.S. leadership in eliminating landmines
    policies: [us-humanitarian-mine-action, us-apl-policy]
    actors:
      - {actor: patrick-leahy, role: stated}
    citations:
      - quote: Today I am introducing a Senate Resolution recognizing that designation and reaffirming United States leadership in eliminating landmines and unexploded ordnance.
        date: "2022-04-04"
        basis: relative

  - key: by-2022-04-04-russian-troops-leave-landmines-in-ukraine
    type: use
    headline: Withdrawing Russian troops leave landmines that endanger Ukrainian civilians
    policies: [us-apl-policy]
    actors:
      - {actor: russia, role: used}
      - {actor: ukraine, role: subject}
    citations:
      - quote: As we read the reports of withdrawing Russian troops leaving landmines to terrorize, maim, and kill Ukrainian civilians, we are reminded of the necessity to redouble our efforts to ban these insidious weapons once and for all.
        date: "on or before 2022-04-04"
        basis: context

  - key: 2022-04-04-us-largest-share-of-demining-assistance
    type: reaffirmed
    headline: United States continues to provide the largest share of demining assistance and spends many millions of dollars a year on survivors
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: provided}
    citations:
      - quote: The United States continues to provide the largest share of demining assistance, and we spend many millions of dollars annually helping the survivors.
        date: "2022-04-04"
        basis: context
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2022-04-04_senate-leahy_statement-landmine-awareness-day',
        "document": 'seeds/2022-04-04_senate-leahy_statement-landmine-awareness-day.txt',
        "sha256": 'aa8913fc0c1cdc666248c506a09612d12c5bbd7c60ffbbc245fce48ad272cc3f',
        "added_at": '2026-11-27T17:52:51+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

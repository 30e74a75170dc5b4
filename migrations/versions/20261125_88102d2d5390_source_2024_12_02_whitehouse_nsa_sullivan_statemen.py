"""Add source 2024-12-02_whitehouse_nsa-sullivan-statement-ukraine-apl: Statement from National Security Advisor Jake Sullivan

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 88102d2d5390
Revises: 9aea311d1964
Create Date: 2026-11-25 16:58:23.372168
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '88102d2d5390'
down_revision: str | Sequence[str] | None = '9aea311d1964'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: statement
  issuer: jake-sullivan
  publisher: The White House
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: joe-biden
    name: Joe Biden
    kind: person
    aliases: [Biden, President Biden]
    description: President of the United States, 2021-2025.
  - key: jake-sullivan
    name: Jake Sullivan
    kind: person
    aliases: [Sullivan, National Security Advisor Jake Sullivan]
    description: U.S. National Security Advisor in 2024.
  - key: us-dod
    name: U.S. Department of Defense
    kind: agency
    aliases: [Department of Defense, DoD, Pentagon]
  - key: ukraine
    name: Ukraine
    kind: government
  - key: russia
    name: Russia
    kind: government
  - key: north-korea
    name: North Korea
    kind: government

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy]
  - key: us-ukraine-security-assistance
    name: U.S. security assistance to Ukraine
    owner: united-states
    description: U.S. provision of weapons, munitions and other military aid to Ukraine.
    aliases: [security assistance for Ukraine]
  - key: us-ukraine-long-range-missile-policy
    name: U.S. policy on Ukraine's use of U.S.-provided long-range missiles
    owner: united-states
    description: The permissions under which Ukraine may use U.S.-provided long-range missiles such as ATACMS.
  - key: us-russia-sanctions
    name: U.S. sanctions on Russia
    owner: united-states

events:

  - key: 2024-09-ukraine-security-assistance-surge
    type: amended
    headline: Biden announces a surge in U.S. security assistance to Ukraine
    stance: The United States is surging security assistance to Ukraine, using all funding available for Ukraine's defense, to put Ukrainian forces in the strongest possible position before the President leaves office.
    description: The statement says "In September" without a year; the year is that of the statement (2024).
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: joe-biden, role: announced}
      - {actor: joe-biden, role: decided}
    citations:
      - quote: In September, the President announced a surge in security assistance for Ukraine to put Ukrainian forces in the strongest possible position before he leaves office.
        date: "2024-09"
        basis: relative
      - quote: As part of that effort, he directed his team to fully utilize all funding available for Ukraine’s defense.
        date: "2024-09"
        basis: context

  - key: 2024-12-02-725-million-ukraine-package
    type: transfer
    headline: United States announces a $725 million security assistance package for Ukraine
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: jake-sullivan, role: announced}
      - {actor: united-states, role: provided}
      - {actor: ukraine, role: received}
      - {actor: us-dod, role: implemented}
    citations:
      - quote: Today, we are announcing a $725 million security assistance package for Ukraine, which includes substantial quantities of artillery, rockets, and air defense capabilities.
        date: "2024-12-02"
        basis: relative
      - quote: The President has directed the Department of Defense to deliver the materiel to Ukraine rapidly — to ensure that Ukraine has the equipment it needs to defend itself.
        date: "2024-12-02"
        basis: context

  - key: 2024-12-ukraine-deliveries-through-mid-january
    type: transfer
    headline: United States plans to deliver hundreds of thousands of artillery rounds and thousands of rockets to Ukraine by mid-January 2025
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: united-states, role: provided}
      - {actor: ukraine, role: received}
    citations:
      - quote: Between now and mid-January, we will deliver hundreds of thousands of additional artillery rounds, thousands of additional rockets, and other critical capabilities to help Ukraine defend its freedom and independence.
        date: "2024-12-02 to 2025-01"
        basis: relative
        beyond_publication: planned

  - key: 2024-us-air-defense-export-priority-for-ukraine
    type: amended
    headline: Biden prioritises U.S. air defense exports for Ukraine
    stance: U.S. security assistance to Ukraine gives Ukraine priority for U.S. air defense exports.
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: joe-biden, role: decided}
      - {actor: ukraine, role: received}
    citations:
      - quote: Earlier this year, the President decided to prioritize U.S. air defense exports for Ukraine, and as a result of this decision, Ukraine has received hundreds of additional air defense missiles, with more deliveries on the way.
        date: "2024"
        basis: relative

  - cites: 2024-ukraine-apl-exception
    actors:
      - {actor: jake-sullivan, role: reported}
    citations:
      - quote: To help Ukraine stabilize its lines in the east, the President has authorized the provision of non-persistent anti-personnel land mines to Ukraine as a limited exception to the Administration’s continuing landmine policy.
        date: "on or before 2024-12-02"
        basis: context

  - cites: 2024-ukraine-atacms-strikes-inside-russia-authorised
    actors:
      - {actor: joe-biden, role: decided}
    citations:
      - quote: In response to the entry of North Korean soldiers into this war, the President has decided to adjust permissions on Ukraine’s use of U.S.-provided long-range missiles.
        date: "on or before 2024-12-02"
        basis: context

  - key: 2024-north-korean-soldiers-enter-ukraine-war
    type: military_action
    headline: North Korean soldiers enter the war against Ukraine
    policies: [us-ukraine-long-range-missile-policy]
    actors:
      - {actor: north-korea, role: implemented}
      - {actor: ukraine, role: subject}
    citations:
      - quote: In response to the entry of North Korean soldiers into this war
        date: "on or before 2024-12-02"
        basis: context

  - key: 2024-us-sanctions-russia-financial-sector
    type: amended
    headline: United States imposes major sanctions on Russia's financial sector
    stance: The United States imposes major sanctions on Russia's financial sector, with more sanctions to follow.
    policies: [us-russia-sanctions]
    actors:
      - {actor: united-states, role: implemented}
      - {actor: russia, role: subject}
    citations:
      - quote: And to disrupt Russia’s war machine, the United States has implemented major sanctions against Russia’s financial sector, with more sanctions to follow.
        date: "on or before 2024-12-02"
        basis: context
"""

SOURCES: list[SourceEntry] = [
    {
        "key": "2024-12-02_whitehouse_nsa-sullivan-statement-ukraine-apl",
        "document": "seeds/2024-12-02_whitehouse_nsa-sullivan-statement-ukraine-apl.txt",
        "sha256": "37f2417c5b4f946d37c7b4eea47a6d495ec3d00dc1f35b5851b45c1ff072979e",
        "added_at": "2026-11-25T16:58:23+00:00",
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=1)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=1)

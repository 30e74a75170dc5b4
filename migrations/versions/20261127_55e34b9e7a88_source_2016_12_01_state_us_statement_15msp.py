"""Add source 2016-12-01_state_us-statement-15msp

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 55e34b9e7a88
Revises: 9b3e86232a24
Create Date: 2026-11-27 17:52:04
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '55e34b9e7a88'
down_revision: str | Sequence[str] | None = '9b3e86232a24'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: statement
  issuer: us-state-department
  publisher: U.S. Department of State
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: us-state-department
    name: U.S. Department of State
    kind: agency
    aliases: [State Department, Department of State]
  - key: steve-costner
    name: Steve Costner
    kind: person
    acts_for: [us-state-department]
    aliases: [Costner, PM/WRA Deputy Director Steve Costner]
    description: Deputy Director of the State Department's Office of Weapons Removal and Abatement (PM/WRA) in 2016.
  - key: poland
    name: Poland
    kind: government
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    aliases: [Parties to the Ottawa Convention]
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, Convention on the Prohibition of Anti-Personnel Landmines]
  - key: us-humanitarian-mine-action
    name: U.S. Humanitarian Mine Action Program
    owner: united-states
    description: U.S. funding for landmine clearance, victim assistance and conventional weapons destruction abroad.

events:

  - cites: 2014-09-23-no-use-outside-korea
    citations:
      - quote: As many of you are aware, in 2014 the United States announced several important changes to our policy with respect to anti-personnel landmines that align our policy outside the Korean Peninsula with the key requirements of the Ottawa Convention.
        date: "2014"
        basis: explicit
      - quote: This announcement included a commitment to continue to work to find ways that would allow us to ultimately fully comply with and accede to the Ottawa Convention while ensuring our ability to respond to contingencies on the Korean Peninsula.
        date: "2014"
        basis: context

  - cites: 2014-06-27-no-apl-production
    citations:
      - quote: As many of you are aware, in 2014 the United States announced several important changes to our policy with respect to anti-personnel landmines that align our policy outside the Korean Peninsula with the key requirements of the Ottawa Convention.
        date: "2014"
        basis: explicit

  - key: 2016-12-01-us-statement-15msp-accession-process-ongoing
    type: statement
    headline: At the Ottawa Convention's Fifteenth Meeting of States Parties, the U.S. delegation says its work toward complying with and acceding to the Convention is ongoing, with the security of South Korea paramount
    description: Statement by PM/WRA Deputy Director Steve Costner for the U.S. delegation; the United States attended the meeting, hosted by Chile, as a non-party.
    policies: [us-apl-policy, ottawa-convention]
    actors:
      - {actor: steve-costner, role: stated}
      - {actor: united-states, role: stated}
    citations:
      - quote: PM/WRA Deputy Director Steve Costner Statement by U.S. Delegation Washington, DC December 1, 2016
        date: "2016-12-01"
        basis: explicit
      - quote: The United States is pleased to attend the Fifteenth Meeting of States Parties to the Ottawa Convention.
        date: "2016-12-01"
        basis: context
      - quote: This process is ongoing. The security of the Republic of Korea remains a paramount concern as we go forward.
        date: "2016-12-01"
        basis: context

  - key: 2016-12-01-us-mine-action-aid-2-6-billion
    type: report
    headline: United States has provided more than $2.6 billion in conventional weapons destruction assistance to more than 95 countries
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: provided}
    citations:
      - quote: We have contributed to this effort, providing more than $2.6 billion in conventional weapons destruction assistance, which includes demining and clearance of unexploded ordnance, to more than 95 countries.
        date: "2016-12-01"
        basis: context

  - key: by-2016-12-01-poland-completes-apl-stockpile-destruction
    type: treaty_action
    headline: Poland completes the destruction of its anti-personnel landmine stockpiles under the Ottawa Convention
    policies: [ottawa-convention]
    actors:
      - {actor: poland, role: implemented}
    citations:
      - quote: I would also like to congratulate Poland on completing the destruction of their APL stockpiles.
        date: "on or before 2016-12-01"
        basis: context

  - key: 2016-12-01-us-reaffirms-2014-apl-policy
    type: reaffirmed
    headline: U.S. delegation says the 2014 APL policy and its work toward acceding to the Ottawa Convention, while keeping the defense of South Korea, continue
    policies: [us-apl-policy]
    actors:
      - {actor: steve-costner, role: stated}
    citations:
      - quote: This process is ongoing. The security of the Republic of Korea remains a paramount concern as we go forward.
        date: "2016-12-01"
        basis: context

  - key: 2016-12-01-us-reaffirms-humanitarian-mine-action-support
    type: reaffirmed
    headline: United States says it looks forward to continuing its demining assistance and partnerships to protect civilians from landmines
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: steve-costner, role: stated}
    citations:
      - quote: We look forward to continuing these efforts and our partnership with other States and non-governmental organizations to protect civilians from the harmful effects from landmines.
        date: "2016-12-01"
        basis: context

terms:
  - term: anti-personnel landmine
    variants: [APL, anti-personnel]
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2016-12-01_state_us-statement-15msp',
        "document": 'seeds/2016-12-01_state_us-statement-15msp.txt',
        "sha256": '5a43fe498e1b98e66f98f15741d3233a170d38ad1a190088a03354276dc02ea4',
        "added_at": '2026-11-27T17:52:04+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

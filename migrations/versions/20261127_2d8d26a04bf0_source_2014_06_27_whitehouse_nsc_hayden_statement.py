"""Add source 2014-06-27_whitehouse_nsc-hayden-statement

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 2d8d26a04bf0
Revises: 0810f8fe2146
Create Date: 2026-11-27 17:51:30
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '2d8d26a04bf0'
down_revision: str | Sequence[str] | None = '0810f8fe2146'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: statement
  issuer: caitlin-hayden
  publisher: The White House
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: white-house
    name: The White House
    kind: office
    aliases: [White House, Office of the Press Secretary]
    description: The Executive Office of the U.S. President, including its press office.
  - key: caitlin-hayden
    name: Caitlin Hayden
    kind: person
    acts_for: [white-house]
    aliases: [Hayden, NSC Spokesperson Caitlin Hayden]
    description: Spokesperson of the U.S. National Security Council in 2014.
  - key: us-delegation-maputo
    name: U.S. delegation to the Third Review Conference of the Ottawa Convention
    kind: delegation
    acts_for: [united-states]
    aliases: [U.S. delegation in Maputo, Our delegation in Maputo]
    description: The U.S. delegation at the Ottawa Convention Third Review Conference in Maputo, Mozambique, in June 2014.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    aliases: [Ottawa States Parties]
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. Anti-Personnel Landmine Policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty]
  - key: us-humanitarian-mine-action
    name: U.S. Humanitarian Mine Action Program
    owner: united-states
    description: U.S. funding for landmine clearance, victim assistance and conventional weapons destruction abroad.

events:

  - cites: 2014-06-27-no-apl-production
    actors:
      - {actor: caitlin-hayden, role: reported}
    citations:
      - quote: Today at a review conference in Maputo, Mozambique, the United States took the step of declaring it will not produce or otherwise acquire any anti-personnel landmines (APL) in the future, including to replace existing stockpiles as they expire.
        date: "2014-06-27"
        basis: relative
      - quote: Our delegation in Maputo made clear that we are diligently pursuing solutions that would be compliant with and ultimately allow the United States to accede to the Ottawa Convention—the treaty banning the use, stockpiling, production, and transfer of APL.
        date: "2014-06-27"
        basis: context
        attributed_to: Our delegation in Maputo
        attributed_actor: us-delegation-maputo

  - cites: 2014-06-27-apl-loss-modelling-review
    actors:
      - {actor: caitlin-hayden, role: reported}
    citations:
      - quote: They also noted we are conducting a high fidelity modeling and simulation effort to ascertain how to mitigate the risks associated with the loss of APL.
        date: "2014-06-27"
        basis: context
        attributed_to: Our delegation in Maputo
        attributed_actor: us-delegation-maputo
      - quote: Other aspects of our landmine policy remain under consideration and we will share outcomes from that process as we are in a position to do so.
        date: "2014-06-27"
        basis: context

  - cites: 2014-06-27-us-mine-action-aid-2-3-billion
    citations:
      - quote: is the world’s single largest financial supporter of humanitarian mine action, providing more than $2.3 billion in aid since 1993 in more than 90 countries for conventional weapons destruction programs.
        date: "2014-06-27"
        basis: context

  - key: 2014-06-27-us-commits-to-continue-mine-action-partnership
    type: statement
    headline: United States says it shares the humanitarian goals of the Ottawa Convention
    policies: [us-humanitarian-mine-action, ottawa-convention]
    actors:
      - {actor: united-states, role: stated}
      - {actor: caitlin-hayden, role: stated}
    citations:
      - quote: The United States shares the humanitarian goals of the Ottawa Convention
        date: "2014-06-27"
        basis: context

  - key: 2014-06-27-us-reaffirms-humanitarian-mine-action-support
    type: reaffirmed
    headline: United States says it will continue to support humanitarian mine action with Ottawa States Parties and non-governmental organizations
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: caitlin-hayden, role: stated}
    citations:
      - quote: We will continue to support this important work, and remain committed to a continuing partnership with Ottawa States Parties and non-governmental organizations in addressing the humanitarian impact of APL.
        date: "2014-06-27"
        basis: context

terms:
  - term: anti-personnel landmine
    variants: [APL, anti-personnel]
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2014-06-27_whitehouse_nsc-hayden-statement',
        "document": 'seeds/2014-06-27_whitehouse_nsc-hayden-statement.txt',
        "sha256": '5944b3aad52e59443846c20e18d6cf66db9e8d24e363eabe32e6398640fbba08',
        "added_at": '2026-11-27T17:51:30+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

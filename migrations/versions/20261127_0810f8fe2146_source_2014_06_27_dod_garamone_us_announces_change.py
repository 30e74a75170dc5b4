"""Add source 2014-06-27_dod_garamone-us-announces-changes-to-landmine-policy

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 0810f8fe2146
Revises: dbc17e5fd096
Create Date: 2026-11-27 17:51:16
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '0810f8fe2146'
down_revision: str | Sequence[str] | None = 'dbc17e5fd096'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: news_article
  issuer: us-dod
  publisher: American Forces Press Service
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States, America]
    description: The United States of America and its federal government.
  - key: us-dod
    name: U.S. Department of Defense
    kind: agency
    aliases: [Department of Defense, DoD, Pentagon]
  - key: white-house
    name: The White House
    kind: office
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: us-delegation-maputo
    name: U.S. delegation to the Third Review Conference of the Ottawa Convention
    kind: delegation
    acts_for: [united-states]
    aliases: [U.S. delegation in Maputo, American officials in Maputo]
    description: The U.S. delegation at the Ottawa Convention Third Review Conference in Maputo, Mozambique, in June 2014.
  - key: caitlin-hayden
    name: Caitlin Hayden
    kind: person
    acts_for: [white-house]
    aliases: [Hayden, Caitlan Hayden, National Security Council spokeswoman Caitlan Hayden, NSC Spokesperson Caitlin Hayden]
    description: Spokesperson of the U.S. National Security Council in 2014.
  - key: martin-dempsey
    name: Martin E. Dempsey
    kind: person
    part_of: [us-dod]
    aliases: [Dempsey, Army Gen. Martin E. Dempsey, Gen. Martin E. Dempsey]
    description: U.S. Army general, Chairman of the Joint Chiefs of Staff in 2014.
  - key: edward-thomas
    name: Edward W. Thomas Jr.
    kind: person
    acts_for: [martin-dempsey]
    aliases: [Air Force Col. Edward W. Thomas Jr., Col. Edward W. Thomas Jr.]
    description: U.S. Air Force colonel, spokesman for the Chairman of the Joint Chiefs of Staff in 2014.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
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
    aliases: [Ottawa Convention, Mine Ban Treaty]

events:

  - cites: 2014-06-27-no-apl-production
    actors:
      - {actor: us-delegation-maputo, role: announced}
    citations:
      - quote: WASHINGTON, June 27, 2014 – The United States will not produce or otherwise acquire any anti-personnel landmines in the future, American officials announced in Maputo, Mozambique, today.
        date: "2014-06-27"
        basis: explicit
      - quote: The declaration -- delivered at the end of the Third Review Conference of the Ottawa Convention -- reinforces America’s commitment to the aims of the treaty.
        date: "2014-06-27"
        basis: context
      - quote: American officials in Maputo said the United States would like to accede to the Ottawa Convention.
        date: "2014-06-27"
        basis: context
        attributed_to: American officials in Maputo
        attributed_actor: us-delegation-maputo

  - cites: 2014-06-27-apl-loss-modelling-review
    actors:
      - {actor: caitlin-hayden, role: reported}
    citations:
      - quote: The United States is researching how to “mitigate” the risks associated with the loss of anti-personnel landmines.
        date: "2014-06-27"
        basis: context
      - quote: “Other aspects of our land mine policy remain under consideration and we will share outcomes from that process as we are in a position to do so,” National Security Council spokeswoman Caitlan Hayden said in a written statement released today by the White House.
        date: "2014-06-27"
        basis: relative
        attributed_to: National Security Council spokeswoman Caitlan Hayden
        attributed_actor: caitlin-hayden

  - key: 2014-06-27-dempsey-supports-no-apl-production
    type: support
    headline: Joint Chiefs Chairman Gen. Martin Dempsey backs the decision to stop producing anti-personnel landmines, calling landmines used responsibly a valuable tool
    description: Given through a statement issued by his spokesman, Air Force Col. Edward W. Thomas Jr.
    policies: [us-apl-policy]
    actors:
      - {actor: martin-dempsey, role: supported}
      - {actor: edward-thomas, role: reported}
    citations:
      - quote: Army Gen. Martin E. Dempsey, the chairman of the Joint Chiefs of Staff, “believes this decision on anti-personnel landmines, given our current stockpiles, protects current capabilities while we work towards a reliable and effective substitute.
        date: "2014-06-27"
        basis: context
        attributed_to: Army Gen. Martin E. Dempsey, through his spokesman Air Force Col. Edward W. Thomas Jr.
        attributed_actor: martin-dempsey
      - quote: As he has said, landmines, used responsibly, are a valuable tool in the arsenal of the United States that can save U.S. and allied lives," according to a statement issued by the chairman’s spokesman, Air Force Col. Edward W. Thomas Jr.
        date: "2014-06-27"
        basis: context
        attributed_to: Air Force Col. Edward W. Thomas Jr., the chairman’s spokesman
        attributed_actor: edward-thomas

terms:
  - term: land mine
    variants: [landmine]
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2014-06-27_dod_garamone-us-announces-changes-to-landmine-policy',
        "document": 'seeds/2014-06-27_dod_garamone-us-announces-changes-to-landmine-policy.txt',
        "sha256": '3f1d2690833abcc04820e921f46652f2bd259cceca0a6a01464d03f3d7aac22b',
        "added_at": '2026-11-27T17:51:16+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

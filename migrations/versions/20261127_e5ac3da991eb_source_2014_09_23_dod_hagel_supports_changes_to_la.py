"""Add source 2014-09-23_dod_hagel-supports-changes-to-landmine-policy

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: e5ac3da991eb
Revises: 2d8d26a04bf0
Create Date: 2026-11-27 17:51:37
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = 'e5ac3da991eb'
down_revision: str | Sequence[str] | None = '2d8d26a04bf0'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: news_article
  issuer: us-dod
  publisher: DoD News
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: barack-obama
    name: Barack Obama
    kind: person
    aliases: [Obama, President Obama, President Barack Obama]
    description: President of the United States, 2009-2017.
  - key: us-dod
    name: U.S. Department of Defense
    kind: agency
    aliases: [Department of Defense, DoD, Pentagon, Defense Department]
  - key: chuck-hagel
    name: Chuck Hagel
    kind: person
    aliases: [Hagel, Secretary of Defense Chuck Hagel, Defense Secretary Chuck Hagel]
    description: U.S. Secretary of Defense in 2014.
  - key: john-kirby
    name: John Kirby
    kind: person
    acts_for: [us-dod]
    aliases: [Kirby, Rear Admiral John Kirby, Navy Rear Adm. John Kirby, Pentagon Press Secretary Navy Rear Adm. John Kirby]
    description: Rear Admiral, Pentagon Press Secretary in 2014.
  - key: white-house
    name: The White House
    kind: office
    acts_for: [barack-obama]
    aliases: [White House, White House officials]
    description: The Executive Office of the U.S. President, including its press office.
  - key: us-delegation-maputo
    name: U.S. delegation to the Third Review Conference of the Ottawa Convention
    kind: delegation
    aliases: [U.S. delegation in Maputo]
    description: The U.S. delegation at the Ottawa Convention Third Review Conference in Maputo, Mozambique, in June 2014.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. antipersonnel landmine policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty]

events:

  - cites: 2014-09-23-hagel-supports-apl-changes
    actors:
      - {actor: john-kirby, role: reported}
    citations:
      - quote: Defense Secretary Chuck Hagel fully supports changes to U.S. antipersonnel landmine policy announced by President Barack Obama today, Pentagon Press Secretary Navy Rear Adm. John Kirby said.
        date: "2014-09-23"
        basis: relative
        attributed_to: Pentagon Press Secretary Navy Rear Adm. John Kirby
        attributed_actor: john-kirby

  - cites: 2014-09-23-no-use-outside-korea
    actors:
      - {actor: john-kirby, role: reported}
      - {actor: white-house, role: announced}
    citations:
      - quote: Defense Secretary Chuck Hagel fully supports changes to U.S. antipersonnel landmine policy announced by President Barack Obama today, Pentagon Press Secretary Navy Rear Adm. John Kirby said.
        date: "2014-09-23"
        basis: relative
      - quote: 'In a statement, Kirby said the Defense Department: -- Will not use antipersonnel landmines outside the Korean Peninsula;'
        date: "2014-09-23"
        basis: context
        attributed_to: Pentagon Press Secretary Navy Rear Adm. John Kirby
        attributed_actor: john-kirby
      - quote: -- Will not assist, encourage or induce others outside the Korean Peninsula to engage in activity prohibited by the Ottawa Convention; and
        date: "2014-09-23"
        basis: context
        attributed_to: Pentagon Press Secretary Navy Rear Adm. John Kirby
        attributed_actor: john-kirby
      - quote: -- Will undertake steps to begin the destruction of antipersonnel landmines not required for the defense of South Korea.
        date: "2014-09-23"
        basis: context
        attributed_to: Pentagon Press Secretary Navy Rear Adm. John Kirby
        attributed_actor: john-kirby
      - quote: The U.S. commitment to South Korea’s defense and unique circumstances on the Korean Peninsula preclude changing U.S. antipersonnel landmine policy there, White House officials said.
        date: "2014-09-23"
        basis: context
        attributed_to: White House officials
        attributed_actor: white-house

  - cites: 2014-06-27-no-apl-production
    actors:
      - {actor: us-delegation-maputo, role: announced}
    citations:
      - quote: A White House statement said the change to U.S. policy builds on a June announcement by the U.S. delegation at the Third Review Conference of the Ottawa Convention in Mozambique that the United States will not produce or otherwise acquire any antipersonnel munitions that are not compliant with the Ottawa Convention, including to replace such munitions as they expire in the coming years.
        date: "2014-06"
        basis: relative
        attributed_to: A White House statement
        attributed_actor: white-house

  - cites: by-2014-06-27-no-nondetectable-persistent-mines
    citations:
      - quote: It also follows previous steps the United States has taken to end the use of all nondetectable mines and all persistent mines, which can remain active for years after the end of a conflict, the statement said.
        date: "on or before 2014-09-23"
        basis: context
        attributed_to: A White House statement
        attributed_actor: white-house

terms:
  - term: antipersonnel
    variants: [anti-personnel]
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2014-09-23_dod_hagel-supports-changes-to-landmine-policy',
        "document": 'seeds/2014-09-23_dod_hagel-supports-changes-to-landmine-policy.txt',
        "sha256": '3fc80422a8912344afb5cbb69fa6577134ba3028362bfdec8f8927bb90846868',
        "added_at": '2026-11-27T17:51:37+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

"""Correct source 2014-09-23_dod_kirby-statement-landmines

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 0523386da8ef
Revises: 5cd62c271836
Create Date: 2026-11-27 17:50:15
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '0523386da8ef'
down_revision: str | Sequence[str] | None = '5cd62c271836'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: statement
  issuer: john-kirby
  publisher: U.S. Department of Defense
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
    aliases: [Obama, President Obama]
    description: President of the United States, 2009-2017.
  - key: us-dod
    name: U.S. Department of Defense
    kind: agency
    aliases: [Department of Defense, DoD, Pentagon, the department]
  - key: chuck-hagel
    name: Chuck Hagel
    kind: person
    aliases: [Hagel, Secretary of Defense Chuck Hagel]
    description: U.S. Secretary of Defense in 2014.
  - key: john-kirby
    name: John Kirby
    kind: person
    aliases: [Kirby, Rear Admiral John Kirby, Pentagon Press Secretary Rear Admiral John Kirby]
    description: Rear Admiral, Pentagon Press Secretary in 2014.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. anti-personnel landmine (APL) policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, 'Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction']

events:

  - key: 2014-09-23-no-use-outside-korea
    type: amended
    headline: United States ends use of anti-personnel landmines outside the Korean Peninsula
    stance: The United States will not produce or acquire anti-personnel landmines, will not use them outside the Korean Peninsula or assist, encourage or induce others outside the Korean Peninsula to engage in activity prohibited by the Ottawa Convention, and will destroy APL stockpiles not required for the defense of South Korea.
    policies: [us-apl-policy]
    actors:
      - {actor: barack-obama, role: announced}
      - {actor: united-states, role: decided}
      - {actor: us-dod, role: implemented}
    citations:
      - quote: the changes to U.S. anti-personnel landmine (APL) policy announced by the president today
        date: "2014-09-23"
        basis: relative
      - quote: The department will not use anti-personnel landmines outside the Korean Peninsula; will not assist, encourage, or induce others outside the Korean Peninsula to engage in activity prohibited by the Ottawa Convention; and will undertake steps to begin the destruction of APLs not required for the defense of South Korea.
        date: "2014-09-23"
        basis: context

  - key: 2014-09-23-hagel-supports-apl-changes
    type: support
    headline: Defense Secretary Chuck Hagel endorses the changes to U.S. APL policy
    policies: [us-apl-policy]
    actors:
      - {actor: chuck-hagel, role: supported}
    citations:
      - quote: Secretary of Defense Chuck Hagel fully supports the changes to U.S. anti-personnel landmine (APL) policy announced by the president today.
        date: "2014-09-23"
        basis: relative

terms:
  - term: anti-personnel landmine
    variants: [APL, anti-personnel]
"""

REPLACED_1 = """\
source:
  kind: statement
  issuer: john-kirby
  publisher: U.S. Department of Defense
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
    aliases: [Obama, President Obama]
    description: President of the United States, 2009-2017.
  - key: us-dod
    name: U.S. Department of Defense
    kind: agency
    aliases: [Department of Defense, DoD, Pentagon, the department]
  - key: chuck-hagel
    name: Chuck Hagel
    kind: person
    aliases: [Hagel, Secretary of Defense Chuck Hagel]
    description: U.S. Secretary of Defense in 2014.
  - key: john-kirby
    name: John Kirby
    kind: person
    aliases: [Kirby, Rear Admiral John Kirby, Pentagon Press Secretary Rear Admiral John Kirby]
    description: Rear Admiral, Pentagon Press Secretary in 2014.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. anti-personnel landmine (APL) policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, 'Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction']

events:

  - key: 2014-09-23-no-use-outside-korea
    type: amended
    headline: United States ends use of anti-personnel landmines outside the Korean Peninsula
    stance: The United States will not produce or acquire anti-personnel landmines, will not use them outside the Korean Peninsula or assist, encourage or induce others outside the Korean Peninsula to engage in activity prohibited by the Ottawa Convention, and will destroy APL stockpiles not required for the defense of South Korea.
    policies: [us-apl-policy]
    actors:
      - {actor: barack-obama, role: announced}
      - {actor: united-states, role: decided}
      - {actor: us-dod, role: implemented}
    citations:
      - quote: the changes to U.S. anti-personnel landmine (APL) policy announced by the president today
        date: "2014-09-23"
        basis: relative
      - quote: The department will not use anti-personnel landmines outside the Korean Peninsula; will not assist, encourage, or induce others outside the Korean Peninsula to engage in activity prohibited by the Ottawa Convention; and will undertake steps to begin the destruction of APLs not required for the defense of South Korea.
        date: "2014-09-23"
        basis: context

  - key: 2014-09-23-hagel-supports-apl-changes
    type: support
    headline: Defense Secretary Chuck Hagel endorses the changes to U.S. APL policy
    policies: [us-apl-policy]
    actors:
      - {actor: chuck-hagel, role: supported}
    citations:
      - quote: Secretary of Defense Chuck Hagel fully supports the changes to U.S. anti-personnel landmine (APL) policy announced by the president today.
        date: "2014-09-23"
        basis: relative
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2014-09-23_dod_kirby-statement-landmines',
        "document": 'seeds/2014-09-23_dod_kirby-statement-landmines.txt',
        "sha256": '336b330c80dc7bd76e4e8ffdfd0ddd2457fac0c8113e7cddb04c5ebe4a46ca0a',
        "added_at": '2026-11-27T17:50:15+00:00',
        "annotation": ANNOTATION_1,
        "replaces": REPLACED_1,
        "replaces_added_at": '2026-11-25T16:58:16+00:00',
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

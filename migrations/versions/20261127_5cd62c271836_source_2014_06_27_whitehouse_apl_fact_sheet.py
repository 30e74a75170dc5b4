"""Correct source 2014-06-27_whitehouse_apl-fact-sheet

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 5cd62c271836
Revises: a8d0d319dd2d
Create Date: 2026-11-27 17:50:13
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '5cd62c271836'
down_revision: str | Sequence[str] | None = 'a8d0d319dd2d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: fact_sheet
  issuer: white-house
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
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. Anti-Personnel Landmine Policy, our landmine policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, 'Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction']
  - key: us-humanitarian-mine-action
    name: U.S. Humanitarian Mine Action Program
    owner: united-states
    description: U.S. funding for landmine clearance, victim assistance and conventional weapons destruction abroad.
    aliases: [United States Humanitarian Mine Action Program]

events:

  - key: 2014-06-27-no-apl-production
    type: amended
    headline: United States renounces future production and acquisition of anti-personnel landmines
    stance: The United States does not use non-detectable or persistent mines and will not produce or otherwise acquire any anti-personnel landmines in the future, including to replace expiring stockpiles, while pursuing solutions that would allow it to accede to the Ottawa Convention.
    description: Announced by the U.S. delegation at the Third Review Conference of the Ottawa Convention in Maputo, Mozambique; the fact sheet says other aspects of U.S. landmine policy remained under consideration.
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: decided}
      - {actor: us-delegation-maputo, role: announced}
    citations:
      - quote: The United States announced today that it will not produce or otherwise acquire any anti-personnel landmines (APL) in the future, including to replace expiring stockpiles.
        date: "2014-06-27"
        basis: relative
      - quote: The announcement, delivered at the Third Review Conference of the Ottawa Convention in Maputo, Mozambique, underscores the U.S. commitment to the spirit and humanitarian aims of the Ottawa Convention, the treaty that prohibits the use, stockpiling, production, and transfer of APL.
        date: "2014-06-27"
        basis: context
      - quote: The U.S. delegation in Maputo further announced that the United States is diligently pursuing solutions that would be compliant with and that would ultimately allow the United States to accede to the Ottawa Convention.
        date: "2014-06-27"
        basis: context
        attributed_to: The U.S. delegation in Maputo
        attributed_actor: us-delegation-maputo

  - key: by-2014-06-27-no-nondetectable-persistent-mines
    type: amended
    headline: United States ends use of all non-detectable and all persistent mines
    stance: The United States does not use non-detectable mines or persistent mines, which can remain active for years after the end of a conflict.
    description: The fact sheet calls these "previous steps" and does not date them.
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: decided}
    citations:
      - quote: It follows previous steps to end the use of all non-detectable mines and all persistent mines, which can remain active for years after the end of a conflict.
        date: "on or before 2014-06-27"
        basis: context

  - key: 2014-06-27-apl-loss-modelling-review
    type: review
    headline: United States models how to mitigate the risks of giving up anti-personnel landmines while other aspects of its landmine policy stay under consideration
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: implemented}
    citations:
      - quote: We are also conducting a high fidelity modeling and simulation effort to ascertain how to mitigate the risks associated with the loss of APL.
        date: "2014-06-27"
        basis: context
      - quote: Other aspects of U.S. landmine policy remain under consideration, and we will share outcomes from this process as we are able to do so.
        date: "2014-06-27"
        basis: context

  - key: 1993-us-humanitarian-mine-action-program-established
    type: adopted
    headline: United States establishes its Humanitarian Mine Action Program
    stance: The United States funds humanitarian mine action abroad, including landmine clearance, medical rehabilitation and vocational training for those injured, and conventional weapons destruction programs.
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: decided}
    citations:
      - quote: the United States Humanitarian Mine Action Program was established in 1993
        date: "1993"
        basis: explicit

  - key: 2014-06-27-us-mine-action-aid-2-3-billion
    type: report
    headline: United States has provided over $2.3 billion for conventional weapons destruction in over 90 countries since 1993
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: provided}
    citations:
      - quote: Since the United States Humanitarian Mine Action Program was established in 1993, the United States has provided over $2.3 billion in aid in over 90 countries for conventional weapons destruction programs.
        date: "2014-06-27"
        basis: context
      - quote: The United States is also the world’s single largest financial supporter of humanitarian mine action
        date: "2014-06-27"
        basis: context
      - quote: Helped 15 countries to become free from the humanitarian impact of landmines;
        date: "2014-06-27"
        basis: context

terms:
  - term: anti-personnel landmine
    variants: [APL, anti-personnel]
"""

REPLACED_1 = """\
source:
  kind: fact_sheet
  issuer: white-house
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
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. Anti-Personnel Landmine Policy, our landmine policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, 'Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction']
  - key: us-humanitarian-mine-action
    name: U.S. Humanitarian Mine Action Program
    owner: united-states
    description: U.S. funding for landmine clearance, victim assistance and conventional weapons destruction abroad.
    aliases: [United States Humanitarian Mine Action Program]

events:

  - key: 2014-06-27-no-apl-production
    type: amended
    headline: United States renounces future production and acquisition of anti-personnel landmines
    stance: The United States does not use non-detectable or persistent mines and will not produce or otherwise acquire any anti-personnel landmines in the future, including to replace expiring stockpiles, while pursuing solutions that would allow it to accede to the Ottawa Convention.
    description: Announced by the U.S. delegation at the Third Review Conference of the Ottawa Convention in Maputo, Mozambique; the fact sheet says other aspects of U.S. landmine policy remained under consideration.
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: decided}
      - {actor: us-delegation-maputo, role: announced}
    citations:
      - quote: The United States announced today that it will not produce or otherwise acquire any anti-personnel landmines (APL) in the future, including to replace expiring stockpiles.
        date: "2014-06-27"
        basis: relative
      - quote: The announcement, delivered at the Third Review Conference of the Ottawa Convention in Maputo, Mozambique, underscores the U.S. commitment to the spirit and humanitarian aims of the Ottawa Convention, the treaty that prohibits the use, stockpiling, production, and transfer of APL.
        date: "2014-06-27"
        basis: context
      - quote: The U.S. delegation in Maputo further announced that the United States is diligently pursuing solutions that would be compliant with and that would ultimately allow the United States to accede to the Ottawa Convention.
        date: "2014-06-27"
        basis: context
        attributed_to: The U.S. delegation in Maputo
        attributed_actor: us-delegation-maputo

  - key: by-2014-06-27-no-nondetectable-persistent-mines
    type: amended
    headline: United States ends use of all non-detectable and all persistent mines
    stance: The United States does not use non-detectable mines or persistent mines, which can remain active for years after the end of a conflict.
    description: The fact sheet calls these "previous steps" and does not date them.
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: decided}
    citations:
      - quote: It follows previous steps to end the use of all non-detectable mines and all persistent mines, which can remain active for years after the end of a conflict.
        date: "on or before 2014-06-27"
        basis: context

  - key: 2014-06-27-apl-loss-modelling-review
    type: review
    headline: United States models how to mitigate the risks of giving up anti-personnel landmines while other aspects of its landmine policy stay under consideration
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: implemented}
    citations:
      - quote: We are also conducting a high fidelity modeling and simulation effort to ascertain how to mitigate the risks associated with the loss of APL.
        date: "2014-06-27"
        basis: context
      - quote: Other aspects of U.S. landmine policy remain under consideration, and we will share outcomes from this process as we are able to do so.
        date: "2014-06-27"
        basis: context

  - key: 1993-us-humanitarian-mine-action-program-established
    type: adopted
    headline: United States establishes its Humanitarian Mine Action Program
    stance: The United States funds humanitarian mine action abroad, including landmine clearance, medical rehabilitation and vocational training for those injured, and conventional weapons destruction programs.
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: decided}
    citations:
      - quote: the United States Humanitarian Mine Action Program was established in 1993
        date: "1993"
        basis: explicit

  - key: 2014-06-27-us-mine-action-aid-2-3-billion
    type: report
    headline: United States has provided over $2.3 billion for conventional weapons destruction in over 90 countries since 1993
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: provided}
    citations:
      - quote: Since the United States Humanitarian Mine Action Program was established in 1993, the United States has provided over $2.3 billion in aid in over 90 countries for conventional weapons destruction programs.
        date: "2014-06-27"
        basis: context
      - quote: The United States is also the world’s single largest financial supporter of humanitarian mine action
        date: "2014-06-27"
        basis: context
      - quote: Helped 15 countries to become free from the humanitarian impact of landmines;
        date: "2014-06-27"
        basis: context
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2014-06-27_whitehouse_apl-fact-sheet',
        "document": 'seeds/2014-06-27_whitehouse_apl-fact-sheet.txt',
        "sha256": '08d1ed5f2258c8b8f83dd586b15b774eb5f0d2dacad125897c8ce0d51121b751',
        "added_at": '2026-11-27T17:50:13+00:00',
        "annotation": ANNOTATION_1,
        "replaces": REPLACED_1,
        "replaces_added_at": '2026-11-25T16:58:15+00:00',
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

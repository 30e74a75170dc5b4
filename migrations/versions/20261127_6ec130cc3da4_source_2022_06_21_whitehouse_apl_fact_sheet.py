"""Correct source 2022-06-21_whitehouse_apl-fact-sheet

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 6ec130cc3da4
Revises: baccd2d65aea
Create Date: 2026-11-27 17:50:26
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '6ec130cc3da4'
down_revision: str | Sequence[str] | None = 'baccd2d65aea'
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
    acts_for: [biden-administration]
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: biden-administration
    name: Biden administration
    kind: government
    aliases: [Biden-Harris Administration]
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. Anti-Personnel Landmine policy]
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

  - key: 2022-06-21-biden-reinstatement
    type: reinstated
    headline: United States restores Obama-era limits on anti-personnel landmines, aligning its policy outside the Korean Peninsula with the Ottawa Convention
    stance: The United States will not develop, produce or acquire APL, will not export or transfer APL except for mine detection or removal and destruction, will not use APL or assist, encourage or induce others to engage in Ottawa-prohibited activity outside the Korean Peninsula, and will destroy APL stockpiles not required for the defense of the Republic of Korea, while pursuing eventual accession to the Ottawa Convention.
    description: Policy on the Korean Peninsula is left unchanged.
    policies: [us-apl-policy]
    actors:
      - {actor: biden-administration, role: decided}
      - {actor: white-house, role: announced}
    citations:
      - quote: Today, the Biden-Harris Administration is announcing important policy changes to U.S. Anti-Personnel Landmine policy.
        date: "2022-06-21"
        basis: relative
      - quote: The new commitment announced today will align U.S. APL policy outside of the Korean Peninsula with the key requirements of the Ottawa Convention
        date: "2022-06-21"
        basis: relative
      - quote: Not develop, produce, or acquire APL;
        date: "2022-06-21"
        basis: context
      - quote: Not export or transfer of APL, except when necessary for activities related to mine detection or removal, and for the purpose of destruction;
        date: "2022-06-21"
        basis: context
      - quote: Not use APL outside of the Korean Peninsula;
        date: "2022-06-21"
        basis: context
      - quote: Not assist, encourage, or induce anyone, outside of the context of the Korean Peninsula, to engage in any activity that would be prohibited by the Ottawa Convention;
        date: "2022-06-21"
        basis: context
      - quote: Undertake to destroy all APL stockpiles not required for the defense of the Republic of Korea.
        date: "2022-06-21"
        basis: context
      - quote: Additionally, the United States will undertake diligent efforts to pursue materiel and operational solutions to assist in becoming compliant with and ultimately acceding to the Ottawa Convention, while ensuring our ability to respond to contingencies and meet our alliance commitments.
        date: "2022-06-21"
        basis: context
      - quote: Even as the United States takes this further step, the unique circumstances on the Korean Peninsula and the U.S. commitment to the defense of the Republic of Korea preclude the United States from changing anti-personnel landmine policy on the Korean Peninsula at this time.
        date: "2022-06-21"
        basis: context

  - key: 2022-06-21-comprehensive-apl-policy-review
    type: review
    headline: Biden administration completes a comprehensive review of U.S. APL policy
    policies: [us-apl-policy]
    actors:
      - {actor: biden-administration, role: implemented}
    citations:
      - quote: After conducting a comprehensive policy review, the United States is joining the vast majority of countries around the world in committing to limit the use of anti-personnel landmines (APL).
        date: "on or before 2022-06-21"
        basis: context

  - key: 2022-06-21-ottawa-convention-more-than-160-parties
    type: report
    headline: Ottawa Convention has more than 160 parties, including all NATO Allies
    policies: [ottawa-convention]
    actors:
      - {actor: ottawa-convention-states-parties, role: subject}
    citations:
      - quote: the Ottawa Convention – the international treaty prohibiting the use, stockpiling, production, and transfer of APL – which has more than 160 parties, including all of our NATO Allies.
        date: "2022-06-21"
        basis: context

  - key: 2022-06-21-us-mine-action-aid-4-2-billion
    type: report
    headline: United States has provided over $4.2 billion for conventional weapons destruction in over 100 countries since 1993
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: provided}
    citations:
      - quote: Since the United States Humanitarian Mine Action Program was established in 1993, the United States has provided over $4.2 billion in aid in over 100 countries for conventional weapons destruction programs.
        date: "2022-06-21"
        basis: context
      - quote: The United States is the world’s single largest financial supporter of steps to mitigate the harmful consequences of landmines and explosive remnants of war around the world
        date: "2022-06-21"
        basis: context
      - quote: Helped 17 countries become free from the danger of landmines;
        date: "2022-06-21"
        basis: context
      - quote: Provided assistive devices and other rehabilitation services to over 250,000 people in 35 countries through the U.S. Agency for International Development-managed Leahy War Victims Fund.
        date: "2022-06-21"
        basis: context

  - cites: 1993-us-humanitarian-mine-action-program-established
    citations:
      - quote: the United States Humanitarian Mine Action Program was established in 1993
        date: "1993"
        basis: explicit

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
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: biden-administration
    name: Biden administration
    kind: government
    aliases: [Biden-Harris Administration]
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. Anti-Personnel Landmine policy]
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

  - key: 2022-06-21-biden-reinstatement
    type: reinstated
    headline: United States restores Obama-era limits on anti-personnel landmines, aligning its policy outside the Korean Peninsula with the Ottawa Convention
    stance: The United States will not develop, produce or acquire APL, will not export or transfer APL except for mine detection or removal and destruction, will not use APL or assist, encourage or induce others to engage in Ottawa-prohibited activity outside the Korean Peninsula, and will destroy APL stockpiles not required for the defense of the Republic of Korea, while pursuing eventual accession to the Ottawa Convention.
    description: Policy on the Korean Peninsula is left unchanged.
    policies: [us-apl-policy]
    actors:
      - {actor: biden-administration, role: decided}
      - {actor: white-house, role: announced}
    citations:
      - quote: Today, the Biden-Harris Administration is announcing important policy changes to U.S. Anti-Personnel Landmine policy.
        date: "2022-06-21"
        basis: relative
      - quote: The new commitment announced today will align U.S. APL policy outside of the Korean Peninsula with the key requirements of the Ottawa Convention
        date: "2022-06-21"
        basis: relative
      - quote: Not develop, produce, or acquire APL;
        date: "2022-06-21"
        basis: context
      - quote: Not export or transfer of APL, except when necessary for activities related to mine detection or removal, and for the purpose of destruction;
        date: "2022-06-21"
        basis: context
      - quote: Not use APL outside of the Korean Peninsula;
        date: "2022-06-21"
        basis: context
      - quote: Not assist, encourage, or induce anyone, outside of the context of the Korean Peninsula, to engage in any activity that would be prohibited by the Ottawa Convention;
        date: "2022-06-21"
        basis: context
      - quote: Undertake to destroy all APL stockpiles not required for the defense of the Republic of Korea.
        date: "2022-06-21"
        basis: context
      - quote: Additionally, the United States will undertake diligent efforts to pursue materiel and operational solutions to assist in becoming compliant with and ultimately acceding to the Ottawa Convention, while ensuring our ability to respond to contingencies and meet our alliance commitments.
        date: "2022-06-21"
        basis: context
      - quote: Even as the United States takes this further step, the unique circumstances on the Korean Peninsula and the U.S. commitment to the defense of the Republic of Korea preclude the United States from changing anti-personnel landmine policy on the Korean Peninsula at this time.
        date: "2022-06-21"
        basis: context

  - key: 2022-06-21-comprehensive-apl-policy-review
    type: review
    headline: Biden administration completes a comprehensive review of U.S. APL policy
    policies: [us-apl-policy]
    actors:
      - {actor: biden-administration, role: implemented}
    citations:
      - quote: After conducting a comprehensive policy review, the United States is joining the vast majority of countries around the world in committing to limit the use of anti-personnel landmines (APL).
        date: "on or before 2022-06-21"
        basis: context

  - key: 2022-06-21-ottawa-convention-more-than-160-parties
    type: report
    headline: Ottawa Convention has more than 160 parties, including all NATO Allies
    policies: [ottawa-convention]
    actors:
      - {actor: ottawa-convention-states-parties, role: subject}
    citations:
      - quote: the Ottawa Convention – the international treaty prohibiting the use, stockpiling, production, and transfer of APL – which has more than 160 parties, including all of our NATO Allies.
        date: "2022-06-21"
        basis: context

  - key: 2022-06-21-us-mine-action-aid-4-2-billion
    type: report
    headline: United States has provided over $4.2 billion for conventional weapons destruction in over 100 countries since 1993
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: united-states, role: provided}
    citations:
      - quote: Since the United States Humanitarian Mine Action Program was established in 1993, the United States has provided over $4.2 billion in aid in over 100 countries for conventional weapons destruction programs.
        date: "2022-06-21"
        basis: context
      - quote: The United States is the world’s single largest financial supporter of steps to mitigate the harmful consequences of landmines and explosive remnants of war around the world
        date: "2022-06-21"
        basis: context
      - quote: Helped 17 countries become free from the danger of landmines;
        date: "2022-06-21"
        basis: context
      - quote: Provided assistive devices and other rehabilitation services to over 250,000 people in 35 countries through the U.S. Agency for International Development-managed Leahy War Victims Fund.
        date: "2022-06-21"
        basis: context

  - cites: 1993-us-humanitarian-mine-action-program-established
    citations:
      - quote: the United States Humanitarian Mine Action Program was established in 1993
        date: "1993"
        basis: explicit
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2022-06-21_whitehouse_apl-fact-sheet',
        "document": 'seeds/2022-06-21_whitehouse_apl-fact-sheet.txt',
        "sha256": '9e7a99aae19dd7e36b5bad363862b689f2ac55839f6704cb8501ab3ab5fb78cb',
        "added_at": '2026-11-27T17:50:26+00:00',
        "annotation": ANNOTATION_1,
        "replaces": REPLACED_1,
        "replaces_added_at": '2026-11-25T16:58:20+00:00',
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

"""Add source 2015-06-12_dod_law-of-war-manual-apl-excerpt

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 9b3e86232a24
Revises: e5ac3da991eb
Create Date: 2026-11-27 17:51:52
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '9b3e86232a24'
down_revision: str | Sequence[str] | None = 'e5ac3da991eb'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: other
  issuer: us-dod
  publisher: U.S. Department of Defense, Office of General Counsel (Law of War Manual)
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
    aliases: [Department of Defense, DoD, Pentagon]
  - key: us-state-department
    name: U.S. Department of State
    kind: agency
    aliases: [State Department, Department of State, 'Department of State, Bureau of Political-Military Affairs']
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
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, Ottawa Convention on Anti-Personnel Landmines, 'Convention on the Prohibition of the Use, Stockpiling, Production and Transfer of Anti-Personnel Mines and on Their Destruction']

events:

  - cites: 2014-09-23-no-use-outside-korea
    actors:
      - {actor: us-state-department, role: reported}
    citations:
      - quote: (3) to undertake to destroyantipersonnel landmine stockpiles not required for the defense of the Republic of Korea;
        date: "on or before 2015-06-12"
        basis: context
      - quote: 'Department of State, Bureau of Political-Military Affairs, Fact Sheet: Changes to U.S. Anti-Personnel LandminePolicy (Sept. 23, 2014) (“This means that [the] United States will: not use APL outside the Korean Peninsula; notassist, encourage, or induce anyone outside the Korean Peninsula to engage in activity prohibited by the OttawaConvention; and undertake to destroy APL stockpiles not required for the defense of the Republic of Korea.'
        date: "2014-09-23"
        basis: explicit
        attributed_to: Department of State, Bureau of Political-Military Affairs, Fact Sheet (Sept. 23, 2014)
        attributed_actor: us-state-department

  - cites: 2014-06-27-no-apl-production
    actors:
      - {actor: us-state-department, role: reported}
    citations:
      - quote: (4)not to produce or otherwise acquire any antipersonnel munitions that are not compliant with theOttawa Convention.
        date: "on or before 2015-06-12"
        basis: context
      # "June" in the footnoted State Department fact sheet of Sept. 23, 2014: June 2014.
      - quote: Thischange to U.S. APL policy builds on the announcement that the U.S. delegation made in June at the Third ReviewConference of the Ottawa Convention in Maputo, Mozambique, that
        date: "2014-06"
        basis: context
        attributed_to: Department of State, Bureau of Political-Military Affairs, Fact Sheet (Sept. 23, 2014)
        attributed_actor: us-state-department

  - cites: by-2014-06-27-no-nondetectable-persistent-mines
    adds_to_stance: The commitment not to emplace new persistent landmines covers anti-vehicle landmines as well as anti-personnel ones.
    citations:
      - quote: The United States has also previously committed not to emplace newpersistent anti-personnel or anti-vehicle landmines (i.e., landmines without self-destructionmechanisms and self-deactivation features).
        date: "on or before 2015-06-12"
        basis: context
      - quote: In addition, the UnitedStates no longer has any non-detectable mine of any type in its arsenal.
        date: "on or before 2015-06-12"
        basis: context

  - key: 2015-06-12-law-of-war-manual-self-destruction-standards
    type: reaffirmed
    headline: DoD Law of War Manual restates the U.S. landmine commitments as in force, U.S. landmines continuing to meet or exceed international standards for self-destruction and self-deactivation
    policies: [us-apl-policy]
    actors:
      - {actor: us-dod, role: stated}
    citations:
      - quote: U.S. landmines will continue to meet or exceedinternational standards for self-destruction and self-deactivation.
        date: "2015-06-12"
        basis: context
      - quote: (4)not to produce or otherwise acquire any antipersonnel munitions that are not compliant with theOttawa Convention.
        date: "2015-06-12"
        basis: context

  - key: 2015-06-12-us-not-party-to-ottawa-convention
    type: report
    headline: United States is not a party to the Ottawa Convention
    policies: [ottawa-convention, us-apl-policy]
    actors:
      - {actor: united-states, role: subject}
    citations:
      - quote: The United States is not aParty to the Convention on the Prohibition of the Use, Stockpiling, Production and Transfer ofAnti-Personnel Mines and on Their Destruction.
        date: "2015-06-12"
        basis: context

terms:
  - term: antipersonnel
    variants: [anti-personnel, APL]
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2015-06-12_dod_law-of-war-manual-apl-excerpt',
        "document": 'seeds/2015-06-12_dod_law-of-war-manual-apl-excerpt.txt',
        "sha256": '72b7e3bec6b400e2c495ad2b4ab953d417207fa2a9ad72f6d905b4038cc3cf56',
        "added_at": '2026-11-27T17:51:52+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

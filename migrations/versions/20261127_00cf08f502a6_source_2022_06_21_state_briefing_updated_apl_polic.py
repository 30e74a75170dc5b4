"""Add source 2022-06-21_state_briefing-updated-apl-policy

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 00cf08f502a6
Revises: 637303134c1a
Create Date: 2026-11-27 17:52:58
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '00cf08f502a6'
down_revision: str | Sequence[str] | None = '637303134c1a'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: transcript
  issuer: us-state-department
  publisher: U.S. Department of State
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: biden-administration
    name: Biden administration
    kind: government
  - key: us-state-department
    name: U.S. Department of State
    kind: agency
    acts_for: [biden-administration]
    aliases: [State Department, Department of State]
  - key: white-house
    name: The White House
    kind: office
    acts_for: [biden-administration]
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: joe-biden
    name: Joe Biden
    kind: person
    acts_for: [biden-administration]
    aliases: [Biden, President Biden]
    description: President of the United States, 2021-2025.
  - key: ned-price
    name: Ned Price
    kind: person
    acts_for: [us-state-department]
    aliases: [Price, MR PRICE]
    description: U.S. State Department Spokesperson in 2022.
  - key: bonnie-jenkins
    name: Bonnie Jenkins
    kind: person
    acts_for: [us-state-department]
    aliases: [Jenkins, Dr. Bonnie Jenkins, Under Secretary Jenkins, UNDER SECRETARY JENKINS]
    description: U.S. Under Secretary of State for Arms Control and International Security in 2022.

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy]
  - key: us-humanitarian-mine-action
    name: U.S. Humanitarian Mine Action Program
    owner: united-states
    description: U.S. funding for landmine clearance, victim assistance and conventional weapons destruction abroad.

events:

  - cites: 2022-06-21-biden-reinstatement
    actors:
      - {actor: us-state-department, role: announced}
      - {actor: white-house, role: announced}
      - {actor: ned-price, role: reported}
      - {actor: bonnie-jenkins, role: reported}
    citations:
      - quote: We’re pleased to have an opportunity to speak to the changes that we’ve announced today to U.S. anti-personnel landmine policy.
        date: "2022-06-21"
        basis: relative
        attributed_to: Ned Price, State Department Spokesperson
        attributed_actor: ned-price
      - quote: I’m extremely pleased to highlight the White House’s announcement today regarding the new anti-personnel landmine policy that achieves just what President Biden had promised.
        date: "2022-06-21"
        basis: relative
        attributed_to: Under Secretary Bonnie Jenkins
        attributed_actor: bonnie-jenkins
      - quote: I know that you have a lot of questions about today’s White House announcement
        date: "2022-06-21"
        basis: relative
        attributed_to: Under Secretary Bonnie Jenkins
        attributed_actor: bonnie-jenkins

  - key: candidate-biden-commits-to-curtail-landmine-use
    type: statement
    headline: Presidential candidate Joe Biden commits to curtailing the use of landmines worldwide
    description: The briefing gives no date ("as a candidate"); the date is Biden's 2019-2020 candidacy. Possibly the same campaign statement as 2020-candidate-biden-calls-trump-reversal-reckless.
    policies: [us-apl-policy]
    actors:
      - {actor: joe-biden, role: stated}
    citations:
      - quote: Curtailing the use of landmines worldwide was a commitment that President Biden made as a candidate
        date: "2019 to 2020"
        basis: context
        attributed_to: Under Secretary Bonnie Jenkins
        attributed_actor: bonnie-jenkins

  - key: 2022-04-to-walk-the-earth-in-safety-released
    type: report
    headline: State Department releases its annual report on humanitarian demining, To Walk the Earth in Safety
    policies: [us-humanitarian-mine-action]
    actors:
      - {actor: bonnie-jenkins, role: announced}
      - {actor: us-state-department, role: reported}
    citations:
      - quote: Our annual report, To Walk the Earth in Safety, which I rolled out in April, is a great reminder of the United States’ global leadership
        date: "2022-04"
        basis: relative
        attributed_to: Under Secretary Bonnie Jenkins
        attributed_actor: bonnie-jenkins
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2022-06-21_state_briefing-updated-apl-policy',
        "document": 'seeds/2022-06-21_state_briefing-updated-apl-policy.txt',
        "sha256": 'd5d0cac78029bcfa95c4db98f6f1831e484f5172e8bab8a1cbe1d54d8a92db92',
        "added_at": '2026-11-27T17:52:58+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

"""Add source 2020-01-31_senate-leahy_statement-trump-rollback-apl

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: bba7a8cd4bd5
Revises: 9c4404cc203d
Create Date: 2026-11-27 17:52:23
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = 'bba7a8cd4bd5'
down_revision: str | Sequence[str] | None = '9c4404cc203d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: statement
  issuer: patrick-leahy
  publisher: Office of Senator Patrick Leahy
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
  - key: donald-trump
    name: Donald Trump
    kind: person
    aliases: [Trump]
    description: President of the United States, 2017-2021, and President-elect from November 2024.
  - key: patrick-leahy
    name: Patrick Leahy
    kind: person
    aliases: [Leahy, Senator Patrick Leahy, Mr. LEAHY]
    description: U.S. Senator from Vermont (Democrat), 1975-2023.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, the policy on anti-personnel landmines]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty]

events:

  - cites: 2020-01-31-trump-reversal
    actors:
      - {actor: donald-trump, role: decided}
    citations:
      - quote: The President’s decision to roll back the policy on anti-personnel landmines is as perplexing as it is disappointing, and reflexive, and unwise.
        date: "on or before 2020-01-31"
        basis: context
      - quote: The White House claims that the previous policy put our military at a ‘severe disadvantage against our adversaries.’
        date: "on or before 2020-01-31"
        basis: context
        attributed_to: The White House
        attributed_actor: white-house

  - key: 2020-01-31-leahy-criticises-trump-apl-rollback
    type: criticism
    headline: Senator Patrick Leahy calls the President's decision to roll back the landmine policy perplexing, disappointing, reflexive and unwise, and says Congress was not consulted
    policies: [us-apl-policy]
    actors:
      - {actor: patrick-leahy, role: criticised}
      - {actor: donald-trump, role: subject}
    citations:
      - quote: The President’s decision to roll back the policy on anti-personnel landmines is as perplexing as it is disappointing, and reflexive, and unwise.
        date: "2020-01-31"
        basis: context
      - quote: As far as I know, Congress was not consulted about this decision, despite requests to be consulted.
        date: "2020-01-31"
        basis: context
      - quote: That case was not made convincingly when the policy limiting their use to Korea was adopted in 2014, and it has not been made today.
        date: "2020-01-31"
        basis: relative

  - cites: 2014-09-23-no-use-outside-korea
    citations:
      - quote: That case was not made convincingly when the policy limiting their use to Korea was adopted in 2014
        date: "2014"
        basis: explicit
      - quote: The policy that has been in place, limiting the use of this inherently indiscriminate weapon to the Korean Peninsula, was the culmination of nearly 30 years of incremental steps, taken by both Democratic and Republican administrations after extensive analysis and consultation, toward the growing global consensus that anti-personnel mines should be universally banned.
        date: "on or before 2020-01-31"
        basis: context

  - cites: 1991-us-landmine-use-gulf-war
    citations:
      - quote: In fact, the U.S. military has not used this weapon since 1991 in any of the protracted wars in which it has been deployed.
        date: "1991"
        basis: explicit

  - key: 2020-01-31-ottawa-convention-164-parties
    type: report
    headline: 164 countries have renounced anti-personnel mines under the Ottawa Convention; the United States is not among them
    policies: [ottawa-convention, us-apl-policy]
    actors:
      - {actor: ottawa-convention-states-parties, role: subject}
      - {actor: united-states, role: subject}
    citations:
      - quote: Although our country is not among the 164 countries that have renounced anti-personnel mines, we have consistently sought to limit their production, export, and use.
        date: "2020-01-31"
        basis: context

terms:
  - term: anti-personnel landmine
    variants: [anti-personnel mine]
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2020-01-31_senate-leahy_statement-trump-rollback-apl',
        "document": 'seeds/2020-01-31_senate-leahy_statement-trump-rollback-apl.txt',
        "sha256": 'c2c1ac56d0f9361e6bdb588ab756a56b2665fc868c75da432fc9f1624f0da133',
        "added_at": '2026-11-27T17:52:23+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

"""Correct source 2020-02-03_dod_garamone-trump-administration-broadens-use-of-landmines

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: baccd2d65aea
Revises: 0c408251c284
Create Date: 2026-11-27 17:50:23
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = 'baccd2d65aea'
down_revision: str | Sequence[str] | None = '0c408251c284'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: news_article
  issuer: us-dod
  publisher: DOD News
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
    acts_for: [trump-administration]
    aliases: [Department of Defense, DoD, DOD, Pentagon]
  - key: white-house
    name: The White House
    kind: office
    acts_for: [trump-administration]
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: donald-trump
    name: Donald Trump
    kind: person
    acts_for: [trump-administration]
    aliases: [Trump, President Donald J. Trump]
    description: President of the United States, 2017-2021, and President-elect from November 2024.
  - key: trump-administration
    name: Trump administration
    kind: government
  - key: james-mattis
    name: James Mattis
    kind: person
    aliases: [Mattis, James N. Mattis]
    description: U.S. Secretary of Defense, 2017-2019.
  - key: vic-mercado
    name: Vic Mercado
    kind: person
    acts_for: [us-dod]
    aliases: [Mercado]
    description: Performing the duties of U.S. Assistant Secretary of Defense for Strategy, Plans and Capabilities in 2020.

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy]

events:

  - cites: 2020-01-31-trump-reversal
    actors:
      - {actor: donald-trump, role: decided}
      - {actor: white-house, role: announced}
    citations:
      - quote: President Donald J. Trump's administration has expanded the ability of combatant commanders to use landmines in specific, exceptional incidents.
        date: "on or before 2020-02-03"
        basis: context
      - quote: Previously, the only place that U.S. forces could employ landmines was on the Korean peninsula.
        date: "on or before 2020-02-03"
        basis: context
      - quote: Trump made the decision to broaden the use of landmines as a result of a study commissioned by then-Defense Secretary James N. Mattis as part of the National Defense Strategy.
        date: "on or before 2020-02-03"
        basis: context
      - quote: Mercado spoke to Pentagon reporters after White House officials announced the change.
        date: "on or before 2020-02-03"
        basis: context
      - quote: The new policy will allow combatant commanders — all four-star officers — to propose using landmines in exceptional circumstances, Mercado said.
        date: "on or before 2020-02-03"
        basis: context
        attributed_to: Vic Mercado
        attributed_actor: vic-mercado
      - quote: Any plan proposing the use of landmines off the Korean peninsula must be approved by the defense secretary.
        date: "on or before 2020-02-03"
        basis: context

  - key: 2019-dod-landmine-policy-study
    type: review
    headline: Department of Defense studies U.S. landmine policy at the request of Defense Secretary James Mattis
    description: The article says the study was commissioned by then-Defense Secretary Mattis under the National Defense Strategy and took about a year, before the January 2020 decision; it gives no dates.
    policies: [us-apl-policy]
    actors:
      - {actor: james-mattis, role: commissioned}
      - {actor: us-dod, role: implemented}
    citations:
      - quote: a study commissioned by then-Defense Secretary James N. Mattis as part of the National Defense Strategy
        date: "on or before 2020-02-03"
        basis: context
      - quote: 'Those studying the policy looked at it from a variety of positions: from capability gaps, risks to mission, risks to forces, political, military, technologic and diplomatic aspects. The study took about a year.'
        date: "on or before 2020-02-03"
        basis: context

  - key: 2020-mercado-briefs-pentagon-reporters
    type: statement
    headline: Vic Mercado explains the new landmine policy to Pentagon reporters, citing great power competition
    policies: [us-apl-policy]
    actors:
      - {actor: vic-mercado, role: stated}
    citations:
      - quote: Mercado spoke to Pentagon reporters after White House officials announced the change.
        date: "on or before 2020-02-03"
        basis: context
      - quote: '"The National Defense Strategy talks about the return to great power competition," said Vic Mercado, acting assistant secretary of defense for strategy, plans and capabilities.'
        date: "on or before 2020-02-03"
        basis: context
        attributed_to: Vic Mercado
        attributed_actor: vic-mercado
      - quote: '"When we look at great power competition, some things come to the fore. … We are the greatest military in the world, but that advantage is diminishing."'
        date: "on or before 2020-02-03"
        basis: context
        attributed_to: Vic Mercado
        attributed_actor: vic-mercado

  - key: 1991-us-landmine-use-gulf-war
    type: use
    headline: U.S. forces use landmines in Operation Desert Storm (the first Gulf War)
    description: DOD News mentions landmines "deployed as recently as Desert Storm" without a year; the Washington Post (2024) dates the last U.S. use of antipersonnel mines to 1991, during the first Gulf War.
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: used}
    citations:
      - quote: The new landmines are a significant departure from those deployed as recently as Desert Storm.
        date: "on or before 2020-02-03"
        basis: context
"""

REPLACED_1 = """\
source:
  kind: news_article
  issuer: us-dod
  publisher: DOD News
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
    aliases: [Department of Defense, DoD, DOD, Pentagon]
  - key: white-house
    name: The White House
    kind: office
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: donald-trump
    name: Donald Trump
    kind: person
    aliases: [Trump, President Donald J. Trump]
    description: President of the United States, 2017-2021, and President-elect from November 2024.
  - key: james-mattis
    name: James Mattis
    kind: person
    aliases: [Mattis, James N. Mattis]
    description: U.S. Secretary of Defense, 2017-2019.
  - key: vic-mercado
    name: Vic Mercado
    kind: person
    aliases: [Mercado]
    description: Performing the duties of U.S. Assistant Secretary of Defense for Strategy, Plans and Capabilities in 2020.

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy]

events:

  - cites: 2020-01-31-trump-reversal
    actors:
      - {actor: donald-trump, role: decided}
      - {actor: white-house, role: announced}
    citations:
      - quote: President Donald J. Trump's administration has expanded the ability of combatant commanders to use landmines in specific, exceptional incidents.
        date: "on or before 2020-02-03"
        basis: context
      - quote: Previously, the only place that U.S. forces could employ landmines was on the Korean peninsula.
        date: "on or before 2020-02-03"
        basis: context
      - quote: Trump made the decision to broaden the use of landmines as a result of a study commissioned by then-Defense Secretary James N. Mattis as part of the National Defense Strategy.
        date: "on or before 2020-02-03"
        basis: context
      - quote: Mercado spoke to Pentagon reporters after White House officials announced the change.
        date: "on or before 2020-02-03"
        basis: context
      - quote: The new policy will allow combatant commanders — all four-star officers — to propose using landmines in exceptional circumstances, Mercado said.
        date: "on or before 2020-02-03"
        basis: context
        attributed_to: Vic Mercado
        attributed_actor: vic-mercado
      - quote: Any plan proposing the use of landmines off the Korean peninsula must be approved by the defense secretary.
        date: "on or before 2020-02-03"
        basis: context

  - key: 2019-dod-landmine-policy-study
    type: review
    headline: Department of Defense studies U.S. landmine policy at the request of Defense Secretary James Mattis
    description: The article says the study was commissioned by then-Defense Secretary Mattis under the National Defense Strategy and took about a year, before the January 2020 decision; it gives no dates.
    policies: [us-apl-policy]
    actors:
      - {actor: james-mattis, role: commissioned}
      - {actor: us-dod, role: implemented}
    citations:
      - quote: a study commissioned by then-Defense Secretary James N. Mattis as part of the National Defense Strategy
        date: "about 2019"
        basis: context
      - quote: 'Those studying the policy looked at it from a variety of positions: from capability gaps, risks to mission, risks to forces, political, military, technologic and diplomatic aspects. The study took about a year.'
        date: "about 2019"
        basis: context

  - key: 2020-mercado-briefs-pentagon-reporters
    type: statement
    headline: Vic Mercado explains the new landmine policy to Pentagon reporters, citing great power competition
    policies: [us-apl-policy]
    actors:
      - {actor: vic-mercado, role: stated}
    citations:
      - quote: Mercado spoke to Pentagon reporters after White House officials announced the change.
        date: "on or before 2020-02-03"
        basis: context
      - quote: '"The National Defense Strategy talks about the return to great power competition," said Vic Mercado, acting assistant secretary of defense for strategy, plans and capabilities.'
        date: "on or before 2020-02-03"
        basis: context
        attributed_to: Vic Mercado
        attributed_actor: vic-mercado
      - quote: '"When we look at great power competition, some things come to the fore. … We are the greatest military in the world, but that advantage is diminishing."'
        date: "on or before 2020-02-03"
        basis: context
        attributed_to: Vic Mercado
        attributed_actor: vic-mercado

  - key: 1991-us-landmine-use-gulf-war
    type: use
    headline: U.S. forces use landmines in Operation Desert Storm (the first Gulf War)
    description: DOD News mentions landmines "deployed as recently as Desert Storm" without a year; the Washington Post (2024) dates the last U.S. use of antipersonnel mines to 1991, during the first Gulf War.
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: used}
    citations:
      - quote: The new landmines are a significant departure from those deployed as recently as Desert Storm.
        date: "on or before 2020-02-03"
        basis: context
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2020-02-03_dod_garamone-trump-administration-broadens-use-of-landmines',
        "document": 'seeds/2020-02-03_dod_garamone-trump-administration-broadens-use-of-landmines.txt',
        "sha256": '89557251cf85e259ab30458813f29ebb26a84ccb63aa8eb530f9ddccf5f32797',
        "added_at": '2026-11-27T17:50:23+00:00',
        "annotation": ANNOTATION_1,
        "replaces": REPLACED_1,
        "replaces_added_at": '2026-11-25T16:58:19+00:00',
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

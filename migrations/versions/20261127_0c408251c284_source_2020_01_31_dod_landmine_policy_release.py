"""Correct source 2020-01-31_dod_landmine-policy-release

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 0c408251c284
Revises: 471262c04c20
Create Date: 2026-11-27 17:50:20
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '0c408251c284'
down_revision: str | Sequence[str] | None = '471262c04c20'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: press_release
  issuer: us-dod
  publisher: U.S. Department of Defense
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
    aliases: [Department of Defense, DoD, Pentagon]
  - key: vic-mercado
    name: Vic Mercado
    kind: person
    acts_for: [us-dod]
    aliases: [Mercado]
    description: Performing the duties of U.S. Assistant Secretary of Defense for Strategy, Plans and Capabilities in 2020.
  - key: trump-administration
    name: Trump administration
    kind: government

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, Presidential Policy concerning anti-personnel landmines, United States landmine policy]

events:

  - key: 2020-01-31-trump-reversal
    type: reversed
    headline: United States rescinds the Obama-era presidential APL policy in favour of a new landmine policy overseen by the Department of Defense
    stance: The presidential policy on anti-personnel landmines is rescinded; under a new U.S. landmine policy overseen by the Department of Defense, landmines including APL remain a tool the U.S. military will not forgo, within U.S. obligations under Amended Protocol II and Protocol V of the Convention on Certain Conventional Weapons.
    description: The release carries no dateline ("Effective today"); its date is the publication date 2020-01-31.
    policies: [us-apl-policy]
    actors:
      - {actor: trump-administration, role: decided}
      - {actor: us-dod, role: implemented}
      - {actor: vic-mercado, role: announced}
    citations:
      - quote: Effective today, the Administration is rescinding the Presidential Policy concerning anti-personnel landmines (APL), in favor of a new United States landmine policy that will be overseen by the Department of Defense.
        date: "2020-01-31"
        basis: relative
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado
      - quote: Landmines, including APL, remain a vital tool in conventional warfare that the United States military cannot responsibly forgo, particularly when faced with substantial and potentially overwhelming enemy forces in the early stages of combat.
        date: "2020-01-31"
        basis: context
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado
      - quote: The United States remains committed to working to minimize risks to civilians posed by landmines and explosive remnants of war.
        date: "2020-01-31"
        basis: context
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado
      - quote: The United States also remains fully committed to complying with its treaty obligations regarding landmines and explosive remnants of war, as contained in Amended Protocol II and Protocol V, annexed to the Convention on Certain Conventional Weapons.
        date: "2020-01-31"
        basis: context
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado

terms:
  - term: anti-personnel landmine
    variants: [APL, anti-personnel]
"""

REPLACED_1 = """\
source:
  kind: press_release
  issuer: us-dod
  publisher: U.S. Department of Defense
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
  - key: vic-mercado
    name: Vic Mercado
    kind: person
    aliases: [Mercado]
    description: Performing the duties of U.S. Assistant Secretary of Defense for Strategy, Plans and Capabilities in 2020.
  - key: trump-administration
    name: Trump administration
    kind: government

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, Presidential Policy concerning anti-personnel landmines, United States landmine policy]

events:

  - key: 2020-01-31-trump-reversal
    type: reversed
    headline: United States rescinds the Obama-era presidential APL policy in favour of a new landmine policy overseen by the Department of Defense
    stance: The presidential policy on anti-personnel landmines is rescinded; under a new U.S. landmine policy overseen by the Department of Defense, landmines including APL remain a tool the U.S. military will not forgo, within U.S. obligations under Amended Protocol II and Protocol V of the Convention on Certain Conventional Weapons.
    description: The release carries no dateline ("Effective today"); its date is the publication date 2020-01-31.
    policies: [us-apl-policy]
    actors:
      - {actor: trump-administration, role: decided}
      - {actor: us-dod, role: implemented}
      - {actor: vic-mercado, role: announced}
    citations:
      - quote: Effective today, the Administration is rescinding the Presidential Policy concerning anti-personnel landmines (APL), in favor of a new United States landmine policy that will be overseen by the Department of Defense.
        date: "2020-01-31"
        basis: relative
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado
      - quote: Landmines, including APL, remain a vital tool in conventional warfare that the United States military cannot responsibly forgo, particularly when faced with substantial and potentially overwhelming enemy forces in the early stages of combat.
        date: "2020-01-31"
        basis: context
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado
      - quote: The United States remains committed to working to minimize risks to civilians posed by landmines and explosive remnants of war.
        date: "2020-01-31"
        basis: context
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado
      - quote: The United States also remains fully committed to complying with its treaty obligations regarding landmines and explosive remnants of war, as contained in Amended Protocol II and Protocol V, annexed to the Convention on Certain Conventional Weapons.
        date: "2020-01-31"
        basis: context
        attributed_to: Vic Mercado, Performing the Duties of Assistant Secretary of Defense for Strategy, Plans and Capabilities
        attributed_actor: vic-mercado
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2020-01-31_dod_landmine-policy-release',
        "document": 'seeds/2020-01-31_dod_landmine-policy-release.txt',
        "sha256": '87d713d7b572874841c177d54b46772020058fa1ad8ea1ad01b27fac0519ee6c',
        "added_at": '2026-11-27T17:50:20+00:00',
        "annotation": ANNOTATION_1,
        "replaces": REPLACED_1,
        "replaces_added_at": '2026-11-25T16:58:18+00:00',
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

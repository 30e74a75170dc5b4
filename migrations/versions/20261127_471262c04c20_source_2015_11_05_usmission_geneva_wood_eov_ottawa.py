"""Correct source 2015-11-05_usmission-geneva_wood-eov-ottawa-resolution

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 471262c04c20
Revises: 0523386da8ef
Create Date: 2026-11-27 17:50:18
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '471262c04c20'
down_revision: str | Sequence[str] | None = '0523386da8ef'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: speech
  issuer: us-mission-geneva
  publisher: U.S. Mission Geneva
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: robert-wood
    name: Robert A. Wood
    kind: person
    aliases: [Wood, Ambassador Wood, Ambassador Robert A. Wood]
    description: U.S. Permanent Representative to the Conference on Disarmament in 2015.
  - key: us-mission-geneva
    name: U.S. Mission Geneva
    kind: office
    description: The U.S. Mission to the United Nations and other international organisations in Geneva.
  - key: un-general-assembly-first-committee
    name: UN General Assembly First Committee
    kind: organisation
    aliases: [First Committee, 70th UN General Assembly First Committee]
    description: The UN General Assembly committee on disarmament and international security.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, 'U.S. anti-personnel landmine, APL, policy']
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, 'Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction']

events:

  - key: 2015-11-04-us-abstains-on-l50
    type: treaty_action
    headline: United States abstains on UN General Assembly First Committee draft resolution L.50 on implementing the Ottawa Convention
    description: Explanation of vote delivered by Ambassador Robert A. Wood in New York on November 4, 2015 and posted by the U.S. Mission Geneva on November 5, 2015.
    policies: [ottawa-convention, us-apl-policy]
    actors:
      - {actor: united-states, role: voted}
      - {actor: robert-wood, role: stated}
      - {actor: un-general-assembly-first-committee, role: subject}
    citations:
      - quote: Mr. Chairman, my delegation abstained on draft resolution L.50, “Implementation of the Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction.”
        date: "2015-11-04"
        basis: context
      - quote: New York City November 4, 2015 As delivered by Ambassador Robert A. Wood
        date: "2015-11-04"
        basis: explicit

  - cites: 2014-06-27-no-apl-production
    actors:
      - {actor: robert-wood, role: reported}
    citations:
      - quote: On June 27, 2014 the United States delegation at the Third Review Conference of the Ottawa Convention in Maputo, Mozambique, announced that the United States will not produce or otherwise acquire any anti-personnel munitions that are not compliant with the Ottawa Convention, including replacing such munitions as they expire in the coming years.
        date: "2014-06-27"
        basis: explicit
      - quote: As many of you are aware, last year the United States announced a number of important changes to U.S. anti-personnel landmine, APL, policy.
        date: "2014"
        basis: relative

  - cites: 2014-09-23-no-use-outside-korea
    actors:
      - {actor: robert-wood, role: reported}
    citations:
      - quote: On September 23, 2014 the United States further announced that we are aligning our APL policy outside the Korean Peninsula with the key requirements of the Ottawa Convention.
        date: "2014-09-23"
        basis: explicit
      - quote: 'This means that the United States will: Not use APL outside the Korean Peninsula; Not assist, encourage, or induce anyone outside the Korean Peninsula to engage in activity prohibited by the Ottawa Convention; and Undertake to destroy APL stockpiles not required for the defense of the Republic of Korea.'
        date: "2014-09-23"
        basis: context
      - quote: As many of you are aware, last year the United States announced a number of important changes to U.S. anti-personnel landmine, APL, policy.
        date: "2014"
        basis: relative

terms:
  - term: anti-personnel landmine
    variants: [APL, anti-personnel, anti-personnel mine]
"""

REPLACED_1 = """\
source:
  kind: speech
  issuer: us-mission-geneva
  publisher: U.S. Mission Geneva
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: robert-wood
    name: Robert A. Wood
    kind: person
    aliases: [Wood, Ambassador Wood, Ambassador Robert A. Wood]
    description: U.S. Permanent Representative to the Conference on Disarmament in 2015.
  - key: us-mission-geneva
    name: U.S. Mission Geneva
    kind: office
    description: The U.S. Mission to the United Nations and other international organisations in Geneva.
  - key: un-general-assembly-first-committee
    name: UN General Assembly First Committee
    kind: organisation
    aliases: [First Committee, 70th UN General Assembly First Committee]
    description: The UN General Assembly committee on disarmament and international security.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, 'U.S. anti-personnel landmine, APL, policy']
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty, 'Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction']

events:

  - key: 2015-11-04-us-abstains-on-l50
    type: treaty_action
    headline: United States abstains on UN General Assembly First Committee draft resolution L.50 on implementing the Ottawa Convention
    description: Explanation of vote delivered by Ambassador Robert A. Wood in New York on November 4, 2015 and posted by the U.S. Mission Geneva on November 5, 2015.
    policies: [ottawa-convention, us-apl-policy]
    actors:
      - {actor: united-states, role: voted}
      - {actor: robert-wood, role: stated}
      - {actor: un-general-assembly-first-committee, role: subject}
    citations:
      - quote: Mr. Chairman, my delegation abstained on draft resolution L.50, “Implementation of the Convention on the Prohibition of the Use, Stockpiling, Production, and Transfer of Anti-personnel Mines and on Their Destruction.”
        date: "2015-11-04"
        basis: context
      - quote: New York City November 4, 2015 As delivered by Ambassador Robert A. Wood
        date: "2015-11-04"
        basis: explicit

  - cites: 2014-06-27-no-apl-production
    actors:
      - {actor: robert-wood, role: reported}
    citations:
      - quote: On June 27, 2014 the United States delegation at the Third Review Conference of the Ottawa Convention in Maputo, Mozambique, announced that the United States will not produce or otherwise acquire any anti-personnel munitions that are not compliant with the Ottawa Convention, including replacing such munitions as they expire in the coming years.
        date: "2014-06-27"
        basis: explicit
      - quote: As many of you are aware, last year the United States announced a number of important changes to U.S. anti-personnel landmine, APL, policy.
        date: "2014"
        basis: relative

  - cites: 2014-09-23-no-use-outside-korea
    actors:
      - {actor: robert-wood, role: reported}
    citations:
      - quote: On September 23, 2014 the United States further announced that we are aligning our APL policy outside the Korean Peninsula with the key requirements of the Ottawa Convention.
        date: "2014-09-23"
        basis: explicit
      - quote: 'This means that the United States will: Not use APL outside the Korean Peninsula; Not assist, encourage, or induce anyone outside the Korean Peninsula to engage in activity prohibited by the Ottawa Convention; and Undertake to destroy APL stockpiles not required for the defense of the Republic of Korea.'
        date: "2014-09-23"
        basis: context
      - quote: As many of you are aware, last year the United States announced a number of important changes to U.S. anti-personnel landmine, APL, policy.
        date: "2014"
        basis: relative
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2015-11-05_usmission-geneva_wood-eov-ottawa-resolution',
        "document": 'seeds/2015-11-05_usmission-geneva_wood-eov-ottawa-resolution.txt',
        "sha256": 'fb30483f0ebe3f74df7636634f1d8eb926cc48d59c0f115602ec95dd86c191d8',
        "added_at": '2026-11-27T17:50:18+00:00',
        "annotation": ANNOTATION_1,
        "replaces": REPLACED_1,
        "replaces_added_at": '2026-11-25T16:58:17+00:00',
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

"""Add source 2020-02-28_crs_IF11440-new-us-apl-use-policy

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: 50861a9b2c7f
Revises: bba7a8cd4bd5
Create Date: 2026-11-27 17:52:42
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = '50861a9b2c7f'
down_revision: str | Sequence[str] | None = 'bba7a8cd4bd5'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: report
  issuer: congressional-research-service
  publisher: Congressional Research Service
reviewed: true

# The stored text interleaves the PDF's two columns line by line; each quote below is one line of one
# column (a longer quote would take in the other column's lines).

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States]
    description: The United States of America and its federal government.
  - key: congressional-research-service
    name: Congressional Research Service
    kind: agency
    aliases: [CRS]
    description: The research service of the U.S. Congress, part of the Library of Congress.
  - key: us-dod
    name: U.S. Department of Defense
    kind: agency
    acts_for: [trump-administration]
    aliases: [Department of Defense, DoD, DOD, Pentagon]
  - key: donald-trump
    name: Donald Trump
    kind: person
    acts_for: [trump-administration]
    aliases: [Trump, President Trump]
    description: President of the United States, 2017-2021, and President-elect from November 2024.
  - key: trump-administration
    name: Trump administration
    kind: government
  - key: obama-administration
    name: Obama administration
    kind: government
    aliases: [Obama Administration]
  - key: barack-obama
    name: Barack Obama
    kind: person
    acts_for: [obama-administration]
  - key: bush-administration
    name: George W. Bush administration
    kind: government
    aliases: [Bush Administration, Bush administration]
  - key: clinton-administration
    name: Clinton administration
    kind: government
    aliases: [Clinton Administration]
  - key: james-mattis
    name: James Mattis
    kind: person
    aliases: [Mattis, James N. Mattis, former Secretary of Defense James Mattis]
    description: U.S. Secretary of Defense, 2017-2019.
  - key: caitlin-hayden
    name: Caitlin Hayden
    kind: person
    aliases: [Hayden, National Security Council spokesperson]
    description: Spokesperson of the U.S. National Security Council in 2014.
  - key: ottawa-convention-states-parties
    name: States Parties to the Ottawa Convention
    kind: organisation
    description: The states that are party to the Ottawa Convention (Mine Ban Treaty).

policies:
  - key: us-apl-policy
    name: U.S. antipersonnel landmine policy
    owner: united-states
    description: U.S. policy on the production, acquisition, use, transfer and stockpiling of antipersonnel landmines (APL).
    aliases: [U.S. APL policy, U.S. landmine policy, U.S. anti-personnel landmine policy, U.S. Antipersonnel Landmine Use Policy, Presidential Policy Directive-37, PPD-37]
  - key: ottawa-convention
    name: Ottawa Convention (Mine Ban Treaty)
    owner: ottawa-convention-states-parties
    description: The international treaty prohibiting the use, stockpiling, production and transfer of antipersonnel mines.
    aliases: [Ottawa Convention, Mine Ban Treaty]

events:

  - cites: 2020-01-31-trump-reversal
    actors:
      - {actor: us-dod, role: announced}
      - {actor: donald-trump, role: decided}
      - {actor: trump-administration, role: decided}
    citations:
      - quote: On January 31, 2020, the Department of Defense (DOD)
        date: "2020-01-31"
        basis: explicit
      - quote: announced a new policy regarding the use of antipersonnel
        date: "2020-01-31"
        basis: context
      - quote: landmines (APL). According to a January 31, 2020, DOD
        date: "2020-01-31"
        basis: explicit
      - quote: memorandum, President Trump “decided to cancel
        date: "2020-01-31"
        basis: context
        attributed_to: a January 31, 2020, DOD memorandum
        attributed_actor: us-dod
      - quote: Administration adopted the new policy following an
        date: "2020-01-31"
        basis: context
      - quote: The January 2020 memorandum permits Combatant
        date: "2020-01"
        basis: explicit
      - quote: Commanders to authorize the use of nonpersistent APLs
        date: "2020-01"
        basis: context
        attributed_to: the January 2020 memorandum
        attributed_actor: us-dod
      - quote: regardless of geographic location “when necessary for
        date: "2020-01"
        basis: context
        attributed_to: the January 2020 memorandum
        attributed_actor: us-dod
      - quote: memorandum, “must possess self-destruction mechanisms
        date: "2020-01"
        basis: context
        attributed_to: the January 2020 memorandum
        attributed_actor: us-dod
      - quote: the new policy forbids, lack these features. PPD-37 forbade
        date: "2020-01"
        basis: context

  # PPD-37 codifies the 2014 policy without changing its content; it opens a state of its own
  # because the 2020-01-31 memorandum cancels it.
  - key: 2016-01-ppd-37-issued
    type: reaffirmed
    changes_state: true
    headline: Obama administration issues Presidential Policy Directive 37 (PPD-37), setting out the 2014 anti-personnel landmine policy
    stance: U.S. APL policy is Presidential Policy Directive 37, the policy the Obama administration announced in 2014 (no production or acquisition of APL; no use, and no assistance to activity the Ottawa Convention prohibits, outside the Korean Peninsula; destruction of APL stockpiles not required for the defense of South Korea).
    description: CRS says the 2014 policy is the one "described in PPD-37" and that the January 31, 2020 DOD memorandum cancelled PPD-37; the copy breaks off at "PPD-37 forbade the use of A".
    policies: [us-apl-policy]
    actors:
      - {actor: obama-administration, role: decided}
    citations:
      - quote: Presidential Policy Directive-37 (PPD-37),” which was
        date: "2016-01"
        basis: context
      - quote: issued by the Obama Administration in January 2016. The
        date: "2016-01"
        basis: explicit
      - quote: policy described in PPD-37 (discussed earlier). The
        date: "2016-01"
        basis: context
      - quote: the new policy forbids, lack these features. PPD-37 forbade
        date: "2016-01"
        basis: context

  # The study DOD News (2020-02-03) describes without a date ("commissioned by then-Defense
  # Secretary James N. Mattis", "took about a year"): CRS dates its completion to 2018.
  - cites: 2019-dod-landmine-policy-study
    actors:
      - {actor: james-mattis, role: commissioned}
      - {actor: us-dod, role: implemented}
    citations:
      - quote: internal DOD review ordered by former Secretary of
        date: "2018"
        basis: context
      - quote: Defense James Mattis that was completed in 2018.
        date: "2018"
        basis: explicit

  - key: 2004-02-bush-persistent-apl-policy
    type: amended
    headline: Bush administration announces the United States will use persistent anti-personnel landmines only in the Korean DMZ until 2010 and nowhere after that
    stance: The United States will use persistent APL only in the Korean Demilitarized Zone until 2010 and will not use such APL anywhere after that, and will develop alternatives to persistent landmines.
    policies: [us-apl-policy]
    actors:
      - {actor: bush-administration, role: announced}
      - {actor: bush-administration, role: decided}
    citations:
      - quote: February 2004, the Bush Administration announced the
        date: "2004-02"
        basis: explicit
      - quote: United States would use persistent APLs only in the DMZ
        date: "2004-02"
        basis: context
      - quote: until 2010, after which the United States would not use
        date: "2004-02"
        basis: context
      - quote: such APLs anywhere. The Bush Administration also
        date: "2004-02"
        basis: context
      - quote: indicated that the United States would develop alternatives
        date: "2004-02"
        basis: context

  - key: 1999-ottawa-convention-enters-into-force
    type: treaty_action
    headline: The Ottawa Convention enters into force for its signatory countries
    policies: [ottawa-convention]
    actors:
      - {actor: ottawa-convention-states-parties, role: subject}
    citations:
      - quote: (also known as the Ottawa Convention), which entered into
        date: "1999"
        basis: context
      - quote: force for those signatory countries in 1999. The Clinton
        date: "1999"
        basis: explicit

  - key: clinton-declines-to-sign-ottawa-convention
    type: treaty_action
    headline: The Clinton administration declines to sign the Ottawa Convention because it would preclude U.S. use of anti-personnel landmines in the Korean DMZ
    description: Undated in the text; the date is the Clinton administration's term.
    policies: [ottawa-convention, us-apl-policy]
    actors:
      - {actor: clinton-administration, role: decided}
    citations:
      - quote: Administration declined to sign the Ottawa Convention
        date: "1993-01-20 to 2001-01-20"
        basis: context
      - quote: because it would preclude U.S. use of APLs in the DMZ. In
        date: "1993-01-20 to 2001-01-20"
        basis: context

  - cites: 2014-06-27-apl-loss-modelling-review
    citations:
      - quote: to persistent landmines. The Obama Administration
        date: "2009-01-20 to 2017-01-20"
        basis: context
      - quote: conducted a review of U.S. policy regarding landmines. A
        date: "2009-01-20 to 2017-01-20"
        basis: context

  - cites: 2014-06-27-no-apl-production
    actors:
      - {actor: caitlin-hayden, role: reported}
    citations:
      - quote: National Security Council spokesperson stated in June 2014
        date: "2014-06"
        basis: explicit
      - quote: that the United States would not “produce or otherwise
        date: "2014-06"
        basis: context
        attributed_to: A National Security Council spokesperson
        attributed_actor: caitlin-hayden
      - quote: acquire any anti-personnel landmines in the future,”
        date: "2014-06"
        basis: context
        attributed_to: A National Security Council spokesperson
        attributed_actor: caitlin-hayden
      - quote: including for the purpose of replacing expiring stockpiles.
        date: "2014-06"
        basis: context

  - cites: 2014-09-23-no-use-outside-korea
    actors:
      - {actor: obama-administration, role: announced}
    citations:
      - quote: In 2014, the Obama Administration announced the APL
        date: "2014"
        basis: explicit
      - quote: policy described in PPD-37 (discussed earlier). The
        date: "2014"
        basis: context

terms:
  - term: antipersonnel
    variants: [anti-personnel, APL]
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '2020-02-28_crs_IF11440-new-us-apl-use-policy',
        "document": 'seeds/2020-02-28_crs_IF11440-new-us-apl-use-policy.txt',
        "sha256": '99b07b40afc279383f217020337ccb4b6c12657d76dc1b554d60755fa2a16240',
        "added_at": '2026-11-27T17:52:42+00:00',
        "annotation": ANNOTATION_1,
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

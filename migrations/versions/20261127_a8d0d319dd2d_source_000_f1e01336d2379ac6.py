"""Correct source 000_f1e01336d2379ac6

Written by `kb source migrate` from the reviewed annotation(s) in seeds/, embedded below so that
replaying history never depends on an annotation file's current content. Each document is
read from seeds/ and must still have the SHA-256 recorded here.

Revision ID: a8d0d319dd2d
Revises: 0003
Create Date: 2026-11-27 17:50:10
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from alembic import op

from kb.loader import SourceEntry, apply_sources, remove_sources

revision: str = 'a8d0d319dd2d'
down_revision: str | Sequence[str] | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROOT = Path(__file__).resolve().parents[2]

ANNOTATION_1 = """\
source:
  kind: news_article
  publisher: The Washington Post
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States, Washington]
    description: The United States of America and its federal government.
  - key: white-house
    name: The White House
    kind: office
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: joe-biden
    name: Joe Biden
    kind: person
    acts_for: [biden-administration]
    aliases: [Biden, President Joe Biden]
    description: President of the United States, 2021-2025.
  - key: biden-administration
    name: Biden administration
    kind: government
  - key: donald-trump
    name: Donald Trump
    kind: person
    acts_for: [trump-administration]
    aliases: [Trump, President-elect Donald Trump]
    description: President of the United States, 2017-2021, and President-elect from November 2024.
  - key: trump-administration
    name: Trump administration
    kind: government
  - key: lloyd-austin
    name: Lloyd Austin
    kind: person
    aliases: [Austin, Defense Secretary Lloyd Austin]
    description: U.S. Secretary of Defense in 2024.
  - key: us-state-department
    name: U.S. Department of State
    kind: agency
    aliases: [State Department]
  - key: mary-wareham
    name: Mary Wareham
    kind: person
    aliases: [Wareham]
    description: Deputy director of the crisis, conflict and arms division at Human Rights Watch in 2024.
  - key: human-rights-watch
    name: Human Rights Watch
    kind: organisation
  - key: ben-linden
    name: Ben Linden
    kind: person
    aliases: [Linden]
    description: Advocacy director for Europe and Central Asia at Amnesty International USA in 2024.
  - key: amnesty-international-usa
    name: Amnesty International USA
    kind: organisation
  - key: arms-control-groups
    name: Arms control groups
    kind: group
    aliases: [arms control groups, arms control advocates, arms control experts]
    description: Arms control and anti-mine advocacy groups and experts not named individually.
  - key: ukraine
    name: Ukraine
    kind: government
    aliases: [Kyiv]
  - key: russia
    name: Russia
    kind: government
    aliases: [Moscow, the Kremlin]
  - key: vladimir-putin
    name: Vladimir Putin
    kind: person
    aliases: [Putin, Russian President Vladimir Putin]
    description: President of Russia.
  - key: lithuania
    name: Lithuania
    kind: government
  - key: latvia
    name: Latvia
    kind: government
  - key: estonia
    name: Estonia
    kind: government
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
    aliases: [Ottawa Convention, Mine Ban Treaty]
  - key: us-ukraine-security-assistance
    name: U.S. security assistance to Ukraine
    owner: united-states
    description: U.S. provision of weapons, munitions and other military aid to Ukraine.
  - key: us-ukraine-long-range-missile-policy
    name: U.S. policy on Ukraine's use of U.S.-provided long-range missiles
    owner: united-states
    description: The permissions under which Ukraine may use U.S.-provided long-range missiles such as ATACMS.

events:

  - key: 2024-ukraine-apl-exception
    type: exception
    headline: Biden authorises the provision of non-persistent antipersonnel land mines to Ukraine
    stance: U.S. APL policy stays in force, but as a limited exception the United States may provide non-persistent antipersonnel land mines to Ukraine for use on Ukrainian territory.
    description: The Washington Post headline and video caption call this reversing or undoing Biden's own policy; the White House (Sullivan, 2024-12-02) calls it a limited exception to the continuing landmine policy.
    policies: [us-apl-policy]
    actors:
      - {actor: joe-biden, role: authorised}
      - {actor: united-states, role: provided}
      - {actor: ukraine, role: received}
    citations:
      - quote: President Joe Biden has authorized the provision of antipersonnel land mines to Ukraine, a step that will bolster Kyiv’s defenses against advancing Russian troops but has drawn criticism from arms control groups.
        date: "on or before 2024-11-19"
        basis: context
      - quote: Austin and other U.S. officials did not say what type of mines are being provided.
        date: "on or before 2024-11-19"
        basis: context
      - quote: One official described them as “nonpersistent,” meaning that the mines self-destruct or lose battery charge to render them inactive within days or weeks.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One official
      - quote: Use of the new mines would be limited to Ukrainian territory, with an expected focus on eastern Ukraine, one of the officials said.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: one of the officials
      # The decision answers Russia's progress "in recent months": it was taken in 2024.
      - quote: But Russia’s battlefield progress in recent months has forced the White House to find fresh ways to help Kyiv, especially following the victory of President-elect Donald Trump
        date: "2024 to 2024-11-19"
        basis: relative

  - key: 2024-ukraine-atacms-strikes-inside-russia-authorised
    type: amended
    headline: White House allows Ukraine to strike inside Russia with U.S.-provided ATACMS missiles
    stance: Ukraine is permitted to use U.S.-provided long-range ATACMS missiles to strike inside Russia.
    policies: [us-ukraine-long-range-missile-policy]
    actors:
      - {actor: white-house, role: authorised}
      - {actor: ukraine, role: subject}
    citations:
      - quote: The move comes in the wake of the White House’s recent authorization allowing Ukraine to use a powerful missile system to strike inside Russia — part of a sweep of urgent actions that the lame-duck Biden administration is taking to help Kyiv’s faltering war effort.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-putin-warns-of-retaliation-for-atacms-strikes
    type: statement
    headline: Putin warns that Russia will retaliate for ATACMS missile strikes
    policies: [us-ukraine-long-range-missile-policy]
    actors:
      - {actor: vladimir-putin, role: stated}
    citations:
      - quote: Russian President Vladimir Putin has warned that Moscow will retaliate for the latest missile strikes from the Army Tactical Missile System, or ATACMS, which has a range of about 190 miles.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-ottawa-convention-164-parties
    type: report
    headline: Ottawa Convention has 164 parties, not including Russia or the United States
    policies: [ottawa-convention]
    actors:
      - {actor: ottawa-convention-states-parties, role: subject}
    citations:
      - quote: Neither Russia nor the United States is one of the 164 parties to the Ottawa Convention, also known as the Mine Ban Treaty, that prohibits the deployment and transfer of antipersonnel land mines.
        date: "2024-11-19"
        basis: context
      - quote: More than 160 countries have signed an international treaty banning their use, noting that the indiscriminate weapons can cause enduring harm to civilians.
        date: "2024-11-19"
        basis: context

  - key: 2022-russia-invades-ukraine
    type: military_action
    headline: Russia invades Ukraine
    description: The article dates the invasion only as "nearly three years ago".
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: russia, role: implemented}
      - {actor: ukraine, role: subject}
    citations:
      - quote: Kyiv has sought them since Russia invaded nearly three years ago
        date: "about 2022"
        basis: relative

  - key: ukraine-seeks-us-antipersonnel-mines
    type: statement
    headline: Ukraine seeks antipersonnel land mines from the United States
    description: Kyiv has sought the mines since the Russian invasion, "nearly three years" before publication.
    policies: [us-apl-policy]
    actors:
      - {actor: ukraine, role: stated}
    citations:
      - quote: But Kyiv has sought them since Russia invaded nearly three years ago
        date: "on or before 2024-11-19"
        basis: context

  - key: russia-apl-use-ukraine-front-lines
    type: use
    headline: Russian forces deploy antipersonnel land mines on the front lines in Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: russia, role: used}
    citations:
      - quote: the Kremlin’s forces have deployed antipersonnel land mines liberally on the front lines, impeding Ukraine’s progress as it seeks to reclaim its own territory.
        date: "on or before 2024-11-19"
        basis: context
      - quote: '“Russia uses them anyway,” the official said, speaking on the condition of anonymity because of the subject’s sensitivity.'
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One Ukrainian official

  - key: 2024-russian-advances-in-ukraine
    type: military_action
    headline: Russian forces advance against Ukraine's front lines in the east
    policies: [us-ukraine-security-assistance, us-apl-policy]
    actors:
      - {actor: russia, role: implemented}
      - {actor: ukraine, role: subject}
    citations:
      - quote: The Biden administration is deeply concerned about Russia’s assaults against Ukraine’s front lines in recent weeks and sees a pressing need to blunt the advance, U.S. officials said.
        date: "2024"
        basis: relative
        attributed_to: U.S. officials
      - quote: '“Russia is attacking Ukrainian lines in the east with waves of troops, regardless of the casualties that they’re suffering,” one of the officials said.'
        date: "2024"
        basis: relative
        attributed_to: one of the officials
      - quote: But Russia’s battlefield progress in recent months has forced the White House to find fresh ways to help Kyiv
        date: "2024"
        basis: relative
      - quote: Russian forces have made significant advances in the Donetsk region and in recent months have gained territory at the fastest rate since 2022.
        date: "2024"
        basis: relative

  - key: us-claymores-to-ukraine
    type: transfer
    headline: United States provides Claymore antipersonnel mines to Ukraine
    policies: [us-ukraine-security-assistance, us-apl-policy]
    actors:
      - {actor: united-states, role: provided}
      - {actor: ukraine, role: received}
    citations:
      - quote: The United States has provided Ukraine with Claymores, a different type of antipersonnel mine, which are set above ground and triggered by an operator, making them permissible under mine ban conventions if used properly.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-biden-reluctance-apl-for-ukraine
    type: deliberation
    headline: Biden weighs, and for a time resists, supplying antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: joe-biden, role: considered}
    citations:
      - quote: Biden had been reluctant to supply Ukraine with the mines in the face of concerns within his own administration and from a wide range of anti-mine advocates who say the risk to civilians is unacceptably high.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-trump-vows-swift-end-to-ukraine-war
    type: statement
    headline: President-elect Donald Trump vows to steer the Ukraine conflict toward a swift conclusion
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: donald-trump, role: stated}
    citations:
      - quote: especially following the victory of President-elect Donald Trump , who has vowed to steer the conflict toward a swift conclusion.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-ukraine-commits-no-mines-in-populated-areas
    type: statement
    headline: Ukraine commits not to deploy the U.S.-supplied mines in densely populated areas
    policies: [us-apl-policy]
    actors:
      - {actor: ukraine, role: stated}
    citations:
      - quote: The official said that Ukrainian policymakers had committed to not deploying the mines in densely populated areas.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: The official

  - key: 2024-ukrainian-official-welcomes-apl-decision
    type: support
    headline: A Ukrainian official welcomes the U.S. decision to supply antipersonnel mines
    policies: [us-apl-policy]
    actors:
      - {actor: ukraine, role: supported}
    citations:
      - quote: One Ukrainian official welcomed any policy change despite the potential risks that would come with widespread deployment of the weapons.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One Ukrainian official

  - key: 2024-hrw-wareham-criticises-ukraine-apl
    type: criticism
    headline: Human Rights Watch's Mary Wareham condemns the U.S. decision to provide antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: mary-wareham, role: criticised}
      - {actor: human-rights-watch, role: criticised}
    citations:
      - quote: '“It’s a shocking and devastating development,” said Mary Wareham, deputy director of the crisis, conflict and arms division at Human Rights Watch, the advocacy group, who said that even nonpersistent mines hold risks for civilians, require complicated cleanup efforts and are not always reliably deactivated.'
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: Mary Wareham, Human Rights Watch
        attributed_actor: mary-wareham
      - quote: But some human rights campaigners said that the U.S. decision to provide antipersonnel land mines to Ukraine — a signatory to the Mine Ban Treaty — is a black mark against Washington.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: some human rights campaigners

  - key: 2024-amnesty-linden-criticises-ukraine-apl
    type: criticism
    headline: Amnesty International USA's Ben Linden criticises the U.S. decision to provide antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: ben-linden, role: criticised}
      - {actor: amnesty-international-usa, role: criticised}
    citations:
      - quote: '“Antipersonnel landmines are inherently indiscriminate weapons that maim and kill civilians long after conflicts end and shouldn’t have a place in the arsenal of any country,” Ben Linden, the advocacy director for Europe and Central Asia for Amnesty International USA, said in a statement.'
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: Ben Linden, Amnesty International USA
        attributed_actor: ben-linden

  - key: 2024-arms-control-groups-criticise-ukraine-apl
    type: criticism
    headline: Arms control groups criticise the U.S. decision to provide antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: arms-control-groups, role: criticised}
    citations:
      - quote: has drawn criticism from arms control groups
        date: "on or before 2024-11-19"
        basis: context
      - quote: Arms control experts said that even nonpersistent mines pose a safety hazard .
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: Arms control experts
      - quote: Following disclosure of the policy change, arms control groups raked the administration.
        date: "on or before 2024-11-19"
        basis: context

  - cites: 2020-01-31-trump-reversal
    citations:
      - quote: The Trump administration in 2020 had reversed the Obama-era policy , pointing to the need for strategic use of mines to counter adversaries like Russia and China, and drawing strong condemnation from arms control advocates.
        date: "2020"
        basis: explicit

  - key: 2020-arms-control-groups-condemn-trump-reversal
    type: criticism
    headline: Arms control advocates condemn the Trump administration's reversal of U.S. APL policy
    policies: [us-apl-policy]
    actors:
      - {actor: arms-control-groups, role: criticised}
      - {actor: trump-administration, role: subject}
    citations:
      - quote: The Trump administration in 2020 had reversed the Obama-era policy , pointing to the need for strategic use of mines to counter adversaries like Russia and China, and drawing strong condemnation from arms control advocates.
        date: "2020"
        basis: explicit

  - key: 2020-candidate-biden-calls-trump-reversal-reckless
    type: criticism
    headline: Presidential candidate Joe Biden calls the Trump administration's landmine decision reckless
    policies: [us-apl-policy]
    actors:
      - {actor: joe-biden, role: criticised}
      - {actor: trump-administration, role: subject}
    citations:
      - quote: '“It will put more civilians at risk of being injured by unexploded mines, and is unnecessary from a military perspective,” Biden, as a presidential candidate, said in response to Trump’s decision, calling it “reckless.”'
        date: "2020"
        basis: context
        attributed_to: Biden, as a presidential candidate
        attributed_actor: joe-biden

  - cites: 2022-06-21-biden-reinstatement
    actors:
      - {actor: joe-biden, role: decided}
    citations:
      - quote: Biden in 2022 revived an Obama-era policy that banned the transfer and use of U.S. antipersonnel land mines outside the Korean Peninsula.
        date: "2022"
        basis: explicit

  - key: 2022-us-apl-stockpile-about-3-million
    type: report
    headline: U.S. stockpile of antipersonnel land mines stands at about 3 million
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: subject}
    citations:
      - quote: The United States had a stockpile of about 3 million antipersonnel land mines as of 2022.
        date: "2022"
        basis: explicit

  - cites: 1991-us-landmine-use-gulf-war
    actors:
      - {actor: us-state-department, role: reported}
    citations:
      - quote: The mines had not been used since 1991, during the first Gulf War, apart from a single 2002 incident in Afghanistan involving a lone munition, the State Department said in 2022.
        date: "1991"
        basis: explicit
        attributed_to: the State Department
        attributed_actor: us-state-department

  - key: 2002-us-apl-use-afghanistan
    type: use
    headline: U.S. forces use a single antipersonnel mine in Afghanistan
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: used}
      - {actor: us-state-department, role: reported}
    citations:
      - quote: The mines had not been used since 1991, during the first Gulf War, apart from a single 2002 incident in Afghanistan involving a lone munition, the State Department said in 2022.
        date: "2002"
        basis: explicit
        attributed_to: the State Department
        attributed_actor: us-state-department

  - key: 2024-ukraine-mine-clearance-commitment
    type: statement
    headline: Biden administration commits to help clear mines in Ukraine after the war, including U.S.-supplied mines
    policies: [us-apl-policy]
    actors:
      - {actor: biden-administration, role: stated}
    citations:
      - quote: The Biden administration has already committed to supporting mine-clearance efforts in Ukraine after the end of the conflict.
        date: "on or before 2024-11-19"
        basis: context
      - quote: One of the U.S. officials said that the administration will extend that commitment to helping clean up the U.S.-supplied mines.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One of the U.S. officials

  - key: 2024-baltic-states-consider-leaving-ottawa-convention
    type: deliberation
    headline: Lithuania, Latvia and Estonia consider withdrawing from the Ottawa Convention but keep to it
    policies: [ottawa-convention]
    actors:
      - {actor: lithuania, role: considered}
      - {actor: latvia, role: considered}
      - {actor: estonia, role: considered}
    citations:
      - quote: The Baltic nations of Lithuania, Latvia and Estonia considered withdrawing from the Ottawa Convention earlier this year in order to bolster their defenses against Russian aggression, although they ultimately decided to reinforce stocks of antitank mines and other tools that are less hazardous to civilians.
        date: "2024"
        basis: relative
      - quote: The Ukraine conflict has spurred other countries to reevaluate their opposition to antipersonnel land mines.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-11-20-austin-explains-ukraine-apl-decision
    type: statement
    headline: Defense Secretary Lloyd Austin explains the decision to provide antipersonnel mines to Ukraine
    description: Austin spoke during a visit to Laos the day after the article was first published; the article was updated.
    policies: [us-apl-policy]
    actors:
      - {actor: lloyd-austin, role: stated}
    citations:
      - quote: '“They have a need for things that can help slow down that effort on the part of the of the Russians,” Defense Secretary Lloyd Austin told reporters on Wednesday during a visit to Laos.'
        date: "2024-11-20"
        basis: relative
        attributed_to: Defense Secretary Lloyd Austin
        attributed_actor: lloyd-austin
        beyond_publication: updated
      - quote: Ukrainian forces are fabricating their own mines, he said, and the U.S. mines being provided “would self-activate, self-detonate and that makes it...far more safer eventually than the things that they are creating on their own.”
        date: "2024-11-20"
        basis: context
        attributed_to: Defense Secretary Lloyd Austin
        attributed_actor: lloyd-austin
        beyond_publication: updated
      - quote: Defense Secretary Lloyd Austin on Nov. 20 explained the decision to reverse a policy by the Biden administration to not send landmines to Ukraine.
        date: "2024-11-20"
        basis: explicit
        beyond_publication: updated

terms:
  - term: antipersonnel
    variants: [anti-personnel]
  - term: land mine
    variants: [landmine, land-mine]
  - term: antipersonnel mine
    variants: [antipersonnel land mine, anti-personnel mine]
"""

REPLACED_1 = """\
source:
  kind: news_article
  publisher: The Washington Post
reviewed: true

actors:
  - key: united-states
    name: United States
    kind: government
    aliases: [U.S., the United States, Washington]
    description: The United States of America and its federal government.
  - key: white-house
    name: The White House
    kind: office
    aliases: [White House]
    description: The Executive Office of the U.S. President, including its press office.
  - key: joe-biden
    name: Joe Biden
    kind: person
    aliases: [Biden, President Joe Biden]
    description: President of the United States, 2021-2025.
  - key: biden-administration
    name: Biden administration
    kind: government
  - key: donald-trump
    name: Donald Trump
    kind: person
    aliases: [Trump, President-elect Donald Trump]
    description: President of the United States, 2017-2021, and President-elect from November 2024.
  - key: trump-administration
    name: Trump administration
    kind: government
  - key: lloyd-austin
    name: Lloyd Austin
    kind: person
    aliases: [Austin, Defense Secretary Lloyd Austin]
    description: U.S. Secretary of Defense in 2024.
  - key: us-state-department
    name: U.S. Department of State
    kind: agency
    aliases: [State Department]
  - key: mary-wareham
    name: Mary Wareham
    kind: person
    aliases: [Wareham]
    description: Deputy director of the crisis, conflict and arms division at Human Rights Watch in 2024.
  - key: human-rights-watch
    name: Human Rights Watch
    kind: organisation
  - key: ben-linden
    name: Ben Linden
    kind: person
    aliases: [Linden]
    description: Advocacy director for Europe and Central Asia at Amnesty International USA in 2024.
  - key: amnesty-international-usa
    name: Amnesty International USA
    kind: organisation
  - key: arms-control-groups
    name: Arms control groups
    kind: group
    aliases: [arms control groups, arms control advocates, arms control experts]
    description: Arms control and anti-mine advocacy groups and experts not named individually.
  - key: ukraine
    name: Ukraine
    kind: government
    aliases: [Kyiv]
  - key: russia
    name: Russia
    kind: government
    aliases: [Moscow, the Kremlin]
  - key: vladimir-putin
    name: Vladimir Putin
    kind: person
    aliases: [Putin, Russian President Vladimir Putin]
    description: President of Russia.
  - key: lithuania
    name: Lithuania
    kind: government
  - key: latvia
    name: Latvia
    kind: government
  - key: estonia
    name: Estonia
    kind: government
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
    aliases: [Ottawa Convention, Mine Ban Treaty]
  - key: us-ukraine-security-assistance
    name: U.S. security assistance to Ukraine
    owner: united-states
    description: U.S. provision of weapons, munitions and other military aid to Ukraine.
  - key: us-ukraine-long-range-missile-policy
    name: U.S. policy on Ukraine's use of U.S.-provided long-range missiles
    owner: united-states
    description: The permissions under which Ukraine may use U.S.-provided long-range missiles such as ATACMS.

events:

  - key: 2024-ukraine-apl-exception
    type: exception
    headline: Biden authorises the provision of non-persistent antipersonnel land mines to Ukraine
    stance: U.S. APL policy stays in force, but as a limited exception the United States may provide non-persistent antipersonnel land mines to Ukraine for use on Ukrainian territory.
    description: The Washington Post headline and video caption call this reversing or undoing Biden's own policy; the White House (Sullivan, 2024-12-02) calls it a limited exception to the continuing landmine policy.
    policies: [us-apl-policy]
    actors:
      - {actor: joe-biden, role: authorised}
      - {actor: united-states, role: provided}
      - {actor: ukraine, role: received}
    citations:
      - quote: President Joe Biden has authorized the provision of antipersonnel land mines to Ukraine, a step that will bolster Kyiv’s defenses against advancing Russian troops but has drawn criticism from arms control groups.
        date: "on or before 2024-11-19"
        basis: context
      - quote: Austin and other U.S. officials did not say what type of mines are being provided.
        date: "on or before 2024-11-19"
        basis: context
      - quote: One official described them as “nonpersistent,” meaning that the mines self-destruct or lose battery charge to render them inactive within days or weeks.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One official
      - quote: Use of the new mines would be limited to Ukrainian territory, with an expected focus on eastern Ukraine, one of the officials said.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: one of the officials
      # The decision answers Russia's progress "in recent months": it was taken in 2024.
      - quote: But Russia’s battlefield progress in recent months has forced the White House to find fresh ways to help Kyiv, especially following the victory of President-elect Donald Trump
        date: "2024 to 2024-11-19"
        basis: relative

  - key: 2024-ukraine-atacms-strikes-inside-russia-authorised
    type: amended
    headline: White House allows Ukraine to strike inside Russia with U.S.-provided ATACMS missiles
    stance: Ukraine is permitted to use U.S.-provided long-range ATACMS missiles to strike inside Russia.
    policies: [us-ukraine-long-range-missile-policy]
    actors:
      - {actor: white-house, role: authorised}
      - {actor: ukraine, role: subject}
    citations:
      - quote: The move comes in the wake of the White House’s recent authorization allowing Ukraine to use a powerful missile system to strike inside Russia — part of a sweep of urgent actions that the lame-duck Biden administration is taking to help Kyiv’s faltering war effort.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-putin-warns-of-retaliation-for-atacms-strikes
    type: statement
    headline: Putin warns that Russia will retaliate for ATACMS missile strikes
    policies: [us-ukraine-long-range-missile-policy]
    actors:
      - {actor: vladimir-putin, role: stated}
    citations:
      - quote: Russian President Vladimir Putin has warned that Moscow will retaliate for the latest missile strikes from the Army Tactical Missile System, or ATACMS, which has a range of about 190 miles.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-ottawa-convention-164-parties
    type: report
    headline: Ottawa Convention has 164 parties, not including Russia or the United States
    policies: [ottawa-convention]
    actors:
      - {actor: ottawa-convention-states-parties, role: subject}
    citations:
      - quote: Neither Russia nor the United States is one of the 164 parties to the Ottawa Convention, also known as the Mine Ban Treaty, that prohibits the deployment and transfer of antipersonnel land mines.
        date: "2024-11-19"
        basis: context
      - quote: More than 160 countries have signed an international treaty banning their use, noting that the indiscriminate weapons can cause enduring harm to civilians.
        date: "2024-11-19"
        basis: context

  - key: 2022-russia-invades-ukraine
    type: military_action
    headline: Russia invades Ukraine
    description: The article dates the invasion only as "nearly three years ago".
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: russia, role: implemented}
      - {actor: ukraine, role: subject}
    citations:
      - quote: Kyiv has sought them since Russia invaded nearly three years ago
        date: "about 2022"
        basis: relative

  - key: ukraine-seeks-us-antipersonnel-mines
    type: statement
    headline: Ukraine seeks antipersonnel land mines from the United States
    description: Kyiv has sought the mines since the Russian invasion, "nearly three years" before publication.
    policies: [us-apl-policy]
    actors:
      - {actor: ukraine, role: stated}
    citations:
      - quote: But Kyiv has sought them since Russia invaded nearly three years ago
        date: "on or before 2024-11-19"
        basis: context

  - key: russia-apl-use-ukraine-front-lines
    type: use
    headline: Russian forces deploy antipersonnel land mines on the front lines in Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: russia, role: used}
    citations:
      - quote: the Kremlin’s forces have deployed antipersonnel land mines liberally on the front lines, impeding Ukraine’s progress as it seeks to reclaim its own territory.
        date: "on or before 2024-11-19"
        basis: context
      - quote: '“Russia uses them anyway,” the official said, speaking on the condition of anonymity because of the subject’s sensitivity.'
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One Ukrainian official

  - key: 2024-russian-advances-in-ukraine
    type: military_action
    headline: Russian forces advance against Ukraine's front lines in the east
    policies: [us-ukraine-security-assistance, us-apl-policy]
    actors:
      - {actor: russia, role: implemented}
      - {actor: ukraine, role: subject}
    citations:
      - quote: The Biden administration is deeply concerned about Russia’s assaults against Ukraine’s front lines in recent weeks and sees a pressing need to blunt the advance, U.S. officials said.
        date: "2024"
        basis: relative
        attributed_to: U.S. officials
      - quote: '“Russia is attacking Ukrainian lines in the east with waves of troops, regardless of the casualties that they’re suffering,” one of the officials said.'
        date: "2024"
        basis: relative
        attributed_to: one of the officials
      - quote: But Russia’s battlefield progress in recent months has forced the White House to find fresh ways to help Kyiv
        date: "2024"
        basis: relative
      - quote: Russian forces have made significant advances in the Donetsk region and in recent months have gained territory at the fastest rate since 2022.
        date: "2024"
        basis: relative

  - key: us-claymores-to-ukraine
    type: transfer
    headline: United States provides Claymore antipersonnel mines to Ukraine
    policies: [us-ukraine-security-assistance, us-apl-policy]
    actors:
      - {actor: united-states, role: provided}
      - {actor: ukraine, role: received}
    citations:
      - quote: The United States has provided Ukraine with Claymores, a different type of antipersonnel mine, which are set above ground and triggered by an operator, making them permissible under mine ban conventions if used properly.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-biden-reluctance-apl-for-ukraine
    type: deliberation
    headline: Biden weighs, and for a time resists, supplying antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: joe-biden, role: considered}
    citations:
      - quote: Biden had been reluctant to supply Ukraine with the mines in the face of concerns within his own administration and from a wide range of anti-mine advocates who say the risk to civilians is unacceptably high.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-trump-vows-swift-end-to-ukraine-war
    type: statement
    headline: President-elect Donald Trump vows to steer the Ukraine conflict toward a swift conclusion
    policies: [us-ukraine-security-assistance]
    actors:
      - {actor: donald-trump, role: stated}
    citations:
      - quote: especially following the victory of President-elect Donald Trump , who has vowed to steer the conflict toward a swift conclusion.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-ukraine-commits-no-mines-in-populated-areas
    type: statement
    headline: Ukraine commits not to deploy the U.S.-supplied mines in densely populated areas
    policies: [us-apl-policy]
    actors:
      - {actor: ukraine, role: stated}
    citations:
      - quote: The official said that Ukrainian policymakers had committed to not deploying the mines in densely populated areas.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: The official

  - key: 2024-ukrainian-official-welcomes-apl-decision
    type: support
    headline: A Ukrainian official welcomes the U.S. decision to supply antipersonnel mines
    policies: [us-apl-policy]
    actors:
      - {actor: ukraine, role: supported}
    citations:
      - quote: One Ukrainian official welcomed any policy change despite the potential risks that would come with widespread deployment of the weapons.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One Ukrainian official

  - key: 2024-hrw-wareham-criticises-ukraine-apl
    type: criticism
    headline: Human Rights Watch's Mary Wareham condemns the U.S. decision to provide antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: mary-wareham, role: criticised}
      - {actor: human-rights-watch, role: criticised}
    citations:
      - quote: '“It’s a shocking and devastating development,” said Mary Wareham, deputy director of the crisis, conflict and arms division at Human Rights Watch, the advocacy group, who said that even nonpersistent mines hold risks for civilians, require complicated cleanup efforts and are not always reliably deactivated.'
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: Mary Wareham, Human Rights Watch
        attributed_actor: mary-wareham
      - quote: But some human rights campaigners said that the U.S. decision to provide antipersonnel land mines to Ukraine — a signatory to the Mine Ban Treaty — is a black mark against Washington.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: some human rights campaigners

  - key: 2024-amnesty-linden-criticises-ukraine-apl
    type: criticism
    headline: Amnesty International USA's Ben Linden criticises the U.S. decision to provide antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: ben-linden, role: criticised}
      - {actor: amnesty-international-usa, role: criticised}
    citations:
      - quote: '“Antipersonnel landmines are inherently indiscriminate weapons that maim and kill civilians long after conflicts end and shouldn’t have a place in the arsenal of any country,” Ben Linden, the advocacy director for Europe and Central Asia for Amnesty International USA, said in a statement.'
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: Ben Linden, Amnesty International USA
        attributed_actor: ben-linden

  - key: 2024-arms-control-groups-criticise-ukraine-apl
    type: criticism
    headline: Arms control groups criticise the U.S. decision to provide antipersonnel mines to Ukraine
    policies: [us-apl-policy]
    actors:
      - {actor: arms-control-groups, role: criticised}
    citations:
      - quote: has drawn criticism from arms control groups
        date: "on or before 2024-11-19"
        basis: context
      - quote: Arms control experts said that even nonpersistent mines pose a safety hazard .
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: Arms control experts
      - quote: Following disclosure of the policy change, arms control groups raked the administration.
        date: "on or before 2024-11-19"
        basis: context

  - cites: 2020-01-31-trump-reversal
    citations:
      - quote: The Trump administration in 2020 had reversed the Obama-era policy , pointing to the need for strategic use of mines to counter adversaries like Russia and China, and drawing strong condemnation from arms control advocates.
        date: "2020"
        basis: explicit

  - key: 2020-arms-control-groups-condemn-trump-reversal
    type: criticism
    headline: Arms control advocates condemn the Trump administration's reversal of U.S. APL policy
    policies: [us-apl-policy]
    actors:
      - {actor: arms-control-groups, role: criticised}
      - {actor: trump-administration, role: subject}
    citations:
      - quote: The Trump administration in 2020 had reversed the Obama-era policy , pointing to the need for strategic use of mines to counter adversaries like Russia and China, and drawing strong condemnation from arms control advocates.
        date: "2020"
        basis: explicit

  - key: 2020-candidate-biden-calls-trump-reversal-reckless
    type: criticism
    headline: Presidential candidate Joe Biden calls the Trump administration's landmine decision reckless
    policies: [us-apl-policy]
    actors:
      - {actor: joe-biden, role: criticised}
      - {actor: trump-administration, role: subject}
    citations:
      - quote: '“It will put more civilians at risk of being injured by unexploded mines, and is unnecessary from a military perspective,” Biden, as a presidential candidate, said in response to Trump’s decision, calling it “reckless.”'
        date: "2020"
        basis: context
        attributed_to: Biden, as a presidential candidate
        attributed_actor: joe-biden

  - cites: 2022-06-21-biden-reinstatement
    actors:
      - {actor: joe-biden, role: decided}
    citations:
      - quote: Biden in 2022 revived an Obama-era policy that banned the transfer and use of U.S. antipersonnel land mines outside the Korean Peninsula.
        date: "2022"
        basis: explicit

  - key: 2022-us-apl-stockpile-about-3-million
    type: report
    headline: U.S. stockpile of antipersonnel land mines stands at about 3 million
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: subject}
    citations:
      - quote: The United States had a stockpile of about 3 million antipersonnel land mines as of 2022.
        date: "2022"
        basis: explicit

  - cites: 1991-us-landmine-use-gulf-war
    actors:
      - {actor: us-state-department, role: reported}
    citations:
      - quote: The mines had not been used since 1991, during the first Gulf War, apart from a single 2002 incident in Afghanistan involving a lone munition, the State Department said in 2022.
        date: "1991"
        basis: explicit
        attributed_to: the State Department
        attributed_actor: us-state-department

  - key: 2002-us-apl-use-afghanistan
    type: use
    headline: U.S. forces use a single antipersonnel mine in Afghanistan
    policies: [us-apl-policy]
    actors:
      - {actor: united-states, role: used}
      - {actor: us-state-department, role: reported}
    citations:
      - quote: The mines had not been used since 1991, during the first Gulf War, apart from a single 2002 incident in Afghanistan involving a lone munition, the State Department said in 2022.
        date: "2002"
        basis: explicit
        attributed_to: the State Department
        attributed_actor: us-state-department

  - key: 2024-ukraine-mine-clearance-commitment
    type: statement
    headline: Biden administration commits to help clear mines in Ukraine after the war, including U.S.-supplied mines
    policies: [us-apl-policy]
    actors:
      - {actor: biden-administration, role: stated}
    citations:
      - quote: The Biden administration has already committed to supporting mine-clearance efforts in Ukraine after the end of the conflict.
        date: "on or before 2024-11-19"
        basis: context
      - quote: One of the U.S. officials said that the administration will extend that commitment to helping clean up the U.S.-supplied mines.
        date: "on or before 2024-11-19"
        basis: context
        attributed_to: One of the U.S. officials

  - key: 2024-baltic-states-consider-leaving-ottawa-convention
    type: deliberation
    headline: Lithuania, Latvia and Estonia consider withdrawing from the Ottawa Convention but keep to it
    policies: [ottawa-convention]
    actors:
      - {actor: lithuania, role: considered}
      - {actor: latvia, role: considered}
      - {actor: estonia, role: considered}
    citations:
      - quote: The Baltic nations of Lithuania, Latvia and Estonia considered withdrawing from the Ottawa Convention earlier this year in order to bolster their defenses against Russian aggression, although they ultimately decided to reinforce stocks of antitank mines and other tools that are less hazardous to civilians.
        date: "2024"
        basis: relative
      - quote: The Ukraine conflict has spurred other countries to reevaluate their opposition to antipersonnel land mines.
        date: "on or before 2024-11-19"
        basis: context

  - key: 2024-11-20-austin-explains-ukraine-apl-decision
    type: statement
    headline: Defense Secretary Lloyd Austin explains the decision to provide antipersonnel mines to Ukraine
    description: Austin spoke during a visit to Laos the day after the article was first published; the article was updated.
    policies: [us-apl-policy]
    actors:
      - {actor: lloyd-austin, role: stated}
    citations:
      - quote: '“They have a need for things that can help slow down that effort on the part of the of the Russians,” Defense Secretary Lloyd Austin told reporters on Wednesday during a visit to Laos.'
        date: "2024-11-20"
        basis: relative
        attributed_to: Defense Secretary Lloyd Austin
        attributed_actor: lloyd-austin
        beyond_publication: updated
      - quote: Ukrainian forces are fabricating their own mines, he said, and the U.S. mines being provided “would self-activate, self-detonate and that makes it...far more safer eventually than the things that they are creating on their own.”
        date: "2024-11-20"
        basis: context
        attributed_to: Defense Secretary Lloyd Austin
        attributed_actor: lloyd-austin
        beyond_publication: updated
      - quote: Defense Secretary Lloyd Austin on Nov. 20 explained the decision to reverse a policy by the Biden administration to not send landmines to Ukraine.
        date: "2024-11-20"
        basis: explicit
        beyond_publication: updated
"""

SOURCES: list[SourceEntry] = [
    {
        "key": '000_f1e01336d2379ac6',
        "document": 'seeds/000_f1e01336d2379ac6.txt',
        "sha256": 'fee0fa846ee7aad75c113c5e5026285f3b0bef70c6ac38076c73fc3500984d08',
        "added_at": '2026-11-27T17:50:10+00:00',
        "annotation": ANNOTATION_1,
        "replaces": REPLACED_1,
        "replaces_added_at": '2026-11-25T16:58:21+00:00',
    },
]


def upgrade() -> None:
    apply_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)


def downgrade() -> None:
    remove_sources(op.get_bind(), SOURCES, root=ROOT, writer=2)

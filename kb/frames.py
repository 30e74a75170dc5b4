"""Verb frames of policy language: the event types a sentence's verbs state (adopt, rescind,
restore, authorise…), with their polarity and modality (negated, hedged, demanded, opposed), the
clause that decides, and whether a verb is the document's own act ("hereby", "This order
establishes …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.sentences import SPEECH_VERB, title_like
from kb.vocabulary import EVENT_TYPE_NAMES, STATE_CHANGING_TYPES

# --- Verb frames: (event type, role of the acting party, confidence, pattern), strongest first ------

FRAMES: tuple[tuple[str, str, float, str], ...] = (
    ("exception", "authorised", 0.8, r"\bexceptions?\b|\bexempt\w*|\bwaiv\w*"),
    ("reversed", "decided", 0.8, r"\brescind\w*|\brevok\w*|\boverturn\w*|\brevers\w*|\breplac(?:es|ed|ing) (?:the|its|their|a|an|his|her|our) (?:[\w-]+ ){0,3}(?:policy|rule|order|ban|moratorium|directive|memorandum|guidance|plan|program|programme)\b|\babandon(?:s|ed|ing)? (?:its|their|the|a|his|her|our) (?:[\w-]+ ){0,2}(?:commitment|policy|pledge|plan|ban|moratorium)\b|\broll(?:ed|s|ing)? back\b|\brollback\b|\bcancel\w*|\bin favou?r of a new\b|\bundo\w*|\brepeal\w*"),
    ("reinstated", "decided", 0.8, r"\brestor\w*|\breviv\w*|\breinstat\w*"),
    ("rescinded", "decided", 0.7, r"\bend(?:s|ed)? (?:the|its) policy\b|\babolish\w*|\bterminat\w*|\bdiscontinu\w*|\blift(?:s|ed|ing)? (?:the|its|a|all) (?:[\w-]+ ){0,3}(?:ban|moratorium|prohibition|restrictions?|sanctions|embargo)\b"),
    ("amended", "authorised", 0.6, r"\bauthori[sz]ations?\b|\bapproved\b|\bdecided to\b|\badjust\w* permissions?\b|\bpermits?\b|\bexpand\w*|\bbroaden\w*|\bextend(?:s|ed)? (?:the|its|their) (?:[\w-]+ ){0,3}(?:ban|moratorium|prohibition|restrictions?|limits?|controls?|policy|rule|requirements?|deadline|quotas?|orders?|tariffs?|sanctions|programs?|programmes?)\b"
               # a rate or an amount an instrument sets, changed ("doubled the steel tariff", "grants increased by 50%")
               r"|\b(?:doubl|tripl|halv|rais|increas|reduc|lower)(?:e|es|ed|ing)\b (?:the |its |their )?(?:[\w-]+ ){0,4}(?:tariffs?|grants?|quotas?|fees?|tax(?:es)?|rates?|caps?|thresholds?|subsid(?:y|ies)|allowances?|fines?)\b"
               r"|\b(?:tariffs?|grants?|quotas?|fees?|tax(?:es)?|rates?|caps?|thresholds?|subsid(?:y|ies)|allowances?|fines?)\s+(?:(?:was|were|is|are|has been|have been)\s+)?(?:increased|raised|reduced|lowered|doubled|tripled|halved)\s+(?:by|to)\s+[\d$£€]"),
    # Obligations under an agreement suspended or the agreement extended: an act on the agreement, before the
    # general "suspend" of a change ("suspended its participation in the treaty", "extend the convention").
    ("treaty_action", "decided", 0.7, r"\b(?:suspend|extend)\w* (?:its |their |the |his |her )?(?:own )?(?:participation in|obligations under)\b|\b(?:suspend|extend)\w* (?:the |its |their )?(?:[\w-]+ ){0,3}(?:treaty|convention|protocol)\b"),
    ("amended", "decided", 0.7, r"\bamends\b|\brevises\b|\bmodifies\b|\bhereby (?:amend|revis|modif)\w*|\b(?:will|would) not (?:produce|use|acquire|develop|export|transfer|assist|emplace|deploy|sell)\b|\balign\w* (?:our|its|their|\w+'s)\b|\bchanges? to\b|\bno longer\b|\bend the use\b|\bforbid\w*|\bforbade\b|\bprohibit\w*|\bbanned\b|\bbanning\b|\bbarr(?:ed|ing)\b|\bbars (?:the|all|any)\b|(?:^|[-\u2022*]\s|\b(?:to|will|would|shall|and|also) )ban\b|\bbans (?:the|all|any|new|a|an)\b|\bsuspend(?:s|ed|ing)?\b|\bpaus(?:es|ed)\b|\bfr(?:oze|eezes)\b"
               # a date in a policy moved ("delayed from 2026 to 2035", "brought the end date forward", "moved that up",
               # "deferred accessions for six months")
               r"|\bdelay(?:s|ed)\b|\bpostpon(?:es|ed)\b|\bdefer(?:s|red)\b|\bpush(?:es|ed)? (?:[\w-]+ ){0,3}back\b|\b(?:brought|brings?) (?:[\w-]+ ){0,3}forward\b|\bmov(?:ed|es) (?:that|it|the (?:[\w-]+ ){0,2}(?:date|deadline)) up\b"),
    # A resolution carried by a vote ("adopting a resolution by a recorded vote of 187 in favour", "the text was
    # adopted by 59 votes in favour to 3 against"): the vote on it, before "adopted" takes it for a policy.
    ("treaty_action", "voted", 0.7, r"\b(?:adopt|pass|approv|carr)\w* (?:a |the |its |this |that )?(?:[\w-]+ ){0,3}(?:resolution|text|draft)s? (?:[\w-]+ ){0,3}by (?:a (?:recorded |roll-call |show-of-hands )?vote|\d+ votes?|consensus)\b"
               r"|\b(?:resolution|text|draft)s? (?:[\w-]+ ){0,2}(?:was |were |has been |had been )?(?:adopted|passed|approved|carried) by (?:a (?:recorded |roll-call )?vote|\d+ votes?|consensus)\b"),
    # A permission granted (a licence "authorizing transactions", "authorized the provision of …") departs
    # from the policy for what it names, leaving the rest in force.
    ("exception", "authorised", 0.6, r"\bauthori[sz](?:es|ed|ing)\b"),
    ("adopted", "decided", 0.6, r"\bwas established\b|\bestablishes\b|\bhereby (?:establish|adopt|creat|designat|issu|promulgat)\w*|\badopt\w*\b|(?<!missile )(?<!rocket )(?<!satellite )(?<!ICBM )(?<!SLBM )(?<!test )(?<!\bthe )(?<!\ba )\blaunch(?:es|ed|ing)?\b(?! (?:[\w-]+ ){0,3}(?:invasion|offensive|attacks?|strikes?|assault|war|missiles?|rockets?|drones?)\b)|\bissued\b|\bintroduc(?:e|es|ed|ing)\b(?! (?:a |an |the )?(?:[\w-]+ ){0,3}(?:bill|resolution|legislation|amendment|measure)s?\b| (?:the |a )?(?:[\w-]+ ){0,8}Act\b)|\bsign(?:s|ed|ing)? (?:into law|(?:an? |the )?(?:executive order|order|directive|memorandum|decree|proclamation|national security presidential memorandum)\b)|\bannounc\w* (?:a|the) new\b|\b(?:published|promulgated|finali[sz]ed|issued) (?:a|an|the|its) (?:[\w-]+ ){0,3}(?:rule|regulation|order|directive|memorandum|guidance)\b|\benacted\b|\bpass(?:ed|es)? (?:a |an |the )?(?:[\w-]+ ){0,3}(?:law|act|statute|ordinance)\b|\bfirst (?:imposed|put in place|instituted|introduced|trialled|trialed|piloted|committed to|set up|established|created)\b|\binstitut(?:ed|es)\b"),
    ("criticism", "criticised", 0.6, r"\b(?:critics|opponents|detractors) (?:have )?(?:say|said|argue\w*|contend\w*|charg\w*|complain\w*|warn\w*)\b|\bcritici[sz]\w*|\bcondemn\w*|\breckless\b|\bshocking\b|\bblack mark\b|\braked\b|\bperplex\w*|\bdeplor\w*|\bdisappoint\w*|\boppos\w*|\bmistake\b|\bstep backward\b|\bwrong\b|\bunnecessary\b"
               # an act judged in so many words ("deeply unfortunate and irresponsible", "a gross violation", "a
               # pretext", "a blow to workers", "no justification", "contrary to international rules")
               r"|\birresponsib\w*|\bunfortunate\b|\bregrets?\b|\bviolat(?:es|ed|ion|ions)\b|\b(?:legally )?invalid\b|\bno (?:legal |moral )?(?:justification|authority|basis)\b"
               r"|\bhamper\w*|\bweaken\w*|\bblow to\b|\bgift to\b|\bisolates\b|\bpretext\b|\bindiscriminate\b|\bcontrary to\b|\bat odds with\b"
               r"|\bunjust\w*|\bunlawful\w*|\billegal\w*|\bcruel\w*|\binhumane\b|\bdevastat\w*|\bbetray\w*|\bshameful\b|\boutrageous\b|\bunacceptable\b|\bflawed\b|\bmisguided\b|\bshort-sighted\b|\bgrievous\b"),
    ("support", "supported", 0.6, r"\bsupports\b|\bwelcom\w*|\bendors\w*|\bprais\w*|\bapplaud\w*|\bcongratulat\w*|\bbelieves (?:this|the) decision\b"),
    ("treaty_action", "voted", 0.6, r"\babstain\w*|\bratif\w*|\bacced\w*|\bwithdr[ae]w\w* from (?:the )?(?:[A-Z][\w-]* ){0,3}(?:treaty|convention|agreement|protocol)\b|\bent(?:er|ers|ered|ering) into force\b|\bvot(?:ed|es|ing) (?:\w+ ){0,2}(?:on|for|against|in favou?r of|no on|yes on) (?:the |a |this |that )?(?:[\w-]+ ){0,4}(?:resolution|treaty|convention|protocol)\b|\b(?:re)?join(?:ed|s)? the (?:[\w-]+ ){0,4}(?:treaty|convention|agreement|protocol|accord)\b|\bsign(?:ed|s)? the (?:[\w-]+ ){0,4}(?:treaty|convention|agreement|protocol|accord)\b|\bdeclined to sign\b|\bcomplet\w* the destruction\b|\bbecom\w* (?:a |an )?(?:state )?part(?:y|ies) to\b|\bdeposit\w* (?:its |the |an )?(?:instrument|ratification|accession)|\bsign\w* (?:the |an )?instrument\b|\bnotif\w* (?:[\w.]+ ){0,6}(?:of )?(?:its |the |their )?(?:intention to )?withdraw\w*|\bnotice of withdrawal\b|\b(?:withdrawal|exit|departure|accession|ratification|membership) (?:[\w-]+ ){0,5}(?:took|takes|take|will take|would take) effect\b"),
    # A measure taking effect changes what is in force from that day ("Tariffs on the EU took effect June 1");
    # after treaty_action, so that a withdrawal taking effect stays a treaty action.
    ("amended", "implemented", 0.4, r"\b(?:took|takes|take|taking|went|goes|go|came|comes|come) (?:into )?effect\b|\bbec(?:ame|omes?) effective\b"),
    ("deliberation", "considered", 0.5, r"\bconsider\w*|\bexplor(?:e|es|ed|ing)\b|\b(?:study|studying|studied|assess|assessing|assessed) whether\b|\breluctant\b|\bweigh\w*|\bunder consideration\b|\bdebat\w*|\bpropos(?:ed|es) (?:a|an|the|its|their) (?:[\w-]+ ){0,3}(?:rules?|definitions?|regulations?|amendments?|changes?|plans?|polic(?:y|ies)|standards?|repeal|revisions?)\b"),
    # A law or rule coming into force ("These Regulations come into force on …", "the reform would enter into force on
    # September 1"); an agreement entering into force is a treaty action (frames_in).
    ("amended", "implemented", 0.4, r"\b(?:ent(?:er|ers|ered|ering)|c(?:ame|omes?|oming)) into force\b"),
    ("transfer", "provided", 0.5, r"\bprovided\b.*\bwith\b|\bprovision of\b|\bsecurity assistance package\b|\bsen(?:d|t|ding) (?!(?:[\w,]+ ){0,3}(?:troops|soldiers|forces|personnel|marines|warships|battalions?|brigades?|letters?|messages?|notes?|notices?|signals?|delegations?|envoys?|teams?|negotiators?|officials?|representatives?|observers?|inspectors?|experts?|diplomats?|staff|people|persons|migrants|refugees|asylum seekers|families|children)\b)(?:\w+ ){0,4}to\b|\bsuppl(?:y|ied|ies)\b|\btransferr\w* (?:\w+ ){0,4}to\b|\bdeliver(?:s|ed|ing|y|ies)?\b(?! (?:at|on|in|to the|a speech|remarks|an address|a statement))"),
    ("use", "used", 0.5, r"\b(?:dropped|fired|scattered|laid) (?:[\w,]+ ){0,6}(?:bombs|munitions|submunitions|bomblets|mines|shells|rockets|missiles)\b|\b(?:been )?used (?:since|in|by)\b|\b(?:has|have|had)(?: not| never)? used\b|\bdeployed\b|\bemplaced\b|\bnot been used\b"),
    ("report", "subject", 0.5, r"\bstockpiles?\b|\b\d[\d,]* (?:countries|states|nations|parties)\b|\$[\d.,]+ (?:billion|million)|\bnot a ?party\b|\bparties\b"
               # counts of things ("received more than 620,000 comments", "about 2.8 million expulsions") and a share
               # or a change reported as a percentage ("accounted for roughly 11%", "has cut its emissions by 48%")
               r"|(?<![\d.,$£€])\d{1,3}(?:,\d{3})+ (?:[a-z-]+ |(?-i:[A-Z])[\w.-]+ ){0,2}(?:[a-z]+s|people|personnel|staff|children)\b|(?<![\d.,$£€])\d+(?:\.\d+)? (?:million|billion) (?:[a-z-]+ |(?-i:[A-Z])[\w.-]+ ){0,2}(?:[a-z]+s|people|personnel|staff|children)\b"
               r"|\b(?:account(?:s|ed)? for|represent(?:s|ed)?|made up|generat(?:ed|es)|r(?:ose|ises|isen) (?:to|by)|f(?:ell|alls|allen) (?:to|by)|cut (?:[\w-]+ ){0,3}by|(?:in|de)creased by|declined by)"
               r"\s+(?:about |around |approximately |roughly |nearly |almost |some |just |only |more than |over |under |less than |close to |a record )?\d[\d.,]*\s?(?:%|percent|per cent)"),
    # Commissioning a review ("directed the agency to review …", "asked the office to assess …").
    ("review", "commissioned", 0.5, r"\b(?:direct|ask|instruct|order|task|commission|request|charg|mandat)\w* (?:[\w'-]+ ){0,6}to (?:review|study|assess|examine|evaluate|investigate|audit|reassess|reconsider)\b"),
    ("review", "implemented", 0.5, r"\b(?:a|the|an|its|internal|policy) (?:\w+ )?review\b|\breview (?:of|was|is)\b|\bstudy\b|\bmodell?ing\b|\bassessment\b|\bresearching\b"
                                        # evaluations, audits and reports with findings ("Reports by the Audit Office in 2018 found …")
                                        r"|\b(?:an? |the |its )?(?:evaluations?|audits?)\b|\breports? (?:by|from) (?:the )?(?-i:[A-Z])|\breports?,? (?:[\w,]+ ){0,4}(?:found|concluded)\b|\bthis (?:report|study|review) (?:examines|reviews|assesses|evaluates)\b"
                                        # an inquiry carried out ("GAO reviewed DOD policies", "the group has documented the harm")
                                        r"|(?<!\bthe )(?<!\ba )(?<!\bwell )\b(?:reviewed|documented|investigated|examined|audited|analy[sz]ed|surveyed)\b(?= (?:the|a|an|its|their|how|whether|what|why|(?-i:[A-Z])|\w+ (?:policies|data|records|cases|files|practices)\b))"),
    ("military_action", "implemented", 0.4, r"\binvad\w*|\binvasion\b(?!-)|\bassaults?\b(?!-)|\boffensive\b(?!-)|\b(?:troops|soldiers|forces) (?:\w+ ){0,3}(?:into|across)\b|\b(?:sen(?:d|t|ding)|deploy\w*|dispatch\w*|mov(?:e|ed|ing)) (?:[\w,]+ ){0,3}(?:troops|soldiers|forces|personnel|marines|warships|battalions?|brigades?)\b"),
    # A policy or stance restated as still holding: changes nothing, confirms it on the source's date.
    ("reaffirmed", "stated", 0.5, r"\breaffirm\w*|\breiterat\w*|\brecommit\w*|\bcontinu(?:e|es|ed|ing) to (?:\w+ )?(?:fund|financ|provid|support|oppos|work|implement|compl|abid|uphold|observ|respect|pursu|press|urg|call|lead|seek|back|hono|enforc|apply|maintain|adher|promot|assist|help|contribut|invest|spend|execut|engag|participat|meet|stand|recogni|condemn|reject|refrain|destroy (?:our|its|their|all|the remaining) stock)\w*|\bremain\w* (?:fully |firmly |strongly )?committed\b|\bstand(?:s|ing)? (?:by|behind)\b|\bremain\w* (?:in (?:force|effect|place)|unchanged)\b|\bstill (?:in (?:force|effect|place)|holds?|applies)\b"),
    # Something announced with no other verb frame ("announced the change", "announced that the tax would
    # end"): the act announced, as an amendment until a reviewer says which; where someone "said" it too,
    # the words are the statement (frames_in).
    ("amended", "announced", 0.4, r"\bannounc(?:ed|es|ing)\b(?! (?:[\w-]+ ){0,3}(?:consultation|review|study|inquiry|investigation|speech|remarks)s?\b)"),
    # "It is the policy of the Republic to …": the policy's content follows, not an act.
    ("statement", "stated", 0.3, r"\b(?:it|this) is (?:the |our |its |their )?(?-i:[A-Z][\w.]* )*policy\b"),
    ("statement", "stated", 0.3, r"\bgave (?:a |an )?(?:speech|address|remarks|testimony)\b|\bdelivered (?:a |an |his |her |their )?(?:[\w-]+ )?(?:speech|address|remarks|statement)\b|\bspoke (?:at|to|before) (?:the |a |an )?(?:[\w-]+ ){0,3}(?:conference|meeting|session|summit|forum|hearing|committee|assembly|council|parliament|congress|senate|house|event|gathering|rally)\b|\btestif(?:y|ied|ies)\b|"
                                        r"\bintroduc\w* (?:a |an |the )?(?:[\w-]+ ){0,3}(?:bill|resolution|legislation|amendment|measure)\b|\bintroduc\w* (?:the |a )?(?:[A-Z][\w-]* |of |for |and |on |the ){0,8}Act\b|\bpass(?:ed|es)? (?:a |an |the )?(?:[\w-]+ ){0,3}(?:bill|resolution|measure)\b|\bvot(?:ed|es) to\b|\bsent (?:a |an )?letter\b|\b(?:was|were|been) (?:introduced|filed)\b|\b(?:bill|resolution|measure)s? (?:was |were |has been )?passed\b|"
                                        r"\b(?:has|have|had) (?:been|made it) clear\b|\bmade (?:it )?clear\b|\bsaid\b|\btold\b|\bstated\b|\bannounc\w*|\bexplained\b|\bcommitted\b|\bwarn\w*|\bvow\w*|\bnoted\b|\bdeclar\w*|\bremain\w* (?:fully )?committed\b"),
)

# Verbs that tell what kind of happening a dated sentence reports when no policy verb above is in it
# ("In April 2017, Commerce initiated investigations …", "The appeal was heard on 9 to 11 October 2023",
# "an amnesty order made the same day"): read only where frames() finds nothing, before the sentence is
# taken for a change of policy.
ACTS: tuple[tuple[str, str, str], ...] = (
    ("review", "implemented", r"\b(?:initiat|open|launch|began|begin|start|conduct|carr(?:y|ied) out)\w* (?:[\w-]+ ){0,3}(?:investigations?|inquir(?:y|ies)|reviews?|probes?|audits?|(?:stress )?tests?|stud(?:y|ies)|assessments?)\b|\b(?:was|were) heard\b|\bheard (?:the |an |its |their )?(?:appeals?|cases?|arguments?|evidence)\b"),
    ("deliberation", "considered", r"\breferred (?:[\w-]+ ){0,2}to (?:the |a )?(?:[\w-]+ ){0,6}committee\b|\b(?:first|second|third) reading\b|\bwithdrew (?:the |both |its |their |all )?(?:[\w-]+ ){0,2}(?:amendments?|bills?|motions?|proposals?)\b|\bsurviv\w* (?:[\w-]+ ){0,3}(?:no-confidence|confidence) (?:motions?|votes?)\b|\btabled\b|\bwill rule\b"),
    ("reinstated", "decided", r"\bresum(?:ed|es|ing)\b|\breimpos\w*|\breintroduc\w*|\breturn(?:ed|s)? to (?:the|its|their) (?:[\w-]+ ){0,3}(?:rules?|regulations?|policy|polic(?:y|ies)|standards?|limits?|tariffs?)\b"),
    ("rescinded", "decided", r"\bceas(?:ed|es) to (?:have effect|apply|exist|be in force)\b|\bexpir(?:ed|es)\b|\blapsed\b"),
    ("exception", "authorised", r"\benjoin\w*|\bin lieu of\b|\bwind-down\b|\bamnest(?:y|ies)\b"),
    ("adopted", "decided", r"\bimpos(?:ed|es)\b|\bentered into (?:a|an|the)\b|\bset up\b|\bcreated (?:a|an|the)\b"),
)


def act_in(sentence: str) -> Frame | None:
    """The kind of happening a sentence with no policy verb tells of, from its verb (ACTS), if any."""
    for etype, role, pattern in ACTS:
        if m := re.search(pattern, sentence, re.IGNORECASE):
            return Frame(etype, role, 0.25, m.start(), (f"frame:act-verb:{etype}",))
    return None


# Words before a verb that keep it from happening: hedged, negated, demanded or opposed.
_NEGATED = re.compile(r"(?i)\b(?:not|never|n't|no)\s+(?:\w+\s+){0,2}$")
_HEDGED = re.compile(r"(?i)\b(?:would like to|wants? to|wish(?:es)? to|hopes? to|seeks? to|(?-i:may)|might|could|plans? to|intends? to|consider(?:s|ed|ing)?|(?:stud(?:y|ies|ying|ied)|assess(?:es|ed|ing)?|explor(?:e|es|ed|ing)|weigh(?:s|ed|ing)?) (?:whether|how) to|aims? to|pursuing solutions that would(?: \w+){0,6}|allow (?:\w+ ){0,3}to)\s+(?:\w+\s+){0,3}$")
_DEMANDED = re.compile(r"(?i)\b(?:should|must|needs? to|ought to|urg\w+ (?:\w+ ){0,4}to|call\w* (?:on|for|upon) (?:\w+ ){0,4}(?:to )?|ask\w* (?:\w+ ){0,4}to|demand\w* (?:\w+ ){0,4}(?:to )?)\s*(?:\w+\s+){0,2}$")
_OPPOSED = re.compile(r"(?i)\b(?:decision to|efforts? to)\s+(?:\w+\s+){0,3}$")
# Opposing, criticising or condemning a change, or critics telling of it: the sentence's event is
# the criticism, never the change ("groups opposed the reversal", "critics say it wrongly revoked …").
_OPPOSING = re.compile(r"(?i)\b(?:oppos\w*|against|critici[sz]\w*|condemn\w*|denounc\w*|protest\w*|object\w* to)\s+(?:\w+\s+){0,3}$|\b(?:wrongly|illegally|unlawfully|recklessly|needlessly|rashly)\s+$")
# The subject of "entered into force" when it is a country's own law, not an agreement between states.
_DOMESTIC = re.compile(r"(?i)\b(?:law|act|bill|legislation|reform|regulations?|rules?|decree|order|ordinance|directive|measures?|ban|prohibition|restrictions?|tariffs?|tax(?:es)?|levy|duty|fees?|scheme|program(?:me)?|mandate|requirements?|code|policy|provisions?|amendments? to the (?:[\w-]+ ){0,3}(?:act|law|code))\s+(?:(?:[\w,'\u2019-]+\s+){0,6})?$")
_REVISION = re.compile(r"(?i)\b(?:revised|further|updated|amended|substantively similar|modified|replacement|new version of)\b")
_SHOULD = re.compile(r"(?i)\b(?:should|must|ought to)\b(?!\s+(?:only\s+|also\s+|continue\s+to\s+)?(?:be\s+)?(?:strengthen|support|welcom|maintain|continu|prais|commend|celebrat)\w*)")
_CRITICS = re.compile(r"(?i)\b(?:critics|opponents|detractors)\s+(?:have\s+)?(?:say|said|argue\w*|contend\w*|charg\w*|complain\w*|warn\w*)\b")


# A sentence opening with an adjunct clause ("Since the programme was set up in 1993, …", "After a
# review, …", "In response to …, …"): the main clause after it states the sentence's event, the
# adjunct an earlier one.
PREPOSED = re.compile(r"(?i)^(?:(?:and|but)\s+)?(?:since|after|following|in response to|in the wake of|upon|once|having)\b[^,;:]{6,}?,\s+(?=\S)")
# A verb describing what an instrument says ("the treaty prohibiting…", "a convention that bans…"):
# the instrument's content, not something that happened.
_DESCRIBES = re.compile(r"(?i)\b(?:treaty|convention|agreement|protocol|accord|law|resolution|(?:policy|ban|act) (?:that|which))\s*(?:,\s*|[\u2013\u2014-]\s*)?(?:(?:that|which)\s+)?$")
# The infinitive after "(it is the) policy (of X) to …" states what the policy is, not an act.
_POLICY_CONTENT = re.compile(r"(?i)\b(?:is|are|remains?|be|as)\s+(?:the\s+|our\s+|its\s+|their\s+)?(?-i:[A-Z][\w.]*\s+)*policy(?:\s+of\s+[^,;:]{2,60}?)?\s+(?:not\s+)?to\b[^,;:]*$")
# What a bill or proposal would do ("a bill on Wednesday that would restore …", "a measure to ban …").
_BILL_CONTENT = re.compile(r"(?i)\b(?:bill|resolution|legislation|measure|amendment|proposal|petition)\b[^,;:]{0,40}?\b(?:that|which) would\s+(?:not\s+)?(?:\w+\s+){0,2}$|\b(?:bill|legislation|measure|resolution|amendment|proposal|petition)s?\s+to\s+(?:\w+\s+){0,2}$|\b(?:bill|legislation|measure|resolution|amendment|proposal|petition)s?\b[^,;:.]{0,80}\b\w+ing\b[^,;:.]{0,80}\b(?:and\s+)?$")
# "A bill that would … was introduced": a bill is introduced, no policy is.
_BILL_BEFORE = re.compile(r"(?i)\b(?:bill|legislation|measure|resolution|amendment|proposal|petition)s?\s+$")
_BILL_INTRODUCED = re.compile(r"(?i)\b(?:bill|resolution|legislation|measure|amendment)s?\b[^;]{0,80}\b(?:was|were|been|is|are|being)\s+$")
CLAUSE_END = re.compile(r";|\s[\u2014\u2013-]{1,2}\s|,\s(?:and|but|while|whereas|although|though|which|who|as)\b")


# The document's own act: "hereby", or the instrument itself as the one acting ("This order
# establishes …", "In this rule, the Bureau amends …"), in the present tense.
_HEREBY = re.compile(r"(?i)\bhereby\s+(?:\w+\s+)?$")
_OWN_VOICE = re.compile(r"(?i)\b(?:this|today['\u2019]s|the present)\s+(?:(?:interim|final|proposed|direct|executive)\s+)*(?:rule|order|notice|directive|proclamation|memorandum|regulation|decree|decision|resolution|instrument)\b")
_PRESENT_ACT = re.compile(r"(?i)^[a-z]+(?:es|s)\b(?<!ss)(?<!ed)")


def own_act(sentence: str, anchor: int) -> bool:
    """Whether the verb at `anchor` is the document's own act ("is hereby revoked", "This order
    establishes …"): done by the document itself, on its own date."""
    before = sentence[max(0, anchor - 40) : anchor]
    if _HEREBY.search(before):
        return True
    voice = _OWN_VOICE.search(sentence, 0, anchor)
    return bool(voice and _PRESENT_ACT.match(sentence[anchor:]) and not re.search(r"(?i)\b(?:will|would|shall|(?-i:may)|not)\s+$", before))


@dataclass(frozen=True)
class Frame:
    type: str
    role: str
    confidence: float
    anchor: int  # where the verb is in the sentence
    rules: tuple[str, ...]
    prior: bool = False  # in a preposed adjunct clause: before the main clause's event


_CLOSING_MARK = re.compile(r"[\u201d\"\u2019)]|'(?!\w)")


def _quoted_title(sentence: str, start: int) -> bool:
    """Whether the capitalised word at `start`, just after an opening quote or bracket, begins a
    title ("Executive Order 13778, "Restoring the Rule of Law, Federalism, and Economic Growth …"",
    "the … Amendment (Repeal of Cashless Debit Card and Other Measures) Act"): the words up to the
    closing mark read as a title, as a quoted sentence's do not."""
    close = _CLOSING_MARK.search(sentence, start, start + 150)
    quoted = sentence[start : close.start() if close else start]
    return len(quoted.split()) >= 3 and title_like(quoted)


def _verb(pattern: str, sentence: str, lo: int, hi: int) -> tuple[re.Match[str] | None, tuple[str, ...]]:
    """The first match of a frame's pattern between lo and hi that is a verb of the sentence, not
    a word of a title ("the Convention on the Prohibition of …") or an instrument's content."""
    skipped: tuple[str, ...] = ()
    for m in re.finditer(pattern, sentence, re.IGNORECASE):
        if not lo <= m.start() < hi:
            continue
        before = sentence[: m.start()].rstrip()
        if sentence[m.start()].isupper() and before and (before[-1] not in "\u201c\"\u2018'(:;\u2014\u2013-" or _quoted_title(sentence, m.start())):
            skipped = ("frame-skip:title-word",)
            continue
        describes = _DESCRIBES.search(sentence[max(0, m.start() - 40) : m.start()])
        # "the treaty prohibiting …", "a convention that bans …": its content; "the convention entered
        # (enters) into force …": the instrument as the subject of what happened.
        if describes and (re.search(r"(?i)that|which|,|[\u2013\u2014-]", describes.group(0)) or re.match(r"\w+(?:ing|s)\b(?<!enters)(?<!entering)", m.group(0))):
            skipped = ("frame-skip:instrument-content",)
            continue
        if _POLICY_CONTENT.search(sentence, 0, m.start()):
            skipped = ("frame-skip:policy-content",)
            continue
        # "a bill banning …" is its content; "the measures hampered …" is what they did
        bare = _BILL_BEFORE.search(sentence, max(0, m.start() - 80), m.start()) and re.match(r"\w+ing\b|to\s", m.group(0))
        if bare or _BILL_CONTENT.search(sentence, max(0, m.start() - 80), m.start()) or (
                m.group(0).lower().startswith("introduc") and _BILL_INTRODUCED.search(sentence, 0, m.start())):
            skipped = ("frame-skip:bill-content",)
            continue
        return m, skipped
    return None, skipped


def frames_in(sentence: str, lo: int, hi: int) -> list[Frame]:
    """Frames whose verb lies between lo and hi, strongest first, each with its modality."""
    out: list[Frame] = []
    seen: set[str] = set()
    skips: set[str] = set()
    for etype, role, confidence, pattern in FRAMES:
        if etype in seen:
            continue
        m, skipped = _verb(pattern, sentence, lo, hi)
        while m and etype == "treaty_action" and m.group(0).lower().endswith("into force") and _DOMESTIC.search(sentence, max(0, m.start() - 60), m.start()):
            m, skipped = _verb(pattern, sentence, m.end(), hi)  # a law entering into force: no treaty acted on
        skips.update(skipped)
        if not m or role == "announced" and SPEECH_VERB.search(sentence):
            continue
        seen.add(etype)
        before = sentence[max(0, m.start() - 60) : m.start()]
        revision = etype == "adopted" and _REVISION.search(sentence[max(0, m.start() - 30) : m.end() + 40])
        if revision:
            etype = "amended"  # a revised version of an instrument issued: "issued a further determination", "The revised policy, issued …"
        rules = (("frame:adopted-revision",) if revision else ()) + (f"frame:{etype}",) + (("frame:commissioned-review",) if role == "commissioned" else ()) + (("frame:announced",) if role == "announced" else ()) + (("frame:obligations-suspended-or-extended",) if etype == "treaty_action" and role == "decided" else ()) + (("voice:own-act",) if etype in STATE_CHANGING_TYPES and own_act(sentence, m.start()) else ())
        if etype in STATE_CHANGING_TYPES or etype in ("treaty_action", "reaffirmed"):
            if _DEMANDED.search(before):
                # A demand to keep a policy is a statement; a demand to change one criticises it.
                etype, role = ("statement", "stated") if etype == "reaffirmed" else ("criticism", "criticised")
                rules = (*rules, "modality:demanded")
            elif _HEDGED.search(before):
                etype, role, rules = "deliberation", "considered", (*rules, "modality:hedged")
            elif _NEGATED.search(before) and not m.group(0).lower().startswith(("will not", "would not", "no longer")):
                etype, role, rules = "statement", "stated", (*rules, "polarity:negated")
            elif etype in STATE_CHANGING_TYPES and (_OPPOSING.search(before) or _CRITICS.search(sentence, 0, m.start())):
                etype, role, rules = "criticism", "criticised", (*rules, "modality:criticised")
            elif _OPPOSED.search(before) and etype not in ("criticism", "reaffirmed"):
                # "the decision to roll back …" names the change; an opposing word says it is criticised
                rules = (*rules, "modality:opposed")
        out.append(Frame(etype, role, confidence, m.start(), rules))
    if out and skips:
        out[0] = replace(out[0], rules=(*out[0].rules, *sorted(skips)))
    return out


def frames(sentence: str) -> list[Frame]:
    """The event types a sentence's verbs state, with polarity and modality: a hedged or negated
    change is a deliberation or a statement, a demanded or opposed one a criticism. The main
    clause decides; a preposed adjunct clause ("Since … in 1993, …") states an earlier event."""
    adjunct = PREPOSED.match(sentence)
    cut = adjunct.end() if adjunct else 0
    # The sentence's event is in its first clause that has one; later clauses add to it.
    bounds = [m.start() for m in CLAUSE_END.finditer(sentence, cut)] + [len(sentence)]
    main = next((found for hi in bounds if (found := frames_in(sentence, cut, hi))), [])
    out = [*main, *(f for f in frames_in(sentence, cut, len(sentence)) if f.type not in {g.type for g in main})]
    background: list[Frame] = []
    if cut:
        background = [replace(f, prior=True, rules=(*f.rules, "clause:preposed")) for f in frames_in(sentence, 0, cut)[:1]]
    if not out:
        return background
    # A change told as criticised is the criticism, anchored on the critic's own verb when it has one.
    # One criticism per sentence wherever it stands ("…," said X, who opposed the rollback).
    criticisms = [f for f in out if f.type == "criticism"]
    if len(criticisms) > 1:
        voiced = next((f for f in criticisms if "modality:criticised" not in f.rules), criticisms[0])
        out = [f for f in out if f.type != "criticism" or f is voiced]
    # The first frame decides; a criticism or support voiced about a change is a second event.
    primary = out[0]
    if primary.type == "statement" and SPEECH_VERB.search(sentence) and _SHOULD.search(sentence):
        # Speech demanding what someone else should do ("…should not be rewarded," Roe said; "said the
        # ministry should remove …") criticises what they do now.
        primary = replace(primary, type="criticism", role="criticised", rules=(*primary.rules, "modality:demanded-in-speech"))
        out = [primary, *(f for f in out[1:] if f.type != "criticism")]
    extra = [f for f in out[1:] if f.type in ("criticism", "support") and f.type != primary.type]
    # A figure in a clause of its own ("…, which has more than 160 parties") is reported apart.
    extra += [replace(f, rules=(*f.rules, "clause:figure-apart")) for f in out[1:] if f.type == "report" != primary.type
              and CLAUSE_END.search(sentence, min(f.anchor, primary.anchor), max(f.anchor, primary.anchor))]  # fmt: skip
    if primary.type in STATE_CHANGING_TYPES and "modality:opposed" in primary.rules and not extra:
        extra = [Frame("criticism", "criticised", 0.5, primary.anchor, ("frame:criticism", "modality:opposed"))]
    return [primary, *extra[:2], *background]


assert set(t for t, *_ in FRAMES) <= set(EVENT_TYPE_NAMES)

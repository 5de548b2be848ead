"""Round 5b phrasing probes for stance-experience, listening-response and dialogue-design.

Written for these tests from the criterion meanings and from the *kinds* of miss seen on the 660
training answers of five further writers (round 5): an own reaction of fear or shame, a note headed
"Me:"/"Själv:", siding with someone or keeping quiet, a hindsight admission, a counterfactual "if I
did it again" next to a modal action, a Swedish past counterfactual ("hade jag börjat"). No
sentence comes from a labelled answer. The misses are close: someone else's fear, a word that only
contains a feeling word, a vague wish to be better, a modal action with no link to a next time.
"""

from __future__ import annotations

import pytest

from grading import score
from tests.test_grader_phrasings_4b import PAD, _with_pad

SE, LR, DD = "stance-experience", "listening-response", "dialogue-design"

PROBES = [
    # --- own-role: the learner's own fear, shame or freezing
    (
        SE,
        "own-role",
        True,
        "en",
        "When the tenant started shouting I was honestly scared and just read on from my slides.",
    ),
    (
        SE,
        "own-role",
        True,
        "sv",
        "När hyresgästen började skrika blev jag faktiskt rädd och läste bara vidare från mina bilder.",
    ),
    (SE, "own-role", True, "sv", "Jag skämdes efteråt, för jag lät honom stå där ensam utan att säga något."),
    # someone else's fear is not the learner's role; a word that only contains a feeling word neither
    (
        SE,
        "own-role",
        False,
        "en",
        "At the meeting about the renovation the tenants were scared that the rent would go up, and several said so.",
    ),
    (
        SE,
        "own-role",
        False,
        "sv",
        "På mötet om renoveringen var hyresgästerna rädda att hyran skulle höjas, och flera av dem sa det högt.",
    ),
    (
        SE,
        "own-role",
        False,
        "sv",
        "Jag bjöd in räddningstjänsten till mötet så att de kunde svara på frågor om brandvägen.",
    ),
    # --- own-role: a note headed with the self
    (
        SE,
        "own-role",
        True,
        "sv",
        "Möte med föräldrarna om skolskjutsen. Själv: stressad och ville bara att det skulle vara över innan åtta.",
    ),
    (SE, "own-role", True, "en", "Me: defensive, kept clicking to the next slide."),
    # --- own-role: siding, keeping quiet, reciting rules
    (
        SE,
        "own-role",
        True,
        "en",
        "I took my manager's side without thinking and said nothing when the father was cut off.",
    ),
    (
        SE,
        "own-role",
        True,
        "sv",
        "Jag tog parti för de anställda som varit där längst, utan att tänka på det.",
    ),
    (SE, "own-role", True, "sv", "Jag satt tyst hela tiden fast jag såg att hon ville ha stöd."),
    # --- own-role: hindsight about oneself
    (SE, "own-role", True, "sv", "Det ser jag nu: jag ville mest att mötet skulle gå enligt planen."),
    (
        SE,
        "own-role",
        True,
        "sv",
        "Efter ett tag märkte jag att jag satt och tänkte ut motargument i stället för att höra efter.",
    ),
    (
        SE,
        "own-role",
        True,
        "en",
        "I recognise myself in that pattern, I go quiet and let the loudest person set the tone.",
    ),
    # the chair's hindsight is not the learner's
    (
        SE,
        "own-role",
        False,
        "en",
        "The chair later said that the evening had not gone as planned for anyone.",
    ),
    # --- next-step: a counterfactual repeat next to a modal action
    (
        SE,
        "next-step",
        True,
        "en",
        "If I did it again I'd split the room into small tables before anyone presented anything.",
    ),
    (
        SE,
        "next-step",
        True,
        "en",
        "If I had to run it over, I would spend the first half hour just collecting questions.",
    ),
    (
        SE,
        "next-step",
        True,
        "sv",
        "Om jag gjorde om det skulle jag be en kollega skriva upp allt som sägs på tavlan.",
    ),
    (
        SE,
        "next-step",
        True,
        "sv",
        "Om jag hamnar där igen ska jag be om en paus och fråga vad beslutet betyder för dem.",
    ),
    (
        SE,
        "next-step",
        True,
        "sv",
        "Om jag hade lett det mötet hade jag börjat med en runda där alla fick säga en sak.",
    ),
    # a repeat with no action, or an action with no repeat, stays unmet
    (SE, "next-step", False, "en", "If I did it again, I hope it would go better than it did that evening."),
    (SE, "next-step", False, "sv", "Om jag gjorde om det vet jag inte riktigt vad jag skulle ändra på."),
    (
        SE,
        "next-step",
        False,
        "en",
        "At the time I would ask people to hold their questions until the end of the talk.",
    ),
    # --- next-step: a vague wish to be better is not a concrete step
    (SE, "next-step", False, "en", "Next time I will try to be better and more open."),
    (SE, "next-step", False, "sv", "I framtiden vill jag helt enkelt bli bättre på dialog."),
    (SE, "next-step", False, "sv", "Framöver ska jag försöka bli bättre på det här med förhållningssätt."),
    # --- concrete-situation: a named meeting with its topic; "brukare" is a service user, not a habit
    (
        SE,
        "concrete-situation",
        True,
        "sv",
        "Samrådsmötet om färdtjänsten i våras: flera brukare protesterade högt mot de nya reglerna.",
    ),
    (
        SE,
        "concrete-situation",
        True,
        "en",
        "Allotment association meeting about the new water charges, last spring; two members walked out.",
    ),
    (
        SE,
        "concrete-situation",
        False,
        "sv",
        "På nästa arbetsplatsträff om schemat vill jag att alla får säga något först.",
    ),
    (
        SE,
        "concrete-situation",
        False,
        "en",
        "Residents' meetings about parking usually end the same way, with people shouting.",
    ),
    # --- dialogue-design / listening-phase: listening verbs in any form, going round, before deciding
    (
        DD,
        "listening-phase",
        True,
        "sv",
        "Vi lyssnar först: vi går runt till föreningarna, skolan och de äldre och skriver ner vad de säger.",
    ),
    (
        DD,
        "listening-phase",
        True,
        "en",
        "Before deciding anything I would go round the estate and just ask people what the branch means to them.",
    ),
    (
        DD,
        "listening-phase",
        True,
        "sv",
        "Första delen: vi besöka skolan och låta folk berätta vad biblioteket betyder, inga förslag än.",
    ),
    # a proposal shown first, reactions to it, or skipping the listening are not an inventory
    (
        DD,
        "listening-phase",
        False,
        "sv",
        "Först visar vi förvaltningens förslag, sedan samlar vi in synpunkter på förslagen.",
    ),
    (
        DD,
        "listening-phase",
        False,
        "en",
        "Step one: the council presents three options, then we collect reactions to the options.",
    ),
    (
        DD,
        "listening-phase",
        False,
        "en",
        "I would skip the listening round, since people already know what they think.",
    ),
    # --- meeting-phase: any form of a verb of exchange with each other / varandra
    (
        DD,
        "meeting-phase",
        True,
        "sv",
        "Sedan sitter pensionärer och gymnasieelever i samma grupper och pratar med varandra om vad lokalen betyder.",
    ),
    (
        DD,
        "meeting-phase",
        True,
        "en",
        "Then the users and the non-users sit in small groups and explain to one another why it matters to them.",
    ),
    (
        DD,
        "meeting-phase",
        True,
        "en",
        "People with opposite rankings are seated together to explore each other's reasons.",
    ),
    (
        DD,
        "meeting-phase",
        True,
        "sv",
        "I samtalsgrupper får de höra varför de andra ser annorlunda på saken.",
    ),
    # an audience listening to a talk, or people who never meet, stay unmet
    (
        DD,
        "meeting-phase",
        False,
        "en",
        "Then the head of libraries gives a talk and the audience can put questions to her.",
    ),
    (
        DD,
        "meeting-phase",
        False,
        "sv",
        "De olika grupperna pratar inte med varandra utan lämnar sina synpunkter var för sig.",
    ),
    # --- concretise-phase: any form of making or reworking proposals, a working group is not internal
    (
        DD,
        "concretise-phase",
        True,
        "sv",
        "Till sist gör vi tillsammans två förslag som vi lämnar till nämnden.",
    ),
    (
        DD,
        "concretise-phase",
        True,
        "en",
        "Finally we rework the preferred scenario into a final proposal together with the participants.",
    ),
    (DD, "concretise-phase", True, "sv", "En arbetsgrupp med boende och personal tar fram tre alternativ."),
    # no proposals yet, or the administration drafting alone, are not the phase
    (DD, "concretise-phase", False, "sv", "Vi gör inga förslag ännu, först ska alla ha fått säga sitt."),
    (
        DD,
        "concretise-phase",
        False,
        "sv",
        "Förvaltningen tar fram alternativen internt och nämnden beslutar.",
    ),
    # --- a sentence of phase names lends nothing to the phases
    (
        DD,
        "listening-phase",
        False,
        "en",
        "My plan has a listening phase, a meeting phase and a concretising phase, all transparent.",
    ),
    (
        DD,
        "meeting-phase",
        False,
        "sv",
        "Processen har en lyssnarfas, en mötesfas och en konkretiseringsfas, med transparens hela vägen.",
    ),
    (
        DD,
        "concretise-phase",
        False,
        "en",
        "My plan has a listening phase, a meeting phase and a concretising phase, all transparent.",
    ),
    # --- listening-response / no-judgement: said words that excuse, correct or reassure
    (
        LR,
        "no-judgement",
        False,
        "sv",
        'Jag säger: "Du känner dig instängd. Fast stationerna ligger där för att lagen kräver det. Vad behöver du?"',
    ),
    (
        LR,
        "no-judgement",
        False,
        "en",
        'I would say: "You feel shut in. That was decided by the state though, we\'re only here to listen. What else?"',
    ),
    (
        LR,
        "no-judgement",
        False,
        "sv",
        'Jag säger: "Du är arg, det förstår jag. Riktigt så var det inte, men berätta mer om hur det påverkar dig."',
    ),
    (
        LR,
        "no-judgement",
        False,
        "sv",
        'Jag säger: "Det låter tungt att betala för varje tur. Det kommer lösa sig, politikerna har hört er."',
    ),
    (
        LR,
        "no-judgement",
        False,
        "sv",
        "Jag skulle förklara att placeringen bestämdes av staten, och sedan fråga vad hen tänker om det.",
    ),
    # words said back without a defence stay met
    (
        LR,
        "no-judgement",
        True,
        "sv",
        'Jag säger: "Du känner dig instängd och får betala för varje tur till affären. Berätta mer?"',
    ),
    (
        LR,
        "no-judgement",
        True,
        "en",
        'I would say: "You feel boxed in, and nobody asked you. What would you want the council to hear?"',
    ),
    # --- paraphrases-content: everyday trips, every side, no one thought to ask
    (
        LR,
        "paraphrases-content",
        True,
        "en",
        'I\'d say: "Stations on every side, paying each time you nip out for bread, and no one thought to ask you."',
    ),
    (
        LR,
        "paraphrases-content",
        True,
        "sv",
        'Jag säger: "Stationer på alla sidor, du betalar varje gång du kilar iväg efter mjölk, och ingen tänkte fråga er."',
    ),
    (
        LR,
        "paraphrases-content",
        False,
        "en",
        'I\'d say: "Stations on every side, that must feel strange. Tell me more about it?"',
    ),
    # --- transparency: what is heard goes up where people see it, "anything we've forgotten?"
    (
        DD,
        "transparency",
        True,
        "en",
        "Everything we hear goes up on the noticeboard in the library and on the city website.",
    ),
    (
        DD,
        "transparency",
        True,
        "sv",
        "Vi sätter upp en sammanfattning i entrén, skickar den hem och frågar om vi har glömt något.",
    ),
    (
        DD,
        "transparency",
        True,
        "en",
        "The shortlist goes back out to everyone with the question: is there anything we have missed?",
    ),
    # only the decision put up is not the process made visible
    (DD, "transparency", False, "en", "When it is settled, the committee's decision goes up on the website."),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES)
def test_phrasing_5b(item: str, criterion: str, expected: bool, lang: str, text: str) -> None:
    result = score(item, _with_pad(item, lang, text), lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


@pytest.mark.parametrize("item", sorted({p[0] for p in PROBES}))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pad_alone_meets_nothing_new_5b(item: str, lang: str) -> None:
    pad = PAD[(item, lang)]
    result = score(item, pad + " " + pad.replace(".", ", more or less."), lang)
    assert not any(result.criteria_map().values())

"""Round 5a phrasing probes for perspective-map, resistance-line and minority-voice.

Written for these tests from the criterion meanings in the assessment spec and from the *kinds* of
miss seen on the 660 training answers of round 4 (one holder with two views, a view that comes from
very different people, group labels that mislead, consequences in everyday words, verb-first and
"if nobody speaks for …" conditions, an absence marked by "what I missed" or "ett perspektiv som jag
inte hör", dissent asked for as "no one is judged for saying no", moderating or out-arguing the
critics, letting the minority speak, scolding the majority). No sentence comes from a labelled
answer. The misses are close: one perspective per group, a missing group without a reason, a
spreading question, a step that silences, a vote held regardless. A neutral sentence per item and
language (checked below to meet nothing on its own) makes each probe long enough to be an attempt.
"""

from __future__ import annotations

import pytest

from grading import score

PM, RL, MV = "perspective-map", "resistance-line", "minority-voice"

PAD = {
    (PM, "en"): "I read the excerpts slowly, one at a time, with a cup of coffee beside me.",
    (PM, "sv"): "Jag läste utdragen långsamt, ett i taget, med en kopp kaffe bredvid mig.",
    (RL, "en"): "The map was shown on a big screen in the school hall that evening.",
    (RL, "sv"): "Kartan visades på en stor skärm i skolans aula den kvällen.",
    (MV, "en"): "The meeting is in the community centre and the coffee has gone cold.",
    (MV, "sv"): "Mötet hålls i fritidsgården och kaffet har hunnit kallna.",
}

PROBES = [
    # --- perspective-map / perspective-not-group
    # one holder, two views, without the word "group"
    (
        PM,
        "perspective-not-group",
        True,
        "en",
        "A single voice can carry two perspectives: the taxi driver worries about fares and also about the air his kids breathe.",
    ),
    (
        PM,
        "perspective-not-group",
        True,
        "sv",
        "En och samma röst bär två perspektiv: taxichauffören oroar sig för priserna men också för luften.",
    ),
    # one view from very different people
    (
        PM,
        "perspective-not-group",
        True,
        "en",
        "The worry about delivery vans came from both a cyclist and the bakery owner.",
    ),
    (
        PM,
        "perspective-not-group",
        True,
        "sv",
        "Oron för leveransbilarna kom från både en cyklist och bagaren.",
    ),
    # the views do not map onto the speakers
    (
        PM,
        "perspective-not-group",
        True,
        "en",
        "The perspectives don't map one-to-one onto the people who are speaking.",
    ),
    (
        PM,
        "perspective-not-group",
        True,
        "sv",
        "Perspektiven stämmer inte ett till ett med vilka som talar i utdragen.",
    ),
    # telegraphic: numbered views held by one person
    (
        PM,
        "perspective-not-group",
        True,
        "en",
        "Note: the bakery owner holds 2+4 and the cyclist holds 1+4 in my list above.",
    ),
    (
        PM,
        "perspective-not-group",
        True,
        "sv",
        "Obs: bagaren har både 2 och 4 i min lista, och cyklisten har 1 och 4.",
    ),
    # near miss: one perspective per group
    (
        PM,
        "perspective-not-group",
        False,
        "en",
        "Each group has its own perspective: the cyclists want lanes and the bakery owners want parking.",
    ),
    (
        PM,
        "perspective-not-group",
        False,
        "sv",
        "Varje grupp har sitt eget perspektiv: cyklisterna vill ha cykelbanor och bagarna vill ha parkering.",
    ),
    # negated: one person cannot hold two
    (
        PM,
        "perspective-not-group",
        False,
        "en",
        "I don't think one person can hold two perspectives; each speaker has one view of the matter.",
    ),
    (
        PM,
        "perspective-not-group",
        False,
        "sv",
        "Jag tror inte att en person kan ha två perspektiv; varje talare har en syn på saken.",
    ),
    # --- perspective-map / why-it-matters
    (
        PM,
        "why-it-matters",
        True,
        "en",
        "If nobody speaks for the night-shift nurses, the plan gets tailored for someone else and will be outdated by next winter.",
    ),
    (
        PM,
        "why-it-matters",
        True,
        "sv",
        "Glöms nattpersonalen bort blir lösningen inaktuell redan nästa vinter, och då blir det bråk igen.",
    ),
    (
        PM,
        "why-it-matters",
        True,
        "en",
        "Leave the home-care staff out and we end up creating a new problem for the people they visit.",
    ),
    (PM, "why-it-matters", True, "sv", "Hör man inte hemtjänsten kan man få göra om allt efter ett år."),
    # near miss: the missing group without a reason
    (PM, "why-it-matters", False, "en", "Nobody speaks for the night-shift nurses anywhere in the excerpts."),
    (PM, "why-it-matters", False, "sv", "Ingen talar för nattpersonalen någonstans i utdragen."),
    # --- perspective-map / missing-perspective
    (
        PM,
        "missing-perspective",
        True,
        "en",
        "What I missed were the voices of people who work nights at the hospital.",
    ),
    (
        PM,
        "missing-perspective",
        True,
        "sv",
        "Ett perspektiv som jag inte hör är personer som jobbar natt på sjukhuset.",
    ),
    # near miss: nothing missing, the people who came covered it
    (
        PM,
        "missing-perspective",
        False,
        "en",
        "Honestly nothing is missing here, the people who came covered every view I can imagine.",
    ),
    (
        PM,
        "missing-perspective",
        False,
        "sv",
        "Ärligt talat saknas inget här, personer som kom täckte alla synsätt jag kan tänka mig.",
    ),
    # --- minority-voice / safe-to-say-no
    (
        MV,
        "safe-to-say-no",
        True,
        "en",
        "Before we vote I'd tell them that nobody will be judged for saying no here.",
    ),
    (
        MV,
        "safe-to-say-no",
        True,
        "sv",
        "Innan vi röstar säger jag att ingen ska bli dömd för att säga nej här.",
    ),
    (
        MV,
        "safe-to-say-no",
        True,
        "en",
        "I'd say that there is nothing wrong with disagreeing before we decide.",
    ),
    (
        MV,
        "safe-to-say-no",
        True,
        "sv",
        "Jag säger att det inte är något fel med att ha invändningar innan vi bestämmer.",
    ),
    (
        MV,
        "safe-to-say-no",
        True,
        "en",
        "I'd say that whoever is against it may say so right now, before the vote.",
    ),
    (
        MV,
        "safe-to-say-no",
        True,
        "sv",
        "Jag säger att den som är emot får säga det direkt, innan omröstningen.",
    ),
    (MV, "safe-to-say-no", True, "en", "I'd tell the room it is better we hear it now than after the vote."),
    (
        MV,
        "safe-to-say-no",
        True,
        "sv",
        "Jag säger till rummet att det är bättre att vi hör det nu än efter omröstningen.",
    ),
    (
        MV,
        "safe-to-say-no",
        True,
        "sv",
        "Innan vi röstar ger jag plats åt invändningarna från alla som tvekar.",
    ),
    # near misses: spreading the no, respecting the relation, telling them to accept
    (
        MV,
        "safe-to-say-no",
        False,
        "en",
        "Then I'd ask: does anyone else share some of that worry about the shops?",
    ),
    (
        MV,
        "safe-to-say-no",
        False,
        "sv",
        "Sen frågar jag: är det någon mer som delar lite av den oron för butikerna?",
    ),
    (
        MV,
        "safe-to-say-no",
        False,
        "sv",
        "Jag säger tydligt att ingen ska pekas ut eller pressas i det här rummet.",
    ),
    (
        MV,
        "safe-to-say-no",
        False,
        "en",
        "I'd say that those who are against it will have to accept the result.",
    ),
    (
        MV,
        "safe-to-say-no",
        False,
        "sv",
        "Jag säger att de som är emot får acceptera resultatet av omröstningen.",
    ),
    # --- minority-voice / adds-minority-wisdom
    (
        MV,
        "adds-minority-wisdom",
        True,
        "en",
        "Then I'd ask the shop owners what they would need to be able to live with it, and we add that before the vote.",
    ),
    (
        MV,
        "adds-minority-wisdom",
        True,
        "sv",
        "Sen frågar jag handlarna vad de skulle behöva för att kunna leva med placeringen, och vi lägger till det innan omröstningen.",
    ),
    (
        MV,
        "adds-minority-wisdom",
        True,
        "en",
        "Whatever comes up then goes into the proposal before we decide.",
    ),
    (
        MV,
        "adds-minority-wisdom",
        True,
        "sv",
        "Det som kommer fram då förs in i förslaget innan vi bestämmer.",
    ),
    # near misses: the need asked for, the proposal left as it is
    (
        MV,
        "adds-minority-wisdom",
        False,
        "en",
        "I'd ask the shop owners what they would need to live with it, and then we vote on the proposal as it stands.",
    ),
    (
        MV,
        "adds-minority-wisdom",
        False,
        "sv",
        "Jag frågar handlarna vad de skulle behöva för att kunna leva med det, men sedan röstar vi om förslaget som det ligger.",
    ),
    # --- minority-voice / respects-relation (a guard: engagement, and no unwanted move)
    (
        MV,
        "respects-relation",
        True,
        "en",
        "I'd let the shop owners explain their worry in full before we go on to anything else.",
    ),
    (
        MV,
        "respects-relation",
        True,
        "sv",
        "Sen vänder jag mig till handlarna och låter dem förklara sin oro innan vi går vidare.",
    ),
    (MV, "respects-relation", True, "sv", "Jag låter inte majoriteten köra över dem, hur otåliga de än är."),
    (
        MV,
        "respects-relation",
        True,
        "en",
        "I'll make sure their objections go into the minutes of the meeting.",
    ),
    (
        MV,
        "respects-relation",
        True,
        "sv",
        "Jag ser till att deras invändningar förs in i protokollet från mötet.",
    ),
    # near misses: the majority scolded, the vote held regardless
    (
        MV,
        "respects-relation",
        False,
        "en",
        "I'd thank the shop owners for speaking up. Honestly, rushing like this is selfish of the rest of you.",
    ),
    (
        MV,
        "respects-relation",
        False,
        "sv",
        "Jag tackar handlarna för att de sa ifrån. Ärligt talat är det själviskt av er andra att ha så bråttom.",
    ),
    (
        MV,
        "respects-relation",
        False,
        "en",
        "I'd thank the shop owners for their view, and then we vote anyway.",
    ),
    (
        MV,
        "respects-relation",
        False,
        "sv",
        "Jag tackar handlarna för deras synpunkt, och sen röstar vi ändå.",
    ),
    # --- resistance-line / make-visible
    (
        RL,
        "make-visible",
        True,
        "en",
        "Next time I'd say I would rather hear it in the room than read it online later.",
    ),
    (
        RL,
        "make-visible",
        True,
        "sv",
        "Nästa gång säger jag att jag hellre hör det i rummet än läser det på nätet.",
    ),
    (
        RL,
        "make-visible",
        True,
        "en",
        "I'd open the next meeting by reading out one of the posts from the group.",
    ),
    (
        RL,
        "make-visible",
        True,
        "sv",
        "Jag skulle inleda nästa möte med att läsa upp ett av inläggen från gruppen.",
    ),
    # near miss: keeping it out of the room
    (
        RL,
        "make-visible",
        False,
        "en",
        "Next time I'd rather keep the rumours out of the room than discuss them.",
    ),
    (
        RL,
        "make-visible",
        False,
        "sv",
        "Nästa gång håller jag hellre ryktena utanför rummet än pratar om dem.",
    ),
    # --- resistance-line / no-suppression (a guard: a next step, and no silencing)
    (
        RL,
        "no-suppression",
        True,
        "en",
        "Recommended intervention: raise the rumour openly in plenary and take questions about it.",
    ),
    (
        RL,
        "no-suppression",
        False,
        "en",
        "Next meeting I'd stick closely to the agenda and keep the jokers from taking over.",
    ),
    (RL, "no-suppression", False, "sv", "Nästa gång skulle jag köra på som planerat och hålla tiden."),
    (
        RL,
        "no-suppression",
        False,
        "en",
        "Next I'd have the page admin moderate the group a lot more tightly.",
    ),
    (RL, "no-suppression", False, "sv", "Sedan skulle jag be administratören moderera gruppen hårdare."),
    (
        RL,
        "no-suppression",
        False,
        "en",
        "Next I'd prepare a clear presentation of the facts, because people are misinformed.",
    ),
    (
        RL,
        "no-suppression",
        False,
        "sv",
        "Sedan skulle jag hålla en tydlig genomgång av fakta, så att alla förstår.",
    ),
    (RL, "no-suppression", False, "sv", "Nästa steg: vi bemöter påståendena i gruppen med korrekta fakta."),
    (RL, "no-suppression", False, "en", "Next time I'd ask them to leave if the sneering goes on."),
    (RL, "no-suppression", False, "sv", "Nästa gång skulle jag be dem att lämna rummet om hånet fortsätter."),
]


def _with_pad(item: str, lang: str, text: str) -> str:
    return text + " " + PAD[(item, lang)]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES)
def test_phrasing_5a(item: str, criterion: str, expected: bool, lang: str, text: str) -> None:
    result = score(item, _with_pad(item, lang, text), lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


@pytest.mark.parametrize("item,criterion", sorted({(p[0], p[1]) for p in PROBES}))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pad_alone_does_not_meet_the_criterion_5a(item: str, criterion: str, lang: str) -> None:
    # otherwise a "met" probe could pass on the pad, not on its own words
    pad = PAD[(item, lang)]
    result = score(item, pad + " " + pad.replace(".", ", more or less."), lang)
    assert result.criteria_map()[criterion] is False


@pytest.mark.parametrize(
    "item,criterion,lang,text",
    [
        (
            MV,
            "safe-to-say-no",
            "en",
            "I would make it safe to say no, spread the no, add the minority's wisdom and respect the "
            "relationship with everyone, because that is how a good decision is made before a vote.",
        ),
        (
            MV,
            "respects-relation",
            "sv",
            "Jag gör det tryggt att säga nej, sprider nejet, lägger till minoritetens visdom och "
            "respekterar relationen med alla, för så fattas ett bra beslut före en omröstning.",
        ),
    ],
)
def test_the_steps_recited_earn_nothing_5a(item: str, criterion: str, lang: str, text: str) -> None:
    assert score(item, text, lang).criteria_map()[criterion] is False

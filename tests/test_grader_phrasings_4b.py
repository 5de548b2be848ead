"""Round 4b phrasing probes for stance-experience, listening-response and dialogue-design.

Written for these tests from the criterion meanings in the assessment spec and from the *kinds* of
miss seen on the round-4 work answers (telegraphic labels, habitual accounts, pseudo-clefts,
elliptical replies, jargon paraphrases, conditional next steps, lists of the stance's parts, phase
names or "transparent" without saying what is made visible). No sentence comes from a labelled answer.
Each probe checks one criterion; the misses are close: the habit instead of one meeting, the list
instead of a link to the meeting, a vague intention, someone else's role, only the decision published,
notes only to those who came. A neutral sentence per item and language (checked below not to meet the
criterion on its own) makes each probe long enough to be an attempt.
"""

from __future__ import annotations

import pytest

from grading import score

PAD = {
    (
        "stance-experience",
        "en",
    ): "The topic is one that many people care about and it touches their everyday lives.",
    (
        "stance-experience",
        "sv",
    ): "Ämnet är något som många bryr sig om och det berör deras vardag på många sätt.",
    (
        "listening-response",
        "en",
    ): "The resident comes up to me at the stand by the square in the middle of the inventory.",
    (
        "listening-response",
        "sv",
    ): "Den boende kommer fram till mig vid ståndet på torget mitt under inventeringen.",
    (
        "dialogue-design",
        "en",
    ): "The library branch matters to many people in the district, young and old alike.",
    (
        "dialogue-design",
        "sv",
    ): "Biblioteksfilialen betyder mycket för många i stadsdelen, både unga och gamla.",
}

SE, LR, DD = "stance-experience", "listening-response", "dialogue-design"

PROBES = [
    # --- stance-experience / concrete-situation
    # a telegraphic label with the kind of meeting, how many came and when
    (
        SE,
        "concrete-situation",
        True,
        "en",
        "Meeting: tenants' evening about a new laundry booking system, roughly 45 people, October. "
        "The housing company showed the new app and a few tenants got really loud.",
    ),
    (
        SE,
        "concrete-situation",
        True,
        "sv",
        "Tillfälle: informationsmöte om ändrad skolskjuts, ett fyrtiotal föräldrar, i november. "
        "Rektorn visade de nya tiderna och flera föräldrar blev högljudda.",
    ),
    # the habit of many meetings, not one
    (
        SE,
        "concrete-situation",
        False,
        "en",
        "In my job I often sit in consultations where residents and the planning office disagree, and it easily gets tense.",
    ),
    (
        SE,
        "concrete-situation",
        False,
        "sv",
        "I mitt jobb sitter jag ofta med på samråd där boende och kontoret är oense, och det blir lätt spänt.",
    ),
    (
        SE,
        "concrete-situation",
        False,
        "en",
        "What I remember is not a single meeting but a pattern from years of steering groups where nobody said what they thought.",
    ),
    (
        SE,
        "concrete-situation",
        False,
        "sv",
        "Det jag minns är inte ett enskilt möte utan ett mönster från åratal av styrgrupper där ingen sa vad de tyckte.",
    ),
    # --- stance-experience / names-stance
    # a part of the stance named as missing in a pseudo-cleft ("what we did not do was listen")
    (
        SE,
        "names-stance",
        True,
        "en",
        "At the tenants' meeting last spring, what we did not do was really listen to the people from block C.",
    ),
    (
        SE,
        "names-stance",
        True,
        "sv",
        "På hyresgästmötet i våras var det vi inte gjorde att faktiskt lyssna på dem från hus C.",
    ),
    # transparency and co-creation in everyday words: never told why, never asked what would work
    (
        SE,
        "names-stance",
        True,
        "en",
        "At that meeting the parents had never been told why the bus route was changed, and nobody asked them what would suit them.",
    ),
    (
        SE,
        "names-stance",
        True,
        "sv",
        "På det mötet hade föräldrarna aldrig fått veta varför busslinjen ändrades, och ingen frågade dem vad som skulle passa dem.",
    ),
    # the parts only recited as a list
    (
        SE,
        "names-stance",
        False,
        "en",
        "The stance has five parts, listening, all perspectives, relation, co-creation and transparency, and I suppose some were weak.",
    ),
    (
        SE,
        "names-stance",
        False,
        "sv",
        "Förhållningssättet består av lyssnande, alla perspektiv, relation, medskapande och transparens, och en del var nog svagt.",
    ),
    # meetings in general, not one
    (
        SE,
        "names-stance",
        False,
        "en",
        "Listening is what goes missing in these meetings, everyone just waits for their turn to speak.",
    ),
    (
        SE,
        "names-stance",
        False,
        "sv",
        "Lyssnandet är det som saknas på sådana möten, alla väntar bara på sin tur att prata.",
    ),
    # --- stance-experience / own-role
    # the learner's own share and own trait, not a feeling word
    (
        SE,
        "own-role",
        True,
        "en",
        "I'm rather conflict-shy, so I moved on to the next point on the agenda as soon as it got tense.",
    ),
    (
        SE,
        "own-role",
        True,
        "sv",
        "Jag är ganska konflikträdd, så jag gick vidare till nästa punkt så fort det blev spänt.",
    ),
    (
        SE,
        "own-role",
        True,
        "en",
        "At the parents' meeting I probably contributed to the mess by hurrying everyone along.",
    ),
    (
        SE,
        "own-role",
        True,
        "sv",
        "På föräldramötet bidrog jag nog själv till röran genom att skynda på alla.",
    ),
    # habitual own reaction with an adverb in between
    (
        SE,
        "own-role",
        True,
        "sv",
        "Jag går ganska lätt i försvar när föräldrarna skyller på skolan.",
    ),
    # someone else's share, or a job title
    (
        SE,
        "own-role",
        False,
        "en",
        "At the parents' meeting the chairman contributed to the mess by hurrying everyone along.",
    ),
    (
        SE,
        "own-role",
        False,
        "sv",
        "På föräldramötet bidrog ordföranden till röran genom att skynda på alla.",
    ),
    (
        SE,
        "own-role",
        False,
        "sv",
        "I min roll som samordnare arbetar jag med förhållningssättet i alla möten med invånarna.",
    ),
    (
        SE,
        "own-role",
        False,
        "en",
        "In my role as coordinator I work with the stance in all meetings with citizens.",
    ),
    # --- stance-experience / next-step
    # a step framed as a condition on leading such a meeting again
    (
        SE,
        "next-step",
        True,
        "en",
        "If I chair a meeting like that again, I will send out the background papers a week before.",
    ),
    (
        SE,
        "next-step",
        True,
        "en",
        "If I were leading it, I'd make sure each speaker is summed up before the next one talks.",
    ),
    (
        SE,
        "next-step",
        True,
        "sv",
        "Om jag leder ett sådant möte igen kommer jag att skicka ut underlaget en vecka innan.",
    ),
    (
        SE,
        "next-step",
        True,
        "sv",
        "Om det var jag som höll i mötet skulle jag sammanfatta varje talare innan nästa får ordet.",
    ),
    # a condition without a step, and vague intentions about the stance itself
    (
        SE,
        "next-step",
        False,
        "en",
        "If I chair a meeting like that again, I hope it goes better than last time.",
    ),
    (
        SE,
        "next-step",
        False,
        "sv",
        "Om jag leder ett sådant möte igen hoppas jag att det går bättre än förra gången.",
    ),
    (
        SE,
        "next-step",
        False,
        "en",
        "In the future I will keep all five parts of the stance in mind to a greater extent.",
    ),
    (
        SE,
        "next-step",
        False,
        "sv",
        "I framtiden ska jag ha förhållningssättets delar mer i åtanke i mitt arbete.",
    ),
    # --- listening-response / reflects-feeling: an elliptical reply ("Sounds …") is a sentence
    (LR, "reflects-feeling", True, "en", "I would just say: 'Sounds infuriating.' Then I would wait."),
    (
        LR,
        "reflects-feeling",
        True,
        "sv",
        "Jag skulle bara säga: ”Låter frustrerande.” Sedan skulle jag vänta.",
    ),
    (LR, "reflects-feeling", False, "en", "I would just say: 'Sounds complicated.' Then I would wait."),
    (LR, "reflects-feeling", False, "sv", "Jag skulle bara säga: ”Låter krångligt.” Sedan skulle jag vänta."),
    # --- listening-response / paraphrases-content in administrative words
    (
        LR,
        "paraphrases-content",
        True,
        "sv",
        "”Om jag uppfattat dig rätt upplever du att stationerna bildar en gräns runt stadsdelen, att "
        "vardagsärenden i närområdet numera är avgiftsbelagda och att ni boende inte har involverats.”",
    ),
    (
        LR,
        "paraphrases-content",
        True,
        "en",
        "'If I have understood you correctly, the stations form a boundary around the district, everyday trips "
        "nearby are now subject to a charge, and residents have not been consulted at any point.'",
    ),
    (
        LR,
        "paraphrases-content",
        False,
        "sv",
        "”Om jag uppfattat dig rätt är du missnöjd med hur det har blivit.”",
    ),
    (
        LR,
        "paraphrases-content",
        False,
        "en",
        "'If I have understood you correctly, you are not happy with how things have turned out.'",
    ),
    # --- listening-response / no-judgement: a justification with a pronoun, a correction of "nobody asked"
    (
        LR,
        "no-judgement",
        False,
        "sv",
        "”Jag förstår att du är trött på det här. Den finns där för att minska köerna i centrum.”",
    ),
    (
        LR,
        "no-judgement",
        False,
        "sv",
        "”Jag förstår att du är trött på det här. Det har faktiskt funnits chanser att tycka till.”",
    ),
    (
        LR,
        "no-judgement",
        False,
        "en",
        "'I get that you are tired of this. It is needed to cut the queues in the centre.'",
    ),
    (
        LR,
        "no-judgement",
        False,
        "en",
        "'I get that you are tired of this. There have actually been chances to comment.'",
    ),
    # --- dialogue-design / meeting-phase: those who disagree in one room, hearing each other
    (
        DD,
        "meeting-phase",
        True,
        "en",
        "Next, people who see the closure differently sit down in one room in small groups, so the pensioner hears "
        "the student and the other way round.",
    ),
    (
        DD,
        "meeting-phase",
        True,
        "sv",
        "Sedan samlas de som ser olika på nedläggningen i ett rum i små grupper, så att pensionären hör studenten och tvärtom.",
    ),
    (
        DD,
        "meeting-phase",
        False,
        "en",
        "Next, each side presents its view from the stage and the audience may ask questions afterwards.",
    ),
    (
        DD,
        "meeting-phase",
        False,
        "sv",
        "Sedan presenterar varje sida sin syn från scenen och publiken får ställa frågor efteråt.",
    ),
    # --- dialogue-design / concretise-phase: a proposal built on what emerged; options counted for the board
    (
        DD,
        "concretise-phase",
        True,
        "en",
        "Last, we write up a plan that rests on what came out of the evenings.",
    ),
    (
        DD,
        "concretise-phase",
        True,
        "sv",
        "Till sist skriver vi en plan som vilar på det som kom fram under kvällarna.",
    ),
    (DD, "concretise-phase", True, "en", "Step 3: two or three options for the board to choose from."),
    (DD, "concretise-phase", True, "sv", "Steg 3: ett par alternativ till styrelsen att välja mellan."),
    (DD, "concretise-phase", False, "en", "Last, the library board makes its decision."),
    (DD, "concretise-phase", False, "sv", "Till sist fattar biblioteksstyrelsen sitt beslut."),
    # --- dialogue-design / transparency: what is made visible, and to whom
    (
        DD,
        "transparency",
        False,
        "en",
        "The board's decision is published on the city website when it has been taken.",
    ),
    (
        DD,
        "transparency",
        False,
        "sv",
        "Styrelsens beslut publiceras på stadens webbplats när det är fattat.",
    ),
    (DD, "transparency", False, "en", "Transparency: the minutes are emailed to the participants."),
    (DD, "transparency", False, "sv", "Transparens: protokollet mejlas till deltagarna."),
    (DD, "transparency", False, "en", "The whole process will be transparent from start to finish."),
    (DD, "transparency", False, "sv", "Hela processen kommer att vara transparent från början till slut."),
    (
        DD,
        "transparency",
        True,
        "en",
        "Transparency: a summary of what we heard goes up on the library wall and online, so those who never came can follow.",
    ),
    (
        DD,
        "transparency",
        True,
        "sv",
        "Transparens: en sammanfattning av det vi hört sätts upp i biblioteket och läggs ut på nätet, så att även de som inte kom kan följa.",
    ),
]


def _with_pad(item: str, lang: str, text: str) -> str:
    return text + " " + PAD[(item, lang)]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES)
def test_phrasing_4b(item: str, criterion: str, expected: bool, lang: str, text: str) -> None:
    result = score(item, _with_pad(item, lang, text), lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


@pytest.mark.parametrize(
    "item,criterion",
    sorted({(p[0], p[1]) for p in PROBES if (p[0], p[1]) != (LR, "no-judgement")}),
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pad_alone_does_not_meet_the_criterion_4b(item: str, criterion: str, lang: str) -> None:
    # otherwise a "met" probe could pass on the pad, not on its own words
    pad = PAD[(item, lang)]
    result = score(item, pad + " " + pad.replace(".", ", more or less."), lang)
    assert result.criteria_map()[criterion] is False


@pytest.mark.parametrize(
    "lang,text",
    [
        (
            "en",
            "'Sounds exhausting. Tell me more?' I keep it short on purpose and let them talk without cutting in.",
        ),
        (
            "sv",
            "'Låter jobbigt. Berätta mer?' Jag håller det kort med flit och låter hen prata färdigt utan att avbryta.",
        ),
    ],
)
def test_words_said_back_in_single_quotes_are_a_reply_4b(lang: str, text: str) -> None:
    # a reply in single quotes is words said back, so the no-judgement guard has something to judge
    result = score(LR, text, lang)
    assert result.attempt
    assert result.criteria_map()["no-judgement"] is True
    judged = score(
        LR,
        text.replace("Tell me more?", "But the tax is needed.").replace(
            "Berätta mer?", "Men skatten behövs."
        ),
        lang,
    )
    assert judged.criteria_map()["no-judgement"] is False

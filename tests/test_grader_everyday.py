"""Everyday-words probes: for every criterion, an answer written without the course's terms that
meets it and one that misses it. Written for these tests; none comes from a labelled data set.

Each probe checks one criterion only (the others may go either way).
"""

from __future__ import annotations

import pytest

from grading import score

P = [
    # stance-experience
    (
        "stance-experience",
        "concrete-situation",
        True,
        "en",
        "Last spring I ran a parents' evening at our preschool about shorter opening hours, and two fathers shouted at the head that nobody had told them.",
    ),
    (
        "stance-experience",
        "concrete-situation",
        False,
        "en",
        "Meetings about money always get heated in my experience, people shout and nobody really listens to anybody.",
    ),
    (
        "stance-experience",
        "names-stance",
        True,
        "sv",
        "På föräldramötet om de kortare öppettiderna var det ingen som lyssnade på föräldrarna, rektorn läste bara upp beslutet.",
    ),
    (
        "stance-experience",
        "names-stance",
        False,
        "sv",
        "På föräldramötet om de kortare öppettiderna läste rektorn upp beslutet och sedan gick alla hem ganska snabbt.",
    ),
    (
        "stance-experience",
        "own-role",
        True,
        "en",
        "When the father raised his voice I got defensive and started quoting the budget at him instead of hearing him out.",
    ),
    (
        "stance-experience",
        "own-role",
        False,
        "en",
        "When the father raised his voice the head quoted the budget at him, and the meeting ended soon after that.",
    ),
    (
        "stance-experience",
        "next-step",
        True,
        "sv",
        "Nästa gång: frågor först, små grupper, och chefen sitter bland föräldrarna i stället för bakom ett bord.",
    ),
    (
        "stance-experience",
        "next-step",
        False,
        "sv",
        "Det var ett jobbigt möte och jag tänker fortfarande på det ibland när jag går förbi förskolan.",
    ),
    # listening-response
    (
        "listening-response",
        "reflects-feeling",
        True,
        "en",
        "I'd say: \"This has really got to you, hasn't it? It sounds like you're fed up with being left out.\"",
    ),
    (
        "listening-response",
        "reflects-feeling",
        False,
        "en",
        'I\'d say: "The stations are around Backa and the trips cost money now. What else happened?"',
    ),
    (
        "listening-response",
        "paraphrases-content",
        True,
        "sv",
        'Jag skulle säga: "Så nu kostar det pengar bara att handla i närheten, stationerna står runt hela Backa och ingen frågade er först."',
    ),
    (
        "listening-response",
        "paraphrases-content",
        False,
        "sv",
        'Jag skulle säga: "Jag ser att du är väldigt arg. Berätta gärna mer om hur det har varit."',
    ),
    (
        "listening-response",
        "invites-more",
        True,
        "en",
        'I\'d say: "That sounds maddening. What has it meant for your week, day to day?"',
    ),
    (
        "listening-response",
        "invites-more",
        False,
        "en",
        'I\'d say: "That sounds maddening. I have written it down for the report." Then I move on.',
    ),
    # perspective-map
    (
        "perspective-map",
        "names-perspectives",
        True,
        "en",
        "Some say daily shopping has become expensive, the shop owner worries his customers stop coming, and others like the cleaner air.",
    ),
    (
        "perspective-map",
        "names-perspectives",
        False,
        "en",
        "I heard residents, a shop owner, a commuter, an official, a planner and someone for the environment.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Butiksägaren bor säkert själv i Backa, så han ser det både som företagare och som granne.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "sv",
        "Butiksägaren tänker på sina kunder och de boende tänker på sina vardagsärenden, var och en för sig.",
    ),
    (
        "perspective-map",
        "missing-perspective",
        True,
        "en",
        "Nobody speaks for people who don't own a car and take the bus to work at night.",
    ),
    (
        "perspective-map",
        "missing-perspective",
        False,
        "en",
        "The commuter and the shop owner both spoke clearly, and the official explained the money.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "Leave them out and the plan only works for drivers, and it will unravel the first time someone complains.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "en",
        "It would be nice to hear from them as well, since they live in the area too.",
    ),
    # resistance-line
    (
        "resistance-line",
        "locates-stage",
        True,
        "en",
        "Jokes, then gossip online, then empty chairs. It is sliding down the line, and fast.",
    ),
    (
        "resistance-line",
        "locates-stage",
        False,
        "en",
        "People laughed at the map and some of them wrote on Facebook afterwards about the meeting.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        True,
        "sv",
        "För mig säger det att folk inte tror att de kan påverka något, inte att de är besvärliga.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        False,
        "sv",
        "Det är besvärligt och tar tid från arbetet, och vi har en tidsplan att hålla.",
    ),
    (
        "resistance-line",
        "make-visible",
        True,
        "en",
        "At the next meeting I'd ask straight out what the laughing was about and put the 'already decided' talk on the table.",
    ),
    (
        "resistance-line",
        "make-visible",
        False,
        "en",
        "At the next meeting I'd show the map again with a clearer legend and better colours.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "en",
        "Next I'd phone a few who stopped coming and ask what would make it worth their while to come back.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "Next I'd keep the meeting tight to the agenda and have the comms team kill the rumour with a fact sheet.",
    ),
    # minority-voice
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "Before we vote I'd say out loud that being against this is completely fine and actually useful to hear.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        False,
        "en",
        "Before we vote I'd read the proposal out once more so that everybody knows what we decide on.",
    ),
    (
        "minority-voice",
        "spreads-the-no",
        True,
        "sv",
        "Sedan frågar jag resten av rummet om någon annan känner igen sig i oron, även lite grann.",
    ),
    (
        "minority-voice",
        "spreads-the-no",
        False,
        "sv",
        "Sedan frågar jag butiksägarna vad de tycker och låter dem prata klart.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        True,
        "en",
        "Then I'd ask the shop owners what they'd need to live with it, like loading space, and write that into the proposal before the vote.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        False,
        "en",
        "Then I'd thank the shop owners for coming and we'd vote on the proposal as it is.",
    ),
    (
        "minority-voice",
        "respects-relation",
        True,
        "sv",
        "Jag pratar lugnt med butiksägarna, tar det de säger på allvar och ser till att ingen skrattar åt dem eller stressar fram något.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "sv",
        "Jag säger åt dem som vill rösta fort att vara tysta och vänta, och till butiksägarna att sluta sura.",
    ),
    # dialogue-design
    (
        "dialogue-design",
        "listening-phase",
        True,
        "en",
        "First we walk the park with people and jot down what they think, before any sketch exists.",
    ),
    (
        "dialogue-design",
        "listening-phase",
        False,
        "en",
        "First the housing office draws three options and shows them at an information evening.",
    ),
    (
        "dialogue-design",
        "meeting-phase",
        True,
        "sv",
        "Sedan bjuder vi in hundägarna, fotbollstränaren och grannarna till samma kväll vid små blandade bord för att höra varandra.",
    ),
    (
        "dialogue-design",
        "meeting-phase",
        False,
        "sv",
        "Sedan håller förvaltningen en presentation för allmänheten med frågor i slutet.",
    ),
    (
        "dialogue-design",
        "concretise-phase",
        True,
        "en",
        "From what came up we work out two or three real alternatives, such as building on a smaller corner, and test them with people.",
    ),
    (
        "dialogue-design",
        "concretise-phase",
        False,
        "en",
        "From what came up we write a long summary and keep it in the archive for later.",
    ),
    (
        "dialogue-design",
        "transparency",
        True,
        "sv",
        'Allt vi hör sätter vi upp på en skylt i parken och på webben, med frågan "Har vi missat något?", så att även de som inte var där kan följa med.',
    ),
    (
        "dialogue-design",
        "transparency",
        False,
        "sv",
        "Allt vi hör sparar vi i en mapp på kontoret så att vi har det när beslutet ska fattas.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", P)
def test_everyday_words(item, criterion, expected, lang, text):
    result = score(item, text, lang)
    assert result.criteria_map()[criterion] is expected, (result.reason, result.review_reasons)

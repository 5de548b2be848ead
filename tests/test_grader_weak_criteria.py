"""Everyday-words answers for the criteria the held-out sets found weakest (perspective-not-group,
why-it-matters, safe-to-say-no, no-suppression, own-role, names-stance). Written for these tests, in
everyday words without the course's terms; none comes from a labelled data set. Each probe checks one
criterion; a neutral sentence is added so that it is long enough to count as an attempt.
"""

from __future__ import annotations

import pytest

from grading import score

PAD = {
    "sv": "Jag tänker på mötet i Backa och på hur folk kände sig.",
    "en": "I am thinking about the meeting in Backa and how people felt about it.",
}

P = [
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "The shop owner is also a mum who drives her kids to school, so she carries more than one of these views herself.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "You can't sort the views by who says them: a pensioner and a teenager both worried about the bus getting slower.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "Worry about clean air came from a driver as well as from the environmental group, so a concern does not belong to one camp.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Samma person kan tycka flera saker på en gång, till exempel är handlaren också förälder och bilist.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Oron för luften kom både från en bilist och från miljögruppen, så en åsikt hör inte ihop med en viss grupp.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Man kan inte dela in åsikterna efter vem som säger dem, en pensionär och en tonåring var båda oroliga för bussen.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "Someone living in Backa might hate the toll and still be glad the air is better, people are not one thing.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Den som bor i Backa kan vara arg över avgiften och ändå glad för den renare luften, folk är inte bara en sak.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "en",
        "The residents think it is unfair and the shop owner fears losing customers to the mall.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "sv",
        "De boende tycker att det är orättvist och butiksägaren är rädd att tappa kunder.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "If we don't hear the night-shift workers, we will build something that doesn't work for them and they will fight it later.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "Without the young people the plan rests on half the story, and whatever we decide will be questioned.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Om vi hoppar över de unga blir beslutet sämre och de kommer inte att lita på oss nästa gång.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Glömmer vi dem som inte har bil så missar vi vilka som faktiskt får betala mest, och då blir det orättvist.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "Leaving out people without a car means the ones who pay the most are never asked, and that is how anger builds up.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "en",
        "Young people are missing from the excerpts, and so are people without a car.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "sv",
        "Ungdomar saknas i utdragen, och de som inte har bil.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "Before we vote I'd turn to the shop owners and say: I'd really like to hear what worries you, no one will hold it against you.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "I would tell the room that a different opinion helps us, and ask who sees problems with this placement.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "sv",
        "Innan vi röstar säger jag att det är helt okej att tycka något annat och frågar vad de ser för problem.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "sv",
        "Jag skulle vända mig till butiksägarna och säga att jag vill höra vad som oroar dem, ingen kommer att ta illa upp.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "I'd stop and ask: what would make this hard for you? Tell us, even if it goes against what most people here want.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        False,
        "en",
        "I would let the group vote by a show of hands and then thank everybody for coming.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        False,
        "sv",
        "Jag låter gruppen rösta med handuppräckning och tackar sedan alla för att de kom.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "en",
        "Next I'd open the next meeting by asking straight out what people have heard and what they think is already decided.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "Next time I'll keep a tight grip on the meeting so the jokes don't take over, and I'll ask the group admin to delete the worst posts.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "My next step is to send out a clear letter with the facts so people stop believing the gossip.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Nästa steg är att skicka ut ett tydligt brev med fakta så att folk slutar tro på skvallret.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Jag skulle be dem som skämtar att lägga ner det och hålla sig till saken.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "I would tell the jokers to knock it off and get back to the point.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "sv",
        "Nästa steg: jag tar upp ryktet på mötet och frågar vad som ligger bakom, utan att försöka bevisa att det är fel.",
    ),
    (
        "stance-experience",
        "own-role",
        True,
        "en",
        "Honestly I got a bit sharp with him, I could feel my neck going red.",
    ),
    (
        "stance-experience",
        "own-role",
        True,
        "sv",
        "Ärligt talat blev jag ganska sur på honom och märkte att jag inte ville höra mer.",
    ),
    (
        "stance-experience",
        "own-role",
        True,
        "en",
        "I remember thinking 'here we go again' and I kind of switched off while she talked.",
    ),
    (
        "stance-experience",
        "own-role",
        True,
        "sv",
        "Jag minns att jag tänkte 'nu igen' och slutade liksom höra vad hon sa.",
    ),
    (
        "stance-experience",
        "own-role",
        False,
        "en",
        "The manager got sharp with him and the meeting ended early.",
    ),
    (
        "stance-experience",
        "names-stance",
        True,
        "en",
        "Nobody had told the parents anything beforehand, so it all felt like a done deal, that was the openness that was missing.",
    ),
    (
        "stance-experience",
        "names-stance",
        True,
        "sv",
        "Föräldrarna fick inte veta något i förväg, det var öppenheten som saknades.",
    ),
    (
        "stance-experience",
        "names-stance",
        True,
        "en",
        "The parents never got to shape the plan, we just presented it, so there was no working it out together.",
    ),
    (
        "stance-experience",
        "names-stance",
        True,
        "sv",
        "Vi presenterade bara planen, föräldrarna fick aldrig vara med och forma den.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", P)
def test_weak_criterion_in_everyday_words(item, criterion, expected, lang, text):
    result = score(item, text + " " + PAD[lang], lang)
    assert result.attempt
    assert result.criteria_map()[criterion] is expected, (criterion, text)


def test_condition_is_not_a_refusal():
    # "if we skip them" supposes; "I would skip that" refuses the step
    supposed = score(
        "perspective-map",
        "Om vi hoppar över de unga blir beslutet sämre och de slutar lita på oss. " + PAD["sv"],
        "sv",
    )
    assert supposed.criteria_map()["why-it-matters"]


# Non-attempts in forms the earlier guards missed (written for these tests)
NON_ATTEMPTS = [
    (
        "resistance-line",
        "en",
        "resistance line jokes rumours withdrawal signal make visible invite the no do not suppress next step "
        "facilitator deep democracy",
        "keyword-list",
    ),
    (
        "minority-voice",
        "sv",
        "Hej! Jag förstår inte riktigt vad vi ska skriva här. Gäller det butiksägarna eller hela gruppen, "
        "och hur långt ska det vara? Tack",
        "question",
    ),
    (
        "dialogue-design",
        "en",
        "Dialogue is important in a democratic society. When people meet and talk they can understand each other "
        "better and find good solutions together. Facilitators play a key role in making this happen.",
        "no-answer",
    ),
    (
        "dialogue-design",
        "sv",
        "Dialog är viktigt i ett demokratiskt samhälle. När människor möts och pratar kan de förstå varandra "
        "bättre och hitta bra lösningar tillsammans. Samtalsledare spelar en viktig roll för att det ska bli av.",
        "no-answer",
    ),
]


@pytest.mark.parametrize("item,lang,text,reason", NON_ATTEMPTS)
def test_more_non_attempts(item, lang, text, reason):
    result = score(item, text, lang)
    assert not result.attempt
    assert result.points == 0
    assert result.reason == reason


def test_plan_with_a_general_remark_is_still_an_answer():
    # one general statement next to a concrete plan in the first person is an answer
    text = (
        "Dialog är viktigt i en demokrati. Först skulle jag gå runt i området och lyssna på dem som använder "
        "biblioteket, sedan bjuder jag in till ett möte där olika grupper får höra varandra, och till sist tar vi "
        "fram konkreta förslag som vi publicerar på webben."
    )
    result = score("dialogue-design", text, "sv")
    assert result.attempt
    assert result.points >= 2


# --- the review flag names only what is worth a look -------------------------------------------

RESISTANCE = (
    "Skämten, ryktena i gruppen och att färre kommer visar att motståndet växer på linjen. Det säger mig att "
    "något inte har fått plats. "
)


def test_a_clear_unwanted_move_is_not_flagged():
    # one plain sign of suppression: the guard is not met, and that decision is rarely wrong
    text = RESISTANCE + "Nästa steg: jag ber administratören att ta bort inläggen i gruppen."
    result = score("resistance-line", text, "sv")
    assert result.criteria_map()["no-suppression"] is False
    assert "no-suppression" not in result.review_criteria


def test_a_near_miss_is_flagged_and_named():
    # a consequence word without saying who is left out: half the cue weight, so a person looks
    text = (
        "Jag hör de boende som tycker att vardagen blev dyr och butiksägaren som tappar kunder. Unga människor "
        "saknas i utdragen. Det blir lätt mer konflikt."
    )
    result = score("perspective-map", text, "sv")
    assert result.criteria_map()["why-it-matters"] is False
    assert "why-it-matters" in result.review_criteria
    assert result.needs_review


# respects-relation: pressure in everyday words ("you're holding everyone up", "we don't have all day")
RELATION_PAD = {
    "sv": "Först frågar jag om fler delar oron, och vi lägger in butikernas behov i förslaget innan beslutet.",
    "en": "First I ask whether others share the worry, and we add the shops' needs to the proposal before deciding.",
}
RELATION = [
    (
        "minority-voice",
        "respects-relation",
        True,
        "sv",
        "Jag skulle vända mig till butiksägarna, tacka dem för att de säger ifrån och be dem berätta mer innan vi bestämmer något.",
    ),
    (
        "minority-voice",
        "respects-relation",
        True,
        "en",
        "I'd turn to the shop owners, thank them for speaking up and ask them to tell us more before anything is decided.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "en",
        "I'd thank the shop owners but tell them politely that they are holding everyone up and that we need to move on.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "sv",
        "Jag tackar butiksägarna men säger till dem att vi inte har hela dagen och att vi måste gå vidare nu.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "en",
        "I'd listen to them briefly, but we can't let a couple of grumbling shopkeepers hold up the whole room.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "sv",
        "Jag lyssnar kort, men vi kan inte låta ett par gnälliga handlare hålla upp hela rummet.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "sv",
        "Jag skulle skämta lite om gnällhörnan så att stämningen lättar, och sedan lyssnar vi på resten.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "en",
        "I'd listen, and then tell them to stop making a fuss about it so we can get on with the vote.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", RELATION)
def test_pressure_in_everyday_words(item, criterion, expected, lang, text):
    result = score(item, text + " " + RELATION_PAD[lang], lang)
    assert result.attempt
    assert result.criteria_map()[criterion] is expected, text

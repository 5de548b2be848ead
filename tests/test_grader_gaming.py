"""Gaming and non-attempts: answers that talk about the criteria instead of doing them, questions
to the teacher, generic paragraphs, keyword salad, negated steps and off-topic padding.

All texts are written for these tests (none comes from a labelled data set).
"""

from __future__ import annotations

import pytest

from grading import score

# --- non-attempts: each scores 0 and is not an attempt ------------------------------------------

NON_ATTEMPTS = {
    "pasted criteria (en)": (
        "stance-experience",
        "en",
        "Describes one specific situation from the learner's own experience, what kind of meeting and what "
        "happened, not only general statements. Names at least one of the five parts of the stance and ties "
        "it to what happened in that situation. Shows awareness of the learner's own perspective, reactions "
        "or role in it. States at least one concrete thing the learner would do differently next time.",
    ),
    "paraphrased criteria (en)": (
        "listening-response",
        "en",
        "My answer acknowledges the resident's feeling, for instance anger or frustration. It restates the "
        "substance in my own words and it does not defend the decision or argue. It also asks an open "
        "question that invites the resident to say more.",
    ),
    "paraphrased criteria (sv)": (
        "minority-voice",
        "sv",
        "Svaret gör det tryggt att säga emot och bjuder in nejet innan beslutet. Det undersöker om fler "
        "delar invändningen, även delvis, och föreslår att minoritetens bidrag läggs till i förslaget. "
        "Svaret behåller respekten och relationen med alla.",
    ),
    "course terms without punctuation (sv)": (
        "perspective-map",
        "sv",
        "perspektiv grupp saknat perspektiv synsätt farhågor legitimitet smalare bild hållbara lösningar "
        "destruktiv konflikt inventering röster utdrag boende pendlare",
    ),
    "course terms with commas (en)": (
        "resistance-line",
        "en",
        "resistance line, jokes, sarcasm, gossip, withdrawal, rising, signal, information, make visible, "
        "invite the no, rumours in the room, no suppression, next step",
    ),
    "course terms with full stops (sv)": (
        "dialogue-design",
        "sv",
        "Lyssnande fas. Inventering. Perspektiv möts. Ömsesidigt lärande. Konkreta alternativ. Förslag. "
        "Transparens. Återkoppling. Har vi missat något. Publicera.",
    ),
    "question to the teacher (en)": (
        "perspective-map",
        "en",
        "Sorry, I am not sure what the task wants here. Do we have to name every group in the excerpts, or is "
        "it enough to pick two? And how long should the answer be?",
    ),
    "question to the teacher (sv)": (
        "listening-response",
        "sv",
        "Hej! Jag förstår inte riktigt uppgiften. Ska jag skriva vad jag själv skulle säga till den boende "
        "eller vad en facilitator borde säga? Räcker det med några rader?",
    ),
    "generic paragraph (en)": (
        "perspective-map",
        "en",
        "This was an interesting read and it made me think a lot. Everyone seems to have a point and it is "
        "hard to say who is right. I think the city did its best in a difficult situation, and it is good "
        "that so many people could take part. It is never easy to make everybody happy.",
    ),
    "generic paragraph (sv)": (
        "dialogue-design",
        "sv",
        "Det här är en viktig fråga som berör många. Det finns alltid olika åsikter och det är svårt att göra "
        "alla nöjda. Jag tycker att kommunen gör så gott den kan och att det är bra att frågan diskuteras. "
        "Det blir nog bra till slut.",
    ),
}


@pytest.mark.parametrize("name", sorted(NON_ATTEMPTS))
def test_non_attempt_scores_zero(name):
    item, lang, text = NON_ATTEMPTS[name]
    result = score(item, text, lang)
    assert result.points == 0, (name, result.criteria_map())
    assert not result.attempt, (name, result.reason)
    assert result.message


# --- gaming: at most 1 of 4 ----------------------------------------------------------------------

GAMING = {
    "criterion names (en)": (
        "listening-response",
        "en",
        "The feeling is reflected. The content in your own words. No judgement. Invites more. I reflect the "
        "feeling and the content in my own words, I do not judge and I invite more.",
    ),
    "criterion names (sv)": (
        "minority-voice",
        "sv",
        "Tryggt att säga nej. Nejet sprids. Minoritetens visdom läggs till. Respekt och relation. Jag gör det "
        "tryggt att säga nej, sprider nejet, lägger till minoritetens visdom och respekterar relationen.",
    ),
    "intentions only (en)": (
        "listening-response",
        "en",
        "I would reflect the resident's feeling and restate the substance in my own words. I would not defend "
        "the decision or argue. Then I would ask an open question to invite the resident to say more.",
    ),
    "intentions only (sv)": (
        "stance-experience",
        "sv",
        "Jag skulle beskriva en konkret situation ur min egen erfarenhet och nämna en del av "
        "förhållningssättet. Jag skulle visa medvetenhet om min egen roll och mina reaktioner och ange en "
        "konkret sak jag skulle göra annorlunda nästa gång.",
    ),
    "intentions only, dialogue (en)": (
        "dialogue-design",
        "en",
        "I would start with a phase of listening to and collecting perspectives before solutions are "
        "proposed. Then a phase where perspectives meet for mutual learning, then a phase that turns what "
        "emerged into concrete options, and I would make the process visible and fed back.",
    ),
    "keyword salad in sentences (en)": (
        "perspective-map",
        "en",
        "Perspectives, groups, missing perspective. Legitimacy and narrower picture. Perspective is not a group, "
        "shift workers, young people, destructive conflict, durable solutions.",
    ),
    "generic essay (en)": (
        "resistance-line",
        "en",
        "Resistance is a natural part of all change processes. In Deep Democracy, the resistance line "
        "describes how resistance grows from jokes and sarcasm to gossip, withdrawal and finally open "
        "conflict or even violence. Many organisations try to avoid conflict, but conflict can be a source "
        "of learning. Good leaders understand that people need time to adapt to change. Communication is "
        "essential in every project, and listening is an important skill for everyone who works with the "
        "public. Democracy depends on participation, and participation depends on trust.",
    ),
    "generic essay (sv)": (
        "perspective-map",
        "sv",
        "Perspektiv är ett viktigt begrepp i all demokratisk dialog. Ett perspektiv är ett sätt att se på en "
        "fråga. I en stad finns det många perspektiv, och det är viktigt att kommunen lyssnar på invånarna. "
        "Dialog bygger på förtroende och förtroende bygger på att man blir hörd. Därför är medborgardialog "
        "en viktig del av demokratin i Sverige.",
    ),
    "negated steps (en)": (
        "listening-response",
        "en",
        "I would not say anything about how they feel and I would not repeat what they told me. I would not "
        "ask them any question either. I'd say: \"The tax was decided by parliament and it is not going to "
        'change."',
    ),
    "negated steps (sv)": (
        "minority-voice",
        "sv",
        "Jag skulle inte säga att det är okej att vara emot, och jag skulle inte fråga om någon annan delar "
        "oron. Jag skulle inte heller lägga till något från butiksägarna i förslaget. Vi röstar direkt så "
        "att vi blir klara.",
    ),
}


@pytest.mark.parametrize("name", sorted(GAMING))
def test_gaming_earns_at_most_one_point(name):
    item, lang, text = GAMING[name]
    result = score(item, text, lang)
    assert result.points <= 1, (name, result.criteria_map(), result.reason)


# --- padding with off-topic text never raises the score -----------------------------------------

PADDING = [
    "Our coffee machine broke again this week, so the whole office drinks tea. The lunch menu on Monday "
    "is pea soup and pancakes, on Tuesday fish with dill potatoes, on Friday tacos.",
    "Democracy is a form of government in which power rests with the people. Free elections, freedom "
    "of expression and the rule of law are its foundations in most countries.",
    "Veckans lunch: måndag köttbullar med potatismos, tisdag fiskgratäng, onsdag vegetarisk lasagne. "
    "Min dotter vägrade äta frukost i morse och katten sov hela dagen i fönstret.",
]

ANSWERS = [
    (
        "listening-response",
        "en",
        "I'd say: \"You're really angry, and I can hear why. The stations box Backa in and now every trip to "
        "the shop costs you. Tell me more about what that's like.\" I chose this to show I heard them.",
    ),
    (
        "perspective-map",
        "sv",
        "Jag hör att vardagen blivit dyr för de boende och att butiken tappar kunder. Det som saknas är de "
        "som inte har bil. Om de inte hörs blir bilden snävare.",
    ),
    (
        "resistance-line",
        "en",
        "Jokes, then gossip, then empty chairs: the resistance is rising. I would ask openly what lies "
        "behind the jokes at the next meeting.",
    ),
    (
        "minority-voice",
        "sv",
        "Jag stoppar omröstningen och säger att det är helt okej att vara emot. Sedan frågar jag om fler "
        "delar oron, även lite grann.",
    ),
]


@pytest.mark.parametrize("pad", range(len(PADDING)))
@pytest.mark.parametrize("answer", range(len(ANSWERS)))
def test_off_topic_padding_never_raises_the_score(answer, pad):
    item, lang, text = ANSWERS[answer]
    plain = score(item, text, lang)
    for padded in (
        PADDING[pad] + " " + text,
        text + " " + PADDING[pad],
        PADDING[pad] + " " + text + " " + PADDING[pad],
    ):
        result = score(item, padded, lang)
        assert result.points <= plain.points
        assert set(result.criteria_map()) == set(plain.criteria_map())
        for cid, met in result.criteria_map().items():
            assert not met or plain.criteria_map()[cid], (cid, padded)


# --- humble feedback for unmet criteria ----------------------------------------------------------

PARTIAL = {
    "listening-response": "I'd say: \"The tax was decided by parliament, so please calm down, it's only a few kronor.\" Facts first.",
    "minority-voice": "I would tell the shop owners to stop sulking and then we vote right away, because the majority has decided.",
    "resistance-line": "Next meeting I would keep strictly to the agenda and post the correct facts in the group so the rumours stop.",
    "perspective-map": "The excerpts had residents, a shop owner, a commuter, an official, a planner and an environmental voice in them.",
    "stance-experience": "Meetings at work are often tense when money is involved, and people tend to get upset about budgets and time.",
    "dialogue-design": "The library committee decides in June and the decision is then announced on the city's website as usual.",
}
BLAMING = (
    "wrong",
    "incorrect",
    "mistake",
    "you failed",
    "fel,",
    "fel.",
    "felaktig",
    "misslyckades",
    "du har fel",
)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("item", sorted(PARTIAL))
def test_unmet_feedback_is_humble(item, lang):
    result = score(item, PARTIAL[item], lang)
    unmet = [c for c in result.criteria if not c.met]
    assert unmet
    for c in unmet:
        low = c.feedback.lower()
        assert low.startswith(("i did not find", "jag hittade inte", "i read", "jag läste")), c.feedback
        assert not any(word in low for word in BLAMING), c.feedback


# --- review_criteria --------------------------------------------------------------------------


def test_review_criteria_name_the_unsure_criteria():
    # a feeling word without a clear "you feel": reflects-feeling is just below its threshold
    text = (
        'I would say: "Frustrating, yes. So the stations ring Backa and every errand costs you now. '
        'What would you want the city to know?" I chose this to stay with what they said.'
    )
    result = score("listening-response", text, "en")
    d = result.to_dict()
    assert d["review_criteria"] == result.review_criteria
    assert isinstance(d["needs_review"], bool)
    assert result.needs_review == bool(result.review_reasons)
    assert set(result.review_criteria) <= set(result.criteria_map())
    if result.review_criteria:
        assert result.needs_review
        assert any(r.startswith("unsure:") for r in result.review_reasons)
    assert "reflects-feeling" in result.review_criteria


def test_sure_answer_has_no_review_criteria():
    text = (
        "I'd say: \"You're really angry, and I can hear why. The stations box Backa in, every trip to the "
        "shop costs you, and nobody asked you first. Tell me more about what that's been like.\" I chose "
        "this to show I heard both the feeling and the facts before saying anything else."
    )
    result = score("listening-response", text, "en")
    assert result.points == 4
    assert result.review_criteria == []
    assert not result.needs_review


def test_non_attempt_has_no_review_criteria():
    result = score("listening-response", "", "en")
    assert result.review_criteria == [] and not result.attempt

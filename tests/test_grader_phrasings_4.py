"""Round 4: non-attempts, gaming and phrasings in learners' own words (issue 8, "Generalisation").

Every text here was written for these tests, in the kinds the issue names and the kinds of miss
found on fresh blind answers (everyday words, telegraphic notes, anecdote first, municipal jargon,
second-language writing); none is copied from a labelled answer.
"""

from __future__ import annotations

import pytest

from grading import score

# --- non-attempts: 0 points and not an attempt ----------------------------------------------------

NON_ATTEMPTS = {
    # pasted or paraphrased criterion descriptions, in shapes other than "To name ..."
    "criteria as third-person statements (sv)": (
        "resistance-line",
        "sv",
        "Placerar tecknen på motståndslinjen och noterar att motståndet stiger. Läser motståndet som "
        "information, en signal om att något behöver sägas. Föreslår att göra motståndet synligt och tryggt "
        "att uttrycka. Föreslår ett nästa steg som inte bygger på att tysta motståndet.",
    ),
    "what a good response does (en)": (
        "resistance-line",
        "en",
        "A good response places the signs on the resistance line and says whether it is rising. It should "
        "treat the resistance as information rather than a disturbance, suggest making it visible and safe "
        "to voice, and name a next step that does not suppress anyone.",
    ),
    "what one is meant to write (sv)": (
        "dialogue-design",
        "sv",
        "Här ska man beskriva en dialog som börjar med att lyssna in och samla perspektiv, sedan låter "
        "perspektiven mötas för ömsesidigt lärande, sedan gör det till konkreta förslag och hela tiden är "
        "öppen och återkopplar även till dem som inte var med.",
    ),
    "the task told back to the teacher (en)": (
        "stance-experience",
        "en",
        "You are supposed to describe a real meeting from your own work, say which parts of the stance were "
        "there or missing, show some awareness of your own role and reactions, and say what you would do "
        "differently next time.",
    ),
    "criteria as gerunds (en)": (
        "minority-voice",
        "en",
        "Making it safe to disagree. Checking if others share the objection. Adding the minority's wisdom to "
        "the proposal. Keeping respect and the relation with everyone.",
    ),
    "criteria in the passive (sv)": (
        "listening-response",
        "sv",
        "Känslan speglas, innehållet återges med egna ord, inget försvar eller tillrättavisning och en öppen "
        "fråga som bjuder in till mer.",
    ),
    # strings of course terms without punctuation (some with a stray function word)
    "course terms with stray function words (en)": (
        "minority-voice",
        "en",
        "safe to say no spread the no minority wisdom respect relation shop owners vote charrette objection "
        "invite the no majority decision",
    ),
    "course terms without punctuation (sv)": (
        "listening-response",
        "sv",
        "känsla spegla ilska frustration instängd innehåll egna ord ingen värdering öppen fråga berätta mer "
        "boende Backa betalstationer",
    ),
    "course terms without punctuation (en)": (
        "stance-experience",
        "en",
        "listening all perspectives relation co-creation transparency meeting upset own role defend next time "
        "differently",
    ),
    # a question to the teacher instead of an answer
    "asks which version of a course idea to use (en)": (
        "resistance-line",
        "en",
        "Quick question before I start: are we meant to use the resistance line from module 4 or our own idea "
        "of it? I wasn't sure if the rumours count as gossip. Thanks!",
    ),
    "asks which case and when it is due (sv)": (
        "dialogue-design",
        "sv",
        "Hej, vilken fråga ska vi välja, biblioteket eller en egen? Jag hittade inte exemplet i materialet. "
        "Och när ska det vara inlämnat?",
    ),
    "asks what is expected (sv)": (
        "minority-voice",
        "sv",
        "Jag är osäker på vad som förväntas här. Är det meningen att man ska skriva steg för steg eller "
        "räcker det med en kort text om hur man tänker?",
    ),
    "asks whether a private meeting counts (en)": (
        "stance-experience",
        "en",
        "Can this be about a meeting in my private life, like a housing association meeting, or does it have "
        "to be from work? I have never led a public meeting.",
    ),
    "asks where the material is (sv)": (
        "perspective-map",
        "sv",
        "Var hittar jag utdragen som uppgiften pratar om? Jag ser bara en bild på kartan i modulen. Kan någon "
        "skicka länken?",
    ),
    # a generic paragraph that answers nothing
    "thanks for the module (en)": (
        "listening-response",
        "en",
        "I have read through the module and I found it very useful. There is a lot to think about here and I "
        "will try to use it in my work. Thank you for a good course so far.",
    ),
    "will answer later (sv)": (
        "resistance-line",
        "sv",
        "Jag har inte hunnit läsa allt material ännu, så jag återkommer med ett svar senare i veckan. Det "
        "verkar vara ett komplicerat ämne med många sidor.",
    ),
    "it depends (en)": (
        "minority-voice",
        "en",
        "I don't really know what I would do here. It depends on so many things and every situation is "
        "different. It is not something you can plan in advance.",
    ),
    "many meetings over the years (sv)": (
        "stance-experience",
        "sv",
        "Jag har varit med om många möten under åren, både bra och dåliga. Det är alltid lärorikt att "
        "reflektera. Man lär sig något nytt varje gång.",
    ),
    "a hope for a good outcome (en)": (
        "dialogue-design",
        "en",
        "Libraries matter to many people and closing one is always a sad thing. I hope the city finds a good "
        "solution that works for most people in the end.",
    ),
    "declines to answer (en)": (
        "perspective-map",
        "en",
        "No comment, sorry. I am not comfortable writing about this case since I worked for the city at the "
        "time.",
    ),
    "it depends (sv)": (
        "minority-voice",
        "sv",
        "Jag vet inte riktigt vad jag skulle göra. Det beror på så mycket, och varje situation är unik. Det "
        "går inte att planera i förväg.",
    ),
}


@pytest.mark.parametrize("name", sorted(NON_ATTEMPTS))
def test_non_attempt_scores_zero(name: str) -> None:
    item, lang, text = NON_ATTEMPTS[name]
    result = score(item, text, lang)
    assert result.points == 0, (name, result.criteria_map())
    assert not result.attempt, (name, result.reason)


# --- gaming: at most 1 of 4 -----------------------------------------------------------------------

GAMING = {
    "criterion names stuffed around a fragment (en)": (
        "perspective-map",
        "en",
        "Perspective not group perspective not group. Why it matters why it matters. Missing perspective: "
        "yes. Names perspectives: residents feel the cost and the planner sees traffic. Consequence, "
        "legitimacy, durable solutions, destructive conflict.",
    ),
    "criterion ids then the same as a sentence (en)": (
        "resistance-line",
        "en",
        "locates stage conflict as signal make visible no suppression. The resistance is rising, it is a "
        "signal, make it visible, do not suppress it.",
    ),
    "a plan to meet the criteria (sv)": (
        "resistance-line",
        "sv",
        "Min plan: jag kommer att placera tecknen på motståndslinjen, tolka motståndet som en signal, "
        "synliggöra det och föreslå ett nästa steg utan att undertrycka något.",
    ),
    "what my answer will do (sv)": (
        "perspective-map",
        "sv",
        "I mitt svar tänker jag nämna två perspektiv, visa att perspektiv och grupp inte är samma sak, peka "
        "ut ett perspektiv som saknas och förklara varför det spelar roll.",
    ),
    "here I will show (en)": (
        "minority-voice",
        "en",
        "Here I will show that I make it safe to say no, that I spread the no to the others, that I add the "
        "minority's wisdom and that I keep the relation with everyone.",
    ),
    "generic essay on dialogue (sv)": (
        "dialogue-design",
        "sv",
        "Dialog är grunden för demokratin. När kommunen ska stänga ett bibliotek är det viktigt att "
        "medborgarna får komma till tals. Transparens är avgörande för förtroendet och delaktighet skapar "
        "legitimitet i alla beslut.",
    ),
    "generic essay on the stance (en)": (
        "stance-experience",
        "en",
        "Listening is essential for every leader. Including all perspectives plays a key role in good "
        "meetings, and relationships are the foundation of trust. Co-creation and transparency are important "
        "in a democratic society.",
    ),
    "each step refused (en)": (
        "resistance-line",
        "en",
        "I would not ask what the jokes are about and I would not bring the rumours up. I would not say that "
        "it is fine to be against it either. I would just show the map again and move on with the agenda.",
    ),
    "each phase refused (en)": (
        "dialogue-design",
        "en",
        "I would not start by listening to people and I would not let the different groups meet each other. "
        "I would not publish anything along the way. The council decides and we announce it.",
    ),
    "each part refused (sv)": (
        "perspective-map",
        "sv",
        "Jag tänker inte nämna några perspektiv eller säga att något saknas, och jag ser ingen anledning att "
        "förklara varför det skulle spela roll. Alla vet redan vad folk tycker.",
    ),
    "each part refused, own meeting (sv)": (
        "stance-experience",
        "sv",
        "Jag skulle inte beskriva något möte och jag tänker inte säga vad jag gjorde för fel. Jag skulle inte "
        "heller göra något annorlunda nästa gång.",
    ),
    "keyword salad with commas (en)": (
        "listening-response",
        "en",
        "reflect feeling, paraphrase content, no judgement, invite more, you feel angry, walled in, pay for "
        "errands, nobody asked, tell me more",
    ),
}


@pytest.mark.parametrize("name", sorted(GAMING))
def test_gaming_earns_at_most_one_point(name: str) -> None:
    item, lang, text = GAMING[name]
    result = score(item, text, lang)
    assert result.points <= 1, (name, result.criteria_map(), result.reason)


# --- terse real answers in the rubric's words stay attempts ---------------------------------------

TERSE = [
    (
        "perspective-map",
        "sv",
        "perspective-not-group",
        "Ett perspektiv är ett sätt att se på saken, inte en grupp – "
        "boende och pendlare kan dela samma oro för kostnaden.",
    ),
    (
        "resistance-line",
        "en",
        "conflict-as-signal",
        "Early on the line but climbing. Read it as a signal that "
        "something has not been said. Next meeting: raise the rumour openly.",
    ),
]


@pytest.mark.parametrize("item,lang,cid,text", TERSE)
def test_terse_answer_in_rubric_words_is_an_attempt(item: str, lang: str, cid: str, text: str) -> None:
    result = score(item, text, lang)
    assert result.attempt, result.reason
    assert result.criteria_map()[cid]

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
    # the task asked back and the scenario retold, with nothing added
    "task asked back, scenario retold (en)": (
        "minority-voice",
        "en",
        "How do I handle the moment before the decision, step by step? Most people at the charrette favour one "
        "placement, a few shop owners sit silent with their arms crossed and the group wants to vote right away.",
    ),
    "task asked back, scenario retold (sv)": (
        "listening-response",
        "sv",
        "Vad säger jag tillbaka till den boende? Hen är arg och säger att betalstationerna har murat in området, "
        "att de boende måste betala för vanliga ärenden och att ingen frågade dem.",
    ),
    # a generic essay in a generic "we"
    "generic essay with a generic we (en)": (
        "resistance-line",
        "en",
        "Resistance is a natural part of change. As facilitators we must always stay curious, and we must never "
        "treat people as obstacles. Every voice matters in a democracy, and good decisions come from trust.",
    ),
    "generic essay with a generic we (sv)": (
        "minority-voice",
        "sv",
        "Konflikter är en naturlig del av demokratin. Som samtalsledare måste vi alltid vara nyfikna, och vi får "
        "aldrig köra över någon. Varje röst räknas, och i en demokrati är minoritetens röst viktig.",
    ),
    # a complaint about the module and a question to the teacher
    "asks whether the module is optional (en)": (
        "dialogue-design",
        "en",
        "Honestly I don't run public meetings in my job, I mostly do invoicing. Could this part of the course be "
        "optional for people like me?",
    ),
    "asks why we need this (sv)": (
        "stance-experience",
        "sv",
        "Jag jobbar med lönehantering och har aldrig haft några möten med medborgare. Varför behöver vi göra den "
        "här delen om vi inte leder möten?",
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


# --- phrasings: answers that meet, and that narrowly miss, a criterion ---------------------------

# A neutral sentence added to each probe so that it is long enough to be an attempt; it meets nothing
# itself (test_the_pad_alone_meets_nothing).
PAD = {
    (
        "perspective-map",
        "en",
    ): "Among the voices I noticed someone living there, a shopkeeper, a person driving to work and somebody from the city.",
    (
        "perspective-map",
        "sv",
    ): "I utdragen läste jag en boende, en butiksägare, en pendlare, en tjänsteperson, en planerare och en miljöröst.",
    (
        "resistance-line",
        "en",
    ): "People laughed at the map, rumours went round in the group, and fewer came to the meeting after that.",
    (
        "resistance-line",
        "sv",
    ): "Folk skrattade åt kartan, rykten gick runt i gruppen och färre kom till mötet därpå.",
    ("minority-voice", "en"): "Most people in the room wanted to vote on the placement straight away.",
    ("minority-voice", "sv"): "De flesta i rummet ville rösta om placeringen direkt.",
    ("stance-experience", "en"): "I have thought about this question for a while now.",
    (
        "stance-experience",
        "sv",
    ): "Jag har funderat på den här frågan ett tag nu.",
    ("listening-response", "en"): "This happened near the end of the inventory evening.",
    (
        "listening-response",
        "sv",
    ): "Det här hände mot slutet av inventeringskvällen.",
    ("dialogue-design", "en"): "The issue is the planned closing of the local library branch.",
    ("dialogue-design", "sv"): "Frågan gäller den planerade nedläggningen av biblioteksfilialen.",
}

PROBES = [
    # perspective-map / why-it-matters: verb-first conditionals, a fix for only some, passing people by
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Frågar vi inte ungdomarna hamnar vi i en plan som bara är gjord för vuxna, och då kommer de inte att använda den.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "Leave the night workers out and the new timetable ends up serving day commuters only.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Hörs inte de äldre riskerar vi en lösning som går helt förbi dem.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "If the bus riders aren't asked, we'd be designing for drivers only and they would feel run over again.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Blir de inte tillfrågade kommer ilskan att ta andra vägar, till exempel i sociala medier.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "Without the carers in the room the plan might look fine, e.g. on a slide, but it won't actually help them, and that is how long-running fights start.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Tar vi inte med barnfamiljerna blir bilden förvrängd och beslutet gynnar bara bilägarna.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "Nobody is asking the wheelchair users, so we might build something that passes them by completely.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "sv",
        "De unga saknas i utdragen. Bussarna går bara för sällan på kvällen.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "en",
        "Nobody asked the teenagers. The fix for drivers is a new exemption.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "en",
        "If the teenagers aren't asked, that is a shame, I think.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "sv",
        "Ingen tänker på pensionärerna, och de står ofta i långa köer på vårdcentralen.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "sv",
        "Jag tycker det är viktigt att alla är med, det känns rätt.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "en",
        "The shop owner feels ignored by the city, but the teenagers are missing from the excerpts.",
    ),
    # perspective-map / perspective-not-group: two holders sharing a view, one holder with two, boxes that do not hold
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "The pensioner and the cyclist don't agree on much, yet the pensioner and the cyclist share a worry about the narrow pavement.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "The planner said something pretty similar to the resident, which surprised me.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "That mum has two opinion in same time, she hate the fee but like the quiet.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Oron för bussarna kom inte bara från pendlaren utan också från butiksägaren.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Samma oro hörde jag både hos tjänstepersonen och, konstigt nog, hos en av de boende.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "En människa kan bära flera synsätt, och det syntes tydligt hos föräldern.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "I stopped sorting the speakers into boxes and listened for what they cared about.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "Two people from opposite camps both wanted the same thing: a safer crossing.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Facken håller inte: en och samma person kan vara boende, bilist och butiksägare.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "The views don't line up with who is speaking at all.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Samma person kan ha 2 (bor där + kör bil till jobbet).",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "en",
        "The pensioner and the cyclist both came early and sat at the front.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "sv",
        "I utdragen finns två olika sätt att se på saken: dyrt för de boende och bra för miljön.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "en",
        "The residents said one thing and the officials said something completely different.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "sv",
        "Varje grupp har sin egen åsikt: de boende vill ha det billigare och regionen vill ha pengarna.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "en",
        "I put the voices into two boxes: people who live there and people who work for the city.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "sv",
        "Butiksägaren talade från scenen och sedan talade planeraren.",
    ),
    # resistance-line / no-suppression: out-arguing, correcting the rumour, ignoring, running by the agenda (not met); the same moves refused (met)
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Till nästa träff gör jag en tydligare presentation med bilder, så att de boende förstår varför stationerna behövs.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "Next time I'll walk them through it slowly so that people finally understand the reasons behind the plan.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "I would put out a short notice that nothing has been decided yet and leave it at that.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Jag skulle skriva ett inlägg om att ingenting är bestämt och sedan gå vidare med förslagen.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "I wouldn't waste the next meeting on the rumours; we will run it according to the agenda.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Vi ska inte ge Facebookgruppen någon uppmärksamhet, nästa möte följer vi planen.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "I'd focus on the people who still turn up and make the meeting really good for them.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Jag bryr mig inte om vad som skrivs på nätet; de som vill vara med får komma till mötet.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "Better communication will win them back, so I'd issue a clarifying statement in the group.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "My plan is to keep the next session tightly to the agenda to avoid any derailment.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "en",
        "I would not try to explain it better so they understand; next time I'd ask what the laughter was really about.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "sv",
        "Jag tänker inte köra enligt dagordningen den här gången, utan börjar nästa möte med att fråga vad skämten handlar om.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "en",
        "Rather than ignore the Facebook group, I'd go there myself and ask people what they have heard.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "sv",
        "Nästa gång skulle jag undvika att försvara kartan och i stället fråga vad folk ser i den.",
    ),
    # minority-voice / adds-minority-wisdom: asking what the minority needs and writing it in; safe-to-say-no: 'fritt fram', 'sees it differently', asking for dissent
    (
        "minority-voice",
        "adds-minority-wisdom",
        True,
        "en",
        "After the show of hands I'd ask the two shop owners what it would take for them to live with the placement, and we'd put that into the recommendation as conditions.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        True,
        "sv",
        "Sedan frågar jag butiksägarna vad de skulle behöva för att kunna stödja förslaget, och det arbetas in innan det skickas vidare.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        True,
        "en",
        "Then I'd ask which adjustments would help them, e.g. a loading bay, and add those conditions before anything leaves the room.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        True,
        "sv",
        "Minoriteten får säga vilka ändringar som krävs, och de skrivs in som en del av förslaget.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        True,
        "en",
        "We would rework the proposal around what the shop owners told us before the vote.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        False,
        "en",
        "I'd note the shop owners' worries in the minutes and send the proposal on unchanged.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        False,
        "sv",
        "Jag säger att kvaliteten i underlaget blir bättre när alla får säga sitt, och sedan röstar vi.",
    ),
    (
        "minority-voice",
        "adds-minority-wisdom",
        False,
        "en",
        "I'd ask the shop owners what they would need, and then we vote on the proposal as it stands.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "sv",
        "Innan vi röstar säger jag att det är fritt fram att säga emot, det gör bara förslaget starkare.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "sv",
        "Jag frågar: finns det någon som ser det annorlunda? Det är bra att säga, inte farligt.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "Before the vote I'd ask for dissenting views out loud and say that a no helps us.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "Is there anyone here who sees it differently? I really want to hear that before we decide.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        False,
        "en",
        "We should have asked for objections at the start, but now I'd just let the group vote.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        False,
        "sv",
        "Jag frågar om fler delar butiksägarnas oro, även lite grann.",
    ),
    # minority-voice / respects-relation: referring elsewhere, written submissions, majority framing, a minority veto (not met); a risk named, not done (met); spreads-the-no in second-language forms
    (
        "minority-voice",
        "respects-relation",
        False,
        "en",
        "I'd thank the shop owners and then refer them to the council's e-mail consultation, and the vote goes ahead as planned.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "sv",
        "Jag lyssnar på butiksägarna men säger att de får lämna in sina synpunkter skriftligt, sedan röstar vi.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "en",
        "I'd tell the shop owners kindly that most people here prefer this spot and we need to move on and vote.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "en",
        "I'd listen to the shop owners, and we won't vote at all unless the shop owners accept it, whatever the others think.",
    ),
    (
        "minority-voice",
        "respects-relation",
        False,
        "sv",
        "Jag lyssnar, men en liten grupp kan inte få bromsa hela processen, så vi röstar.",
    ),
    (
        "minority-voice",
        "respects-relation",
        True,
        "en",
        "I'd ask the shop owners what they need to accept the placement, thank them, and tell the majority their view still counts.",
    ),
    (
        "minority-voice",
        "respects-relation",
        True,
        "sv",
        "Jag vet att det är lätt att köra över den som är tyst, så jag vänder mig till butiksägarna och lyssnar först.",
    ),
    (
        "minority-voice",
        "respects-relation",
        True,
        "en",
        "I'd hold a short conversation with the shop owners to capture their needs, and thank both sides before we vote.",
    ),
    (
        "minority-voice",
        "spreads-the-no",
        True,
        "en",
        "Then I'd ask the room: somebody else feel a bit the same way about the shops?",
    ),
    (
        "minority-voice",
        "spreads-the-no",
        True,
        "sv",
        "Sedan frågar jag: någon mer som tänker ungefär samma sak om affärerna?",
    ),
    (
        "minority-voice",
        "spreads-the-no",
        False,
        "en",
        "Then I'd ask the shop owners whether they feel the same way after hearing the figures.",
    ),
    # resistance-line: the signal read in everyday words (not the course's words reported and rejected, not a knowledge gap); the trend in second-language words; making it visible by reading it aloud or giving room
    (
        "resistance-line",
        "conflict-as-signal",
        True,
        "en",
        "To me the empty chairs mean people have stopped believing the city will listen, and that is worth knowing.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        True,
        "sv",
        "Jag läser skratten som att folk inte tror att det går att påverka något.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        True,
        "en",
        "The sniggering is their way of saying they feel steamrolled.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        True,
        "sv",
        "Om folk slutar komma så säger det ju något om hur dialogen har skötts.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        True,
        "en",
        "There is a no here that nobody has been willing to hear yet.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        False,
        "sv",
        "Kursen säger att man ska se det som en signal, men jag tycker mest att de är otrevliga.",
    ),
    (
        "resistance-line",
        "conflict-as-signal",
        False,
        "en",
        "I see it as a signal that residents simply lack information about how the decision is made.",
    ),
    (
        "resistance-line",
        "locates-stage",
        True,
        "en",
        "First they make jokes, then they talk on the internet, now they don't come: it goes down, more and more.",
    ),
    (
        "resistance-line",
        "locates-stage",
        True,
        "sv",
        "Först fnissade folk, sen spreds det på nätet och nu stannar många hemma, det har blivit värre för varje gång.",
    ),
    (
        "resistance-line",
        "locates-stage",
        False,
        "sv",
        "Jag skulle förklara beslutet steg för steg på nästa möte, med skämt och rykten i bakhuvudet.",
    ),
    (
        "resistance-line",
        "make-visible",
        True,
        "en",
        "At the start of the next meeting I'd read the posts aloud and ask what is behind them.",
    ),
    (
        "resistance-line",
        "make-visible",
        True,
        "sv",
        "Nästa gång ger jag deltagarna utrymme att uttrycka sin oro och sina invändningar innan vi går vidare.",
    ),
    (
        "resistance-line",
        "make-visible",
        True,
        "en",
        "I'd bring what people wrote in the group, anonymised, to the meeting and give it the first half hour.",
    ),
    (
        "resistance-line",
        "make-visible",
        False,
        "en",
        "I'd read the agenda aloud and then move on to the station options.",
    ),
    # perspective-map / missing-perspective: 'what I don't hear', 'nobody is asking', 'a gap in the map', compounds; several group words alone are not a missing perspective; names-perspectives in everyday words
    (
        "perspective-map",
        "missing-perspective",
        True,
        "sv",
        "Det jag inte hör är hemtjänsten, som åker in och ut ur området hela dagarna.",
    ),
    (
        "perspective-map",
        "missing-perspective",
        True,
        "en",
        "Nobody is asking the wheelchair users, who need the bus more than anyone.",
    ),
    (
        "perspective-map",
        "missing-perspective",
        True,
        "en",
        "There is a gap in the map: people with limited mobility who rely on lifts to the health centre.",
    ),
    (
        "perspective-map",
        "missing-perspective",
        True,
        "sv",
        "Det som aldrig nämndes var hur det är för skolungdomarna på väg till träningen.",
    ),
    (
        "perspective-map",
        "missing-perspective",
        False,
        "en",
        "The kids at the school and the pupils in the choir all took part in the meeting.",
    ),
    (
        "perspective-map",
        "missing-perspective",
        False,
        "sv",
        "Barnen i skolan och eleverna i kören var med på mötet och sa sitt.",
    ),
    (
        "perspective-map",
        "names-perspectives",
        True,
        "en",
        "One view is that buying food got expensive; another is that the area feels like a wall around it.",
    ),
    (
        "perspective-map",
        "names-perspectives",
        True,
        "sv",
        "Jag hör att det blivit dyrt att bo här och att ingen frågade de boende först.",
    ),
    (
        "perspective-map",
        "names-perspectives",
        True,
        "en",
        "The residents want it cheaper, and the region wants the money for trains.",
    ),
    (
        "perspective-map",
        "names-perspectives",
        False,
        "en",
        "The voices were a resident, a shop owner and a commuter from the region.",
    ),
    # stance-experience: a part named as missing in everyday words (met), a bare list or plural meetings (not met); habitual or 'a pattern' is no single situation; own defensiveness and tendencies; a vague intention about the stance is no concrete step
    (
        "stance-experience",
        "names-stance",
        True,
        "en",
        "At the parents' evening about the new school route last May, what we didn't do was really listen to the parents who were angry.",
    ),
    (
        "stance-experience",
        "names-stance",
        True,
        "sv",
        "På föreningsstämman i höstas fick medlemmarna aldrig veta varför avgiften höjdes, och det kändes som något som gjordes mot dem.",
    ),
    (
        "stance-experience",
        "names-stance",
        False,
        "sv",
        "På mötet i våras tänkte jag på lyssnande, perspektiv, relation, medskapande och transparens, och att en del av det nog saknades.",
    ),
    (
        "stance-experience",
        "names-stance",
        False,
        "en",
        "In those meetings the part that is missing is transparency, as it always is in steering groups.",
    ),
    (
        "stance-experience",
        "concrete-situation",
        False,
        "en",
        "I often sit in consultations where residents and the planning office disagree about parking.",
    ),
    (
        "stance-experience",
        "concrete-situation",
        False,
        "sv",
        "Det är inte ett enda möte utan ett mönster: i många styrgrupper tystnar folk när det blir spänt.",
    ),
    (
        "stance-experience",
        "own-role",
        True,
        "sv",
        "När grannarna skyllde på föreningen gick jag direkt i försvar och hörde inte vad de sa.",
    ),
    (
        "stance-experience",
        "own-role",
        True,
        "en",
        "I'm conflict-averse, and I think I contributed to the silence by rushing to the next item.",
    ),
    (
        "stance-experience",
        "own-role",
        False,
        "sv",
        "I min roll som samordnare arbetar jag utifrån tydliga rutiner och en bra dagordning.",
    ),
    (
        "stance-experience",
        "next-step",
        True,
        "en",
        "If I chair a meeting like that again, I will open by saying what is already fixed and what is still open.",
    ),
    (
        "stance-experience",
        "next-step",
        False,
        "sv",
        "Framöver vill jag arbeta mer medvetet med förhållningssättet i mina möten.",
    ),
    (
        "stance-experience",
        "next-step",
        False,
        "en",
        "In the future I want to ensure that all five parts are there in every meeting I run.",
    ),
    # dialogue-design: proposals built on what emerged, alternatives to the committee; publishing only the decision or sending minutes only to participants is not transparency; people who see it differently at one table
    (
        "dialogue-design",
        "concretise-phase",
        True,
        "sv",
        "När samtalen är klara skriver vi ihop två förslag som bygger på det som kom fram, och de går till nämnden.",
    ),
    (
        "dialogue-design",
        "concretise-phase",
        True,
        "en",
        "After the workshops we would draft options based on what people said and take them to the council.",
    ),
    (
        "dialogue-design",
        "concretise-phase",
        True,
        "sv",
        "Steg tre: 2–3 alternativ till nämnden, gjorda av det som sagts i grupperna.",
    ),
    (
        "dialogue-design",
        "concretise-phase",
        False,
        "en",
        "After the workshops we thank everyone and close the project with a small party.",
    ),
    (
        "dialogue-design",
        "transparency",
        False,
        "sv",
        "Information om nämndens beslut läggs ut på stadens webbplats när det är klart.",
    ),
    (
        "dialogue-design",
        "transparency",
        False,
        "en",
        "The minutes are sent only to the participants after each evening.",
    ),
    (
        "dialogue-design",
        "transparency",
        True,
        "en",
        "Everything we hear is posted on the library wall and online, and we ask people whether we got it right, also those who never came.",
    ),
    (
        "dialogue-design",
        "meeting-phase",
        True,
        "en",
        "Then we put people who see it differently at the same table, so the pensioner hears the student and the other way round.",
    ),
    (
        "dialogue-design",
        "meeting-phase",
        True,
        "sv",
        "Sedan får de som ser olika på saken sitta tillsammans i små grupper och lära sig av varandra.",
    ),
    (
        "dialogue-design",
        "meeting-phase",
        False,
        "en",
        "Then the library manager presents the budget to the audience and answers questions.",
    ),
    # listening-response: a paraphrase in municipal words; defending the tax or correcting 'nobody asked' in the words said back
    (
        "listening-response",
        "paraphrases-content",
        True,
        "sv",
        'Jag säger: "Om jag förstår dig rätt upplever du stationerna som en barriär runt Backa, och att de boende aldrig har konsulterats."',
    ),
    (
        "listening-response",
        "paraphrases-content",
        True,
        "en",
        'I\'d say: "So the stations feel like a barrier around Backa, and people here were never consulted about it."',
    ),
    (
        "listening-response",
        "no-judgement",
        False,
        "sv",
        'Jag säger: "Jag hör att du är arg. Men skatten behövs för kollektivtrafiken, det vet du."',
    ),
    (
        "listening-response",
        "no-judgement",
        False,
        "en",
        "I'd say: \"I get that you're angry, but there has actually been a chance to give your views in the consultation.\"",
    ),
    (
        "listening-response",
        "no-judgement",
        True,
        "en",
        "I'd say: \"You're angry that every errand costs you now and nobody asked you first. What has that been like?\"",
    ),
    # a second batch for the four weak criteria, written after the fixes above and run once before fixing it (5 of 24 red)
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "Forget the night-bus riders and the timetable gets built around office hours, so they end up stranded.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Glömmer vi pendlarna utan bil får vi ett beslut som bara funkar för dem som kör, och då växer ilskan.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "en",
        "If the carers aren't heard, the plan may look tidy but it will fall apart the first week.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        True,
        "sv",
        "Utan de unga i rummet blir underlaget ensidigt och lösningen håller inte i längden.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "en",
        "The carers are not in the excerpts. The buses are already full in the morning.",
    ),
    (
        "perspective-map",
        "why-it-matters",
        False,
        "sv",
        "De unga hörs inte i utdragen, och de åker ofta buss till skolan.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "The planner also drives through the station every day, so she has a resident's worry too.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "Pendlaren och miljörösten säger nästan samma sak om luften, fast de står på olika sidor.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "en",
        "You can't sort these views by who said them; a shopkeeper and a pensioner both fear the pharmacy will close.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        True,
        "sv",
        "En och samma person kan vara både bilist och förälder och tycka olika saker som det.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "en",
        "The shopkeeper and the pensioner both live in Backa and both came to the meeting.",
    ),
    (
        "perspective-map",
        "perspective-not-group",
        False,
        "sv",
        "Varje grupp hade sin åsikt och det var lätt att se vem som tyckte vad.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "Next time I'd hand out a fact sheet at the door so people can see it's not decided and stop worrying.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Jag skulle be någon från förvaltningen förklara tydligare, så att de boende förstår hur processen ser ut.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "en",
        "I'd leave the Facebook group alone and focus the meeting on the people who actually want to contribute.",
    ),
    (
        "resistance-line",
        "no-suppression",
        False,
        "sv",
        "Nästa möte kör jag enligt planen och tar frågor om ryktena i slutet om det finns tid.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "en",
        "Next time I'd open by saying I've heard it's 'already decided' and ask people to tell me what makes it feel that way.",
    ),
    (
        "resistance-line",
        "no-suppression",
        True,
        "sv",
        "Jag skulle inte rätta ryktet, utan fråga öppet vad folk har hört och varför det känns så.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "Before the vote: 'If anyone here thinks this is the wrong spot, now is a good time to say it, no hard feelings.'",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "sv",
        "Innan vi röstar säger jag att det är helt okej att säga emot, och att ingen kommer att tycka sämre om den som gör det.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "en",
        "I'd pause and say a no is as useful to us as a yes, and ask who has doubts.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        True,
        "sv",
        "Jag frågar: 'Är det någon som ser det annorlunda? Säg det gärna, det hjälper oss.'",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        False,
        "en",
        "I'd tell the shop owners they can send their objections by e-mail after we've voted.",
    ),
    (
        "minority-voice",
        "safe-to-say-no",
        False,
        "sv",
        "Jag frågar om de andra håller med butiksägarna, och sedan röstar vi.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES)
def test_phrasing(item: str, criterion: str, expected: bool, lang: str, text: str) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, (text, result.reason)
    assert result.criteria_map()[criterion] is expected, text


@pytest.mark.parametrize("item,criterion", sorted({(p[0], p[1]) for p in PROBES}))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pad_alone_meets_nothing(item: str, criterion: str, lang: str) -> None:
    pad = PAD[(item, lang)]
    result = score(item, pad + " " + pad.replace(".", " again."), lang)
    assert result.criteria_map()[criterion] is False


# --- padding a met probe with off-topic text never adds a criterion ----------------------------------

OFF_TOPIC = {
    "en": "Our team moved to a new floor this spring and the coffee machine still isn't working. On Fridays we "
    "usually have cake, and last week someone brought a lemon pie that everyone liked.",
    "sv": "Vårt team flyttade till en ny våning i våras och kaffemaskinen fungerar fortfarande inte. På fredagar "
    "brukar vi ha fika, och förra veckan bjöd någon på en citronpaj som alla tyckte om.",
}


# stance-experience is left out: an off-topic anecdote ("last week someone brought a pie") can add
# to concrete-situation, whose cues are a specific past situation of any kind (docs/grader.md, Round 4)
@pytest.mark.parametrize("probe", [p for p in PROBES if p[2] and p[0] != "stance-experience"][::3])
def test_off_topic_padding_adds_nothing(probe: tuple[str, str, bool, str, str]) -> None:
    item, _, _, lang, text = probe
    plain = score(item, text + " " + PAD[(item, lang)], lang).criteria_map()
    for padded in (OFF_TOPIC[lang] + " " + text, text + " " + OFF_TOPIC[lang]):
        result = score(item, padded + " " + PAD[(item, lang)], lang).criteria_map()
        assert all(plain[c] or not met for c, met in result.items()), (text, result)

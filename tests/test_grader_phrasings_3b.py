"""Round 3b phrasing probes for the criteria that stayed weakest on held-out answers
(why-it-matters, perspective-not-group, no-suppression, safe-to-say-no, respects-relation,
concrete-situation).

Written for these tests from the meanings in the assessment spec, in the styles learners use that the
cue lists missed: everyday words without course terms, telegraphic notes, an anecdote before the
answer, municipal jargon, and second-language Swedish/English. None comes from a labelled data set.
Each probe checks one criterion; the misses are close: the concept named without doing it, negated,
only intended, or a neighbouring criterion. A neutral sentence per item and language (checked below
not to meet the criterion on its own) makes each probe long enough to be an attempt.
"""

from __future__ import annotations

import pytest

from grading import score

PAD = {
    (
        "perspective-map",
        "en",
    ): "The excerpts had residents, a shop owner, a commuter, an official, a planner and an environmental voice.",
    (
        "perspective-map",
        "sv",
    ): "I utdragen fanns boende, en butiksägare, en pendlare, en tjänsteperson, en planerare och en miljöröst.",
    (
        "resistance-line",
        "en",
    ): "The jokes at the meeting and the posts in the group show that the resistance is growing.",
    ("resistance-line", "sv"): "Skämten på mötet och inläggen i gruppen visar att motståndet växer.",
    (
        "minority-voice",
        "en",
    ): "After that we would add the needs of the shops to the proposal before the decision.",
    ("minority-voice", "sv"): "Efter det lägger vi in butikernas behov i förslaget innan beslutet.",
    ("stance-experience", "en"): "Next time I would listen more and ask more questions before I answer.",
    ("stance-experience", "sv"): "Nästa gång skulle jag lyssna mer och ställa fler frågor innan jag svarar.",
}

WHY = "why-it-matters"
NOT_GROUP = "perspective-not-group"
NO_SUPP = "no-suppression"
SAFE = "safe-to-say-no"
RELATION = "respects-relation"
CONCRETE = "concrete-situation"

PROBES = [
    # --- perspective-map / why-it-matters: a left-out perspective and what leaving it out leads to
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "Nobody asked the night-shift nurses. If they are not in the room, the plan is made for people who work nine to five and it falls flat for everyone else.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "Missing: people without a car. Leave them out -> decision built on half the facts, and it hits them hardest.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "My neighbour uses a wheelchair and her bus stop was moved without anyone asking her. Same here: if disabled people are not heard, the stations can block their only route and nobody notices until it is too late.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "Absent stakeholder group: young people. Without their input the decision basis is incomplete and the measure risks low acceptance in the target group.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "The young people is not asked. Then they feel the decision is not for them and they will not follow it, maybe they get angry later.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "If we forget the shift workers, we only see the problems of people with normal hours, so the solution ends up wrong for a big part of Backa.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "Without the kids' view we would end up with a plan that looks good on paper but doesn't work in real life.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "Leaving out the elderly means they will be angry later and the whole thing gets stuck in complaints for years.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "People without a car are missing from the excerpts. I would invite them to the next meeting.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "The young people are left out of the excerpts, which is a pity because they live there too.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "It would be important to explain why leaving them out matters, and I plan to do that next time.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "Shift workers are missing, and there was already a lot of conflict at the meeting about the map.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "Young people are not heard in the excerpts, and I will ask the youth centre to help us reach them.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Ingen har frågat dem som jobbar natt. Blir de inte hörda planerar vi bara för dem som jobbar nio till fem, och då funkar lösningen dåligt för resten.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Saknas: unga utan bil. Följd: beslutet vilar på halva bilden, och de drabbas mest.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Min granne sitter i rullstol och hennes busshållplats flyttades utan att någon frågade henne. Samma risk här: hörs inte personer med funktionsnedsättning kan stationerna stänga deras enda väg, och det märks först när det är för sent.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Målgruppen unga saknas i underlaget. Utan deras synpunkter blir beslutsunderlaget bristfälligt och åtgärden riskerar låg acceptans.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Ungdomar är inte med. Då de tänker beslutet är inte för dem och de följer inte det, kanske de blir arga senare.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Om vi glömmer skiftarbetarna ser vi bara problemen för folk med vanliga tider, och då blir lösningen fel för en stor del av Backa.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Tar vi inte med barnens syn får vi en plan som ser bra ut på papperet men inte fungerar i verkligheten.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Lämnar vi de äldre utanför blir de arga senare och hela frågan fastnar i klagomål i flera år.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Personer utan bil saknas i utdragen. Jag skulle bjuda in dem till nästa möte.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "De unga finns inte med i utdragen, och det är synd eftersom de också bor där.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Det är viktigt att förklara varför det spelar roll att de saknas, och det tänker jag göra nästa gång.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Skiftarbetarna saknas, och det var redan mycket konflikt på mötet om kartan.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Unga hörs inte i utdragen, och jag ska be fritidsgården hjälpa oss att nå dem.",
    ),
    # --- perspective-map / perspective-not-group: a view is not owned by a group
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "The shopkeeper lives in Backa too, so she is worried both about her customers and about the air her kids breathe.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Cost worry: residents + shop owner + commuter. Same view, three groups.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "At my own job the union rep and the manager wanted exactly the same thing once we listened. Here too: the planner and a resident both want less queuing, so a view isn't owned by any group.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "The stakeholder analysis should be organised by interests rather than by actor categories, since one actor can represent several interests.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "One person can think many things in same time, she is mother and also she drive car to work.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Don't think 'the residents want X'. Some residents want cleaner air like the environmental voice, others mostly care about the cost.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "The commuter and the environmental person agree on one thing, better buses, even though they are on opposite sides otherwise.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Just because someone is a city official doesn't mean they only have the city's view; they may be a parent in Backa as well.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "I heard residents, a shop owner, a commuter and an official, and each group had its own opinion.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "The residents are against the stations and the planner is for them, so there are two sides.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "I wanted to show that perspectives are not the same as groups, but I ran out of time.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "Each group should get its own slot to present its perspective at the next meeting.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Butiksägaren bor själv i Backa, så hon oroar sig både för kunderna och för luften som hennes barn andas.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Oro för kostnad: boende + butiksägare + pendlare. Samma syn, tre grupper.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "På mitt jobb ville facket och chefen precis samma sak när vi väl lyssnade. Här också: planeraren och en boende vill båda ha mindre köer, så en åsikt ägs inte av någon grupp.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Intressentanalysen bör utgå från intressen snarare än aktörskategorier, eftersom en aktör kan företräda flera intressen.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "En person kan tycka många saker samtidigt, hon är mamma och hon kör också bil till jobbet.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Man ska inte tänka att 'de boende vill X'. Vissa boende vill ha renare luft som miljörösten, andra bryr sig mest om kostnaden.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Pendlaren och miljörösten är överens om en sak, bättre bussar, fast de annars står på olika sidor.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Bara för att någon är tjänsteperson betyder det inte att hen bara har kommunens syn; hen kan vara förälder i Backa också.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Jag hörde boende, en butiksägare, en pendlare och en tjänsteperson, och varje grupp hade sin egen åsikt.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "De boende är emot stationerna och planeraren är för dem, så det finns två sidor.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Jag ville visa att perspektiv inte är samma sak som grupper, men tiden tog slut.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Varje grupp ska få en egen stund att presentera sitt perspektiv på nästa möte.",
    ),
    # --- resistance-line / no-suppression: a next step that does not silence, ignore, control or out-argue
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "At the next meeting I'd start by saying out loud that I have seen the jokes and the posts, and ask what is behind them.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "Next step: visit the Facebook group, ask what people are worried about, bring it to the meeting.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "I once had staff mocking a new schedule, and what helped was asking them straight what they didn't trust. So here I'd go to Backa, meet the people who stopped coming and ask what they need to come back.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "Proposed measure: an open dialogue session where the residents' concerns are collected and documented, with feedback to all participants.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "I will ask the people why they laugh, maybe they have a reason, and I say the decision is not taken yet if that is true.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "I'd invite the ones who posted in the group for a coffee and just listen to what they think is already decided.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "Next time I'd tell them firmly that the joking ends now, so that we get through the agenda.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "I would ask the person who runs the Facebook group to delete the rumours before the next meeting.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "My plan: a clear fact sheet to every household so people quit spreading nonsense.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "I would simply not react to the laughing and carry on with my presentation.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "We should make sure the sceptics don't get the floor too much, so the meeting stays calm.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "På nästa möte börjar jag med att säga högt att jag har sett skämten och inläggen, och fråga vad som ligger bakom.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Nästa steg: gå in i Facebookgruppen, fråga vad folk oroar sig för, ta med det till mötet.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "En gång skämtade personalen om ett nytt schema, och det som hjälpte var att fråga rakt ut vad de inte litade på. Så här skulle jag åka till Backa, träffa dem som slutat komma och fråga vad som behövs för att de ska komma tillbaka.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Föreslagen åtgärd: ett öppet dialogtillfälle där de boendes synpunkter samlas in och dokumenteras, med återkoppling till alla deltagare.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Jag ska fråga folket varför de skrattar, kanske de har en anledning, och jag säger beslutet är inte taget än om det är sant.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Jag skulle bjuda dem som skrev i gruppen på en fika och bara lyssna på vad de tror redan är bestämt.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Nästa gång säger jag bestämt att skämtandet får ta slut nu så att vi hinner med dagordningen.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Jag ber den som driver Facebookgruppen att radera ryktena innan nästa möte.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Min plan: ett tydligt faktablad till varje hushåll så att folk slutar sprida dumheter.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Jag skulle helt enkelt inte låtsas om skrattet och köra vidare med min presentation.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Vi bör se till att kritikerna inte får ordet för mycket, så att mötet blir lugnt.",
    ),
    # --- minority-voice / safe-to-say-no: disagreeing made safe, the "no" invited before deciding
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "Before we vote I'd say: if anyone here thinks this is a bad idea, I really want to hear it now.",
    ),
    ("minority-voice", SAFE, True, "en", "Stop the vote. Ask openly: who has doubts? No judgement."),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "In my team the quiet ones only spoke up when I said it was fine to pull the plan apart. So I'd tell the room that tearing this proposal apart is allowed before we decide.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "Prior to the decision, the facilitator explicitly opens the floor for opposing viewpoints and ensures they can be voiced without repercussions.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "I say to them: you can say no, it is no problem, nobody will be angry on you.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "I'd look at the shop owners and say: you don't look happy with this, and that's completely OK, tell us.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "Nobody will be punished for saying this is a bad idea, and I'd say that before anyone votes.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd ask whether anyone else shares the shop owners' worry about their business.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd go straight to the vote since most people in the room already agree.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "It would be good to invite the no, but there is no time, so we vote.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd tell them that objections are not helpful right now, since we are nearly done.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd explain the proposal again so the shop owners understand why it is good for everyone.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Innan vi röstar säger jag: om någon här tycker att det här är en dålig idé vill jag verkligen höra det nu.",
    ),
    ("minority-voice", SAFE, True, "sv", "Stoppa omröstningen. Fråga öppet: vem tvekar? Ingen dömer."),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "I min arbetsgrupp sa de tysta något först när jag sa att det var fritt fram att plocka isär planen. Så jag skulle säga till rummet att det är tillåtet att sabla ner förslaget innan vi bestämmer.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Innan beslut öppnar samtalsledaren uttryckligen för avvikande synpunkter och säkerställer att de kan framföras utan negativa följder.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Jag säger till dem: ni kan säga nej, det är inget problem, ingen blir arg på er.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Jag skulle titta på butiksägarna och säga: ni ser inte nöjda ut, och det är helt okej, berätta.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Ingen kommer att straffas för att säga att det här är fel, och det säger jag innan någon röstar.",
    ),
    ("minority-voice", SAFE, False, "sv", "Jag frågar om fler delar butiksägarnas oro för sina affärer."),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Jag går direkt till omröstningen eftersom de flesta i rummet redan är överens.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Det vore bra att bjuda in nejet, men vi har inte tid, så vi röstar.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Jag säger att invändningar inte hjälper just nu, eftersom vi nästan är klara.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Jag förklarar förslaget igen så att butiksägarna förstår varför det är bra för alla.",
    ),
    # --- minority-voice / respects-relation: the shop owners taken seriously, nobody ridiculed or pushed
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "I'd go over to the shop owners, sit down with them and ask what the station would mean for their shops.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "Pause. Turn to the shop owners: your business matters, tell us. Also thank the majority for waiting.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "I once saw a chair laugh off a small group and they never came back. So I'd take the muttering seriously and ask him what he means by killing the business.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "The facilitator ensures that all parties are treated with respect and that the affected businesses' concerns are given due weight before any decision.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "I listen to the shop owners with respect, they have real problem, and I also tell the others their wish is important.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "Both sides deserve to be heard: I'd make sure the majority doesn't feel ignored while we give the shop owners time.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd tell the shop owners that crossing their arms won't change anything and that we are voting now.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd make a little joke about the grumpy corner to get a laugh, and then ask them.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd let the majority vote right away; the shop owners can complain afterwards.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd tell the one who mutters, in front of everyone, that that kind of talk doesn't help.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd listen to the shop owners but make clear that their business is not the meeting's concern.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Jag går bort till butiksägarna, sätter mig hos dem och frågar vad stationen skulle betyda för deras butiker.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Paus. Vänd mig till butiksägarna: er verksamhet spelar roll, berätta. Tacka också de andra för att de väntar.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "En gång såg jag en ordförande skratta bort en liten grupp och de kom aldrig tillbaka. Så jag tar muttrandet på allvar och frågar honom vad han menar med att det dödar affären.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Samtalsledaren säkerställer att alla parter bemöts med respekt och att de berörda näringsidkarnas synpunkter får tyngd innan beslut.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Jag lyssnar på butiksägarna med respekt, de har riktigt problem, och jag säger också till de andra att deras önskan är viktig.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Båda sidor ska bli hörda: jag ser till att majoriteten inte känner sig bortglömd medan vi ger butiksägarna tid.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag säger till butiksägarna att det inte hjälper att sitta med armarna i kors och att vi röstar nu.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag skämtar lite om surhörnan för att få ett skratt, och sedan frågar jag dem.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag låter majoriteten rösta direkt; butiksägarna kan klaga efteråt.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag säger inför alla till den som muttrar att sånt snack inte hjälper.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag lyssnar på butiksägarna men gör klart att deras affärer inte är mötets sak.",
    ),
    # --- stance-experience / concrete-situation: one real situation, not general statements
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "Our school merged two classes, and at the parents' meeting a dad banged his fist and said nobody had asked them.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "Workplace meeting, reorganisation, spring. Staff angry about the new shifts. I chaired.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "There was this evening at the community centre about a new playground; two neighbours started arguing over parking and the whole thing derailed.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "At a consultation meeting on the detailed development plan for our district, residents expressed strong dissatisfaction with the proposed building height.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "In my work we had meeting about new computer system, and my colleagues was very angry because nobody ask them before.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "When our housing association met about the rent rise, an older woman cried and said she can't afford to stay.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "Meetings where people disagree are common in my job, and they often get tense and loud.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "I can't think of one particular meeting, they all blur together after so many years.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "In general I think listening is the most important part of the stance for any facilitator.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "I would like to tell about a meeting, but I have never led or attended one like that.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "Vår skola slog ihop två klasser, och på föräldramötet slog en pappa näven i bordet och sa att ingen frågat dem.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "APT, omorganisation, i våras. Personalen arg över de nya schemana. Jag ledde.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "Det var en kväll på fritidsgården om en ny lekplats; två grannar började bråka om parkering och allt spårade ur.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "Vid ett samrådsmöte om detaljplanen för vår stadsdel framförde de boende starkt missnöje med den föreslagna byggnadshöjden.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "På min jobb vi hade möte om nytt datasystem, och mina kollegor var mycket arga för ingen fråga dem innan.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "När vår bostadsrättsförening hade stämma om avgiftshöjningen grät en äldre dam och sa att hon inte har råd att bo kvar.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Möten där folk är oense är vanliga i mitt jobb, och de blir ofta spända och högljudda.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Jag kan inte komma på ett särskilt möte, de flyter ihop efter så många år.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Generellt tycker jag att lyssnande är den viktigaste delen av förhållningssättet för en samtalsledare.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Jag skulle vilja berätta om ett möte, men jag har aldrig lett eller varit med på något sådant.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES)
def test_weak_criterion_phrasing(item: str, criterion: str, expected: bool, lang: str, text: str) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


@pytest.mark.parametrize("item,criterion", sorted({(p[0], p[1]) for p in PROBES}))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pad_alone_does_not_meet_the_criterion(item: str, criterion: str, lang: str) -> None:
    # otherwise a "met" probe could pass on the pad, not on its own words
    pad = PAD[(item, lang)]
    result = score(item, pad + " " + pad.replace(".", " again."), lang)
    assert result.criteria_map()[criterion] is False


# A second batch, written after the rule changes above and run once before any further change, to see
# whether those changes generalise beyond the answers they were made for (see docs/grader.md, Round 3b).
PROBES_2 = [
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "Teenagers aren't in any of the excerpts. Then the toll stations get planned around adults, and the kids who bike to practice end up with a longer, more dangerous way.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "No voice from people on low incomes. If we skip them, the ones who can least afford the fee pay the most, and nobody at the table even knows.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "We never heard from the home-care staff; without them the plan misses how they drive between twenty visits a day, so the cost lands on the care service.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "Not included: people with disabilities. Consequence: the decision has weaker support and will probably be appealed.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "They forgot the night workers, which means the picture we have is lopsided and the solution will fail them.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "Teenagers aren't in any of the excerpts. I find that strange since the youth centre is right next to the station.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "People on low incomes are not heard here, and the fee is 18 kronor per passage at peak hours.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "The home-care staff are missing. The conflict about the stations has gone on for a year already.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Tonåringarna finns inte i något utdrag. Då planeras stationerna kring vuxna, och de som cyklar till träningen får en längre och farligare väg.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Ingen röst från folk med låga inkomster. Hoppar vi över dem betalar de som har minst råd mest, och ingen vid bordet vet ens om det.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Vi hörde aldrig hemtjänsten; utan dem missar planen att de kör mellan tjugo besök om dagen, så kostnaden hamnar på omsorgen.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Inte med: personer med funktionsnedsättning. Konsekvens: beslutet får svagare stöd och överklagas troligen.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "De glömde nattarbetarna, vilket betyder att bilden vi har blir skev och att lösningen sviker dem.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Tonåringarna finns inte i något utdrag. Det tycker jag är konstigt eftersom fritidsgården ligger precis vid stationen.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Folk med låga inkomster hörs inte här, och avgiften är 18 kronor per passage i rusningstid.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Hemtjänsten saknas. Konflikten om stationerna har redan pågått i ett år.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "A bus driver can be a Backa resident and a parent at the same time, so she'll see the toll from three angles.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Clean air came up from the official and from a mum, so that concern isn't tied to one camp.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Not every shop owner thinks alike; one wants the station moved, the other mostly worries about parking.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Grouping by who people are hides that a lot of them actually want the same thing: getting to work on time.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Me myself, I'm a driver and a cyclist, so I have both views in me.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "The shop owners are one group and they all think the station will hurt business.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "I would sort the excerpts into groups: residents, businesses, authorities and others.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "The commuter said the queues are long, and the official said the tax reduces traffic.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "En busschaufför kan vara Backabo och förälder samtidigt, så hon ser tullen från tre håll.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Ren luft kom upp både från tjänstepersonen och från en mamma, så den oron är inte knuten till ett läger.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Alla butiksägare tycker inte lika; en vill flytta stationen, den andra oroar sig mest för parkeringen.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Att dela in efter vilka folk är döljer att många faktiskt vill samma sak: komma till jobbet i tid.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Jag själv är både bilist och cyklist, så jag har båda synsätten i mig.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Butiksägarna är en grupp och alla tror att stationen skadar affärerna.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Jag skulle sortera utdragen i grupper: boende, företag, myndigheter och övriga.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Pendlaren sa att köerna är långa, och tjänstepersonen sa att skatten minskar trafiken.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "What I'd do: post in the group myself, say I've read the worries, and ask people to come and tell us what they've heard.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "Next meeting, start with ten minutes for the jokes and the rumours: what are people really saying?",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "I would phone a couple of the residents who stopped coming and ask them what would make it worth their evening again.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "I'd ask the group admin to lock the thread until the meeting is over.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "Next time I'd keep the map off the screen and skip the open questions, so nobody gets a chance to laugh.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "I would go through the numbers again, slowly, until they accept that the stations make sense.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Det jag skulle göra: skriva i gruppen själv, säga att jag läst oron och be folk komma och berätta vad de hört.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Nästa möte: börja med tio minuter för skämten och ryktena, vad säger folk egentligen?",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Jag skulle ringa några av de boende som slutat komma och fråga vad som skulle göra det värt deras kväll igen.",
    ),
    ("resistance-line", NO_SUPP, False, "sv", "Jag ber gruppens admin att låsa tråden tills mötet är över."),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Nästa gång visar jag inte kartan och hoppar över de öppna frågorna, så att ingen får chansen att skratta.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Jag skulle gå igenom siffrorna igen, långsamt, tills de accepterar att stationerna är vettiga.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "Before the hands go up I'd say: a no right now is worth as much as a yes, so please say it.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "I'd tell the room that if anything in this doesn't sit right with you, now is the moment and nobody will think less of you.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "Hold the vote. Ask: what would make this a bad choice? Every answer is okay.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "I want to make sure the people who disagree feel they can speak, so I'd ask them directly and thank them when they do.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd ask the others whether some of them share the shop owners' worry, even partly.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd remind everyone that the majority is clearly in favour, so it's time to move on.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "We could have asked for objections earlier, but I'd let the vote happen now.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Innan händerna åker upp säger jag: ett nej just nu är värt lika mycket som ett ja, så säg det.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Jag säger till rummet att om något i det här skaver för er så är det nu, och ingen kommer att tycka sämre om er.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Vänta med omröstningen. Fråga: vad skulle göra det här till ett dåligt val? Alla svar är okej.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Jag vill att de som inte håller med ska känna att de kan prata, så jag frågar dem direkt och tackar när de gör det.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Jag frågar de andra om några av dem delar butiksägarnas oro, även delvis.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Jag påminner alla om att majoriteten tydligt är för, så det är dags att gå vidare.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Vi kunde ha bett om invändningar tidigare, men jag låter omröstningen ske nu.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "I'd say to the shop owners: this is your livelihood, of course it matters, and we'll take the time to understand it.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "Everyone stays on board: I thank the majority for their patience and ask the shop owners what they need from us.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "Sit with them. Listen properly. No rushing, no eye-rolling from the front.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd point at the muttering man and ask if he would like to share his little comment with all of us.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd let the shop owners know they're outnumbered and should be realistic.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd tell the majority to stop sighing and then ask the shop owners to keep it short.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Jag säger till butiksägarna: det här är ert levebröd, klart det spelar roll, och vi tar oss tid att förstå det.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Alla ska med: jag tackar majoriteten för tålamodet och frågar butiksägarna vad de behöver av oss.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Sätt dig hos dem. Lyssna ordentligt. Ingen brådska, inga himlande ögon framifrån.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag pekar på mannen som muttrar och frågar om han vill dela med sig av sin lilla kommentar till oss alla.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag låter butiksägarna förstå att de är i minoritet och får vara realistiska.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag säger åt majoriteten att sluta sucka och ber sedan butiksägarna att fatta sig kort.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "Two winters ago the care home where I work cut visiting hours, and at the family evening a son accused us of hiding things.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "Budget meeting at the district office. Cuts to the youth centre. One youth leader walked out halfway.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "I remember the night the school board presented the new catchment areas; a mother stood up and read a letter from her son.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "People often get upset in meetings when decisions have already been made without them.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "Every year at budget time there is conflict at my workplace, it is always the same.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "För två vintrar sedan drog äldreboendet där jag jobbar ner på besökstiderna, och på anhörigkvällen anklagade en son oss för att dölja saker.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "Budgetmöte på stadsdelskontoret. Nedskärningar på fritidsgården. En fritidsledare gick ut mitt i.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "Jag minns kvällen när skolnämnden visade de nya upptagningsområdena; en mamma reste sig och läste ett brev från sin son.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Folk blir ofta upprörda på möten när beslut redan har fattats utan dem.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Varje år vid budgettider blir det konflikt på min arbetsplats, det är alltid likadant.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_2)
def test_weak_criterion_phrasing_second_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


# A third batch for the two guards that the held-out figures still found weak, written after batch 2
# was fixed and run once before any further change: quieter forms of control and of pressure, and
# respectful answers without the words "respect" or "listen".
PROBES_3 = [
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "My next move would be a walk around Backa with a colleague, knocking on doors and asking what people have heard and what they make of it.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "I'd put the rumour itself on the agenda: 'Some of you think it is already decided. Let's talk about that first.'",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "Plan: open with the sarcasm. Ask the room what the laughter was about, write it on the wall, and come back to it at the end.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "Next time security staff will be present and anyone who disrupts with jokes will be asked to leave.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "I'd tell them the decision is final and that the meeting is only about how, not whether.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "Going forward, each speaker gets two minutes and comments off topic will be cut.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Mitt nästa drag vore att gå runt i Backa med en kollega, knacka dörr och fråga vad folk hört och vad de tänker om det.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Jag skulle sätta själva ryktet på dagordningen: 'En del av er tror att det redan är bestämt. Låt oss prata om det först.'",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Plan: börja med sarkasmen. Fråga rummet vad skratten handlade om, skriv upp det på väggen och kom tillbaka till det i slutet.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Nästa gång finns ordningsvakter på plats och den som stör med skämt ombeds lämna lokalen.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Jag säger att beslutet är slutgiltigt och att mötet bara handlar om hur, inte om.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Framöver får varje talare två minuter och inlägg som inte hör till saken klipps av.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "I'd go quiet for a moment, then say to the man who muttered: 'That sounds serious. What would happen to your shop?'",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "Everybody gets to finish. I'd tell the group that we'll decide today, but not before the shops have been heard properly.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "I make sure no one gets talked down to, the eager majority or the silent shop owners.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd note their concern in the minutes and then go straight to the vote as the group wanted.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I would say that we can't please everyone and that some will always be unhappy.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd remind the shop owners that they had their say at the last meeting already.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Jag skulle vara tyst en stund och sedan säga till mannen som muttrade: 'Det låter allvarligt. Vad skulle hända med din butik?'",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Alla får tala till punkt. Jag säger till gruppen att vi beslutar i dag, men inte innan butikerna har blivit ordentligt hörda.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Jag ser till att ingen blir nedtalad, varken den ivriga majoriteten eller de tysta butiksägarna.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag antecknar deras oro i protokollet och går sedan direkt till omröstningen som gruppen ville.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag skulle säga att man inte kan göra alla nöjda och att några alltid blir missnöjda.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag påminner butiksägarna om att de redan fick säga sitt på förra mötet.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_3)
def test_weak_criterion_phrasing_third_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


@pytest.mark.parametrize(
    "lang,left_out,unlinked,linked",
    [
        (
            "en",
            "Young people who bike to school are not heard in the excerpts.",
            "There was a lot of conflict at the last meeting about the map.",
            "So the plan for the stations ends up lopsided.",
        ),
        (
            "sv",
            "Unga som cyklar till skolan hörs inte i utdragen.",
            "Det var mycket konflikt på förra mötet om kartan.",
            "Då blir planen för stationerna ensidig.",
        ),
    ],
)
def test_a_consequence_in_the_next_sentence_counts_only_when_linked(lang, left_out, unlinked, linked):
    # a left-out word and a consequence word in neighbouring sentences add up only when the second
    # sentence opens with a result link ("So …", "Då …"); unrelated neighbours do not
    pad = PAD[("perspective-map", lang)]
    assert score("perspective-map", f"{pad} {left_out} {unlinked}", lang).criteria_map()[WHY] is False
    assert score("perspective-map", f"{pad} {left_out} {linked}", lang).criteria_map()[WHY] is True


# A fourth batch: close misses for why-it-matters only, a left-out word next to a consequence-like
# word that is not a consequence of leaving the perspective out (the over-crediting the held-out
# figures suggested). Written after batch 3 and run once before any further change.
PROBES_4 = [
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "Without the young people the meeting took longer than planned, because so many adults wanted to speak.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "Shift workers were not asked, although the stations were built anyway and the trial ran in 2013.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "We should not forget the shift workers, and the planner also said the toll lowers traffic, which is good for trust in buses.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "en",
        "If we skip the young people it does not really matter, the result will be the same anyway.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "en",
        "If we skip the young people, the result will look fine for adults but the young will lose trust in the city.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Utan de unga tog mötet längre tid än planerat, eftersom så många vuxna ville prata.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Skiftarbetarna tillfrågades inte, fast stationerna byggdes ändå och försöket kördes 2013.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Vi ska inte glömma skiftarbetarna, och planeraren sa också att tullen minskar trafiken, vilket är bra för förtroendet för bussarna.",
    ),
    (
        "perspective-map",
        WHY,
        False,
        "sv",
        "Hoppar vi över de unga spelar det ingen större roll, resultatet blir ändå detsamma.",
    ),
    (
        "perspective-map",
        WHY,
        True,
        "sv",
        "Hoppar vi över de unga ser resultatet bra ut för vuxna, men de unga tappar förtroendet för staden.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_4)
def test_weak_criterion_phrasing_fourth_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


# A fifth batch for perspective-not-group: close misses that share words with the point (both, also,
# same, several, groups) without making it, and a few more ways of making it. Written after batch 4
# and run once before any further change.
PROBES_5 = [
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "The residents and the commuters both came to the meeting, and the official also spoke at the end.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "Several groups were represented: residents, business owners and the municipality.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "The shop owner also said that the trial period was too short and the signs were unclear.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "en",
        "I would put each perspective in its own column with the group's name at the top.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "Even within the residents there were at least two views, so 'the residents' is not one voice.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "en",
        "The worry about errands is shared by people who otherwise have nothing in common.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "De boende och pendlarna kom båda till mötet, och tjänstepersonen talade också i slutet.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Flera grupper var representerade: boende, företagare och kommunen.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Butiksägaren sa också att försöksperioden var för kort och att skyltarna var otydliga.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        False,
        "sv",
        "Jag skulle sätta varje perspektiv i en egen kolumn med gruppens namn överst.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Även bland de boende fanns minst två synsätt, så 'de boende' är inte en röst.",
    ),
    (
        "perspective-map",
        NOT_GROUP,
        True,
        "sv",
        "Oron för ärendena delas av människor som annars inte har något gemensamt.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_5)
def test_weak_criterion_phrasing_fifth_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


# A sixth batch for safe-to-say-no: close misses that carry a welcome word or a dissent word without
# making disagreement safe, and two more ways of inviting the no. Written after batch 5 and run once
# before any further change.
PROBES_6 = [
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd ask if everyone agrees with the proposal and then we vote straight away.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "I'd say it's fine to stay quiet if you don't want to speak, and then we vote.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "Problems with the placement will be handled later by the administration, so we can vote now.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "en",
        "It's good that most people agree, so I'd go to the vote and thank everyone.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "Before anyone raises a hand I'd ask: what could go wrong for someone in this room if we pick this spot?",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "en",
        "Before we decide, I want every 'no' in this room out on the table.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Jag frågar om alla håller med om förslaget och sedan röstar vi direkt.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Jag säger att det är okej att vara tyst om man inte vill prata, och sedan röstar vi.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Problem med placeringen hanteras senare av förvaltningen, så vi kan rösta nu.",
    ),
    (
        "minority-voice",
        SAFE,
        False,
        "sv",
        "Det är bra att de flesta är överens, så jag går till omröstning och tackar alla.",
    ),
    (
        "minority-voice",
        SAFE,
        True,
        "sv",
        "Innan någon räcker upp handen frågar jag: vad kan gå fel för någon i rummet om vi väljer den här platsen?",
    ),
    ("minority-voice", SAFE, True, "sv", "Innan vi bestämmer vill jag ha varje nej i rummet på bordet."),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_6)
def test_weak_criterion_phrasing_sixth_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


NEGATED_FRAMES = [
    ("minority-voice", SAFE, "en", "I would not tell them that you can say no, because we need to vote now."),
    ("minority-voice", SAFE, "en", "I would never say that nobody will be angry with them for objecting."),
    ("minority-voice", SAFE, "en", "I won't say that a no is worth as much as a yes, we need a decision."),
    ("minority-voice", SAFE, "sv", "Jag skulle inte säga att ni kan säga nej, för vi måste rösta nu."),
    ("minority-voice", SAFE, "sv", "Jag säger inte att ni kan säga nej, för vi måste rösta nu."),
    ("minority-voice", SAFE, "sv", "Jag skulle aldrig säga att ingen blir arg på er om ni invänder."),
    (
        "perspective-map",
        WHY,
        "en",
        "I would not claim that without the young people the plan falls flat for everyone else.",
    ),
    (
        "perspective-map",
        WHY,
        "sv",
        "Jag skulle inte påstå att planen faller platt för alla andra utan de unga.",
    ),
]


@pytest.mark.parametrize("item,criterion,lang,text", NEGATED_FRAMES)
def test_a_negated_verb_of_saying_negates_what_follows(item, criterion, lang, text):
    # "I would not tell them that you can say no": the cue after a refused verb of saying is refused
    # too, even when its pattern carries its own negation ("nobody will be angry")
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.criteria_map()[criterion] is False, text


# A seventh batch for respects-relation: pressure on the majority ("either side" in the spec), written
# after batch 6 and run once before any further change.
PROBES_7 = [
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd tell the eager ones that rushing like this is selfish and they should be ashamed of themselves.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd cancel the vote over the heads of the majority and decide the placement myself later.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "The majority will simply have to wait as long as it takes, whatever they think about it.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "en",
        "I'd make the majority sit and listen to the shop owners until they change their minds.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "I'd tell the majority I understand they want to decide, and that we will, right after we have heard the shop owners.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "en",
        "The keen ones and the worried ones both get room; I'd thank each side for what they bring.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag säger till de ivriga att det är själviskt att stressa så och att de borde skämmas.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag ställer in omröstningen över huvudet på majoriteten och bestämmer placeringen själv senare.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Majoriteten får helt enkelt vänta så länge det tar, oavsett vad de tycker om det.",
    ),
    (
        "minority-voice",
        RELATION,
        False,
        "sv",
        "Jag låter majoriteten sitta och lyssna på butiksägarna tills de ändrar sig.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "Jag säger till majoriteten att jag förstår att de vill bestämma, och att vi gör det direkt efter att vi har hört butiksägarna.",
    ),
    (
        "minority-voice",
        RELATION,
        True,
        "sv",
        "De ivriga och de oroliga får båda utrymme; jag tackar varje sida för det de bidrar med.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_7)
def test_weak_criterion_phrasing_seventh_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


# An eighth batch for no-suppression: an answer that only reads the signs proposes no step, and
# out-arguing in polite words. Written after batch 7 and run once before any further change.
PROBES_8 = [
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "The jokes came first, and then the gossip in the group showed it getting worse. It is a signal that people feel unheard.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "I'd have a politician come to the next meeting and explain why the decision was the right one.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "en",
        "I'd clarify in the group that nothing is decided yet, so the talk dies down before the meeting.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "Then I'd go back to the group and ask them what would make the next meeting worth coming to.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "en",
        "I'd tell them honestly what is decided and what isn't, and ask what they want to influence.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Först kom skämten, och sedan visade skvallret i gruppen att det blev värre. Det är en signal om att folk känner sig ohörda.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Jag skulle låta en politiker komma till nästa möte och förklara varför beslutet var det rätta.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        False,
        "sv",
        "Jag förtydligar i gruppen att inget är bestämt än, så att pratet lägger sig före mötet.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Sedan går jag tillbaka till gruppen och frågar vad som skulle göra nästa möte värt att komma till.",
    ),
    (
        "resistance-line",
        NO_SUPP,
        True,
        "sv",
        "Jag berättar ärligt vad som är bestämt och vad som inte är det, och frågar vad de vill påverka.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_8)
def test_weak_criterion_phrasing_eighth_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text


# A ninth batch for concrete-situation: general experience in the past tense, a supposed meeting and
# a colleague's story are not one situation of one's own; present-tense storytelling and a telegraphic
# note are. Written after batch 8 and run once before any further change.
PROBES_9 = [
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "I have often been in meetings where people got angry, and it usually went the same way.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "en",
        "If I had a meeting where residents got upset, I would try to stay calm and listen to them.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "So I'm at this budget meeting, and a guy in the back stands up and starts shouting that we've already decided everything.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "en",
        "Preschool parents' evening, autumn. Dads angry about new opening hours. I chaired it.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Jag har ofta varit på möten där folk blev arga, och det brukade gå till på samma sätt.",
    ),
    (
        "stance-experience",
        CONCRETE,
        False,
        "sv",
        "Om jag hade ett möte där de boende blev upprörda skulle jag försöka vara lugn och lyssna på dem.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "Så jag sitter på det här budgetmötet, och en kille längst bak reser sig och börjar skrika att vi redan bestämt allt.",
    ),
    (
        "stance-experience",
        CONCRETE,
        True,
        "sv",
        "Föräldramöte på förskolan, hösten. Pappor arga över nya öppettider. Jag höll i det.",
    ),
]


@pytest.mark.parametrize("item,criterion,expected,lang,text", PROBES_9)
def test_weak_criterion_phrasing_ninth_batch(
    item: str, criterion: str, expected: bool, lang: str, text: str
) -> None:
    result = score(item, text + " " + PAD[(item, lang)], lang)
    assert result.attempt, text
    assert result.criteria_map()[criterion] is expected, text

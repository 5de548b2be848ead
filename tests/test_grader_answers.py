"""Whole answers written for these tests (fresh phrasings, both languages), scored criterion by
criterion: full answers meet everything, partial ones exactly the criteria listed."""

from __future__ import annotations

import pytest

from grading import score

ANSWERS = [
    (
        "perspective-map",
        "en",
        {
            "names-perspectives": True,
            "perspective-not-group": True,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "Three viewpoints stood out to me: daily errands have become a cost, the shop fears losing customers who avoid the station, and fewer cars would mean cleaner air. These do not map neatly onto groups, since the shop owner also lives in Backa and shares the residents' worry. Nobody spoke for teenagers who cycle or take the bus to school. If their view is left out, the solution may work for drivers but not for them, and the decision will seem less fair.",
    ),
    (
        "perspective-map",
        "sv",
        {
            "names-perspectives": True,
            "perspective-not-group": True,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "Tre synsätt stack ut för mig: vardagsärenden har blivit en kostnad, butiken är rädd att förlora kunder som undviker stationen, och färre bilar skulle ge renare luft. De följer inte grupperna, eftersom butiksägaren också bor i Backa och delar de boendes oro. Ingen talade för tonåringar som cyklar eller tar bussen till skolan. Lämnas deras syn utanför kan lösningen fungera för bilister men inte för dem, och beslutet upplevs som mindre rättvist.",
    ),
    (
        "dialogue-design",
        "en",
        {"listening-phase": True, "meeting-phase": True, "concretise-phase": True, "transparency": True},
        "I'd take the proposed closure of the youth centre. We begin by going out to young people, parents, staff and neighbours to hear how they see it, with no proposal on the table. Then we bring these people together in small mixed groups so that the young and the neighbours hear each other's stories. After that, a workshop turns what we heard into two or three concrete options for the board. All along we post notes from each step online and at the centre, and ask whether anything is missing, also from people who never came.",
    ),
    (
        "dialogue-design",
        "sv",
        {"listening-phase": True, "meeting-phase": True, "concretise-phase": True, "transparency": True},
        "Jag tar den föreslagna nedläggningen av fritidsgården. Vi börjar med att gå ut till ungdomar, föräldrar, personal och grannar och höra hur de ser på saken, utan något förslag på bordet. Sedan samlar vi dem i små blandade grupper så att ungdomarna och grannarna hör varandras berättelser. Därefter tar en workshop fram två eller tre konkreta alternativ till nämnden. Hela tiden lägger vi ut anteckningar från varje steg på nätet och på gården och frågar om något saknas, även från dem som aldrig kom.",
    ),
    (
        "stance-experience",
        "en",
        {"concrete-situation": True, "names-stance": True, "own-role": True, "next-step": True},
        "Last autumn I ran a meeting with tenants about new rules for the laundry room. An older man said we never listen and walked out. Listening really was missing: we had already written the rules before the meeting. I noticed I got defensive and kept quoting the regulations. Next time I will ask the tenants what problems they have before we write anything.",
    ),
    (
        "stance-experience",
        "sv",
        {"concrete-situation": True, "names-stance": True, "own-role": True, "next-step": True},
        "I höstas ledde jag ett möte med hyresgäster om nya regler för tvättstugan. En äldre man sa att vi aldrig lyssnar och gick därifrån. Lyssnandet saknades verkligen: vi hade redan skrivit reglerna före mötet. Jag märkte att jag blev försvarsinställd och hela tiden citerade reglerna. Nästa gång ska jag fråga hyresgästerna vilka problem de har innan vi skriver något.",
    ),
    (
        "minority-voice",
        "en",
        {
            "safe-to-say-no": True,
            "spreads-the-no": True,
            "adds-minority-wisdom": True,
            "respects-relation": True,
        },
        "Before anyone votes, I'd say clearly that disagreeing is welcome and that I want to hear any doubts. I'd turn to the shop owners and ask, calmly, what this placement would do to their trade. Then I'd ask the rest of the room whether anyone else feels even a little of that worry. Whatever comes up, a loading bay for example, we write into the proposal before voting. I'd thank both sides and make sure nobody is hurried.",
    ),
    (
        "minority-voice",
        "sv",
        {
            "safe-to-say-no": True,
            "spreads-the-no": True,
            "adds-minority-wisdom": True,
            "respects-relation": True,
        },
        "Innan någon röstar säger jag tydligt att det är välkommet att vara oenig och att jag vill höra alla tvivel. Jag vänder mig lugnt till butiksägarna och frågar vad placeringen skulle göra med deras handel. Sedan frågar jag resten av rummet om någon annan känner ens lite av den oron. Det som kommer fram, till exempel en lastplats, skriver vi in i förslaget innan vi röstar. Jag tackar båda sidor och ser till att ingen blir jäktad.",
    ),
    (
        "perspective-map",
        "en",
        {
            "names-perspectives": True,
            "perspective-not-group": False,
            "missing-perspective": False,
            "why-it-matters": False,
        },
        "The residents say their everyday errands now cost money, and the environmental voice says less traffic gives cleaner air. The commuter mostly complains about queues. I think the selection was broad and fair, and I cannot see that anyone important is missing from it.",
    ),
    (
        "perspective-map",
        "sv",
        {
            "names-perspectives": False,
            "perspective-not-group": False,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "I utdragen finns boende, en butiksägare, en pendlare, en tjänsteperson, en planerare och en miljöröst. Men det saknas äldre som inte kan köra bil. Om de inte kommer med blir beslutet mindre legitimt och lösningen håller sämre för dem.",
    ),
    (
        "dialogue-design",
        "sv",
        {"listening-phase": True, "meeting-phase": False, "concretise-phase": False, "transparency": True},
        "Först intervjuar vi låntagare, skolor och personal om vad biblioteket betyder för dem, innan vi har något förslag. Allt vi hör sammanfattas och publiceras på webben och på biblioteket, och vi frågar om vi har missat något. Sedan fattar politikerna beslut.",
    ),
    (
        "stance-experience",
        "en",
        {"concrete-situation": False, "names-stance": False, "own-role": True, "next-step": True},
        "In general, when people get upset in meetings I tend to get defensive and start explaining the rules. I know that about myself. From now on I want to pause, breathe and ask the person what they need before I say anything.",
    ),
    (
        "stance-experience",
        "sv",
        {"concrete-situation": True, "names-stance": False, "own-role": False, "next-step": False},
        "I mars var jag med på ett samråd om en ny återvinningsstation i Tynnered. Ett trettiotal boende kom, och flera protesterade högt mot placeringen nära lekplatsen. Tjänstepersonen från staden visade ritningar, men mötet slutade utan att någon fråga var löst.",
    ),
    (
        "minority-voice",
        "en",
        {
            "safe-to-say-no": False,
            "spreads-the-no": False,
            "adds-minority-wisdom": False,
            "respects-relation": True,
        },
        "I would stay calm and friendly, thank the shop owners for coming and make sure nobody laughs at them or interrupts. Then I'd let the group vote, as it wanted, and afterwards have a coffee with the shop owners.",
    ),
    (
        "minority-voice",
        "sv",
        {
            "safe-to-say-no": False,
            "spreads-the-no": True,
            "adds-minority-wisdom": False,
            "respects-relation": False,
        },
        "Jag frågar snabbt om någon mer än butiksägarna delar oron. Om det bara är de, säger jag att majoriteten har bestämt och att de får acceptera det, och så röstar vi direkt.",
    ),
    (
        "resistance-line",
        "en",
        {"locates-stage": True, "conflict-as-signal": False, "make-visible": False, "no-suppression": False},
        "The jokes are the first step on the resistance line, then gossip, then people staying away, so it's rising. At the next meeting I would stick to the agenda and present the facts about the stations clearly so people understand.",
    ),
    (
        "resistance-line",
        "sv",
        {"locates-stage": False, "conflict-as-signal": True, "make-visible": True, "no-suppression": True},
        "Jag vet inte riktigt var på linjen de är. Men skämten och ryktet säger oss att något inte har blivit sagt i rummet. Nästa gång frågar jag öppet vad som låg bakom skämten och tar upp ryktet direkt.",
    ),
    (
        "listening-response",
        "en",
        {
            "reflects-feeling": False,
            "paraphrases-content": True,
            "no-judgement": False,
            "invites-more": False,
        },
        'I would say: "So you are saying the stations have cut Backa off, that you now pay to do ordinary errands, and that nobody asked you. But the tax is there to reduce traffic for everyone." Repeating first shows I listened.',
    ),
    (
        "listening-response",
        "sv",
        {"reflects-feeling": True, "paraphrases-content": False, "no-judgement": True, "invites-more": True},
        'Jag skulle säga: "Jag hör att du är väldigt arg och besviken. Vill du berätta mer om hur det har blivit för dig?" Jag försvarar inte beslutet, jag tar bara emot det hen säger.',
    ),
    (
        "listening-response",
        "en",
        {"reflects-feeling": True, "paraphrases-content": True, "no-judgement": True, "invites-more": True},
        "ok so i'd go something like: \"wow, you're really mad about this, and honestly i get why. the stations basically box backa in, you pay every time you pop to the shop, and no one bothered asking you lot. what else is going on for you with this?\" i wouldnt say anything about why the tax exists cause that just sounds like excuses.",
    ),
    (
        "listening-response",
        "sv",
        {"reflects-feeling": True, "paraphrases-content": True, "no-judgement": True, "invites-more": True},
        'ja skulle säga typ: "du är ju skitarg, och jag fattar det. stationerna har liksom stängt in backa, du får betala varje gång du ska till affären, och ingen frågade er. vad mer har hänt för dig?" ja skulle inte säga nåt om varför skatten finns för det låter bara som bortförklaringar.',
    ),
    (
        "resistance-line",
        "en",
        {"locates-stage": True, "conflict-as-signal": True, "make-visible": True, "no-suppression": True},
        "I think they're early on the line - jokes and gossip mostly - but it's getting worse since people stopped coming. For me that's a sign something is off in the process, people feel the decision is already made. So next time I'd start by asking straight out: 'I've heard people say it's already decided. What makes you think so?' and give that real time.",
    ),
    (
        "resistance-line",
        "sv",
        {"locates-stage": True, "conflict-as-signal": True, "make-visible": True, "no-suppression": True},
        "Jag tror att de är tidigt på linjen – mest skämt och skvaller – men det blir värre eftersom folk slutat komma. För mig är det ett tecken på att något är fel i processen, folk tror att beslutet redan är fattat. Så nästa gång börjar jag med att fråga rakt ut: ”Jag har hört att folk säger att allt är bestämt. Vad får er att tro det?” och ger det ordentligt med tid.",
    ),
    (
        "minority-voice",
        "en",
        {
            "safe-to-say-no": True,
            "spreads-the-no": True,
            "adds-minority-wisdom": True,
            "respects-relation": True,
        },
        "So first thing, I'd stop and say 'hold on, before we vote - if anyone is against this, now's the time, that's totally fine'. Then I'd look at the shop owners and ask them what it would mean for them. After that I'd ask everyone else if they feel some of that too. We'd put what comes up into the plan before voting, and I'd make sure no one is made fun of.",
    ),
    (
        "minority-voice",
        "sv",
        {
            "safe-to-say-no": True,
            "spreads-the-no": True,
            "adds-minority-wisdom": True,
            "respects-relation": True,
        },
        "Så först skulle jag stoppa och säga ”vänta, innan vi röstar – om någon är emot det här är det helt ok att säga det nu”. Sen tittar jag på butiksägarna och frågar vad det skulle betyda för dem. Efter det frågar jag alla andra om de känner lite av samma sak. Det som kommer upp lägger vi in i planen innan vi röstar, och jag ser till att ingen blir hånad.",
    ),
    (
        "perspective-map",
        "en",
        {
            "names-perspectives": True,
            "perspective-not-group": True,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "what i heard: errands cost money now, the shop might lose people who wont drive through the station, and the air gets better with less cars. but the same person can think all of that at once, its not one group one opinion. missing: people in wheelchairs who use the transport service. if we skip them the plan might not work for them at all and they'll trust the city even less.",
    ),
    (
        "perspective-map",
        "sv",
        {
            "names-perspectives": True,
            "perspective-not-group": True,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "det jag hörde: ärenden kostar pengar nu, affären kan tappa folk som inte vill köra genom stationen, och luften blir bättre med färre bilar. men samma person kan tycka allt det på en gång, det är inte en grupp en åsikt. saknas: folk i rullstol som åker färdtjänst. hoppar vi över dem kanske planen inte funkar för dem alls och de litar ännu mindre på kommunen.",
    ),
    (
        "dialogue-design",
        "en",
        {"listening-phase": True, "meeting-phase": True, "concretise-phase": True, "transparency": True},
        "my topic: closing the swimming pool in our area. step one, we ask around - swimmers, schools, old people who do aqua gym - no plans yet, just listening. step two, everyone meets in mixed tables so they actually hear each other out. step three, we sketch some real options together, like shorter opening hours or sharing with the school. and we put all of it online and on the pool's notice board, and ask if we missed something, also people who couldn't come.",
    ),
    (
        "dialogue-design",
        "sv",
        {"listening-phase": True, "meeting-phase": True, "concretise-phase": True, "transparency": True},
        "min fråga: att stänga simhallen i vårt område. steg ett, vi frågar runt – simmare, skolor, äldre som kör vattengympa – inga planer än, bara lyssna. steg två, alla möts vid blandade bord så att de faktiskt hör varandra. steg tre, vi skissar några riktiga alternativ tillsammans, typ kortare öppettider eller att dela med skolan. och vi lägger ut allt på nätet och på simhallens anslagstavla och frågar om vi missat nåt, även dom som inte kunde komma.",
    ),
    (
        "stance-experience",
        "en",
        {"concrete-situation": True, "names-stance": True, "own-role": True, "next-step": True},
        "so last spring i had this meeting with parents about the new bus schedule for the school, and one mum basically yelled that nobody listens to them. and tbh she was right, we didnt listen, we'd already decided. i got super defensive and started reading out the budget. next time i'd just ask them first what they need and shut up for a bit.",
    ),
    (
        "stance-experience",
        "sv",
        {"concrete-situation": True, "names-stance": True, "own-role": True, "next-step": True},
        "så i våras hade jag ett möte med föräldrar om det nya bussschemat till skolan, och en mamma skrek typ att ingen lyssnar på dem. och ärligt talat hade hon rätt, vi lyssnade inte, vi hade redan bestämt. jag blev superdefensiv och började läsa upp budgeten. nästa gång skulle jag bara fråga dem först vad de behöver och hålla käften en stund.",
    ),
    (
        "listening-response",
        "en",
        {"reflects-feeling": True, "paraphrases-content": True, "no-judgement": True, "invites-more": True},
        "Hmm, maybe: \"I can tell this makes you really angry. If I understand you, you feel trapped behind the stations, every small trip costs you now, and nobody came to ask the people here. Can you tell me more about what it's like?\" I'm not sure it's perfect, but I wanted to stay with him and not start explaining.",
    ),
    (
        "listening-response",
        "sv",
        {
            "reflects-feeling": True,
            "paraphrases-content": False,
            "no-judgement": False,
            "invites-more": False,
        },
        'Jag skulle säga: "Jag förstår att du är irriterad, men alla i Göteborg är med och betalar, det är inte bara Backa." Det är viktigt att hen inte tror att Backa blir orättvist behandlat.',
    ),
    (
        "resistance-line",
        "en",
        {"locates-stage": False, "conflict-as-signal": False, "make-visible": False, "no-suppression": True},
        "Honestly I don't know the line well. I would simply change the time of the meetings to the weekend and send letters to every household, because I think people are just busy.",
    ),
    (
        "resistance-line",
        "sv",
        {"locates-stage": True, "conflict-as-signal": True, "make-visible": True, "no-suppression": True},
        "Hm, skämten, skvallret på nätet och att folk uteblir – det låter som att de är en bit upp på motståndslinjen, och det ökar nog. Jag tolkar det som att de inte litar på att dialogen är på riktigt. Jag skulle börja nästa möte med att säga att jag vet om ryktet, och be folk säga precis vad de tänker, även det som är negativt.",
    ),
    (
        "minority-voice",
        "en",
        {
            "safe-to-say-no": False,
            "spreads-the-no": False,
            "adds-minority-wisdom": True,
            "respects-relation": False,
        },
        "We can't let a few shop owners stop the whole group, so I'd add a loading zone to the proposal to calm them down and then call the vote right away. They will have to accept it.",
    ),
    (
        "minority-voice",
        "sv",
        {
            "safe-to-say-no": True,
            "spreads-the-no": True,
            "adds-minority-wisdom": True,
            "respects-relation": True,
        },
        "Jag tror att jag först skulle säga till alla att vi väntar lite med omröstningen och att det faktiskt är bra om någon har invändningar, det gör beslutet bättre. Sen skulle jag fråga butiksägarna lugnt vad de oroar sig för. Jag frågar också de andra om någon mer tycker likadant, även lite grann. Det de säger försöker vi bygga in i förslaget, och jag tackar alla.",
    ),
    (
        "perspective-map",
        "en",
        {
            "names-perspectives": False,
            "perspective-not-group": False,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "The excerpts came from residents, a shop owner, a commuter, an official, a planner and an environmental voice. Nobody represented people who work night shifts at the hospital. If they are not heard, the solution may be unfair to them and they may lose trust in the city.",
    ),
    (
        "perspective-map",
        "sv",
        {
            "names-perspectives": True,
            "perspective-not-group": True,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "Jag hör tre synsätt: att det blivit dyrt att göra vardagsärenden, att butiken kan förlora kunder och att luften blir bättre när trafiken minskar. Samma oro för kostnaderna finns hos både boende och pendlare, så perspektiv är inte samma sak som grupper. Det jag saknar är ensamstående föräldrar utan bil. Utan dem blir bilden smalare och beslutet får svagare stöd.",
    ),
    (
        "dialogue-design",
        "en",
        {"listening-phase": False, "meeting-phase": False, "concretise-phase": False, "transparency": False},
        "The library will close anyway because of the budget, so I would not plan a big dialogue. I'd send a letter to all borrowers explaining the decision and the reasons, and answer questions by email.",
    ),
    (
        "dialogue-design",
        "sv",
        {"listening-phase": True, "meeting-phase": True, "concretise-phase": True, "transparency": True},
        "Jag skulle dela upp det i tre delar. Först en lyssnande del där vi besöker biblioteket, skolan och pensionärsföreningen och bara samlar in hur folk ser på nedläggningen. Sedan en kväll där olika grupper sitter tillsammans och lär sig av varandras erfarenheter. Till sist en workshop där vi tillsammans formulerar konkreta förslag till nämnden. Efter varje del skickar vi ut en sammanfattning till alla hushåll och frågar om vi har missat något.",
    ),
    (
        "stance-experience",
        "en",
        {"concrete-situation": True, "names-stance": True, "own-role": False, "next-step": False},
        "At a neighbourhood meeting two years ago about a new bike lane, a shop owner shouted that the city never listens. Co-creation was completely missing: the drawings were final before anyone was asked. The meeting ended early and people left angry.",
    ),
    (
        "stance-experience",
        "sv",
        {"concrete-situation": False, "names-stance": False, "own-role": True, "next-step": True},
        "Jag vet att jag lätt blir defensiv när folk är arga på möten, jag vill förklara och ha rätt. I framtiden vill jag vänta med att förklara och i stället fråga vad personen behöver.",
    ),
    (
        "listening-response",
        "en",
        {
            "reflects-feeling": True,
            "paraphrases-content": False,
            "no-judgement": False,
            "invites-more": False,
        },
        'I would say: "I understand you\'re upset. The good news is that the money will be used to improve the buses in your area." People like to hear something positive.',
    ),
    (
        "listening-response",
        "en",
        {"reflects-feeling": True, "paraphrases-content": False, "no-judgement": False, "invites-more": True},
        "I would say: \"I hear that you're angry, but let's try to keep it constructive. What would you suggest instead?\" Otherwise the meeting can get out of hand.",
    ),
    (
        "listening-response",
        "sv",
        {
            "reflects-feeling": True,
            "paraphrases-content": False,
            "no-judgement": False,
            "invites-more": False,
        },
        'Jag skulle säga: "Jag förstår att du är upprörd. Det positiva är att pengarna ska användas till bättre bussar i ert område." Folk vill gärna höra något positivt.',
    ),
    (
        "listening-response",
        "sv",
        {"reflects-feeling": True, "paraphrases-content": False, "no-judgement": False, "invites-more": True},
        'Jag skulle säga: "Jag hör att du är arg, men vi försöker hålla det konstruktivt. Vad skulle du föreslå i stället?" Annars kan mötet spåra ur.',
    ),
    (
        "resistance-line",
        "en",
        {"locates-stage": True, "conflict-as-signal": False, "make-visible": False, "no-suppression": False},
        "They are early on the line with jokes and gossip, and it is getting worse. Next time I'd bring a moderator who keeps the discussion on track and stops people from making fun of the map.",
    ),
    (
        "resistance-line",
        "sv",
        {"locates-stage": True, "conflict-as-signal": False, "make-visible": False, "no-suppression": False},
        "De är tidigt på linjen med skämt och skvaller, och det blir värre. Nästa gång tar jag med en moderator som håller diskussionen på rätt spår och stoppar folk från att göra narr av kartan.",
    ),
    (
        "resistance-line",
        "en",
        {"locates-stage": False, "conflict-as-signal": False, "make-visible": False, "no-suppression": False},
        "I would explain again, more clearly, why the stations are placed where they are, and show the traffic figures, so that the rumours lose their ground and people see that the plan makes sense.",
    ),
    (
        "resistance-line",
        "sv",
        {"locates-stage": False, "conflict-as-signal": False, "make-visible": False, "no-suppression": False},
        "Jag skulle förklara igen, tydligare, varför stationerna står där de står och visa trafiksiffrorna, så att ryktena tappar mark och folk ser att planen är rimlig.",
    ),
    (
        "minority-voice",
        "en",
        {
            "safe-to-say-no": False,
            "spreads-the-no": False,
            "adds-minority-wisdom": False,
            "respects-relation": False,
        },
        "I'd tell the shop owners, kindly but clearly, that the group has already discussed this enough and that it is time to vote. Most people came here to make a decision, and we should respect that.",
    ),
    (
        "minority-voice",
        "sv",
        {
            "safe-to-say-no": False,
            "spreads-the-no": False,
            "adds-minority-wisdom": False,
            "respects-relation": False,
        },
        "Jag säger vänligt men tydligt till butiksägarna att gruppen redan har diskuterat detta tillräckligt och att det är dags att rösta. De flesta kom hit för att fatta ett beslut, och det ska vi respektera.",
    ),
    (
        "resistance-line",
        "en",
        {"locates-stage": True, "conflict-as-signal": True, "make-visible": True, "no-suppression": True},
        "Jokes, then gossip, now fewer people: early on the line but rising. The positive thing is that people still care; the resistance tells us something has not been said. At the next meeting I'll say openly that I've seen the rumour, explain honestly what is decided and what is still open, and ask what was behind the jokes.",
    ),
    (
        "resistance-line",
        "sv",
        {"locates-stage": True, "conflict-as-signal": True, "make-visible": True, "no-suppression": True},
        "Skämt, sedan skvaller, nu färre deltagare: tidigt på linjen men stigande. Det positiva är att folk fortfarande bryr sig; motståndet säger oss att något inte har sagts. På nästa möte säger jag öppet att jag har sett ryktet, berättar ärligt vad som är bestämt och vad som är öppet, och frågar vad som låg bakom skämten.",
    ),
    (
        "minority-voice",
        "en",
        {
            "safe-to-say-no": True,
            "spreads-the-no": True,
            "adds-minority-wisdom": True,
            "respects-relation": True,
        },
        "Before it is time to vote, I'd pause and say that a no is welcome. I'd ask the shop owners what worries them and thank them for speaking up. Then I'd ask whether others share some of the worry, even a little. We add their ideas, like a loading zone, to the proposal, and only then vote.",
    ),
    (
        "minority-voice",
        "sv",
        {
            "safe-to-say-no": True,
            "spreads-the-no": True,
            "adds-minority-wisdom": True,
            "respects-relation": True,
        },
        "Innan det är dags att rösta pausar jag och säger att ett nej är välkommet. Jag frågar butiksägarna vad som oroar dem och tackar dem för att de säger det. Sedan frågar jag om fler delar något av oron, även lite. Vi lägger in deras idéer, till exempel en lastzon, i förslaget och röstar först därefter.",
    ),
    (
        "listening-response",
        "en",
        {"reflects-feeling": True, "paraphrases-content": True, "no-judgement": True, "invites-more": True},
        'I would say: "You sound really angry, and it feels like Backa has been closed in, you pay just to do your errands, and nobody asked you. Tell me more about it." The positive thing about saying it this way is that he hears that I listened, without me defending anything.',
    ),
    (
        "listening-response",
        "sv",
        {"reflects-feeling": True, "paraphrases-content": True, "no-judgement": True, "invites-more": True},
        'Jag skulle säga: "Du låter verkligen arg, och det känns som att Backa har stängts in, att du betalar bara för att göra dina ärenden och att ingen frågade dig. Berätta mer." Det positiva med att säga så är att hen hör att jag lyssnat, utan att jag försvarar något.',
    ),
    (
        "stance-experience",
        "en",
        {"concrete-situation": True, "names-stance": True, "own-role": True, "next-step": True},
        "A few months ago I facilitated a workshop for staff about merging two departments. Halfway through, a team leader said the outcome had been decided by management anyway, and several people nodded. Transparency was lacking, because we had not shared the background papers. I felt caught between management and staff and started to defend the plan. Next time I would share all the material beforehand and say clearly what can still be changed.",
    ),
    (
        "stance-experience",
        "sv",
        {"concrete-situation": True, "names-stance": True, "own-role": True, "next-step": True},
        "För några månader sedan ledde jag en workshop för personalen om att slå ihop två avdelningar. Halvvägs sa en gruppledare att utfallet ändå var bestämt av ledningen, och flera nickade. Transparensen brast, eftersom vi inte hade delat bakgrundsmaterialet. Jag kände mig klämd mellan ledning och personal och började försvara planen. Nästa gång skulle jag dela allt material i förväg och säga tydligt vad som fortfarande går att ändra.",
    ),
    (
        "stance-experience",
        "en",
        {"concrete-situation": False, "names-stance": True, "own-role": True, "next-step": True},
        "In my work as a caseworker, meetings with upset families happen all the time, and I can't point to one in particular. What I notice is that relation matters most: when trust is there, even hard news is received calmly. I tend to become very formal when people are angry. I want to practise staying personal and asking open questions.",
    ),
    (
        "stance-experience",
        "sv",
        {"concrete-situation": False, "names-stance": True, "own-role": True, "next-step": True},
        "I mitt arbete som handläggare händer möten med upprörda familjer hela tiden, och jag kan inte peka ut något särskilt. Det jag märker är att relationen betyder mest: när förtroendet finns tas även svåra besked emot lugnt. Jag brukar bli väldigt formell när folk är arga. Jag vill öva på att vara personlig och ställa öppna frågor.",
    ),
    (
        "stance-experience",
        "en",
        {"concrete-situation": True, "names-stance": False, "own-role": False, "next-step": False},
        "In 2022 I was at a public hearing about a new wind farm in Säve. About eighty people came. Farmers complained about noise, and a bird watcher argued with the developer. The planner answered questions for two hours and the evening ended without agreement.",
    ),
    (
        "stance-experience",
        "sv",
        {"concrete-situation": True, "names-stance": False, "own-role": False, "next-step": False},
        "År 2022 var jag på ett offentligt samråd om en ny vindkraftspark i Säve. Ett åttiotal personer kom. Lantbrukare klagade på buller, och en fågelskådare grälade med exploatören. Planeraren svarade på frågor i två timmar och kvällen slutade utan enighet.",
    ),
    (
        "perspective-map",
        "en",
        {
            "names-perspectives": True,
            "perspective-not-group": True,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "The views I heard: paying for short everyday trips is unfair, the shop will suffer, and cleaner air is worth it. Interestingly, the official and a resident both talked about fairness, so the same concern shows up in different camps. Missing: delivery drivers and craftsmen who cross the stations many times a day. Leave them out and the plan may look good on paper but fail in practice.",
    ),
    (
        "perspective-map",
        "sv",
        {
            "names-perspectives": True,
            "perspective-not-group": True,
            "missing-perspective": True,
            "why-it-matters": True,
        },
        "Synsätten jag hörde: det är orättvist att betala för korta vardagsresor, butiken kommer att lida, och renare luft är värt det. Intressant nog pratade både tjänstepersonen och en boende om rättvisa, så samma oro dyker upp i olika läger. Saknas: budbilar och hantverkare som passerar stationerna många gånger om dagen. Lämnar man ute dem kan planen se bra ut på papperet men misslyckas i praktiken.",
    ),
    (
        "listening-response",
        "en",
        {"reflects-feeling": True, "paraphrases-content": False, "no-judgement": True, "invites-more": False},
        'I would say: "Are you angry about the stations?" and then "Okay, I have noted that." I keep it short and neutral and I do not comment on the tax.',
    ),
    (
        "listening-response",
        "sv",
        {"reflects-feeling": True, "paraphrases-content": False, "no-judgement": True, "invites-more": False},
        'Jag skulle säga: "Är du arg på stationerna?" och sedan "Okej, jag har noterat det." Jag håller det kort och neutralt och kommenterar inte skatten.',
    ),
    (
        "dialogue-design",
        "en",
        {"listening-phase": True, "meeting-phase": False, "concretise-phase": True, "transparency": False},
        "Issue: the closure of a local health centre. First a listening round: we visit patients, staff and the pensioners' association and write down how they see the closure, without any proposal. Then the administration uses this material to prepare three alternatives, which residents then rank in a workshop. The politicians decide.",
    ),
    (
        "dialogue-design",
        "sv",
        {"listening-phase": True, "meeting-phase": False, "concretise-phase": True, "transparency": False},
        "Fråga: nedläggningen av en vårdcentral. Först en lyssnande runda: vi besöker patienter, personal och pensionärsföreningen och skriver ner hur de ser på nedläggningen, utan något förslag. Sedan rangordnar de boende olika alternativ i en workshop. Politikerna beslutar.",
    ),
    (
        "dialogue-design",
        "en",
        {"listening-phase": False, "meeting-phase": True, "concretise-phase": False, "transparency": True},
        "I'd skip the long interviews, everyone knows what people think. Instead I'd hold one evening where the different sides sit together in small groups and really listen to each other. Afterwards we publish a summary of what was said and send it to everyone who couldn't come, asking if anything is missing.",
    ),
    (
        "dialogue-design",
        "sv",
        {"listening-phase": False, "meeting-phase": True, "concretise-phase": False, "transparency": True},
        "Jag skulle hoppa över de långa intervjuerna, alla vet redan vad folk tycker. I stället ordnar jag en kväll där de olika sidorna sitter tillsammans i små grupper och verkligen lyssnar på varandra. Efteråt publicerar vi en sammanfattning av vad som sades och skickar den till alla som inte kunde komma, och frågar om något saknas.",
    ),
    (
        "minority-voice",
        "en",
        {
            "safe-to-say-no": True,
            "spreads-the-no": False,
            "adds-minority-wisdom": False,
            "respects-relation": True,
        },
        "I'd stop and say: \"Before we vote, I want to be sure that anyone who disagrees feels free to say so.\" Then I'd give the shop owners the floor, listen without interrupting, and thank them. After that the group votes on the proposal as it is.",
    ),
    (
        "minority-voice",
        "sv",
        {
            "safe-to-say-no": True,
            "spreads-the-no": False,
            "adds-minority-wisdom": False,
            "respects-relation": True,
        },
        "Jag stannar upp och säger: ”Innan vi röstar vill jag vara säker på att den som inte håller med känner sig fri att säga det.” Sedan ger jag butiksägarna ordet, lyssnar utan att avbryta och tackar dem. Därefter röstar gruppen om förslaget som det är.",
    ),
]


@pytest.mark.parametrize("item,lang,expected,text", ANSWERS)
def test_answer(item: str, lang: str, expected: dict, text: str) -> None:
    result = score(item, text, lang)
    assert result.attempt
    assert result.criteria_map() == expected

"""Robustness of the reflection grader against gaming and messy input.

Every text is written for these tests (none comes from the labelled dev data).
"""

from __future__ import annotations

import time

from grading import load_item, score

GOOD_LISTENING_EN = (
    'I would say: "It sounds like you are really angry and fed up. So the stations have closed Backa in, '
    "you now pay just to go to the shop round the corner, and nobody asked the people who live here. "
    'What else should I know about how this has changed things for you?" I start with the feeling, then '
    "I say back what I heard so the resident can correct me, and I keep the tax out of it."
)

GOOD_DIALOGUE_SV = (
    "Jag väljer frågan om att stänga biblioteksfilialen. Först gör vi en inventering där vi lyssnar på "
    "låntagare, skolor och personal utan några färdiga förslag. Sedan möts de olika perspektiven i "
    "blandade grupper så att folk lär av varandra. Därefter tar vi fram konkreta alternativ tillsammans "
    "på en charrette. Efter varje steg publicerar vi en sammanfattning på webben och frågar om vi har "
    "missat något, även hos dem som inte var med."
)

OFF_TOPIC_PADDING = (
    " By the way, my sister is moving to Malmö next month and we still have not decided what to do with "
    "her old piano. The weather this autumn has been unusually mild, and the apple trees in our garden "
    "gave more fruit than ever. My favourite recipe is a simple apple cake with cinnamon and vanilla sauce."
)


def test_keyword_stuffing_earns_nothing():
    stuffed = (
        "Inventering lyssna samla perspektiv möts lära av varandra blandade grupper konkreta alternativ "
        "charrette publicera webben återkoppling har vi missat något transparens sammanfattning."
    )
    result = score("dialogue-design", stuffed, "sv")
    assert result.points == 0
    stuffed_en = (
        "Feelings anger frustration, tell me more, what else, paraphrase errands pay walled in nobody asked, "
        "open question, no judgement, listening, empathy, reflect, summarise, invite, curious, curious."
    )
    assert score("listening-response", stuffed_en, "en").points == 0


def test_stuffing_inside_a_real_answer_adds_nothing():
    base = (
        "Jag tror att man ska vara lugn och tydlig på mötet och se till att alla får komma till tals, "
        "och att man inte stressar fram något beslut."
    )
    stuffed = base + " Inventering, lyssna, möts, varandra, alternativ, charrette, publicera, återkoppla."
    assert score("dialogue-design", stuffed, "sv").points == score("dialogue-design", base, "sv").points


def test_copied_prompt_inside_answer_gives_no_credit():
    spec = load_item("dialogue-design")
    answer = (
        "Jag vet inte riktigt hur jag skulle göra, jag har aldrig planerat något sådant tidigare på jobbet."
    )
    result = score("dialogue-design", spec.scenario["sv"] + " " + spec.prompt["sv"] + " " + answer, "sv")
    assert result.points == 0


def test_padding_with_off_topic_text_does_not_raise_score():
    plain = score("listening-response", GOOD_LISTENING_EN, "en")
    padded = score("listening-response", GOOD_LISTENING_EN + OFF_TOPIC_PADDING, "en")
    assert plain.points == 4
    assert padded.points <= plain.points
    weak = (
        "I would tell him that I have written down what he said and that it will go into the report from "
        "the inventory. I think that is the most honest thing I can promise at this point."
    )
    assert (
        score("listening-response", weak + OFF_TOPIC_PADDING, "en").points
        <= score("listening-response", weak, "en").points
    )


def test_negation_is_understood():
    asked = (
        'I would say: "Thank you, I have written that down." I did not ask anything and I did not try to '
        "make him tell me more, because I think the inventory should be short."
    )
    result = score("listening-response", asked, "en")
    assert not result.criteria_map()["invites-more"]
    fragat = (
        'Jag skulle säga: "Tack, jag har skrivit ner det." Jag frågade inte om något mer och bad honom inte '
        "berätta mer, eftersom inventeringen ska gå fort."
    )
    assert not score("listening-response", fragat, "sv").criteria_map()["invites-more"]
    not_defending = (
        'Jag skulle säga: "Du låter arg, och det förstår jag. Berätta gärna mer om hur det påverkar dig." '
        "Jag försvarar inte beslutet och jag förklarar inte skatten, för då slutar hen prata."
    )
    result = score("listening-response", not_defending, "sv").criteria_map()
    assert result["no-judgement"] and result["invites-more"]


def test_defending_in_the_words_said_back_is_caught():
    defending = (
        'I would say: "I understand that you are angry. But the tax is needed to reduce traffic, and it is '
        'only a few kronor a day." I want him to get the facts right away.'
    )
    assert not score("listening-response", defending, "en").criteria_map()["no-judgement"]


def test_language_switch_mid_text():
    mixed = (
        "Gruppen är fortfarande tidigt på motståndslinjen, men motståndet stiger: först skämt, sedan "
        "rykten och nu kommer färre. That tells me something has not been said in the room, a signal we "
        "should listen to. At the next meeting I would raise the rumour openly and ask what was behind "
        "the jokes."
    )
    result = score("resistance-line", mixed, "sv")
    assert result.attempt
    assert result.points == 4
    assert all(r.feedback for r in result.criteria)


def test_good_answer_in_the_other_language():
    en_answer = load_item("minority-voice").exemplars[2]
    assert en_answer.lang == "en"
    result = score("minority-voice", en_answer.text, "sv")
    assert result.points == 4
    assert result.lang == "sv"
    assert all(r.feedback.startswith("Bra") for r in result.criteria)  # Swedish course, English answer
    sv = score("dialogue-design", GOOD_DIALOGUE_SV, "en")
    assert sv.points == 4 and sv.detected_lang == "sv"


def test_very_long_input_is_fast_and_flagged():
    huge = (GOOD_DIALOGUE_SV + " ") * 2500  # about 1 MB
    assert len(huge) > 1_000_000
    start = time.perf_counter()
    result = score("dialogue-design", huge, "sv")
    assert time.perf_counter() - start < 1.0
    assert result.needs_review
    assert result.reason == "too-long"
    assert result.attempt


def test_typos_and_spoken_spellings():
    spoken_sv = (
        "ja tror dom e arga för att nån har bestämt nåt över huvudet på dom. ja skulle säga: du låter "
        "riktigt arg, och ingen frågade er som bor här. vill du berätta mer om hur det funkar för dig nu?"
    )
    result = score("listening-response", spoken_sv, "sv").criteria_map()
    assert result["reflects-feeling"] and result["invites-more"]
    spoken_en = (
        "im gonna be honest, i dont think i'd defend anything. i'd say: you sound really angry, and nobody "
        "asked you, and now you pay just to do errands. tell me more about how its been for you?"
    )
    result = score("listening-response", spoken_en, "en").criteria_map()
    assert result["reflects-feeling"] and result["invites-more"] and result["paraphrases-content"]


def test_borderline_is_flagged_for_review():
    hedged = (
        "I am not sure where the group is. Maybe the jokes mean something, I don't know. I would probably "
        "just keep going with the next meeting and see who turns up."
    )
    result = score("resistance-line", hedged, "en")
    assert result.attempt
    assert result.points <= 1


def test_very_long_junk_is_fast_non_attempt_and_flagged():
    for junk in ("x" * 1_200_000, "Det finns många perspektiv. " * 40_000, "lorem ipsum " * 100_000):
        start = time.perf_counter()
        result = score("perspective-map", junk, "sv")
        assert time.perf_counter() - start < 2.0
        assert not result.attempt and result.points == 0
        assert result.needs_review and "too-long" in result.review_reasons


def test_bullet_keywords_one_per_line_earn_nothing():
    bullets = (
        "Min plan för dialogen om biblioteket är ganska enkel och jag tror att den fungerar bra.\n"
        "- Lyssnande fas: inventering\n- Mötesfas: blandade grupper\n- Konkretisera: charrette\n"
        "- Transparens: publicera\n- Återkoppling: webben"
    )
    assert score("dialogue-design", bullets, "sv").points <= 1


def test_reply_without_quotes_or_framing_still_counts():
    bare = (
        "Jag hör att du är arg. Berätta mer om hur det har påverkat dig och din vardag här i Backa, "
        "jag lyssnar på allt du vill säga."
    )
    result = score("listening-response", bare, "sv")
    assert result.criteria_map()["no-judgement"] and result.criteria_map()["invites-more"]
    assert result.needs_review  # without quotes it is unclear which words are said back


def test_pasting_the_feedback_back_earns_nothing():
    spec = load_item("dialogue-design")
    pasted = " ".join(c.advice["en"] for c in spec.criteria)
    assert score("dialogue-design", pasted, "en").points == 0
    pasted_sv = " ".join(c.advice["sv"] for c in spec.criteria)
    assert score("dialogue-design", pasted_sv, "sv").points == 0


def test_repeating_a_good_answer_adds_nothing():
    once = score("listening-response", GOOD_LISTENING_EN, "en")
    thrice = score("listening-response", " ".join([GOOD_LISTENING_EN] * 3), "en")
    assert thrice.points == once.points
    assert thrice.needs_review


def test_a_voided_cue_is_flagged_and_named():
    # the learner names the step only inside a sentence the rules read as a rejection; the decision
    # (not met) stands, but a cue was there, so a person looks at that criterion
    from grading.review import near_miss

    assert near_miss(0.0, 1.0, {"cue_top": 1.0, "vocab_top": 0.0}, 80)
    assert not near_miss(0.0, 1.0, {"cue_top": 0.0, "vocab_top": 9.0}, 80)


def test_a_stray_half_cue_in_a_long_answer_is_not_flagged():
    # a long answer holds many everyday words; half a cue there, with nothing else of the
    # criterion's own vocabulary near it, rarely means a missed phrasing
    from grading.review import LONG_ANSWER, NEAR_WORDS, near_miss

    sig = {"cue_top": 0.5, "vocab_top": 1.0}
    assert near_miss(0.5, 1.0, sig, LONG_ANSWER - 1)
    assert not near_miss(0.5, 1.0, sig, LONG_ANSWER)
    assert near_miss(0.5, 1.0, {"cue_top": 0.5, "vocab_top": float(NEAR_WORDS)}, LONG_ANSWER)


def test_criterion_vocabulary_comes_from_its_own_patterns():
    from grading.bank import load_item
    from grading.review import vocabulary, vocabulary_hits

    spec = load_item("perspective-map")
    vocab = dict(zip([c.id for c in spec.criteria], vocabulary("perspective-map"), strict=True))
    assert "legit" in vocab["why-it-matters"]  # "legitima~" in its cue patterns
    hits = dict(zip(vocab, vocabulary_hits("perspective-map", ["legitimacy", "trust", "the"]), strict=True))
    assert hits["why-it-matters"] >= 1 and hits["names-perspectives"] == 0

"""Unit tests for the reflection grader: bank, interface, exemplars, non-attempt guards.

All texts here are written for these tests; nothing is read from ../shared.
"""

from __future__ import annotations

import json

import pytest

from grading import Score, UnknownItemError, item_ids, load_item, score
from grading.evaluate import cohen_kappa, f1
from grading.rules import compile_pattern, is_negated
from grading.scorer import not_found
from grading.text import normalise, said_back, split_sentences

SPEC_CRITERIA = {
    "stance-experience": ["concrete-situation", "names-stance", "own-role", "next-step"],
    "listening-response": ["reflects-feeling", "paraphrases-content", "no-judgement", "invites-more"],
    "perspective-map": [
        "names-perspectives",
        "perspective-not-group",
        "missing-perspective",
        "why-it-matters",
    ],
    "resistance-line": ["locates-stage", "conflict-as-signal", "make-visible", "no-suppression"],
    "minority-voice": ["safe-to-say-no", "spreads-the-no", "adds-minority-wisdom", "respects-relation"],
    "dialogue-design": ["listening-phase", "meeting-phase", "concretise-phase", "transparency"],
}


def test_item_bank_matches_the_spec_ids():
    assert set(item_ids()) == set(SPEC_CRITERIA)
    for item, crits in SPEC_CRITERIA.items():
        spec = load_item(item)
        assert [c.id for c in spec.criteria] == crits
        assert spec.max_points == 4
        for lang in ("sv", "en"):
            assert spec.prompt[lang].strip()
            for c in spec.criteria:
                assert c.label[lang].strip() and c.advice[lang].strip()
        for c in spec.criteria:
            assert c.rule.pos or c.rule.neg, f"{item}/{c.id} has no cue rules"


def test_every_item_has_own_exemplars_in_both_languages():
    for item in item_ids():
        langs = {e.lang for e in load_item(item).exemplars}
        assert langs == {"sv", "en"}


@pytest.mark.parametrize(
    "item,n",
    [(item, n) for item in SPEC_CRITERIA for n in range(4)],
)
def test_exemplars_are_scored_as_labelled(item, n):
    spec = load_item(item)
    ex = spec.exemplars[n]
    result = score(item, ex.text, ex.lang)
    assert result.attempt
    assert result.criteria_map() == ex.criteria


def test_unknown_item_raises_with_known_ids():
    with pytest.raises(UnknownItemError) as err:
        score("no-such-item", "text", "sv")
    assert "stance-experience" in str(err.value)
    with pytest.raises(UnknownItemError):
        load_item("no-such-item")


def test_unknown_course_language_is_an_error():
    with pytest.raises(ValueError):
        score("stance-experience", "text", "de")


def test_score_shape_and_feedback_language():
    ex = load_item("minority-voice").exemplars[1]  # a partial Swedish answer
    for lang in ("sv", "en"):
        result = score("minority-voice", ex.text, lang)
        assert isinstance(result, Score)
        d = result.to_dict()
        for key in ("item", "lang", "points", "max_points", "attempt", "needs_review", "reason", "message"):
            assert key in d
        assert result.points == sum(result.criteria_map().values())
        spec = load_item("minority-voice")
        for c, r in zip(spec.criteria, result.criteria, strict=True):
            assert r.label == c.label[lang]
            assert 0.0 <= r.confidence <= 1.0
            if r.met:
                assert r.evidence and r.evidence in ex.text
            else:
                assert r.evidence is None
                # humble: what was not found, then the advice; or the humble violation note
                assert r.feedback in (not_found(c, lang), (c.advice_violation or {}).get(lang))
                assert c.advice[lang] in r.feedback or r.feedback == c.advice_violation[lang]
        json.dumps(d)  # serialisable


def test_feedback_in_course_language_for_english_answer():
    ex = next(
        e for e in load_item("dialogue-design").exemplars if e.lang == "en" and not all(e.criteria.values())
    )
    result = score("dialogue-design", ex.text, "sv")
    missing = [r for r in result.criteria if not r.met]
    assert missing
    spec = load_item("dialogue-design")
    advice_sv = {c.id: c.advice["sv"] for c in spec.criteria}
    for r in missing:
        assert r.feedback.startswith("Jag hittade inte")
        assert r.feedback.endswith(advice_sv[r.id])


def test_deterministic():
    ex = load_item("perspective-map").exemplars[0]
    a = score("perspective-map", ex.text, "sv").to_dict()
    b = score("perspective-map", ex.text, "sv").to_dict()
    assert a == b


# --- non-attempt guards -----------------------------------------------------------------------


def _non_attempt(item: str, text: str, lang: str = "sv") -> Score:
    result = score(item, text, lang)
    assert not result.attempt, result.to_dict()
    assert result.points == 0
    assert not any(result.criteria_map().values())
    assert result.reason and result.message
    return result


def test_empty_and_short():
    assert _non_attempt("stance-experience", "").reason == "empty"
    assert _non_attempt("stance-experience", "   \n ").reason == "empty"
    assert (
        _non_attempt("stance-experience", "Jag vet inte riktigt vad jag ska skriva här.").reason
        == "too-short"
    )


def test_messages_follow_course_language():
    sv = _non_attempt("stance-experience", "kort svar", "sv")
    en = _non_attempt("stance-experience", "kort svar", "en")
    assert sv.message != en.message
    assert "ord" in sv.message and "words" in en.message


def test_copy_of_prompt_and_scenario():
    spec = load_item("minority-voice")
    for lang in ("sv", "en"):
        text = spec.scenario[lang] + " " + spec.prompt[lang]
        assert _non_attempt("minority-voice", text, lang).reason == "copied-prompt"


def test_copy_of_extra_reference_text():
    course_text = (
        "Motståndslinjen beskriver hur motstånd som inte får komma till uttryck växer: från skämt och "
        "sarkasm, via skvaller och tillbakadragande, till öppen konflikt och till slut destruktiva former."
    )
    result = score("resistance-line", course_text, "sv", references=[course_text])
    assert not result.attempt and result.reason == "copied-prompt"


def test_keyword_list():
    text = (
        "lyssnande, inventering, perspektiv, mötas, lära av varandra, konkreta alternativ, charrette, "
        "transparens, publicera, återkoppling, sammanfattning, webben, anslag, medskapande, dialog"
    )
    assert _non_attempt("dialogue-design", text).reason == "keyword-list"


def test_gibberish():
    text = "qwrtp zxcvb hjklm sdfgh mnbvc plkjh wrtzp xcvbnm fghjk trwqp vbnmx sdfqw lkjhg qwrty zxcvbn"
    assert _non_attempt("listening-response", text).reason == "gibberish"


def test_other_language():
    text = (
        "Zuerst würde ich mit allen Beteiligten sprechen und ihre Sichtweisen sammeln, bevor wir über "
        "Lösungen reden. Danach treffen sich die Gruppen, um voneinander zu lernen, und am Ende werden "
        "konkrete Vorschläge erarbeitet und veröffentlicht."
    )
    assert _non_attempt("dialogue-design", text, "en").reason == "other-language"


def test_off_topic():
    text = (
        "Our football team trains on Tuesdays and Thursdays at the sports ground. The season starts in "
        "April, and the coach wants everybody to bring their own water bottle and boots. After training "
        "we usually eat pizza together at the restaurant near the station."
    )
    assert _non_attempt("resistance-line", text, "en").reason == "off-topic"


def test_repeated_sentence():
    text = "Vi borde lyssna mer på alla. " * 12
    assert _non_attempt("dialogue-design", text).reason == "repeated"


# --- building blocks ------------------------------------------------------------------------


def test_pattern_language():
    regex, check = compile_pattern("lyssna~ .. först")
    assert check and regex.search("vi lyssnar på alla först")
    assert not regex.search("vi lyssnar på alla boende i området först")
    regex, check = compile_pattern("!inte samma")
    assert not check and regex.search("det är inte samma sak")


def test_negation_scope():
    for text, cue in [
        ("i did not ask anything", "ask"),
        ("i never asked them", "asked"),
        ("jag frågade inte", "frågade"),
        ("jag har inte frågat något", "frågat"),
        ("i don't want to defend the decision", "defend"),
    ]:
        start = text.index(cue)
        assert is_negated(text, start, start + len(cue)), text
    for text, cue in [
        ("i asked what else was on her mind", "asked"),
        ("jag frågade inte bara om skatten utan om vardagen", "frågade"),
        ("he was not happy, but i asked him to go on", "asked"),
    ]:
        start = text.index(cue)
        assert not is_negated(text, start, start + len(cue)), text


def test_spoken_spellings_are_normalised():
    assert normalise("ja tror dom har nåt") == "jag tror de har något"
    assert normalise("i dont know, im gonna ask") == "i don't know, i'm going to ask"
    assert normalise("Ja, det stämmer") == "ja, det stämmer"


def test_sentences_and_said_back():
    sents = split_sentences("Först lyssnar vi.\n- Sedan möts vi.\n2. Till sist publicerar vi allt!")
    assert sents == ["Först lyssnar vi.", "Sedan möts vi.", "Till sist publicerar vi allt!"]
    said = said_back('I would say: "You sound angry." No "it is only a few kronor", of course.')
    assert said == ["You sound angry."]


def test_metrics():
    assert cohen_kappa([0, 1, 0, 1], [0, 1, 0, 1]) == 1.0
    assert cohen_kappa([0, 1, 2, 3], [0, 1, 2, 3], "quadratic") == 1.0
    assert cohen_kappa([0, 1, 2, 3], [3, 2, 1, 0], "quadratic") < 0
    assert f1([1, 1, 0, 0], [1, 0, 0, 0]) == pytest.approx(2 / 3)


def test_prefilter_never_changes_a_match():
    """The literal prefilter in Pattern.search must be a necessary condition only."""
    from grading.rules import hypothetical_patterns, rejection_patterns, token_starts

    pats = [p for i in item_ids() for c in load_item(i).criteria for p in c.rule.all_patterns]
    pats += list(rejection_patterns()) + list(hypothetical_patterns())
    sents = [
        normalise(s) for i in item_ids() for e in load_item(i).exemplars for s in split_sentences(e.text)
    ]
    for n in sents:
        starts = token_starts(n)
        for p in pats:
            assert (p.regex.search(n) is None) == (p.search(n, starts) is None), (p.source, n)


def test_non_latin_script_is_other_language():
    text = "我 会 说 你 听 起 来 很 生 气 请 告 诉 我 更 多 关 于 这 个 的 事 情 我 们 一 起 想 办 法"
    assert _non_attempt("listening-response", text, "en").reason == "other-language"
    text = "Я бы сказал жителю что я слышу его гнев и попросил бы рассказать больше о том как это влияет на жизнь"
    assert _non_attempt("listening-response", text, "sv").reason == "other-language"


def test_pasted_course_passage_is_not_an_attempt():
    """A long paragraph pasted from the module's course text (when the repo has it) is a copy."""
    from grading.guards import course_texts

    texts = course_texts(load_item("resistance-line").module)
    if not texts:
        pytest.skip("course text not in this checkout")
    paragraphs = [
        p for t in texts for p in t.split("\n\n") if len(p.split()) >= 40 and not p.lstrip().startswith("#")
    ]
    if not paragraphs:
        pytest.skip("no long paragraph in the course text")
    result = score("resistance-line", paragraphs[0], "sv")
    assert not result.attempt and result.reason == "copied-prompt"


def test_every_pattern_compiles():
    from grading.rules import hypothetical_patterns, rejection_patterns

    for item in item_ids():
        for c in load_item(item).criteria:
            for p in c.rule.all_patterns:
                assert p.regex.pattern, (item, c.id, p.source)
    for p in rejection_patterns() + hypothetical_patterns():
        assert p.regex.pattern


def test_gap_markers_are_written_with_spaces():
    """' .. ' and ' ... ' are gaps; '..' glued to a bracket would silently mean 'any two characters'."""
    import re as _re

    for item in item_ids():
        for c in load_item(item).criteria:
            for p in c.rule.all_patterns:
                stripped = _re.sub(r" \.\.\.? ", " ", p.source)
                assert ".." not in stripped, (item, c.id, p.source)


def test_norwegian_and_danish_are_other_languages():
    no = (
        "Jeg ville først stoppe avstemningen og si at det er helt greit å være uenig. Så ville jeg spørre "
        "butikkeierne hva de er bekymret for, og spørre de andre om noen deler noe av bekymringen."
    )
    da = (
        "Jeg ville først stoppe afstemningen og sige, at det er helt i orden at være uenig. Så ville jeg "
        "spørge butiksejerne, hvad de er bekymrede for, og spørge de andre, om nogen deler noget af det."
    )
    for text in (no, da):
        assert _non_attempt("minority-voice", text, "sv").reason == "other-language"

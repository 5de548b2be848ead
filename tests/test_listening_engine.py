"""The listening-practice type: criteria per response, judging phrases, segments, scoring, validation."""

from __future__ import annotations

import copy

import pytest

from coursekit.exercise_types import listening_practice as lp
from coursekit.exercises import load_exercise, score_exercise, validate_exercise

EX = "listening-practice"
SPEC = load_exercise(EX)
IDS = [s["id"] for s in SPEC["statements"]]


def crit(res: dict) -> dict[str, bool]:
    return {c["id"]: c["met"] for c in res["criteria"]}


# -- the data ---------------------------------------------------------------------------------------
def test_the_exercise_file_is_valid():
    assert validate_exercise(EX) == []
    assert SPEC["points"] == 2


def test_at_least_six_statements_rising_in_intensity_in_both_languages():
    assert len(SPEC["statements"]) >= 6
    levels = [s["intensity"] for s in SPEC["statements"]]
    assert levels == sorted(levels) and levels[0] < levels[-1]
    for s in SPEC["statements"]:
        assert s["text"]["sv"] and s["text"]["en"]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("sid", IDS)
def test_examples_that_listen_meet_all_four_and_the_others_are_marked(sid, lang):
    st = next(s for s in SPEC["statements"] if s["id"] == sid)
    for ex in st["examples"]:
        res = lp.analyse(SPEC, sid, ex["text"][lang], lang)
        if ex["kind"] == "listens":
            assert res["met"] == 4, (ex["text"][lang], crit(res))
            assert res["judging"] == []
        else:
            assert res["judging"], ex["text"][lang]
            assert not crit(res)["no-judgement"]


# -- one response -----------------------------------------------------------------------------------
def test_empty_and_non_text_responses_are_not_answered():
    for text in ("", "   \n", None, 42, ["a"]):
        res = lp.analyse(SPEC, "s1", text, "sv")
        assert res == {"answered": False, "words": 0, "met": 0, "criteria": [], "judging": [], "segments": []}


def test_a_good_swedish_response_meets_all_four_with_evidence():
    text = "Du är arg för att ingen frågade er innan stationerna kom. Berätta mer om hur det blev."
    res = lp.analyse(SPEC, "s4", text, "sv")
    assert res["met"] == 4
    c = {c["id"]: c for c in res["criteria"]}
    assert "arg" in c["feeling"]["evidence"]
    assert any("ingen frågade" in e for e in c["content"]["evidence"])
    assert c["invitation"]["evidence"]
    assert c["no-judgement"]["feedback"] == SPEC["criteria"][2]["met"]["sv"]


def test_a_response_may_be_in_english_while_the_course_is_in_swedish():
    text = "You're angry that nobody asked you before the stations appeared. Tell me more."
    res = lp.analyse(SPEC, "s4", text, "sv")
    assert res["met"] == 4
    assert res["criteria"][0]["label"] == "Känslan speglas"  # feedback stays in the course language


@pytest.mark.parametrize(
    "text, phrase, kind",
    [
        ("Jag hör att du är arg, men skatten behövs. Vad mer?", "men skatten", "defends"),
        ("Lugna ner dig. Jag förstår att du är arg.", "Lugna ner dig", "calms"),
        ("Det stämmer inte att det kostar. Du är orolig.", "Det stämmer inte", "corrects"),
        ("Det är bara några kronor, du är orolig i onödan.", "bara några kronor", "minimises"),
        ("I hear you're angry, but the tax is needed.", "but the tax", "defends"),
        ("Calm down, I know you are upset.", "Calm down", "calms"),
        ("That's not true, you are just worried.", "That's not true", "corrects"),
        ("You have to understand that we are worried too.", "You have to understand", "moralises"),
        ("It's only a few kronor, you sound worried.", "only a few kronor", "minimises"),
        ("Skatten ska minska trafiken, jag förstår att du är arg.", "minska trafiken", "explains"),
        ("Oroa dig inte, det ordnar sig. Du är orolig.", "Oroa dig inte", "reassures"),
        ("Jag förstår men stationerna behövs för miljön. Du är orolig.", "Jag förstår men", "corrects"),
        ("Du är orolig. Stationerna behövs för miljön.", "Stationerna behövs för miljön", "explains"),
        ("I see, but we have to follow the law. You're worried.", "I see, but", "corrects"),
    ],
)
def test_judging_phrases_are_found_and_marked(text, phrase, kind):
    res = lp.analyse(SPEC, "s1", text, "sv")
    found = {(f["text"].lower(), f["kind"]) for f in res["judging"]}
    assert any(phrase.lower() in t and k == kind for t, k in found), found
    assert not crit(res)["no-judgement"]
    marked = [s for s in res["segments"] if s.get("mark") == "judge"]
    assert any(phrase.lower() in s["text"].lower() for s in marked)
    assert "".join(s["text"] for s in res["segments"]) == text  # segments rebuild the exact text
    nj = next(c for c in res["criteria"] if c["id"] == "no-judgement")
    assert "«" in nj["feedback"]


@pytest.mark.parametrize(
    "text",
    [
        "I won't tell you to calm down. You're angry that nobody asked. Tell me more.",
        "Jag tänker inte be dig att lugna ner dig. Du är arg för att ingen frågade. Berätta mer.",
        "I'm not going to say it's only a few kronor. You're angry nobody asked. What else?",
    ],
)
def test_negated_judging_phrases_do_not_count(text):
    res = lp.analyse(SPEC, "s4", text, "sv")
    assert res["judging"] == []
    assert crit(res)["no-judgement"]
    assert all("mark" not in s for s in res["segments"])


def test_phrases_that_carry_their_own_negation_still_count():
    res = lp.analyse(SPEC, "s1", "Det stämmer inte. Du är orolig för pengarna.", "sv")
    assert [f["kind"] for f in res["judging"]] == ["corrects"]


def test_statement_specific_judging_phrases():
    res = lp.analyse(SPEC, "s6", "Ingenting är bestämt, du låter besviken. Vad behöver du?", "sv")
    assert {f["kind"] for f in res["judging"]} == {"corrects"}
    res = lp.analyse(SPEC, "s1", "Ingenting är bestämt, du låter orolig. Vad behöver du?", "sv")
    assert res["judging"] == []  # only s6 lists that phrase


def test_overlapping_marks_are_merged_into_one_segment():
    text = "Det är inte riktigt sant, du är arg."
    res = lp.analyse(SPEC, "s3", text, "sv")
    marked = [s for s in res["segments"] if s.get("mark")]
    assert len(marked) == 1 and marked[0]["text"] == "Det är inte riktigt sant"
    assert [f["text"] for f in res["judging"]] == ["Det är inte riktigt sant"]
    assert "".join(s["text"] for s in res["segments"]) == text


def test_a_phrase_found_by_two_kinds_is_listed_once_and_repeats_are_marked_twice():
    res = lp.analyse(SPEC, "s3", "I hear you, but it is good for the environment. What else?", "en")
    assert [(f["text"], f["kind"]) for f in res["judging"]] == [
        ("I hear you, but", "corrects"),
        ("it is good for the environment", "explains"),
    ]
    res = lp.analyse(SPEC, "s1", "Lugna ner dig. Lugna ner dig! Du är orolig.", "sv")
    assert len(res["judging"]) == 1
    assert len([s for s in res["segments"] if s.get("mark")]) == 2


def test_words_inside_longer_words_do_not_count():
    res = lp.analyse(SPEC, "s4", "Ditt argument om tidningen. Berätta mer.", "sv")
    assert not crit(res)["feeling"]  # "arg" is not in "argument"


def test_no_judgement_needs_something_that_receives():
    res = lp.analyse(SPEC, "s1", "Ja ja ja ja ja.", "sv")
    assert res["met"] == 0
    nj = next(c for c in res["criteria"] if c["id"] == "no-judgement")
    assert nj["feedback"] == SPEC["criteria"][2]["empty"]["sv"]


def test_too_short_responses_meet_nothing():
    res = lp.analyse(SPEC, "s4", "Arg? Berätta.", "en")
    assert res["too_short"] and res["met"] == 0


def test_copying_the_statement_is_not_a_paraphrase():
    copy_text = SPEC["statements"][3]["text"]["sv"] + " Berätta mer."
    res = lp.analyse(SPEC, "s4", copy_text, "sv")
    content = next(c for c in res["criteria"] if c["id"] == "content")
    assert not content["met"] and content["feedback"] == SPEC["criteria"][1]["copied"]["sv"]
    copy_en = "So: " + SPEC["statements"][3]["text"]["en"]
    res = lp.analyse(SPEC, "s4", copy_en, "en")
    assert (
        next(c for c in res["criteria"] if c["id"] == "content")["feedback"]
        == SPEC["criteria"][1]["copied"]["en"]
    )


def test_paraphrase_min_needs_two_cue_groups_for_s1():
    one = lp.analyse(SPEC, "s1", "Du är orolig för förskolan. Berätta mer.", "sv")
    two = lp.analyse(SPEC, "s1", "Du är orolig för vad förskolan och maten kostar. Berätta mer.", "sv")
    assert not crit(one)["content"] and crit(two)["content"]
    advice = next(c for c in one["criteria"] if c["id"] == "content")["feedback"]
    assert SPEC["statements"][0]["hint"]["sv"] in advice and "{hint}" not in advice


def test_unknown_statement_raises_a_clear_error():
    with pytest.raises(KeyError, match="s99"):
        lp.analyse(SPEC, "s99", "text", "sv")


def test_very_long_text_is_cut_not_crashed():
    res = lp.analyse(SPEC, "s1", "Du är orolig för förskolan och maten. " * 2000, "sv")
    assert res["answered"] and sum(len(s["text"]) for s in res["segments"]) <= 5000


# -- scoring ----------------------------------------------------------------------------------------
GOOD = {
    "s1": "Du oroar dig för vad resorna till förskolan och affären kostar. Hur ser veckan ut?",
    "s2": "Du betalar nu för att ta hand om din mamma, och det känns orättvist. Berätta mer.",
    "s3": "Du känner dig instängd, som om en mur står runt Backa. Hur märks det?",
    "s4": "Du är arg för att ingen frågade er. Vad hade du velat?",
    "s5": "Tolvhundra skrev in och du tror inte att det gör skillnad. Vad skulle visa det?",
    "s6": "Du låter besviken och tror att allt redan är bestämt. Vad skulle behövas?",
}


def test_full_marks_and_complete_when_every_statement_meets_all_four():
    res = lp.score(SPEC, {"responses": GOOD}, "sv")
    assert res.points == 2.0 and res.max_points == 2.0 and res.complete
    assert all(line.startswith("✓") for line in res.feedback)
    assert all(d["met"] == 4 for d in res.details.values())


def test_points_are_two_times_the_mean_fraction():
    answer = {"responses": {"s1": GOOD["s1"], "s2": "Men skatten gäller alla. Du är arg."}}
    res = lp.score(SPEC, answer, "en")
    s2 = res.details["s2"]["met"]
    assert res.points == round(2 * (4 + s2) / 4 / 6, 2)
    assert not res.complete
    assert res.feedback[0].startswith("✓ 1.")
    assert res.feedback[1].startswith(("◐ 2.", "✗ 2."))
    assert res.feedback[2] == "– 3. Not answered yet."
    assert res.details["s2"]["judging"] == ["Men skatten"]


def test_a_response_meeting_nothing_is_marked_with_a_cross():
    res = lp.score(SPEC, {"responses": {"s1": "Ja ja ja ja ja."}}, "sv")
    assert res.feedback[0].startswith("✗ 1. 0/4")


@pytest.mark.parametrize(
    "answer",
    [None, "text", 3, [], {}, {"responses": "x"}, {"responses": ["a"]}, {"responses": {"s1": 5, "zz": "x"}}],
)
def test_wrong_answer_shapes_score_zero_without_crashing(answer):
    res = score_exercise(EX, answer, "sv")
    assert res.points == 0 and not res.complete and len(res.feedback) == len(IDS)


def test_no_statements_scores_zero():
    spec = dict(SPEC, statements=[])
    res = lp.score(spec, {"responses": {}}, "sv")
    assert res.points == 0.0 and not res.complete


# -- validation -------------------------------------------------------------------------------------
def broken(**changes) -> dict:
    spec = copy.deepcopy(SPEC)
    spec.update(changes)
    return spec


def problems_of(spec) -> str:
    return "\n".join(lp.validate(spec))


def test_validation_names_every_kind_of_problem():
    spec = copy.deepcopy(SPEC)
    spec["points"] = 0
    spec["title"] = {"sv": "Titel"}
    spec["criteria"] = [c for c in spec["criteria"] if c["id"] != "invitation"]
    spec["criteria"][0]["advice"] = {"sv": "x"}
    del spec["ui"]["next"]
    spec["feeling_words"] = ["arg"]
    spec["invitation"] = {"sv": ["(broken"], "en": ["x?"]}
    spec["judging"][0]["patterns"]["en"] = []
    spec["judging"][1]["label"] = {}
    st = spec["statements"]
    st[1]["id"] = st[0]["id"]
    st[2]["intensity"] = 1
    st[3]["intensity"] = "high"
    st[4]["paraphrase"] = []
    st[5]["paraphrase_min"] = 9
    st[5]["judging"] = [{"kind": "nonsense", "patterns": {"sv": ["x"], "en": ["y"]}}]
    st[0]["examples"] = [e for e in st[0]["examples"] if e["kind"] != "listens"]
    st[1]["examples"] = [e for e in st[1]["examples"] if e["kind"] == "listens"]
    st[2]["examples"][0]["why"] = {"en": "only English"}
    st[2]["feelings"] = {"sv": [""], "en": []}
    st[2]["text"] = {"sv": "  ", "en": "x"}
    text = problems_of(spec)
    for expected in [
        "points must be a positive number",
        "title: lacks the text in en",
        "criteria must include 'invitation'",
        "criterion 'feeling' advice: lacks the text in en",
        "ui string 'next'",
        "feeling_words: give the patterns as",
        "invitation (sv): pattern '(broken' is broken",
        "invitation (en): pattern 'x?' matches empty text",
        "judging kind 'defends': needs a list of patterns in en",
        "judging kind 'explains' label: lacks the text in sv",
        "every statement needs its own id",
        "order the statements from calm to intense",
        "intensity must be a whole number",
        "needs 'paraphrase', a list of cue groups",
        "paraphrase_min must be between 1 and 2",
        "not one of",
        "needs an example of kind 'listens'",
        "needs at least one contrasting example",
        "example 1 why: lacks the text in sv",
        "every pattern must be a non-empty text",
        "statement 's3' text: lacks the text in sv",
    ]:
        assert expected in text, expected


def test_validation_of_missing_statements_and_judging():
    assert "needs at least one statement" in problems_of(broken(statements=[]))
    assert "needs a list 'judging'" in problems_of(broken(judging=[]))


def test_validation_flags_upper_case_patterns():
    spec = copy.deepcopy(SPEC)
    spec["invitation"]["sv"].append("Berätta")
    assert "write patterns in lower case" in problems_of(spec)


def test_feedback_lines_have_no_unfilled_placeholders():
    answer = {
        "responses": {"s1": "Du är orolig. Berätta mer.", "s2": "Men skatten behövs, lugna ner dig nu."}
    }
    for lang in ("sv", "en"):
        res = lp.score(SPEC, answer, lang)
        assert not any("{" in line for line in res.feedback), res.feedback

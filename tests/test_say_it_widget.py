"""The say-it widget model in Python: traits set as the browser sets them, saving, restoring, limits."""

from __future__ import annotations

import json

from coursekit.autograde import grade_exercise
from coursekit.exercise_types.say_it import HARD_MAX
from coursekit.exercises import load_exercise
from coursekit.lesson import Lesson
from coursekit.store import AnswersStore
from widgets.say_it import SayItWidget, build, clean_answer

EX = "invite-the-no"
SPEC = load_exercise(EX)
IDS = [p["id"] for p in SPEC["prompts"]]
GOOD = "Innan vi röstar vill jag höra den som ser det annorlunda. Ett nej hjälper oss. Vem ser det på ett annat sätt?"
PRESSURE = "Okej, vi är överens, men innan vi röstar: vem ser det annorlunda? Det är välkommet."


def make(tmp_path, lang="sv") -> SayItWidget:
    return build(EX, SPEC, AnswersStore(tmp_path), lang)


def saved(tmp_path) -> dict:
    return json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))["exercises"][EX]["answer"]


def write(w, responses: dict, revealed=()) -> None:
    """What the browser sends after a pause."""
    w.answer = {"responses": dict(responses), "revealed": list(revealed)}


def test_fresh_widget_shows_the_moments_but_no_patterns_or_models(tmp_path):
    w = make(tmp_path)
    assert w.view["title"] == SPEC["title"]["sv"]
    assert [p["id"] for p in w.view["prompts"]] == IDS
    first = w.view["prompts"][0]
    assert (
        first["quote"] == SPEC["prompts"][0]["quote"]["sv"]
        and first["task"] == SPEC["prompts"][0]["task"]["sv"]
    )
    assert first["max_chars"] == SPEC["max_chars"] and "högt" in first["aloud"]
    assert w.view["ui"]["saved"] == "Sparat" and w.view["hard_max"] == HARD_MAX
    sent = json.dumps([w.view, w.analysis, w.models, w.summary], ensure_ascii=False)
    for p in SPEC["prompts"]:
        for m in p["models"] + p.get("contrast", []):
            assert m["text"]["sv"] not in sent and m["why"]["sv"] not in sent
        for c in p["checks"]:
            assert c.get("advice", c.get("violation"))["sv"] not in sent
    assert "look_for" not in sent and "vi är|alla är" not in sent
    assert w.analysis == {} and w.models == {}
    assert w.summary == {"points": 0.0, "max_points": 2.0, "complete": False, "answered": 0, "total": 3}
    assert not (tmp_path / "answers.json").exists()


def test_writing_saves_and_gives_feedback_with_the_learners_own_words(tmp_path):
    w = make(tmp_path)
    write(w, {"safe-no": GOOD})
    assert saved(tmp_path) == {"responses": {"safe-no": GOOD}, "revealed": []}
    assert w.status == "saved" and w.saved_at > 0
    res = w.analysis["safe-no"]
    assert res["met"] == res["total"] == 4 and res["full"] is False
    hold = next(c for c in res["criteria"] if c["id"] == "hold")
    assert hold["evidence"] == ["Innan vi röstar"]
    assert w.summary["answered"] == 1 and w.summary["points"] == round(2 / 3, 2)


def test_words_to_avoid_come_back_as_segments_and_full_credit_is_said(tmp_path):
    w = make(tmp_path)
    write(w, {"safe-no": PRESSURE + " <b>Säg</b> till."})
    res = w.analysis["safe-no"]
    assert [a["text"] for a in res["avoided"]] == ["vi är överens"]
    assert {"text": "vi är överens", "mark": "avoid", "kinds": ["no-pressure"]} in res["segments"]
    assert "".join(s["text"] for s in res["segments"]).endswith("<b>Säg</b> till.")  # raw; the view uses text
    write(w, {"safe-no": "Innan vi röstar, en fråga till alla: vem ser det på ett annat sätt?"})
    res = w.analysis["safe-no"]
    assert res["met"] == 3 and res["full"] is True  # one cue missed, full credit: the view says so


def test_models_are_sent_only_after_writing_and_asking(tmp_path):
    w = make(tmp_path)
    write(w, {}, revealed=["spread"])  # asks without writing anything: refused
    assert w.answer["revealed"] == [] and w.models == {}
    write(w, {"spread": "Tack. Finns det fler som känner igen något av det här?"}, revealed=["spread"])
    shown = w.models["spread"]
    assert shown[0]["good"] and shown[0]["text"] == SPEC["prompts"][1]["models"][0]["text"]["sv"]
    assert not shown[-1]["good"] and shown[-1]["label"] == SPEC["prompts"][1]["contrast"][0]["label"]["sv"]
    assert saved(tmp_path)["revealed"] == ["spread"]
    write(w, {"spread": ""}, revealed=["spread"])  # clearing the text keeps what was shown
    assert list(w.models) == ["spread"]


def test_set_lang_translates_view_feedback_and_models(tmp_path):
    w = make(tmp_path)
    write(w, {"safe-no": GOOD}, revealed=["safe-no"])
    w.set_lang("en")
    assert w.view["title"] == SPEC["title"]["en"] and w.view["ui"]["saved"] == "Saved"
    assert w.analysis["safe-no"]["criteria"][0]["label"] == SPEC["prompts"][0]["checks"][0]["label"]["en"]
    assert w.models["safe-no"][0]["why"] == SPEC["prompts"][0]["models"][0]["why"]["en"]
    assert w.answer["responses"]["safe-no"] == GOOD


def test_state_is_restored_when_the_widget_is_created_again(tmp_path):
    w = make(tmp_path)
    write(
        w,
        {"safe-no": GOOD, "wisdom": "Vad skulle ni som röstade nej behöva för att följa med?"},
        revealed=["safe-no"],
    )
    again = make(tmp_path, "en")
    assert again.answer == {
        "responses": {"safe-no": GOOD, "wisdom": "Vad skulle ni som röstade nej behöva för att följa med?"},
        "revealed": ["safe-no"],
    }
    assert again.analysis["safe-no"]["met"] == 4 and list(again.models) == ["safe-no"]
    assert again.status == "saved" and again.saved_at == w.saved_at > 0


def test_a_text_beyond_the_hard_limit_is_refused_not_cut_and_the_learner_is_told(tmp_path):
    w = make(tmp_path)
    write(w, {"safe-no": GOOD})
    write(w, {"safe-no": "a " * HARD_MAX, "wisdom": "Vad behöver ni?"})
    # Nothing cut is saved: the file keeps the last answer the learner saw whole.
    assert saved(tmp_path) == {"responses": {"safe-no": GOOD}, "revealed": []}
    assert w.status == "error"
    assert "för lång" in w.notice and "20000" in w.notice and str(HARD_MAX) in w.notice
    at_limit = "a" * HARD_MAX
    write(w, {"safe-no": at_limit})
    assert saved(tmp_path)["responses"]["safe-no"] == at_limit
    assert w.analysis["safe-no"]["state"] == "too_long"
    assert w.notice == "" and w.status == "saved"  # the next good save clears it


def test_a_text_over_the_feedback_limit_is_kept_whole(tmp_path):
    w = make(tmp_path, "en")
    text = GOOD + " More words." * 60
    write(w, {"safe-no": text})
    assert saved(tmp_path)["responses"]["safe-no"] == text  # no silent truncation
    res = w.analysis["safe-no"]
    assert res["state"] == "too_long" and "Shorten it" in res["note"] and w.summary["points"] == 0


def test_clean_answer_drops_unknown_ids_and_wrong_types():
    raw = {
        "responses": {"safe-no": "ok text", "zz": "x", "spread": 5},
        "revealed": ["safe-no", "safe-no", "zz", 4],
    }
    out, cut = clean_answer(SPEC, raw)
    assert out == {"responses": {"safe-no": "ok text"}, "revealed": ["safe-no"]} and not cut
    assert clean_answer(SPEC, {"revealed": ["wisdom"]}, previous={"revealed": ["wisdom"]})[0]["revealed"] == [
        "wisdom"
    ]
    for bad in ("text", 7, [1], {"responses": "x", "revealed": "safe-no"}):
        assert clean_answer(SPEC, bad) == ({"responses": {}, "revealed": []}, False)
    # An odd earlier answer (a damaged file; found by tests/test_fuzz_answers.py) is read as nothing revealed.
    for odd in ({"revealed": None}, {"revealed": [{"a": 1}, ["x"]]}, "text", None):
        out, _ = clean_answer(
            SPEC, {"responses": {"safe-no": "ok"}, "revealed": [{"a": 1}, "safe-no"]}, previous=odd
        )
        assert out == {"responses": {"safe-no": "ok"}, "revealed": ["safe-no"]}


def test_corrupted_saved_answers_are_read_safely(tmp_path):
    AnswersStore(tmp_path).save_answer(EX, {"responses": ["x"], "revealed": {"a": 1}}, "sv")
    w = make(tmp_path)
    assert w.answer == {"responses": {}, "revealed": []} and w.summary["points"] == 0


def test_a_failed_save_shows_an_error_and_keeps_the_text(tmp_path, monkeypatch):
    from coursekit.store import SaveResult

    w = make(tmp_path)
    monkeypatch.setattr(
        w._store,
        "save_answer",
        lambda *a, **k: SaveResult(False, 0, None, error="unwritable:Permission denied"),
    )
    write(w, {"safe-no": GOOD})
    assert w.status == "error" and "Permission denied" in w.notice
    assert w.answer["responses"]["safe-no"] == GOOD and w.analysis["safe-no"]["answered"]


def test_the_lesson_builds_this_widget_and_nbgrader_grades_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lesson = Lesson("handling-conflict", folder=tmp_path)
    w = lesson.exercise(EX)
    assert isinstance(w, SayItWidget)
    write(w, {"safe-no": GOOD})
    lesson.set_lang("en")
    assert w.lang == "en" and w.view["prompts"][0]["task"] == SPEC["prompts"][0]["task"]["en"]
    assert grade_exercise(EX, tmp_path) == round(2 / 3, 2)

"""The listening-practice widget model in Python: traits set as the browser sets them, saving, restoring."""

from __future__ import annotations

import json

from coursekit.autograde import grade_exercise
from coursekit.exercises import load_exercise
from coursekit.lesson import Lesson
from coursekit.store import AnswersStore
from widgets.listening_practice import ListeningPracticeWidget, build, clean_answer

EX = "listening-practice"
SPEC = load_exercise(EX)
GOOD_S4 = "Du är arg för att ingen frågade er. Berätta mer."


def make(tmp_path, lang="sv") -> ListeningPracticeWidget:
    return build(EX, SPEC, AnswersStore(tmp_path), lang)


def saved(tmp_path) -> dict:
    return json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))["exercises"][EX]["answer"]


def write(w, responses: dict, revealed=(), current=0) -> None:
    """What the browser sends after a pause."""
    w.answer = {"responses": dict(responses), "revealed": list(revealed), "current": current}


def test_fresh_widget_shows_texts_but_no_keys_or_examples(tmp_path):
    w = make(tmp_path)
    assert w.view["title"] == SPEC["title"]["sv"]
    assert [s["id"] for s in w.view["statements"]] == [s["id"] for s in SPEC["statements"]]
    assert w.view["statements"][0]["text"] == SPEC["statements"][0]["text"]["sv"]
    assert w.view["ui"]["next"] == "Nästa"
    sent = json.dumps([w.view, w.analysis, w.examples, w.summary], ensure_ascii=False)
    for st in SPEC["statements"]:
        for ex in st["examples"]:
            assert ex["text"]["sv"] not in sent and ex["why"]["sv"] not in sent
        assert st["hint"]["sv"] not in sent
    assert "feeling_words" not in sent and "lugna (ner" not in sent
    assert w.analysis == {} and w.examples == {}
    assert w.summary == {"points": 0.0, "max_points": 2.0, "complete": False, "answered": 0, "total": 6}
    assert w.status == "" and w.notice == ""
    assert not (tmp_path / "answers.json").exists()


def test_writing_saves_and_gives_feedback_with_the_hint_filled_in(tmp_path):
    w = make(tmp_path)
    write(w, {"s1": "Du är orolig för förskolan. Berätta mer."})
    assert saved(tmp_path) == {
        "responses": {"s1": "Du är orolig för förskolan. Berätta mer."},
        "revealed": [],
        "current": 0,
    }
    assert w.status == "saved" and w.saved_at > 0
    res = w.analysis["s1"]
    assert res["met"] == 3
    content = next(c for c in res["criteria"] if c["id"] == "content")
    assert not content["met"] and SPEC["statements"][0]["hint"]["sv"] in content["feedback"]
    assert "{hint}" not in json.dumps(w.analysis, ensure_ascii=False)
    assert w.summary["answered"] == 1 and w.summary["points"] == round(2 * 3 / 4 / 6, 2)


def test_judging_phrases_come_back_as_segments_to_mark(tmp_path):
    w = make(tmp_path)
    text = "Lugna ner dig. <b>Du</b> är arg för att ingen frågade."
    write(w, {"s4": text})
    res = w.analysis["s4"]
    assert [f["kind"] for f in res["judging"]] == ["calms"]
    assert res["segments"][0] == {"text": "Lugna ner dig", "mark": "judge", "kinds": ["calms"]}
    assert "".join(s["text"] for s in res["segments"]) == text  # raw text; the view sets textContent


def test_examples_are_sent_only_after_writing_and_asking(tmp_path):
    w = make(tmp_path)
    write(w, {}, revealed=["s2"])  # asks without writing anything: refused
    assert w.answer["revealed"] == [] and w.examples == {}
    assert saved(tmp_path)["revealed"] == []
    write(w, {"s2": "Du betalar för din mamma och det känns fel. Berätta mer."}, revealed=["s2"])
    assert list(w.examples) == ["s2"]
    kinds = [e["kind"] for e in w.examples["s2"]]
    assert kinds[0] == "listens" and len(kinds) >= 2
    assert w.examples["s2"][0]["good"] and not w.examples["s2"][1]["good"]
    assert w.examples["s2"][0]["text"] == SPEC["statements"][1]["examples"][0]["text"]["sv"]
    # clearing the text later keeps the examples that were already shown
    write(w, {"s2": ""}, revealed=["s2"])
    assert list(w.examples) == ["s2"]


def test_set_lang_translates_view_feedback_and_examples(tmp_path):
    w = make(tmp_path)
    write(w, {"s4": GOOD_S4}, revealed=["s4"])
    w.set_lang("en")
    assert w.view["title"] == SPEC["title"]["en"]
    assert w.view["statements"][3]["text"] == SPEC["statements"][3]["text"]["en"]
    assert w.analysis["s4"]["criteria"][0]["label"] == "The feeling is reflected"
    assert w.examples["s4"][0]["why"] == SPEC["statements"][3]["examples"][0]["why"]["en"]
    assert w.lang == "en"


def test_state_is_restored_when_the_widget_is_created_again(tmp_path):
    w = make(tmp_path)
    write(
        w,
        {"s4": GOOD_S4, "s1": "Du är orolig för förskolan och maten. Hur går det?"},
        revealed=["s4"],
        current=3,
    )
    again = make(tmp_path, "en")
    assert again.answer == {
        "responses": {"s4": GOOD_S4, "s1": "Du är orolig för förskolan och maten. Hur går det?"},
        "revealed": ["s4"],
        "current": 3,
    }
    assert again.analysis["s4"]["met"] == 4
    assert list(again.examples) == ["s4"]
    assert again.status == "saved"
    assert again.saved_at == w.saved_at > 0  # the browser compares it with any unsaved draft


def test_corrupted_saved_answers_are_read_safely(tmp_path):
    for bad in ("text", 7, [1, 2], {"responses": "x", "revealed": "s1", "current": "two"}, {"current": True}):
        folder = tmp_path / str(abs(hash(json.dumps(bad))))
        AnswersStore(folder).save_answer(EX, bad, "sv")
        w = make(folder)
        assert w.answer == {"responses": {}, "revealed": [], "current": 0}
        assert w.analysis == {} and w.summary["points"] == 0


def test_clean_answer_drops_unknown_ids_wrong_types_and_bad_positions():
    raw = {
        "responses": {"s1": "ok text here", "zz": "x", "s2": 5, "s3": "y" * 6000},
        "revealed": ["s1", "s1", "zz", "s2", 4],
        "current": 99,
    }
    out = clean_answer(SPEC, raw)
    assert out["responses"] == {"s1": "ok text here", "s3": "y" * 5000}
    assert out["revealed"] == ["s1"]
    assert out["current"] == 0
    assert clean_answer(SPEC, {"current": 5})["current"] == 5
    assert clean_answer(SPEC, {"revealed": ["s2"]}, previous={"revealed": ["s2"]})["revealed"] == ["s2"]


def test_a_corrupt_answers_file_is_announced(tmp_path):
    (tmp_path / "answers.json").write_text("{not json", encoding="utf-8")
    w = make(tmp_path)
    assert "answers.corrupt-" in w.notice


def test_a_failed_save_shows_an_error_and_keeps_the_text(tmp_path, monkeypatch):
    from coursekit.store import SaveResult

    w = make(tmp_path)
    monkeypatch.setattr(
        w._store,
        "save_answer",
        lambda *a, **k: SaveResult(False, 0, None, error="unwritable:Permission denied"),
    )
    write(w, {"s1": "Du är orolig för pengarna. Berätta mer om det."})
    assert w.status == "error"
    assert "Permission denied" in w.notice
    assert w.answer["responses"]["s1"].startswith("Du är orolig för pengarna")
    assert w.analysis["s1"]["answered"]  # feedback still works


def test_a_too_large_answer_says_so(tmp_path, monkeypatch):
    from coursekit.store import SaveResult

    w = make(tmp_path, "en")
    monkeypatch.setattr(
        w._store, "save_answer", lambda *a, **k: SaveResult(False, 0, None, error="too-large")
    )
    write(w, {"s1": "You're worried about pre-school costs. Tell me more."})
    assert w.status == "error" and "too large" in w.notice


def test_the_lesson_builds_this_widget_and_nbgrader_grades_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lesson = Lesson("listening", folder=tmp_path)
    w = lesson.exercise(EX)
    assert isinstance(w, ListeningPracticeWidget)
    write(w, {"s4": GOOD_S4})
    lesson.set_lang("en")
    assert w.lang == "en"
    points = grade_exercise(EX, tmp_path)
    assert points == round(2 * 4 / 4 / 6, 2)

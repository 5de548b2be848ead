"""The resistance-line widget model in Python: traits set as the browser sets them, saving, restoring."""

from __future__ import annotations

import json

from coursekit.autograde import grade_exercise
from coursekit.exercises import load_exercise
from coursekit.store import AnswersStore
from widgets.resistance_line import ResistanceLineWidget, build, strings

EX = "resistance-placement"
SPEC = load_exercise(EX)
KEY = {i["id"]: i["answer"] for i in SPEC["incidents"]}


def make(tmp_path, lang="sv") -> ResistanceLineWidget:
    return build(EX, SPEC, AnswersStore(tmp_path), lang)


def saved(tmp_path) -> dict:
    return json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))["exercises"][EX]["answer"]


def test_fresh_widget_shows_texts_but_no_answer_keys(tmp_path):
    w = make(tmp_path)
    assert w.view["title"] == SPEC["title"]["sv"]
    assert [s["id"] for s in w.view["stages"]] == [
        "jokes",
        "gossip",
        "withdrawal",
        "sabotage",
        "open-conflict",
    ]
    assert len(w.view["incidents"]) == len(SPEC["incidents"])
    sent = json.dumps([w.view, w.result, w.escalation], ensure_ascii=False)
    for inc in SPEC["incidents"]:
        assert inc["explanation"]["sv"] not in sent
    assert '"answer"' not in sent and "acceptable" not in sent
    assert w.result["placed"] == 0 and w.result["incidents"] == {}
    assert w.escalation["step"] == 0 and len(w.escalation["steps"]) == 1
    assert not (tmp_path / "answers.json").exists()  # nothing saved before the learner acts
    assert w.notice == ""


def test_each_placement_is_saved_and_gets_feedback(tmp_path):
    w = make(tmp_path)
    w.placements = {"map-laughter": "jokes"}
    r = w.result["incidents"]["map-laughter"]
    assert r["status"] == "correct" and r["label"] == "Rätt." and r["hint"] == ""
    assert r["explanation"] == SPEC["incidents"][0]["explanation"]["sv"]
    assert saved(tmp_path) == {"placements": {"map-laughter": "jokes"}, "step": 0}

    w.placements = {"map-laughter": "jokes", "official-irony": "gossip"}
    assert w.result["incidents"]["official-irony"]["status"] == "close"
    w.placements = {"map-laughter": "jokes", "official-irony": "gossip", "petition": "jokes"}
    far = w.result["incidents"]["petition"]
    assert far["status"] == "far" and far["hint"] == strings("sv")["harsher"]
    w.placements = {**w.placements, "map-laughter": "sabotage"}
    assert w.result["incidents"]["map-laughter"]["hint"] == strings("sv")["milder"]
    assert w.result["placed"] == 3 and w.result["points"] == round(2 * 0.5 / 10, 2)
    assert saved(tmp_path)["placements"]["petition"] == "jokes"


def test_all_correct_completes_and_grades_full(tmp_path):
    w = make(tmp_path)
    w.placements = dict(KEY)
    assert w.result["complete"] and w.result["points"] == 2.0
    assert grade_exercise(EX, tmp_path) == 2.0


def test_unknown_ids_from_the_browser_are_dropped(tmp_path):
    w = make(tmp_path)
    w.placements = {"map-laughter": "jokes", "bogus": "jokes", "petition": "war", "fewer-people": 7}
    assert w.placements == {"map-laughter": "jokes"}
    assert saved(tmp_path)["placements"] == {"map-laughter": "jokes"}


def test_start_again_clears_everything(tmp_path):
    w = make(tmp_path)
    w.placements = dict(KEY)
    w.placements = {}
    assert w.result["placed"] == 0 and w.result["points"] == 0
    assert saved(tmp_path)["placements"] == {}


def test_escalation_steps_are_sent_one_at_a_time_and_clamped(tmp_path):
    w = make(tmp_path)
    total = len(SPEC["escalation"]["steps"])
    w.step = 2
    assert len(w.escalation["steps"]) == 3 and w.escalation["total"] == total
    last = w.escalation["steps"][-1]
    assert last["unattended"]["stage"] == SPEC["escalation"]["steps"][2]["unattended"]["stage"]
    assert last["attended"]["stage_name"]  # the voiced point has a name too
    assert saved(tmp_path) == {"placements": {}, "step": 2}
    w.step = 99
    assert w.step == total - 1 and len(w.escalation["steps"]) == total
    w.step = -3
    assert w.step == 0 and len(w.escalation["steps"]) == 1
    assert saved(tmp_path)["step"] == 0


def test_state_is_restored_after_recreating_the_widget(tmp_path):
    w = make(tmp_path)
    w.placements = {"map-laughter": "jokes", "petition": "sabotage"}
    w.step = 3
    again = make(tmp_path)
    assert again.placements == {"map-laughter": "jokes", "petition": "sabotage"}
    assert again.step == 3 and len(again.escalation["steps"]) == 4
    assert again.result["incidents"]["petition"]["status"] == "close"


def test_set_lang_switches_every_text(tmp_path):
    w = make(tmp_path)
    w.placements = {"map-laughter": "jokes"}
    w.set_lang("en")
    assert w.lang == "en"
    assert w.view["title"] == SPEC["title"]["en"]
    assert w.view["stages"][0]["name"] == "Jokes and sarcasm"
    assert w.ui["place"] == "Place"
    assert w.result["incidents"]["map-laughter"]["label"] == "Correct."
    assert w.result["incidents"]["map-laughter"]["explanation"] == SPEC["incidents"][0]["explanation"]["en"]
    assert w.escalation["steps"][0]["label"] == "Week 1"
    w.set_lang("sv")
    assert w.view["stages"][0]["name"] == "Skämt och sarkasm"


def test_corrupted_saved_answer_starts_fresh_with_a_notice(tmp_path):
    store = AnswersStore(tmp_path)
    store.save_answer(EX, ["not", "a", "dict"], "sv")
    w = make(tmp_path)
    assert w.placements == {} and w.step == 0
    assert w.notice == strings("sv")["corrupt"]
    w.placements = {"map-laughter": "jokes"}  # the next save repairs the entry and clears the notice
    assert w.notice == ""
    assert saved(tmp_path) == {"placements": {"map-laughter": "jokes"}, "step": 0}


def test_partly_corrupted_answer_keeps_what_is_readable(tmp_path):
    AnswersStore(tmp_path).save_answer(
        EX, {"placements": {"map-laughter": "jokes", "petition": 5, "nope": "jokes"}, "step": "x"}, "sv"
    )
    w = make(tmp_path)
    assert w.placements == {"map-laughter": "jokes"} and w.step == 0
    assert w.notice == ""

    AnswersStore(tmp_path).save_answer(EX, {"placements": "broken"}, "sv")
    assert make(tmp_path).notice == strings("sv")["corrupt"]


def test_damaged_answers_file_is_reported(tmp_path):
    (tmp_path / "answers.json").write_text("{not json", encoding="utf-8")
    w = make(tmp_path, "en")
    assert "could not be read" in w.notice


def test_unwritable_folder_shows_a_notice(tmp_path):
    w = make(tmp_path)
    w._store.folder = tmp_path / "missing" / "deeper"
    w._store.path = w._store.folder / "answers.json"
    w._store._lockfile = tmp_path / "nowhere" / "x" / "lock"
    (tmp_path / "nowhere").write_text("a file, not a folder")
    w.placements = {"map-laughter": "jokes"}
    assert w.notice  # a message, not an exception
    assert w.result["incidents"]["map-laughter"]["status"] == "correct"


def test_exercise_without_incidents_explains_itself(tmp_path):
    spec = dict(SPEC, incidents=[])
    w = ResistanceLineWidget(EX, spec, AnswersStore(tmp_path), "en")
    assert "no incidents" in w.notice and f"exercises/{EX}.json" in w.notice
    assert w.result["total"] == 0


def test_exercise_without_escalation_sends_none(tmp_path):
    spec = {k: v for k, v in SPEC.items() if k != "escalation"}
    w = ResistanceLineWidget(EX, spec, AnswersStore(tmp_path), "sv")
    assert w.view["escalation"] == {}
    assert w.escalation["total"] == 0 and w.escalation["steps"] == []

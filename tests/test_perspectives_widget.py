"""The perspective-map widget model in Python: what reaches the browser, saving, checking, language,
restoring after a restart and damaged saved answers."""

from __future__ import annotations

import json

import pytest

from coursekit.exercises import load_exercise
from coursekit.store import AnswersStore, SaveResult
from widgets.perspective_map import PerspectiveMapWidget, build

EX = "perspective-mapping"
SPEC = load_exercise(EX)


def answer() -> dict:
    return {
        "perspectives": [
            {"id": "p1", "name": "Vardagen kostar"},
            {"id": "p2", "name": "Instängda"},
            {"id": "p3", "name": "Renare luft"},
        ],
        "links": {
            "resident-groceries": ["p1", "p2"],
            "parent": ["p1", "p3"],
            "commuter": ["p1"],
            "shop-owner": ["p2"],
            "older-no-car": ["p2"],
            "environment": ["p3"],
            "resident-main-road": ["p3"],
        },
        "missing": [{"id": "m1", "name": "Unga"}],
    }


def saved(tmp_path) -> dict:
    return json.loads((tmp_path / "answers.json").read_text())["exercises"][EX]["answer"]


@pytest.fixture
def widget(tmp_path) -> PerspectiveMapWidget:
    return build(EX, SPEC, AnswersStore(tmp_path), "sv")


def test_browser_gets_voices_and_texts_but_no_answer_key(widget):
    view = widget.view
    assert view["title"] == SPEC["title"]["sv"]
    assert [v["id"] for v in view["voices"]] == SPEC["voices"]
    assert set(view["voices"][0]) == {"id", "who", "excerpt"}
    sent = json.dumps([widget.view, widget.ui, widget.answer, widget.result], ensure_ascii=False)
    for secret in ("cost-everyday", "Lagen och besluten", "funktionsneds", "young-people", "min_jaccard"):
        assert secret not in sent
    assert widget.result == {} and widget.notice == ""
    assert widget.answer == {"perspectives": [], "links": {}, "missing": []}


def test_every_change_is_saved_and_check_gives_feedback(widget, tmp_path):
    widget.answer = answer()
    assert saved(tmp_path) == dict(answer(), checked=False)
    widget.check_count += 1
    res = widget.result
    assert res["points"] == 3.0 and res["max_points"] == 3.0
    assert [p["ok"] for p in res["parts"]] == [True, True, True]
    assert any("Vardagen kostar" in line and "Vardagen har blivit dyrare" in line for line in res["matches"])
    assert saved(tmp_path)["checked"] is True
    # After a check the feedback follows every change.
    smaller = answer()
    smaller["missing"] = []
    widget.answer = smaller
    assert widget.result["points"] == 2.0
    assert widget.result["parts"][-1]["ok"] is False
    assert saved(tmp_path) == dict(smaller, checked=True)


def test_language_switch_translates_view_ui_and_feedback(widget):
    widget.answer = answer()
    widget.check_count += 1
    widget.set_lang("en")
    assert widget.view["title"] == SPEC["title"]["en"]
    assert widget.ui["add_perspective"] == "Add perspective"
    assert widget.view["voices"][0]["who"] == "Resident on the way to the supermarket"
    assert widget.result["parts"][0]["text"].startswith("Grouping:")
    assert widget.answer["perspectives"][0]["name"] == "Vardagen kostar"  # learner text is never translated


def test_state_is_restored_after_a_restart(tmp_path):
    w = build(EX, SPEC, AnswersStore(tmp_path), "sv")
    w.answer = answer()
    w.check_count += 1
    again = build(EX, SPEC, AnswersStore(tmp_path), "en")
    assert again.answer == answer()
    assert again.result["points"] == 3.0
    assert again.result["parts"][1]["text"].startswith("Many-to-many")
    unchecked = tmp_path / "b"
    w2 = build(EX, SPEC, AnswersStore(unchecked), "sv")
    w2.answer = answer()
    assert build(EX, SPEC, AnswersStore(unchecked), "sv").result == {}


@pytest.mark.parametrize("junk", ["text", 42, ["a"], {"perspectives": {"p1": "x"}, "links": 3}])
def test_damaged_saved_answer_is_repaired_with_a_notice(tmp_path, junk):
    AnswersStore(tmp_path).save_answer(EX, junk)
    w = build(EX, SPEC, AnswersStore(tmp_path), "sv")
    assert w.answer == {"perspectives": [], "links": {}, "missing": []}
    assert w.notice == SPEC["feedback"]["repaired"]["sv"]
    w.set_lang("en")
    assert w.notice == SPEC["feedback"]["repaired"]["en"]
    w.check_count += 1
    assert w.result["points"] == 0.0


def test_partly_damaged_answer_keeps_what_can_be_read(tmp_path):
    bad = answer()
    bad["perspectives"].append({"id": "p1", "name": None})
    bad["links"]["nobody"] = ["p1"]
    AnswersStore(tmp_path).save_answer(EX, dict(bad, checked=True))
    w = build(EX, SPEC, AnswersStore(tmp_path), "sv")
    assert w.answer == answer()
    assert w.notice
    assert w.result["points"] == 3.0


def test_odd_input_from_the_browser_is_cleaned(widget, tmp_path):
    odd = answer()
    odd["perspectives"][0]["name"] = "  Vardagen   kostar  "
    odd["links"]["parent"] = ["p3", "p1", "ghost"]
    widget.answer = odd
    assert widget.answer == answer()
    assert saved(tmp_path) == dict(answer(), checked=False)


def test_a_failed_save_shows_a_message(widget, monkeypatch):
    def fail(*args, **kwargs):
        return SaveResult(False, 0, None, error="unwritable:Permission denied")

    monkeypatch.setattr(widget._store, "save_answer", fail)
    widget.answer = answer()
    assert "Permission denied" in widget.notice


def test_damaged_answers_file_message_wins(tmp_path):
    (tmp_path / "answers.json").write_text("{not json")
    w = build(EX, SPEC, AnswersStore(tmp_path), "sv")
    assert "gick inte att läsa" in w.notice

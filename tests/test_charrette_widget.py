"""The charrette widget model in Python: commands as the browser sends them, saving, restoring, languages."""

from __future__ import annotations

import copy
import json

from coursekit.exercises import load_exercise
from coursekit.store import AnswersStore
from widgets.charrette import CharretteWidget, build, ui

GOOD = ["gather", "safe-no", "spread-no", "vote", "wisdom", "add"]


def make(tmp_path, lang="sv", spec=None):
    return build("charrette", spec or load_exercise("charrette"), AnswersStore(tmp_path), lang)


def send(w, n, **cmd):
    w.command = dict(cmd, seq=n)


def saved(tmp_path):
    data = json.loads((tmp_path / "answers.json").read_text(encoding="utf-8"))
    return data["exercises"]["charrette"]["answer"]


def test_initial_view_has_no_answer_keys(tmp_path):
    w = make(tmp_path)
    assert isinstance(w, CharretteWidget)
    assert w.view["title"].startswith("Simulering")
    assert [v["id"] for v in w.view["variables"]] == ["voices", "tension", "trust"]
    assert w.view["line"]["variable"] == "resistance" and len(w.view["line"]["stages"]) == 6
    assert w.view["line"]["label"] == "Motståndslinjen"
    sim = w.sim
    assert sim["node"]["id"] == "start" and sim["turn"] == 0 and sim["ending"] is None
    assert sorted(m["id"] for m in sim["moves"]) == ["gather", "postpone", "rules", "vote-now"]
    # what helps, why, steps and targets stay in the kernel until an ending
    assert set(sim["moves"][0]) == {"id", "label"}
    text = json.dumps(sim, ensure_ascii=False)
    for secret in ("helps", "why", "next", "effects", "Le Roux"):
        assert secret not in text
    assert sim["history"] == [
        {"turn": 0, "move": "", "state": {"voices": 2, "tension": 4, "trust": 5, "resistance": 1}}
    ]
    assert sim["runs"] == {"items": [], "best": None}
    assert w.notice == ""
    assert not (tmp_path / "answers.json").exists()


def test_moves_save_update_chart_and_reach_the_debrief(tmp_path):
    w = make(tmp_path)
    for n, move in enumerate(GOOD, 1):
        send(w, n, type="move", move=move)
        assert saved(tmp_path)["moves"] == GOOD[:n]
        assert len(w.sim["history"]) == n + 1
    sim = w.sim
    assert sim["node"] is None and sim["moves"] == []
    end = sim["ending"]
    assert end["ending"] == "durable" and end["title"] == "Ett beslut som håller"
    assert "Le Roux" in end["debrief"] and "Inside the No" in end["debrief"]
    assert [m["helps"] for m in end["moves"]] == [True] * 6
    assert end["score"]["points"] == 3.0 and end["score"]["in_order"] == 5
    assert sim["runs"]["best"] == 3.0 and sim["runs"]["items"][0]["title"] == "Ett beslut som håller"
    assert sim["history"][-1]["move"].startswith("Lägg till")


def test_play_again_keeps_history_and_restores_after_restart(tmp_path):
    w = make(tmp_path)
    for n, move in enumerate(GOOD, 1):
        send(w, n, type="move", move=move)
    send(w, 20, type="replay")
    assert saved(tmp_path) == {"moves": [], "runs": [{"moves": GOOD, "ending": "durable"}]}
    assert w.sim["node"]["id"] == "start" and w.sim["runs"]["best"] == 3.0
    send(w, 21, type="move", move="postpone")
    assert w.sim["ending"]["ending"] == "stalled"
    send(w, 22, type="replay")
    send(w, 23, type="move", move="gather")
    # a new widget (page reload, kernel restart) rebuilds everything from the answers file
    again = make(tmp_path, "en")
    assert again.sim["node"]["id"] == "views" and again.sim["turn"] == 1
    assert [r["ending"] for r in again.sim["runs"]["items"]] == ["durable", "stalled"]
    assert again.sim["runs"]["best"] == 3.0
    assert again.sim["history"][1]["move"].startswith("“Before we decide")
    # restoring mid-ending shows the debrief again
    send(again, 1, type="move", move="defend")
    send(again, 2, type="move", move="more-facts")
    third = make(tmp_path)
    assert (
        third.sim["ending"]["ending"] == "breakdown" and third.sim["ending"]["title"] == "Mötet bryter samman"
    )
    assert len(third.sim["runs"]["items"]) == 3


def test_move_order_is_shuffled_but_stable(tmp_path):
    w = make(tmp_path)
    first = [m["id"] for m in w.sim["moves"]]
    assert [m["id"] for m in make(tmp_path).sim["moves"]] == first  # same after a reload
    w.set_lang("en")
    assert [m["id"] for m in w.sim["moves"]] == first  # and in the other language


def test_play_again_mid_run_discards_the_unfinished_run(tmp_path):
    w = make(tmp_path)
    w.choose("gather")
    w.play_again()
    assert saved(tmp_path) == {"moves": [], "runs": []}


def test_set_lang_translates_scene_debrief_and_history(tmp_path):
    w = make(tmp_path)
    w.choose("gather")
    w.set_lang("en")
    assert w.lang == "en" and w.ui == ui("en")
    assert w.view["title"].startswith("Simulation") and w.sim["node"]["title"] == "Every view"
    assert w.sim["history"][1]["move"].startswith("“Before we decide")
    for move in GOOD[1:]:
        w.choose(move)
    assert w.sim["ending"]["title"] == "A decision that holds"
    w.set_lang("sv")
    assert w.sim["ending"]["title"] == "Ett beslut som håller"
    assert w.sim["ending"]["moves"][0]["step"] == "Samla alla perspektiv"


def test_refused_move_and_unknown_commands(tmp_path):
    w = make(tmp_path)
    send(w, 1, type="move", move="add")
    assert w.notice == ui("sv")["not_now"] and w.sim["turn"] == 0
    send(w, 5, type="move", move="add")  # refused twice: the view is still told to redraw
    assert w.handled == 2
    send(w, 2, type="move", move="gather")
    assert w.notice == "" and w.sim["turn"] == 1
    send(w, 3, type="dance")
    send(w, 4, type="move", move=5)
    assert w.sim["turn"] == 1 and saved(tmp_path)["moves"] == ["gather"]


def test_corrupted_answer_shapes(tmp_path):
    store = AnswersStore(tmp_path)
    store.save_answer("charrette", ["gather"], "sv")
    w = make(tmp_path)
    assert w.notice == ui("sv")["shape"] and w.sim["node"]["id"] == "start"
    w.choose("gather")
    assert saved(tmp_path) == {"moves": ["gather"], "runs": []}

    store.save_answer("charrette", {"moves": "gather", "runs": [7, {"moves": ["gather"]}]}, "sv")
    w = make(tmp_path, "en")
    assert w.notice.startswith("Part of the saved game") and w.sim["runs"]["items"] == []

    # moves that no longer exist in the scenario: replayed as far as possible, and the learner is told
    store.save_answer("charrette", {"moves": ["gather", "no-such-move", "x"], "runs": []}, "sv")
    w = make(tmp_path)
    assert w.sim["turn"] == 1 and "drag 1" in w.notice
    w.choose("safe-no")
    assert saved(tmp_path)["moves"] == ["gather", "safe-no"]


def test_damaged_answers_file_notice(tmp_path):
    (tmp_path / "answers.json").write_text("{not json", encoding="utf-8")
    w = make(tmp_path)
    assert "gick inte att läsa" in w.notice
    assert w.sim["node"]["id"] == "start"


def test_broken_scenario_shows_guidance_and_never_crashes(tmp_path):
    spec = copy.deepcopy(load_exercise("charrette"))
    spec["start"] = "nowhere"
    w = make(tmp_path, spec=spec)
    assert w.sim == {"broken": True}
    assert "backa-course check" in w.notice and "nowhere" in w.notice
    w.choose("gather")
    w.play_again()
    w.set_lang("en")
    assert "cannot be played" in w.notice


def test_unwritable_folder_reports(tmp_path):
    w = make(tmp_path)
    w._store.folder = tmp_path / "missing" / "deeper"
    w._store.path = w._store.folder / "answers.json"
    w._store._lockfile = tmp_path / "no-dir" / "x" / "lock"
    tmp_path.joinpath("no-dir").write_text("a file, not a folder")
    w.choose("gather")
    assert "kunde inte sparas" in w.notice

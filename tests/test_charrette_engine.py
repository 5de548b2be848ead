"""The charrette engine: state, moves, triggers, endings, order scoring, grading and the validator."""

from __future__ import annotations

import copy
import json

import pytest

from coursekit.exercise_types import charrette as c
from coursekit.exercises import load_exercise, validate_exercise
from coursekit.paths import EXERCISES


def T(s: str) -> dict:
    return {"sv": f"{s} (sv)", "en": f"{s} (en)"}


def tiny() -> dict:
    """A small valid scenario that exercises every feature of the engine."""
    return {
        "id": "tiny",
        "type": "charrette",
        "points": 3,
        "title": T("title"),
        "instructions": T("instructions"),
        "variables": [
            {"id": "trust", "label": T("Trust"), "min": 0, "max": 10, "start": 5},
            {"id": "res", "label": T("Resistance"), "min": 0, "max": 2, "start": 1},
        ],
        "resistance_line": {
            "variable": "res",
            "stages": [{"label": T("s0")}, {"label": T("s1")}, {"label": T("s2")}],
        },
        "steps": [{"id": "a", "label": T("Step A")}, {"id": "b", "label": T("Step B")}],
        "scoring": {"points_by_quality": [0, 1, 3]},
        "start": "n1",
        "triggers": [
            {"if": {"var": "res", "op": ">=", "value": 2}, "to": "bad"},
            {"if": {"var": "turns", "op": ">=", "value": 6}, "to": "timeout"},
        ],
        "nodes": [
            {
                "id": "n1",
                "title": T("N1"),
                "narration": T("n1 text"),
                "moves": [
                    {
                        "id": "a",
                        "step": "a",
                        "helps": True,
                        "label": T("do a"),
                        "why": T("a helps"),
                        "effects": {"trust": 1, "res": -1},
                        "next": "n2",
                    },
                    {
                        "id": "b",
                        "step": "b",
                        "helps": False,
                        "label": T("b too early"),
                        "why": T("b early"),
                        "effects": {"trust": -9},
                        "next": "n2",
                    },
                    {
                        "id": "wait",
                        "helps": False,
                        "once": True,
                        "label": T("wait"),
                        "why": T("waiting"),
                        "next": "n1",
                    },
                ],
            },
            {
                "id": "n2",
                "title": T("N2"),
                "narration": T("n2 text"),
                "moves": [
                    {
                        "id": "b",
                        "step": "b",
                        "helps": True,
                        "label": T("do b"),
                        "why": T("b helps"),
                        "next": [
                            {"if": {"var": "trust", "op": ">=", "value": 5}, "to": "good"},
                            {"to": "bad"},
                        ],
                    },
                    {"id": "back", "helps": False, "label": T("go back"), "why": T("back"), "next": "n1"},
                    {
                        "id": "worse",
                        "helps": False,
                        "label": T("worse"),
                        "why": T("worse"),
                        "effects": {"res": 5},
                        "next": "n1",
                    },
                    {
                        "id": "a",
                        "step": "a",
                        "helps": True,
                        "label": T("a again"),
                        "why": T("again"),
                        "next": "n2",
                    },
                ],
            },
        ],
        "endings": [
            {
                "id": "good",
                "max_points": 3,
                "title": T("Good"),
                "text": T("good text"),
                "debrief": T("good debrief"),
            },
            {
                "id": "bad",
                "max_points": 1,
                "title": T("Bad"),
                "text": T("bad text"),
                "debrief": T("bad debrief"),
            },
            {
                "id": "timeout",
                "max_points": 0,
                "title": T("Time"),
                "text": T("time text"),
                "debrief": T("time deb"),
            },
        ],
    }


def play(spec: dict, moves: list[str]) -> c.Run:
    sc = c.Scenario(spec)
    return c.replay(sc, moves)


# -- the engine on the small scenario ---------------------------------------------------------------
def test_tiny_is_valid():
    assert c.validate(tiny()) == []


def test_good_path_state_order_and_points():
    spec = tiny()
    sc = c.Scenario(spec)
    run = c.new_run(sc)
    assert run.node == "n1" and run.state == {"trust": 5, "res": 1}
    assert [m["id"] for m in c.available(sc, run)] == ["a", "b", "wait"]
    assert c.apply_move(sc, run, "a")
    assert run.state == {"trust": 6, "res": 0} and run.node == "n2"
    assert c.apply_move(sc, run, "b")
    assert run.ending == "good" and c.available(sc, run) == []
    assert [t.order for t in run.turns] == ["in-order", "in-order"]
    assert c.quality(sc, run) == {"in_order": 2, "out_of_order": 0, "quality": 2, "steps": 2, "points": 3.0}


def test_step_too_early_counts_against_and_clamps():
    spec = tiny()
    run = play(spec, ["b", "b"])  # b before a, twice: both too early; trust clamped at 0
    assert run.turns[0].state["trust"] == 0
    assert [t.order for t in run.turns] == ["out-of-order", "out-of-order"]
    assert run.ending == "bad"
    q = c.quality(c.Scenario(spec), run)
    assert q["quality"] == 0 and q["points"] == 0.0


def test_repeated_step_is_neutral_and_ending_caps_points():
    spec = tiny()
    run = play(spec, ["a", "a", "back", "b", "b"])  # 'a again' repeats a; back to n1; b in order
    assert [t.order for t in run.turns][:2] == ["in-order", None]
    assert run.ending in ("good", "bad")
    spec["endings"][0]["max_points"] = 1
    run = play(spec, ["a", "b"])
    assert run.ending == "good" and c.quality(c.Scenario(spec), run)["points"] == 1.0


def test_once_move_disappears_and_not_available_is_refused():
    spec = tiny()
    sc = c.Scenario(spec)
    run = c.new_run(sc)
    assert c.apply_move(sc, run, "wait")
    assert "wait" not in [m["id"] for m in c.available(sc, run)]
    assert not c.apply_move(sc, run, "wait")
    assert not c.apply_move(sc, run, "nonsense")
    assert len(run.turns) == 1


def test_trigger_on_state_and_on_turns():
    spec = tiny()
    run = play(spec, ["a", "worse"])  # res clamped to 2 → trigger to bad
    assert run.ending == "bad" and run.state["res"] == 2
    run = play(spec, ["a", "back", "a", "back", "a", "back"])  # sixth move → timeout
    assert run.ending == "timeout"
    # a move that itself ends the run is not overridden by a trigger
    spec["triggers"].insert(0, {"if": {"var": "turns", "op": ">=", "value": 1}, "to": "timeout"})
    assert play(spec, ["a"]).ending == "timeout"
    spec["triggers"] = [{"if": {"var": "turns", "op": ">=", "value": 2}, "to": "timeout"}]
    assert play(spec, ["a", "b"]).ending == "good"


def test_conditions():
    spec = tiny()
    sc = c.Scenario(spec)
    run = play(spec, ["wait", "a"])
    st = run.state
    assert c.holds(None, st, run)
    assert c.holds({"step": "a"}, st, run) and not c.holds({"step": "b"}, st, run)
    assert c.holds({"move": "wait"}, st, run) and not c.holds({"move": "b"}, st, run)
    assert c.holds({"all": [{"step": "a"}, {"var": "trust", "op": "==", "value": 6}]}, st, run)
    assert c.holds({"any": [{"step": "b"}, {"var": "turns", "op": "==", "value": 2}]}, st, run)
    assert c.holds({"not": {"step": "b"}}, st, run)
    for op, expected in {">=": True, "<=": True, ">": False, "<": False, "==": True, "!=": False}.items():
        assert c.holds({"var": "trust", "op": op, "value": 6}, st, run) is expected
    assert sc.move("n1", "a")["id"] == "a" and sc.move("n1", "zzz") is None
    # safety net: a branch list whose conditions all fail falls back on the last branch
    assert c._target([{"if": {"step": "b"}, "to": "x"}, {"if": {"step": "b"}, "to": "y"}], st, run) == "y"


def test_replay_stops_at_invalid_and_handles_bad_shapes():
    spec = tiny()
    run = play(spec, ["a", "nope", "b"])
    assert run.moves == ["a"] and run.invalid == ["nope", "b"]
    run = play(spec, ["a", 7])
    assert run.moves == ["a"] and run.invalid == ["7"]
    run = play(spec, ["a", "b", "a"])  # moves after the ending are cut
    assert run.ending == "good" and run.invalid == ["a"]
    assert play(spec, "a,b").moves == [] and play(spec, None).moves == []
    assert len(play(spec, ["wait"] + ["a", "back"] * 200).turns) <= c.MAX_MOVES


def test_display_order_is_stable_and_can_be_switched_off(real):
    sc = c.Scenario(real)
    run = c.new_run(sc)
    moves = c.available(sc, run)
    order = c.display_order(sc, run, moves, salt=0)
    assert sorted(m["id"] for m in order) == sorted(m["id"] for m in moves)
    assert c.display_order(sc, run, moves, salt=0) == order
    # over the good path and a few runs, the best move is not always shown first
    firsts = set()
    for salt in range(3):
        r = c.new_run(sc)
        for move in PATHS["durable"][0]:
            firsts.add(c.display_order(sc, r, c.available(sc, r), salt=salt)[0]["id"] == move)
            c.apply_move(sc, r, move)
    assert firsts == {True, False}
    fixed = c.Scenario(dict(real, shuffle=False))
    assert c.display_order(fixed, run, moves) == moves


def test_parse_answer_shapes():
    assert c.parse_answer(None) == ([], [], True)
    assert c.parse_answer({"moves": ["a"], "runs": [{"moves": ["a", "b"]}]}) == (["a"], [["a", "b"]], True)
    assert c.parse_answer(["a"]) == ([], [], False)
    assert c.parse_answer({"moves": "a"}) == ([], [], False)
    assert c.parse_answer({"runs": "x"}) == ([], [], False)
    assert c.parse_answer({"runs": [{"moves": ["a"]}, 3, {"x": 1}]}) == ([], [["a"]], False)


def test_debrief_in_both_languages():
    spec = tiny()
    sc = c.Scenario(spec)
    run = play(spec, ["wait", "a", "b"])
    for lang in ("sv", "en"):
        d = c.debrief(sc, run, lang)
        assert (
            d["ending"] == "good"
            and d["title"] == f"Good ({lang})"
            and d["debrief"] == f"good debrief ({lang})"
        )
        assert [m["helps"] for m in d["moves"]] == [False, True, True]
        assert d["moves"][1]["step"] == f"Step A ({lang})" and d["moves"][1]["order"] == "in-order"
        assert d["moves"][0]["why"] == f"waiting ({lang})" and d["moves"][0]["step"] == ""
        assert d["score"]["points"] == 3.0


def test_score_unfinished_best_run_and_languages():
    spec = tiny()
    res = c.score(spec, None, "sv")
    assert (res.points, res.max_points, res.complete) == (0.0, 3.0, False)
    assert "inte spelat klart" in res.feedback[0]
    res = c.score(spec, {"moves": ["a"]}, "en")
    assert not res.complete and "not played" in res.feedback[0]
    answer = {"moves": ["b", "b"], "runs": [{"moves": ["a", "b"]}, {"moves": ["a", "worse"]}]}
    res = c.score(spec, answer, "en")
    assert res.complete and res.points == 3.0 and res.details["best"] == "good"
    assert res.feedback[0] == "Runs played: 3. Best run:"
    assert "Ending: Good (en)" in res.feedback[1] and "2 of 2" in res.feedback[1]
    assert res.feedback[2].startswith("✓ 1. do a (en)")
    res = c.score(spec, answer, "sv")
    assert "Slut: Good (sv)" in res.feedback[1]
    res = c.score(spec, {"moves": 5}, "sv")
    assert not res.complete and res.details["shape_ok"] is False


def test_score_of_broken_scenario_is_zero_with_reason():
    spec = tiny()
    spec["start"] = "nowhere"
    res = c.score(spec, {"moves": ["a", "b"]}, "en")
    assert res.points == 0 and not res.complete and "scenario has errors" in res.feedback[0]


# -- every validation error ------------------------------------------------------------------------
def _set(path, value):
    def change(spec):
        target = spec
        for key in path[:-1]:
            target = target[key]
        if value is _DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value

    return change


_DELETE = object()


def _append(path, value):
    def change(spec):
        target = spec
        for key in path:
            target = target[key]
        target.append(value)

    return change


MOVE = {"id": "x", "helps": True, "label": T("x"), "why": T("x"), "next": "n1"}
BROKEN = {
    "missing translation": (
        _set(["nodes", 0, "narration"], {"sv": "bara svenska"}),
        "'narration' is missing the en",
    ),
    "missing field": (_set(["title"], _DELETE), "lacks 'title'"),
    "plain string": (_set(["nodes", 0, "title"], "N1"), "'title' must be"),
    "no variables": (_set(["variables"], []), "needs a list 'variables'"),
    "variable without id": (_append(["variables"], {"label": T("x")}), "every variable needs an 'id'"),
    "duplicate variable": (
        _append(["variables"], {"id": "trust", "label": T("t"), "min": 0, "max": 1, "start": 0}),
        "variable id 'trust' is used twice",
    ),
    "reserved variable": (
        _append(["variables"], {"id": "turns", "label": T("t"), "min": 0, "max": 1, "start": 0}),
        "'turns' is reserved",
    ),
    "variable numbers": (_set(["variables", 0, "max"], "ten"), "needs numbers 'min', 'max' and 'start'"),
    "start outside": (_set(["variables", 0, "start"], 11), "start between them"),
    "line unknown variable": (
        _set(["resistance_line", "variable"], "zzz"),
        "resistance_line uses unknown variable",
    ),
    "line stage count": (_set(["resistance_line", "stages"], [{"label": T("a")}]), "needs 3"),
    "duplicate step": (_append(["steps"], {"id": "a", "label": T("a")}), "step id 'a' is used twice"),
    "scoring length": (_set(["scoring", "points_by_quality"], [0, 3]), "needs 3 numbers"),
    "scoring range": (_set(["scoring", "points_by_quality"], [0, 1, 4]), "numbers from 0 to points"),
    "scoring goes down": (_set(["scoring", "points_by_quality"], [0, 3, 1]), "must not go down"),
    "no scoring": (_set(["scoring"], {}), "needs scoring.points_by_quality"),
    "no nodes": (_set(["nodes"], []), "needs a list 'nodes'"),
    "no endings": (_set(["endings"], []), "needs a list 'endings'"),
    "one ending": (
        lambda s: s.update(endings=s["endings"][:1], triggers=[]) or _fix_single(s),
        "at least two endings",
    ),
    "node without id": (_append(["nodes"], {"title": T("x")}), "every node needs an 'id'"),
    "duplicate node/ending id": (_set(["endings", 0, "id"], "n2"), "id 'n2' is used twice"),
    "unknown start": (_set(["start"], "zzz"), "'start' is 'zzz', which is not a node id"),
    "node without moves": (_set(["nodes", 1, "moves"], []), "node 'n2' has no moves and is not an ending"),
    "all moves once": (
        lambda s: [m.update(once=True) for m in s["nodes"][1]["moves"]],
        "every move is 'once'",
    ),
    "move without id": (_append(["nodes", 0, "moves"], {"label": T("x")}), "every move needs an 'id'"),
    "duplicate move": (_append(["nodes", 0, "moves"], dict(MOVE, id="a")), "move id 'a' is used twice"),
    "helps missing": (_set(["nodes", 0, "moves", 0, "helps"], "yes"), "'helps' must be true or false"),
    "effects not object": (_set(["nodes", 0, "moves", 0, "effects"], [1]), "'effects' must be an object"),
    "unknown effect variable": (
        _set(["nodes", 0, "moves", 0, "effects"], {"mood": 1}),
        "effect on unknown variable 'mood'",
    ),
    "effect not number": (_set(["nodes", 0, "moves", 0, "effects"], {"trust": "1"}), "must be a number"),
    "unknown step": (_set(["nodes", 0, "moves", 0, "step"], "zz"), "unknown step 'zz'"),
    "no default branch": (
        _set(["nodes", 1, "moves", 0, "next"], [{"if": {"step": "a"}, "to": "good"}]),
        "last branch of 'next' must have no 'if'",
    ),
    "next missing": (_set(["nodes", 0, "moves", 2, "next"], None), "needs 'next'"),
    "branch not object": (_set(["nodes", 1, "moves", 0, "next"], ["good"]), "each branch of 'next' must be"),
    "unknown next": (_set(["nodes", 0, "moves", 0, "next"], "n9"), "next goes to unknown node 'n9'"),
    "unknown trigger target": (_set(["triggers", 0, "to"], "n9"), "trigger 1 goes to unknown node 'n9'"),
    "trigger without if": (_set(["triggers", 0, "if"], None), "needs an 'if' condition"),
    "condition unknown variable": (
        _set(["triggers", 0, "if"], {"var": "mood", "op": ">", "value": 1}),
        "unknown variable 'mood'",
    ),
    "condition bad op": (
        _set(["triggers", 0, "if"], {"var": "trust", "op": "=>", "value": 1}),
        "operator '=>'",
    ),
    "condition no number": (
        _set(["triggers", 0, "if"], {"var": "trust", "op": ">", "value": "1"}),
        "needs a number as 'value'",
    ),
    "condition unknown step": (_set(["triggers", 0, "if"], {"step": "zz"}), "unknown step 'zz'"),
    "condition unknown move": (_set(["triggers", 0, "if"], {"move": "zz"}), "unknown move 'zz'"),
    "condition empty all": (_set(["triggers", 0, "if"], {"all": []}), "'all' needs a non-empty list"),
    "condition nested not": (
        _set(["triggers", 0, "if"], {"not": {"var": "x", "op": ">", "value": 1}}),
        "unknown variable 'x'",
    ),
    "condition unknown kind": (_set(["triggers", 0, "if"], {"mood": 1}), "unknown condition"),
    "condition not object": (_set(["triggers", 0, "if"], "trust > 1"), "a condition must be an object"),
    "max_points range": (_set(["endings", 0, "max_points"], 5), "max_points must be a number from 0 to 3"),
    "unreachable node": (
        _append(["nodes"], dict(id="n3", title=T("n3"), narration=T("n3"), moves=[MOVE])),
        "node 'n3' cannot be reached from the start",
    ),
    "unreachable ending": (
        _append(["endings"], dict(id="lost", title=T("l"), text=T("l"), debrief=T("l"))),
        "ending 'lost' cannot be reached",
    ),
    "cycle without exit": (lambda s: _trap(s), "node 'n3' is in a cycle without exit"),
}


def _fix_single(spec):
    for node in spec["nodes"]:
        for m in node["moves"]:
            if isinstance(m["next"], list):
                m["next"] = "good"
            elif m["next"] not in ("n1", "n2"):
                m["next"] = "good"


def _trap(spec):
    spec["triggers"] = []
    spec["nodes"][0]["moves"].append(dict(MOVE, id="trap", next="n3"))
    spec["nodes"].append(
        dict(id="n3", title=T("n3"), narration=T("n3"), moves=[dict(MOVE, id="stay", next="n4")])
    )
    spec["nodes"].append(
        dict(id="n4", title=T("n4"), narration=T("n4"), moves=[dict(MOVE, id="back", next="n3")])
    )


@pytest.mark.parametrize("name", list(BROKEN))
def test_every_broken_scenario_is_reported(name):
    change, expected = BROKEN[name]
    spec = copy.deepcopy(tiny())
    change(spec)
    problems = c.validate(spec)
    assert any(expected in p for p in problems), f"{name}: expected {expected!r} in {problems}"
    assert all(p.startswith("tiny") for p in problems)


# -- the real scenario -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def real():
    return load_exercise("charrette")


def test_real_scenario_validates(real):
    assert c.validate(real) == []
    assert validate_exercise("charrette") == []
    json.loads((EXERCISES / "charrette.json").read_text(encoding="utf-8"))


PATHS = {
    "durable": (["gather", "safe-no", "spread-no", "vote", "wisdom", "add"], 3.0),
    "fragile": (["gather", "safe-no", "vote", "ask-need", "add"], 0.0),
    "passed-over": (["gather", "safe-no", "spread-no", "vote", "wisdom", "minutes"], 1.0),
    "breakdown": (["gather", "defend", "more-facts"], 0.0),
    "stalled": (["postpone"], 0.0),
}


@pytest.mark.parametrize("ending", list(PATHS))
def test_every_ending_of_the_real_scenario(real, ending):
    moves, points = PATHS[ending]
    sc = c.Scenario(real)
    run = c.replay(sc, moves)
    assert run.ending == ending and not run.invalid
    assert c.quality(sc, run)["points"] == points
    for lang in ("sv", "en"):
        d = c.debrief(sc, run, lang)
        assert d["title"] and d["text"] and d["debrief"] and len(d["moves"]) == len(moves)
        assert all(m["why"] and m["move"] for m in d["moves"])
    res = c.score(real, {"moves": moves}, "sv")
    assert res.complete and res.points == points


def test_repair_after_an_early_vote_costs_a_point(real):
    sc = c.Scenario(real)
    run = c.replay(sc, ["gather", "vote", "reopen", "safe-no", "spread-no", "vote", "wisdom", "add"])
    assert run.ending == "durable"
    q = c.quality(sc, run)
    assert (q["in_order"], q["out_of_order"], q["points"]) == (5, 1, 2.0)


def test_triggers_of_the_real_scenario(real):
    sc = c.Scenario(real)
    # tension reaches 9: the meeting breaks down even though the move leads to a node
    run = c.replay(sc, ["gather", "safe-no", "majority"])
    assert run.ending == "breakdown" and run.state["tension"] == 9
    run = c.replay(
        sc,
        [
            "gather",
            "safe-no",
            "spread-no",
            "close-talk",
            "name-it",
            "spread-no",
            "close-talk",
            "name-it",
            "spread-no",
            "close-talk",
        ],
    )
    assert run.ending == "stalled" and len(run.turns) == 10


def test_every_path_of_the_real_scenario_ends_and_reaches_every_node(real):
    sc = c.Scenario(real)
    endings, nodes = set(), set()

    def walk(moves):
        run = c.replay(sc, moves)
        assert not run.invalid
        if run.ending:
            endings.add(run.ending)
            return
        nodes.add(run.node)
        options = c.available(sc, run)
        assert options, f"stuck at {run.node} after {moves}"
        for m in options:
            walk(moves + [m["id"]])

    walk([])
    assert endings == set(sc.endings)
    assert nodes == set(sc.nodes)

"""The resistance-line exercise type: scoring, every branch, and every validation message."""

from __future__ import annotations

import copy

import pytest

from coursekit.checks import check_module, graded_cells
from coursekit.exercise_types import resistance_line as rl
from coursekit.exercises import load_exercise, score_exercise, validate_exercise

SPEC = load_exercise("resistance-placement")


def both(text: str) -> dict:
    return {"sv": f"{text} (sv)", "en": f"{text} (en)"}


def small_spec(**over) -> dict:
    spec = {
        "id": "tiny",
        "type": "resistance-line",
        "points": 2,
        "title": both("title"),
        "instructions": both("do it"),
        "stages": [
            {"id": s, "name": both(s), "description": both(f"about {s}")} for s in ("a", "b", "c", "d")
        ],
        "incidents": [
            {
                "id": f"i{n}",
                "text": both(f"incident {n}"),
                "answer": ans,
                "acceptable": acc,
                "explanation": both("why"),
            }
            for n, (ans, acc) in enumerate(
                [
                    ("a", []),
                    ("b", ["a"]),
                    ("c", ["b", "d"]),
                    ("d", []),
                    ("a", []),
                    ("b", []),
                    ("c", []),
                    ("d", []),
                ],
                1,
            )
        ],
        "escalation": {
            "title": both("esc"),
            "intro": both("intro"),
            "voiced": {"name": both("said aloud"), "description": both("in the room")},
            "steps": [
                {
                    "label": both(f"week {k}"),
                    "unattended": {"stage": s, "text": both("down")},
                    "attended": {"stage": "voiced", "text": both("up")},
                }
                for k, s in enumerate(("a", "b", "c"), 1)
            ],
        },
    }
    spec.update(over)
    return spec


# -- the shipped exercise ---------------------------------------------------------------------
def test_shipped_exercise_is_valid_and_complete():
    assert validate_exercise("resistance-placement") == []
    assert SPEC["type"] == "resistance-line" and SPEC["points"] == 2
    assert len(SPEC["incidents"]) >= 8
    stages = rl.stage_ids(SPEC)
    assert stages[0] == "jokes" and stages[-1] == "open-conflict"
    # every stage is used by at least one incident
    assert {i["answer"] for i in SPEC["incidents"]} == set(stages)


def test_module_text_and_notebook_are_consistent():
    assert check_module("conflict-view", "conflict_view") == []
    assert graded_cells("conflict_view") == {
        "resistance-placement": 2.0,
        "make-it-visible": 2.0,
        "resistance-line": 4.0,
    }


def test_all_correct_scores_full_points():
    answer = {"placements": {i["id"]: i["answer"] for i in SPEC["incidents"]}}
    res = score_exercise("resistance-placement", answer, "sv")
    assert res.points == 2.0 and res.max_points == 2.0 and res.complete
    assert all(line.startswith("✓") for line in res.feedback)


def test_all_acceptable_neighbours_score_half():
    spec = small_spec()
    answer = {"placements": {"i2": "a", "i3": "d"}}
    res = rl.score(spec, answer, "en")
    assert res.details["i2"]["status"] == "close"
    assert res.details["i3"]["status"] == "close"
    assert res.points == round(2 * 1.0 / 8, 2)
    assert not res.complete
    assert res.feedback[1].startswith("≈ 2. Close: you chose a (en). why (en)")


def test_far_placement_scores_nothing_and_gives_direction():
    spec = small_spec()
    res = rl.score(spec, {"placements": {"i1": "d", "i4": "a", "i5": "a"}}, "sv")
    assert res.details["i1"] == {"picked": "d", "status": "far", "direction": -1}
    assert res.details["i4"] == {"picked": "a", "status": "far", "direction": 1}
    assert res.details["i5"]["direction"] == 0
    assert res.points == round(2 / 8, 2)
    assert res.feedback[0].startswith("✗ 1. Långt ifrån: du valde d (sv). why (sv)")
    assert res.feedback[1] == "– 2. Inte placerad."


def test_mixed_score_is_mean_times_points():
    spec = small_spec()
    placements = {"i1": "a", "i2": "a", "i3": "a", "i4": "d", "i5": "a", "i6": "b", "i7": "c", "i8": "d"}
    res = rl.score(spec, {"placements": placements}, "en")
    # 6 exact + 1 close + 1 far = 6.5 / 8 × 2
    assert res.points == round(2 * 6.5 / 8, 2)
    assert res.complete


@pytest.mark.parametrize(
    "answer",
    [None, "jokes", 42, [], {"placements": "x"}, {"placements": ["a"]}, {"other": 1}, {}],
)
def test_corrupted_or_empty_answers_score_zero_without_crashing(answer):
    res = rl.score(small_spec(), answer, "sv")
    assert res.points == 0 and not res.complete
    assert all(line.startswith("–") for line in res.feedback)


def test_unknown_incidents_and_stages_are_ignored():
    spec = small_spec()
    answer = {"placements": {"nope": "a", "i1": "zzz", "i2": 3, "i3": None, "i4": "d"}}
    assert rl.placements(spec, answer) == {"i4": "d"}
    assert rl.score(spec, answer, "sv").points == 0.25


def test_no_incidents_scores_zero():
    res = rl.score(small_spec(incidents=[]), {"placements": {}}, "sv")
    assert res.points == 0.0 and not res.complete and res.feedback == []


def test_step_is_read_and_clamped():
    spec = small_spec()
    assert rl.step(spec, {"step": 1}) == 1
    assert rl.step(spec, {"step": 99}) == 2
    assert rl.step(spec, {"step": -4}) == 0
    assert rl.step(spec, {"step": 1.7}) == 1
    for bad in ({"step": "2"}, {"step": True}, {"step": None}, None, "x", []):
        assert rl.step(spec, bad) == 0
    assert rl.step(small_spec(escalation=None), {"step": 2}) == 0


def test_judge_and_direction_edge_cases():
    spec = small_spec()
    inc = spec["incidents"][1]
    assert rl.judge(spec, inc, None) is None
    assert rl.judge(spec, inc, "b") == "correct"
    assert rl.judge(spec, inc, "a") == "close"
    assert rl.judge(spec, inc, "c") == "far"
    assert rl.direction(spec, inc, "unknown") == 0
    assert rl.direction(spec, {"answer": "gone"}, "a") == 0


def test_stage_names_include_voiced_and_fall_back_to_id():
    spec = small_spec()
    assert rl.stage_name(spec, "b", "en") == "b (en)"
    assert rl.stage_name(spec, "voiced", "sv") == "said aloud (sv)"
    assert rl.stage_name(spec, "mystery", "sv") == "mystery"


# -- validation -------------------------------------------------------------------------------
def test_small_spec_is_valid():
    assert rl.validate(small_spec()) == []


def problems(mutate) -> list[str]:
    spec = copy.deepcopy(small_spec())
    mutate(spec)
    return rl.validate(spec)


def has(found: list[str], *words: str) -> bool:
    return any(all(w in p for w in words) for p in found)


def test_validate_points_title_and_instructions():
    assert has(problems(lambda s: s.update(points=0)), "'points' must be a positive number")
    assert has(problems(lambda s: s.update(points=True)), "'points'")
    assert has(problems(lambda s: s.update(points="2")), "'points'")
    assert has(problems(lambda s: s.update(title={"sv": "bara svenska"})), "'title'", "sv and en")
    assert has(problems(lambda s: s.pop("instructions")), "'instructions'")


def test_validate_stages():
    assert has(problems(lambda s: s.update(stages=s["stages"][:2])), "at least three stages")
    assert has(problems(lambda s: s.update(stages="abc")), "at least three stages")
    assert has(problems(lambda s: s["stages"].append({"name": both("x")})), "stage 5 needs an 'id'")
    assert has(problems(lambda s: s["stages"].append("oops")), "stage 5 needs an 'id'")
    assert has(problems(lambda s: s["stages"].append(dict(s["stages"][0]))), "'a' is used twice")
    assert has(
        problems(lambda s: s["stages"].append({"id": "voiced", "name": both("v"), "description": both("v")})),
        "reserved",
    )
    assert has(problems(lambda s: s["stages"][0].pop("description")), "stage 'a'", "'description'")
    assert has(problems(lambda s: s["stages"][1].update(name={"en": "only"})), "stage 'b'", "'name'")


def test_validate_incidents():
    assert has(problems(lambda s: s.update(incidents=[])), "at least 8 incidents")
    assert has(problems(lambda s: s.update(incidents=None)), "at least 8 incidents")
    assert has(problems(lambda s: s.update(incidents=s["incidents"][:3])), "has 3 incidents", "at least 8")
    assert has(problems(lambda s: s["incidents"][0].pop("id")), "incident 1 needs an 'id'")
    assert has(problems(lambda s: s["incidents"].__setitem__(0, "text")), "incident 1 needs an 'id'")
    assert has(problems(lambda s: s["incidents"][1].update(id="i1")), "'i1' is used twice")
    assert has(problems(lambda s: s["incidents"][0].update(answer="z")), "'i1' has answer 'z'")
    assert has(problems(lambda s: s["incidents"][0].update(acceptable="b")), "'acceptable' must be a list")
    assert has(problems(lambda s: s["incidents"][0].update(acceptable=["q"])), "acceptable stage 'q'")
    assert has(problems(lambda s: s["incidents"][0].update(acceptable=["a"])), "its own answer")
    assert has(
        problems(lambda s: s["incidents"][0].update(acceptable=["c"])), "not next to 'a'", "half a point"
    )
    assert has(problems(lambda s: s["incidents"][0].pop("explanation")), "'i1'", "'explanation'")
    assert has(problems(lambda s: s["incidents"][0].update(text={"sv": " ", "en": "x"})), "'i1'", "'text'")


def test_validate_escalation():
    assert problems(lambda s: s.pop("escalation")) == []
    assert has(problems(lambda s: s.update(escalation=[1])), "'escalation' must be an object")
    assert has(problems(lambda s: s["escalation"].pop("title")), "escalation 'title'")
    assert has(problems(lambda s: s["escalation"].pop("voiced")), "escalation 'voiced'")
    assert has(problems(lambda s: s["escalation"].update(steps=[])), "'steps' must list at least one step")
    assert has(problems(lambda s: s["escalation"]["steps"].append("x")), "step 4 must be an object")
    assert has(problems(lambda s: s["escalation"]["steps"][0].pop("label")), "step 1 needs 'label'")
    assert has(problems(lambda s: s["escalation"]["steps"][0].pop("attended")), "step 1 needs 'attended'")
    assert has(
        problems(lambda s: s["escalation"]["steps"][1]["unattended"].update(stage="war")),
        "step 2 'unattended' has stage 'war'",
    )
    assert has(
        problems(lambda s: s["escalation"]["steps"][2]["attended"].update(text={})),
        "step 3 'attended' needs 'text'",
    )

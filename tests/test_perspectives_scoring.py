"""The perspective-map type (scoring and validation) and the shared inventory voices (case material)."""

from __future__ import annotations

import copy

import pytest

from coursekit.exercise_types import case_material, perspective_map
from coursekit.exercise_types.perspective_map import (
    cue_match,
    is_group_label,
    jaccard,
    match_perspectives,
    missing_match,
    normalize,
    score,
    validate,
)
from coursekit.exercises import load_exercise, score_exercise, validate_exercise

SPEC = load_exercise("perspective-mapping")
VOICES = load_exercise("inventory-voices")


def spec(**changes) -> dict:
    s = copy.deepcopy(SPEC)
    s.update(changes)
    return s


def full_answer() -> dict:
    """A sensible map: three good groupings, many-to-many, a plausible missing perspective."""
    return {
        "perspectives": [
            {"id": "p1", "name": "Vanliga resor kostar pengar"},
            {"id": "p2", "name": "Vi är instängda"},
            {"id": "p3", "name": "Bättre luft"},
        ],
        "links": {
            "resident-groceries": ["p1", "p2"],
            "parent": ["p1", "p3"],
            "commuter": ["p1"],
            "housing-association": ["p1", "p3"],
            "shop-owner": ["p2"],
            "older-no-car": ["p2"],
            "resident-longtime": ["p2"],
            "environment": ["p3"],
            "resident-main-road": ["p3"],
        },
        "missing": [{"id": "m1", "name": "Barn och unga"}],
    }


# -- the data -----------------------------------------------------------------------------------
def test_exercise_and_voice_files_are_valid():
    assert validate_exercise("perspective-mapping") == []
    assert validate_exercise("inventory-voices") == []
    assert validate(SPEC) == []


def test_inventory_has_the_voices_the_course_needs():
    voices = case_material.voices(VOICES)
    assert len(voices) >= 12
    for needed in ("shop-owner", "commuter", "parent", "city-official", "regional-planner", "environment"):
        assert needed in voices
    assert sum(v.startswith("resident") for v in voices) >= 2
    for v in voices.values():
        for lang in ("sv", "en"):
            assert v["who"][lang] and 2 <= case_material.sentences(v["excerpt"][lang]) <= 4
    counts: dict[str, int] = {}
    for v in voices.values():
        for p in v["perspectives"]:
            counts[p] = counts.get(p, 0) + 1
    assert any(len(v["perspectives"]) >= 2 for v in voices.values())
    assert any(n >= 2 for n in counts.values())
    assert "fiktiv" in VOICES["note"]["sv"] or "påhittade" in VOICES["note"]["sv"]


def test_case_material_scores_nothing():
    res = case_material.score(VOICES, None, "sv")
    assert (res.points, res.max_points, res.complete) == (0.0, 0.0, True)
    assert score_exercise("inventory-voices", {"anything": 1}).points == 0.0


# -- scoring ------------------------------------------------------------------------------------
def test_full_map_earns_every_point():
    res = score(SPEC, full_answer(), "sv")
    assert res.points == 3.0 and res.max_points == 3.0
    assert [line[0] for line in res.feedback[:3]] == ["✓", "✓", "✓"]
    assert res.details["grouping"]["good"] == 3
    assert {p["ref"] for p in res.details["grouping"]["pairs"]} >= {"cost-everyday", "shut-in", "cleaner-air"}
    assert res.details["missing"]["matched"] == [{"mine": "m1", "ref": "young-people"}]
    assert res.complete is False  # two voices are not linked yet
    assert any("2 röster" in line for line in res.feedback)


def test_complete_when_every_voice_is_linked_and_something_is_missing():
    ans = full_answer()
    ans["links"]["city-official"] = ["p2"]
    ans["links"]["regional-planner"] = ["p1"]
    res = score(SPEC, ans, "en")
    assert res.complete and not res.details["unlinked"]


@pytest.mark.parametrize(
    "answer", [None, {}, "junk", [1, 2], {"perspectives": "x", "links": [], "missing": 3}]
)
def test_empty_or_broken_answers_give_guidance_and_zero(answer):
    res = score(SPEC, answer, "sv")
    assert res.points == 0.0 and not res.complete
    assert res.feedback[0].startswith("✗ Gruppering: lägg till perspektiv")
    assert any("Många-till-många" in line for line in res.feedback)
    assert any("lägg till minst ett perspektiv som saknas" in line for line in res.feedback)
    assert res.details["repaired"] is (answer not in (None, {}))


def test_too_few_good_groupings():
    ans = full_answer()
    ans["links"] = {"resident-groceries": ["p1", "p2"], "parent": ["p1"], "regional-planner": ["p3"]}
    res = score(SPEC, ans, "en")
    assert res.details["grouping"]["ok"] is False
    assert res.feedback[0].startswith("✗ Grouping:") and "At least 3" in res.feedback[0]


def test_one_to_one_matching_does_not_count_a_reference_twice():
    ans = full_answer()
    ans["perspectives"].append({"id": "p4", "name": "Dyrt"})
    ans["links"] = {
        v: ["p1", "p4"] for v in ("resident-groceries", "parent", "commuter", "housing-association")
    }
    res = score(SPEC, ans, "sv")
    refs = [p["ref"] for p in res.details["grouping"]["pairs"]]
    assert len(refs) == len(set(refs))
    assert res.details["grouping"]["good"] == 1


def test_many_to_many_needs_both_directions():
    one_each = {
        "perspectives": [{"id": "p1", "name": "a b"}, {"id": "p2", "name": "c d"}],
        "links": {"parent": ["p1"], "commuter": ["p2"]},
        "missing": [],
    }
    res = score(SPEC, one_each, "sv")
    assert not res.details["many_to_many"]["ok"]
    assert sum("Många-till-många" in line for line in res.feedback) == 2
    multi_only = dict(one_each, links={"parent": ["p1", "p2"]})
    res = score(SPEC, multi_only, "sv")
    assert res.details["many_to_many"]["multi_voices"] == ["parent"]
    assert [line for line in res.feedback if "Många" in line] == [
        "✗ " + SPEC["feedback"]["m2m_no_shared"]["sv"]
    ]
    shared_only = dict(one_each, links={"parent": ["p1"], "commuter": ["p1"]})
    res = score(SPEC, shared_only, "en")
    assert res.details["many_to_many"]["shared_perspectives"] == ["p1"]
    assert [line for line in res.feedback if "Many" in line] == [
        "✗ " + SPEC["feedback"]["m2m_no_multi"]["en"]
    ]


def test_missing_perspective_matched_in_either_language():
    for name in ("People in wheelchairs", "Skiftarbetare", "future residents", "De som inte talar svenska"):
        ans = dict(full_answer(), missing=[{"id": "m1", "name": name}])
        assert score(SPEC, ans, "sv").details["missing"]["ok"], name
    ans = dict(full_answer(), missing=[{"id": "m1", "name": "Något annat"}])
    res = score(SPEC, ans, "sv")
    assert not res.details["missing"]["ok"]
    assert res.feedback[2].startswith("✗ Saknade perspektiv: vi känner inte igen")


def test_tips_for_group_labels_unused_perspectives_and_repairs():
    ans = full_answer()
    ans["perspectives"].append({"id": "p4", "name": "Boende"})
    ans["perspectives"].append({"id": "p5", "name": "the Commuters"})
    ans["links"]["city-official"] = ["p5", "nonexistent"]
    res = score(SPEC, ans, "en")
    tips = res.details["tips"]
    assert res.details["unused"] == ["p4"]
    assert res.details["group_labels"] == ["p4", "p5"]
    assert any("“Boende” has no voices" in t for t in tips)
    assert any("“the Commuters” is a group" in t for t in tips)
    assert res.details["repaired"] and any("partly damaged" in t for t in tips)
    assert all(f"• {t}" in res.feedback for t in tips)


# -- helpers ------------------------------------------------------------------------------------
def test_jaccard_and_matching():
    assert jaccard(set(), set()) == 0.0
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3)
    pairs = match_perspectives({"x": {"a", "b"}, "y": {"a"}}, {"r1": {"a", "b"}, "r2": {"a", "c"}})
    assert pairs == [("x", "r1", 1.0), ("y", "r2", 0.5)]
    assert match_perspectives({"x": {"q"}}, {"r": {"a"}}) == []


def test_cue_match_needs_a_word_start():
    assert cue_match("Barnfamiljer", ["barn"]) == "barn"
    assert cue_match("Skolbarn", ["barn"]) is None
    assert cue_match("People who are  NEWLY arrived!", ["newly arrived"]) == "newly arrived"
    assert cue_match("", ["x"]) is None
    assert missing_match(SPEC, "Ambulansen") == "emergency"
    assert missing_match(SPEC, "Ingenting") is None


def test_group_labels():
    assert is_group_label(SPEC, "Boende")
    assert is_group_label(SPEC, "Alla pendlare")
    assert is_group_label(SPEC, "The residents.")
    assert not is_group_label(SPEC, "Boende får betala för att handla")


def test_normalize_repairs_and_keeps_what_it_can():
    raw = {
        "perspectives": [
            {"id": "p1", "name": "  Dyrt   att handla "},
            {"id": "p1", "name": "Instängda"},  # duplicate id → new id
            {"id": "BAD ID", "name": "Luft"},  # invalid id → new id
            {"id": "p9", "name": "dyrt att handla"},  # duplicate name → dropped
            {"id": "p8", "name": 42},  # not text → dropped
            "oops",
        ],
        "links": {"parent": ["p1", "zzz"], "unknown-voice": ["p1"], "commuter": "p1", "shop-owner": []},
        "missing": [{"name": "Unga"}],
        "checked": True,
    }
    clean, repaired = normalize(SPEC, raw)
    assert repaired
    names = [p["name"] for p in clean["perspectives"]]
    assert names == ["Dyrt att handla", "Instängda", "Luft"]
    assert len({p["id"] for p in clean["perspectives"]}) == 3
    assert clean["links"] == {"parent": ["p1"]}
    assert clean["missing"][0]["name"] == "Unga" and clean["missing"][0]["id"].startswith("m")
    assert clean["checked"] is True
    assert normalize(SPEC, full_answer()) == (full_answer(), False)
    assert normalize(SPEC, None) == ({"perspectives": [], "links": {}, "missing": []}, False)
    assert normalize(SPEC, "x")[1] is True
    assert normalize(SPEC, {"links": "x"})[1] is True


def test_limits_cap_the_answer():
    many = {"perspectives": [{"id": f"p{i}", "name": f"Perspektiv {i}" + "x" * 200} for i in range(1, 40)]}
    clean, repaired = normalize(SPEC, many)
    lim = perspective_map.limits(SPEC)
    assert repaired and len(clean["perspectives"]) == lim["perspectives"]
    assert all(len(p["name"]) <= lim["name_chars"] for p in clean["perspectives"])
    assert (
        perspective_map.limits({"limits": {"perspectives": -1, "other": 3}}) == perspective_map.DEFAULT_LIMITS
    )


# -- validation ---------------------------------------------------------------------------------
def _problems(s: dict) -> str:
    return "\n".join(validate(s))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.pop("title"), "lacks 'title' in sv"),
        (lambda s: s["instructions"].pop("en"), "lacks 'instructions' in en"),
        (lambda s: s["scoring"].pop("missing"), "'scoring' needs the parts"),
        (lambda s: s["scoring"]["missing"].update(points=-1), "scoring.missing.points must be a number"),
        (lambda s: s["scoring"]["missing"].update(points=2), "add up to 4 points but 'points' is 3"),
        (lambda s: s["scoring"]["grouping"].update(min_jaccard=1.5), "min_jaccard must be above 0"),
        (lambda s: s["scoring"]["grouping"].update(min_matches=0), "min_matches must be a whole number"),
        (lambda s: s["scoring"]["grouping"].update(min_matches=20), "only 8 reference perspectives"),
        (lambda s: s.update(voices_file="no-such-file"), "'voices_file' cannot be read"),
        (lambda s: s.update(voices_file="stance-moves"), "must name a case-material file"),
        (lambda s: s.update(voices=[]), "needs a non-empty list 'voices'"),
        (lambda s: s["voices"].append("parent"), "names a voice twice"),
        (lambda s: s["voices"].append("nobody"), "'voices' names ['nobody']"),
        (lambda s: s.update(reference_perspectives=[]), "non-empty list 'reference_perspectives'"),
        (lambda s: s["reference_perspectives"][0].pop("id"), "reference perspective 1 needs an 'id'"),
        (
            lambda s: s["reference_perspectives"][1].update(id="cost-everyday"),
            "'cost-everyday' is used twice",
        ),
        (lambda s: s["reference_perspectives"][0].pop("description"), "lacks 'description' in sv"),
        (lambda s: s["reference_perspectives"][0].update(voices=[]), "needs a non-empty list 'voices'"),
        (
            lambda s: s["reference_perspectives"][0]["voices"].append("haulier"),
            "names voices ['haulier'] not in",
        ),
        (
            lambda s: s["reference_perspectives"][0]["voices"].remove("parent"),
            "disagree about voice 'parent'",
        ),
        (lambda s: s.update(missing_perspectives=[]), "non-empty list 'missing_perspectives'"),
        (lambda s: s["missing_perspectives"][0].pop("id"), "missing perspective 1 needs an 'id'"),
        (lambda s: s["missing_perspectives"][1].update(id="young-people"), "'young-people' is used twice"),
        (lambda s: s["missing_perspectives"][0]["cues"].update(en=[]), "needs 'cues' in en"),
        (lambda s: s["missing_perspectives"][0]["name"].pop("sv"), "lacks 'name' in sv"),
        (lambda s: s["ui"].pop("check"), "'ui' lacks 'check' in sv"),
        (lambda s: s["feedback"]["m2m_ok"].pop("en"), "'feedback' lacks 'm2m_ok' in en"),
        (lambda s: s.update(group_labels={"sv": "boende"}), "'group_labels' must be"),
    ],
)
def test_validate_names_each_problem(change, expected):
    s = spec()
    change(s)
    assert expected in _problems(s)


def test_validate_reports_voice_file_problems(monkeypatch):
    broken = copy.deepcopy(VOICES)
    broken["voices"][0]["perspectives"] = ["nonsense"]
    monkeypatch.setattr(perspective_map, "voice_file", lambda s: broken)
    assert "names unknown perspectives ['nonsense']" in _problems(spec())


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.pop("note"), "lacks 'note' in sv"),
        (lambda s: s.update(perspectives=[]), "needs a list 'perspectives'"),
        (lambda s: s["perspectives"].append({"id": "Bad Id"}), "needs an 'id' of lower-case"),
        (
            lambda s: s["perspectives"].append(dict(s["perspectives"][0])),
            "perspective id 'cost-everyday' is used twice",
        ),
        (lambda s: s["perspectives"][0]["name"].pop("en"), "perspective 'cost-everyday' lacks 'name' in en"),
        (lambda s: s.update(voices=[]), "needs a non-empty list 'voices'"),
        (lambda s: s["voices"].append({"id": 3}), "voice 15 needs an 'id'"),
        (lambda s: s["voices"].append(dict(s["voices"][0])), "voice id 'resident-groceries' is used twice"),
        (lambda s: s["voices"][0].pop("who"), "lacks 'who' in sv"),
        (lambda s: s["voices"][0]["excerpt"].update(sv="En enda mening."), "has 1 sentences; keep it to 2–4"),
        (lambda s: s["voices"][0]["excerpt"].update(en="A. B. C. D. E."), "has 5 sentences"),
        (lambda s: s["voices"][0].update(perspectives=[]), "needs a non-empty list 'perspectives'"),
        (lambda s: s["voices"][0].update(perspectives=["x"]), "names unknown perspectives ['x']"),
    ],
)
def test_case_material_validation(change, expected):
    s = copy.deepcopy(VOICES)
    change(s)
    assert expected in "\n".join(case_material.validate(s))

"""The dialogue planner: every completeness rule, validation, the printable export and the widget model."""

from __future__ import annotations

import copy
import json

import pytest

from coursekit.exercise_types import dialogue_plan as dp
from coursekit.exercises import load_exercise
from coursekit.store import AnswersStore

SPEC = load_exercise("dialogue-plan")


def good_plan() -> dict:
    return {
        "issue": "Staden överväger att stänga biblioteket i Tallhöjden för att spara pengar.",
        "phases": [
            {"kind": "listen", "description": "Vi lyssnar på plats i biblioteket, i skolan och på torget."},
            {
                "kind": "meet",
                "description": "Blandade grupper med låntagare, personal och skolor samtalar "
                "och lär av varandra.",
            },
            {
                "kind": "concretise",
                "description": "Vi tar fram tre alternativ utifrån det som kom fram i samtalen.",
            },
            {
                "kind": "iterate",
                "description": "Vi visar alternativen och frågar om vi har missat något viktigt.",
            },
        ],
        "perspectives": [
            {"who": "Barnfamiljer som lånar böcker varje vecka", "hard_to_reach": False},
            {"who": "Äldre som läser tidningen där", "hard_to_reach": True},
            {"who": "Skolan som saknar eget bibliotek", "hard_to_reach": False},
            {"who": "Skattebetalare som vill spara pengar", "hard_to_reach": False},
        ],
        "outreach": "Vi går till mötesplatsen för seniorer och till språkcaféet med tolk.",
        "transparency": {
            "publish": "Vi publicerar alla perspektiv på webben och på en tavla i biblioteket.",
            "check_back": "Vi frågar på ett öppet möte om vi har missat något perspektiv.",
            "reach_absent": "Vi skickar ett brev till alla hushåll och lägger ut en film med textning.",
        },
        "level": {
            "iap2": "involve",
            "boverket": "participation",
            "why": "Nämnden beslutar men vill att alternativen formas tillsammans.",
        },
        "mandate": {
            "decision_maker": "Kulturnämnden fattar beslutet",
            "can_change": "Öppettider, lokal och hur biblioteket används kan ändras.",
            "fixed": "Budgeten för nästa år ligger fast.",
        },
    }


def _set(plan: dict, path: str, value) -> dict:
    keys = path.split(".")
    target = plan
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = value
    return plan


BREAKERS = {
    "issue-described": lambda p: _set(p, "issue", "Bibliotek"),
    "phase-listen": lambda p: _set(p, "phases", [x for x in p["phases"] if x["kind"] != "listen"]),
    "phase-meet": lambda p: _set(
        p, "phases", [dict(x, description="Kort") if x["kind"] == "meet" else x for x in p["phases"]]
    ),
    "phase-concretise": lambda p: _set(p, "phases", [x for x in p["phases"] if x["kind"] != "concretise"]),
    "phase-order": lambda p: _set(
        p, "phases", [p["phases"][2], p["phases"][0], p["phases"][1], p["phases"][3]]
    ),
    "phase-iterate": lambda p: _set(p, "phases", p["phases"][:3]),
    "perspectives-many": lambda p: _set(
        p, "perspectives", p["perspectives"][:2] + [{"who": "  ", "hard_to_reach": False}]
    ),
    "perspectives-hard-to-reach": lambda p: _set(
        p, "perspectives", [dict(x, hard_to_reach=False) for x in p["perspectives"]]
    ),
    "outreach": lambda p: _set(p, "outreach", ""),
    "publish": lambda p: _set(p, "transparency.publish", "webben"),
    "check-back": lambda p: _set(p, "transparency.check_back", ""),
    "reach-absent": lambda p: _set(p, "transparency.reach_absent", "brev"),
    "level-iap2": lambda p: _set(p, "level.iap2", "inform"),
    "level-boverket": lambda p: _set(p, "level.boverket", "information"),
    "level-why": lambda p: _set(p, "level.why", ""),
    "decision-maker": lambda p: _set(p, "mandate.decision_maker", "nämnden"),
    "can-change": lambda p: _set(p, "mandate.can_change", "lite"),
    "fixed": lambda p: _set(p, "mandate.fixed", ""),
}


def test_every_rule_has_a_breaker():
    assert set(BREAKERS) == {r["id"] for r in SPEC["rules"]}


def test_good_plan_meets_every_rule():
    res = dp.score(SPEC, good_plan(), "sv")
    assert res.points == 3.0 and res.complete
    assert all(res.details["rules"].values())
    assert all(line.startswith("✓") for line in res.feedback)


@pytest.mark.parametrize("rule", sorted(BREAKERS))
def test_each_rule_fails_alone(rule):
    plan = BREAKERS[rule](good_plan())
    res = dp.score(SPEC, plan, "en")
    failed = [r for r, ok in res.details["rules"].items() if not ok]
    assert failed == [rule]
    assert res.points == round(3 * 17 / 18, 2)
    message = next(r["missing"]["en"] for r in SPEC["rules"] if r["id"] == rule)
    assert any(line.startswith("✗") and message in line for line in res.feedback)


def test_phase_order_is_judged_on_the_kinds_present():
    rule = {"check": "phase-order", "kinds": ["listen", "meet", "concretise"]}
    two = [{"kind": "meet", "description": "x"}, {"kind": "concretise", "description": "y"}]
    assert dp._rule_met(rule, dp.normalize({"phases": two}))
    assert not dp._rule_met(rule, dp.normalize({"phases": two[::-1]}))
    assert not dp._rule_met(rule, dp.normalize({"phases": two[:1]}))
    later_listen = two + [{"kind": "listen", "description": "z"}]
    assert not dp._rule_met(rule, dp.normalize({"phases": later_listen}))


def test_consultative_level_counts_but_informing_does_not():
    # Le Roux: co-creation has degrees, from a consultative process upwards; information alone is not.
    plan = _set(_set(good_plan(), "level.iap2", "consult"), "level.boverket", "consultation")
    rules = dp.score(SPEC, plan, "sv").details["rules"]
    assert rules["level-iap2"] and rules["level-boverket"]
    plan = _set(_set(good_plan(), "level.iap2", "inform"), "level.boverket", "information")
    rules = dp.score(SPEC, plan, "sv").details["rules"]
    assert not rules["level-iap2"] and not rules["level-boverket"]


def test_consulting_without_saying_what_can_change_is_flagged():
    plan = _set(_set(good_plan(), "level.iap2", "consult"), "mandate.can_change", "")
    rules = dp.score(SPEC, plan, "sv").details["rules"]
    assert rules["level-iap2"] and not rules["can-change"]


@pytest.mark.parametrize(
    "answer", [None, [], "text", 3, {"phases": "x", "perspectives": {"a": 1}, "level": [1]}]
)
def test_empty_or_corrupted_answers_score_zero_without_crashing(answer):
    res = dp.score(SPEC, answer, "sv")
    assert res.points == 0.0 and not res.complete
    assert len(res.feedback) == len(SPEC["rules"])


def test_partial_plan_is_incomplete_and_gets_part_credit():
    plan = {"issue": good_plan()["issue"], "phases": good_plan()["phases"][:1]}
    res = dp.score(SPEC, plan, "sv")
    assert not res.complete
    assert res.details["filled"] == {
        "issue": True,
        "phases": True,
        "perspectives": False,
        "transparency": False,
        "level": False,
        "mandate": False,
    }
    assert 0 < res.points < 1


def test_normalize_drops_wrong_types():
    plan = dp.normalize(
        {
            "issue": 5,
            "phases": [{"kind": 1, "description": ["x"]}, "bad"],
            "perspectives": [{"who": "A", "hard_to_reach": "yes"}],
            "transparency": {"publish": None},
            "checked": "true",
        }
    )
    assert plan["issue"] == "" and plan["phases"] == [{"kind": "", "description": ""}]
    assert plan["perspectives"] == [{"who": "A", "hard_to_reach": False}]
    assert plan["transparency"] == {"publish": "", "check_back": "", "reach_absent": ""}
    assert plan["checked"] is False


def test_words_counts_letters_only():
    assert dp.words("1 2 3 - !!") == 0
    assert dp.words("Vi går till skolan") == 4


# -- validation ---------------------------------------------------------------------------------
def test_spec_is_valid():
    assert dp.validate(SPEC) == []


def _broken(mutate) -> list[str]:
    spec = copy.deepcopy(SPEC)
    mutate(spec)
    return dp.validate(spec)


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda s: s.update(phase_kinds=s["phase_kinds"][:2]), "at least three phase kinds"),
        (lambda s: s["phase_kinds"][0]["hint"].pop("en"), "lacks hint"),
        (lambda s: s["levels"].update(iap2=s["levels"]["iap2"][:2]), "levels.iap2"),
        (lambda s: s["levels"]["boverket"][0]["label"].update(sv=""), "lacks a label"),
        (lambda s: s.update(parts=s["parts"][:5]), "'parts' must list"),
        (lambda s: s["parts"][0].pop("title"), "lacks a title"),
        (lambda s: s.pop("default_issue"), "'default_issue'"),
        (lambda s: s.update(rules=[]), "non-empty list 'rules'"),
        (lambda s: s["rules"].append({"part": "issue"}), "needs an 'id'"),
        (lambda s: s["rules"].append(copy.deepcopy(s["rules"][0])), "used twice"),
        (lambda s: s["rules"][0].update(part="nowhere"), "has part 'nowhere'"),
        (lambda s: s["rules"][0].update(check="magic"), "has check 'magic'"),
        (lambda s: s["rules"][0].pop("min"), "lacks the parameter 'min'"),
        (lambda s: s["rules"][0]["ok"].pop("sv"), "lacks the message 'ok'"),
        (lambda s: s["rules"][1].update(kind="dance"), "names phase kind 'dance'"),
        (lambda s: s["rules"][4].update(kinds=["listen", "dance"]), "names phase kinds"),
        (lambda s: s["rules"][12].update(path="level.other"), "path must be level.iap2"),
        (lambda s: s["rules"][12].update(options=["shout"]), "has options"),
        (lambda s: s["rules"][0].update(min=0), "whole number"),
    ],
)
def test_validation_errors_are_actionable(mutate, expected):
    problems = _broken(mutate)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("dialogue-plan") for p in problems)


# -- export -------------------------------------------------------------------------------------
NASTY = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'


def test_export_escapes_every_learner_text():
    plan = good_plan()
    plan["issue"] = NASTY
    plan["phases"][0]["description"] = NASTY
    plan["perspectives"][0]["who"] = NASTY
    plan["outreach"] = NASTY
    plan["level"]["why"] = NASTY
    plan["mandate"]["fixed"] = NASTY
    plan["phases"].append({"kind": "<b>bad</b>", "description": ""})
    page = dp.export_html(SPEC, plan, "sv")
    assert "<script" not in page and "<img" not in page and "<b>bad" not in page
    assert page.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img") == 6
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "@media print" in page
    assert (
        "http://" not in page and "https://" not in page and "src=" not in page.replace("&lt;img src=x", "")
    )


def test_export_content_and_language():
    page = dp.export_html(SPEC, good_plan(), "en")
    assert '<html lang="en">' in page
    assert "Plan for a co-creative dialogue" in page
    assert "Conversation between perspectives" in page and "Involve" in page and "Participation" in page
    assert page.index("Listen and take an inventory") < page.index("Make it concrete")
    assert "✓" in dp.PRINT_CSS or 'class="met"' in page


def test_export_of_empty_plan_uses_default_issue_and_marks_gaps():
    page = dp.export_html(SPEC, None, "sv")
    assert "Tallhöjden" in page
    assert "(inte ifyllt än)" in page


# -- widget model -------------------------------------------------------------------------------
def _widget(tmp_path, lang="sv"):
    from widgets.dialogue_plan import build

    return build("dialogue-plan", SPEC, AnswersStore(tmp_path), lang)


def test_widget_saves_checks_and_restores(tmp_path):
    w = _widget(tmp_path)
    assert w.view["title"] == SPEC["title"]["sv"]
    assert "rules" not in json.dumps(w.view) and "missing" not in w.view
    assert w.result == {}
    w.answer = good_plan()
    saved = AnswersStore(tmp_path).answer("dialogue-plan")
    assert saved["issue"] == good_plan()["issue"] and saved["checked"] is False
    w.check_count += 1
    assert w.result["met"] == w.result["total"] == len(SPEC["rules"])
    assert set(w.result["parts"]) == set(dp.PARTS)
    assert AnswersStore(tmp_path).answer("dialogue-plan")["checked"] is True
    w2 = _widget(tmp_path, "en")
    assert w2.answer["phases"] == good_plan()["phases"]
    assert w2.result["met"] == len(SPEC["rules"]) and "points done" in w2.result["summary"]


def test_widget_live_feedback_after_check_and_set_lang(tmp_path):
    w = _widget(tmp_path)
    w.check_count += 1
    assert w.result["met"] == 0
    w.answer = dict(good_plan(), issue="")
    assert w.result["met"] == len(SPEC["rules"]) - 1
    issue = w.result["parts"]["issue"][0]
    assert issue["met"] is False and issue["message"] == SPEC["rules"][0]["missing"]["sv"]
    w.set_lang("en")
    assert w.view["ui"]["check"] == "Review the plan"
    assert w.result["parts"]["issue"][0]["message"] == SPEC["rules"][0]["missing"]["en"]


def test_widget_export_writes_file_beside_notebook(tmp_path):
    w = _widget(tmp_path, "en")
    w.answer = dict(good_plan(), issue=NASTY)
    w.export_count += 1
    path = tmp_path / "dialogplan.html"
    assert path.exists()
    text = path.read_text(encoding="utf-8")
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    assert w.export["html"] == text and w.export["filename"] == "dialogplan.html"
    assert "dialogplan.html" in w.export["message"]
    assert "earlier" in _widget(tmp_path, "en").export["message"]


def test_widget_handles_corrupted_saved_answer(tmp_path):
    AnswersStore(tmp_path).save_answer("dialogue-plan", ["not", "a", "plan"], "sv")
    w = _widget(tmp_path)
    assert w.answer["phases"] == [] and w.notice == SPEC["ui"]["loaded_partly"]["sv"]
    AnswersStore(tmp_path).save_answer("dialogue-plan", {"phases": "x", "checked": True}, "sv")
    w = _widget(tmp_path)
    assert w.answer["phases"] == [] and w.result["met"] == 0

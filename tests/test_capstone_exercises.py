"""Capstone: the case-steps and self-assessment types, their widgets, and the certificate."""

from __future__ import annotations

import copy
import json
import re

import pytest

from coursekit.exercise_types import case_steps, self_assessment
from coursekit.exercises import load_exercise
from coursekit.store import AnswersStore

CASE = load_exercise("capstone-case")
SA = load_exercise("self-assessment")
BEST = {s["id"]: next(o["id"] for o in s["options"] if o["correct"]) for s in CASE["steps"]}
WRONG = {s["id"]: next(o["id"] for o in s["options"] if not o["correct"]) for s in CASE["steps"]}


# -- case steps ---------------------------------------------------------------------------------
def test_case_spec_is_valid_and_best_options_vary_in_position():
    assert case_steps.validate(CASE) == []
    positions = {[o["id"] for o in s["options"]].index(BEST[s["id"]]) for s in CASE["steps"]}
    assert len(positions) == 3
    assert [s["id"] for s in CASE["steps"]] == [
        "stance",
        "listening",
        "perspectives",
        "resistance",
        "minority",
        "design",
    ]


def test_all_best_choices_give_full_points():
    res = case_steps.score(CASE, {"choices": BEST}, "sv")
    assert res.points == 3.0 and res.complete and res.details["correct"] == 6
    assert all(line.startswith("✓") for line in res.feedback)


def test_mixed_choices_give_partial_points_and_feedback_per_step():
    choices = dict(BEST, listening=WRONG["listening"], minority=WRONG["minority"])
    res = case_steps.score(CASE, {"choices": choices}, "en")
    assert res.points == 2.0 and res.complete
    wrong_feedback = next(
        o["feedback"]["en"] for o in CASE["steps"][1]["options"] if o["id"] == WRONG["listening"]
    )
    assert res.feedback[1] == f"✗ 2. Listening: {wrong_feedback}"


@pytest.mark.parametrize(
    "answer", [None, [], "x", {"choices": []}, {"choices": {"stance": 3, "listening": "nope"}}]
)
def test_case_unanswered_or_corrupted(answer):
    res = case_steps.score(CASE, answer, "sv")
    assert res.points == 0.0 and not res.complete
    assert all(line.startswith("–") for line in res.feedback)
    assert "Inget val än." in res.feedback[0]


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda s: s.pop("case"), "'case' must be given"),
        (lambda s: s.update(steps=[]), "non-empty list 'steps'"),
        (lambda s: s["steps"][0].pop("id"), "needs an 'id'"),
        (lambda s: s["steps"][1].update(id="stance"), "used twice"),
        (lambda s: s["steps"][0]["question"].pop("en"), "lacks question"),
        (lambda s: s["steps"][0].update(options=s["steps"][0]["options"][:1]), "at least two options"),
        (lambda s: s["steps"][0]["options"][1].update(id=s["steps"][0]["options"][0]["id"]), "unique 'id'"),
        (lambda s: [o.update(correct=True) for o in s["steps"][0]["options"]], "exactly one option"),
        (lambda s: s["steps"][0]["options"][0]["feedback"].update(sv=""), "lacks feedback"),
    ],
)
def test_case_validation(mutate, expected):
    spec = copy.deepcopy(CASE)
    mutate(spec)
    problems = case_steps.validate(spec)
    assert any(expected in p for p in problems), problems


def test_case_widget_keeps_keys_in_kernel_and_restores(tmp_path):
    from widgets.case_steps import build

    w = build("capstone-case", CASE, AnswersStore(tmp_path), "sv")
    assert all(set(o) == {"id", "text"} for s in w.view["steps"] for o in s["options"])
    assert '"correct"' not in json.dumps(w.view["steps"])
    w.answer = {"choices": {"stance": BEST["stance"], "listening": WRONG["listening"]}}
    assert AnswersStore(tmp_path).answer("capstone-case") == {
        "choices": w.answer["choices"],
        "checked": False,
    }
    assert w.result == {}
    w.check_count += 1
    assert w.result["correct"] == 1 and set(w.result["steps"]) == {"stance", "listening"}
    assert w.result["message"] == CASE["ui"]["unanswered"]["sv"]
    w.set_lang("en")
    assert w.view["ui"]["check"] == "Check"
    assert w.result["steps"]["stance"]["feedback"].startswith("A clear frame")
    w2 = build("capstone-case", CASE, AnswersStore(tmp_path), "en")
    assert w2.answer["choices"]["listening"] == WRONG["listening"] and w2.result["correct"] == 1


def test_case_widget_corrupted_answer(tmp_path):
    from widgets.case_steps import build

    AnswersStore(tmp_path).save_answer("capstone-case", {"choices": ["x"]}, "sv")
    w = build("capstone-case", CASE, AnswersStore(tmp_path), "sv")
    assert w.answer == {"choices": {}} and w.notice == CASE["ui"]["loaded_partly"]["sv"]


# -- self-assessment ----------------------------------------------------------------------------
SKILLS = [s["id"] for s in SA["skills"]]
FULL = {
    "before": {k: 2 for k in SKILLS},
    "after": {k: 4 for k in SKILLS},
    "next_step": "Jag ska fråga vad nejet säger på nästa möte.",
}


def test_self_assessment_complete_gives_the_point():
    assert self_assessment.validate(SA) == []
    res = self_assessment.score(SA, FULL, "sv")
    assert res.points == 1.0 and res.complete
    assert res.details["change"] == {k: 2 for k in SKILLS}


@pytest.mark.parametrize(
    "answer, missing, step",
    [
        (None, 12, False),
        ({"before": {"stance": 3}}, 11, False),
        (dict(FULL, next_step="Ja"), 0, False),
        (dict(FULL, after={k: 9 for k in SKILLS}), 6, True),
        (dict(FULL, before={k: True for k in SKILLS}), 6, True),
        (dict(FULL, before="x"), 6, True),
    ],
)
def test_self_assessment_incomplete(answer, missing, step):
    res = self_assessment.score(SA, answer, "en")
    assert res.points == 0.0 and not res.complete
    if missing:
        assert res.feedback[0] == f"✗ {missing} ratings are missing. Choose a number in each group."
    else:
        assert res.feedback[0].startswith("✓")
    assert res.feedback[1].startswith("✓" if step else "✗")


@pytest.mark.parametrize(
    "mutate, expected",
    [
        (lambda s: s.update(skills=[]), "non-empty list 'skills'"),
        (lambda s: s["skills"][1].update(id="stance"), "unique 'id'"),
        (lambda s: s["skills"][0]["label"].pop("en"), "lacks a label"),
        (lambda s: s.update(scale=s["scale"][::-1]), "'scale' must list"),
        (lambda s: s["scale"][0]["label"].update(sv=""), "scale value 1 lacks"),
        (lambda s: s["next_step"].pop("label"), "next_step.label"),
        (lambda s: s["next_step"].update(min_words=0), "min_words"),
        (lambda s: s["columns"].pop("after"), "columns.after"),
        (lambda s: s.pop("title"), "'title' must be given"),
    ],
)
def test_self_assessment_validation(mutate, expected):
    spec = copy.deepcopy(SA)
    mutate(spec)
    assert any(expected in p for p in self_assessment.validate(spec))


def test_self_assessment_widget(tmp_path):
    from widgets.self_assessment import build

    w = build("self-assessment", SA, AnswersStore(tmp_path), "sv")
    assert [s["id"] for s in w.view["skills"]] == SKILLS and len(w.view["scale"]) == 5
    w.answer = {"before": {"stance": 2}, "after": {"stance": 5, "listening": 7}, "next_step": ""}
    saved = AnswersStore(tmp_path).answer("self-assessment")
    assert saved["after"] == {"stance": 5} and saved["checked"] is False
    w.check_count += 1
    assert w.result["complete"] is False and w.result["message"] == ""
    w.answer = FULL
    assert w.result["complete"] is True and w.result["message"] == SA["ui"]["done"]["sv"]
    w.set_lang("en")
    assert w.result["message"] == SA["ui"]["done"]["en"] and w.view["columns"]["after"] == "Now"
    w2 = build("self-assessment", SA, AnswersStore(tmp_path), "en")
    assert w2.answer["before"] == FULL["before"] and w2.result["complete"] is True


def test_self_assessment_widget_corrupted(tmp_path):
    from widgets.self_assessment import build

    AnswersStore(tmp_path).save_answer("self-assessment", "garbage", "sv")
    w = build("self-assessment", SA, AnswersStore(tmp_path), "en")
    assert w.answer == {"before": {}, "after": {}, "next_step": ""}
    assert w.notice == SA["ui"]["loaded_partly"]["en"]


# -- certificate --------------------------------------------------------------------------------
NAMES = ["<script>alert(1)</script>", 'Åsa "Ö" O\'Brien & co']


def _complete_capstone(learner):
    store = AnswersStore(learner / "07-capstone")
    store.save_answer("capstone-case", {"choices": WRONG, "checked": True}, "sv")
    store.save_answer("self-assessment", FULL, "sv")
    store.save_answer("opening-words", {"responses": {"open-meeting": "Välkomna, jag vill höra alla."}}, "sv")
    half = AnswersStore(learner / "06-co-creative-dialogue")
    half.save_answer("dialogue-plan", {"issue": "Biblioteket"}, "sv")


@pytest.mark.parametrize("name", NAMES)
def test_certificate_escapes_the_name(tmp_path, name):
    from coursekit.certificate import render_certificate

    page = render_certificate(name, tmp_path, "sv")
    assert "<script>" not in page and "alert(1)</script>" not in page
    import html

    assert html.escape(name) in page
    assert page.startswith("<!DOCTYPE html>") and "</html>" in page
    assert not re.search(r"(src|href)=", page) and "http" not in page.lower().replace("http-equiv", "")
    assert "@media print" in page


def test_certificate_lists_completed_modules_only(tmp_path):
    from coursekit.certificate import render_certificate, write_certificate

    _complete_capstone(tmp_path)
    page = render_certificate("Kim", tmp_path, "en", today=__import__("datetime").date(2026, 5, 4))
    done = re.search(r'<ul class="done">(.*?)</ul>', page).group(1)
    assert done == "<li>Closing: a new case</li>"
    assert "The co-creative dialogue" in page.split('<ul class="done">')[1]  # listed as not completed
    assert "Not completed yet:" in page and "1 of 8 modules completed." in page
    assert "2026-05-04" in page and "Leading difficult dialogues" in page and '<html lang="en">' in page
    path = write_certificate("Kim", tmp_path, "sv")
    assert path == tmp_path / "certificate.html"
    text = path.read_text(encoding="utf-8")
    assert "Avslutning: ett nytt fall" in text and "Kim" in text
    assert not list(tmp_path.glob(".certificate-*"))


def test_certificate_without_progress_and_without_name(tmp_path):
    from coursekit.certificate import render_certificate

    page = render_certificate("   ", tmp_path, "xx")
    assert '<html lang="sv">' in page and "Inga moduler är klara än." in page and "deltagaren" in page


def test_certificate_widget(tmp_path):
    from widgets.certificate import CertificateWidget

    _complete_capstone(tmp_path)
    w = CertificateWidget(tmp_path, "sv")
    w.create_count += 1
    assert w.created["message"].startswith("Skriv ditt namn") and "html" not in w.created
    assert not (tmp_path / "certificate.html").exists()
    w.name = NAMES[1]
    w.create_count += 1
    assert (tmp_path / "certificate.html").exists()
    assert "1 av 8 moduler" in w.created["message"]
    assert "Åsa &quot;Ö&quot; O&#x27;Brien &amp; co" in w.created["html"]
    w.set_lang("en")
    assert w.ui["create"] == "Create certificate"

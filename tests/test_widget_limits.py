"""Text over a limit is refused with a message, never cut silently: what is saved is what the learner sees.

The browser stops typing at the limit (maxlength, tests/browser/test_drafts_and_limits.py); these tests
check that the kernel refuses rather than truncates when text over the limit arrives anyway.
"""

from __future__ import annotations

from coursekit.exercises import load_exercise
from coursekit.store import AnswersStore
from widgets import dialogue_plan, listening_practice, self_assessment


def test_listening_practice_refuses_a_response_over_the_limit(tmp_path):
    store = AnswersStore(tmp_path)
    w = listening_practice.build("listening-practice", load_exercise("listening-practice"), store, "en")
    assert w.view["max_chars"] == listening_practice.MAX_TEXT
    w.answer = {"responses": {"s1": "You feel angry. " * 10}, "revealed": [], "current": 0}
    assert w.status == "saved"
    long = "x" * (listening_practice.MAX_TEXT + 1)
    w.answer = {"responses": {"s1": long}, "revealed": [], "current": 0}
    assert w.status == "error"
    assert "too long" in w.notice and "5001" in w.notice
    assert AnswersStore(tmp_path).answer("listening-practice")["responses"]["s1"] == "You feel angry. " * 10
    assert w.answer["responses"]["s1"] == long  # the box keeps what the learner wrote


def test_self_assessment_refuses_a_next_step_over_the_limit(tmp_path):
    store = AnswersStore(tmp_path)
    w = self_assessment.build("self-assessment", load_exercise("self-assessment"), store, "sv")
    w.answer = {"before": {}, "after": {}, "next_step": "Jag ska lyssna mer."}
    assert AnswersStore(tmp_path).answer("self-assessment")["next_step"] == "Jag ska lyssna mer."
    w.answer = {"before": {}, "after": {}, "next_step": "å" * 5001}
    assert "för lång" in w.notice
    assert AnswersStore(tmp_path).answer("self-assessment")["next_step"] == "Jag ska lyssna mer."
    w.answer = {"before": {}, "after": {}, "next_step": "å" * 5000}
    assert w.notice == ""
    assert AnswersStore(tmp_path).answer("self-assessment")["next_step"] == "å" * 5000


def test_planner_refuses_text_over_its_limits(tmp_path):
    store = AnswersStore(tmp_path)
    w = dialogue_plan.build("dialogue-plan", load_exercise("dialogue-plan"), store, "en")
    assert w.view["max_chars"] == {"text": 5000, "who": 300}
    w.answer = dict(w.answer, perspectives=[{"who": "Föräldrar", "hard_to_reach": False}])
    assert AnswersStore(tmp_path).answer("dialogue-plan")["perspectives"][0]["who"] == "Föräldrar"
    w.answer = dict(w.answer, perspectives=[{"who": "F" * 301, "hard_to_reach": False}])
    assert "too long" in w.notice and "300" in w.notice
    assert AnswersStore(tmp_path).answer("dialogue-plan")["perspectives"][0]["who"] == "Föräldrar"
    w.answer = dict(w.answer, perspectives=[], mandate={"decision_maker": "n" * 5001})
    assert "5001" in w.notice
    w.answer = dict(w.answer, mandate={"decision_maker": "Nämnden"})
    assert w.notice == ""
    assert AnswersStore(tmp_path).answer("dialogue-plan")["mandate"]["decision_maker"] == "Nämnden"

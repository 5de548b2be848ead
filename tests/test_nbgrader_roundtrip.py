"""The whole nbgrader round trip, as an instructor runs it, with realistic learner answers files.

generate_assignment (the session fixture) → learners submit (good, partial, empty, and one whose
reflection the grader is unsure of) → autograde → gradebook scores equal the scorer's → an
instructor's override survives a re-run → generate_feedback shows per-criterion feedback → export CSV.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

import pytest

from coursekit.build import write_config
from coursekit.content import catalogue
from coursekit.exercises import score_exercise
from grading import load_item, score
from tests.conftest import REPO, only_modules, run

pytestmark = pytest.mark.slow

FIXTURES = REPO / "tests" / "fixtures" / "answers"
NBGRADER = str(Path(sys.executable).parent / "nbgrader")
LONG_TEXT = (
    "At the meeting <script>alert(1)</script> about the new bus route residents were angry and I felt attacked, so I defended the plan. "
    "Listening was missing. Next time I will let everyone finish before I answer. "
) + "We also talked about the weather and the car park and many other things that day. " * 3000


def modules_with_fixtures():
    only = only_modules()
    return [
        m
        for m in catalogue()
        if (FIXTURES / m.assignment / "good.json").exists() and (not only or m.id in only)
    ]


def empty_answers(module) -> dict:
    """A learner who opened the module and wrote nothing."""
    return {"format": 1, "lang": "sv", "items": {i: {"text": ""} for i in module.items}, "exercises": {}}


def expected_scores(module, answers: dict) -> dict[str, float]:
    lang = answers.get("lang") or "sv"
    out = {}
    for item in module.items:
        out[item] = float(score(item, (answers["items"].get(item) or {}).get("text", ""), lang).points)
    for ex in module.exercises:
        out[ex] = float(score_exercise(ex, (answers["exercises"].get(ex) or {}).get("answer"), lang).points)
    return out


@pytest.fixture(scope="module")
def graded(built_course, tmp_path_factory):
    course = tmp_path_factory.mktemp("roundtrip") / "course"
    shutil.copytree(
        built_course, course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
    )
    write_config(course)
    learners: dict[str, dict[str, dict]] = {"good": {}, "partial": {}, "empty": {}, "unsure": {}}
    modules = modules_with_fixtures()
    assert modules, "no answers fixtures found"
    for m in modules:
        learners["good"][m.assignment] = json.loads((FIXTURES / m.assignment / "good.json").read_text())
        learners["partial"][m.assignment] = json.loads((FIXTURES / m.assignment / "partial.json").read_text())
        learners["empty"][m.assignment] = empty_answers(m)
        unsure = empty_answers(m)
        for item in m.items:
            unsure["items"][item] = {"text": LONG_TEXT}
        learners["unsure"][m.assignment] = unsure
    for student, per_module in learners.items():
        for m in modules:
            folder = course / "submitted" / student / m.assignment
            shutil.copytree(course / "release" / m.assignment, folder)
            (folder / "answers.json").write_text(json.dumps(per_module[m.assignment], ensure_ascii=False))
            (folder / "timestamp.txt").write_text("2026-11-27 10:00:00.000000 UTC")
    for m in modules:
        run([NBGRADER, "autograde", m.assignment, "--force"], cwd=course)
    return course, modules, learners


def gradebook(course: Path):
    from nbgrader.api import Gradebook

    return Gradebook(f"sqlite:///{course / 'gradebook.db'}")


def test_autograded_scores_equal_the_scorers(graded):
    course, modules, learners = graded
    with gradebook(course) as gb:
        for student, per_module in learners.items():
            for m in modules:
                expected = expected_scores(m, per_module[m.assignment])
                for grade_id, points in expected.items():
                    grade = gb.find_grade(grade_id, m.notebook, m.assignment, student)
                    assert grade.auto_score == pytest.approx(points), (student, m.assignment, grade_id)


def test_learners_are_told_apart(graded):
    course, modules, learners = graded
    with gradebook(course) as gb:
        for m in modules:
            totals = {s: gb.find_submission(m.assignment, s).score for s in ("good", "partial", "empty")}
            assert totals["good"] > totals["partial"] > totals["empty"] == 0, (m.assignment, totals)


def test_unsure_reflections_are_flagged_for_review(graded):
    course, modules, _ = graded
    with gradebook(course) as gb:
        flagged = [
            gb.find_grade(item, m.notebook, m.assignment, "unsure").needs_manual_grade
            for m in modules
            for item in m.items
        ]
        confident = [
            gb.find_grade(item, m.notebook, m.assignment, "empty").needs_manual_grade
            for m in modules
            for item in m.items
        ]
    assert flagged and all(flagged)
    assert not any(confident)


def test_instructor_override_stands_after_regrading(graded):
    course, modules, _ = graded
    m = next(m for m in modules if m.items)
    item = m.items[0]
    with gradebook(course) as gb:
        grade = gb.find_grade(item, m.notebook, m.assignment, "partial")
        grade.manual_score = 3.5
        gb.db.commit()
    run([NBGRADER, "autograde", m.assignment, "--force", "--student", "partial"], cwd=course)
    with gradebook(course) as gb:
        grade = gb.find_grade(item, m.notebook, m.assignment, "partial")
        assert grade.manual_score == 3.5 and grade.score == 3.5


def test_feedback_shows_per_criterion_feedback(graded):
    course, modules, learners = graded
    for m in modules:
        run([NBGRADER, "generate_feedback", m.assignment, "--force"], cwd=course)
    m = next(m for m in modules if m.items)
    html = (course / "feedback" / "good" / m.assignment / f"{m.notebook}.html").read_text(encoding="utf-8")
    lang = learners["good"][m.assignment]["lang"]
    for item in m.items:
        for criterion in load_item(item).criteria:
            assert criterion.label[lang] in html
    # Each met criterion quotes the learner's own sentence as its evidence.
    assert {"sv": "belägg", "en": "evidence"}[lang] in html
    empty = (course / "feedback" / "empty" / m.assignment / f"{m.notebook}.html").read_text(encoding="utf-8")
    assert "0 / 4" in empty


def test_feedback_escapes_learner_markup(graded):
    """Learner text echoed as evidence must never become markup in the feedback HTML."""
    course, modules, _ = graded
    m = next(m for m in modules if m.items)
    feedback = course / "feedback" / "unsure" / m.assignment / f"{m.notebook}.html"
    if not feedback.exists():
        run([NBGRADER, "generate_feedback", m.assignment, "--force", "--student", "unsure"], cwd=course)
    html = feedback.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_export_csv(graded):
    course, modules, learners = graded
    out = course / "grades.csv"
    run([NBGRADER, "export", "--to", str(out)], cwd=course)
    rows = list(csv.DictReader(out.open()))
    students = {r["student_id"] for r in rows}
    assert {"good", "partial", "empty", "unsure"} <= students
    by_key = {(r["assignment"], r["student_id"]): float(r["raw_score"]) for r in rows}
    for m in modules:
        assert by_key[(m.assignment, "empty")] == 0
        assert by_key[(m.assignment, "good")] > by_key[(m.assignment, "empty")]

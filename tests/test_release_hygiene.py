"""Only the learner version is released: an instructor's own answers in source/ never reach learners.

An instructor who tries a module in the course's source/ folder gets an answers file there (and its
backup, and perhaps a damaged copy set aside). Whatever lies in source/, generating and releasing a
module hands out the notebook alone, and autograding never replaces a learner's answers with the
instructor's.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from coursekit.build import generate, write_config
from coursekit.content import module
from tests.conftest import run
from tests.test_nbgrader_roundtrip import FIXTURES, expected_scores

pytestmark = pytest.mark.slow
NBGRADER = str(Path(sys.executable).parent / "nbgrader")
COURSE_ID = "backa-dialogue"
STATE = ("answers.json", "answers.json.bak", "answers.corrupt-20260101-120000.json")


def learner_state(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*answers*"))


@pytest.fixture
def course(built_course, tmp_path) -> Path:
    """A copy of the built course whose source/ holds the instructor's own answers of module 1."""
    course = tmp_path / "course"
    shutil.copytree(
        built_course, course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
    )
    write_config(course)
    instructor = (FIXTURES / "01-stance" / "good.json").read_text()
    for name in STATE:
        (course / "source" / "01-stance" / name).write_text(instructor)
    shutil.rmtree(course / "release", ignore_errors=True)
    return course


def test_generate_and_release_hand_out_no_learner_state(course, tmp_path):
    m = module("stance")
    # nbgrader's own command, as an instructor types it …
    run([NBGRADER, "generate_assignment", m.assignment, "--force"], cwd=course)
    assert (course / "release" / m.assignment / m.notebook_file).exists()
    assert learner_state(course / "release" / m.assignment) == []
    # … and nbgrader's Python API, as the formgrader's Generate button and `backa-course build` use it.
    shutil.rmtree(course / "release")
    generate(course, [m])
    assert learner_state(course / "release" / m.assignment) == []

    exchange = tmp_path / "exchange"
    exchange.mkdir()
    common = [f"--Exchange.root={exchange}", f"--CourseDirectory.course_id={COURSE_ID}"]
    run([NBGRADER, "release_assignment", m.assignment, *common], cwd=course)
    outbound = exchange / COURSE_ID / "outbound" / m.assignment
    assert (outbound / m.notebook_file).exists()
    assert learner_state(outbound) == []


def test_autograde_grades_the_learners_answers_not_the_instructors(course):
    m = module("stance")
    run([NBGRADER, "generate_assignment", m.assignment, "--force"], cwd=course)
    learner = json.loads((FIXTURES / m.assignment / "partial.json").read_text())
    submitted = course / "submitted" / "anna" / m.assignment
    shutil.copytree(course / "release" / m.assignment, submitted)
    (submitted / "answers.json").write_text(json.dumps(learner, ensure_ascii=False))
    run([NBGRADER, "autograde", m.assignment, "--force", "--student", "anna"], cwd=course)

    graded = json.loads((course / "autograded" / "anna" / m.assignment / "answers.json").read_text())
    assert graded == learner
    from nbgrader.api import Gradebook

    expected = expected_scores(m, learner)
    instructor = expected_scores(m, json.loads((FIXTURES / m.assignment / "good.json").read_text()))
    assert expected != instructor, "the two answer sets must score differently for this test to mean anything"
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for grade_id, points in expected.items():
            assert gb.find_grade(grade_id, m.notebook, m.assignment, "anna").auto_score == pytest.approx(
                points
            )

"""nbgrader's own folder exchange: release → fetch → the learner works → submit → collect → autograde.
The answers file must travel with the submission. (The hub uses the course exchange instead; see
tests/test_exchange_isolation.py.)"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from nbgrader.utils import get_username

from coursekit.build import write_config
from coursekit.content import module
from tests.conftest import run
from tests.test_nbgrader_roundtrip import FIXTURES, expected_scores

pytestmark = pytest.mark.slow
NBGRADER = str(Path(sys.executable).parent / "nbgrader")
COURSE_ID = "backa-dialogue"
# nbgrader names the learner after the operating-system user (on JupyterHub: the hub user).
STUDENT = get_username()


def test_release_fetch_submit_collect_autograde(built_course, tmp_path):
    m = module("stance")
    course = tmp_path / "instructor" / "course"
    shutil.copytree(
        built_course, course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
    )
    write_config(course)
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    common = [f"--Exchange.root={exchange}", f"--CourseDirectory.course_id={COURSE_ID}"]

    run([NBGRADER, "release_assignment", m.assignment, *common], cwd=course)

    learner_home = tmp_path / "anna"
    learner_home.mkdir()
    env = {"HOME": str(learner_home)}
    run(
        [NBGRADER, "fetch_assignment", m.assignment, f"--course={COURSE_ID}", f"--Exchange.root={exchange}"],
        cwd=learner_home,
        env=env,
    )
    fetched = learner_home / m.assignment
    assert (fetched / m.notebook_file).exists()
    answers = json.loads((FIXTURES / m.assignment / "good.json").read_text())
    (fetched / "answers.json").write_text(json.dumps(answers, ensure_ascii=False))
    run(
        [NBGRADER, "submit", m.assignment, f"--course={COURSE_ID}", f"--Exchange.root={exchange}"],
        cwd=learner_home,
        env=env,
    )

    run([NBGRADER, "collect", m.assignment, *common], cwd=course)
    assert (course / "submitted" / STUDENT / m.assignment / "answers.json").exists()
    run([NBGRADER, "autograde", m.assignment, "--force", *common], cwd=course)

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for grade_id, points in expected_scores(m, answers).items():
            assert gb.find_grade(grade_id, m.notebook, m.assignment, STUDENT).auto_score == pytest.approx(
                points
            )
        assert gb.find_submission(m.assignment, STUDENT).score == pytest.approx(
            sum(expected_scores(m, answers).values())
        )

"""`nbgrader validate`: the source version passes with full-marks answers; a blank learner version does not."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from coursekit.content import catalogue
from coursekit.exercises import load_exercise
from grading import load_item
from tests.conftest import only_modules, run
from tests.test_nbgrader_roundtrip import FIXTURES, expected_scores

pytestmark = pytest.mark.slow
NBGRADER = str(Path(sys.executable).parent / "nbgrader")


def full_marks(module) -> dict[str, float]:
    out = {item: float(load_item(item).max_points) for item in module.items}
    out.update({ex: float(load_exercise(ex)["points"]) for ex in module.exercises})
    return out


def modules():
    only = only_modules()
    return [m for m in catalogue() if not only or m.id in only]


def reference_modules():
    """Modules whose `good.json` fixture earns every point: the instructor's reference answers."""
    found = []
    for m in modules():
        path = FIXTURES / m.assignment / "good.json"
        if path.exists():
            answers = json.loads(path.read_text())
            if expected_scores(m, answers) == full_marks(m):
                found.append((m, path))
    return found


def test_reference_answers_exist_for_the_first_modules():
    names = {m.id for m, _ in reference_modules()}
    assert {"welcome", "stance"} <= names


@pytest.mark.parametrize("module,answers", reference_modules(), ids=lambda v: getattr(v, "id", ""))
def test_source_version_validates(built_course, tmp_path, module, answers):
    folder = tmp_path / module.assignment
    shutil.copytree(built_course / "source" / module.assignment, folder)
    shutil.copy(answers, folder / "answers.json")
    out = run([NBGRADER, "validate", str(folder / module.notebook_file)], cwd=folder).stdout
    assert "Success! Your notebook passes all the tests." in out


def test_blank_learner_version_fails_validation(built_course, tmp_path):
    """`--invert`: with no answers every graded cell must fall short, or the tests check nothing."""
    for m in modules():
        if not (m.items or m.exercises):
            continue
        folder = tmp_path / m.assignment
        shutil.copytree(built_course / "source" / m.assignment, folder)
        out = run([NBGRADER, "validate", "--invert", str(folder / m.notebook_file)], cwd=folder).stdout
        assert "Success!" in out, (m.assignment, out)

"""`backa-course autograde MODULE --jobs N` against stock `nbgrader autograde MODULE`.

Two copies of one course folder get the same 24 submissions (mixed quality, markup, objections, an empty
one). One is graded by stock nbgrader, serially; the other by the parallel command. Their gradebooks must
say the same thing: scores, comments, needs-manual-grade flags, late penalties, and the same printed
feedback in the autograded notebooks. Then the SQLite gradebook is kept busy by another writer while the
parallel command runs: nothing may fail with "database is locked".
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from coursekit.parallel_autograde import AutogradeError, autograde
from tests.cohort import cohort, new_course, submit
from tests.conftest import run
from tests.gradebook_snapshot import snapshot

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
MODULE = "01-stance"


def sqlite_url(course: Path) -> str:
    return f"sqlite:///{course / 'gradebook.db'}"


def grade_cell_outputs(course: Path, student: str) -> dict[str, str]:
    nb = nbformat.read(course / "autograded" / student / MODULE / "stance.ipynb", as_version=4)
    return {
        c.metadata["nbgrader"]["grade_id"]: json.dumps(c.get("outputs", []), sort_keys=True)
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


@pytest.fixture(scope="module")
def two_courses(built_course, tmp_path_factory):
    root = tmp_path_factory.mktemp("parallel")
    answers = {s: {MODULE: m[MODULE]} for s, m in cohort(24).items() if MODULE in m}
    courses = []
    for name in ("stock", "parallel"):
        course = new_course(built_course, root / name)
        submit(course, answers)
        courses.append(course)
    return courses[0], courses[1], sorted(answers)


def test_parallel_gives_the_same_gradebook_as_stock(two_courses):
    stock, parallel, students = two_courses
    run([str(BIN / "nbgrader"), "autograde", MODULE], cwd=stock)
    proc = run([str(BIN / "backa-course"), "autograde", MODULE, "--jobs", "2"], cwd=parallel)
    # Progress: one line per submission, then the summary.
    assert f"[{len(students)}/{len(students)}]" in proc.stdout
    assert f"{len(students)} submission(s) of {MODULE} autograded" in proc.stdout

    expected, got = snapshot(sqlite_url(stock), MODULE), snapshot(sqlite_url(parallel), MODULE)
    assert {k[0] for k in expected} == set(students)
    assert got == expected
    flags = [v[3] for k, v in expected.items() if k[-1] == "grade"]
    assert any(flags) and not all(flags), "the cohort should have some answers flagged for review"
    for student in students:
        assert grade_cell_outputs(parallel, student) == grade_cell_outputs(stock, student), student


def test_a_manual_grade_is_kept_alike_on_regrading(two_courses):
    """With an instructor's score in place, both re-grade alike (nbgrader keeps it and flags it again)."""
    stock, parallel, students = two_courses
    from nbgrader.api import Gradebook

    for course in (stock, parallel):
        with Gradebook(sqlite_url(course)) as gb:
            grade = gb.find_grade("stance-experience", "stance", MODULE, students[3])
            grade.manual_score, grade.needs_manual_grade = 2.0, False
            gb.db.commit()
    run([str(BIN / "nbgrader"), "autograde", MODULE, "--force", "--student", students[3]], cwd=stock)
    run([str(BIN / "backa-course"), "autograde", MODULE, "--force", "--student", students[3]], cwd=parallel)
    assert snapshot(sqlite_url(parallel), MODULE) == snapshot(sqlite_url(stock), MODULE)


def test_already_graded_submissions_are_skipped_unless_forced(two_courses):
    _, parallel, students = two_courses
    proc = run(
        [str(BIN / "backa-course"), "autograde", MODULE, "-j", "2", "--student", students[0]], cwd=parallel
    )
    assert "already autograded" in proc.stdout


def test_a_broken_submission_is_reported_and_the_others_graded(two_courses):
    _, parallel, students = two_courses
    broken = parallel / "submitted" / "zz-broken" / MODULE
    shutil.copytree(parallel / "submitted" / students[0] / MODULE, broken)
    (broken / "stance.ipynb").chmod(0o644)
    (broken / "stance.ipynb").write_text("{ this is not a notebook", encoding="utf-8")
    shutil.copytree(
        parallel / "submitted" / students[1] / MODULE, parallel / "submitted" / "zz-fine" / MODULE
    )
    proc = subprocess.run(
        [str(BIN / "backa-course"), "autograde", MODULE, "--student", "zz-*", "--jobs", "2"],
        cwd=parallel,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert "zz-broken: FAILED" in proc.stdout and "1 failed: zz-broken" in proc.stdout
    assert "nbgrader's log for zz-broken" in proc.stderr
    assert "zz-fine: " in proc.stdout and "zz-fine: FAILED" not in proc.stdout
    from nbgrader.api import Gradebook

    from coursekit.exercises import score_exercise
    from grading import score

    data = json.loads(
        (parallel / "submitted" / "zz-fine" / MODULE / "answers.json").read_text(encoding="utf-8")
    )
    expected = score("stance-experience", data["items"]["stance-experience"]["text"], data["lang"]).points
    expected += score_exercise(
        "stance-moves", data["exercises"]["stance-moves"]["answer"], data["lang"]
    ).points
    with Gradebook(sqlite_url(parallel)) as gb:
        assert gb.find_submission(MODULE, "zz-fine").score == pytest.approx(expected)


class BusyWriter(threading.Thread):
    """Another program (a backup, a VACUUM) holding the gradebook exclusively for seconds at a time."""

    def __init__(self, db: Path, hold: float, rounds: int) -> None:
        super().__init__(daemon=True)
        self.db, self.hold, self.todo, self.rounds = db, hold, rounds, 0

    def run(self) -> None:
        con = sqlite3.connect(self.db, timeout=600, isolation_level=None)
        try:
            while self.rounds < self.todo:
                con.execute("BEGIN EXCLUSIVE")
                try:
                    con.execute("UPDATE course SET id = id")
                    time.sleep(self.hold)
                finally:
                    con.execute("COMMIT")
                self.rounds += 1
                time.sleep(0.5)
        finally:
            con.close()


def test_sqlite_gradebook_is_never_locked(built_course, tmp_path):
    """Four workers, and another program locking the file longer than SQLite's default 5 s wait."""
    course = new_course(built_course, tmp_path / "course")
    answers = {s: {MODULE: m[MODULE]} for s, m in cohort(12, seed=3).items() if MODULE in m}
    submit(course, answers)
    lines: list[str] = []
    # Locked from before the workers' first access until well after it: stock waits 5 s and fails.
    writer = BusyWriter(course / "gradebook.db", hold=20.0, rounds=2)
    writer.start()
    report = autograde(course, MODULE, jobs=4, progress=lines.append)
    writer.join()
    assert writer.rounds == 2
    assert not report.failed, "\n".join(o.log for o in report.failed)
    assert all(o.attempts == 1 for o in report.outcomes)
    assert not any("database is locked" in o.log for o in report.outcomes)
    graded = snapshot(sqlite_url(course), MODULE)
    assert {k[0] for k in graded} == set(answers)
    assert len(lines) == len(answers) + 1


def test_bad_arguments_give_one_line(built_course, tmp_path):
    course = new_course(built_course, tmp_path / "course")
    with pytest.raises(AutogradeError, match="no submissions of 01-stance"):
        autograde(course, MODULE, jobs=2)
    with pytest.raises(AutogradeError, match="has no nbgrader_config.py"):
        autograde(tmp_path, MODULE)
    (course / "submitted" / "anna" / "99-nope").mkdir(parents=True)
    proc = subprocess.run(
        [str(BIN / "backa-course"), "autograde", "99-nope", "--course-dir", str(course)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "99-nope is not in the gradebook" in proc.stderr

"""`backa-course autograde MODULE --jobs N`: nbgrader's own autograde, many submissions at once.

Each submission is graded by nbgrader's `AutogradeApp` exactly as `nbgrader autograde MODULE --student S`
would grade it (same config files, same preprocessors, same gradebook writes), in a pool of worker
processes. What costs the time is running each notebook in a fresh kernel, and that runs in parallel.

The gradebook stays consistent:
- A SQLite gradebook is opened by every worker with `BEGIN IMMEDIATE` transactions and a long busy
  timeout (SQLAlchemy's documented pysqlite recipe). A plain deferred transaction that reads and then
  writes can fail at once with "database is locked" when another process commits at the same moment;
  an immediate one waits its turn. nbgrader never holds a gradebook transaction while a kernel runs,
  so workers wait milliseconds, not seconds.
- A server database (PostgreSQL via `CourseDirectory.db_url`) needs nothing special: each worker writes
  only its own learner's rows.
- The gradebook is created (or checked) once, before the workers start, so they never race to create it.
"""

from __future__ import annotations

import glob
import os
import re
import sys
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

SQLITE_BUSY_MS = 300_000
LOCKED = "database is locked"


class AutogradeError(Exception):
    """A problem with the course folder or the arguments, said in one line."""


@dataclass
class Outcome:
    student: str
    ok: bool
    seconds: float
    score: float | None = None
    max_score: float | None = None
    needs_review: int = 0
    skipped: bool = False
    log: str = ""
    attempts: int = 1


@dataclass
class Report:
    assignment: str
    jobs: int
    seconds: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def summary(self) -> str:
        graded = [o for o in self.outcomes if o.ok and not o.skipped]
        skipped = [o for o in self.outcomes if o.skipped]
        review = sum(o.needs_review for o in graded)
        parts = [
            f"{len(graded)} submission(s) of {self.assignment} autograded in {self.seconds:.1f} s "
            f"with {self.jobs} job(s)"
        ]
        if skipped:
            parts.append(f"{len(skipped)} already autograded (use --force to grade them again)")
        if review:
            parts.append(f"{review} answer(s) flagged for review")
        if self.failed:
            parts.append(f"{len(self.failed)} failed: {', '.join(o.student for o in self.failed)}")
        return "; ".join(parts) + "."


# -- configuration, read as nbgrader reads it ---------------------------------------------------------
def nbgrader_app(course_dir: Path, argv: list[str] | None = None):
    """An nbgrader app configured from the course folder's nbgrader_config.py (and the system's)."""
    from nbgrader.apps.autogradeapp import AutogradeApp

    here = os.getcwd()
    os.chdir(course_dir)
    try:
        app = AutogradeApp()
        app.initialize(argv or [])
    finally:
        os.chdir(here)
    # Progress is ours to show; nbgrader's own log is kept per submission (capture_log) instead.
    for handler in list(app.log.handlers):
        app.log.removeHandler(handler)
    return app


def submissions(coursedir, assignment: str, student_glob: str = "*") -> list[str]:
    """Learner ids with a submission of `assignment`, found the way nbgrader's converter finds them."""
    pattern = coursedir.format_path(coursedir.submitted_directory, student_glob, assignment)
    regexp = coursedir.format_path(
        coursedir.submitted_directory, "(?P<student_id>[^/]+)", assignment, escape=True
    )
    excluded = set(filter(None, coursedir.student_id_exclude.split(",")))
    found = []
    for path in sorted(glob.glob(pattern)):
        m = re.match(regexp + "$", os.path.normpath(path))
        if m and os.path.isdir(path) and m.group("student_id") not in excluded:
            found.append(m.group("student_id"))
    return found


def prepare_gradebook(db_url: str, course_id: str, assignment: str) -> None:
    """Create or check the gradebook once, before the workers start; fail clearly if the module is unknown."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(db_url, course_id) as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            raise AutogradeError(
                f"{assignment} is not in the gradebook; run `nbgrader generate_assignment {assignment}` "
                "(or `backa-course build --course-dir ...`) first"
            ) from None


# -- the worker ------------------------------------------------------------------------------------------
_COURSE: Path | None = None


def _sqlite_waits_its_turn() -> None:
    """Every SQLite transaction in this process starts with BEGIN IMMEDIATE and waits when the file is busy."""
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _connect(dbapi_connection, _record):
        if isinstance(dbapi_connection, sqlite3.Connection):
            # Let SQLAlchemy's "begin" below open transactions, not the driver's implicit BEGIN.
            dbapi_connection.isolation_level = None
            dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")

    @event.listens_for(Engine, "begin")
    def _begin(connection):
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def _init_worker(course_dir: str) -> None:
    global _COURSE
    _COURSE = Path(course_dir)
    os.chdir(course_dir)
    # Kernels inherit this stderr; their start-up chatter would bury the progress lines. nbgrader's own
    # log of each submission is captured instead, and shown when one fails.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    _sqlite_waits_its_turn()


def _grade(assignment: str, student: str, force: bool, extra: list[str]) -> Outcome:
    from nbgrader.api import Gradebook
    from nbgrader.utils import capture_log

    assert _COURSE is not None
    start = time.perf_counter()
    argv = [assignment, "--student", student, *(["--force"] if force else []), *extra]
    app = nbgrader_app(_COURSE, argv)
    os.chdir(_COURSE)
    result = capture_log(app)
    log = (result.get("log") or "") + (result.get("error") or "")
    out = Outcome(student, bool(result["success"]), time.perf_counter() - start, log=log)
    out.skipped = "Skipping existing assignment" in log
    if out.ok:
        try:  # only for the progress line: never let it fail a graded submission
            with Gradebook(app.coursedir.db_url, app.coursedir.course_id) as gb:
                sub = gb.find_submission(assignment, student)
                out.score, out.max_score = sub.score, sub.max_score
                out.needs_review = sum(1 for nb in sub.notebooks for g in nb.grades if g.needs_manual_grade)
        except Exception:
            pass
    return out


# -- the command ------------------------------------------------------------------------------------------
def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def autograde(
    course_dir: Path,
    assignment: str,
    jobs: int | None = None,
    force: bool = False,
    students: str = "*",
    extra: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Autograde every submission of `assignment` in `course_dir` with `jobs` worker processes."""
    course_dir = Path(course_dir).resolve()
    if not (course_dir / "nbgrader_config.py").exists():
        raise AutogradeError(
            f"{course_dir} has no nbgrader_config.py; give the course folder with --course-dir "
            "or run the command inside it"
        )
    jobs = jobs or default_jobs()
    if jobs < 1:
        raise AutogradeError("--jobs must be at least 1")
    say = progress or (lambda msg: print(msg, flush=True))
    app = nbgrader_app(course_dir)
    coursedir = app.coursedir
    here = os.getcwd()
    os.chdir(course_dir)
    try:
        learners = submissions(coursedir, assignment, students)
        if not learners:
            where = coursedir.format_path(coursedir.submitted_directory, students, assignment)
            raise AutogradeError(f"no submissions of {assignment} found in {where}")
    finally:
        os.chdir(here)

    report = Report(assignment, min(jobs, len(learners)))
    start = time.perf_counter()
    width = len(str(len(learners)))
    with ProcessPoolExecutor(
        max_workers=report.jobs,
        # Not "fork": a caller with threads (a server, a test) would hand the workers locks held mid-way.
        mp_context=get_context("forkserver" if sys.platform.startswith("linux") else "spawn"),
        initializer=_init_worker,
        initargs=(str(course_dir),),
    ) as pool:
        # In a worker, so that it too waits its turn if another program has the gradebook locked.
        pool.submit(prepare_gradebook, coursedir.db_url, coursedir.course_id, assignment).result()
        say(f"Autograding {len(learners)} submission(s) of {assignment} with {report.jobs} job(s)")
        pending = {pool.submit(_grade, assignment, s, force, extra or []): s for s in learners}
        retried: set[str] = set()
        while pending:
            done_now, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in done_now:
                student = pending.pop(fut)
                try:
                    out = fut.result()
                except Exception as e:  # a worker died (out of memory, killed): say so, grade the others
                    out = Outcome(student, False, 0.0, log=f"[ERROR] {type(e).__name__}: {e}")
                if not out.ok and LOCKED in out.log and student not in retried:
                    # Should not happen with BEGIN IMMEDIATE; grade it once more rather than lose it.
                    retried.add(student)
                    pending[pool.submit(_grade, assignment, student, True, extra or [])] = student
                    continue
                out.attempts = 2 if student in retried else 1
                report.outcomes.append(out)
                done = len(report.outcomes)
                elapsed = time.perf_counter() - start
                eta = elapsed / done * (len(learners) - done)
                say(f"[{done:>{width}}/{len(learners)}] {_describe(out)}  (ETA {eta:.0f} s)")
    report.seconds = time.perf_counter() - start
    return report


def _describe(out: Outcome) -> str:
    if not out.ok:
        last = [ln for ln in out.log.strip().splitlines() if ln.startswith("[ERROR]")]
        return f"{out.student}: FAILED — {last[-1][8:] if last else 'see the log below'}"
    if out.skipped:
        return f"{out.student}: already autograded, skipped"
    flag = f", {out.needs_review} to review" if out.needs_review else ""
    score = "" if out.score is None else f" {out.score:g} / {out.max_score:g}"
    return f"{out.student}:{score}{flag} in {out.seconds:.1f} s"

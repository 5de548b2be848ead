"""What the dashboard knows about a cohort, read from nbgrader's gradebook and the submitted answers files.

Plain Python (no web code): the dashboard pages, the CSV export and the tests all use `read_cohort`.
The gradebook is read in a handful of queries through nbgrader's models, whatever the cohort's size;
each reflection is re-scored by the grader (about a millisecond) and cached by a hash of its text.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..content import catalogue

ANSWERS = "answers.json"


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def answer_text(value: Any) -> str:
    """An exercise answer as stable text (for hashing and for showing)."""
    return (
        value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1)
    )


# -- the course folder --------------------------------------------------------------------------------------
@dataclass
class Course:
    root: Path
    db_url: str
    course_id: str
    coursedir: Any  # nbgrader.coursedir.CourseDirectory

    def folder(self, step: str, student: str, assignment: str) -> Path:
        d = {
            "submitted": self.coursedir.submitted_directory,
            "autograded": self.coursedir.autograded_directory,
        }
        return Path(self.coursedir.format_path(d[step], student, assignment))

    @property
    def state_dir(self) -> Path:
        """The dashboard's own files (reviews sidecar) live here, inside the course folder."""
        return self.root / ".backa-instructor"


def open_course(course_dir: str | os.PathLike) -> Course:
    """The course as nbgrader sees it from `course_dir` (its nbgrader_config.py and the system's)."""
    from ..parallel_autograde import nbgrader_app

    course_dir = Path(course_dir).resolve()
    if not (course_dir / "nbgrader_config.py").exists():
        raise FileNotFoundError(f"{course_dir} has no nbgrader_config.py: is it an nbgrader course folder?")
    app = nbgrader_app(course_dir)
    cd = app.coursedir
    return Course(Path(cd.root).resolve(), cd.db_url, cd.course_id, cd)


# -- the grader's view of one reflection ---------------------------------------------------------------------
@lru_cache(maxsize=50_000)
def _scored(item: str, lang: str, text: str) -> dict:
    from grading import score

    return score(item, text, lang).to_dict()


def grader_result(item: str, lang: str, text: str) -> dict:
    return _scored(item, lang, text)


@lru_cache(maxsize=64)
def item_info(item: str) -> dict:
    """Criterion ids and labels (sv/en) of a reflection item, and its prompt."""
    from grading import load_item

    it = load_item(item)
    return {
        "criteria": [{"id": c.id, "label": dict(c.label)} for c in it.criteria],
        "prompt": dict(getattr(it, "prompt", {}) or {}),
    }


# -- the cohort ----------------------------------------------------------------------------------------------
@dataclass
class Cell:
    """One graded cell of one learner's submission (a reflection item or an exercise)."""

    grade_id: str
    kind: str  # "item" | "exercise" | "other"
    max_score: float
    auto_score: float | None
    manual_score: float | None
    needs_manual_grade: bool
    comment: str | None = None
    text: str = ""
    lang: str = "sv"
    objections: dict = field(default_factory=dict)
    result: dict | None = None  # the grader's result for a reflection

    @property
    def score(self) -> float:
        if self.manual_score is not None:
            return self.manual_score
        return self.auto_score or 0.0

    @property
    def text_sha1(self) -> str:
        return sha1(self.text)


@dataclass
class Submission:
    student: str
    assignment: str
    notebook: str
    timestamp: datetime | None
    cells: dict[str, Cell] = field(default_factory=dict)
    answers_problem: str | None = None
    autograded: bool = True

    @property
    def score(self) -> float:
        return sum(c.score for c in self.cells.values())

    @property
    def max_score(self) -> float:
        return sum(c.max_score for c in self.cells.values())

    @property
    def needs_review(self) -> bool:
        return any(c.needs_manual_grade or c.objections for c in self.cells.values())


@dataclass
class ModuleInfo:
    assignment: str
    items: tuple[str, ...]
    exercises: tuple[str, ...]
    max_score: float
    grade_ids: tuple[str, ...]


@dataclass
class Cohort:
    course: Course
    modules: list[ModuleInfo]
    students: list[str]
    names: dict[str, str]
    submissions: dict[tuple[str, str], Submission]  # (student, assignment)
    waiting: set[tuple[str, str]]  # submitted but not autograded yet

    def module(self, assignment: str) -> ModuleInfo:
        for m in self.modules:
            if m.assignment == assignment:
                return m
        raise KeyError(assignment)

    def of_module(self, assignment: str) -> list[Submission]:
        return [s for (st, a), s in sorted(self.submissions.items()) if a == assignment]


def _kind(grade_id: str, items: tuple[str, ...], exercises: tuple[str, ...]) -> str:
    return "item" if grade_id in items else "exercise" if grade_id in exercises else "other"


def _read_answers(folder: Path) -> tuple[dict | None, str | None]:
    path = folder / ANSWERS
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, "no answers.json in the submission"
    except (OSError, ValueError, UnicodeDecodeError) as e:
        return None, f"answers.json could not be read ({e.__class__.__name__})"
    if not isinstance(data, dict):
        return None, "answers.json has the wrong shape"
    return data, None


def read_cohort(course: Course, with_grader: bool = True) -> Cohort:
    """Everything the dashboard shows, in a few gradebook queries plus one answers file per submission."""
    from nbgrader.api import (
        Assignment,
        BaseCell,
        Comment,
        Grade,
        Gradebook,
        GradeCell,
        Notebook,
        Student,
        SubmittedAssignment,
        SubmittedNotebook,
    )

    known = {m.assignment: m for m in catalogue()}
    with Gradebook(course.db_url, course.course_id) as gb:
        db = gb.db
        assignments = [a for (a,) in db.query(Assignment.name).all()]
        order = {a: i for i, a in enumerate(known)}
        assignments.sort(key=lambda a: (order.get(a, len(order)), a))
        cells: dict[str, list[tuple[str, float]]] = {a: [] for a in assignments}
        notebooks: dict[str, str] = {}
        for a, nb, gid, mx in (
            db.query(Assignment.name, Notebook.name, GradeCell.name, GradeCell.max_score)
            .join(Notebook, Notebook.assignment_id == Assignment.id)
            .join(GradeCell, GradeCell.notebook_id == Notebook.id)
            .all()
        ):
            cells[a].append((gid, float(mx)))
            notebooks.setdefault(a, nb)
        students = db.query(Student.id, Student.first_name, Student.last_name).all()
        grades = (
            db.query(
                SubmittedAssignment.student_id,
                Assignment.name,
                Notebook.name,
                BaseCell.name,
                Grade.auto_score,
                Grade.manual_score,
                Grade.extra_credit,
                Grade.needs_manual_grade,
                SubmittedAssignment.timestamp,
            )
            .join(SubmittedNotebook, Grade.notebook_id == SubmittedNotebook.id)
            .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
            .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
            .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
            .join(BaseCell, Grade.cell_id == BaseCell.id)
            .all()
        )
        comments = (
            db.query(SubmittedAssignment.student_id, Assignment.name, BaseCell.name, Comment.manual_comment)
            .join(SubmittedNotebook, Comment.notebook_id == SubmittedNotebook.id)
            .join(SubmittedAssignment, SubmittedNotebook.assignment_id == SubmittedAssignment.id)
            .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
            .join(BaseCell, Comment.cell_id == BaseCell.id)
            .filter(Comment.manual_comment.isnot(None))
            .all()
        )

    modules = []
    for a in assignments:
        m = known.get(a)
        items, exercises = (m.items, m.exercises) if m else ((), ())
        ids = tuple(g for g, _ in cells[a])
        # Graded cells in the module's own order: reflections and exercises as the catalogue lists them.
        rank = {g: i for i, g in enumerate((*exercises, *items))}
        ids = tuple(sorted(ids, key=lambda g: (rank.get(g, len(rank)), g)))
        modules.append(ModuleInfo(a, items, exercises, sum(mx for _, mx in cells[a]), ids))
    max_of = {(a, g): mx for a in assignments for g, mx in cells[a]}
    by_module = {m.assignment: m for m in modules}

    subs: dict[tuple[str, str], Submission] = {}
    for student, a, nb, gid, auto, manual, extra, needs, ts in grades:
        key = (student, a)
        sub = subs.get(key) or subs.setdefault(key, Submission(student, a, nb, ts))
        m = by_module[a]
        sub.cells[gid] = Cell(
            gid,
            _kind(gid, m.items, m.exercises),
            max_of.get((a, gid), 0.0),
            auto,
            None if manual is None else manual + (extra or 0.0),
            bool(needs),
        )
    for student, a, gid, text in comments:
        cell = subs.get((student, a)) and subs[(student, a)].cells.get(gid)
        if cell:
            cell.comment = text

    names = {sid: " ".join(p for p in (first, last) if p) for sid, first, last in students}
    all_students = set(names)
    waiting: set[tuple[str, str]] = set()
    submitted_root = Path(course.coursedir.format_path(course.coursedir.submitted_directory, ".", "."))
    if submitted_root.is_dir():
        for sdir in submitted_root.iterdir():
            if not sdir.is_dir():
                continue
            all_students.add(sdir.name)
            for a in assignments:
                if (sdir.name, a) not in subs and course.folder("submitted", sdir.name, a).is_dir():
                    waiting.add((sdir.name, a))

    for sub in subs.values():
        _attach_answers(course, sub, with_grader)
    return Cohort(course, modules, sorted(all_students), names, subs, waiting)


def _attach_answers(course: Course, sub: Submission, with_grader: bool) -> None:
    """Text, language and objections of each graded cell, from the answers file that was autograded."""
    folder = course.folder("autograded", sub.student, sub.assignment)
    if not (folder / ANSWERS).exists():
        folder = course.folder("submitted", sub.student, sub.assignment)
    data, problem = _read_answers(folder)
    sub.answers_problem = problem
    if data is None:
        return
    lang = data.get("lang") if data.get("lang") in ("sv", "en") else "sv"
    items = data.get("items") if isinstance(data.get("items"), dict) else {}
    exercises = data.get("exercises") if isinstance(data.get("exercises"), dict) else {}
    for cell in sub.cells.values():
        cell.lang = lang
        if cell.kind == "item":
            entry = items.get(cell.grade_id) if isinstance(items.get(cell.grade_id), dict) else {}
            text = entry.get("text")
            cell.text = text if isinstance(text, str) else ""
            obj = entry.get("objections")
            cell.objections = (
                {k: v for k, v in obj.items() if isinstance(v, dict)} if isinstance(obj, dict) else {}
            )
            if with_grader:
                cell.result = grader_result(cell.grade_id, lang, cell.text)
        elif cell.kind == "exercise":
            entry = exercises.get(cell.grade_id) if isinstance(exercises.get(cell.grade_id), dict) else {}
            cell.text = answer_text(entry.get("answer")) if entry.get("answer") is not None else ""


# -- summaries -----------------------------------------------------------------------------------------------
def criterion_decisions(cell: Cell, review: dict | None) -> dict[str, bool]:
    """Met or not per criterion: the instructor's decision where they gave one for this text, else the grader's."""
    out = {c["id"]: bool(c["met"]) for c in (cell.result or {}).get("criteria", [])}
    if review and review.get("text_sha1") == cell.text_sha1:
        out.update({k: bool(v) for k, v in (review.get("criteria") or {}).items() if k in out})
    return out


def score_distribution(cohort: Cohort, assignment: str) -> list[tuple[str, int]]:
    """How many learners got each total score (whole points, rounded down)."""
    m = cohort.module(assignment)
    top = int(m.max_score)
    counts = [0] * (top + 1)
    for sub in cohort.of_module(assignment):
        counts[max(0, min(top, int(sub.score + 1e-9)))] += 1
    return [(str(i), n) for i, n in enumerate(counts)]


def criterion_shares(cohort: Cohort, assignment: str, reviews: dict, lang: str) -> list[dict]:
    """Per reflection item: for each criterion, how many of the learners who handed it in meet it."""
    m = cohort.module(assignment)
    out = []
    for item in m.items:
        info = item_info(item)
        met = {c["id"]: 0 for c in info["criteria"]}
        n = 0
        for sub in cohort.of_module(assignment):
            cell = sub.cells.get(item)
            if cell is None or cell.result is None:
                continue
            n += 1
            decisions = criterion_decisions(cell, reviews.get(review_key(sub.student, assignment, item)))
            for cid, ok in decisions.items():
                met[cid] += ok
        out.append(
            {
                "item": item,
                "n": n,
                "criteria": [
                    {
                        "id": c["id"],
                        "label": c["label"].get(lang) or c["label"].get("en", c["id"]),
                        "met": met[c["id"]],
                        "share": (met[c["id"]] / n) if n else 0.0,
                    }
                    for c in info["criteria"]
                ],
            }
        )
    return out


def review_key(student: str, assignment: str, grade_id: str) -> str:
    return f"{student}/{assignment}/{grade_id}"


# -- the review queue ----------------------------------------------------------------------------------------
@dataclass
class QueueEntry:
    sub: Submission
    cell: Cell
    flagged: bool
    objected: bool
    changed: bool  # reviewed before, and the text has changed since
    review: dict | None

    @property
    def key(self) -> str:
        return review_key(self.sub.student, self.sub.assignment, self.cell.grade_id)


def review_probability(cell: Cell) -> float:
    """The grader's probability that some criterion of this answer was decided wrongly (0 if none)."""
    value = (cell.result or {}).get("review_probability")
    return float(value) if isinstance(value, (int, float)) else 0.0


def review_queue(cohort: Cohort, reviews: dict[str, dict]) -> list[QueueEntry]:
    """Every answer flagged by the grader or objected to by the learner and not yet reviewed.

    Objections come first (a learner is waiting; oldest first), then the grader's flags, most likely wrong
    first (the review model's probability, grading/review_model.py), and the oldest first among equals.

    Reviewed means: the instructor saved a review of this very text here (the sidecar keeps its hash), or
    gave a manual score in the formgrader and nothing flagged it since.
    """
    out = []
    for sub in cohort.submissions.values():
        for cell in sub.cells.values():
            objected = bool(cell.objections)
            if not (cell.needs_manual_grade or objected):
                continue
            review = reviews.get(review_key(sub.student, sub.assignment, cell.grade_id))
            if review and review.get("text_sha1") == cell.text_sha1:
                continue
            if not review and cell.manual_score is not None and not cell.needs_manual_grade:
                continue  # scored in the formgrader
            out.append(QueueEntry(sub, cell, cell.needs_manual_grade, objected, review is not None, review))
    epoch = datetime.min
    module_rank = {m.assignment: i for i, m in enumerate(cohort.modules)}
    out.sort(
        key=lambda e: (
            not e.objected,
            -review_probability(e.cell),
            e.sub.timestamp or epoch,
            min((o.get("at") or 0 for o in e.cell.objections.values()), default=0),
            module_rank.get(e.sub.assignment, 0),
            e.sub.student,
            e.cell.grade_id,
        )
    )
    return out


def module_items(assignment: str) -> tuple[str, ...]:
    """The reflection items of a module (the graded cells scored per criterion)."""
    return next((m.items for m in catalogue() if m.assignment == assignment), ())

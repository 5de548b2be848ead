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
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from coursekit.autograde import OBJECTION_MARKER, REVIEW_MARKER
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


def html_escape(text: str) -> str:
    """Text as it appears in the cleaned HTML: <, > and & escaped; quotes as they are."""
    return escape(text, quote=False)


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


# -- readable submissions, objections, learner HTML -----------------------------------------------------
INTRUDER_MARKDOWN = """## My notes

<script>document.title = "pwned"; window.__pwned = "markdown-script";</script>

<img src="x" onerror="window.__pwned = 'markdown-img'">

<img src="https://tracker.example.com/p.png" alt="tracker">

<iframe srcdoc="<script>parent.__pwned = 'iframe'</script>"></iframe>

<svg><script>window.__pwned = 'svg'</script></svg>

<a href="javascript:window.__pwned = 'link'">click me</a>
"""
INTRUDER_CODE = (
    "from IPython.display import HTML, Javascript, display\n"
    "display(HTML(\"<script>window.__pwned = 'output-html'</script><b onmouseover=\\\"window.__pwned = 'hover'\\\">bold</b>\"))\n"
    "display(Javascript(\"window.__pwned = 'output-js'\"))\n"
)


def intruder_notebook(path: Path) -> None:
    """The released notebook, as a learner might hand it back: with markup and script added."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_markdown_cell(INTRUDER_MARKDOWN))
    raw = nbformat.v4.new_raw_cell("<script>window.__pwned = 'raw'</script>")
    raw.metadata["raw_mimetype"] = "text/html"
    nb.cells.insert(2, raw)
    code = nbformat.v4.new_code_cell(INTRUDER_CODE)
    # A stored output too: autograde runs the cell again, but nothing may trust what was handed in.
    code.outputs = [
        nbformat.v4.new_output("display_data", {"text/html": "<script>window.__pwned='stored'</script>"})
    ]
    nb.cells.insert(3, code)
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def objections(graded):
    """Two more learners in one module: one objects to criteria the grader did not find, one hands in a
    notebook with script in it."""
    from coursekit.store import AnswersStore
    from grading.text import clean, split_sentences

    course, modules, learners = graded
    m = next(
        (
            m
            for m in modules
            if m.items
            and not any(
                score(i, learners["partial"][m.assignment]["items"][i]["text"], "sv").needs_review
                for i in m.items
            )
        ),
        next(m for m in modules if m.items),
    )
    answers = learners["partial"][m.assignment]
    objected: dict[str, tuple[str, str]] = {}
    for student in ("objector", "intruder"):
        folder = course / "submitted" / student / m.assignment
        shutil.copytree(course / "release" / m.assignment, folder)
        (folder / "answers.json").write_text(json.dumps(answers, ensure_ascii=False))
        (folder / "timestamp.txt").write_text("2026-11-27 10:00:00.000000 UTC")
    store = AnswersStore(course / "submitted" / "objector" / m.assignment)
    for item in m.items:
        text = answers["items"][item]["text"]
        unmet = [c.id for c in score(item, text, answers["lang"]).criteria if not c.met]
        sentence = split_sentences(clean(text))[-1]
        assert store.save_objection(item, unmet[0], sentence).ok
        objected[item] = (unmet[0], sentence)
    intruder_notebook(course / "submitted" / "intruder" / m.assignment / m.notebook_file)
    for student in ("objector", "intruder"):
        run([NBGRADER, "autograde", m.assignment, "--force", "--student", student], cwd=course)
        run([NBGRADER, "generate_feedback", m.assignment, "--force", "--student", student], cwd=course)
    return course, m, answers, objected


def test_objection_needs_manual_grade_and_survives_regrading(objections):
    course, m, answers, objected = objections
    with gradebook(course) as gb:
        for item in m.items:
            assert gb.find_grade(item, m.notebook, m.assignment, "objector").needs_manual_grade
            # The same text without an objection is not flagged: the objection is what flags it.
            assert not gb.find_grade(item, m.notebook, m.assignment, "partial").needs_manual_grade
            grade = gb.find_grade(item, m.notebook, m.assignment, "objector")
            expected = score(item, answers["items"][item]["text"], answers["lang"]).points
            assert grade.auto_score == expected  # the automatic decision stands, visible
    run([NBGRADER, "autograde", m.assignment, "--force", "--student", "objector"], cwd=course)
    item = m.items[0]
    with gradebook(course) as gb:
        assert gb.find_grade(item, m.notebook, m.assignment, "objector").needs_manual_grade
        grade = gb.find_grade(item, m.notebook, m.assignment, "objector")
        grade.manual_score = 4.0
        gb.db.commit()
    autograded = json.loads((course / "autograded" / "objector" / m.assignment / "answers.json").read_text())
    assert autograded["items"][item]["objections"][objected[item][0]]["sentence"] == objected[item][1]
    run([NBGRADER, "autograde", m.assignment, "--force", "--student", "objector"], cwd=course)
    with gradebook(course) as gb:
        grade = gb.find_grade(item, m.notebook, m.assignment, "objector")
        assert grade.manual_score == 4.0 and grade.score == 4.0  # the instructor's score still stands


def feedback_html(course: Path, student: str, m) -> str:
    return (course / "feedback" / student / m.assignment / f"{m.notebook}.html").read_text(encoding="utf-8")


def test_feedback_shows_each_learners_full_text_criteria_flag_and_objections(graded, objections):
    from tests.test_autograde import block_text

    course, modules, learners = graded
    _, m_obj, _, objected = objections
    for m in modules:
        # test_feedback_shows_per_criterion_feedback has usually made them already
        if not all(
            (course / "feedback" / s / m.assignment / f"{m.notebook}.html").exists() for s in learners
        ):
            run([NBGRADER, "generate_feedback", m.assignment, "--force"], cwd=course)
    for m in (m for m in modules if m.items):
        for student in ("good", "partial", "unsure"):
            answers = learners[student][m.assignment]
            html = feedback_html(course, student, m)
            shown, tags = block_text(html, "backa-graded-text")
            for item in m.items:
                text = answers["items"][item]["text"]
                assert " ".join(text.split()) in shown, (student, m.assignment, item)
                result = score(item, text, answers["lang"])
                for c in result.criteria:
                    assert html_escape(c.label) in html
                    assert html_escape(c.feedback) in html
                    if c.met:
                        assert html_escape(c.evidence) in html
                    if c.id in getattr(result, "review_criteria", []):
                        assert html_escape(c.label) in html.split("backa-graded-review", 1)[1]
            assert "script" not in tags  # the learner's markup stays text
            assert (REVIEW_MARKER in html) == any(
                score(i, answers["items"][i]["text"], answers["lang"]).needs_review for i in m.items
            )
    html = feedback_html(course, "objector", m_obj)
    for _item, (_criterion, sentence) in objected.items():
        assert html_escape(sentence) in html.split("backa-graded-objection", 1)[1]
    assert OBJECTION_MARKER in html


def test_feedback_shows_exercise_answers_in_words(graded):
    from tests.test_autograde import block_text

    course, modules, learners = graded
    for m in modules:
        if not m.exercises:
            continue
        feedback = course / "feedback" / "good" / m.assignment / f"{m.notebook}.html"
        if not feedback.exists():
            run([NBGRADER, "generate_feedback", m.assignment, "--force", "--student", "good"], cwd=course)
        answers, _ = block_text(feedback.read_text(encoding="utf-8"), "backa-graded-rows")
        assert answers, m.assignment
        for raw in ('{"', '["', "choices", "placements", "responses"):
            assert raw not in answers, (m.assignment, raw)


def test_learner_html_never_becomes_markup_in_feedback(objections):
    """Static check of the file; tests/browser/test_submissions.py opens it in Chromium as well."""
    course, m, _, _ = objections
    html = feedback_html(course, "intruder", m)
    tags = Tags()
    tags.feed(html)
    assert not tags.found, tags.found  # no script, frame, handler, javascript: link or outside address
    assert '&lt;script&gt;document.title = "pwned"' in html  # shown as text
    assert (
        "cdnjs" not in html and "mathjax.js" not in html.lower() and "latest.js" not in html
    )  # no MathJax CDN


class Tags(HTMLParser):
    """Every piece of markup in a page that could run code or fetch from another machine."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "iframe", "object", "embed", "svg", "link", "base"):
            self.found.append(tag)
        for name, value in attrs:
            v = (value or "").strip().lower()
            if name.startswith("on") or v.startswith("javascript:"):
                self.found.append(f"{tag} {name}={value}")
            if (
                name in ("src", "href", "srcset", "action")
                and v.startswith(("http:", "https:", "//"))
                and tag != "a"
            ):
                self.found.append(f"{tag} {name}={value}")

"""The instructor's dashboard on a real cohort: 24 learners, three modules, autograded by nbgrader.

The data layer is checked against the gradebook and the answers files; then, in a real browser, the
instructor opens the dashboard, finds an objected answer in the review queue, sets its criteria and a
comment by keyboard, and saves. The formgrader, `nbgrader export`, the per-criterion CSV and
`nbgrader generate_feedback` all show the result; re-autograding does not bring the answer back, a
changed text does.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from coursekit.content import catalogue
from coursekit.instructor import cohort as C
from coursekit.instructor.export import criteria_csv
from coursekit.instructor.reviews import ReviewError, grade_comment, load_reviews, save_review
from grading import score
from tests.cohort import ITEM_OF, MARKUP, MODULES, cohort, new_course, submit
from tests.conftest import focus_by_tab, free_port, run, wait_http

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
TOKEN = "instructor-test-token-0123456789"
COMMENT = "Du visar lyssnandet tydligt i andra meningen. <b>Bra</b> & tack!"


@pytest.fixture(scope="module")
def course(built_course, tmp_path_factory):
    course = new_course(built_course, tmp_path_factory.mktemp("cohort") / "course")
    answers = cohort(24)
    submit(course, answers)
    for module in MODULES:
        run([str(BIN / "backa-course"), "autograde", module, "--jobs", "2"], cwd=course)
    return course, answers


@pytest.fixture(scope="module")
def server(course, tmp_path_factory):
    from coursekit.cli import instructor_command

    root, _ = course
    port = free_port()
    log = tmp_path_factory.mktemp("instructor-logs") / "server.log"
    env = dict(os.environ, BACKA_COURSE_DIR=str(root), PATH=f"{BIN}:{os.environ.get('PATH', '')}")
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            instructor_command(root, port, TOKEN), cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/api/status?token={TOKEN}", timeout=90)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_cohort_as_the_dashboard_reads_it(course):
    root, answers = course
    c = C.open_course(root)
    co = C.read_cohort(c)
    assert co.students == sorted(answers)
    assert len(co.students) >= 20
    for module in MODULES:
        handed = {s.student for s in co.of_module(module)}
        assert handed == {s for s, per in answers.items() if module in per}, module
        assert len(handed) < len(answers), "some learners have not handed in"
        item = ITEM_OF[module]
        for sub in co.of_module(module):
            data = answers[sub.student][module]
            cell = sub.cells[item]
            assert cell.text == data["items"][item]["text"]
            assert cell.result["points"] == score(item, cell.text, data["lang"]).points
            assert cell.auto_score == cell.result["points"]
    # Criterion shares agree with the grader, learner by learner.
    shares = {s["item"]: s for s in C.criterion_shares(co, "02-listening", {}, "en")}["listening-response"]
    subs = co.of_module("02-listening")
    for crit in shares["criteria"]:
        met = sum(
            1
            for s in subs
            for r in s.cells["listening-response"].result["criteria"]
            if r["id"] == crit["id"] and r["met"]
        )
        assert crit["met"] == met and shares["n"] == len(subs)


def test_the_queue_holds_every_flagged_or_objected_answer_objections_then_most_likely_wrong(course):
    root, answers = course
    c = C.open_course(root)
    co = C.read_cohort(c)
    queue = C.review_queue(co, load_reviews(c))
    keys = {e.key for e in queue}
    flagged = {
        C.review_key(s.student, s.assignment, g)
        for s in co.submissions.values()
        for g, cell in s.cells.items()
        if cell.needs_manual_grade
    }
    objected = {
        C.review_key(st, m, ITEM_OF[m])
        for st, per in answers.items()
        for m, data in per.items()
        if data["items"][ITEM_OF[m]].get("objections")
    }
    assert flagged and objected
    assert keys == flagged | objected
    # objections first, then the grader's flags by its probability of a wrong decision, then oldest first
    order = [(not e.objected, -C.review_probability(e.cell), e.sub.timestamp) for e in queue]
    assert order == sorted(order)
    probs = [C.review_probability(e.cell) for e in queue if not e.objected]
    assert len(set(probs)) > 1 and probs[0] > probs[-1]


def test_a_review_is_refused_when_the_text_changed_meanwhile(course):
    root, _ = course
    c = C.open_course(root)
    entry = C.review_queue(C.read_cohort(c), load_reviews(c))[0]
    with pytest.raises(ReviewError, match="changed since"):
        save_review(
            c, entry.sub.student, entry.sub.assignment, entry.cell.grade_id, seen_sha1="0" * 40, criteria={}
        )


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""


def test_the_dashboard_needs_the_token(server):
    status, body = _get(f"{server}/backa-instructor/queue")
    assert status in (401, 403) or "login" in body.lower()
    assert MARKUP not in body


def test_instructor_reviews_an_objection_in_the_browser(course, server, page, tmp_path):
    root, answers = course
    c = C.open_course(root)
    before = C.review_queue(C.read_cohort(c), load_reviews(c))
    entry, objected = next(
        (e, cid)
        for e in before
        for cid in e.cell.objections
        if e.cell.kind == "item" and not C.criterion_decisions(e.cell, None)[cid]
    )
    student, module, item = entry.sub.student, entry.sub.assignment, entry.cell.grade_id
    nb = next(m for m in catalogue() if m.assignment == module)

    # The overview: a chart per reflection with a table version, and missing learners named.
    page.goto(f"{server}/backa-instructor/?token={TOKEN}&lang=en")
    page.locator("h1", has_text="Cohort by module").wait_for()
    chart = page.locator(f"svg[aria-labelledby='crit-{module}-{item}-t']")
    assert chart.get_attribute("role") == "img"
    assert "%" in chart.locator("title").text_content()
    table = page.locator(f"table.criteria-table[data-item='{item}']")
    assert table.locator("tbody tr").count() == 4

    # The queue, by keyboard: tick the objected criterion, write a comment, save.
    page.goto(f"{server}/backa-instructor/queue?lang=en")
    art = page.locator(f"article.entry[data-key='{entry.key}']")
    if not art.count():  # on a later page of the queue
        idx = [e.key for e in before].index(entry.key)
        page.goto(f"{server}/backa-instructor/queue?page={idx // 10 + 1}")
    art.wait_for()
    text = art.locator(".answer").inner_text()
    assert text == entry.cell.text  # the full text, as text
    assert art.locator(".objection-text").count() == 1
    box = art.locator(f"input[type=checkbox][value='{objected}']")
    assert not box.is_checked()
    focus_by_tab(page, f"article.entry[data-key='{entry.key}'] input[value='{objected}']")
    page.keyboard.press("Space")
    assert box.is_checked()
    focus_by_tab(page, f"article.entry[data-key='{entry.key}'] textarea")
    page.keyboard.type(COMMENT)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator("#saved-message").wait_for()
    expected = entry.cell.result["points"] + 1
    assert f"{expected:g} of 4" in page.locator("#saved-message").inner_text()
    assert not page.locator(f"article.entry[data-key='{entry.key}']").count()

    from nbgrader.api import Gradebook

    with Gradebook(c.db_url) as gb:
        grade = gb.find_grade(item, nb.notebook, module, student)
        assert grade.manual_score == expected and not grade.needs_manual_grade
        assert grade_comment(gb, grade).manual_comment == COMMENT
        submission_id = gb.find_submission_notebook(nb.notebook, module, student).id

    # The formgrader's gradebook shows the new total of this learner's notebook.
    total = C.read_cohort(c).submissions[(student, module)].score
    page.goto(f"{server}/formgrader/gradebook/{module}/{nb.notebook}")
    row = page.locator(
        "tr", has=page.locator(f"a.name-shown[href$='/formgrader/submissions/{submission_id}']")
    )
    row.locator("td.score").wait_for(timeout=60_000)
    max_score = C.read_cohort(c).submissions[(student, module)].max_score
    assert row.locator("td.score").inner_text() == f"{round(total, 2):g} / {max_score:g}"

    # nbgrader's export and the per-criterion CSV show it.
    out = tmp_path / "grades.csv"
    run([str(BIN / "nbgrader"), "export", "--to", str(out)], cwd=root)
    rows = {(r["assignment"], r["student_id"]): r for r in csv.DictReader(out.open())}
    co = C.read_cohort(c)
    assert float(rows[(module, student)]["raw_score"]) == pytest.approx(
        co.submissions[(student, module)].score
    )
    page.goto(f"{server}/backa-instructor/?token={TOKEN}")
    with page.expect_download() as dl:
        page.get_by_role("link", name="Export CSV per criterion").click()
    crit = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8"))))
    row = next(r for r in crit if r["student_id"] == student)
    assert row[f"{module}/{item}/{objected}"] == "1"
    assert float(row[f"{module}/{item}"]) == expected
    assert [r["student_id"] for r in crit] == sorted(answers)

    # The learner's feedback carries the comment, escaped.
    run([str(BIN / "nbgrader"), "generate_feedback", module, "--student", student, "--force"], cwd=root)
    html = (root / "feedback" / student / module / f"{nb.notebook}.html").read_text(encoding="utf-8")
    assert "Du visar lyssnandet tydligt i andra meningen. &lt;b&gt;Bra&lt;/b&gt; &amp; tack!" in html
    assert "<b>Bra</b>" not in html

    # Re-autograding the same text keeps it out of the queue (nbgrader flags it again: we do not).
    run([str(BIN / "backa-course"), "autograde", module, "--force", "--student", student], cwd=root)
    with Gradebook(c.db_url) as gb:
        assert gb.find_grade(item, nb.notebook, module, student).needs_manual_grade  # nbgrader's own rule
    keys = {e.key for e in C.review_queue(C.read_cohort(c), load_reviews(c))}
    assert entry.key not in keys

    # A changed text brings it back, marked as changed.
    data = answers[student][module]
    data["items"][item]["text"] += " Jag lade till en mening efteråt."
    submit(root, {student: {module: data}})
    run([str(BIN / "backa-course"), "autograde", module, "--force", "--student", student], cwd=root)
    back = {e.key: e for e in C.review_queue(C.read_cohort(c), load_reviews(c))}
    assert entry.key in back and back[entry.key].changed


def test_learner_text_is_escaped_everywhere(course, server, page):
    root, answers = course
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with_markup = {
        C.review_key(s, m, ITEM_OF[m])
        for s, per in answers.items()
        for m, d in per.items()
        if MARKUP in d["items"][ITEM_OF[m]]["text"]
    }
    c = C.open_course(root)
    queue = C.review_queue(C.read_cohort(c), load_reviews(c))
    pages = {i // 10 + 1 for i, e in enumerate(queue) if e.key in with_markup}
    assert pages, "the cohort should have an answer with markup in the queue"
    page.goto(f"{server}/backa-instructor/queue?token={TOKEN}&page={min(pages)}")
    page.locator("article.entry").first.wait_for()
    assert page.get_by_text('<script>alert("xss")</script>', exact=False).count() >= 1
    assert page.locator("main img, main script, main b").count() == 0
    assert not dialogs


def test_learners_progress_in_both_languages(course, server, page):
    root, answers = course
    page.goto(f"{server}/backa-instructor/learners?token={TOKEN}&lang=sv")
    page.locator("h1", has_text="Deltagare").wait_for()
    rows = page.locator("table.progress tbody tr")
    assert rows.count() == len(answers)
    for student, per in list(answers.items())[:6]:
        row = page.locator(f"tr[data-student='{student}']")
        for module in MODULES:
            text = row.locator(f"td[data-module='{module}']").text_content()
            assert ("inte inlämnat" in text) == (module not in per), (student, module, text)
    page.get_by_label("Sök deltagare").fill("anna")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=anna*")
    found = [r.get_attribute("data-student") for r in page.locator("table.progress tbody tr").all()]
    assert found == sorted(s for s in answers if "anna" in s) == ["anna", "hanna"]


def test_export_from_the_command_line(course, tmp_path):
    root, answers = course
    out = tmp_path / "criteria.csv"
    run([str(BIN / "backa-course"), "instructor", "--course-dir", str(root), "--export", str(out)])
    c = C.open_course(root)
    assert out.read_text(encoding="utf-8") == criteria_csv(C.read_cohort(c), load_reviews(c))
    header = next(csv.reader(out.open()))
    for module in MODULES:
        item = ITEM_OF[module]
        crits = [h for h in header if h.startswith(f"{module}/{item}/")]
        assert len(crits) == 4


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_dashboard_pages_are_accessible(server, page, lang):
    """axe-core's WCAG 2.0/2.1 A and AA rules on every page, with the tables of the charts opened."""
    from tests.browser.test_accessibility import violations

    page.goto(f"{server}/backa-instructor/?token={TOKEN}&lang={lang}")
    for path, ready in (("", "svg.chart"), ("queue", "article.entry"), ("learners", "table.progress")):
        page.goto(f"{server}/backa-instructor/{path}")
        page.locator(ready).first.wait_for()
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        assert violations(page) == [], path

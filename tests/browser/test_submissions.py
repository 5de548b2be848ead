"""What an instructor reads of a submission, in Chromium.

The formgrader's submission page and the feedback HTML show the learner's full text, each criterion with
evidence and advice, the review flag and the learner's objections; an objection is listed as needing a
manual grade. Script a learner put in the notebook (Markdown, a raw cell, outputs) never runs on these
pages, and they fetch nothing from outside this machine (the `page` fixture fails on any such request).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from coursekit.autograde import OBJECTION_MARKER
from coursekit.build import write_config
from coursekit.content import catalogue
from coursekit.store import AnswersStore
from grading import score
from grading.text import clean, split_sentences
from tests.conftest import free_port, only_modules, run, wait_http
from tests.test_nbgrader_roundtrip import FIXTURES, NBGRADER, intruder_notebook

pytestmark = pytest.mark.browser


@dataclass
class Instructor:
    url: str  # JupyterLab with the formgrader
    feedback: str  # the feedback folder, served on loopback
    course: Path
    module: object
    text: str  # the objector's reflection text
    objected: tuple[str, str]  # criterion, sentence
    unsure: bool  # the grader itself flags these answers

    def submission_url(self, student: str) -> str:
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}") as gb:
            nb = gb.find_submission_notebook(self.module.notebook, self.module.assignment, student)
            return f"{self.url}/formgrader/submissions/{nb.id}"

    def feedback_url(self, student: str) -> str:
        return f"{self.feedback}/{student}/{self.module.assignment}/{self.module.notebook}.html"


def lab_command(root: Path, port: int) -> list[str]:
    return [
        sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}", "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
        "--ServerApp.allow_root=True", f"--ServerApp.root_dir={root}", "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]  # fmt: skip


@pytest.fixture(scope="module")
def instructor(built_course, tmp_path_factory):
    """A course with two graded submissions of one module (one objects to criteria, one hands in a
    notebook with script in it), its feedback, and JupyterLab with the formgrader on it."""
    root = tmp_path_factory.mktemp("instructor")
    shutil.copytree(
        built_course,
        root,
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("submitted", "autograded", "feedback"),
    )
    write_config(root)
    only = only_modules()
    modules = [m for m in catalogue() if m.items and (not only or m.id in only)]

    def partial(m) -> dict:
        return json.loads((FIXTURES / m.assignment / "partial.json").read_text())

    def unsure(m) -> bool:
        answers = partial(m)
        return any(score(i, answers["items"][i]["text"], answers["lang"]).needs_review for i in m.items)

    # A module whose partial answers the grader is sure of, so that only the objection can flag them.
    module = next((m for m in modules if not unsure(m)), modules[0])
    answers = partial(module)
    item = module.items[0]
    text = answers["items"][item]["text"]
    for student in ("objector", "intruder"):
        folder = root / "submitted" / student / module.assignment
        shutil.copytree(root / "release" / module.assignment, folder)
        (folder / "answers.json").write_text(json.dumps(answers, ensure_ascii=False))
        (folder / "timestamp.txt").write_text("2026-11-27 10:00:00.000000 UTC")
    unmet = next(c.id for c in score(item, text, answers["lang"]).criteria if not c.met)
    sentence = split_sentences(clean(text))[-1]
    AnswersStore(root / "submitted" / "objector" / module.assignment).save_objection(item, unmet, sentence)
    intruder_notebook(root / "submitted" / "intruder" / module.assignment / module.notebook_file)
    run([NBGRADER, "autograde", module.assignment, "--force"], cwd=root)
    run([NBGRADER, "generate_feedback", module.assignment, "--force"], cwd=root)

    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(root / "feedback"))
    handler.log_message = lambda *a, **k: None
    files = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=files.serve_forever, daemon=True).start()

    port = free_port()
    home = tmp_path_factory.mktemp("instructor-home")
    env = dict(os.environ, BACKA_COURSE_HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "jupyter-config"))
    log = open(root / "lab.log", "w")
    proc = subprocess.Popen(lab_command(root, port), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/api/status", timeout=90)
        yield Instructor(
            f"http://127.0.0.1:{port}",
            f"http://127.0.0.1:{files.server_address[1]}",
            root,
            module,
            text,
            (unmet, sentence),
            unsure(module),
        )
    finally:
        files.shutdown()
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def check_reflection(page, instructor: Instructor) -> None:
    """The reflection block reads in order: full text, criteria with evidence and advice, objections."""
    block = page.locator(".backa-graded-reflection").first
    block.wait_for(timeout=60_000)
    shown = block.locator(".backa-graded-text").inner_text()
    assert " ".join(shown.split()) == " ".join(instructor.text.split())
    item = instructor.module.items[0]
    answers = json.loads((FIXTURES / instructor.module.assignment / "partial.json").read_text())
    result = score(item, instructor.text, answers["lang"])
    criteria = block.locator(".backa-graded-criteria li")
    assert criteria.count() == len(result.criteria)
    for i, c in enumerate(result.criteria):
        li = criteria.nth(i)
        assert c.label in li.inner_text() and c.feedback in li.inner_text()
        if c.met:
            assert c.evidence in li.inner_text()
    criterion, sentence = instructor.objected
    objection = block.locator(".backa-graded-objection")
    assert OBJECTION_MARKER in objection.inner_text()
    assert sentence in block.locator(".backa-graded-rows").last.inner_text()
    boxes = [
        block.locator(s).bounding_box()["y"]
        for s in (".backa-graded-text", ".backa-graded-criteria", ".backa-graded-objection")
    ]
    assert boxes == sorted(boxes)


def test_formgrader_shows_the_reflection_readably(page, instructor):
    page.goto(instructor.submission_url("objector"))
    check_reflection(page, instructor)
    # The formgrader's own grading controls are there, for this cell too.
    page.locator(f"input.score#{instructor.module.items[0]}").wait_for()


def test_feedback_shows_the_reflection_readably(page, instructor):
    page.goto(instructor.feedback_url("objector"))
    check_reflection(page, instructor)


def test_formgrader_lists_the_objection_as_needing_a_manual_grade(page, instructor):
    m = instructor.module
    page.goto(f"{instructor.url}/formgrader/gradebook/{m.assignment}/{m.notebook}")
    page.locator("tbody tr").filter(has_text="intruder").first.wait_for(state="attached", timeout=60_000)
    flags = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('tbody tr')].map(tr => [
             tr.querySelector('a.name-shown') ? tr.querySelector('a.name-shown').textContent.trim() : tr.textContent,
             !!tr.querySelector('.needs-manual-grade .glyphicon-ok')]))"""
    )
    assert flags["objector"] is True
    # The same answers without an objection are not flagged (unless the grader is unsure of them itself).
    assert flags["intruder"] is instructor.unsure


def no_script_ran(page) -> None:
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert page.title() != "pwned"
    # The learner's markup is on the page as text, for the instructor to see.
    assert 'document.title = "pwned"' in page.locator("body").inner_text()
    link = page.get_by_text("click me")
    link.click()
    bold = page.locator("b", has_text="bold")
    if bold.count():
        bold.first.hover()
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("iframe, script[src*='mathjax' i]").count() == 0


def test_learner_script_never_runs_in_the_formgrader(page, instructor):
    page.goto(instructor.submission_url("intruder"))
    page.get_by_text("My notes").first.wait_for(timeout=60_000)
    no_script_ran(page)


def test_learner_script_never_runs_in_the_feedback(page, instructor):
    page.goto(instructor.feedback_url("intruder"))
    page.get_by_text("My notes").first.wait_for(timeout=60_000)
    no_script_ran(page)

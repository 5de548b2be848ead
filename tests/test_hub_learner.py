"""The course on a real JupyterHub for an instructor and two learners, in headless chromium.

The hub is tests/hubkit.py's: deploy/jupyterhub/jupyterhub_config.py with only what must differ on a test
machine overridden. The course exchange runs as the hub's service, and every server uses it through
deploy/nbgrader_config.py, so a learner is known by their server's hub token. The instructor
(instructor1, in the formgrade group) works in a course folder of their own with nbgrader's steps as the
formgrader runs them, through the course exchange with their own hub token.

1. Before anything is released, learner A lands on the course home, which says so.
2. The instructor releases; A refreshes the list, opens the module (fetched through the exchange),
   writes, and hands in by keyboard: a receipt with the time. The exchange holds A's hand-in, under A.
3. The instructor collects (A's own text), autogrades, generates and releases feedback.
4. A's course home links to the feedback, which opens through the hub; so does the module.
5. Learner B sees the module, but neither A's hand-in nor A's feedback on their own home, and the hub
   refuses B A's dashboard, answers file and feedback page. JupyterLab is one click from B's home.
6. A's language choice (made in the module) and answers follow A to the home and survive a
   restart of A's server.

What this proves about isolation: the hub keeps each learner to their own server (5), and each learner's
home shows only their own hand-ins and feedback, as the exchange gives them. All servers run as one Unix
user here, as every pod does on Kubernetes; tests/test_exchange_isolation.py tries every way around the
exchange with a learner's own token, and tests/test_exchange_unix_accounts.py does so with real accounts.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
import urllib.error
import urllib.request

import pytest

from coursekit.build import write_config
from coursekit.content import module
from tests.conftest import REPO
from tests.hubkit import COURSE, INSTRUCTOR, LEARNERS_GROUP, SERVER_SCOPES, http

pytestmark = [pytest.mark.slow, pytest.mark.browser]

A, B = "anna", "bertil"  # users of their own on the shared hub
STANCE = module("stance")
ANSWERS = json.loads((REPO / "tests" / "fixtures" / "answers" / "01-stance" / "good.json").read_text())
A_TEXT = ANSWERS["items"]["stance-experience"]["text"]


@pytest.fixture(scope="module")
def hub(course_hub):
    """The shared hub, with A and B enrolled in the course before they first sign in."""
    for user in (A, B):
        course_hub.add_user(user, LEARNERS_GROUP)
    return course_hub


class Instructor:
    """instructor1 in a course folder of their own, with their own hub token."""

    def __init__(self, hub, built_course) -> None:
        self.hub, self.course = hub, hub.root / "instructor-course"
        shutil.copytree(
            built_course, self.course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
        )
        write_config(self.course, COURSE)
        self.token = hub.token_for(INSTRUCTOR, SERVER_SCOPES)

    def __call__(self, action: str, *args: str) -> None:
        self.hub.nbgrader_api(self.course, self.token, action, *args)


def home_ready(page) -> None:
    page.locator(".backa-handin[data-ready='1']").wait_for(timeout=120_000)


def status_of(url: str, cookies: list[dict]) -> tuple[int, str]:
    """What the hub answers a browser with these cookies (no redirects followed past the hub)."""
    req = urllib.request.Request(url)
    req.add_header("Cookie", "; ".join(f"{c['name']}={c['value']}" for c in cookies))
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")


def test_instructor_and_two_learners_on_the_hub(hub, built_course, browser):
    instructor = Instructor(hub, built_course)
    a_context = browser.new_context(viewport={"width": 1100, "height": 1000})
    b_context = browser.new_context(viewport={"width": 1100, "height": 1000})
    errors: list[str] = []
    t0 = time.perf_counter()

    def step(name: str) -> None:
        print(f"{time.perf_counter() - t0:6.1f} s  {name}", flush=True)

    try:
        a = a_context.new_page()
        a.on("pageerror", lambda e: errors.append(str(e)))
        a.set_default_timeout(60_000)

        # 1. Nothing released yet: A lands on the course home, which says so.
        hub.sign_in(a, A)
        home_ready(a)
        assert "inte delat ut några moduler" in a.locator(".backa-handin-notice").inner_text()
        assert a.locator("li.backa-module").count() == 0

        step("2. The instructor")
        # 2. The instructor releases; A refreshes, opens (fetches) the module, writes and hands in.
        instructor("release_assignment", STANCE.assignment)
        a.locator("button.backa-handin-refresh").focus()
        a.keyboard.press("Enter")
        row = a.locator(f'li.backa-module[data-module="{STANCE.id}"]')
        row.wait_for()
        assert row.get_attribute("data-fetched") == "0"
        assert not (hub.homes / A / STANCE.assignment).exists()
        row.locator("a.backa-module-link").focus()
        a.keyboard.press("Enter")
        a.wait_for_url(f"**/user/{A}/voila/render/{STANCE.assignment}/{STANCE.notebook_file}", timeout=60_000)
        assert (hub.homes / A / STANCE.assignment / STANCE.notebook_file).exists()
        area = a.locator("textarea.backa-refl-text")
        area.wait_for(timeout=120_000)
        area.fill(A_TEXT)
        area.blur()
        a.locator(".backa-refl-status[data-state=saved]").wait_for()
        submit = a.locator("button.backa-handin-submit")
        submit.focus()
        a.keyboard.press("Enter")
        receipt = a.locator(".backa-handin-status[data-kind=receipt]")
        receipt.wait_for()
        assert re.search(r"Inlämnad \d{1,2} \w+ \d{4}", receipt.inner_text()), receipt.inner_text()
        assert "Senast inlämnad" in a.locator(".backa-handin-last").inner_text()
        status, hand_ins = http(f"{hub.exchange_api}/hand-ins", instructor.token)
        assert status == 200 and [h["student_id"] for h in json.loads(hand_ins)] == [A]

        step("3. The instructor")
        # 3. The instructor collects, autogrades and releases feedback.
        hub.api(f"/users/{B}/server", "POST")  # B's server starts while the instructor works
        instructor("collect", STANCE.assignment)
        submitted = instructor.course / "submitted" / A / STANCE.assignment / "answers.json"
        assert json.loads(submitted.read_text())["items"]["stance-experience"]["text"] == A_TEXT
        instructor("autograde", STANCE.assignment, A)
        instructor("generate_feedback", STANCE.assignment)
        instructor("release_feedback", STANCE.assignment)

        step("4. A's course")
        # 4. A's course home fetches the feedback and links to it; it opens through the hub.
        a.goto(hub.home_url(A))
        home_ready(a)
        link = a.locator(f'li.backa-module[data-module="{STANCE.id}"] a.backa-handin-feedback')
        link.wait_for()
        feedback_url = hub.base + link.get_attribute("href")
        assert link.get_attribute("target") == "_blank"
        with a_context.expect_page() as opened:
            link.focus()
            a.keyboard.press("Enter")
        feedback = opened.value
        feedback.wait_for_load_state()
        assert "stance-experience" in feedback.content()
        feedback.close()
        # ... and from the module itself.
        a.locator(f'li.backa-module[data-module="{STANCE.id}"] a.backa-module-link').click()
        bar_link = a.locator(".backa-handin[data-layout=module] a.backa-handin-feedback")
        bar_link.wait_for(timeout=120_000)
        assert hub.base + bar_link.get_attribute("href") == feedback_url

        step("6. A chooses English in the module; A's server restarts")
        # 6. A's language choice and answers follow A across modules and a restart of A's server.
        with a.expect_navigation():
            a.get_by_label("Språk / Language").select_option("en")
        a.locator(".backa-handin[data-ready='1']").wait_for(timeout=120_000)
        assert a.locator("button.backa-handin-submit").inner_text() == "Hand in"
        hub.api(f"/users/{A}/server", "DELETE")
        hub.wait_server(A, ready=False)
        restart = threading.Thread(target=hub.api, args=(f"/users/{A}/server", "POST"))
        restart.start()  # A's server starts while B signs in

        step("5. B sees")
        # 5. B sees the module, but not A's hand-in or feedback, and the hub keeps B out of A's server.
        b = b_context.new_page()
        b.on("pageerror", lambda e: errors.append(str(e)))
        b.set_default_timeout(60_000)
        hub.sign_in(b, B)
        home_ready(b)
        b_row = b.locator(f'li.backa-module[data-module="{STANCE.id}"]')
        b_row.wait_for()
        assert "Inte inlämnad än" in b_row.inner_text()
        assert b_row.locator("a.backa-handin-feedback").is_hidden()
        step("JupyterLab is one click away")
        b.locator("a.backa-lab-link").click()
        b.locator(".jp-LabShell").wait_for(timeout=120_000)
        assert f"/user/{B}/lab" in b.url
        step("6. A after the restart")
        restart.join()
        hub.wait_server(A)
        # B, signed in, tries A's dashboard, answers file and feedback page on A's running server.
        cookies = b_context.cookies()
        a_answers = f"{hub.base}/user/{A}/api/contents/{STANCE.assignment}/answers.json?content=1"
        for url in (
            f"{hub.base}/user/{A}/voila/render/{STANCE.assignment}/{STANCE.notebook_file}",
            a_answers,
        ):
            code, body = status_of(url, cookies)
            assert A_TEXT[:40] not in body, url
        response = b.goto(feedback_url)
        assert response.status == 403, (response.status, feedback_url)
        assert "stance-experience" not in b.content()
        response = b.goto(a_answers)
        assert response.status == 403
        assert A_TEXT[:40] not in b.content()

        a.goto(hub.home_url(A))
        home_ready(a)
        assert a.locator("h1").first.inner_text() == "Leading difficult dialogues – the Backa case"
        assert "Last handed in" in a.locator(".backa-handin-last").inner_text()
        a.locator(f'li.backa-module[data-module="{STANCE.id}"] a.backa-module-link').click()
        area = a.locator("textarea.backa-refl-text")
        area.wait_for(timeout=120_000)
        assert area.input_value() == A_TEXT
    finally:
        a_context.close()
        b_context.close()
    assert not errors, f"JavaScript errors on the pages: {errors}"

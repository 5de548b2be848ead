"""On a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py): only the formgrade group opens the dashboard.

The hub (tests/hubkit.py's shared one) starts the course's shared grading server as a managed service, as
configured, over a course folder where four learners have handed in; a learner who signs in and asks for
the dashboard is refused by the hub, the instructor of the formgrade group sees it, and the grading
server's formgrader reaches the course exchange (its release and collect buttons are there). (The hub answers
once the services it manages, the grading server among them, have started.)
"""

from __future__ import annotations

import json
import urllib.request

import pytest

from coursekit.content import module
from tests.hubkit import COURSE, GRADER_PATH, INSTRUCTOR, SERVER_SCOPES, http

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LEARNER = "erik"  # a user of his own on the shared hub; never in the formgrade group
DASHBOARD = f"{GRADER_PATH}backa-instructor/"


def test_a_learner_is_refused_the_dashboard(course_hub, browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        course_hub.sign_in(page, LEARNER, "/hub/home")  # home, so that no server of their own is started
        response = page.goto(f"{course_hub.base}{DASHBOARD}")
        page.wait_for_load_state()
        assert response is not None and response.status == 403, (response and response.status, page.url)
        assert not page.locator("text=Review queue").count()
        assert not page.locator("text=Att granska").count()
    finally:
        context.close()


def test_the_formgrade_group_opens_it(course_hub, browser):
    context = browser.new_context()
    page = context.new_page()
    try:
        course_hub.sign_in(page, INSTRUCTOR, "/hub/home")
        page.goto(f"{course_hub.base}{DASHBOARD}queue?lang=en")
        page.locator("h1", has_text="Review queue").wait_for(timeout=60_000)
        page.goto(f"{course_hub.base}{DASHBOARD}learners?lang=en")
        assert page.locator("table.progress tbody tr").count() == 4
    except Exception:
        print(course_hub.log())
        raise
    finally:
        context.close()


def test_the_grading_servers_formgrader_works_through_the_course_exchange(course_hub):
    """nbgrader's formgrader offers Release and Collect only when its exchange answers, and its buttons
    then release through the course exchange: the exchange takes the grading server's own hub token as
    the course's instructor (deploy: --grading-service). Released here, then taken back, so that the
    learners of the other hub tests see nothing of it."""
    token = course_hub.token_for(INSTRUCTOR, [f"access:services!service={COURSE}"])

    def formgrader(path: str, method: str = "GET"):
        req = urllib.request.Request(
            f"{course_hub.base}{GRADER_PATH}formgrader/api/{path}",
            method=method,
            data=b"" if method == "POST" else None,
        )
        req.add_header("Authorization", f"token {token}")
        with urllib.request.urlopen(req, timeout=120) as resp:
            return json.load(resp)

    def released() -> set[str]:
        status, body = http(f"{course_hub.exchange_api}/assignments", instructor)
        assert status == 200, body
        return {a["assignment_id"] for a in json.loads(body)}

    assignments = formgrader("assignments")
    assert assignments and all(a["releaseable"] for a in assignments), course_hub.log()
    # A module the other hub tests do not release (they use the stance module).
    other = next(a["name"] for a in assignments if a["name"] != module("stance").assignment)
    instructor = course_hub.token_for(INSTRUCTOR, SERVER_SCOPES)
    assert other not in released()
    try:
        result = formgrader(f"assignment/{other}/release", "POST")
        assert result["success"], result
        assert other in released()
    finally:
        assert formgrader(f"assignment/{other}/unrelease", "POST")["success"]
    assert other not in released()

"""Hand in, in headless chromium: the messages a learner on a hub gets when handing in is not possible,
and the self-study dashboards, which have nobody to hand in to.

The hub cases run the course's Jupyter server as a hub would start it for a learner (the course home
written by coursekit.hub_home, JUPYTERHUB_USER set, nbgrader configured through JUPYTER_CONFIG_PATH),
without the hub itself: tests/test_hub_learner.py covers the real hub.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.browser.test_accessibility import violations
from tests.conftest import focus_by_tab, free_port, open_module, wait_http

pytestmark = pytest.mark.browser

STANCE = ("01-stance", "stance")
TEXT = "Jag ledde ett samrådsmöte i Backa där flera blev arga. Jag lyssnade och frågade vad de behövde."


class LearnerServer:
    def __init__(self, root, config_dir, url, token):
        self.root, self.config_dir, self.url, self.token = root, config_dir, url, token

    def exchange(self, root) -> None:
        """Point the learner's nbgrader at an exchange folder (read again by every new page)."""
        (self.config_dir / "nbgrader_config.py").write_text(
            "c = get_config()\n"
            "c.CourseDirectory.course_id = 'backa-dialogue'\n"
            f"c.Exchange.root = {str(root)!r}\n"
        )

    @property
    def home(self) -> str:
        """The course home; the token stands in for the hub's sign-in (the page keeps the cookie)."""
        return f"{self.url}/voila/render/course-home.ipynb?token={self.token}"


@pytest.fixture(scope="module")
def learner_server(built_course, tmp_path_factory):
    from coursekit.build import install_learner
    from coursekit.cli import new_token, serve_env, voila_command
    from coursekit.content import module
    from coursekit.hub_home import CONFIG_DIR, write_home

    root = tmp_path_factory.mktemp("learner-on-hub")
    config_dir = tmp_path_factory.mktemp("learner-config")
    install_learner(built_course, root, [module("stance")])
    (root / "index.ipynb").unlink()  # the self-study home; the hub has its own
    write_home(root)
    port, token = free_port(), new_token()
    env = serve_env(dict(os.environ), token)
    env.update(
        JUPYTER_CONFIG_PATH=os.pathsep.join([env["JUPYTER_CONFIG_PATH"], str(CONFIG_DIR), str(config_dir)]),
        JUPYTERHUB_USER="anna",
        HOME=str(root),
        BACKA_COURSE_HOME=str(root / ".backa-course"),
    )
    env.pop("BACKA_LEARNER_DIR", None)
    log = open(tmp_path_factory.mktemp("logs") / "learner.log", "w")
    proc = subprocess.Popen(
        voila_command(root, port), cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    server = LearnerServer(root, config_dir, f"http://127.0.0.1:{port}", token)
    try:
        wait_http(server.url + "/api/status", token=token)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_home_says_when_nothing_is_released(page, learner_server, tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o777)
    learner_server.exchange(exchange)
    stance_folder = learner_server.root / STANCE[0]
    hidden = learner_server.root / "not-fetched-yet"
    stance_folder.rename(hidden)  # a learner who has fetched nothing yet
    try:
        page.goto(learner_server.home)
        notice = page.locator(".backa-handin-notice[data-kind=none_released]")
        notice.wait_for(timeout=60_000)
        assert "inte delat ut några moduler" in notice.inner_text()
        assert page.locator("li.backa-module").count() == 0
        assert page.locator(".backa-lab-link").get_attribute("href") == "/lab"
    finally:
        hidden.rename(stance_folder)


def test_exchange_unreachable_is_explained_and_nothing_is_lost(page, learner_server, tmp_path):
    learner_server.exchange(tmp_path / "no-such-exchange")
    page.goto(learner_server.home)
    notice = page.locator(".backa-handin-notice[data-kind=unreachable]")
    notice.wait_for(timeout=60_000)
    assert "går inte att nå" in notice.inner_text()
    # The module the learner already has is still listed, and opens.
    row = page.locator('li.backa-module[data-module="stance"]')
    row.wait_for()
    row.locator("a.backa-module-link").click()
    page.wait_for_url(f"**/voila/render/{STANCE[0]}/{STANCE[1]}.ipynb")
    area = page.locator("textarea.backa-refl-text")
    area.wait_for(timeout=60_000)
    area.fill(TEXT)
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    # Hand in by keyboard: the bar at the top of the module says why it cannot, in words.
    focus_by_tab(page, "button.backa-handin-submit", back=True)
    page.keyboard.press("Enter")
    status = page.locator(".backa-handin-status[data-kind=error]")
    status.wait_for()
    assert "går inte att nå" in status.inner_text()
    assert status.get_attribute("aria-live") == "polite"
    saved = json.loads((learner_server.root / STANCE[0] / "answers.json").read_text())
    assert saved["items"]["stance-experience"]["text"] == TEXT


def release(course, exchange, assignment: str) -> None:
    """The instructor releases (nbgrader's API, as `nbgrader release_assignment` in the course folder)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    from tests.test_deploy import load_py_config

    cfg = load_py_config(course / "nbgrader_config.py")
    cfg.Exchange.root = str(exchange)
    assert NbGraderAPI(CourseDirectory(config=cfg), config=cfg).release_assignment(assignment)["success"]


def test_hand_in_receipt_and_the_hub_pages_are_accessible(page, learner_server, built_course, tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir(mode=0o777)
    learner_server.exchange(exchange)
    release(built_course, exchange, STANCE[0])
    page.goto(learner_server.home)
    page.locator(".backa-handin[data-ready='1']").wait_for(timeout=60_000)
    row = page.locator('li.backa-module[data-module="stance"]')
    assert "Inte inlämnad än" in row.inner_text()
    assert (
        row.locator("button.backa-handin-submit").get_attribute("aria-label") == "Lämna in Förhållningssättet"
    )
    assert violations(page) == []
    row.locator("button.backa-handin-submit").focus()
    page.keyboard.press("Enter")
    receipt = row.locator(".backa-handin-status[data-kind=receipt]")
    receipt.wait_for()
    assert "Inlämnad" in receipt.inner_text() and "Senast inlämnad" in row.inner_text()
    assert violations(page) == []
    open_module_page = f"{learner_server.url}/voila/render/{STANCE[0]}/{STANCE[1]}.ipynb"
    page.goto(open_module_page)
    page.locator(".backa-handin[data-ready='1']").wait_for(timeout=60_000)
    assert "Senast inlämnad" in page.locator(".backa-handin-last").inner_text()
    assert page.locator("a.backa-handin-home").get_attribute("href") == "/voila/render/course-home.ipynb"
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_self_study_has_nobody_to_hand_in_to(page, voila):
    page.goto(voila.home_url)  # the address `make start` prints
    page.locator("li.backa-module").first.wait_for()
    assert page.locator(".backa-handin").count() == 0
    assert page.locator(".backa-lab-link").count() == 0
    assert "Lämna in" not in page.locator("body").inner_text()
    open_module(page, voila, *STANCE)
    page.wait_for_load_state("networkidle")
    assert page.locator(".backa-handin, button.backa-handin-submit").count() == 0

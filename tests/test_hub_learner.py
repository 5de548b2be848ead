"""The course on a real JupyterHub for an instructor and two learners, in headless chromium.

The hub runs deploy/jupyterhub/jupyterhub_config.py with only what must differ on a test machine
overridden (loopback ports, the test login, a local-process spawner with homes under a temporary
folder, nbgrader's exchange in a temporary folder through a config file that loads
deploy/nbgrader_config.py). The instructor works as instructors do, with nbgrader's commands in their
course folder.

1. Before anything is released, learner A lands on the course home, which says so.
2. The instructor releases; A refreshes the list, opens the module (fetched through the exchange),
   writes, and hands in by keyboard: a receipt with the time.
3. The instructor collects, autogrades, generates and releases feedback.
4. A's course home links to the feedback, which opens through the hub.
5. Learner B sees the module, but neither A's hand-in nor A's feedback on their own home, and the hub
   refuses B A's dashboard, answers file and feedback page. JupyterLab is one click from B's home.
6. A's language choice (made in the module) and answers follow A to the home and survive a
   restart of A's server.

What this proves about isolation: the hub keeps each learner to their own server (5), and each learner's
home shows only their own submissions and feedback. All servers run as one Unix user here, so it does not
prove that the exchange folder keeps learners apart at the file-system level; that is the exchange's own
permissions, tested where they are configured.
Needs configurable-http-proxy (npm); `make test` installs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from coursekit.build import write_config
from coursekit.content import module
from tests.conftest import REPO, free_port, wait_http
from tests.test_jupyterhub import CHP

pytestmark = [pytest.mark.slow, pytest.mark.browser]

TOKEN = "backa-learner-test-token-0123456789abcdef"
COURSE_ID = "backa-dialogue"
INSTRUCTOR, A, B = "instructor1", "anna", "bertil"
STANCE = module("stance")
ANSWERS = json.loads((REPO / "tests" / "fixtures" / "answers" / "01-stance" / "good.json").read_text())
A_TEXT = ANSWERS["items"]["stance-experience"]["text"]


class Hub:
    def __init__(self, base: str, root: Path, homes: Path, exchange: Path, course: Path) -> None:
        self.base, self.root, self.homes, self.exchange, self.course = base, root, homes, exchange, course

    def api(self, path: str, method: str = "GET", body: dict | None = None) -> dict:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base}/hub/api{path}", data=data, method=method)
        req.add_header("Authorization", f"token {TOKEN}")
        with urllib.request.urlopen(req, timeout=30) as resp:
            text = resp.read().decode()
        return json.loads(text) if text else {}

    def wait_server(self, user: str, ready: bool = True, timeout: float = 150) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            state = self.api(f"/users/{user}")["servers"].get("", {})
            if bool(state.get("ready")) == ready and (ready or not state):
                return
            time.sleep(0.5)
        pytest.fail(f"{user}'s server did not {'start' if ready else 'stop'}:\n{self.log()[-3000:]}")

    def log(self) -> str:
        return (self.root / "hub.log").read_text(errors="replace")

    def instructor(self, action: str, assignment: str, *args: str) -> None:
        """What the instructor does in their course folder, through nbgrader's API (as the formgrader
        does; in this process, which saves starting nbgrader for each step)."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        from tests.test_deploy import load_py_config

        cfg = load_py_config(self.course / "nbgrader_config.py")
        cfg.Exchange.root = str(self.exchange)
        result = getattr(NbGraderAPI(CourseDirectory(config=cfg), config=cfg), action)(assignment, *args)
        assert result["success"], (
            f"nbgrader {action} {assignment}:\n{result.get('log')}\n{result.get('error')}"
        )

    def home_url(self, user: str) -> str:
        return f"{self.base}/user/{user}/voila/render/course-home.ipynb"


@contextlib.contextmanager
def course_hub(root: Path, built_course: Path, users: tuple[str, ...] = (INSTRUCTOR, A, B)) -> Iterator[Hub]:
    """A JupyterHub on loopback running the course's configuration, for the test and the benchmark."""
    homes = root / "home"
    for user in users:
        (homes / user).mkdir(parents=True)
    exchange = root / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # nbgrader's default exchange: a folder every user's server can write to
    # The system-wide nbgrader configuration, as /etc/jupyter would hold it, with the test's exchange.
    nbconfig = root / "nbgrader-config"
    nbconfig.mkdir()
    (nbconfig / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"load_subconfig({str(REPO / 'deploy' / 'nbgrader_config.py')!r})\n"
        f"c.Exchange.root = {str(exchange)!r}\n"
    )
    course = homes / INSTRUCTOR / "backa-course"
    shutil.copytree(
        built_course, course, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
    )
    write_config(course, COURSE_ID)

    port, hub_port, proxy_api = free_port(), free_port(), free_port()
    bindir = Path(sys.executable).parent
    (root / "jupyterhub_config.py").write_text(f"""
c = get_config()
load_subconfig({str(REPO / "deploy" / "jupyterhub" / "jupyterhub_config.py")!r})
# Test-machine overrides only:
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.JupyterHub.authenticator_class = "dummy"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes)!r} + "/{{username}}"
c.Spawner.cmd = [{str(bindir / "jupyterhub-singleuser")!r}]
c.Spawner.args = ["--allow-root"]
c.Spawner.environment["PATH"] = {str(bindir)!r} + ":/usr/bin:/bin"
c.Spawner.environment["JUPYTER_CONFIG_PATH"] += ":" + {str(nbconfig)!r}
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.services = [{{"name": "course-test", "api_token": {TOKEN!r}}}]
c.JupyterHub.load_roles = c.JupyterHub.load_roles + [{{"name": "admin", "services": ["course-test"]}}]
c.JupyterHub.db_url = "sqlite:///{root}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
""")
    env = dict(os.environ, PATH=f"{bindir}:{os.environ.get('PATH', '')}")
    env.pop("BACKA_COURSE_HOME", None)  # each learner's settings live in their own home
    log = open(root / "hub.log", "w")
    proc = subprocess.Popen(
        [str(bindir / "jupyterhub"), "-f", str(root / "jupyterhub_config.py")],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{base}/hub/api", timeout=90)
        yield Hub(base, root, homes, exchange, course)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()  # the hub stops the learners' servers as it exits (JupyterHub.cleanup_servers)


@pytest.fixture(scope="module")
def hub(built_course, tmp_path_factory):
    if not CHP.exists():
        pytest.fail("configurable-http-proxy is missing; `make test` installs it with npm")
    pytest.importorskip("jupyterhub")
    with course_hub(tmp_path_factory.mktemp("hub-learners"), built_course) as running:
        yield running


def sign_in(page, hub: Hub, user: str) -> None:
    """Sign in as on the city's hub (here the test login): the hub starts the server and lands on the home."""
    page.goto(f"{hub.base}/hub/login")
    page.get_by_label("Username:").fill(user)
    page.get_by_label("Password:").fill("any password in this test")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/user/{user}/voila/render/course-home.ipynb", timeout=150_000)


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


def test_instructor_and_two_learners_on_the_hub(hub, browser):
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
        sign_in(a, hub, A)
        home_ready(a)
        assert "inte delat ut några moduler" in a.locator(".backa-handin-notice").inner_text()
        assert a.locator("li.backa-module").count() == 0

        step("2. The instructor")
        # 2. The instructor releases; A refreshes, opens (fetches) the module, writes and hands in.
        hub.instructor("release_assignment", STANCE.assignment)
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
        inbound = list((hub.exchange / COURSE_ID / "inbound").iterdir())
        assert [p.name.split("+")[0] for p in inbound] == [A]

        step("3. The instructor")
        # 3. The instructor collects, autogrades and releases feedback.
        hub.api(f"/users/{B}", "POST")
        hub.api(f"/users/{B}/server", "POST")  # B's server starts while the instructor works
        hub.instructor("collect", STANCE.assignment)
        submitted = hub.course / "submitted" / A / STANCE.assignment / "answers.json"
        assert json.loads(submitted.read_text())["items"]["stance-experience"]["text"] == A_TEXT
        hub.instructor("autograde", STANCE.assignment, A)
        hub.instructor("generate_feedback", STANCE.assignment)
        hub.instructor("release_feedback", STANCE.assignment)

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
        sign_in(b, hub, B)
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

"""On a real JupyterHub (deploy/jupyterhub/jupyterhub_config.py): only the formgrade group opens the dashboard.

The hub starts the course's shared grading server as a managed service, as configured; a learner who
signs in and asks for the dashboard is refused by the hub, the instructor of the formgrade group sees it.
Only what cannot be the same on a test machine is overridden: loopback ports, a test login, the course
folder, and --allow-root (the suite runs as root).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, free_port, wait_http

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHP = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
LEARNER = "anna"
INSTRUCTOR = "instructor1"  # in the formgrade group in deploy/jupyterhub/jupyterhub_config.py
DASHBOARD = "/services/backa-dialogue/backa-instructor/"


@pytest.fixture(scope="module")
def hub(built_course, tmp_path_factory):
    if not CHP.exists():
        pytest.fail("configurable-http-proxy is missing; `make test` installs it with npm")
    pytest.importorskip("jupyterhub")
    from tests.cohort import cohort, new_course, submit

    root = tmp_path_factory.mktemp("instructor-hub")
    course = new_course(built_course, root / "course")
    submit(course, {s: {"01-stance": m["01-stance"]} for s, m in cohort(4).items() if "01-stance" in m})
    port, hub_port, proxy_api, grader_port = free_port(), free_port(), free_port(), free_port()
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
c.JupyterHub.db_url = "sqlite:///{root}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
# Only the grading service (others in the config are tested on their own), from this environment, as root.
from traitlets.config.loader import LazyConfigValue
services = c.JupyterHub.services
services = services.get_value([]) if isinstance(services, LazyConfigValue) else services
grader = next(s for s in services if s["name"] == "backa-dialogue")
grader["command"] = [{str(bindir / "jupyterhub-singleuser")!r}, *grader["command"][1:], "--allow-root"]
grader["environment"]["PATH"] = {str(bindir)!r} + ":/usr/bin:/bin"
c.JupyterHub.services = [grader]
""")
    env = dict(
        os.environ,
        PATH=f"{bindir}:{os.environ.get('PATH', '')}",
        BACKA_GRADER_COURSE_DIR=str(course),
        BACKA_GRADER_PORT=str(grader_port),
    )
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
        wait_answering(f"http://127.0.0.1:{grader_port}/services/backa-dialogue/api/status", timeout=150)
        yield base, root
    finally:
        proc.terminate()  # the hub stops the services it manages
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def wait_answering(url: str, timeout: float) -> None:
    """Until the server answers at all (a refusal counts: it asks the hub who is calling)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def sign_in(page, base: str, user: str) -> None:
    page.goto(f"{base}/hub/login?next=%2Fhub%2Fhome")  # home, so that no server of their own is started
    page.get_by_label("Username:").fill(user)
    page.get_by_label("Password:").fill("any password in this test")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hub/home", timeout=60_000)


def test_a_learner_is_refused_the_dashboard(hub, browser):
    base, root = hub
    context = browser.new_context()
    page = context.new_page()
    try:
        sign_in(page, base, LEARNER)
        response = page.goto(f"{base}{DASHBOARD}")
        page.wait_for_load_state()
        assert response is not None and response.status == 403, (response and response.status, page.url)
        assert not page.locator("text=Review queue").count()
        assert not page.locator("text=Att granska").count()
    finally:
        context.close()


def test_the_formgrade_group_opens_it(hub, browser):
    base, root = hub
    context = browser.new_context()
    page = context.new_page()
    try:
        sign_in(page, base, INSTRUCTOR)
        page.goto(f"{base}{DASHBOARD}queue?lang=en")
        page.locator("h1", has_text="Review queue").wait_for(timeout=60_000)
        page.goto(f"{base}{DASHBOARD}learners?lang=en")
        assert page.locator("table.progress tbody tr").count() == 4
    except Exception:
        print((root / "hub.log").read_text()[-4000:])
        raise
    finally:
        context.close()

"""The course on a real JupyterHub, configured by deploy/jupyterhub/jupyterhub_config.py.

Only what cannot be the same on a test machine is overridden: ports on loopback, a test login, a
local-process spawner with per-user homes under a temporary folder. A learner's server starts, the
module dashboard renders in Voilà under /user/<name>/, and typing saves to the learner's answers file.
Needs configurable-http-proxy (npm); `make test` installs it.
"""

from __future__ import annotations

import json
import os
import shutil
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
TOKEN = "backa-test-service-token-0123456789"
LEARNER = "anna"


def api(base: str, path: str, method: str = "GET", body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(f"{base}/hub/api{path}", data=data, method=method)
    req.add_header("Authorization", f"token {TOKEN}")
    with urllib.request.urlopen(req, timeout=30) as resp:
        text = resp.read().decode()
    return json.loads(text) if text else {}


@pytest.fixture(scope="module")
def hub(built_course, tmp_path_factory):
    if not CHP.exists():
        pytest.fail("configurable-http-proxy is missing; `make test` installs it with npm")
    pytest.importorskip("jupyterhub")
    from coursekit.build import install_learner
    from coursekit.content import module

    root = tmp_path_factory.mktemp("hub")
    homes = root / "home"
    install_learner(built_course, homes / LEARNER, [module("stance")])
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
c.Spawner.environment.update({{"PATH": {str(bindir)!r} + ":/usr/bin:/bin",
                              "BACKA_COURSE_HOME": {str(homes)!r} + "/settings"}})
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
c.JupyterHub.services = [{{"name": "course-test", "api_token": {TOKEN!r}}}]
c.JupyterHub.load_roles = c.JupyterHub.load_roles + [{{"name": "admin", "services": ["course-test"]}}]
c.JupyterHub.db_url = "sqlite:///{root}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
""")
    env = dict(os.environ, PATH=f"{bindir}:{os.environ.get('PATH', '')}")
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
        yield base, homes, root
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        subprocess.run(["pkill", "-f", str(root)], check=False)


def start_learner_server(base: str, root: Path) -> None:
    """Create the learner and start their server through the hub's API (idempotent)."""
    try:
        api(base, f"/users/{LEARNER}", "POST")
    except urllib.error.HTTPError as err:
        if err.code != 409:  # 409: the learner exists already
            raise
    if api(base, f"/users/{LEARNER}")["servers"].get("", {}).get("ready"):
        return
    api(base, f"/users/{LEARNER}/server", "POST")
    deadline = time.time() + 150
    while time.time() < deadline:
        user = api(base, f"/users/{LEARNER}")
        if user["servers"].get("", {}).get("ready"):
            return
        time.sleep(1)
    pytest.fail(f"the learner's server did not start:\n{(root / 'hub.log').read_text()[-3000:]}")


def sign_in(page, base: str) -> None:
    """The learner signs in as on the city's hub (here the test login)."""
    page.goto(f"{base}/hub/login")
    page.get_by_label("Username:").fill(LEARNER)
    page.get_by_label("Password:").fill("any password in this test")
    page.keyboard.press("Enter")
    page.wait_for_url("**/user/**", timeout=60_000)


def test_the_course_runs_on_jupyterhub(hub, page):
    base, homes, root = hub
    start_learner_server(base, root)
    groups = api(base, "/groups")
    assert {g["name"] for g in groups} >= {"formgrade-backa-dialogue", "nbgrader-backa-dialogue"}
    sign_in(page, base)
    page.goto(f"{base}/user/{LEARNER}/voila/render/01-stance/stance.ipynb")
    area = page.locator("textarea.backa-refl-text")
    area.wait_for(timeout=120_000)
    area.scroll_into_view_if_needed()
    area.fill("Jag ledde ett möte i Backa där föräldrar blev arga, och jag kände mig attackerad.")
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    saved = json.loads((homes / LEARNER / "01-stance" / "answers.json").read_text())
    assert saved["items"]["stance-experience"]["text"].startswith("Jag ledde")
    shutil.rmtree(homes / LEARNER / "01-stance", ignore_errors=True)


def learner_kernels(base: str) -> set[str]:
    req = urllib.request.Request(f"{base}/user/{LEARNER}/api/kernels")
    req.add_header("Authorization", f"token {TOKEN}")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return {k["id"] for k in json.load(resp)}


def test_leaving_a_dashboard_under_the_hub_shuts_its_kernel_down(hub, page, built_course):
    """Under the hub's base URL (/user/<name>/) the shutdown on leaving a page is accepted too."""
    base, homes, root = hub
    start_learner_server(base, root)
    install = homes / LEARNER / "01-stance"
    if not install.exists():
        from coursekit.build import install_learner
        from coursekit.content import module

        install_learner(built_course, homes / LEARNER, [module("stance")])
    refused: list[str] = []
    page.on(
        "response",
        lambda r: refused.append(f"{r.status} {r.url}") if r.status >= 400 and "/api/" in r.url else None,
    )
    before = learner_kernels(base)
    sign_in(page, base)
    url = f"{base}/user/{LEARNER}/voila/render/01-stance/stance.ipynb"
    page.goto(url)
    page.locator("textarea.backa-refl-text").wait_for(timeout=120_000)
    page.reload()
    page.locator("textarea.backa-refl-text").wait_for(timeout=120_000)
    deadline = time.time() + 30
    while len(learner_kernels(base) - before) > 1 and time.time() < deadline:
        time.sleep(0.5)
    assert len(learner_kernels(base) - before) == 1, "the reloaded page's old kernel is still running"
    page.close(run_before_unload=True)
    deadline = time.time() + 30
    while learner_kernels(base) - before and time.time() < deadline:
        time.sleep(0.5)
    assert not learner_kernels(base) - before, "closing the tab left the kernel running"
    assert not refused, refused

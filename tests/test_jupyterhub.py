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


def test_the_course_runs_on_jupyterhub(hub, page):
    base, homes, root = hub
    api(base, f"/users/{LEARNER}", "POST")
    groups = api(base, "/groups")
    assert {g["name"] for g in groups} >= {"formgrade-backa-dialogue", "nbgrader-backa-dialogue"}
    api(base, f"/users/{LEARNER}/server", "POST")
    deadline = time.time() + 150
    while time.time() < deadline:
        user = api(base, f"/users/{LEARNER}")
        if user["servers"].get("", {}).get("ready"):
            break
        time.sleep(1)
    else:
        pytest.fail(f"the learner's server did not start:\n{(root / 'hub.log').read_text()[-3000:]}")
    # The learner signs in as on the city's hub (here the test login), then opens the module.
    page.goto(f"{base}/hub/login")
    page.get_by_label("Username:").fill(LEARNER)
    page.get_by_label("Password:").fill("any password in this test")
    page.keyboard.press("Enter")
    page.wait_for_url("**/user/**", timeout=60_000)
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

"""A real JupyterHub on loopback, started from deploy/jupyterhub/jupyterhub_config.py, for the exchange tests.

Only what cannot be the same on a test machine is overridden: ports, a test login, the spawner's
command and homes, where the course exchange keeps its files, and a test service with admin rights
that creates users and reads each server's environment. The course exchange runs as the hub-managed
service the deploy config defines. Needs configurable-http-proxy (npm); `make test` installs it.
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

CHP = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
DEPLOY = REPO / "deploy"
TOKEN = "backa-exchange-test-token-0123456789"
COURSE = "backa-dialogue"
BIN = Path(sys.executable).parent


class Hub:
    def __init__(self, base: str, root: Path, proc: subprocess.Popen, exchange_url: str) -> None:
        self.base, self.root, self.proc, self.exchange_url = base, root, proc, exchange_url

    def log(self) -> str:
        return (self.root / "hub.log").read_text(errors="replace")[-4000:]

    def api(self, path: str, method: str = "GET", body: dict | None = None, ok: tuple = (200, 201, 204)):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base}/hub/api{path}", data=data, method=method)
        req.add_header("Authorization", f"token {TOKEN}")
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                text = resp.read().decode()
        except urllib.error.HTTPError as e:
            if e.code in ok:
                return {}
            raise AssertionError(f"{method} {path}: {e.code} {e.read()[:500]!r}") from e
        return json.loads(text) if text else {}

    def add_user(self, name: str, group: str | None = None) -> None:
        self.api(f"/users/{name}", "POST", ok=(409,))
        if group:
            self.api(f"/groups/{group}/users", "POST", {"users": [name]})

    def start_servers(self, names: list[str], timeout: float = 180) -> dict[str, dict[str, str]]:
        """Start each user's server as the hub would; return the environment each server runs with."""
        for name in names:
            self.api(f"/users/{name}/server", "POST", ok=(201, 202))
        deadline = time.time() + timeout
        envs = {}
        while len(envs) < len(names):
            if time.time() > deadline:
                pytest.fail(f"servers did not start: {set(names) - set(envs)}\n{self.log()}")
            for name in names:
                server = self.api(f"/users/{name}")["servers"].get("", {})
                if name not in envs and server.get("ready"):
                    pid = server["state"]["pid"]
                    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                    envs[name] = dict(kv.decode().split("=", 1) for kv in raw if b"=" in kv)
            time.sleep(0.5)
        return envs

    def stop_servers(self, names: list[str], timeout: float = 60) -> None:
        for name in names:
            self.api(f"/users/{name}/server", "DELETE", ok=(202, 204, 400, 404))
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not any(self.api(f"/users/{n}")["servers"] for n in names):
                return
            time.sleep(0.5)

    def token_for(self, name: str, scopes: list[str]) -> str:
        return self.api(f"/users/{name}/tokens", "POST", {"scopes": scopes, "note": "exchange test"})["token"]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def start_hub(root: Path, spawner_lines: str, server_env: dict[str, str]) -> Hub:
    """Start the deploy config's hub under root; spawner_lines say how servers start on this machine."""
    if not CHP.exists():
        pytest.fail("configurable-http-proxy is missing; `make test` installs it with npm")
    port, hub_port, proxy_api, exchange_port = free_port(), free_port(), free_port(), free_port()
    exchange_url = f"http://127.0.0.1:{exchange_port}"
    (root / "jupyterhub_config.py").write_text(f"""
c = get_config()
load_subconfig({str(DEPLOY / "jupyterhub" / "jupyterhub_config.py")!r})
# Test-machine overrides only:
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]
c.JupyterHub.authenticator_class = "dummy"
c.Spawner.cmd = [{str(BIN / "jupyterhub-singleuser")!r}]
c.Spawner.environment.update({server_env!r})
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
{spawner_lines}
c.JupyterHub.services.append({{"name": "exchange-test", "api_token": {TOKEN!r}}})
c.JupyterHub.load_roles.append({{"name": "admin", "services": ["exchange-test"]}})
c.JupyterHub.db_url = "sqlite:///{root}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
""")
    env = dict(
        os.environ,
        PATH=f"{BIN}:{os.environ.get('PATH', '')}",
        COURSE_EXCHANGE_SERVICE_URL=exchange_url,
        COURSE_EXCHANGE_STORE=str(root / "exchange-store"),
    )
    log = open(root / "hub.log", "w")
    proc = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(root / "jupyterhub_config.py")],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    hub = Hub(f"http://127.0.0.1:{port}", root, proc, exchange_url)
    try:
        wait_http(f"{hub.base}/hub/api", timeout=90)
        wait_http(f"{exchange_url}/services/course-exchange/api/health", timeout=60)
    except Exception:
        hub.stop()
        pytest.fail(f"the hub or the course exchange did not start:\n{hub.log()}")
    return hub


def system_nbgrader_config(folder: Path) -> Path:
    """Install deploy/nbgrader_config.py in a folder that stands in for /etc/jupyter."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEPLOY / "nbgrader_config.py", folder / "nbgrader_config.py")
    return folder


def nbgrader_try(
    env: dict[str, str], cwd: Path, *args: str, user: int | None = None, python: str = sys.executable
) -> tuple[int, str]:
    """Run an nbgrader command as a learner or instructor would in their own server's terminal."""
    proc = subprocess.run(
        [python, "-m", "nbgrader", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        user=user,
        group=None if user is None else _gid(user),
        extra_groups=None if user is None else [],
    )
    return proc.returncode, proc.stdout + proc.stderr


def nbgrader(env: dict[str, str], cwd: Path, *args: str, ok: bool = True, **kw) -> str:
    """nbgrader_try, asserting that the command worked (ok) or was refused (not ok)."""
    code, out = nbgrader_try(env, cwd, *args, **kw)
    if ok:
        assert code == 0, f"nbgrader {' '.join(args)} failed:\n{out[-4000:]}"
    else:
        assert code != 0, f"nbgrader {' '.join(args)} should have been refused:\n{out[-4000:]}"
    return out


def _gid(uid: int) -> int:
    import pwd

    return pwd.getpwuid(uid).pw_gid


def http(url: str, token: str, method: str = "GET", body: bytes | None = None) -> tuple[int, bytes]:
    """A hand-made request to the exchange, as a learner could send with curl and their own token."""
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Authorization", f"token {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def shows_text_of(page: str, answers: dict, item: str = "stance-experience") -> bool:
    """Whether a feedback page quotes this learner's reflection (feedback quotes sentences as evidence)."""
    import html
    import re

    plain = html.unescape(page)
    sentences = re.split(r"(?<=[.!?])\s+", answers["items"][item]["text"])
    return any(len(s) >= 25 and s.strip() in plain for s in sentences)

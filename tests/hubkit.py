"""A real JupyterHub on loopback, started from deploy/jupyterhub/jupyterhub_config.py: the one way the hub
tests (and benchmarks/bench_hub.py) start a hub.

Only what cannot be the same on a test machine is overridden: ports on loopback, a test login (any
password), how servers start here (JupyterHub's simple spawner with homes under a temporary folder, unless
the caller names its own), where the course exchange and the grading server keep their files, a folder
standing in for /etc/jupyter (deploy/nbgrader_config.py) after the deploy's own JUPYTER_CONFIG_PATH, and
a test service with admin rights that creates users, starts servers and reads each server's environment.
Everything else runs as configured: the course exchange, the course home, the learners' and instructors'
JupyterLab, and the grading server when a course folder is given for it.
Needs configurable-http-proxy (npm); `make test` installs it.

`course_hub` (a fixture for the whole run) is one such hub shared by the hub tests that can share one,
each with users of its own: a hub and its services take tens of seconds to start on a loaded machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

from tests.conftest import REPO, free_port, wait_http

CHP = REPO / "node_modules" / ".bin" / "configurable-http-proxy"
DEPLOY = REPO / "deploy"
TOKEN = "backa-hub-test-token-0123456789abcdef"
COURSE = "backa-dialogue"
INSTRUCTOR = "instructor1"  # in the formgrade group, as deploy/jupyterhub/jupyterhub_config.py names it
LEARNERS_GROUP = f"nbgrader-{COURSE}"
EXCHANGE = "course-exchange"
# What a server's own token may do on the hub (Spawner.server_token_scopes in the deploy config).
SERVER_SCOPES = ["users:activity!user", "access:servers!server", f"access:services!service={EXCHANGE}"]
GRADER_PATH = f"/services/{COURSE}/"  # the shared grading server (formgrader and dashboard)
BIN = Path(sys.executable).parent
MARK = "BACKA_TEST_HUB"  # in the environment of the hub and of all it starts, so that all can be stopped


class Hub:
    def __init__(self, base: str, root: Path, proc: subprocess.Popen, exchange_url: str, etc: Path) -> None:
        self.base, self.root, self.proc, self.exchange_url, self.etc = base, root, proc, exchange_url, etc
        self.homes = root / "home"  # with the simple spawner, each user's home is homes/<name>
        self.exchange_api = f"{exchange_url}/services/{EXCHANGE}/api/courses/{COURSE}"

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

    def server(self, name: str) -> dict:
        return self.api(f"/users/{name}")["servers"].get("", {})

    def start_servers(self, names: list[str], timeout: float = 180) -> dict[str, dict[str, str]]:
        """Start each user's server as the hub would (if not running); return the environment each runs with."""
        for name in names:
            if not self.server(name):
                self.api(f"/users/{name}/server", "POST", ok=(201, 202, 400))  # 400: already starting
        deadline = time.time() + timeout
        envs = {}
        while len(envs) < len(names):
            if time.time() > deadline:
                pytest.fail(f"servers did not start: {set(names) - set(envs)}\n{self.log()}")
            for name in names:
                server = self.server(name)
                if name not in envs and server.get("ready"):
                    pid = server["state"]["pid"]
                    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                    envs[name] = dict(kv.decode().split("=", 1) for kv in raw if b"=" in kv)
            time.sleep(0.5)
        return envs

    def wait_server(self, name: str, ready: bool = True, timeout: float = 180) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            state = self.server(name)
            if bool(state.get("ready")) == ready and (ready or not state):
                return
            time.sleep(0.5)
        pytest.fail(f"{name}'s server did not {'start' if ready else 'stop'}:\n{self.log()}")

    def stop_servers(self, names: list[str], timeout: float = 60) -> None:
        for name in names:
            self.api(f"/users/{name}/server", "DELETE", ok=(202, 204, 400, 404))
        deadline = time.time() + timeout
        while time.time() < deadline:
            if not any(self.api(f"/users/{n}")["servers"] for n in names):
                return
            time.sleep(0.5)

    def token_for(self, name: str, scopes: list[str]) -> str:
        return self.api(f"/users/{name}/tokens", "POST", {"scopes": scopes, "note": "hub test"})["token"]

    def home_url(self, user: str) -> str:
        return f"{self.base}/user/{user}/voila/render/course-home.ipynb"

    def sign_in(self, page, user: str, next_path: str | None = None) -> None:
        """Sign in on the hub's login page as on the city's hub (here the test login: any password).
        Without `next_path` the hub starts the server if needed and lands on the course home."""
        query = f"?next={urllib.parse.quote(next_path, safe='')}" if next_path else ""
        page.goto(f"{self.base}/hub/login{query}")
        page.get_by_label("Username:").fill(user)
        page.get_by_label("Password:").fill("any password in this test")
        page.keyboard.press("Enter")
        landing = next_path or f"/user/{user}/voila/render/course-home.ipynb"
        page.wait_for_url(f"**{landing}", timeout=180_000)

    def nbgrader_api(self, course: Path, token: str, action: str, *args: str) -> dict:
        """An instructor's nbgrader step, as the formgrader runs it: nbgrader's API in this process (which
        saves starting nbgrader for each step), with a server's system configuration (the course
        exchange) and the course folder's own, and the instructor's hub token."""
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        from tests.test_deploy import load_py_config

        cfg = load_py_config(self.etc / "nbgrader_config.py")
        cfg.merge(load_py_config(course / "nbgrader_config.py"))
        cfg.HubExchange.url = f"{self.exchange_url}/services/{EXCHANGE}/"
        with mock.patch.dict(os.environ, {"JUPYTERHUB_API_TOKEN": token}):
            api = NbGraderAPI(CourseDirectory(config=cfg), config=cfg)
            result = getattr(api, action)(*args)
        assert result["success"], f"nbgrader {action} {args}:\n{result.get('log')}\n{result.get('error')}"
        return result

    def stop(self) -> None:
        """Stop the hub, then whatever it started that is still running: the hub's own shutdown waits on
        each service and server in turn (tens of seconds on a loaded machine), and a hub that failed to
        start leaves them behind. They are found by the mark this hub gave their environment."""
        self.proc.terminate()
        try:
            self.proc.wait(3)  # a test hub needs no orderly shutdown: what is left is stopped below
        except subprocess.TimeoutExpired:
            pass
        left = started_by(self.root)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
            deadline = time.time() + 10
            while left and time.time() < deadline:
                time.sleep(0.2)
                left = [pid for pid in left if pid in started_by(self.root)]
        self.proc.wait(10)


def started_by(root: Path) -> list[int]:
    """The processes of the hub under root and of what it started (they carry MARK=root)."""
    tag = f"{MARK}={root}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if tag in (proc / "environ").read_bytes().split(b"\0"):
                    found.append(int(proc.name))
            except OSError:  # gone, or not ours to read
                pass
    return found


def system_nbgrader_config(folder: Path) -> Path:
    """Install deploy/nbgrader_config.py in a folder that stands in for /etc/jupyter."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEPLOY / "nbgrader_config.py", folder / "nbgrader_config.py")
    return folder


def start_hub(
    root: Path,
    spawner_lines: str | None = None,
    server_env: dict[str, str] | None = None,
    etc: Path | None = None,
    extra_config_path: tuple[str, ...] = (),
    grader_course: Path | None = None,
) -> Hub:
    """Start the deploy config's hub under root.

    spawner_lines: how servers start on this machine (default: the simple spawner, homes in root/home).
    server_env: environment variables for every server, over the deploy config's.
    etc: the /etc/jupyter stand-in (default: one made under root with deploy/nbgrader_config.py); it and
    extra_config_path follow the deploy config's JUPYTER_CONFIG_PATH, as /etc/jupyter follows it.
    grader_course: the course folder of the shared grading server; without it that service is left out.
    """
    if not CHP.exists():
        pytest.fail("configurable-http-proxy is missing; `make test` installs it with npm")
    pytest.importorskip("jupyterhub")
    port, hub_port, proxy_api, exchange_port = free_port(), free_port(), free_port(), free_port()
    exchange_url = f"http://127.0.0.1:{exchange_port}"
    etc = etc or system_nbgrader_config(root / "etc-jupyter")
    if spawner_lines is None:
        spawner_lines = "\n".join(
            [
                'c.JupyterHub.spawner_class = "simple"',
                f'c.SimpleLocalProcessSpawner.home_dir_template = "{root / "home"}/{{username}}"',
                'c.Spawner.args = ["--allow-root"]',  # the suite runs as root in CI
            ]
        )
    server_env = {"PATH": f"{BIN}:/usr/bin:/bin", **(server_env or {}), MARK: str(root)}
    grader_port = free_port()
    (root / "jupyterhub_config.py").write_text(f"""
import os
from traitlets.config.loader import LazyConfigValue

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
# /etc/jupyter cannot be written here: its stand-in comes after the deploy's folders, as /etc/jupyter would.
_deploy_config_path = c.Spawner.environment["JUPYTER_CONFIG_PATH"]


def _test_config_path(spawner):
    return os.pathsep.join([_deploy_config_path(spawner), *{[str(etc), *extra_config_path]!r}])


c.Spawner.environment["JUPYTER_CONFIG_PATH"] = _test_config_path
_services = c.JupyterHub.services
_services = _services.get_value([]) if isinstance(_services, LazyConfigValue) else _services
# The deploy config adds the grading server only when the course folder exists.
_grader = next((s for s in _services if s["name"] == {COURSE!r}), None)
if {grader_course is not None!r}:  # this machine's jupyterhub-singleuser, as root, and /etc/jupyter's stand-in
    _grader["command"] = [{str(BIN / "jupyterhub-singleuser")!r}, *_grader["command"][1:], "--allow-root"]
    _grader["environment"]["PATH"] = {str(BIN)!r} + ":/usr/bin:/bin"
    _grader["environment"]["JUPYTER_CONFIG_PATH"] = {str(etc)!r}
elif _grader is not None:  # left out, with the roles given to it
    _services.remove(_grader)
    c.JupyterHub.load_roles = [r for r in c.JupyterHub.load_roles if _grader["name"] not in r.get("services", [])]
for _service in _services:
    _service.setdefault("environment", {{}})[{MARK!r}] = {str(root)!r}
_services.append({{"name": "hub-test", "api_token": {TOKEN!r}}})
c.JupyterHub.services = _services
c.JupyterHub.load_roles.append({{"name": "admin", "services": ["hub-test"]}})
c.JupyterHub.db_url = "sqlite:///{root}/hub.sqlite"
c.JupyterHub.cookie_secret_file = "{root}/cookie_secret"
""")
    env = dict(
        os.environ,
        PATH=f"{BIN}:{os.environ.get('PATH', '')}",
        COURSE_EXCHANGE_SERVICE_URL=exchange_url,
        COURSE_EXCHANGE_STORE=str(root / "exchange-store"),
        BACKA_GRADER_COURSE_DIR=str(grader_course or root / "no-grading-server"),
        BACKA_GRADER_PORT=str(grader_port),
        **{MARK: str(root)},  # the proxy, which the hub starts, inherits it
    )
    env.pop("BACKA_COURSE_HOME", None)  # each learner's settings live in their own home
    log = open(root / "hub.log", "w")
    proc = subprocess.Popen(
        [str(BIN / "jupyterhub"), "-f", str(root / "jupyterhub_config.py")],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()  # the hub has its own copy
    hub = Hub(f"http://127.0.0.1:{port}", root, proc, exchange_url, etc)
    try:
        # The hub answers once its managed services (the exchange, the grading server) have started.
        wait_http(f"{hub.base}/hub/api", timeout=240)
        wait_http(f"{exchange_url}/services/{EXCHANGE}/api/health", timeout=60)
    except Exception:
        hub.stop()
        pytest.fail(f"the hub or one of its services did not start:\n{hub.log()}")
    return hub


@contextlib.contextmanager
def running_hub(root: Path, **kw) -> Iterator[Hub]:
    hub = start_hub(root, **kw)
    try:
        yield hub
    finally:
        hub.stop()


@pytest.fixture(scope="session")
def course_hub(built_course, tmp_path_factory) -> Iterator[Hub]:
    """The deploy config's hub with everything in it, for the whole run: the course exchange, the course
    home, the learners' and instructors' JupyterLab, and the grading server over a course folder where
    four learners of a realistic cohort have handed in the stance module. Each test file that uses it
    has users of its own; the instructor is instructor1, as configured."""
    from tests.cohort import cohort, new_course, submit

    root = tmp_path_factory.mktemp("course-hub")
    grading = new_course(built_course, root / "grading-course")
    submit(grading, {s: {"01-stance": m["01-stance"]} for s, m in cohort(4).items() if "01-stance" in m})
    with running_hub(root, grader_course=grading) as hub:
        hub.add_user(INSTRUCTOR)
        yield hub


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

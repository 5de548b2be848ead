"""Shared fixtures: an isolated learner home, a built course, a Voilà server and a browser page.

Nothing here reads ../shared: the suite passes on a fresh clone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory, monkeypatch):
    """Each test gets its own settings folder, so a language choice never leaks between tests."""
    home = tmp_path_factory.mktemp("course-home")
    monkeypatch.setenv("BACKA_COURSE_HOME", str(home))
    return home


@pytest.fixture(scope="session")
def built_course(tmp_path_factory) -> Path:
    """nbgrader course folder with source/ and release/ for every module (built once per run)."""
    from coursekit.build import build

    return build(tmp_path_factory.mktemp("nbgrader-course"), only=only_modules())


def only_modules() -> list[str] | None:
    """BACKA_ONLY=stance,listening builds just those modules (for quick local runs)."""
    only = os.environ.get("BACKA_ONLY")
    return [m.strip() for m in only.split(",")] if only else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 60, token: str | None = None) -> None:
    deadline = time.time() + timeout
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(req, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


class VoilaServer:
    def __init__(
        self, learner: Path, home: Path, port: int, proc: subprocess.Popen, log: Path, token: str
    ) -> None:
        self.learner, self.home, self.port, self.proc, self.log = learner, home, port, proc, log
        self.token = token
        self.url = f"http://127.0.0.1:{port}"

    @property
    def home_url(self) -> str:
        """The address `make start` prints: the start page, with the token that admits the learner."""
        return f"{self.url}/?token={self.token}"

    def module_url(self, assignment: str, notebook: str, token: bool = True) -> str:
        """A module's dashboard; a fresh browser context needs the token, a signed-in one does not."""
        url = f"{self.url}/voila/render/{assignment}/{notebook}.ipynb"
        return f"{url}?token={self.token}" if token else url

    def api(self, path: str):
        """GET a JSON resource of the server's REST API (as the learner)."""
        import json

        req = urllib.request.Request(self.url + path, headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.load(resp)

    def answers(self, assignment: str) -> Path:
        return self.learner / assignment / "answers.json"

    def reset(self, assignment: str | None = None) -> None:
        """Forget saved answers (and the language choice) so a test starts fresh."""
        targets = (
            [self.learner / assignment] if assignment else [p for p in self.learner.iterdir() if p.is_dir()]
        )
        for folder in targets:
            for f in folder.glob("answers*"):
                f.unlink()
        (self.home / "settings.json").unlink(missing_ok=True)


@contextlib.contextmanager
def self_study_server(built_course, learner: Path, home: Path, log: Path, modules=None, **env):
    """The self-study dashboards exactly as `make start` serves them (its command, its token), on a free
    port, for `modules` (default: those of BACKA_ONLY, or all), with `env` added to the server's
    environment."""
    from coursekit.build import install_learner
    from coursekit.cli import new_token, serve_env, voila_command
    from coursekit.content import catalogue

    if modules is None:
        only = only_modules()
        modules = [m for m in catalogue() if not only or m.id in only]
    install_learner(built_course, learner, modules)
    port, token = free_port(), new_token()
    environ = serve_env(
        dict(os.environ, BACKA_COURSE_HOME=str(home), BACKA_LEARNER_DIR=str(learner), **env), token
    )
    with open(log, "w") as fh:
        proc = subprocess.Popen(
            voila_command(learner, port), cwd=learner, env=environ, stdout=fh, stderr=subprocess.STDOUT
        )
    server = VoilaServer(learner, home, port, proc, log, token)
    try:
        wait_http(server.url + "/api/status", token=token)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def voila(built_course, tmp_path_factory):
    """The self-study dashboards exactly as `make start` serves them, on a free port."""
    log = tmp_path_factory.mktemp("logs") / "voila.log"
    with self_study_server(
        built_course, tmp_path_factory.mktemp("learner"), tmp_path_factory.mktemp("voila-home"), log
    ) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium package.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


ARTIFACTS = REPO / "test-artifacts"
LOCAL_URL = re.compile(r"^(https?://(127\.0\.0\.1|localhost)(:\d+)?/|data:|blob:|about:)")


@pytest.fixture
def page(browser, request):
    """A fresh browser context; JavaScript errors on the page fail the test."""
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # Offline by design: the course may not fetch anything from outside this machine (no CDN).
    pg.on("request", lambda r: outside.append(r.url) if not LOCAL_URL.match(r.url) else None)
    pg.set_default_timeout(30_000)
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
        # Leave the page as a learner closing the tab would, so that its kernel is shut down.
        pg.close(run_before_unload=True)
    except Exception:
        pass
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not outside, f"the page fetched from outside this machine: {outside}"


def open_module(
    page,
    voila: VoilaServer,
    assignment: str,
    notebook: str,
    wait_for: str = ".backa-widget, .backa-reflection",
):
    """Open a module dashboard and wait until its widgets have rendered."""
    page.goto(voila.module_url(assignment, notebook))
    page.locator(wait_for).first.wait_for(state="visible", timeout=60_000)
    return page


def is_focused(page, selector: str) -> bool:
    return page.evaluate("(s) => { const a = document.activeElement; return !!a && a.matches(s); }", selector)


def focus_by_tab(page, selector: str, limit: int = 200, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if is_focused(page, selector):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"keyboard focus never reached {selector}")


def run(
    cmd: list[str], cwd: Path | None = None, env: dict | None = None, timeout: int = 600
) -> subprocess.CompletedProcess:
    """Run a command from the venv; on failure the assertion shows its output."""
    bindir = str(Path(sys.executable).parent)
    full_env = dict(os.environ, **(env or {}))
    full_env["PATH"] = bindir + os.pathsep + full_env.get("PATH", "")
    proc = subprocess.run(cmd, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, (
        f"{' '.join(map(str, cmd))} failed ({proc.returncode}):\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
    )
    return proc


def copytree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)


# The hub shared by the hub tests (tests/hubkit.py); imported here so that it is one for the whole run.
from tests.hubkit import course_hub  # noqa: E402, F401

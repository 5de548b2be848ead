"""A plain hub with real per-learner Unix accounts: hand-ins carry the real sender, and stay private.

The test creates two Unix accounts (useradd; removed afterwards), so it runs only as root, and CI runs
as root. JupyterHub starts from deploy/jupyterhub/jupyterhub_config.py with its own spawner, which runs
each learner's server as their Unix user in their home. Every learner command below runs as that
learner's Unix user, with their own server's environment.

What it proves, with real accounts:
- a hand-in is filed under the hub user whose server token sent it; `nbgrader submit --student <other>`
  is refused, so `nbgrader collect` gets each learner's own copy;
- the hand-ins are kept where no learner account can read or write them (the service's own 0700
  folder), and the exchange itself gives a learner nobody else's hand-in or feedback;
- a learner cannot borrow another's identity from their server (its environment holds the token) and
  cannot read another's working answers, because the hub makes each learner's home private.
What it does not cover: the instructor here is a hub user without a Unix account, working as root.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import pytest

from coursekit.build import write_config
from coursekit.content import module
from tests.conftest import REPO
from tests.hubkit import (
    COURSE,
    http,
    nbgrader,
    nbgrader_try,
    start_hub,
    system_nbgrader_config,
)
from tests.test_nbgrader_roundtrip import FIXTURES

pytestmark = pytest.mark.slow
INSTRUCTOR = "instructor1"
SCOPES = ["users:activity!user", "access:servers!server", "access:services!service=course-exchange"]
VENV = Path(sys.prefix)


def can_create_accounts() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "creating Unix accounts needs root (CI runs as root)"
    if not shutil.which("useradd") or not shutil.which("userdel"):
        return "useradd/userdel are not installed"
    return None


def as_user(uid: int, cmd: list[str], env: dict | None = None, cwd: str = "/") -> subprocess.CompletedProcess:
    return subprocess.run(
        cmd,
        user=uid,
        group=pwd.getpwuid(uid).pw_gid,
        extra_groups=[],
        env=env or {"PATH": "/usr/bin:/bin"},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def python_for(uid: int) -> tuple[str, dict[str, str]] | None:
    """A Python that a learner's account can run with the course installed.

    The test's own interpreter may live in a folder other accounts cannot enter (pyenv under /root);
    then the system's Python of the same version is used with the project's packages on its path.
    """
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    site = sysconfig.get_paths()["purelib"]
    fallback_env = {
        "PYTHONPATH": f"{REPO}:{site}",
        "JUPYTER_PATH": f"{VENV / 'share' / 'jupyter'}",
    }
    for exe, extra in ((sys.executable, {}), (f"/usr/bin/python{version}", fallback_env)):
        try:
            check = as_user(
                uid,
                [exe, "-c", "import coursekit.exchange.client, nbgrader.apps, jupyterhub.singleuser"],
                {"PATH": "/usr/bin:/bin", **extra},
            )
        except OSError:  # not there, or in a folder this account may not enter
            continue
        if check.returncode == 0:
            return exe, extra
    return None


@pytest.fixture(scope="module")
def accounts(built_course, tmp_path_factory):
    reason = can_create_accounts()
    if reason:
        pytest.skip(reason)
    pytest.importorskip("jupyterhub")
    from coursekit.cli import VOILA_FILES

    tag = secrets.token_hex(3)
    names = {"anna": f"bkanna{tag}", "bertil": f"bkbertil{tag}"}
    created: list[str] = []
    etc = Path(tempfile.mkdtemp(prefix="backa-exchange-etc-"))  # stands in for /etc/jupyter
    hub = None
    try:
        for unix in names.values():
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", unix], check=True)
            created.append(unix)
        uids = {k: pwd.getpwnam(v).pw_uid for k, v in names.items()}
        chosen = python_for(uids["anna"])
        if chosen is None:
            pytest.skip(
                f"no Python that other Unix accounts may run has the course installed ({sys.executable} "
                "is in a private folder, and the system Python cannot import the project from "
                f"{REPO}); real per-learner accounts cannot be tested on this machine"
            )
        python, extra_env = chosen
        os.chmod(etc, 0o755)
        system_nbgrader_config(etc)
        os.chmod(etc / "nbgrader_config.py", 0o644)

        root = tmp_path_factory.mktemp("unix-hub")
        m = module("stance")
        hub = start_hub(
            root,
            # JupyterHub's own LocalProcessSpawner (the deploy config's), just another command to start.
            f'c.Spawner.cmd = [{python!r}, "-m", "jupyterhub.singleuser"]',
            {
                "PATH": "/usr/bin:/bin",
                "JUPYTER_CONFIG_PATH": f"{VOILA_FILES}:{etc}:{VENV / 'etc' / 'jupyter'}",
                **{k: (f"{VOILA_FILES}:{v}" if k == "JUPYTER_PATH" else v) for k, v in extra_env.items()},
            },
        )
        for unix in names.values():
            hub.add_user(unix, f"nbgrader-{COURSE}")
        hub.add_user(INSTRUCTOR)
        envs = hub.start_servers(list(names.values()))
        env = {k: envs[v] for k, v in names.items()}
        home = {k: Path(pwd.getpwnam(v).pw_dir) for k, v in names.items()}
        pids = {k: hub.api(f"/users/{v}")["servers"][""]["state"]["pid"] for k, v in names.items()}

        course_dir = root / "instructor" / "course"
        shutil.copytree(
            built_course, course_dir, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
        )
        write_config(course_dir)
        instructor_env = dict(
            os.environ,
            JUPYTER_CONFIG_PATH=str(etc),
            HOME=str(root / "instructor"),
            COURSE_EXCHANGE_URL=env["anna"]["COURSE_EXCHANGE_URL"],
            JUPYTERHUB_API_TOKEN=hub.token_for(INSTRUCTOR, SCOPES),
        )
        nbgrader(instructor_env, course_dir, "release_assignment", m.assignment)

        answers = {
            "anna": json.loads((FIXTURES / m.assignment / "good.json").read_text()),
            "bertil": json.loads((FIXTURES / m.assignment / "partial.json").read_text()),
        }
        forged = (0, "")
        for who in ("anna", "bertil"):
            kw = {"user": uids[who], "python": python}
            nbgrader(env[who], home[who], "fetch_assignment", m.assignment, **kw)
            answers_file = home[who] / m.assignment / "answers.json"
            answers_file.write_text(json.dumps(answers[who], ensure_ascii=False))
            os.chown(answers_file, uids[who], pwd.getpwuid(uids[who]).pw_gid)
            os.chmod(answers_file, 0o644)  # as a careless umask would leave it
            nbgrader(env[who], home[who], "submit", m.assignment, **kw)
            if who == "bertil":
                forged = nbgrader_try(
                    env[who], home[who], "submit", m.assignment, "--student", names["anna"], **kw
                )
        nbgrader(instructor_env, course_dir, "collect", m.assignment)
        yield dict(
            hub=hub,
            m=m,
            names=names,
            uids=uids,
            env=env,
            home=home,
            pids=pids,
            python=python,
            course=course_dir,
            answers=answers,
            forged=forged,
            store=root / "exchange-store",
            api=f"{hub.exchange_url}/services/course-exchange/api/courses/{COURSE}",
            instructor_env=instructor_env,
            instructor_token=instructor_env["JUPYTERHUB_API_TOKEN"],
        )
    finally:
        if hub is not None:
            hub.stop_servers(list(names.values()))
            hub.stop()
        for unix in created:
            subprocess.run(["userdel", "--remove", unix], capture_output=True)
        shutil.rmtree(etc, ignore_errors=True)


def text(answers: dict) -> str:
    return answers["items"]["stance-experience"]["text"]


def test_hand_ins_carry_the_real_sender(accounts):
    a = accounts
    code, out = a["forged"]
    assert code != 0 and "you can only hand in as yourself" in out
    status, body = http(f"{a['api']}/hand-ins", a["instructor_token"])
    assert status == 200
    senders = sorted(h["student_id"] for h in json.loads(body))
    assert senders == sorted(a["names"].values())  # one each: the forged one was never stored
    for who, unix in a["names"].items():
        collected = a["course"] / "submitted" / unix / a["m"].assignment / "answers.json"
        assert json.loads(collected.read_text())["items"]["stance-experience"]["text"] == text(
            a["answers"][who]
        )


def test_one_learner_cannot_read_or_replace_another_hand_in(accounts):
    a, m = accounts, accounts["m"]
    bertil = a["uids"]["bertil"]
    token = a["env"]["bertil"]["JUPYTERHUB_API_TOKEN"]
    anna = a["names"]["anna"]
    status, body = http(f"{a['api']}/hand-ins?student={anna}", a["instructor_token"])
    hid = json.loads(body)[0]["id"]
    # Through the exchange, even with the exact id: refused.
    for method, path in [
        ("GET", f"hand-ins/{anna}/{m.assignment}/{hid}"),
        ("PUT", f"hand-ins/{anna}/{m.assignment}/{hid}"),
        ("POST", f"assignments/{m.assignment}/hand-in?student={anna}"),
        ("GET", f"feedback/{anna}/{m.assignment}"),
    ]:
        status, _ = http(f"{a['api']}/{path}", token, method, b"" if method != "GET" else None)
        assert status in (403, 405), f"{method} {path}: {status}"
    # On disk, the stored hand-ins are out of reach of every learner account.
    stored = next(a["store"].rglob("files.zip"))
    for attempt in (
        ["cat", str(stored)],
        ["ls", str(a["store"])],
        ["sh", "-c", f"echo forged > {stored}"],
        ["cat", str(a["home"]["anna"] / m.assignment / "answers.json")],  # her working copy
        ["cat", f"/proc/{a['pids']['anna']}/environ"],  # her server's token
    ):
        proc = as_user(bertil, attempt)
        assert proc.returncode != 0, f"{attempt} worked as bertil: {proc.stdout[:200]}"
        assert text(a["answers"]["anna"])[:40] not in proc.stdout
    assert oct(a["home"]["anna"].stat().st_mode & 0o777) == "0o700"  # the hub made it private


def test_each_learner_fetches_only_their_own_feedback(accounts):
    """Routing only (the full autograde → feedback path runs in test_exchange_isolation.py)."""
    a, m = accounts, accounts["m"]
    for who, unix in a["names"].items():
        folder = a["course"] / "feedback" / unix / m.assignment
        folder.mkdir(parents=True)
        shutil.copy(a["course"] / "submitted" / unix / m.assignment / "timestamp.txt", folder)
        (folder / f"{m.notebook}.html").write_text(f"<p>Feedback for {who}: {text(a['answers'][who])}</p>")
    nbgrader(a["instructor_env"], a["course"], "release_feedback", m.assignment)
    for who in ("anna", "bertil"):
        kw = {"user": a["uids"][who], "python": a["python"]}
        nbgrader(a["env"][who], a["home"][who], "fetch_feedback", m.assignment, **kw)
        pages = list((a["home"][who] / m.assignment / "feedback").rglob("*.html"))
        assert len(pages) == 1 and pages[0].stat().st_uid == a["uids"][who]
        assert pages[0].read_text().startswith(f"<p>Feedback for {who}:")
    out = nbgrader(
        a["env"]["bertil"],
        a["home"]["bertil"],
        "fetch_feedback",
        m.assignment,
        "--student",
        a["names"]["anna"],
        ok=False,
        user=a["uids"]["bertil"],
        python=a["python"],
    )
    assert "only fetch your own feedback" in out

"""Learners who share one Unix user, as in Zero to JupyterHub, cannot reach each other's work.

A real JupyterHub on loopback runs deploy/jupyterhub/jupyterhub_config.py with the course exchange
as its service and deploy/nbgrader_config.py as every server's nbgrader configuration. Two learners,
anna and bertil, get real single-user servers that all run as the same Unix user, like jovyan in every
Kubernetes pod. Each acts only with what their own pod gives them: their home, their server's
environment (its JupyterHub token) and the network. There is no shared exchange folder to mount any
more; on this test machine the service's files are on the same disk, which a pod cannot see.

Legitimate flow: release → fetch → submit → collect → autograde → generate and release feedback →
fetch feedback, with nbgrader's own commands and the Assignments tab's server API.
Refused: bertil listing hand-ins, reading anna's hand-in, replacing it (or the release), handing in
as anna, and fetching anna's feedback.
"""

from __future__ import annotations

import io
import json
import shutil
import types
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from coursekit.build import write_config
from coursekit.content import module
from tests.hubkit import (
    BIN,
    COURSE,
    TOKEN,
    http,
    nbgrader,
    nbgrader_try,
    shows_text_of,
    start_hub,
    system_nbgrader_config,
)
from tests.test_nbgrader_roundtrip import FIXTURES, expected_scores

pytestmark = pytest.mark.slow
INSTRUCTOR = "instructor1"  # in deploy/jupyterhub/jupyterhub_config.py's INSTRUCTORS
SCOPES = ["users:activity!user", "access:servers!server", "access:services!service=course-exchange"]


def text_of(answers_file: Path) -> str:
    return json.loads(answers_file.read_text())["items"]["stance-experience"]["text"]


@pytest.fixture(scope="module")
def course(built_course, tmp_path_factory):
    pytest.importorskip("jupyterhub")
    from coursekit.cli import VOILA_FILES

    m = module("stance")
    root = tmp_path_factory.mktemp("exchange-hub")
    homes = root / "home"
    etc = system_nbgrader_config(root / "etc-jupyter")
    hub = start_hub(
        root,
        "\n".join(
            [
                'c.JupyterHub.spawner_class = "simple"',
                f'c.SimpleLocalProcessSpawner.home_dir_template = "{homes}/{{username}}"',
                'c.Spawner.args = ["--allow-root"]',
            ]
        ),
        {
            "PATH": f"{BIN}:/usr/bin:/bin",
            "BACKA_COURSE_HOME": str(homes / "settings"),
            "JUPYTER_CONFIG_PATH": f"{VOILA_FILES}:{etc}",
        },
    )
    try:
        for name in ("anna", "bertil"):
            hub.add_user(name, f"nbgrader-{COURSE}")
        hub.add_user(INSTRUCTOR)
        envs = hub.start_servers(["anna", "bertil"])
        env = types.SimpleNamespace(anna=envs["anna"], bertil=envs["bertil"])
        home = types.SimpleNamespace(anna=Path(envs["anna"]["HOME"]), bertil=Path(envs["bertil"]["HOME"]))

        # The instructor works in a course folder in their own home, with their own hub token.
        course_dir = homes / INSTRUCTOR / "course"
        shutil.copytree(
            built_course, course_dir, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback")
        )
        write_config(course_dir)
        env.instructor = dict(
            env.anna,
            HOME=str(homes / INSTRUCTOR),
            JUPYTERHUB_USER=INSTRUCTOR,
            JUPYTERHUB_API_TOKEN=hub.token_for(INSTRUCTOR, SCOPES),
        )
        nbgrader(env.instructor, course_dir, "release_assignment", m.assignment)

        answers = {
            "anna": json.loads((FIXTURES / m.assignment / "good.json").read_text()),
            "bertil": json.loads((FIXTURES / m.assignment / "partial.json").read_text()),
        }
        for name in ("anna", "bertil"):
            nbgrader(getattr(env, name), getattr(home, name), "fetch_assignment", m.assignment)
            (getattr(home, name) / m.assignment / "answers.json").write_text(
                json.dumps(answers[name], ensure_ascii=False)
            )
            nbgrader(getattr(env, name), getattr(home, name), "submit", m.assignment)

        # bertil tries to hand in his own text under anna's name, after she handed in.
        forged = nbgrader_try(env.bertil, home.bertil, "submit", m.assignment, "--student", "anna")

        nbgrader(env.instructor, course_dir, "collect", m.assignment)
        nbgrader(env.instructor, course_dir, "autograde", m.assignment, "--force")
        nbgrader(env.instructor, course_dir, "generate_feedback", m.assignment, "--force")
        nbgrader(env.instructor, course_dir, "release_feedback", m.assignment)
        nbgrader(env.anna, home.anna, "fetch_feedback", m.assignment)

        hand_ins = json.loads(
            http(
                f"{hub.exchange_url}/services/course-exchange/api/courses/{COURSE}/hand-ins",
                env.instructor["JUPYTERHUB_API_TOKEN"],
            )[1]
        )
        yield types.SimpleNamespace(
            hub=hub,
            m=m,
            env=env,
            home=home,
            course=course_dir,
            answers=answers,
            forged=forged,
            hand_ins=hand_ins,
            api=f"{hub.exchange_url}/services/course-exchange/api/courses/{COURSE}",
        )
    finally:
        hub.stop()


def token(env: dict) -> str:
    return env["JUPYTERHUB_API_TOKEN"]


def anna_hand_in(c) -> dict:
    return next(h for h in c.hand_ins if h["student_id"] == "anna")


def test_the_legitimate_flow_works(course):
    c, m = course, course.m
    # Each learner's own text was collected under their own name and graded from it.
    for name in ("anna", "bertil"):
        submitted = c.course / "submitted" / name / m.assignment / "answers.json"
        assert text_of(submitted) == c.answers[name]["items"]["stance-experience"]["text"]
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{c.course / 'gradebook.db'}") as gb:
        for name in ("anna", "bertil"):
            for grade_id, points in expected_scores(m, c.answers[name]).items():
                assert gb.find_grade(grade_id, m.notebook, m.assignment, name).auto_score == pytest.approx(
                    points
                )
    # anna fetched her feedback, into nbgrader's usual place; it shows her text, not bertil's.
    feedback = list((c.home.anna / m.assignment / "feedback").glob(f"*/{m.notebook}.html"))
    assert len(feedback) == 1
    html = feedback[0].read_text()
    assert shows_text_of(html, c.answers["anna"]) and not shows_text_of(html, c.answers["bertil"])
    assert feedback[0].parent.name == anna_hand_in(c)["timestamp"]  # the submission it belongs to

    # The Assignments tab (nbgrader's server extension in anna's own server) sees the same exchange.
    req = urllib.request.Request(f"{c.hub.base}/user/anna/assignments?course_id={COURSE}")
    req.add_header("Authorization", f"token {TOKEN}")
    with urllib.request.urlopen(req, timeout=60) as resp:
        listing = json.loads(resp.read())
    assert listing["success"], listing
    mine = {(a["assignment_id"], a["status"]): a for a in listing["value"]}
    assert (m.assignment, "fetched") in mine
    subs = mine[(m.assignment, "submitted")]["submissions"]
    assert [s["student_id"] for s in subs] == ["anna"]
    assert subs[0]["has_local_feedback"] and subs[0]["has_exchange_feedback"]


def test_a_learner_cannot_list_hand_ins(course):
    c = course
    out = nbgrader(c.env.bertil, c.home.bertil, "list", "--inbound", ok=False)
    assert "Only the instructors" in out and "anna" not in out
    status, body = http(f"{c.api}/hand-ins", token(c.env.bertil))
    assert status == 403 and b"anna" not in body
    # Listing his own hand-ins shows only his.
    out = nbgrader(c.env.bertil, c.home.bertil, "list", "--cached")
    assert "bertil" in out and "anna" not in out
    status, _ = http(f"{c.api}/my/hand-ins?student=anna", token(c.env.bertil))
    assert status == 403


def test_a_learner_cannot_read_another_hand_in(course):
    c, m = course, course.m
    hid = anna_hand_in(c)["id"]  # even knowing the exact id does not help
    status, body = http(f"{c.api}/hand-ins/anna/{m.assignment}/{hid}", token(c.env.bertil))
    assert status == 403 and b"PK" not in body[:2]
    # Running the instructor's collect in a course folder of his own gets him nothing.
    scratch = c.home.bertil / "my-course"
    write_config(scratch)
    out = nbgrader(c.env.bertil, scratch, "collect", m.assignment, ok=False)
    assert "Only the instructors" in out
    assert not (scratch / "submitted").exists()
    # Nor does a path trick in the URL.
    for path in (f"hand-ins/anna/{m.assignment}/..%2F..%2F..", f"hand-ins/..%2Fanna/{m.assignment}/{hid}"):
        status, _ = http(f"{c.api}/{path}", token(c.env.bertil))
        assert status in (400, 403, 404)


def test_a_learner_cannot_replace_another_hand_in(course):
    c, m = course, course.m
    forged = io.BytesIO()
    with zipfile.ZipFile(forged, "w") as zf:
        zf.writestr("answers.json", json.dumps(c.answers["bertil"]))
        zf.writestr(f"{m.notebook}.ipynb", (c.home.bertil / m.assignment / f"{m.notebook}.ipynb").read_text())
    hid = anna_hand_in(c)["id"]
    for method, path in [
        ("PUT", f"hand-ins/anna/{m.assignment}/{hid}"),
        ("POST", f"hand-ins/anna/{m.assignment}/{hid}"),
        ("DELETE", f"hand-ins/anna/{m.assignment}/{hid}"),
        ("POST", f"assignments/{m.assignment}/hand-in?student=anna"),
        ("PUT", f"assignments/{m.assignment}?force=1"),  # the release everyone fetches
        ("DELETE", f"assignments/{m.assignment}"),
        ("PUT", f"feedback/anna/{m.assignment}?timestamp={quote(anna_hand_in(c)['timestamp'])}"),
    ]:
        status, _ = http(f"{c.api}/{path}", token(c.env.bertil), method, forged.getvalue())
        assert status in (403, 405), f"{method} {path} answered {status}"
    out = nbgrader(c.env.bertil, c.home.bertil, "release_assignment", m.assignment, ok=False)
    assert "Only the instructors" in out or "not found" in out.lower()
    # After all that, collecting again still gives anna's own text.
    nbgrader(c.env.instructor, c.course, "collect", m.assignment, "--update")
    assert (
        text_of(c.course / "submitted" / "anna" / m.assignment / "answers.json")
        == (c.answers["anna"]["items"]["stance-experience"]["text"])
    )
    status, body = http(f"{c.api}/hand-ins?student=anna", token(c.env.instructor))
    assert [h["id"] for h in json.loads(body)] == [hid]


def test_a_learner_cannot_hand_in_as_another(course):
    c, m = course, course.m
    code, out = c.forged
    assert code != 0 and "you can only hand in as yourself" in out
    # The exchange holds exactly one hand-in per learner, each under the name of its sender.
    assert sorted(h["student_id"] for h in c.hand_ins) == ["anna", "bertil"]
    collected = c.course / "submitted" / "anna" / m.assignment / "answers.json"
    assert text_of(collected) == c.answers["anna"]["items"]["stance-experience"]["text"]


def test_a_learner_cannot_fetch_another_feedback(course):
    c, m = course, course.m
    out = nbgrader(c.env.bertil, c.home.bertil, "fetch_feedback", m.assignment, "--student", "anna", ok=False)
    assert "only fetch your own feedback" in out
    for path in (f"feedback/anna/{m.assignment}", f"my/feedback/{m.assignment}?student=anna"):
        status, body = http(f"{c.api}/{path}", token(c.env.bertil))
        assert status == 403 and b"PK" not in body[:2]
    # His own fetch brings only his own feedback.
    nbgrader(c.env.bertil, c.home.bertil, "fetch_feedback", m.assignment)
    pages = list((c.home.bertil / m.assignment / "feedback").rglob("*.html"))
    assert len(pages) == 1
    assert shows_text_of(pages[0].read_text(), c.answers["bertil"])
    assert not shows_text_of(pages[0].read_text(), c.answers["anna"])


def test_someone_not_enrolled_is_told_so(course):
    c = course
    c.hub.add_user("carl")  # signed in to the hub, but in no course group
    status, body = http(f"{c.api}/assignments", c.hub.token_for("carl", ["read:users:name!user"]))
    assert (
        status == 403
        and json.loads(body)["code"] == "not-enrolled"
        and "not enrolled" in json.loads(body)["message"]
    )
    status, _ = http(f"{c.api}/assignments", "not-a-token")
    assert status == 401

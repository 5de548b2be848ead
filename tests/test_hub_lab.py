"""On a real JupyterHub (deploy/jupyterhub): a learner's JupyterLab has the course style and only the
learners' nbgrader parts; an instructor (the formgrade group) also gets the formgrader and authoring.

Uses the hub of tests/test_jupyterhub.py (same configuration, loopback, test login).
"""

from __future__ import annotations

import html
import json
import re
import time
import urllib.error
import urllib.request

import pytest

from tests.test_jupyterhub import LEARNER, TOKEN, api, hub  # noqa: F401 (hub is the fixture)

pytestmark = [pytest.mark.slow]

INSTRUCTOR = "instructor1"  # in formgrade-backa-dialogue, as deploy/jupyterhub names it
INSTRUCTOR_PARTS = {
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
}


def start_server(base: str, user: str, root) -> None:
    try:
        api(base, f"/users/{user}", "POST")
    except urllib.error.HTTPError as e:
        if e.code != 409:  # 409: the user exists already (the hub config lists the instructor)
            raise
    if not api(base, f"/users/{user}")["servers"].get("", {}).get("ready"):
        api(base, f"/users/{user}/server", "POST")
    deadline = time.time() + 150
    while time.time() < deadline:
        if api(base, f"/users/{user}")["servers"].get("", {}).get("ready"):
            return
        time.sleep(1)
    pytest.fail(f"{user}'s server did not start:\n{(root / 'hub.log').read_text()[-3000:]}")


def fetch(base: str, path: str) -> tuple[int, str]:
    req = urllib.request.Request(f"{base}{path}")
    req.add_header("Authorization", f"token {TOKEN}")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, ""


def lab_page(base: str, user: str) -> tuple[set[str], str]:
    """The lab extensions turned off for `user`, and the page itself."""
    status, page = fetch(base, f"/user/{user}/lab")
    assert status == 200, status
    data = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
    return set(json.loads(html.unescape(data[1]))["disabledExtensions"]), page


def test_learners_get_the_learner_lab_and_instructors_the_formgrader(hub):  # noqa: F811
    base, _, root = hub
    start_server(base, LEARNER, root)
    start_server(base, INSTRUCTOR, root)

    disabled, page = lab_page(base, LEARNER)
    assert INSTRUCTOR_PARTS <= disabled
    assert f"/user/{LEARNER}/custom/custom.css" in page  # which imports the course style
    assert fetch(base, f"/user/{LEARNER}/formgrader")[0] == 404
    status, css = fetch(base, f"/user/{LEARNER}/backa-course/lab.css")
    assert status == 200 and ".jp-Cell-inputWrapper" in css and 'lang="sv"' in css

    assert not INSTRUCTOR_PARTS & lab_page(base, INSTRUCTOR)[0]
    assert fetch(base, f"/user/{INSTRUCTOR}/formgrader")[0] == 200

"""On a real JupyterHub (deploy/jupyterhub): a learner's JupyterLab has the course style and only the
learners' nbgrader parts; an instructor (the formgrade group) also gets the formgrader and authoring.

Uses tests/hubkit.py's shared hub (the deploy configuration, loopback, test login).
"""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request

import pytest

from tests.hubkit import INSTRUCTOR, LEARNERS_GROUP, TOKEN
from tests.test_jupyterhub import LEARNER

pytestmark = [pytest.mark.slow]

INSTRUCTOR_PARTS = {
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
}


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


def test_learners_get_the_learner_lab_and_instructors_the_formgrader(course_hub):
    base = course_hub.base
    course_hub.add_user(LEARNER, LEARNERS_GROUP)
    course_hub.start_servers([LEARNER, INSTRUCTOR])

    disabled, page = lab_page(base, LEARNER)
    assert INSTRUCTOR_PARTS <= disabled
    assert f"/user/{LEARNER}/custom/custom.css" in page  # which imports the course style
    assert fetch(base, f"/user/{LEARNER}/formgrader")[0] == 404
    status, css = fetch(base, f"/user/{LEARNER}/backa-course/lab.css")
    assert status == 200 and ".jp-Cell-inputWrapper" in css and 'lang="sv"' in css

    assert not INSTRUCTOR_PARTS & lab_page(base, INSTRUCTOR)[0]
    assert fetch(base, f"/user/{INSTRUCTOR}/formgrader")[0] == 200

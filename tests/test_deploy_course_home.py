"""Learners land on the course home wherever the course is deployed: the JupyterHub configuration, Zero
to JupyterHub and the image agree on where it is and enable what writes it."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import tomllib
import yaml

from coursekit.cli import VOILA_FILES
from coursekit.hub_home import CONFIG_DIR, HOME_NOTEBOOK
from tests.test_deploy import DEPLOY, REPO, load_py_config

HOME_URL = f"/voila/render/{HOME_NOTEBOOK}"


def test_the_hub_starts_learners_on_the_course_home():
    hub = load_py_config(DEPLOY / "jupyterhub" / "jupyterhub_config.py")
    assert hub.Spawner.default_url == HOME_URL
    config_path = hub.Spawner.environment["JUPYTER_CONFIG_PATH"]  # a function of the spawner (per group)
    for groups in ([], [SimpleNamespace(name="formgrade-backa-dialogue")]):
        paths = config_path(SimpleNamespace(user=SimpleNamespace(groups=groups))).split(":")
        assert paths[-2:] == [str(VOILA_FILES), str(CONFIG_DIR)]  # the full order: tests/test_labview.py
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    assert values["singleuser"]["defaultUrl"] == HOME_URL


def test_the_server_extension_that_writes_the_home_is_enabled_and_packaged():
    (enabling,) = (CONFIG_DIR / "jupyter_server_config.d").glob("*.json")
    assert json.loads(enabling.read_text())["ServerApp"]["jpserver_extensions"] == {
        "coursekit.hub_home": True
    }
    from coursekit import hub_home

    assert hub_home._jupyter_server_extension_points() == [{"module": "coursekit.hub_home"}]
    package_data = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "hub/jupyter_server_config.d/*.json" in package_data["coursekit"]


def test_the_image_points_jupyter_at_the_course_settings():
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    installed = "/opt/backa-course"
    env = dict(re.findall(r"(JUPYTER_(?:CONFIG_)?PATH)=(\S+)", dockerfile))
    as_installed = {p: f"{installed}/{p.relative_to(REPO)}" for p in (VOILA_FILES, CONFIG_DIR)}
    assert env["JUPYTER_PATH"] == as_installed[VOILA_FILES]
    assert env["JUPYTER_CONFIG_PATH"].split(":")[-2:] == [as_installed[VOILA_FILES], as_installed[CONFIG_DIR]]

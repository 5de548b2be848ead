"""The learners' JupyterLab set-up: stylesheet, custom.css, configuration folders, and the hub wiring."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import yaml

from coursekit.cli import lab_env
from coursekit.labview import (
    BEGIN,
    END,
    INSTRUCTOR_CONFIG,
    LEARNER_CONFIG,
    install_custom_css,
    lab_css,
)
from tests.test_deploy import DEPLOY, REPO, load_py_config

NBGRADER_INSTRUCTOR_LAB = {
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
}
NBGRADER_INSTRUCTOR_SERVER = {
    "nbgrader.server_extensions.formgrader",
    "nbgrader.server_extensions.course_list",
}


def test_the_stylesheet_shows_the_chosen_language_only():
    en = lab_css("en")
    assert '.backa-text-lang[lang="en"] { display: block !important; }' in en
    assert '.backa-text-lang:not([lang="en"]) { display: none !important; }' in en
    assert '.backa-text-lang:not([lang="sv"])' in lab_css("sv")
    assert ".jp-Cell-inputWrapper" in en  # the code of course cells


def test_custom_css_imports_the_course_style_and_keeps_the_users_rules(tmp_path):
    own = tmp_path / "custom" / "custom.css"
    own.parent.mkdir()
    own.write_text("body { font-size: 18px; }\n")
    install_custom_css(tmp_path)
    install_custom_css(tmp_path)  # every server start: still one block
    text = own.read_text()
    assert text.startswith(BEGIN)  # @import must come first in a stylesheet
    assert text.count(BEGIN) == 1 and text.count(END) == 1
    assert '@import url("../backa-course/lab.css");' in text
    assert text.endswith("body { font-size: 18px; }\n")


def test_custom_css_is_created_for_a_new_user(tmp_path):
    path = install_custom_css(tmp_path / "new")
    assert path.read_text().startswith(BEGIN)


def page_config(folder: Path) -> dict:
    return json.loads((folder / "labconfig" / "page_config.json").read_text())["disabledExtensions"]


def server_extensions(folder: Path) -> dict:
    found: dict = {}
    for f in sorted((folder / "jupyter_server_config.d").glob("*.json")):
        found.update(json.loads(f.read_text())["ServerApp"]["jpserver_extensions"])
    return found


def test_learners_get_nbgraders_learner_parts_and_instructors_all():
    assert {k for k, v in page_config(LEARNER_CONFIG).items() if v} == NBGRADER_INSTRUCTOR_LAB
    assert {k for k, v in page_config(INSTRUCTOR_CONFIG).items() if not v} == NBGRADER_INSTRUCTOR_LAB
    learner = server_extensions(LEARNER_CONFIG)
    assert learner["coursekit.labview"] is True
    assert {k for k, v in learner.items() if not v} == NBGRADER_INSTRUCTOR_SERVER
    assert {k for k, v in server_extensions(INSTRUCTOR_CONFIG).items() if v} == NBGRADER_INSTRUCTOR_SERVER
    assert json.loads((LEARNER_CONFIG / "jupyter_server_config.json").read_text())["LabApp"]["custom_css"]


def test_backa_course_lab_runs_jupyterlab_as_a_learner():
    env = lab_env({"JUPYTER_CONFIG_PATH": "/elsewhere"})
    paths = env["JUPYTER_CONFIG_PATH"].split(os.pathsep)
    assert paths[0] == str(LEARNER_CONFIG) and paths[-1] == "/elsewhere"


def spawner(*groups: str):
    return SimpleNamespace(user=SimpleNamespace(groups=[SimpleNamespace(name=g) for g in groups]))


def test_the_hub_gives_instructors_nbgraders_instructor_parts():
    hub = load_py_config(DEPLOY / "jupyterhub" / "jupyterhub_config.py")
    config_path = hub.Spawner.environment["JUPYTER_CONFIG_PATH"]
    learner = config_path(spawner("nbgrader-backa-dialogue")).split(os.pathsep)
    instructor = config_path(spawner("formgrade-backa-dialogue")).split(os.pathsep)
    assert learner[0] == str(LEARNER_CONFIG) and str(INSTRUCTOR_CONFIG) not in learner
    assert instructor[:2] == [str(INSTRUCTOR_CONFIG), str(LEARNER_CONFIG)]
    assert learner[1:] == instructor[2:] == [hub.Spawner.environment["JUPYTER_PATH"]]  # the Voilà settings


def test_the_image_and_z2jh_agree_with_the_repository():
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    image_env = dict(
        line.strip().rstrip("\\").strip().split("=", 1)
        for line in dockerfile.split("ENV ", 1)[1].splitlines()[:2]
    )
    installed = Path("/opt/backa-course")

    def in_repo(path: str) -> Path:
        return REPO / Path(path).relative_to(installed)

    image_paths = image_env["JUPYTER_CONFIG_PATH"].split(":")
    assert [in_repo(p) for p in image_paths] == [LEARNER_CONFIG, REPO / "coursekit" / "voila"]
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    cfg = SimpleNamespace(KubeSpawner=SimpleNamespace(environment={}))
    exec(values["hub"]["extraConfig"]["backa-lab"], {"c": cfg})
    config_path = cfg.KubeSpawner.environment["JUPYTER_CONFIG_PATH"]
    assert config_path(spawner()).split(":") == image_paths
    instructor = config_path(spawner("formgrade-backa-dialogue")).split(":")
    assert [in_repo(p) for p in instructor] == [INSTRUCTOR_CONFIG, *[in_repo(p) for p in image_paths]]
    assert all(in_repo(p).is_dir() for p in instructor)

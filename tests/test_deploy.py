"""The JupyterHub and Zero to JupyterHub configuration agrees with itself and with the course."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from traitlets.config import Config

from coursekit.build import NBGRADER_CONFIG

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"


def load_py_config(path: Path) -> Config:
    cfg = Config()
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: cfg})
    return cfg


def test_system_nbgrader_config_matches_the_course_config():
    system = load_py_config(DEPLOY / "nbgrader_config.py")
    course = Config()
    exec(NBGRADER_CONFIG.format(course_id="backa-dialogue", root="/x"), {"get_config": lambda: course})
    assert system.CourseDirectory.course_id == course.CourseDirectory.course_id
    assert system.CourseDirectory.ignore == course.CourseDirectory.ignore
    assert "answers.json" not in system.CourseDirectory.ignore  # the learners' work must be submitted


def test_z2jh_mounts_the_exchange_where_nbgrader_looks():
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    single = values["singleuser"]
    mounts = {m["name"]: m["mountPath"] for m in single["storage"]["extraVolumeMounts"]}
    system = load_py_config(DEPLOY / "nbgrader_config.py")
    assert mounts["nbgrader-exchange"] == system.Exchange.root
    inline = Config()
    exec(single["extraFiles"]["nbgrader-config"]["stringData"], {"get_config": lambda: inline})
    assert inline.Exchange.root == system.Exchange.root
    assert inline.CourseDirectory.ignore == system.CourseDirectory.ignore
    claim = yaml.safe_load((DEPLOY / "z2jh" / "exchange-pvc.yaml").read_text())
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]
    volume = next(v for v in single["storage"]["extraVolumes"] if v["name"] == "nbgrader-exchange")
    assert volume["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]


def test_groups_follow_nbgraders_naming_for_the_course():
    hub = load_py_config(DEPLOY / "jupyterhub" / "jupyterhub_config.py")
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    course = load_py_config(DEPLOY / "nbgrader_config.py").CourseDirectory.course_id
    expected = {f"formgrade-{course}", f"nbgrader-{course}"}
    assert set(hub.JupyterHub.load_groups) == expected
    assert set(values["hub"]["config"]["JupyterHub"]["load_groups"]) == expected


def test_image_installs_the_pinned_project():
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    assert re.search(r"pip install .*-e /opt/backa-course", dockerfile)
    assert "deploy/nbgrader_config.py /etc/jupyter/nbgrader_config.py" in dockerfile


def test_every_nbgrader_config_cleans_learner_html_and_loads_no_cdn():
    from coursekit.safe_html import template_basedirs

    course = Config()
    exec(NBGRADER_CONFIG.format(course_id="backa-dialogue", root="/x"), {"get_config": lambda: course})
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    inline = Config()
    exec(values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"], {"get_config": lambda: inline})
    for cfg in (course, load_py_config(DEPLOY / "nbgrader_config.py"), inline):
        assert cfg.HTMLExporter.preprocessors == ["coursekit.safe_html.SanitizeNotebook"]
        assert cfg.HTMLExporter.filters == {"markdown2html": "coursekit.safe_html.markdown2html"}
        assert cfg.HTMLExporter.extra_template_basedirs == template_basedirs()
    for folder in template_basedirs()[:1]:
        assert (Path(folder) / "base" / "mathjax.html.j2").exists()

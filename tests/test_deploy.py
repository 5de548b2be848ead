"""The JupyterHub and Zero to JupyterHub configuration agrees with itself and with the course."""

from __future__ import annotations

import re
from importlib import import_module
from pathlib import Path
from urllib.parse import urlparse

import tomllib
import yaml
from traitlets.config import Config, LazyConfigValue

from coursekit.build import NBGRADER_CONFIG

REPO = Path(__file__).resolve().parents[1]
DEPLOY = REPO / "deploy"
SERVICE = "course-exchange"
ACCESS = f"access:services!service={SERVICE}"


def load_py_config(path: Path) -> Config:
    cfg = Config()
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: cfg})
    return cfg


def value(v, initial):
    """A config value, whether set outright or added to (c.X.y.append(...))."""
    return v.get_value(initial) if isinstance(v, LazyConfigValue) else v


def z2jh() -> tuple[dict, list[dict]]:
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    objects = list(yaml.safe_load_all((DEPLOY / "z2jh" / "course-exchange.yaml").read_text()))
    return values, objects


def test_system_nbgrader_config_matches_the_course_config():
    system = load_py_config(DEPLOY / "nbgrader_config.py")
    course = Config()
    text = NBGRADER_CONFIG.format(course_id="backa-dialogue", root="/x", assignments=["01-stance"])
    exec(text, {"get_config": lambda: course})
    assert system.CourseDirectory.course_id == course.CourseDirectory.course_id
    # The course folder also keeps an instructor's own answers in source/ from release (absolute
    # patterns, which match nothing on a learner's server).
    names = [p for p in course.CourseDirectory.ignore if not p.startswith("/x/source/")]
    assert system.CourseDirectory.ignore == names
    assert "answers.json" not in system.CourseDirectory.ignore  # the learners' work must be submitted


def test_nbgrader_uses_the_course_exchange_for_every_step():
    from nbgrader.exchange import ExchangeFactory, abc

    factory = ExchangeFactory(config=load_py_config(DEPLOY / "nbgrader_config.py"))
    steps = {
        "exchange": abc.Exchange,
        "fetch_assignment": abc.ExchangeFetchAssignment,
        "fetch_feedback": abc.ExchangeFetchFeedback,
        "release_assignment": abc.ExchangeReleaseAssignment,
        "release_feedback": abc.ExchangeReleaseFeedback,
        "list": abc.ExchangeList,
        "submit": abc.ExchangeSubmit,
        "collect": abc.ExchangeCollect,
    }
    for step, base in steps.items():
        cls = getattr(factory, step)
        assert cls.__module__ == "coursekit.exchange.client", f"{step} is still {cls}"
        assert issubclass(cls, base)


def test_z2jh_user_pods_get_the_same_nbgrader_config_and_no_shared_folder():
    values, _ = z2jh()
    single = values["singleuser"]
    inline = Config()
    exec(single["extraFiles"]["nbgrader-config"]["stringData"], {"get_config": lambda: inline})
    assert inline == load_py_config(DEPLOY / "nbgrader_config.py")
    # Nothing shared between user pods: no exchange volume (each pod still has its own home).
    assert not single.get("storage", {}).get("extraVolumes")
    assert not single.get("storage", {}).get("extraVolumeMounts")


def test_z2jh_wires_the_course_exchange_service():
    values, objects = z2jh()
    kinds = {o["kind"]: o for o in objects}
    deployment, service, claim = kinds["Deployment"], kinds["Service"], kinds["PersistentVolumeClaim"]
    port = service["spec"]["ports"][0]["port"]
    # User pods find it by the Service's name and port, under the prefix the service serves.
    url = urlparse(values["singleuser"]["extraEnv"]["COURSE_EXCHANGE_URL"])
    assert (url.hostname, url.port, url.path) == (service["metadata"]["name"], port, f"/services/{SERVICE}/")
    hub_service = values["hub"]["services"][SERVICE]
    assert urlparse(hub_service["url"]).hostname == service["metadata"]["name"]
    assert urlparse(hub_service["url"]).port == port
    # Its token is the one the chart made for the service of that name.
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e for e in container["env"]}
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {
        "name": "hub",
        "key": f"hub.services.{SERVICE}.apiToken",
    }
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == SERVICE
    assert f"--url=http://0.0.0.0:{port}" in container["command"]
    # Its volume is its own: mounted in this pod and in no user pod.
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    volume = next(v for v in deployment["spec"]["template"]["spec"]["volumes"] if v["name"] == "store")
    assert volume["persistentVolumeClaim"]["claimName"] == claim["metadata"]["name"]
    assert f"--root={mounts['store']}" in container["command"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert labels["hub.jupyter.org/network-access-hub"] == "true"
    # User pods may reach it through their network policy, and their tokens may use it.
    egress = values["singleuser"]["networkPolicy"]["egress"]
    assert any(
        peer.get("podSelector", {}).get("matchLabels", {}).items() <= labels.items()
        and {"port": port, "protocol": "TCP"} in rule["ports"]
        for rule in egress
        for peer in rule["to"]
    )
    assert ACCESS in values["hub"]["config"]["Spawner"]["server_token_scopes"]
    role = values["hub"]["loadRoles"]["course-exchange-users"]
    assert role["scopes"] == [ACCESS]
    assert set(role["groups"]) == set(values["hub"]["config"]["JupyterHub"]["load_groups"])


def test_the_hub_runs_the_course_exchange_and_tells_servers_where_it_is():
    hub = load_py_config(DEPLOY / "jupyterhub" / "jupyterhub_config.py")
    services = {s["name"]: s for s in value(hub.JupyterHub.services, [])}
    exchange = services[SERVICE]
    assert exchange["command"][1:3] == ["-m", "coursekit.exchange.service"]
    assert hub.Spawner.environment["COURSE_EXCHANGE_URL"] == f"{exchange['url']}/services/{SERVICE}/"
    assert ACCESS in hub.Spawner.server_token_scopes
    # Which also keeps JupyterHub's own server scopes.
    assert {"users:activity!user", "access:servers!server"} <= set(hub.Spawner.server_token_scopes)
    roles = {r["name"]: r for r in value(hub.JupyterHub.load_roles, [])}
    assert roles["course-exchange-users"]["scopes"] == [ACCESS]
    assert set(roles["course-exchange-users"]["groups"]) == set(hub.JupyterHub.load_groups)
    assert callable(hub.LocalProcessSpawner.pre_spawn_hook)


def test_groups_follow_nbgraders_naming_for_the_course():
    hub = load_py_config(DEPLOY / "jupyterhub" / "jupyterhub_config.py")
    values, _ = z2jh()
    course = load_py_config(DEPLOY / "nbgrader_config.py").CourseDirectory.course_id
    expected = {f"formgrade-{course}", f"nbgrader-{course}"}
    assert set(hub.JupyterHub.load_groups) == expected
    assert set(values["hub"]["config"]["JupyterHub"]["load_groups"]) == expected
    # The course exchange tells instructors and learners apart by these same names.
    service = import_module("coursekit.exchange.service")
    assert {
        service.INSTRUCTOR_GROUP.format(course=course),
        service.LEARNER_GROUP.format(course=course),
    } == expected


def test_image_installs_the_pinned_project():
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    assert re.search(r'pip install .*-e "/opt/backa-course\[hub\]"', dockerfile)
    assert "deploy/nbgrader_config.py /etc/jupyter/nbgrader_config.py" in dockerfile


def test_the_hub_extra_pins_the_jupyterhub_the_tests_use():
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    pins = {re.split("==", r)[0]: r for r in extras["test"]}
    assert extras["hub"] == [pins["jupyterhub"]]


def test_every_nbgrader_config_cleans_learner_html_and_loads_no_cdn():
    from coursekit.safe_html import template_basedirs

    course = Config()
    text = NBGRADER_CONFIG.format(course_id="backa-dialogue", root="/x", assignments=["01-stance"])
    exec(text, {"get_config": lambda: course})
    values = yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())
    inline = Config()
    exec(values["singleuser"]["extraFiles"]["nbgrader-config"]["stringData"], {"get_config": lambda: inline})
    for cfg in (course, load_py_config(DEPLOY / "nbgrader_config.py"), inline):
        assert cfg.HTMLExporter.preprocessors == ["coursekit.safe_html.SanitizeNotebook"]
        assert cfg.HTMLExporter.filters == {"markdown2html": "coursekit.safe_html.markdown2html"}
        assert cfg.HTMLExporter.extra_template_basedirs == template_basedirs()
    for folder in template_basedirs()[:1]:
        assert (Path(folder) / "base" / "mathjax.html.j2").exists()

"""environment.yml and pyproject.toml name the same pinned stack."""

from __future__ import annotations

import re
from pathlib import Path

import tomllib
import yaml

REPO = Path(__file__).resolve().parents[1]
WIDGET_STACK = {"jupyterlab", "ipywidgets", "jupyterlab_widgets", "voila", "nbgrader", "anywidget"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def pins_from(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for req in requirements:
        m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)\s*", req)
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    py_pins = pins_from(project["dependencies"])
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip_list = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    env_pins = pins_from([r for r in pip_list if not r.startswith("-")])
    assert env_pins == py_pins


def test_widget_stack_is_pinned_exactly():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pins = pins_from(project["dependencies"])
    assert {_norm(n) for n in WIDGET_STACK} <= set(pins)


def test_installed_versions_match_the_pins():
    from importlib.metadata import version

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    for name, pinned in pins_from(project["dependencies"]).items():
        assert version(name) == pinned, f"{name}: installed {version(name)}, pinned {pinned}"


def test_every_pinned_dependency_is_used():
    """A pinned runtime dependency is imported somewhere in the project (or is part of the notebook
    stack that is run rather than imported). Unused pins cost every install."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    # run as applications or loaded by Jupyter, not imported by our code
    # (ipywidgets: the widget protocol anywidget and the dashboards run on; nbconvert: run by nbgrader, voila)
    served = {
        "jupyterlab",
        "notebook",
        "jupyterlab_widgets",
        "widgetsnbextension",
        "voila",
        "ipykernel",
        "ipywidgets",
        "nbconvert",
    }
    imports = {"py3langid": "py3langid", "markdown_it_py": "markdown_it", "jupytext": "jupytext"}
    sources = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for folder in ("grading", "coursekit", "widgets", "tests", "benchmarks")
        for p in (REPO / folder).rglob("*.py")
    )
    for name in pins_from(project["dependencies"]):
        if name in served:
            continue
        module = imports.get(name, name)
        assert re.search(rf"^\s*(import|from)\s+{module}\b", sources, re.M), (
            f"{name} is pinned but never imported"
        )


def test_nothing_slows_every_notebook_import():
    """jsonschema 4.24+ depends on rfc3987-syntax, which builds dozens of parsers as soon as nbformat
    is imported (1–2 s in every nbgrader command, autograde run and server start). The constraint in
    pyproject.toml keeps it out; this fails if a change of pins brings it back."""
    from importlib.util import find_spec

    assert find_spec("rfc3987_syntax") is None

"""Every source notebook and every generated learner notebook executes headless, in both languages."""

from __future__ import annotations

import html
import shutil

import nbformat
import pytest
from nbclient import NotebookClient

from coursekit import settings
from coursekit.build import source_notebook
from coursekit.content import catalogue, module_text
from tests.conftest import only_modules

pytestmark = pytest.mark.slow


def modules():
    only = only_modules()
    return [m for m in catalogue() if not only or m.id in only]


def outputs_text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                pytest.fail(f"cell raised {out['ename']}: {out['evalue']}\n{cell.source}")
            parts.append(out.get("text", ""))
            parts.extend(str(v) for v in out.get("data", {}).values())
    return "\n".join(parts)


def execute(path):
    nb = nbformat.read(path, as_version=4)
    NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return nb


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("version", ["source", "release"])
def test_module_notebooks_execute(built_course, tmp_path, lang, version):
    settings.set_lang(lang)
    for m in modules():
        folder = tmp_path / m.assignment
        shutil.copytree(built_course / version / m.assignment, folder)
        nb = execute(folder / m.notebook_file)
        text = outputs_text(nb)
        title = module_text(m.id, lang).title
        assert html.escape(title) in text, (
            f"{m.assignment} ({version}, {lang}) does not show its {lang} title"
        )
        if version == "source":
            graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
            assert len(graded) == len(m.items) + len(m.exercises)
            for cell in graded:
                results = [o for o in cell.outputs if o.output_type == "execute_result"]
                assert results and float(results[0]["data"]["text/plain"]) == 0.0  # no answers yet
                assert not [o for o in cell.outputs if o.get("name") == "stderr"], "stderr zeroes a grade"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_home_page_executes(built_course, tmp_path, lang):
    from coursekit.build import install_learner

    settings.set_lang(lang)
    install_learner(built_course, tmp_path, modules())
    nb = execute(tmp_path / "index.ipynb")
    text = outputs_text(nb)
    assert html.escape(module_text("home", lang).title) in text
    for m in modules():
        assert f'href="{m.assignment}/{m.notebook_file}"' in text


def test_learner_notebooks_carry_no_hidden_tests(built_course):
    for m in modules():
        nb = nbformat.read(built_course / "release" / m.assignment / m.notebook_file, as_version=4)
        assert "grade_item(" not in "".join(c.source for c in nb.cells)
        assert "grade_exercise(" not in "".join(c.source for c in nb.cells)


def test_source_notebooks_are_jupytext_text():
    for m in modules():
        nb = source_notebook(m.notebook)
        assert nb.cells and nb.metadata["kernelspec"]["name"] == "python3"

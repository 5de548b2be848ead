"""The instructor's dashboard: cohort overview, review queue, learners' progress, per-criterion export.

It is a Jupyter server extension, so it runs wherever nbgrader's formgrader runs: in the instructor's own
Jupyter server (`backa-course instructor`), or on a JupyterHub in the shared grading server that only the
formgrade group may open (deploy/jupyterhub/jupyterhub_config.py). It reads nbgrader's gradebook and the
learners' submitted answers files, and writes manual grades and comments through nbgrader's API.
"""

from __future__ import annotations


def _jupyter_server_extension_points():
    return [{"module": "coursekit.instructor"}]


def _load_jupyter_server_extension(serverapp):
    from .web import load

    load(serverapp)


# Older Jupyter servers look for this name.
load_jupyter_server_extension = _load_jupyter_server_extension

# The course's Voilà settings, loaded by any Jupyter server whose JUPYTER_CONFIG_PATH names this
# folder: `make start`, and single-user servers on a JupyterHub (deploy/jupyterhub).
# Everything here keeps the dashboards offline and quiet.
import os
from pathlib import Path

c = get_config()  # noqa: F821
HERE = Path(__file__).parent
BASE = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/").rstrip("/")

# Voilà's lab template, without its icon-font links to a CDN (voila/templates/backa).
c.VoilaConfiguration.template = "backa"
c.VoilaConfiguration.show_tracebacks = False
# Lab extensions meant for JupyterLab's own shell fail inside Voilà: leave them out.
c.VoilaConfiguration.extension_denylist = [
    "@jupyter-notebook/lab-extension",
    "@jupyter/nbgrader",
    "jupyterlab-jupytext",
    "@voila-dashboards/jupyterlab-preview",
]
# Voilà would load MathJax from a CDN; it gets a local stand-in instead (the course has no maths).
c.ServerApp.extra_static_paths = [str(HERE / "static")]
c.ServerApp.tornado_settings = {"mathjax_url": f"{BASE}/static/mathjax-stub.js"}

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


# Leaving a dashboard page (navigating, reloading, closing the tab), Voilà's page asks the server to
# shut its kernel down with a POST that carries the `_xsrf` cookie. Voilà renders its page without
# ever touching the XSRF token, so the cookie was never set and every shutdown was refused (403):
# each visit left a kernel of about 60 MB behind. Reading the token sets the cookie.
def _set_xsrf_cookie(handler, notebook, cwd):
    handler.xsrf_token  # noqa: B018 (tornado sets the cookie on first access)


c.VoilaConfiguration.prelaunch_hook = _set_xsrf_cookie


# When the shutdown request never arrives (a crashed browser, a dropped network), idle kernels with no
# page connected are culled. A kernel whose page is still open is never culled, however long the
# learner pauses: its answers are saved on every pause anyway. BACKA_KERNEL_IDLE_MINUTES sets the time.
def _idle_seconds(default_minutes: float = 30) -> int:
    raw = os.environ.get("BACKA_KERNEL_IDLE_MINUTES", "")
    try:
        minutes = float(raw) if raw else default_minutes
    except ValueError:
        minutes = -1
    if not minutes > 0:
        print(f"BACKA_KERNEL_IDLE_MINUTES={raw!r} is not a positive number; using {default_minutes}.")
        minutes = default_minutes
    return max(1, round(minutes * 60))


c.MappingKernelManager.cull_idle_timeout = _idle_seconds()
c.MappingKernelManager.cull_interval = min(60, max(1, c.MappingKernelManager.cull_idle_timeout // 2))
c.MappingKernelManager.cull_connected = False
c.MappingKernelManager.cull_busy = False

"""JupyterLab as a learner meets it: a Jupyter server extension (no lab extension, no build step).

- It serves `<base_url>backa-course/lab.css`: the course notebooks show their text and widgets
  without code, prompts or nbgrader's empty hidden-test cells (coursekit/lab/lab.css), and the text
  pre-rendered at build time (coursekit/prerender.py) shows in the learner's remembered language.
  The language is read from the learner's settings each time a page loads.
- It makes JupyterLab's documented custom stylesheet (`<jupyter config dir>/custom/custom.css`,
  loaded when `LabApp.custom_css` is on) import that file, in a marked block at the top; the rest of
  the user's own file is left as it is.

The learner configuration in coursekit/lab/learners turns this on, turns on `LabApp.custom_css`, and
leaves out nbgrader's instructor parts (formgrader, create assignment, course list);
coursekit/lab/instructors turns those back on. Put the folder on JUPYTER_CONFIG_PATH: `backa-course lab` does so
for self-study, deploy/ on JupyterHub.
"""

from __future__ import annotations

from pathlib import Path

from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web

from . import settings

LAB = Path(__file__).parent / "lab"
LEARNER_CONFIG = LAB / "learners"
INSTRUCTOR_CONFIG = LAB / "instructors"
STYLE_URL = "backa-course/lab.css"
BEGIN = "/* backa-course: begin (written by coursekit/labview.py; the course's JupyterLab style) */"
END = "/* backa-course: end */"


def lab_css(lang: str) -> str:
    """The course's JupyterLab rules, with the pre-rendered text shown in `lang` only."""
    rules = (LAB / "lab.css").read_text(encoding="utf-8")
    # Pre-rendered blocks: the default language is visible and the others `hidden`; the choice decides.
    chosen = (
        f'.jp-OutputArea .backa-text-lang[lang="{lang}"] {{ display: block !important; }}\n'
        f'.jp-OutputArea .backa-text-lang:not([lang="{lang}"]) {{ display: none !important; }}\n'
    )
    return f"{rules}\n/* The learner's language: {lang} */\n{chosen}"


def custom_css_block() -> str:
    # Relative to <base_url>custom/custom.css, so it works under a JupyterHub prefix too.
    return f'{BEGIN}\n@import url("../{STYLE_URL}");\n{END}\n'


def install_custom_css(config_dir: Path) -> Path:
    """Put the course's import at the top of the user's custom.css (@import must come first)."""
    path = config_dir / "custom" / "custom.css"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, _, rest = old.partition(BEGIN)
        old = head + rest.partition(END)[2].lstrip("\n")
    new = custom_css_block() + old
    if new != (path.read_text(encoding="utf-8") if path.exists() else None):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(new, encoding="utf-8")
    return path


class LabStyle(JupyterHandler):
    @web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.set_header("Cache-Control", "no-store")  # the language can change between page loads
        self.finish(lab_css(settings.get_lang()))


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "coursekit.labview"}]


def _load_jupyter_server_extension(serverapp) -> None:
    web_app = serverapp.web_app
    web_app.add_handlers(".*$", [(url_path_join(web_app.settings["base_url"], STYLE_URL), LabStyle)])
    try:
        path = install_custom_css(Path(serverapp.config_dir))
    except OSError as e:
        serverapp.log.warning("backa-course: could not write the custom stylesheet for JupyterLab: %s", e)
        return
    serverapp.log.info("backa-course: JupyterLab style for learners imported by %s", path)

# JupyterHub on one machine (e.g. a city training server): every learner gets JupyterLab with the
# course's stack, the Voilà dashboards at /user/<name>/voila, and nbgrader's Assignments tab.
# The instructors' group sees the formgrader. Authentication: use the city's own (LDAP/Azure AD) here.
c = get_config()  # noqa: F821

COURSE = "backa-dialogue"
INSTRUCTORS = ["instructor1"]  # replace with the training department's accounts

c.JupyterHub.bind_url = "http://127.0.0.1:8000"  # put it behind the city's reverse proxy with TLS
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.Authenticator.allow_all = True

# Each user's server: JupyterLab, started in their home, where `nbgrader fetch` puts the modules.
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
# The course's Voilà settings (offline template, no CDN) live beside its code: coursekit/voila.
try:
    from coursekit.cli import VOILA_FILES

    c.Spawner.environment = {"JUPYTER_PATH": str(VOILA_FILES), "JUPYTER_CONFIG_PATH": str(VOILA_FILES)}
except ImportError:  # the hub runs in another environment: point these at the course's install
    c.Spawner.environment = {}

# --- JupyterLab for learners and instructors (coursekit/labview.py) ------------------------------
# Every server gets the learners' JupyterLab: module notebooks show their text without code, in the
# learner's language, and of nbgrader only the assignment list and Validate. Members of the
# formgrade group also get nbgrader's formgrader, create-assignment and course-list parts, as
# nbgrader's docs describe for a hub. Keep this after `c.Spawner.environment` is set.
import os  # noqa: E402

try:
    from coursekit.labview import INSTRUCTOR_CONFIG, LEARNER_CONFIG

    _other_config = [p for p in [c.Spawner.environment.get("JUPYTER_CONFIG_PATH", "")] if p]

    def lab_config_path(spawner):
        instructor = any(g.name == f"formgrade-{COURSE}" for g in spawner.user.groups)
        dirs = [str(INSTRUCTOR_CONFIG)] if instructor else []
        return os.pathsep.join([*dirs, str(LEARNER_CONFIG), *_other_config])

    c.Spawner.environment["JUPYTER_CONFIG_PATH"] = lab_config_path
except ImportError:  # the hub runs elsewhere: the single-user image (deploy/image) sets the learners' default
    pass
# --- end: JupyterLab for learners and instructors ------------------------------------------------

# nbgrader's documented JupyterHub set-up: groups name who grades and who takes the course.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE}": {"users": []},  # learners are added as they are enrolled
}
c.JupyterHub.load_roles = [
    {"name": "formgrader", "groups": [f"formgrade-{COURSE}"], "scopes": ["access:servers", "list:users"]},
]

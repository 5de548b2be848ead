# JupyterHub on one machine (e.g. a city training server): every learner gets JupyterLab with the
# course's stack, the Voilà dashboards at /user/<name>/voila, and nbgrader's Assignments tab.
# The instructors' group sees the formgrader. Authentication: use the city's own (LDAP/Azure AD) here.
c = get_config()  # noqa: F821

COURSE = "backa-dialogue"
INSTRUCTORS = ["instructor1"]  # replace with the training department's accounts

c.JupyterHub.bind_url = "http://127.0.0.1:8000"  # put it behind the city's reverse proxy with TLS
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.Authenticator.allow_all = True

# Each user's server starts in their home, where `nbgrader fetch` puts the modules. Where they land:
# see "Learners land on the course home" below.
c.Spawner.notebook_dir = "~"
# The course's Voilà settings (offline template, no CDN) live beside its code: coursekit/voila.
try:
    from coursekit.cli import VOILA_FILES

    c.Spawner.environment = {"JUPYTER_PATH": str(VOILA_FILES), "JUPYTER_CONFIG_PATH": str(VOILA_FILES)}
except ImportError:  # the hub runs in another environment: point these at the course's install
    c.Spawner.environment = {}

# nbgrader's documented JupyterHub set-up: groups name who grades and who takes the course.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE}": {"users": []},  # learners are added as they are enrolled
}
c.JupyterHub.load_roles = [
    {"name": "formgrader", "groups": [f"formgrade-{COURSE}"], "scopes": ["access:servers", "list:users"]},
]

# ---- Learners land on the course home ------------------------------------------------------------
# The course home is the Voilà start page: the released modules with the learner's progress, Hand in
# and feedback, and a link to JupyterLab (/user/<name>/lab, one click away). coursekit.hub_home, a
# small server extension enabled from coursekit/hub, writes it into each learner's folder at start.
try:
    from coursekit.hub_home import CONFIG_DIR as COURSE_HOME_CONFIG
    from coursekit.hub_home import HOME_NOTEBOOK as COURSE_HOME
except ImportError:  # the hub runs in another environment: name the course's install here
    COURSE_HOME_CONFIG, COURSE_HOME = "/opt/backa-course/coursekit/hub", "course-home.ipynb"
c.Spawner.default_url = f"/voila/render/{COURSE_HOME}"
_config_path = [p for p in c.Spawner.environment.get("JUPYTER_CONFIG_PATH", "").split(":") if p]
c.Spawner.environment["JUPYTER_CONFIG_PATH"] = ":".join([*_config_path, str(COURSE_HOME_CONFIG)])
# ---- end of the course home --------------------------------------------------------------------------

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

# nbgrader's documented JupyterHub set-up: groups name who grades and who takes the course.
c.JupyterHub.load_groups = {
    f"formgrade-{COURSE}": {"users": INSTRUCTORS},
    f"nbgrader-{COURSE}": {"users": []},  # learners are added as they are enrolled
}
c.JupyterHub.load_roles = [
    {"name": "formgrader", "groups": [f"formgrade-{COURSE}"], "scopes": ["access:servers", "list:users"]},
]

# --- Instructors: shared grading server with the instructor's dashboard (issue 9) -------------------------
# nbgrader's documented "shared formgrader": one Jupyter server for the course, run by the hub as a
# managed service, that only the formgrade group may open (the access scope below). It serves nbgrader's
# formgrader and the course's instructor dashboard (coursekit.instructor) from the course folder, at
# /services/backa-dialogue/backa-instructor/. Learners, who lack the scope, are refused by the hub.
import os  # noqa: E402

GRADER_COURSE_DIR = os.environ.get("BACKA_GRADER_COURSE_DIR", "/srv/nbgrader/backa-dialogue")
GRADER_PORT = int(os.environ.get("BACKA_GRADER_PORT", "9999"))
c.JupyterHub.services.append(
    {
        "name": COURSE,
        "url": f"http://127.0.0.1:{GRADER_PORT}",
        "command": [
            "jupyterhub-singleuser",
            f"--ServerApp.root_dir={GRADER_COURSE_DIR}",
            "--ServerApp.default_url=/backa-instructor/",
            '--ServerApp.jpserver_extensions={"coursekit.instructor": True, '
            '"nbgrader.server_extensions.formgrader": True}',
        ],
        "cwd": GRADER_COURSE_DIR,
        "environment": {"BACKA_COURSE_DIR": GRADER_COURSE_DIR},
        "oauth_no_confirm": True,
        # On a real server, run it as the course's grader account, which owns the course folder:
        # "user": "grader-backa-dialogue",
    }
)
c.JupyterHub.load_roles.append(
    {
        "name": f"grade-{COURSE}",
        "groups": [f"formgrade-{COURSE}"],
        "scopes": [f"access:services!service={COURSE}", f"read:services!service={COURSE}", "list:services"],
    }
)
# --- end of the instructors' block --------------------------------------------------------------------------

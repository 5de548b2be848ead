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

# ==== Course exchange: begin (nbgrader's hand-out and hand-in through the hub; docs/deploy.md) ====
# nbgrader's own exchange is a shared folder guarded by Unix permissions; it cannot tell apart learners
# who share a Unix user, and even with real accounts it lets anyone hand in under another's name. The
# course exchange (coursekit/exchange) is a hub service instead: it knows a learner by the JupyterHub
# token of their server. /etc/jupyter/nbgrader_config.py (deploy/nbgrader_config.py) points nbgrader at it.
import sys  # noqa: E402

EXCHANGE = "course-exchange"
EXCHANGE_URL = os.environ.get("COURSE_EXCHANGE_SERVICE_URL", "http://127.0.0.1:8765")
# The service's own folder (made 0700): no learner's server mounts or reads it.
EXCHANGE_STORE = os.environ.get("COURSE_EXCHANGE_STORE", "/srv/nbgrader/course-exchange")

c.JupyterHub.services.append(
    {
        "name": EXCHANGE,
        "url": EXCHANGE_URL,
        "display": False,
        # The hub's Python must have the course installed: pip install -e "/opt/backa-course[hub]"
        "command": [sys.executable, "-m", "coursekit.exchange.service", "--root", EXCHANGE_STORE],
    }
)
# Who may use it: the course's learners and instructors (the service tells them apart by group).
c.JupyterHub.load_roles.append(
    {
        "name": "course-exchange-users",
        "scopes": [f"access:services!service={EXCHANGE}"],
        "groups": [f"nbgrader-{COURSE}", f"formgrade-{COURSE}"],
    }
)
# Each server's own token ($JUPYTERHUB_API_TOKEN) may reach the exchange: JupyterHub's default server
# scopes plus access to this one service. A learner enrolled after their server started must restart it.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={EXCHANGE}",
]
c.Spawner.environment.update({"COURSE_EXCHANGE_URL": f"{EXCHANGE_URL}/services/{EXCHANGE}/"})


def keep_home_private(spawner):
    """Reflections are personal data: a learner's home is theirs alone (Debian's useradd makes it 0755)."""
    import pwd
    import stat

    from jupyterhub.spawner import SimpleLocalProcessSpawner

    if isinstance(spawner, SimpleLocalProcessSpawner):
        return
    try:
        account = pwd.getpwnam(spawner.user.name)
    except KeyError:
        return
    if account.pw_uid < 1000 or not os.path.isdir(account.pw_dir):
        return  # system accounts are not learners
    mode = stat.S_IMODE(os.stat(account.pw_dir).st_mode)
    if mode & 0o077:
        os.chmod(account.pw_dir, mode & 0o700)
        spawner.log.info("Made %s private to %s (was %o)", account.pw_dir, spawner.user.name, mode)


c.LocalProcessSpawner.pre_spawn_hook = keep_home_private
# ==== Course exchange: end ====

# --- Instructors: shared grading server with the instructor's dashboard (issue 9) -------------------------
# nbgrader's documented "shared formgrader": one Jupyter server for the course, run by the hub as a
# managed service, that only the formgrade group may open (the access scope below). It serves nbgrader's
# formgrader and the course's instructor dashboard (coursekit.instructor) from the course folder, at
# /services/backa-dialogue/backa-instructor/. Learners, who lack the scope, are refused by the hub.
GRADER_COURSE_DIR = os.environ.get("BACKA_GRADER_COURSE_DIR", "/srv/nbgrader/backa-dialogue")
GRADER_PORT = int(os.environ.get("BACKA_GRADER_PORT", "9999"))
# The service serves the course folder; until an instructor has built it (`backa-course build
# --course-dir ...`) there is nothing to grade, and the hub starts without it (restart it afterwards).
if os.path.isdir(GRADER_COURSE_DIR):
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
            "scopes": [
                f"access:services!service={COURSE}",
                f"read:services!service={COURSE}",
                "list:services",
            ],
        }
    )
else:
    print(f"jupyterhub_config: no course folder at {GRADER_COURSE_DIR}; the grading service is not started.")
# --- end of the instructors' block --------------------------------------------------------------------------

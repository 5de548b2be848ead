# JupyterHub on one machine (e.g. a city training server), for the course "backa-dialogue".
# See docs/deploy.md. In short, a learner who signs in:
#   - lands on the course home (Voilà): the released modules with progress, Hand in and feedback;
#     JupyterLab, set up for learners, is one click away;
#   - fetches and hands in through the course exchange, a hub service that knows each learner by the
#     hub token of their server (nbgrader's own exchange folder cannot tell learners apart).
# Instructors (the formgrade group) also get nbgrader's instructor parts in JupyterLab, and the course's
# shared grading server (formgrader and the instructor's dashboard) as a hub service.
# Authentication: put the city's own here (LDAP/Azure AD).
import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821

COURSE = "backa-dialogue"
INSTRUCTORS = ["instructor1"]  # replace with the training department's accounts
INSTRUCTOR_GROUP, LEARNER_GROUP = f"formgrade-{COURSE}", f"nbgrader-{COURSE}"

c.JupyterHub.bind_url = "http://127.0.0.1:8000"  # put it behind the city's reverse proxy with TLS
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
c.Authenticator.allow_all = True

# nbgrader's documented JupyterHub set-up: groups name who grades and who takes the course.
c.JupyterHub.load_groups = {
    INSTRUCTOR_GROUP: {"users": INSTRUCTORS},
    LEARNER_GROUP: {"users": []},  # learners are added as they are enrolled
}
c.JupyterHub.load_roles = [
    {"name": "formgrader", "groups": [INSTRUCTOR_GROUP], "scopes": ["access:servers", "list:users"]},
]

# ==== Every user's server ==========================================================================
# The course's own settings folders, from where the course is installed (the hub's Python must have it:
# pip install -e "/opt/backa-course[hub]"; the single-user servers use the same install).
try:
    from coursekit import __file__ as _coursekit_init

    COURSEKIT = Path(_coursekit_init).parent
except ImportError:
    COURSEKIT = Path("/opt/backa-course/coursekit")
LEARNER_LAB = COURSEKIT / "lab" / "learners"  # learners' JupyterLab (coursekit/labview.py)
INSTRUCTOR_LAB = COURSEKIT / "lab" / "instructors"  # nbgrader's instructor parts, turned back on
VOILA = COURSEKIT / "voila"  # the course's Voilà settings: offline template, no CDN
COURSE_HOME = COURSEKIT / "hub"  # enables coursekit.hub_home, which writes the course home
COURSE_HOME_NOTEBOOK = "course-home.ipynb"  # coursekit.hub_home.HOME_NOTEBOOK

# Each server starts in the learner's home, where modules are fetched, and opens on the course home.
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = f"/voila/render/{COURSE_HOME_NOTEBOOK}"


def course_config_path(spawner):
    """JUPYTER_CONFIG_PATH of a server, highest priority first: the instructors' JupyterLab parts (only
    for the formgrade group), the learners' JupyterLab, the Voilà settings, the course home's extension.
    /etc/jupyter (nbgrader_config.py, the course exchange) comes after these, as Jupyter always reads it."""
    instructor = any(g.name == INSTRUCTOR_GROUP for g in spawner.user.groups)
    folders = [INSTRUCTOR_LAB] if instructor else []
    return os.pathsep.join(str(f) for f in [*folders, LEARNER_LAB, VOILA, COURSE_HOME])


c.Spawner.environment = {
    "JUPYTER_PATH": str(VOILA),
    "JUPYTER_CONFIG_PATH": course_config_path,  # JupyterHub calls it with the spawner at each start
}

# ==== The course exchange (coursekit/exchange) =====================================================
# nbgrader's own exchange is a shared folder guarded by Unix permissions; it cannot tell apart learners
# who share a Unix user, and even with real accounts it lets anyone hand in under another's name. The
# course exchange is a hub service instead: it knows a learner by the JupyterHub token of their server.
# /etc/jupyter/nbgrader_config.py (deploy/nbgrader_config.py) points nbgrader at it.
EXCHANGE = "course-exchange"
EXCHANGE_URL = os.environ.get("COURSE_EXCHANGE_SERVICE_URL", "http://127.0.0.1:8765")
# The service's own folder (made 0700): no learner's server mounts or reads it. Back it up.
EXCHANGE_STORE = os.environ.get("COURSE_EXCHANGE_STORE", "/srv/nbgrader/course-exchange")

c.JupyterHub.services.append(
    {
        "name": EXCHANGE,
        "url": EXCHANGE_URL,
        "display": False,
        "command": [
            *[sys.executable, "-m", "coursekit.exchange.service", "--root", EXCHANGE_STORE],
            *["--grading-service", COURSE],  # the shared grading server below acts as the instructor
        ],
    }
)
# Who may use it: the course's learners and instructors (the service tells them apart by group).
c.JupyterHub.load_roles.append(
    {
        "name": "course-exchange-users",
        "scopes": [f"access:services!service={EXCHANGE}"],
        "groups": [LEARNER_GROUP, INSTRUCTOR_GROUP],
    }
)
# Each server's own token ($JUPYTERHUB_API_TOKEN) may reach the exchange: JupyterHub's default server
# scopes plus access to this one service. A learner enrolled after their server started must restart it.
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    f"access:services!service={EXCHANGE}",
]
c.Spawner.environment["COURSE_EXCHANGE_URL"] = f"{EXCHANGE_URL}/services/{EXCHANGE}/"

# ==== Instructors: the shared grading server (coursekit.instructor, issue 9) ========================
# nbgrader's documented "shared formgrader": one Jupyter server for the course, run by the hub as a
# managed service, that only the formgrade group may open (the access scope below). It serves nbgrader's
# formgrader and the course's instructor dashboard from the course folder, at
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
            # Its formgrader releases, collects and releases feedback through the course exchange, with the
            # service's own hub token (the exchange takes it as the course's instructor: --grading-service).
            "environment": {
                "BACKA_COURSE_DIR": GRADER_COURSE_DIR,
                "COURSE_EXCHANGE_URL": f"{EXCHANGE_URL}/services/{EXCHANGE}/",
            },
            "oauth_no_confirm": True,
            # On a real server, run it as the course's grader account, which owns the course folder:
            # "user": "grader-backa-dialogue",
        }
    )
    c.JupyterHub.load_roles.append(
        {
            "name": f"grade-{COURSE}",
            "groups": [INSTRUCTOR_GROUP],
            "scopes": [
                f"access:services!service={COURSE}",
                f"read:services!service={COURSE}",
                "list:services",
            ],
        }
    )
    c.JupyterHub.load_roles.append(
        {
            "name": f"grade-{COURSE}-exchange",
            "services": [COURSE],
            "scopes": [f"access:services!service={EXCHANGE}"],
        }
    )
else:
    print(f"jupyterhub_config: no course folder at {GRADER_COURSE_DIR}; the grading service is not started.")


# ==== Real Unix accounts ===========================================================================
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

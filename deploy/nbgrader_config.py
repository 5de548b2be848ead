# System-wide nbgrader configuration for a JupyterHub: install as /etc/jupyter/nbgrader_config.py
# on every single-user server (learners' and instructors'). The instructor's course folder has its own
# nbgrader_config.py, written by `backa-course build --course-dir ...`.
c = get_config()  # noqa: F821

# One course; nbgrader's default filesystem exchange on a folder every user server can see
# (a shared disk on one machine, or a ReadWriteMany volume on Kubernetes).
c.CourseDirectory.course_id = "backa-dialogue"
c.Exchange.root = "/srv/nbgrader/exchange"
# Learners' answers live in answers.json beside each notebook; it must travel with a submission.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "answers.json.lock",
    ".answers-*.tmp",
]

# A submitted notebook is the learner's file: its Markdown, raw cells and outputs are cleaned before the
# formgrader or the feedback shows them, and those pages load nothing from another machine (no MathJax CDN).
from coursekit.safe_html import template_basedirs  # noqa: E402

c.HTMLExporter.preprocessors = ["coursekit.safe_html.SanitizeNotebook"]
c.HTMLExporter.filters = {"markdown2html": "coursekit.safe_html.markdown2html"}
c.HTMLExporter.extra_template_basedirs = template_basedirs()

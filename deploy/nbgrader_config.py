# System-wide nbgrader configuration for a JupyterHub: install as /etc/jupyter/nbgrader_config.py
# on every single-user server (learners' and instructors'). The instructor's course folder has its own
# nbgrader_config.py, written by `backa-course build --course-dir ...`.
c = get_config()  # noqa: F821

c.CourseDirectory.course_id = "backa-dialogue"
# Learners' answers live in answers.json beside each notebook; it must travel with a submission.
c.CourseDirectory.ignore = [
    ".ipynb_checkpoints",
    "*.pyc",
    "__pycache__",
    "feedback",
    "answers.json.lock",
    ".answers-*.tmp",
]

# The exchange: the course exchange service on the hub (coursekit/exchange), not a shared folder.
# It knows each learner by the JupyterHub token of their server, so learners who share one Unix user
# (every Zero to JupyterHub pod runs as jovyan) cannot list, read, replace or hand in as each other.
# Its address comes from $COURSE_EXCHANGE_URL, which the hub sets for every server.
c.ExchangeFactory.exchange = "coursekit.exchange.client.HubExchange"
c.ExchangeFactory.fetch_assignment = "coursekit.exchange.client.HubExchangeFetchAssignment"
c.ExchangeFactory.fetch_feedback = "coursekit.exchange.client.HubExchangeFetchFeedback"
c.ExchangeFactory.release_assignment = "coursekit.exchange.client.HubExchangeReleaseAssignment"
c.ExchangeFactory.release_feedback = "coursekit.exchange.client.HubExchangeReleaseFeedback"
c.ExchangeFactory.list = "coursekit.exchange.client.HubExchangeList"
c.ExchangeFactory.submit = "coursekit.exchange.client.HubExchangeSubmit"
c.ExchangeFactory.collect = "coursekit.exchange.client.HubExchangeCollect"

# A submitted notebook is the learner's file: its Markdown, raw cells and outputs are cleaned before the
# formgrader or the feedback shows them, and those pages load nothing from another machine (no MathJax CDN).
from coursekit.safe_html import template_basedirs  # noqa: E402

c.HTMLExporter.preprocessors = ["coursekit.safe_html.SanitizeNotebook"]
c.HTMLExporter.filters = {"markdown2html": "coursekit.safe_html.markdown2html"}
c.HTMLExporter.extra_template_basedirs = template_basedirs()

# %%
# Closing module with a transfer case. Text: course/content/capstone/{sv,en}.md.
from pathlib import Path

from coursekit.lesson import Lesson

lesson = Lesson("capstone")
lesson.header()
lesson.show("overview", "instructor-timing")

# %%
lesson.show("teach-recap", "callout-fictional-case")

# %%
lesson.show("challenge-case")
lesson.exercise("capstone-case")

# %% nbgrader={"grade": true, "grade_id": "capstone-case", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("capstone-case")
### END HIDDEN TESTS

# %%
lesson.show("challenge-opening")
lesson.exercise("opening-words")

# %% nbgrader={"grade": true, "grade_id": "opening-words", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("opening-words")
### END HIDDEN TESTS

# %%
lesson.show("challenge-self-assessment")
lesson.exercise("self-assessment")

# %% nbgrader={"grade": true, "grade_id": "self-assessment", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("self-assessment")
### END HIDDEN TESTS

# %%
from widgets.certificate import CertificateWidget

lesson.show("teach-certificate")
lesson.add(CertificateWidget(Path.cwd().parent, lesson.lang))

# %%
lesson.show("keypoints", "instructor-group", "references")

# %%
# Module "Handling conflict". Text: course/content/handling-conflict/{sv,en}.md.
from coursekit.lesson import Lesson

lesson = Lesson("handling-conflict")
lesson.header()
lesson.show("overview", "instructor-timing")

# %%
lesson.show("teach-resource", "teach-no", "challenge-discuss-no")

# %%
lesson.show("teach-steps", "teach-metaskills", "teach-shuffle")

# %%
lesson.show("callout-fiction", "challenge-charrette", "instructor-simulation")
lesson.exercise("charrette")

# %% nbgrader={"grade": true, "grade_id": "charrette", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("charrette")
### END HIDDEN TESTS

# %%
lesson.show("challenge-say-it")
lesson.exercise("invite-the-no")

# %% nbgrader={"grade": true, "grade_id": "invite-the-no", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("invite-the-no")
### END HIDDEN TESTS

# %%
lesson.show("challenge-reflection")
lesson.reflection("minority-voice")

# %% nbgrader={"grade": true, "grade_id": "minority-voice", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_item

grade_item("minority-voice")
### END HIDDEN TESTS

# %%
lesson.show("keypoints", "instructor-misconceptions", "instructor-group", "references")

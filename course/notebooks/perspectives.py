# %%
# Module "Including all perspectives". Text: course/content/perspectives/{sv,en}.md.
from coursekit.lesson import Lesson

lesson = Lesson("perspectives")
lesson.header()
lesson.show("overview", "instructor-timing")

# %%
lesson.show("teach-perspective", "teach-not-a-group", "challenge-warm-up")

# %%
lesson.show("teach-why", "teach-backa", "callout-fictional-voices")

# %%
lesson.show("challenge-mapping")
lesson.exercise("perspective-mapping")

# %% nbgrader={"grade": true, "grade_id": "perspective-mapping", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("perspective-mapping")
### END HIDDEN TESTS

# %%
lesson.show("teach-after-mapping")

# %%
lesson.show("teach-writing", "challenge-statement")
lesson.exercise("perspective-statement")

# %% nbgrader={"grade": true, "grade_id": "perspective-statement", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("perspective-statement")
### END HIDDEN TESTS

# %%
lesson.show("challenge-reflection")
lesson.reflection("perspective-map")

# %% nbgrader={"grade": true, "grade_id": "perspective-map", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_item

grade_item("perspective-map")
### END HIDDEN TESTS

# %%
lesson.show("keypoints", "instructor-misconceptions", "instructor-group", "references")

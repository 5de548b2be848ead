# %%
# Module "Listening". Text: course/content/listening/{sv,en}.md.
from coursekit.lesson import Lesson

lesson = Lesson("listening")
lesson.header()
lesson.show("overview", "instructor-timing", "callout-composites")

# %%
lesson.show("teach-why", "teach-openness", "teach-own-perspective", "teach-anger", "challenge-notice")

# %%
lesson.show("teach-technique", "teach-not-to-do")

# %%
lesson.show("challenge-practice")
lesson.exercise("listening-practice")

# %% nbgrader={"grade": true, "grade_id": "listening-practice", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("listening-practice")
### END HIDDEN TESTS

# %%
lesson.show("challenge-inform")
lesson.exercise("inform-after-receiving")

# %% nbgrader={"grade": true, "grade_id": "inform-after-receiving", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("inform-after-receiving")
### END HIDDEN TESTS

# %%
lesson.show("challenge-reflection")
lesson.reflection("listening-response")

# %% nbgrader={"grade": true, "grade_id": "listening-response", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_item

grade_item("listening-response")
### END HIDDEN TESTS

# %%
lesson.show("keypoints", "instructor-misconceptions", "instructor-group", "references")

# %%
# Module "View of conflict". Text: course/content/conflict-view/{sv,en}.md.
from coursekit.lesson import Lesson

lesson = Lesson("conflict-view")
lesson.header()
lesson.show("overview", "instructor-timing", "callout-fictional")

# %%
lesson.show("teach-view", "teach-signal", "challenge-discuss-view")

# %%
lesson.show("teach-line", "teach-stages")

# %%
lesson.show("challenge-placement")
lesson.exercise("resistance-placement")

# %% nbgrader={"grade": true, "grade_id": "resistance-placement", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("resistance-placement")
### END HIDDEN TESTS

# %%
lesson.show("teach-visible", "teach-polarisation", "teach-safety")

# %%
lesson.show("challenge-say-it")
lesson.exercise("make-it-visible")

# %% nbgrader={"grade": true, "grade_id": "make-it-visible", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("make-it-visible")
### END HIDDEN TESTS

# %%
lesson.show("challenge-reflection")
lesson.reflection("resistance-line")

# %% nbgrader={"grade": true, "grade_id": "resistance-line", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_item

grade_item("resistance-line")
### END HIDDEN TESTS

# %%
lesson.show("keypoints", "teach-further-reading", "instructor-misconceptions", "instructor-group", "references")

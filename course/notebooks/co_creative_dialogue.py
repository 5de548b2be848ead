# %%
# Module "The co-creative dialogue". Text: course/content/co-creative-dialogue/{sv,en}.md.
from coursekit.lesson import Lesson

lesson = Lesson("co-creative-dialogue")
lesson.header()
lesson.show("overview", "instructor-timing")

# %%
lesson.show("teach-learning-process", "teach-phases", "challenge-dialogue-or-not")

# %%
lesson.show("teach-between", "challenge-between")
lesson.exercise("between-perspectives")

# %% nbgrader={"grade": true, "grade_id": "between-perspectives", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("between-perspectives")
### END HIDDEN TESTS

# %%
lesson.show(
    "teach-participation",
    "teach-mandate",
    "teach-decision-makers",
    "teach-media",
    "teach-transparency",
    "callout-fictional-case",
)

# %%
lesson.show("challenge-frame-media")
lesson.exercise("frame-and-media")

# %% nbgrader={"grade": true, "grade_id": "frame-and-media", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("frame-and-media")
### END HIDDEN TESTS

# %%
lesson.show("challenge-plan")
lesson.exercise("dialogue-plan")

# %% nbgrader={"grade": true, "grade_id": "dialogue-plan", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("dialogue-plan")
### END HIDDEN TESTS

# %%
lesson.show("challenge-reflection")
lesson.reflection("dialogue-design")

# %% nbgrader={"grade": true, "grade_id": "dialogue-design", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_item

grade_item("dialogue-design")
### END HIDDEN TESTS

# %%
lesson.show("keypoints", "instructor-misconceptions", "instructor-group", "references")

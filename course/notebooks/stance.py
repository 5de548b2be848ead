# %%
# Module "The facilitator's stance". Text: course/content/stance/{sv,en}.md.
from coursekit.lesson import Lesson

lesson = Lesson("stance")
lesson.header()
lesson.show("overview", "instructor-timing")

# %%
lesson.show("teach-stance", "teach-listening", "teach-perspectives", "challenge-discuss-perspectives")

# %%
lesson.show("teach-relation", "teach-co-creation", "challenge-discuss-influence", "teach-transparency")

# %%
lesson.show("challenge-stance-moves")
lesson.exercise("stance-moves")

# %% nbgrader={"grade": true, "grade_id": "stance-moves", "locked": true, "points": 3, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("stance-moves")
### END HIDDEN TESTS

# %%
lesson.show("challenge-say-it")
lesson.exercise("stance-say-it")

# %% nbgrader={"grade": true, "grade_id": "stance-say-it", "locked": true, "points": 2, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("stance-say-it")
### END HIDDEN TESTS

# %%
lesson.show("challenge-reflection")
lesson.reflection("stance-experience")

# %% nbgrader={"grade": true, "grade_id": "stance-experience", "locked": true, "points": 4, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_item

grade_item("stance-experience")
### END HIDDEN TESTS

# %%
lesson.show("keypoints", "instructor-misconceptions", "instructor-group", "references")

# %%
# Module "Welcome". All text lives in course/content/welcome/{sv,en}.md; this notebook places it.
from coursekit.lesson import Lesson

lesson = Lesson("welcome")
lesson.header()
lesson.show("overview")

# %%
lesson.show("teach-how-it-works", "teach-backa-story", "callout-fictional-voices")

# %%
lesson.show("teach-grading", "teach-privacy", "teach-deep-democracy")

# %%
lesson.show("challenge-welcome-check")
lesson.exercise("welcome-check")

# %% nbgrader={"grade": true, "grade_id": "welcome-check", "locked": true, "points": 1, "schema_version": 3, "solution": false, "task": false}
### BEGIN HIDDEN TESTS
from coursekit.autograde import grade_exercise

grade_exercise("welcome-check")
### END HIDDEN TESTS

# %%
lesson.show("keypoints", "instructor-setup", "instructor-trainer-guide")

# %%
from widgets.trainer_guide import TrainerGuideWidget

lesson.add(TrainerGuideWidget(lesson.lang))

# %%
lesson.show("references")

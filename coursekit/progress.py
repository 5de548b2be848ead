"""Progress per module, read from the learner's answers files (plain Python, never raises on bad files)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content import Module, catalogue
from .exercises import ExerciseError, score_exercise
from .store import read_answers


@dataclass
class Progress:
    module: Module
    done: int
    total: int

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


def module_progress(m: Module, learner: Path) -> Progress:
    from grading import score

    data = read_answers(learner / m.assignment)  # odd parts of the file are already left out
    lang = data.get("lang") if data.get("lang") in ("sv", "en") else "sv"
    done = 0
    for item in m.items:
        text = (data["items"].get(item) or {}).get("text", "")
        try:
            done += bool(text.strip()) and score(item, text, lang).attempt
        except Exception:  # the start page lists every module, whatever one answer holds
            pass
    for ex in m.exercises:
        entry = data["exercises"].get(ex)
        if entry:
            try:
                done += score_exercise(ex, entry.get("answer"), lang).complete
            except ExerciseError:
                pass  # a broken exercise file: `backa-course check` names it
            except Exception:  # an answer no scorer expected: the start page still lists the module
                pass
    return Progress(m, done, len(m.items) + len(m.exercises))


def course_progress(learner: Path) -> list[Progress]:
    return [module_progress(m, learner) for m in catalogue()]

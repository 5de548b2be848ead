"""What a module notebook calls: text sections, the language switch, exercises and reflections.

Text is shown as display outputs (not widgets) so it stays in the saved notebook, in nbgrader's
feedback and in any HTML export. Changing the language updates every shown section in place.
"""

from __future__ import annotations

import importlib
import os

from IPython.display import HTML, display

from . import settings
from .content import module, render_sections, render_title
from .exercises import load_exercise, module_name
from .store import AnswersStore


def language_switch(on_change):
    """The remembered language choice (see widgets.language)."""
    from widgets.language import LanguageSwitch

    return LanguageSwitch(on_change)


class Lesson:
    def __init__(self, module_id: str, folder: str | os.PathLike | None = None) -> None:
        self.module = module(module_id)
        self.lang = settings.get_lang()
        # One window writes a module at a time: a second tab reads only (see AnswersStore).
        self.store = AnswersStore(folder or os.getcwd(), exclusive=True)
        self._shown: list[tuple[object, tuple[str, ...]]] = []
        self._widgets: list = []
        self._title = None

    # -- text -----------------------------------------------------------------------------------
    def _html(self, sections: tuple[str, ...]) -> HTML:
        return HTML(render_sections(self.module.id, self.lang, sections))

    def show(self, *sections: str) -> None:
        """Show one or more text sections of this module, in the learner's language."""
        handle = display(self._html(sections), display_id=True)
        self._shown.append((handle, sections))

    def header(self) -> None:
        """Module title and the language switch (the choice is remembered for all modules)."""
        self._title = display(self._title_html(), display_id=True)
        display(language_switch(self.set_lang))
        self._hand_in_bar()

    def _title_html(self) -> HTML:
        return HTML(render_title(self.module.id, self.lang))

    def set_lang(self, lang: str) -> None:
        settings.set_lang(lang)
        self.lang = lang
        if self._title is not None:
            self._title.update(self._title_html())
        for handle, sections in self._shown:
            handle.update(self._html(sections))
        for w in self._widgets:
            w.set_lang(lang)

    def _hand_in_bar(self) -> None:
        """On a hub: the way back to the course home, Hand in and feedback (widgets/handin.py)."""
        from widgets.handin import hand_in_bar

        bar = hand_in_bar(self.module, self.store.folder, self.lang)
        if bar is not None:
            display(self.add(bar))

    # -- interactive parts ----------------------------------------------------------------------
    def add(self, widget):
        """Show a widget of the notebook's own that follows the language switch (`set_lang`)."""
        self._widgets.append(widget)
        return widget

    def reflection(self, item: str):
        """The graded reflection `item`, saved to this module's answers file."""
        from widgets.reflection import ReflectionWidget

        w = ReflectionWidget(item, self.store, self.lang)
        w.guard(self.store, "items", item)
        self._widgets.append(w)
        return w

    def exercise(self, exercise_id: str):
        """The exercise `exercise_id`, shown by the widget module named after its type."""
        spec = load_exercise(exercise_id)
        view = importlib.import_module(f"widgets.{module_name(spec['type'])}")
        w = view.build(exercise_id, spec, self.store, self.lang)
        if hasattr(w, "guard"):
            w.guard(self.store, "exercises", exercise_id)
        self._widgets.append(w)
        return w

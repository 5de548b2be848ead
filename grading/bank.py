"""The item bank: the six graded reflection items, read from JSON data in items/.

Each item file holds the prompt and scenario (sv/en), and per criterion its label, advice (what to
add), an optional praise line, and the cue rules the scorer applies (see rules.py). Items may also
carry `references` (further course text an answer must not merely copy), `topic_words` and
`exemplars`: short answers written by the course team with their expected criteria, used in tests.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.abc import Traversable

from .rules import Rule, build_rule

LANGS = ("sv", "en")


class UnknownItemError(ValueError):
    """Raised for an item id that is not in the bank; the message lists the valid ids."""

    def __init__(self, item: str) -> None:
        super().__init__(f"Unknown reflection item {item!r}. Known items: {', '.join(item_ids())}.")
        self.item = item


@dataclass(frozen=True)
class Criterion:
    id: str
    label: dict[str, str]
    advice: dict[str, str]
    cues: dict[str, tuple[str, ...]]
    rule: Rule = field(default_factory=lambda: build_rule({}))
    praise: dict[str, str] | None = None
    advice_violation: dict[str, str] | None = None


@dataclass(frozen=True)
class Exemplar:
    lang: str
    text: str
    criteria: dict[str, bool]
    attempt: bool = True


@dataclass(frozen=True)
class Item:
    id: str
    module: str
    prompt: dict[str, str]
    scenario: dict[str, str] | None
    criteria: tuple[Criterion, ...]
    references: tuple[str, ...] = ()
    topic_words: tuple[str, ...] = ()
    exemplars: tuple[Exemplar, ...] = ()

    @property
    def max_points(self) -> int:
        return len(self.criteria)


def _items_dir() -> Traversable:
    return resources.files("grading").joinpath("items")


@cache
def item_ids() -> tuple[str, ...]:
    return tuple(sorted(p.name[:-5] for p in _items_dir().iterdir() if p.name.endswith(".json")))


@cache
def load_item(item: str) -> Item:
    if item not in item_ids():
        raise UnknownItemError(item)
    raw = json.loads(_items_dir().joinpath(f"{item}.json").read_text(encoding="utf-8"))
    criteria = tuple(
        Criterion(
            id=c["id"],
            label=c["label"],
            advice=c["advice"],
            cues={lang: tuple(c.get("cues", {}).get(lang, ())) for lang in LANGS},
            rule=build_rule(c.get("rules", {})),
            praise=c.get("praise"),
            advice_violation=c.get("advice_violation"),
        )
        for c in raw["criteria"]
    )
    exemplars = tuple(
        Exemplar(e["lang"], e["text"], dict(e.get("criteria", {})), bool(e.get("attempt", True)))
        for e in raw.get("exemplars", [])
    )
    topic = raw.get("topic_words", {})
    return Item(
        id=raw["id"],
        module=raw["module"],
        prompt=raw["prompt"],
        scenario=raw.get("scenario"),
        criteria=criteria,
        references=tuple(raw.get("references", [])),
        topic_words=tuple(topic.get("sv", []) + topic.get("en", [])),
        exemplars=exemplars,
    )

"""The item bank: the six graded reflection items, read from JSON data in items/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

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


@dataclass(frozen=True)
class Item:
    id: str
    module: str
    prompt: dict[str, str]
    scenario: dict[str, str] | None
    criteria: tuple[Criterion, ...]

    @property
    def max_points(self) -> int:
        return len(self.criteria)


def _items_dir():
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
            cues={lang: tuple(c["cues"].get(lang, ())) for lang in LANGS},
        )
        for c in raw["criteria"]
    )
    return Item(
        id=raw["id"],
        module=raw["module"],
        prompt=raw["prompt"],
        scenario=raw.get("scenario"),
        criteria=criteria,
    )

"""Scoring a reflection against its item's criteria.

First simple scorer: cue matching per sentence. The grader issue replaces the internals; the
interface (`score`, `Score`, `CriterionResult`) stays.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from .bank import LANGS, load_item

MIN_WORDS = 15
MAX_CHARS = 20_000

MESSAGES = {
    "empty": {"sv": "Texten är tom.", "en": "The text is empty."},
    "too-short": {
        "sv": "Texten är för kort för att bedömas. Skriv några hela meningar (minst 15 ord).",
        "en": "The text is too short to assess. Write a few full sentences (at least 15 words).",
    },
    "too-long": {
        "sv": "Texten är mycket lång. Bara början har bedömts; en person läser resten.",
        "en": "The text is very long. Only the beginning was assessed; a person reads the rest.",
    },
}


@dataclass
class CriterionResult:
    id: str
    label: str
    met: bool
    confidence: float
    evidence: str | None
    feedback: str


@dataclass
class Score:
    item: str
    lang: str
    points: int
    max_points: int
    attempt: bool
    needs_review: bool
    reason: str | None = None
    message: str | None = None
    criteria: list[CriterionResult] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def criteria_map(self) -> dict[str, bool]:
        return {c.id: c.met for c in self.criteria}


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"\w+", re.UNICODE)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def score(item: str, text: str, lang: str = "sv") -> Score:
    """Score `text` for reflection `item`; feedback is written in `lang` (the course language)."""
    spec = load_item(item)
    if lang not in LANGS:
        raise ValueError(f"Unknown language {lang!r}; use one of {', '.join(LANGS)}.")
    text = text or ""
    words = _WORD.findall(text)
    reason = None
    if not words:
        reason = "empty"
    elif len(words) < MIN_WORDS:
        reason = "too-short"
    if reason:
        return Score(
            item=item, lang=lang, points=0, max_points=spec.max_points, attempt=False,
            needs_review=False, reason=reason, message=MESSAGES[reason][lang],
            criteria=[
                CriterionResult(c.id, c.label[lang], False, 1.0, None, c.advice[lang]) for c in spec.criteria
            ],
        )
    clipped = text[:MAX_CHARS]
    sents = sentences(clipped)
    results = []
    for c in spec.criteria:
        cues = c.cues["sv"] + c.cues["en"]
        evidence = next((s for s in sents if any(q in s.lower() for q in cues)), None)
        met = evidence is not None if cues else True
        results.append(
            CriterionResult(c.id, c.label[lang], met, 0.5, evidence, "" if met else c.advice[lang])
        )
    long = len(text) > MAX_CHARS
    return Score(
        item=item, lang=lang, points=sum(r.met for r in results), max_points=spec.max_points,
        attempt=True, needs_review=long, reason="too-long" if long else None,
        message=MESSAGES["too-long"][lang] if long else None, criteria=results,
    )

"""Small text helpers shared by the exercise types."""

from __future__ import annotations

import re
from typing import Any

LANGS = ("sv", "en")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


def t(value: Any, lang: str) -> str:
    """A learner-facing string from data (`{"sv": ..., "en": ...}` or plain), Swedish as fallback."""
    if isinstance(value, dict):
        return value.get(lang) or value.get("sv") or ""
    return "" if value is None else str(value)


def both(value: Any) -> bool:
    """True when `value` gives a non-empty string in every course language."""
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS
    )


def words(text: str) -> int:
    """Words of at least two letters (digits and punctuation do not count)."""
    return len(_WORD.findall(text or ""))


def responses_of(answer: Any) -> dict[str, str]:
    """The learner's texts from a saved answer of any shape (wrong shapes read as empty)."""
    if not isinstance(answer, dict):
        return {}
    raw = answer.get("responses")
    if not isinstance(raw, dict):
        return {}
    return {str(k): v for k, v in raw.items() if isinstance(v, str)}

"""Small pieces the two fitted parts share (the review model and the second reader): the logistic
function, the hash folds of their cross-validation, and how a fitted model file is written."""

from __future__ import annotations

import hashlib
import json
import math
import os
from typing import Any


def sigmoid(z: float) -> float:
    """The logistic function, with z clipped so that exp() never overflows."""
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def fold(row_id: str, k: int, seed: int, salt: str = "") -> int:
    """A row's fold in repeat `seed` of a k-fold split (by a hash of its id: stable across runs)."""
    return int(hashlib.sha256(f"{salt}{seed}:{row_id}".encode()).hexdigest(), 16) % k


def dumps(model: dict[str, Any]) -> str:
    """A model file's text: sorted keys, so a re-fit of the same data gives the same bytes."""
    return json.dumps(model, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write(path: str, model: dict[str, Any]) -> None:
    """Write a model file whole or not at all (a reader never sees half a file)."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(dumps(model))
    os.replace(tmp, path)

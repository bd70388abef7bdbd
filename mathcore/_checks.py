"""Argument checks shared by mathcore modules: one clear ValueError each."""

from __future__ import annotations

import math

import numpy as np


def finite_number(value, what: str, *, positive: bool = False, nonnegative: bool = False) -> float:
    """Return ``value`` as a float, or raise ValueError saying what ``what`` must be."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not math.isfinite(x):
        raise ValueError(f"{what} must be finite, got {value!r}")
    if positive and x <= 0:
        raise ValueError(f"{what} must be > 0, got {value!r}")
    if nonnegative and x < 0:
        raise ValueError(f"{what} must be >= 0, got {value!r}")
    return x


def positive_int(value, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{what} must be a positive integer, got {value!r}")
    if value < 1:
        raise ValueError(f"{what} must be a positive integer, got {value!r}")
    return int(value)


def choice(value, what: str, allowed) -> str:
    if value not in allowed:
        raise ValueError(f"unknown {what} {value!r}; allowed: {', '.join(sorted(allowed))}")
    return value

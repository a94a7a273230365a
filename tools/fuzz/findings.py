"""Findings the differential tests reported that are not fixed yet.

A failure that matches one is counted apart ("known") so that new failures stand
out; it still gets a reproducer. Each entry names what it is an instance of.
"""

from __future__ import annotations

import re

KNOWN_ISSUES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    # (failure kind, what identifies every line of it, the finding)
)


def known_issue(kind: str, message: str) -> str | None:
    """The known finding a failure of ``kind`` with ``message`` is an instance of, if any."""
    lines = [line for line in message.strip().splitlines() if line.strip()]
    for known_kind, pattern, finding in KNOWN_ISSUES:
        if known_kind != kind or not lines:
            continue
        if kind == "lint":
            warnings = [line for line in lines if "%Warning" in line]
            if all(any(p.search(line) for k, p, _ in KNOWN_ISSUES if k == "lint") for line in warnings) \
                    and any(pattern.search(line) for line in warnings):
                return finding
        elif pattern.search(message):
            return finding
    return None

"""The repository has no ruff findings under the rule set in pyproject.toml (docs/architecture.md).

ruff is pinned in the ``test`` extra, so every machine checks the same rules; it reads its
configuration from pyproject.toml and checks the whole checkout (production code, tests, bench,
examples) in well under a second. A finding fails the suite with ruff's own report: fix the code,
or -- where the rule is wrong for that line -- add ``# noqa: CODE -- why`` on the line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"ruff check found problems:\n{result.stdout}{result.stderr}"

"""Helpers for the installed-wheel tests: the venv's own tools, and running them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
"""The bin folder of the venv the wheel is installed in (the one running these tests)."""


def tool(name: str) -> str:
    """The installed venv's console script ``name`` (never one from PATH)."""
    path = BIN / name
    assert path.is_file(), f"{name} is not installed in {BIN}"
    return str(path)


def run(*args: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command, failing the test with its output when it fails and ``check`` is set."""
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
    return result


"""The worked example of docs/regression-tests.md, run as its user would: a copy outside the checkout,
lit of this environment, loom as installed here; then broken on purpose, to see its tests catch it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2] / "docs" / "user_project"


def _lit(project: Path, *tests: str) -> subprocess.CompletedProcess[str]:
    """``lit -v`` on ``tests`` (folders or files of the copied project), from the project's folder."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    command = [sys.executable, "-c", "import lit.main; lit.main.main()", "-v", *tests]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "acme-project"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns("Output", "__pycache__"))
    assert not copy.resolve().is_relative_to(PROJECT.parents[1])
    return copy


@pytest.mark.slow
def test_the_user_project_passes_then_fails_when_broken(project: Path) -> None:
    tests = sorted(p.name for p in (project / "tests").iterdir() if p.suffix in (".py", ".mlir")
                   and p.name != "lit.cfg.py")
    assert {"gray-sv.py", "gray-loom.py", "port-names.mlir", "prefix-modules.mlir"} <= set(tests)
    result = _lit(project, "tests")
    assert result.returncode == 0, result.stdout + result.stderr
    unsupported = 0 if shutil.which("verilator") else 1  # gray-lint.py REQUIRES verilator
    assert f"Passed: {len(tests) - unsupported} (" in result.stdout
    for name in tests:
        assert f"acme :: {name}" in result.stdout

    # The generator loses the team's port name and computes count ^ (count >> 2): both tests notice.
    gray = project / "acme" / "gray.py"
    text = gray.read_text()
    assert text.count('"i_en"') == 1 and text.count("(count >> 1)") == 2
    gray.write_text(text.replace('"i_en"', '"en"').replace("^ (count >> 1))", "^ (count >> 2))"))
    broken = _lit(project, "tests/gray-sv.py", "tests/gray-loom.py")
    assert broken.returncode == 1
    assert "Failed: 2 (" in broken.stdout
    assert "error: input 'en' must start with 'i_'" in broken.stdout

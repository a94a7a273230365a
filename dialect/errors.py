"""loom's error hierarchy, split by audience.

``ElaborationError``: the user's generator is wrong (points at their Python line).
``VerifyError``: an IR invariant is broken (points at the .mlir location).
``ParseError``: the input text is not valid IR.
``PassFailedError``: a pass reported failure.
Tools print any ``LoomError`` as ``file:line:col: error: message`` and exit 1;
only internal bugs show a traceback.
"""

from __future__ import annotations


class LoomError(Exception):
    """Base class of every error loom reports to a user."""

    def __init__(self, message: str, location: str | None = None, notes: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.location = location
        self.notes = notes

    def __str__(self) -> str:
        text = f"{self.location}: error: {self.message}" if self.location else self.message
        return "\n".join([text, *(f"note: {note}" for note in self.notes)])


class ElaborationError(LoomError):
    """A generator describes invalid hardware (unconnected port, width mismatch, ...)."""


class UnknownAttributeError(ElaborationError, AttributeError):
    """A misspelt attribute of a loom object (``sig.asign``): located at the user's line, with a hint.

    Also an ``AttributeError``, so ``hasattr`` and ``getattr(obj, name, default)`` keep working.
    """


class UsageError(LoomError, TypeError):
    """A loom API called with an argument of the wrong kind or value (``Design.edit()`` without a callback,
    ``tie_output(path, 5, 0)``); also a ``TypeError``."""


class VerifyError(LoomError):
    """The IR breaks a loom dialect invariant."""


class ParseError(LoomError):
    """The input is not parsable IR or pipeline text."""


class PassFailedError(LoomError):
    """A pass in a pipeline failed."""

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


class LoomWarning(UserWarning):
    """A warning from loom: a pass's warning while no diagnostic handler was installed, a Python API call
    that did nothing (a ``loom.Design`` edit whose pattern matches no instance), or a generator that is
    legal but probably not what was meant (the subclasses below)."""


class KeywordNameWarning(LoomWarning):
    """A var, register or instance named like a SystemVerilog keyword (``logic``, ``table``): legal, but
    ExportVerilog renames it (``logic_0``), so the SystemVerilog does not use the name the user gave."""


class UndrivenWarning(LoomWarning):
    """A var that nothing drives and nothing reads (kratos accepts it quietly; loom drops it and says so)."""


def warn_at(category: type[LoomWarning], message: str, file: str, line: int) -> None:
    """Issue a warning attributed to the user's ``file:line`` (not to the loom code that noticed it)."""
    import warnings

    warnings.warn_explicit(category(f"{file}:{line}: warning: {message}"), category, file, line)

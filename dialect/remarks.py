"""Remarks and notes that passes report without failing (e.g. how an identity parameter was lowered).

The CIRCT Python bindings can emit only *errors* at a location
(``Location.emit_error``), so loom carries its informational diagnostics
itself: a pass calls ``emit(location, message)``; whoever listens gets a
``Remark``. ``loom-opt`` listens and prints them (or matches them against
``// expected-remark`` with ``--verify-diagnostics``); Python code collects
them with ``with collect() as remarks: ...``. Nobody listening costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from circt import ir

from .context import location_text

REMARK, NOTE, WARNING = "remark", "note", "warning"


class Remark:
    """One informational diagnostic at an IR location, with optional located notes (a plain class: a dataclass
    would be 0.5 ms of every ``import loom``, docs/architecture.md "Start-up")."""

    __slots__ = ("location", "message", "notes", "severity")

    def __init__(self, severity: str, location: ir.Location, message: str,
                 notes: tuple[tuple[ir.Location, str], ...] = ()):
        self.severity = severity
        self.location = location
        self.message = message
        self.notes = notes

    def __str__(self) -> str:
        lines = [f"{location_text(self.location)}: {self.severity}: {self.message}"]
        lines += [f"{location_text(loc)}: note: {text}" for loc, text in self.notes]
        return "\n".join(lines)


_listeners: list[Callable[[Remark], None]] = []


def emit(location: ir.Location, message: str, severity: str = REMARK,
         notes: tuple[tuple[ir.Location, str], ...] = ()) -> None:
    """Report a remark (or warning/note) to every listener."""
    if not _listeners:
        return
    remark = Remark(severity, location, message, notes)
    for listener in list(_listeners):
        listener(remark)


def has_listeners() -> bool:
    """Whether anyone would receive an ``emit`` now (a caller may fall back to Python warnings)."""
    return bool(_listeners)


@contextmanager
def listen(callback: Callable[[Remark], None]) -> Iterator[None]:
    """Call ``callback`` with every remark emitted inside the ``with`` block."""
    _listeners.append(callback)
    try:
        yield
    finally:
        _listeners.remove(callback)


@contextmanager
def collect() -> Iterator[list[Remark]]:
    """``with collect() as remarks:`` gathers the remarks emitted inside the block."""
    gathered: list[Remark] = []
    with listen(gathered.append):
        yield gathered
